"""The core, unaware of any CLI: load a declaration, check it, return problems.

``check_path`` / ``check_bytes`` are the library API (also used from notebooks); the CLI is a thin
layer that expands paths, calls them, and hands each :class:`FileResult` to a reporter.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeAlias

from perfdecl.config.options import DEFAULT_OPTIONS, Options, enabled, longest, protected
from perfdecl.lint.locate import locate
from perfdecl.loader import Loaded, SourceMap, gc_paused, load_bytes, load_path
from perfdecl.problem import Message, Problem, Severity

if TYPE_CHECKING:  # the models and rules are imported when a file is checked, not for a
    # result answered from the cache
    from collections.abc import Callable

    from perfdecl.lint.folder import Ledger
    from perfdecl.model import Declaration
    from perfdecl.rules.base import Finding, Rule, RuleSettings

    _Plan: TypeAlias = tuple[
        tuple[Callable[[Declaration, RuleSettings], Iterator[Finding]], str, Severity], ...
    ]

__all__ = [
    "DEFAULT_OPTIONS",
    "DeclarationError",
    "FileResult",
    "Options",
    "check_bytes",
    "check_loaded",
    "check_path",
    "enabled",
    "internal_error",
    "load_declaration",
    "locate",
    "run_rules",
    "validate",
]


@dataclass(frozen=True, slots=True)
class FileResult:
    """Everything known about one checked file."""

    file: str
    problems: tuple[Problem, ...]
    declaration: Declaration | None = None
    source: SourceMap = field(default_factory=SourceMap)
    ledger: Ledger | None = None
    """The facts the folder check compares across files (lint/folder.py), kept by slim()."""

    @property
    def unreadable(self) -> bool:
        """True when the path could not be read at all (exit code 2)."""
        return any(p.code == "PD001" for p in self.problems)

    def count(self, severity: Severity) -> int:
        return sum(1 for p in self.problems if p.severity is severity)


def run_rules(
    decl: Declaration,
    source: SourceMap,
    file: str,
    options: Options = DEFAULT_OPTIONS,
    rules: Iterable[type[Rule]] | None = None,
) -> Iterator[Problem]:
    """Run every enabled rule over a declaration."""
    from perfdecl.rules.base import kind_of

    kind = kind_of(decl)
    settings = options.settings
    for check, code, default in _plan(options, kind, rules):
        for finding in check(decl, settings):
            yield locate(finding, source, file, code, default)


_plans: tuple[Options, dict[str, Severity], object, dict[str, _Plan]] | None = None
"""The rules to run for each kind of file under the last options seen, with their default
severities: the same for every file of a run, so worked out once rather than for each of 60
rules of each file (select/ignore, the severity table, one instance of each rule). Holding the
options keeps their ``id`` from being reused."""


def _plan(options: Options, kind: str, rules: Iterable[type[Rule]] | None) -> _Plan:
    """The (check, code, default severity) of each rule enabled for ``kind`` under ``options``."""
    global _plans
    if rules is not None:  # an explicit list (the tests' one rule): not remembered
        return _make_plan(options, kind, rules)
    from perfdecl.rules import RULES  # a module attribute once first read (rules/__init__.py)

    cached = _plans
    if (
        cached is None
        or cached[0] is not options
        or cached[2] is not RULES
        or cached[1] != options.severity
    ):
        cached = _plans = (options, dict(options.severity), RULES, {})
    plan = cached[3].get(kind)
    if plan is None:
        plan = cached[3][kind] = _make_plan(options, kind, RULES)
    return plan


def _make_plan(options: Options, kind: str, rules: Iterable[type[Rule]]) -> _Plan:
    # A rule keeps no state between calls of check (tests/test_rules.py checks it), so one
    # instance serves every file.
    return tuple(
        (
            rule_cls().check,
            rule_cls.code,
            longest(rule_cls.code, options.severity) or rule_cls.severity,
        )
        for rule_cls in rules
        if kind in rule_cls.kinds and enabled(rule_cls.code, options)
    )


def check_loaded(loaded: Loaded, options: Options = DEFAULT_OPTIONS) -> FileResult:
    """Structure, then rules, then inline suppressions, over an already loaded document."""
    from perfdecl.lint.framework import framework_problems
    from perfdecl.lint.suppress import apply_suppressions
    from perfdecl.model.build import build

    problems = list(loaded.problems)
    decl = None
    if loaded.data is not None:
        from perfdecl.lint.controls import control_problems
        from perfdecl.phrases import trim_caches

        if options.run_rules:  # a finding about the content, like the rules (diff reads without)
            problems.extend(control_problems(loaded.data, loaded.source, loaded.file))

        trim_caches()
        decl, structural = build(loaded.data, loaded.source, loaded.file)
        problems.extend(structural)
        if decl is not None and options.run_rules:
            problems.extend(run_rules(decl, loaded.source, loaded.file, options))
            problems.extend(framework_problems(decl, loaded.source, loaded.file, options.settings))
    problems = apply_suppressions(problems, loaded.source, loaded.file, options)
    kept = []
    verdicts: dict[tuple[str, Severity], Severity | bool] = {}  # a code recurs (PD234 35 times)
    for p in problems:
        key = (p.code, p.severity)
        verdict = verdicts.get(key)
        if verdict is None:
            verdict = verdicts[key] = _verdict(p.code, p.severity, options)
        if verdict is True:
            kept.append(p)
        elif verdict is not False:
            kept.append(p.with_severity(verdict))
    kept.sort(key=Problem.sort_key)
    ledger = None
    if decl is not None and options.run_rules:
        from perfdecl.lint.folder import ledger_of

        ledger = ledger_of(decl, loaded.source)
    return FileResult(loaded.file, tuple(kept), decl, loaded.source, ledger)


def _verdict(code: str, severity: Severity, options: Options) -> Severity | bool:
    """What the options do to a problem of ``code`` and ``severity``: True keeps it as it is,
    False drops it, a severity keeps it with that severity."""
    if protected(code, severity):  # select, ignore, severity cannot hide it
        return True
    if options.protected_only or (code != "PD001" and not enabled(code, options)):
        return False
    return longest(code, options.severity) or True


def check_bytes(
    raw: bytes, *, file: str = "<bytes>", options: Options = DEFAULT_OPTIONS
) -> FileResult:
    """Check a declaration given as bytes (for example read from git or standard input)."""
    return _guard(
        file,
        lambda: check_loaded(load_bytes(raw, file=file, limits=options.limits), options),
        options.debug,
    )


def check_path(path: str | os.PathLike[str], options: Options = DEFAULT_OPTIONS) -> FileResult:
    """Check one declaration file. Never raises for bad input: problems describe it."""
    name = os.fspath(path)
    return _guard(
        name, lambda: check_loaded(load_path(name, limits=options.limits), options), options.debug
    )


def validate(path: str | os.PathLike[str], options: Options = DEFAULT_OPTIONS) -> list[Problem]:
    """The notebook one-liner: the problems of one file."""
    return list(check_path(path, options).problems)


def load_declaration(path: str | os.PathLike[str]) -> Declaration:
    """Load a declaration or raise :class:`DeclarationError` listing its problems."""
    result = check_path(path, Options(run_rules=False))
    if result.declaration is None:
        raise DeclarationError(result.problems)
    return result.declaration


class DeclarationError(ValueError):
    """Raised by :func:`load_declaration` when the file is not a valid declaration."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        first = problems[0] if problems else None
        where = f"{first.file}:{first.line}:{first.column}: " if first else ""
        super().__init__(f"{where}{first.message.en if first else 'invalid declaration'}")


def internal_error(file: str, exc: BaseException) -> Problem:
    """The last line of defence: an unexpected exception becomes a problem, not a traceback."""
    return Problem(
        "PD900",
        Severity.ERROR,
        Message(
            f"perfdecl 内部错误（{type(exc).__name__}: {exc}）。请附上此文件提交问题报告；"
            "用 --debug 查看详细信息。",
            f"internal error in perfdecl ({type(exc).__name__}: {exc}). Please report it with "
            "this file attached; run with --debug for the traceback.",
        ),
        file,
    )


def _guard(file: str, work: object, debug: bool) -> FileResult:
    assert callable(work)
    try:
        with gc_paused():
            result = work()
        assert isinstance(result, FileResult)
        return result
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:
        if debug:
            raise
        return FileResult(file, (internal_error(file, exc),))
