"""The core, unaware of any CLI: load a declaration, check it, return problems.

``check_path`` / ``check_bytes`` are the library API (also used from notebooks); the CLI is a thin
layer that expands paths, calls them, and hands each :class:`FileResult` to a reporter.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from perfdecl.loader import (
    DEFAULT_LIMITS,
    Limits,
    Loaded,
    SourceMap,
    gc_paused,
    load_bytes,
    load_path,
)
from perfdecl.model import Declaration
from perfdecl.problem import Message, Problem, Severity
from perfdecl.rules.base import Finding, Rule, RuleSettings


@dataclass(frozen=True, slots=True)
class Options:
    """What to check and how; built from configuration and CLI flags."""

    limits: Limits = DEFAULT_LIMITS
    settings: RuleSettings = field(default_factory=RuleSettings)
    select: tuple[str, ...] = ()  # codes or prefixes; empty: all
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)  # code or prefix -> severity
    run_rules: bool = True


DEFAULT_OPTIONS = Options()


@dataclass(frozen=True, slots=True)
class FileResult:
    """Everything known about one checked file."""

    file: str
    problems: tuple[Problem, ...]
    declaration: Declaration | None = None
    source: SourceMap = field(default_factory=SourceMap)

    @property
    def unreadable(self) -> bool:
        """True when the path could not be read at all (exit code 2)."""
        return any(p.code == "PD001" for p in self.problems)

    def count(self, severity: Severity) -> int:
        return sum(1 for p in self.problems if p.severity is severity)


def _matches(code: str, patterns: Iterable[str]) -> bool:
    return any(code == p or (p and code.startswith(p)) for p in patterns)


def _longest(code: str, table: dict[str, Severity]) -> Severity | None:
    best = None
    best_len = -1
    for pattern, severity in table.items():
        if (code == pattern or code.startswith(pattern)) and len(pattern) > best_len:
            best, best_len = severity, len(pattern)
    return best


def enabled(code: str, options: Options) -> bool:
    """Select/ignore semantics of ruff: the longer matching pattern wins, ignore wins ties."""
    if not options.select and not options.ignore:
        return True  # the usual run: asked for every problem of every file
    sel = max((len(p) for p in options.select if code.startswith(p)), default=-1)
    ign = max((len(p) for p in options.ignore if code.startswith(p)), default=-1)
    if options.select and sel < 0:
        return False
    return not (ign >= 0 and ign >= sel)


def locate(
    finding: Finding, source: SourceMap, file: str, code: str, severity: Severity
) -> Problem:
    """Turn a rule's pointer (and offset) into a positioned :class:`Problem`."""
    span = source.locate(
        finding.pointer, key=finding.key, offset=finding.offset, length=finding.length
    )
    return Problem(
        code=code,
        severity=finding.severity or severity,
        message=finding.message,
        file=file,
        line=span.line if span else None,
        column=span.column if span else None,
        end_line=span.end_line if span else None,
        end_column=span.end_column if span else None,
        pointer=finding.pointer,
    )


def run_rules(
    decl: Declaration,
    source: SourceMap,
    file: str,
    options: Options = DEFAULT_OPTIONS,
    rules: Iterable[type[Rule]] | None = None,
) -> Iterator[Problem]:
    """Run every enabled rule over a declaration."""
    from perfdecl.rules import RULES

    for rule_cls in RULES if rules is None else rules:
        if not enabled(rule_cls.code, options):
            continue
        rule = rule_cls()
        default = _longest(rule_cls.code, options.severity) or rule_cls.severity
        for finding in rule.check(decl, options.settings):
            yield locate(finding, source, file, rule_cls.code, default)


def check_loaded(loaded: Loaded, options: Options = DEFAULT_OPTIONS) -> FileResult:
    """Structure, then rules, then inline suppressions, over an already loaded document."""
    from perfdecl.config import framework_problems
    from perfdecl.lint.suppress import apply_suppressions
    from perfdecl.model.build import build

    problems = list(loaded.problems)
    decl = None
    if loaded.data is not None:
        from perfdecl.phrases import trim_caches

        trim_caches()
        decl, structural = build(loaded.data, loaded.source, loaded.file)
        problems.extend(structural)
        if decl is not None and options.run_rules:
            problems.extend(run_rules(decl, loaded.source, loaded.file, options))
            problems.extend(framework_problems(decl, loaded.source, loaded.file, options.settings))
    problems = apply_suppressions(problems, loaded.source, loaded.file, options)
    kept = []
    for p in problems:
        if p.code != "PD001" and not enabled(p.code, options):
            continue
        override = _longest(p.code, options.severity)
        kept.append(p.with_severity(override) if override else p)
    kept.sort(key=Problem.sort_key)
    return FileResult(loaded.file, tuple(kept), decl, loaded.source)


def check_bytes(
    raw: bytes, *, file: str = "<bytes>", options: Options = DEFAULT_OPTIONS
) -> FileResult:
    """Check a declaration given as bytes (for example read from git or standard input)."""
    return _guard(
        file, lambda: check_loaded(load_bytes(raw, file=file, limits=options.limits), options)
    )


def check_path(path: str | os.PathLike[str], options: Options = DEFAULT_OPTIONS) -> FileResult:
    """Check one declaration file. Never raises for bad input: problems describe it."""
    name = os.fspath(path)
    return _guard(name, lambda: check_loaded(load_path(name, limits=options.limits), options))


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


DEBUG = os.environ.get("PERFDECL_DEBUG", "") not in ("", "0")


def _guard(file: str, work: object) -> FileResult:
    assert callable(work)
    try:
        with gc_paused():
            result = work()
        assert isinstance(result, FileResult)
        return result
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:
        if DEBUG:
            raise
        return FileResult(file, (internal_error(file, exc),))


YAML_SUFFIXES = (".yaml", ".yml")


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """Files as given; directories walked recursively for *.yaml / *.yml, sorted, deterministic."""
    for path in paths:
        name = os.fspath(path)
        if os.path.isdir(name):
            found: list[str] = []
            for root, dirs, files in os.walk(name):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(os.path.join(root, f) for f in files if f.endswith(YAML_SUFFIXES))
            yield from sorted(found, key=lambda p: Path(p).parts)
        else:
            yield name
