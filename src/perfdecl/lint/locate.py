"""Placing a rule's finding in the file: its pointer (and offset) become line and column.

A module of its own so that everything in lint/ that turns findings into problems (the rules'
run, the framework check) shares it without importing the package back (no cycle).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfdecl.loader import SourceMap
from perfdecl.problem import Problem, Related, Severity

if TYPE_CHECKING:
    from perfdecl.rules.base import Finding


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
        related=tuple(_related(pointer, source) for pointer in finding.related),
    )


def _related(pointer: str, source: SourceMap) -> Related:
    span = source.locate(pointer)
    if span is None:
        return Related(pointer)
    return Related(pointer, span.line, span.column, span.end_line, span.end_column)
