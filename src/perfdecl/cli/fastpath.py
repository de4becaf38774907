"""``perfdecl validate`` without Typer: the options, a fast argv parser, and the run itself.

``perfdecl validate`` runs in pre-commit hooks on every commit, so its start-up is the product's
latency. Typer builds its parser at run time and pulls in pydantic-backed adapters, which cost
more than checking a declaration. The console script therefore parses the common command lines
here (:func:`parse`), and hands everything else — ``--help``, a malformed or unknown option, a
bad value — to the Typer command, whose messages users know. Both paths call :func:`run`.

:data:`OPTIONS` is the single list of ``validate``'s options for the fast parser; a test checks
it against the Typer command so that the two cannot drift apart.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from perfdecl.problem import Lang

DEFAULT_MAX_BYTES = 16 * 1024 * 1024
DEFAULT_MAX_DEPTH = 64


@dataclass(slots=True)
class ValidateArgs:
    """The parsed command line of ``perfdecl validate`` (names as in the Typer command)."""

    paths: list[str] = field(default_factory=list)
    output_format: str | None = None
    outputs: list[str] = field(default_factory=list)
    force: bool = False
    jobs: int | None = None
    baseline: str | None = None
    write_baseline: str | None = None
    force_exclude: bool = False
    stdin_filename: str | None = None
    strict: bool = False
    lang: Lang | None = None
    quiet: bool = False
    no_color: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH
    config: str | None = None
    select: str | None = None
    ignore: str | None = None


@dataclass(frozen=True, slots=True)
class Opt:
    """One option: its spellings, the field it sets, and how its value is read."""

    flags: tuple[str, ...]
    dest: str
    kind: Literal["flag", "text", "list", "int", "choice"]
    minimum: int | None = None
    choices: tuple[str, ...] = ()


def _formats() -> tuple[str, ...]:
    from perfdecl.reporters import REPORTERS

    return tuple(REPORTERS)


OPTIONS: tuple[Opt, ...] = (
    Opt(("--format", "-f"), "output_format", "choice"),  # choices: the REPORTERS table
    Opt(("--output", "-o"), "outputs", "list"),
    Opt(("--force",), "force", "flag"),
    Opt(("--jobs", "-j"), "jobs", "int", minimum=1),
    Opt(("--baseline",), "baseline", "text"),
    Opt(("--write-baseline",), "write_baseline", "text"),
    Opt(("--force-exclude",), "force_exclude", "flag"),
    Opt(("--stdin-filename",), "stdin_filename", "text"),
    Opt(("--strict",), "strict", "flag"),
    Opt(("--lang",), "lang", "choice", choices=("zh", "en")),
    Opt(("--quiet", "-q"), "quiet", "flag"),
    Opt(("--no-color",), "no_color", "flag"),
    Opt(("--max-bytes",), "max_bytes", "int", minimum=1),
    Opt(("--max-depth",), "max_depth", "int", minimum=2),
    Opt(("--config",), "config", "text"),
    Opt(("--select",), "select", "text"),
    Opt(("--ignore",), "ignore", "text"),
)
_BY_FLAG = {flag: opt for opt in OPTIONS for flag in opt.flags}


def parse(argv: Sequence[str]) -> ValidateArgs | None:
    """``argv`` after ``validate`` -> arguments, or ``None`` to let Typer handle (and explain) it.

    Accepts what the Typer command accepts in the usual spellings: ``--opt value``,
    ``--opt=value``, ``-o value``, ``-ovalue``, flags, ``--`` before paths, ``-`` for standard
    input. Anything it is unsure of returns ``None``; it never reports an error itself.
    """
    args = ValidateArgs()
    values: dict[str, object] = {}
    lists: dict[str, list[str]] = {}
    i = 0
    only_paths = False
    while i < len(argv):
        token = argv[i]
        i += 1
        if only_paths or token == "-" or not token.startswith("-"):
            args.paths.append(token)
            continue
        if token == "--":
            only_paths = True
            continue
        if token.startswith("--"):
            name, eq, inline = token.partition("=")
            opt = _BY_FLAG.get(name)
            if opt is None or (opt.kind == "flag" and eq):
                return None
            value: str | None = inline if eq else None
        else:
            opt = _BY_FLAG.get(token[:2])
            if opt is None:
                return None
            value = token[2:] or None
            if opt.kind == "flag" and value is not None:
                return None  # combined short flags such as -qf: leave them to Typer
        if opt.kind == "flag":
            values[opt.dest] = True
            continue
        if value is None:
            if i >= len(argv):
                return None
            value = argv[i]
            i += 1
        converted = _convert(opt, value)
        if converted is None:
            return None
        if opt.kind == "list":
            lists.setdefault(opt.dest, []).append(value)
        else:
            values[opt.dest] = converted
    if not args.paths:
        return None
    for dest, item in values.items():
        setattr(args, dest, item)
    for dest, items in lists.items():
        setattr(args, dest, items)
    return args


def _convert(opt: Opt, value: str) -> object | None:
    if opt.kind in ("text", "list"):
        return value
    if opt.kind == "choice":
        return value if value in (opt.choices or _formats()) else None
    try:
        number = int(value, 10)
    except ValueError:
        return None
    return number if opt.minimum is None or number >= opt.minimum else None


def run(args: ValidateArgs) -> int:
    """Check the declarations ``args`` names; print reports; return the exit code."""
    from perfdecl.cli._env import default_lang, say, use_color
    from perfdecl.config import ConfigResolver, split_codes
    from perfdecl.lint import Options
    from perfdecl.lint.runner import RunSettings, UsageError, execute, parse_outputs
    from perfdecl.loader import Limits
    from perfdecl.reporters import REPORTERS

    language: Lang = args.lang or default_lang()
    options = Options(limits=Limits(max_bytes=args.max_bytes, max_depth=args.max_depth))
    try:
        resolver = ConfigResolver(
            options,
            config=args.config,
            select=split_codes(args.select),
            ignore=split_codes(args.ignore),
        )
    except ValueError as exc:
        say(
            language,
            f"--select/--ignore: {exc} is not a code or prefix such as PD203 or PD2.",
            f"--select/--ignore：“{exc}”不是问题代码或前缀（如 PD203、PD2）。",
        )
        return 2
    if args.output_format is not None:
        stdout_formats = [args.output_format]
    elif os.environ.get("GITHUB_ACTIONS") == "true":
        stdout_formats = ["text", "github"]  # annotations as well as the log
    else:
        stdout_formats = ["text"]
    try:
        settings = RunSettings(
            stdout_formats=stdout_formats,
            outputs=parse_outputs(args.outputs, REPORTERS),
            lang=language,
            color=use_color(args.no_color),
            quiet=args.quiet,
            strict=args.strict,
            jobs=args.jobs,
            stdin_filename=args.stdin_filename,
            baseline=args.baseline,
            write_baseline=args.write_baseline,
            force=args.force,
            force_exclude=args.force_exclude,
        )
        outcome = execute(args.paths, resolver, settings)
    except UsageError as exc:
        say(language, exc.en, exc.zh)
        return 2
    if outcome.recorded is not None and args.write_baseline:
        say(
            language,
            f"recorded {outcome.recorded} finding(s) in {args.write_baseline}.",
            f"已将 {outcome.recorded} 个问题记入基线 {args.write_baseline}。",
        )
    return outcome.exit_code
