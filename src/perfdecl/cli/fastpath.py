"""``perfdecl validate`` without Typer: the options, a fast argv parser, and the run itself.

``perfdecl validate`` runs in pre-commit hooks on every commit, so its start-up is the product's
latency. Typer builds its parser at run time and pulls in pydantic-backed adapters, which cost
more than checking a declaration. The console script therefore parses the common command lines
here (:func:`parse`), and hands everything else — ``--help``, a malformed or unknown option, a
bad value — to the Typer command, whose messages users know. Both paths call :func:`run`.

:class:`ValidateArgs` is the one table of ``validate``'s options: the fast parser's
:data:`OPTIONS` and the Typer command (:mod:`perfdecl.cli.validate`) are both derived from it.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator, Sequence
from typing import TYPE_CHECKING

from perfdecl.problem import Lang

if TYPE_CHECKING:
    from perfdecl.config import ConfigResolver

from perfdecl.cli.options import (
    OPTIONS,
    Opt,
    ValidateArgs,
    _formats,
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
    from perfdecl.cli.output import UsageError
    from perfdecl.cli.validate_run import RunSettings, execute, parse_outputs
    from perfdecl.config import ConfigResolver, code_known, nearest_code, split_codes
    from perfdecl.config.options import Options
    from perfdecl.loader import Limits
    from perfdecl.reporters import REPORTERS

    language: Lang = args.lang or default_lang()
    options = Options(
        limits=Limits(max_bytes=args.max_bytes, max_depth=args.max_depth), debug=args.debug
    )
    try:
        select, ignore = split_codes(args.select), split_codes(args.ignore)
    except ValueError as exc:
        say(
            language,
            f"--select/--ignore: {exc} is not a code or prefix such as PD203 or PD2.",
            f"--select/--ignore：“{exc}”不是问题代码或前缀（如 PD203、PD2）。",
        )
        return 2
    known = _known_codes()
    for flag, codes in (("--select", select), ("--ignore", ignore)):
        for code in codes or ():
            if not code_known(code, known):
                guess = nearest_code(code, known)
                say(
                    language,
                    f"{flag}: {code} is not a problem code or a prefix of one"
                    + (f"; did you mean {guess}?" if guess else "."),
                    f"{flag}：“{code}”不是任何问题代码或其前缀"
                    + (f"；是否想写 {guess}？" if guess else "。"),
                )
                return 2
    resolver = ConfigResolver(
        options, config=args.config, select=select, ignore=ignore, known=known
    )
    if args.fix or args.diff:
        from perfdecl.cli.fix import run_fixes

        changed = run_fixes(resolver, args, language)
        if args.diff:
            return 1 if changed else 0
    if args.output_format is not None:
        stdout_formats = [args.output_format]
    elif os.environ.get("GITHUB_ACTIONS") == "true":
        stdout_formats = ["text", "github"]  # annotations as well as the log
    else:
        stdout_formats = ["text"]
    try:
        settings = RunSettings(
            args,
            stdout_formats=stdout_formats,
            reports=parse_outputs(args.outputs, REPORTERS),
            language=language,
            color=use_color(args.no_color, args.color_mode),
        )
        outcome = execute(resolver, settings)
    except UsageError as exc:
        say(language, exc.en, exc.zh)
        return 2
    _note_silenced(resolver, language)
    _note_shadowed(resolver, language)
    if args.verbose:
        _name_configurations(outcome.summary.configurations, language)
    if outcome.recorded is not None and args.write_baseline:
        say(
            language,
            f"recorded {outcome.recorded} finding{'' if outcome.recorded == 1 else 's'} in "
            f"{args.write_baseline}.",
            f"已将 {outcome.recorded} 个问题记入基线 {args.write_baseline}。",
        )
    return 2 if resolver.unknown else outcome.exit_code


def _name_configurations(paths: Sequence[str], language: Lang) -> None:
    """--verbose: the configuration files that applied, or that none did."""
    from perfdecl.cli._env import say

    if not paths:
        say(
            language,
            "configuration: none found; defaults apply.",
            "配置：未找到配置文件，使用默认设置。",
        )
    for path in paths:
        say(language, f"configuration: {path}", f"配置：{path}")


class _Known:
    """Every code perfdecl can report, read from the registry on first use (a lazy
    collection: a run without codes to check never imports the registry)."""

    def __init__(self) -> None:
        self._codes: frozenset[str] | None = None

    def _all(self) -> frozenset[str]:
        if self._codes is None:
            from perfdecl.catalogue import all_codes

            self._codes = frozenset(all_codes())
        return self._codes

    def __contains__(self, code: object) -> bool:
        return code in self._all()

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def _known_codes() -> Collection[str]:
    return _Known()


def _note_shadowed(resolver: ConfigResolver, language: Lang) -> None:
    """One line per folder holding both .perfdecl.toml and perfdecl.toml: only the first is
    read, and a user editing the other would otherwise wonder why nothing changes."""
    from perfdecl.cli._env import say

    for used, ignored in resolver.shadowed:
        say(
            language,
            f"warning: {os.path.relpath(ignored)} is ignored: {used.name} in the same folder "
            "comes first; merge them into one file.",
            f"警告：{os.path.relpath(ignored)} 未被使用：同一文件夹中的 {used.name} 优先；"
            "请合并为一个文件。",
        )


def _note_silenced(resolver: ConfigResolver, language: Lang) -> None:
    """One line per configuration that turns off whole families of problems."""
    from perfdecl.cli._env import say

    for project in resolver.read:
        families = project.silenced()
        if not families or project.path is None:
            continue
        shown = ", ".join(f"{family} ({by})" for family, by in families)
        say(
            language,
            f"note: {os.path.relpath(project.path)} turns off whole families of problems: "
            f"{shown}; loader and structure errors are reported anyway.",
            f"注意：{os.path.relpath(project.path)} 关闭了整类问题：{shown}；"
            "读取和结构错误仍会报告。",
        )
