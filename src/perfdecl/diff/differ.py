"""The differ: each section of the declaration compared in turn (the sections/ modules)."""

from __future__ import annotations

from perfdecl.diff.records import DiffOptions, DiffResult, Side
from perfdecl.diff.sections.context import Context
from perfdecl.diff.sections.findings import cross_year
from perfdecl.diff.sections.funds import funds
from perfdecl.diff.sections.goals import goals
from perfdecl.diff.sections.header import header
from perfdecl.diff.sections.indicators import table
from perfdecl.diff.sections.project_form import project_form
from perfdecl.diff.sides import load_side
from perfdecl.model import Declaration


def diff_sides(old: Side, new: Side, options: DiffOptions | None = None) -> DiffResult:
    """Compare two loaded sides."""
    ctx = Context(old, new, options or DiffOptions())
    header(ctx)
    project_form(ctx)
    funds(ctx)
    goals(ctx)
    table(ctx)
    cross_year(ctx)
    return ctx.result()


def diff(old: Declaration, new: Declaration, options: DiffOptions | None = None) -> DiffResult:
    """Compare two declarations (no source positions: lines are None)."""
    return diff_sides(Side("old", old), Side("new", new), options)


def diff_paths(old: str, new: str, options: DiffOptions | None = None) -> DiffResult:
    """Compare two paths or ``REV:PATH`` specs; raises :class:`SideError`."""
    opts = options or DiffOptions()
    return diff_sides(load_side(old, limits=opts.limits), load_side(new, limits=opts.limits), opts)
