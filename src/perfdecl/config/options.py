"""What to check and how, for one file: :class:`Options`, and the select/ignore/severity matching
that both the linter and inline suppressions use.

It sits in the configuration room (below :mod:`perfdecl.lint`) because configuration builds it
and the linter reads it; :mod:`perfdecl.lint` re-exports it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from perfdecl.loader import DEFAULT_LIMITS, Limits
from perfdecl.problem import Severity
from perfdecl.rules.base import RuleSettings


@dataclass(frozen=True, slots=True)
class Options:
    """What to check and how; built from configuration and CLI flags.

    ``debug`` (``--debug`` or ``PERFDECL_DEBUG``): an internal error raises its traceback
    instead of becoming a PD900 problem.
    """

    limits: Limits = DEFAULT_LIMITS
    settings: RuleSettings = field(default_factory=RuleSettings)
    select: tuple[str, ...] = ()  # codes or prefixes; empty: all
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)  # code or prefix -> severity
    run_rules: bool = True
    debug: bool = False
    protected_only: bool = False  # a file the configuration excludes: only what it cannot hide
    frameworks: tuple[str, ...] = ()
    """The framework data files the configuration names, as paths. The process that reads the
    configuration registers them; a worker process registers them again from here before it
    checks a file, so that a spawned worker (macOS, Windows) knows them as a forked one does."""
    config_key: str = ""
    """Where these options came from: a digest of the configuration file's path and bytes and
    of the framework files it names ("" without one). Part of the result cache's key, so that
    editing any of them is a miss even when the options read back the same."""


DEFAULT_OPTIONS = Options()


PROTECTED_FAMILIES = ("PD0", "PD1")
"""Loader and structure codes: their errors say a file could not be read or is not a declaration."""


def protected(code: str, severity: Severity) -> bool:
    """A loader or structure error (PD0xx/PD1xx of severity error): no configuration, no
    suppression comment hides it or lowers its severity; it always fails the run."""
    return severity is Severity.ERROR and code.startswith(PROTECTED_FAMILIES)


def longest(code: str, table: Mapping[str, Severity]) -> Severity | None:
    """The severity of the longest pattern in ``table`` that ``code`` matches, or None."""
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
