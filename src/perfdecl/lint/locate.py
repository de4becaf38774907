"""Placing a rule's finding in the file: its pointer (and offset) become line and column.

A module of its own so that everything in lint/ that turns findings into problems (the rules'
run, the framework check) shares it without importing the package back (no cycle).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfdecl.loader import SourceMap
from perfdecl.loader.source import one_line_position
from perfdecl.problem import Problem, Related, Severity, made_problem

if TYPE_CHECKING:
    from perfdecl.rules.base import Finding


def locate(
    finding: Finding, source: SourceMap, file: str, code: str, severity: Severity
) -> Problem:
    """Turn a rule's pointer (and offset) into a positioned :class:`Problem`."""
    pointer = finding.pointer
    offset = finding.offset
    line: int | None
    column: int | None
    end_line: int | None
    end_column: int | None
    # Most findings (70 of 79 a file in the 200-file benchmark) name characters of a one-line
    # scalar, one the whole of a value: placed here from the value's span, as SourceMap.locate
    # places them, without its calls; the others (characters of a literal block, 8 a file, and
    # keys) go through it.
    span = None if finding.key else source.values.get(pointer)
    at = None if span is None or offset is None else one_line_position(span, offset)
    if span is not None and offset is None:
        line, column, end_line, end_column = span[0], span[1], span[2], span[3]
    elif at is not None:
        line = end_line = at[0]
        column = at[1]
        end_column = column + (finding.length if finding.length > 0 else 0)
    else:  # a key, a literal block's characters, or a pointer without a span of its own
        span = source.locate(pointer, key=finding.key, offset=offset, length=finding.length)
        if span is None:
            line = column = end_line = end_column = None
        else:
            line, column, end_line, end_column = span[0], span[1], span[2], span[3]
    return made_problem(
        code,
        finding.severity or severity,
        finding.message,
        file,
        line,
        column,
        end_line,
        end_column,
        pointer,
        # The related places only when there are any (one finding in ten has some).
        tuple(_related(p, source) for p in finding.related) if finding.related else (),
    )


def _related(pointer: str, source: SourceMap) -> Related:
    span = source.values.get(pointer)
    if span is None:  # a pointer without a value of its own: its nearest located ancestor
        span = source.locate(pointer)
        if span is None:
            return Related(pointer)
    return Related(pointer, span[0], span[1], span[2], span[3])
