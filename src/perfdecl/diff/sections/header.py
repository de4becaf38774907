"""Header fields (year, unit, head, …), the goals' lead and the project's name and period."""

from __future__ import annotations

from perfdecl.diff.records import ChangeKind
from perfdecl.diff.sections.context import Context
from perfdecl.diff.text import short, word_diff
from perfdecl.problem import Message

_HEADER: tuple[tuple[str, str, str], ...] = (
    ("year", "年度", "year"),
    ("framework", "指标体系", "framework"),
    ("kind", "申报类型", "kind"),
    ("unit", "单位名称", "unit"),
    ("head", "负责人", "head"),
    ("phone", "联系电话", "phone"),
    ("functions", "职能概述", "functions"),
    ("remarks", "其他说明的问题", "remarks"),
)


def header(ctx: Context) -> None:
    for name, zh, en in _HEADER:
        a, b = getattr(ctx.o, name), getattr(ctx.n, name)
        a_text = None if a is None else str(getattr(a, "value", a))
        b_text = None if b is None else str(getattr(b, "value", b))
        _text_field(
            ctx, f"/{name}", zh, en, a_text, b_text, plain=name not in ("functions", "remarks")
        )
    lead_o = ctx.o.goals.lead if ctx.o.goals else None
    lead_n = ctx.n.goals.lead if ctx.n.goals else None
    _text_field(ctx, "/goals/lead", "总体目标", "goals lead", lead_o, lead_n, plain=False)
    po, pn = ctx.o.project, ctx.n.project
    _text_field(
        ctx,
        "/project/name",
        "项目名称",
        "project name",
        po.name if po else None,
        pn.name if pn else None,
        plain=True,
    )
    period_o = f"{po.period.start}/{po.period.end}" if po and po.period else None
    period_n = f"{pn.period.start}/{pn.period.end}" if pn and pn.period else None
    if period_o != period_n:
        ctx.emit(
            "PD300",
            ChangeKind.HEADER,
            Message(
                f"实施期限：{period_o or '—'} → {period_n or '—'}",
                f"project period: {period_o or '—'} -> {period_n or '—'}",
            ),
            old_pointer="/project/period" if period_o else None,
            new_pointer="/project/period" if period_n else None,
            anchor="",
            old=period_o,
            new=period_n,
        )


def _text_field(
    ctx: Context, pointer: str, zh: str, en: str, a: str | None, b: str | None, *, plain: bool
) -> None:
    if plain:
        if (a or "") == (b or ""):
            return
    elif ctx.text_key(a, "old") == ctx.text_key(b, "new"):
        return
    wording = () if plain or a is None or b is None else word_diff(a, b)
    shown_a = a if plain else short(a)
    shown_b = b if plain else short(b)
    ctx.emit(
        "PD300",
        ChangeKind.HEADER,
        Message(
            f"{zh}：{shown_a or '—'} → {shown_b or '—'}",
            f"{en}: {shown_a or '—'} -> {shown_b or '—'}",
        ),
        old_pointer=pointer if a is not None else None,
        new_pointer=pointer if b is not None else None,
        anchor="",
        old=a,
        new=b,
        wording=wording,
    )
