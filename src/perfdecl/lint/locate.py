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
    pointer = finding.pointer
    span = source.locate(pointer, key=finding.key, offset=finding.offset, length=finding.length)
    # One problem a finding, eighty a file of the 200-file benchmark: built positionally, and
    # the related places only when there are any (one finding in twenty has some).
    related = tuple(_related(p, source) for p in finding.related) if finding.related else ()
    if span is None:
        line = column = end_line = end_column = None
    else:
        line, column, end_line, end_column = span.line, span.column, span.end_line, span.end_column
    level = finding.severity or severity
    return Problem(
        code, level, finding.message, file, line, column, end_line, end_column, pointer, related
    )


def _related(pointer: str, source: SourceMap) -> Related:
    span = source.locate(pointer)
    if span is None:
        return Related(pointer)
    return Related(pointer, span.line, span.column, span.end_line, span.end_column)
