"""Cross-year findings about the whole comparison: PD305 (year order), PD304 (funds moved while
every target stayed the same)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from perfdecl.diff.codes import DIFF_CODES
from perfdecl.diff.direction import relative_change
from perfdecl.diff.records import Change, ChangeKind, Direction, num
from perfdecl.diff.sections.context import Context
from perfdecl.problem import Message


def cross_year(ctx: Context) -> None:
    """The findings that look at the whole comparison, after every section has run."""
    _year_order(ctx)
    _funds_without_targets(ctx)


def _year_order(ctx: Context) -> None:
    """PD305: both sides of one year, or OLD newer than NEW."""
    o, n = ctx.o, ctx.n
    if n.year <= o.year:
        same = n.year == o.year
        span = ctx.new.source.locate("/year")
        old_span = ctx.old.source.locate("/year")
        ctx.findings.insert(
            0,
            Change(
                "PD305",
                ChangeKind.FINDING,
                Direction.NONE,
                DIFF_CODES["PD305"].severity,
                Message(
                    f"两个文件的年度相同（{n.year}）：这是同一年度的两个版本，而非跨年度比较。"
                    if same
                    else f"旧文件的年度（{o.year}）比新文件（{n.year}）更新：OLD 和 NEW 是否写反了？",
                    f"both files are for {n.year}: two versions of one year, not a year-on-year comparison."
                    if same
                    else f"OLD ({o.year}) is newer than NEW ({n.year}): are OLD and NEW swapped?",
                ),
                old_pointer="/year",
                new_pointer="/year",
                old=str(o.year),
                new=str(n.year),
                line=span.line if span else None,
                column=span.column if span else None,
                old_line=old_span.line if old_span else None,
                old_column=old_span.column if old_span else None,
            ),
        )


def _funds_without_targets(ctx: Context) -> None:
    """PD304: funds moved beyond the threshold while no target changed."""
    target_kinds = {
        ChangeKind.TARGET_CHANGED,
        ChangeKind.TARGET_ADDED,
        ChangeKind.TARGET_REMOVED,
        ChangeKind.INDICATOR_ADDED,
        ChangeKind.INDICATOR_REMOVED,
    }
    if any(c.kind in target_kinds for c in ctx.changes):
        return
    for c in ctx.changes:
        if c.kind is not ChangeKind.FUNDS or c.new_pointer not in (
            "/funds/total",
            "/project/amount",
        ):
            continue
        if c.old is None or c.new is None:
            continue
        rel = relative_change(Decimal(c.old), Decimal(c.new))
        if rel is not None and abs(rel) <= ctx.options.funds_threshold:
            continue
        ctx.findings.append(
            replace(
                c,
                code="PD304",
                kind=ChangeKind.FINDING,
                severity=DIFF_CODES["PD304"].severity,
                message=Message(
                    f"资金变化 {c.percent or c.delta}（超过 {num(ctx.options.funds_threshold)}%），"
                    "但所有指标值都没有变化：目标与资金不匹配。",
                    f"funds moved {c.percent or c.delta} (more than {num(ctx.options.funds_threshold)}%) "
                    "while every target stayed the same: targets not matched to the money.",
                ),
            )
        )
