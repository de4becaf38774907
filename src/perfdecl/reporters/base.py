"""The reporter protocol: problems in, text out, one file at a time (results are streamed)."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, TextIO, TypeVar

from perfdecl.problem import Lang, Severity

if TYPE_CHECKING:
    from perfdecl.lint import FileResult
    from perfdecl.lint.baseline import BaselineReport


@dataclass(slots=True)
class Summary:
    """Totals over a run; the exit code is derived from them."""

    files: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    unreadable: int = 0
    strict: bool = False
    baseline: BaselineReport | None = None  # set when run with --baseline
    configurations: list[str] = field(default_factory=list)  # configuration files that applied
    config_error: bool = False  # a configuration of the run is broken: a usage error (exit 2)

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.errors += result.count(Severity.ERROR)
        self.warnings += result.count(Severity.WARNING)
        self.infos += result.count(Severity.INFO)
        self.unreadable += 1 if result.unreadable else 0

    @property
    def exit_code(self) -> int:
        """0 clean, 1 errors (or warnings under --strict), 2 a path that cannot be read or a
        broken configuration."""
        if self.unreadable or self.config_error:
            return 2
        if self.errors or (self.strict and self.warnings):
            return 1
        return 0


_C = TypeVar("_C")


def registered(table: Mapping[str, str], name: str, base: type[_C]) -> type[_C]:
    """The class ``table[name]`` names as ``module:Class``, imported only when asked for, so
    machine formats never pay for rich (KeyError if there is none). One lookup for the
    validate, diff and outcome format tables."""
    module_name, _, class_name = table[name].partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    assert isinstance(cls, type) and issubclass(cls, base)
    return cls


def noun(n: int, singular: str, plural: str | None = None) -> str:
    """``singular`` or its plural as ``n`` asks ("1 error", "2 errors"): a summary reads like a
    sentence, not "1 error(s), 59 info"."""
    return singular if n == 1 else (plural or singular + "s")


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` and its noun: ``counted(0, "error")`` is "0 errors"."""
    return f"{n} {noun(n, singular, plural)}"


def totals_en(summary: Summary, *, bold: bool = False) -> str:
    """ "0 errors, 45 warnings, 1 note": the run's findings by severity (info findings are
    counted as notes), optionally with the numbers in Markdown bold."""
    parts = []
    for n, word in (
        (summary.errors, "error"),
        (summary.warnings, "warning"),
        (summary.infos, "note"),
    ):
        parts.append(f"**{n}** {noun(n, word)}" if bold else counted(n, word))
    return ", ".join(parts)


class Reporter:
    """Base reporter; subclasses override the hooks they need."""

    name: ClassVar[str]
    description: ClassVar[str] = ""

    def __init__(
        self, stream: TextIO, *, lang: Lang = "en", color: bool | None = None, quiet: bool = False
    ) -> None:
        self.stream = stream
        self.lang: Lang = lang
        self.color = color
        self.quiet = quiet

    def begin(self) -> None:
        """Called once before the first file."""

    def file(self, result: FileResult) -> None:
        """Called once per checked file, in a deterministic order."""

    def end(self, summary: Summary) -> None:
        """Called once after the last file."""
