"""The one table of ``perfdecl validate``'s options: :class:`ValidateArgs`.

The fast argv parser (:mod:`perfdecl.cli.fastpath`), the Typer command
(:mod:`perfdecl.cli.validate`) and the run (:mod:`perfdecl.cli.validate_run`) all read it; it
lives in a module of its own so that none of them imports another back.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from typing import Any, Literal

from perfdecl.problem import Lang

DEFAULT_MAX_BYTES = 16 * 1024 * 1024
DEFAULT_MAX_DEPTH = 64


Kind = Literal["flag", "text", "list", "int", "choice"]


def _opt(
    default: object,
    *flags: str,
    kind: Kind,
    help: str,
    metavar: str | None = None,
    minimum: int | None = None,
    choices: tuple[str, ...] = (),
) -> Any:
    """A field of :class:`ValidateArgs` that is an option: its spellings, kind and help."""
    meta = {
        "flags": flags,
        "kind": kind,
        "help": help,
        "metavar": metavar,
        "minimum": minimum,
        "choices": choices,
    }
    if kind == "list":
        return field(default_factory=list, metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(slots=True)
class ValidateArgs:
    """``perfdecl validate``'s options: the one table.

    The fast parser (:data:`OPTIONS`), the Typer command (:mod:`perfdecl.cli.validate`), the run
    (:class:`perfdecl.cli.validate_run.RunSettings` holds these arguments) and the tests all read
    it; an option is added here and nowhere else.
    """

    paths: list[str] = field(default_factory=list)
    output_format: str | None = _opt(
        None,
        "--format",
        "-f",
        kind="choice",  # choices: the REPORTERS table
        help="Output format on standard output (default text; under GITHUB_ACTIONS=true "
        "text plus github annotations).",
    )
    outputs: list[str] = _opt(  # noqa: RUF009 (returns a field)
        None,
        "--output",
        "-o",
        kind="list",
        metavar="FORMAT=PATH",
        help="Also write a report to a file, e.g. sarif=perfdecl.sarif (repeatable).",
    )
    force: bool = _opt(
        False, "--force", kind="flag", help="Replace existing --output / --write-baseline files."
    )
    jobs: int | None = _opt(
        None,
        "--jobs",
        "-j",
        kind="int",
        minimum=1,
        help="Parallel processes (default: the number of cores).",
    )
    baseline: str | None = _opt(
        None,
        "--baseline",
        kind="text",
        metavar="FILE",
        help="Report only findings not in this baseline.",
    )
    write_baseline: str | None = _opt(
        None,
        "--write-baseline",
        kind="text",
        metavar="FILE",
        help="Record today's findings in FILE (exit 0 unless a file is unreadable).",
    )
    force_exclude: bool = _opt(
        False,
        "--force-exclude",
        kind="flag",
        help="Apply the configured exclude to files named explicitly too (pre-commit).",
    )
    stdin_filename: str | None = _opt(
        None,
        "--stdin-filename",
        kind="text",
        metavar="NAME",
        help="Name of the file read from - (for messages and configuration lookup).",
    )
    strict: bool = _opt(False, "--strict", kind="flag", help="Warnings fail too (exit 1).")
    lang: Lang | None = _opt(  # noqa: RUF009 (returns a field)
        None,
        "--lang",
        kind="choice",
        choices=("zh", "en"),
        help="Message language, zh or en (default: from the locale).",
    )
    quiet: bool = _opt(
        False,
        "--quiet",
        "-q",
        kind="flag",
        help="Only the problems: no excerpts, headers or summary.",
    )
    color_mode: str | None = _opt(
        None,
        "--color",
        kind="choice",
        choices=("auto", "always", "never"),
        help="Colour: auto (on a terminal; NO_COLOR turns it off, FORCE_COLOR on), always or "
        "never.",
    )
    no_color: bool = _opt(
        False,
        "--no-color",
        kind="flag",
        help="Same as --color never (NO_COLOR also works).",
    )
    max_bytes: int = _opt(
        DEFAULT_MAX_BYTES,
        "--max-bytes",
        kind="int",
        minimum=1,
        help="Largest file accepted, in bytes.",
    )
    max_depth: int = _opt(
        DEFAULT_MAX_DEPTH,
        "--max-depth",
        kind="int",
        minimum=2,
        help="Deepest YAML nesting accepted.",
    )
    config: str | None = _opt(
        None,
        "--config",
        kind="text",
        help="Configuration file (.perfdecl.toml, perfdecl.toml or pyproject.toml); default: found "
        "by searching upward from each file.",
    )
    select: str | None = _opt(
        None,
        "--select",
        kind="text",
        help="Codes or prefixes to report, comma-separated (replaces the configured select).",
    )
    ignore: str | None = _opt(
        None,
        "--ignore",
        kind="text",
        help="Codes or prefixes not to report, comma-separated (added to the configured ignore).",
    )
    verbose: bool = _opt(
        False,
        "--verbose",
        kind="flag",
        help="Name the configuration file(s) that applied (on standard error).",
    )
    statistics: bool = _opt(
        False,
        "--statistics",
        kind="flag",
        help="After the report, count the findings per code (most frequent first).",
    )
    min_severity: str | None = _opt(
        None,
        "--min-severity",
        "--severity",
        kind="choice",
        choices=("info", "warning", "error"),
        help="Report only findings of this severity or worse (info, warning, error).",
    )
    cache_dir: str | None = _opt(
        None,
        "--cache-dir",
        kind="text",
        metavar="DIR",
        help="Result cache folder (default: PERFDECL_CACHE_DIR, else the user cache folder, "
        "$XDG_CACHE_HOME/perfdecl or ~/.cache/perfdecl).",
    )
    no_cache: bool = _opt(
        False,
        "--no-cache",
        kind="flag",
        help="Check every file afresh; neither read nor write the result cache.",
    )
    fix: bool = _opt(
        False,
        "--fix",
        kind="flag",
        help="Apply the safe fixes in place (PD012 values quoted, comparisons such as ≥ "
        "spelt >=), keeping comments and layout; then report what is left.",
    )
    diff: bool = _opt(
        False,
        "--diff",
        kind="flag",
        help="Print the fixes as a unified diff instead of writing them; exit 1 if any.",
    )
    unsafe_fixes: bool = _opt(
        False,
        "--unsafe-fixes",
        kind="flag",
        help="With --fix or --diff, also the fixes that may change a text (trailing spaces).",
    )
    debug: bool = False  # perfdecl --debug (before the command) or PERFDECL_DEBUG


@dataclass(frozen=True, slots=True)
class Opt:
    """One option: its spellings, the field it sets, and how its value is read."""

    flags: tuple[str, ...]
    dest: str
    kind: Kind
    help: str = ""
    metavar: str | None = None
    minimum: int | None = None
    choices: tuple[str, ...] = ()
    default: object = None


def _formats() -> tuple[str, ...]:
    from perfdecl.reporters import REPORTERS

    return tuple(REPORTERS)


OPTIONS: tuple[Opt, ...] = tuple(
    Opt(
        dest=f.name,
        default=None if f.default is MISSING else f.default,
        **{k: f.metadata[k] for k in ("flags", "kind", "help", "metavar", "minimum", "choices")},
    )
    for f in fields(ValidateArgs)
    if "flags" in f.metadata
)
"""The options, derived from :class:`ValidateArgs`."""
