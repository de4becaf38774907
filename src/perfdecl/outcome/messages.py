"""The outcome's messages, in Chinese and English: gaps in the target's unit (百分点 for a
percentage, 天 for a deadline), at most a few targets quoted per row."""

from __future__ import annotations

from decimal import Decimal

from perfdecl.model.selfeval import EvalIndicator
from perfdecl.outcome.records import Change
from perfdecl.phrases.verdict import Judged, Status, show_number, unit_key
from perfdecl.problem import Message, shorten

SHOWN = 3
"""Targets quoted in one message; the rest are counted."""


def _q(value: Decimal) -> str:
    return show_number(value.quantize(Decimal("0.01")))


def gap_text(j: Judged) -> tuple[str, str]:
    """How far a missed target fell short: (zh, en)."""
    g = j.goal
    if g.value is None:
        days = int(j.gap or 0)
        return f"晚 {days} 天", f"{days} day(s) late"
    gap = _q(j.gap or Decimal(0))
    pct = f"，{_q((j.shortfall or Decimal(0)) * 100)}%" if j.shortfall is not None else ""
    pct_en = f", {_q((j.shortfall or Decimal(0)) * 100)}%" if j.shortfall is not None else ""
    word = ("超出" if g.upper else "差", "over" if g.upper else "short")
    if unit_key(g.unit) == "%":
        return f"{word[0]} {gap} 个百分点{pct}", f"{gap} percentage point(s) {word[1]}{pct_en}"
    return (
        f"{word[0]} {gap}{shorten(g.unit, 10)}{pct}",
        f"{gap} {shorten(g.unit, 10)} {word[1]}{pct_en}",
    )


def _actual(j: Judged) -> str:
    a = j.actual
    if a is None:
        return "?"
    if a.date is not None:
        return a.date.isoformat()
    return f"{show_number(a.value)}{shorten(j.goal.unit, 10)}" if a.value is not None else "?"


def missed_message(row_id: str, missed: list[Judged]) -> Message:
    zh, en = [], []
    for j in missed[:SHOWN]:
        name = f"{shorten(j.goal.name, 20)} " if j.goal.name else ""
        gz, ge = gap_text(j)
        zh.append(f"{name}申报 {shorten(j.goal.show(), 30)}，实际 {_actual(j)}（{gz}）")
        en.append(f"{name}declared {shorten(j.goal.show(), 30)}, actual {_actual(j)} ({ge})")
    more = len(missed) - SHOWN
    if more > 0:
        zh.append(f"另有 {more} 项未完成")
        en.append(f"{more} more missed")
    return Message(
        f"指标 {row_id} 未完成：{'；'.join(zh)}。", f"indicator {row_id} missed: {'; '.join(en)}."
    )


_WHY = {
    "missing": ("没有实际完成值", "no actual value"),
    "text": ("实际完成值不是数字", "the actual value is not a number"),
    "unit": ("实际完成值的计量单位与指标值不同", "the actual value is in another unit"),
    "date": ("没有完成日期", "no completion date"),
}


def not_comparable_message(row_id: str, judged: list[Judged]) -> Message:
    reasons = [j.why for j in judged if j.status is Status.NOT_COMPARABLE and j.why]
    why = reasons[0] if reasons else "missing"
    zh, en = _WHY.get(why, _WHY["missing"])
    count_zh = f"（{len(reasons)} 项指标值）" if len(reasons) > 1 else ""
    count_en = f" ({len(reasons)} targets)" if len(reasons) > 1 else ""
    return Message(
        f"指标 {row_id} 无法判断是否完成：{zh}{count_zh}；得分沿用自评得分。",
        f"indicator {row_id} cannot be judged: {en}{count_en}; it keeps its self-score.",
    )


def changed_message(item: EvalIndicator, declared: str, evaluated: str, change: Change) -> Message:
    d, e = shorten(declared or "（空）", 40), shorten(evaluated or "（空）", 40)
    if change is Change.ADJUSTED:
        return Message(
            f"指标 {item.id} 的指标值在年中由“{d}”调整为“{e}”；完成情况仍按申报的“{d}”判断。",
            f"indicator {item.id}: the target was adjusted in the year from {d!r} to {e!r}; it "
            f"is still judged against the declared {d!r}.",
        )
    return Message(
        f"指标 {item.id} 在自评表中的指标值“{e}”与申报的“{d}”不同；完成情况按申报的指标值判断。",
        f"indicator {item.id}: the self-evaluation's target {e!r} differs from the declared "
        f"{d!r}; it is judged against the declared one.",
    )


def score_message(row_id: str, claimed: Decimal, score: Decimal, status: Status) -> Message:
    zh = "已完成" if status is Status.MET else "未完成"
    en = "met" if status is Status.MET else "missed"
    return Message(
        f"指标 {row_id}（{zh}）自评 {_q(claimed)} 分，按评分规则应得 {_q(score)} 分。",
        f"indicator {row_id} ({en}) self-scored {_q(claimed)}; the scoring rule gives {_q(score)}.",
    )


def total_message(claimed: Decimal, total: Decimal) -> Message:
    return Message(
        f"自评总分 {_q(claimed)} 分，按评分规则重算为 {_q(total)} 分（相差 {_q(claimed - total)} 分）。",
        f"total self-score {_q(claimed)}; recomputed under the scoring rule: {_q(total)} "
        f"(off by {_q(claimed - total)}).",
    )
