"""Which way a target moved (stronger, weaker, unknown, not comparable) and how targets are shown."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from perfdecl.diff.records import Direction, num
from perfdecl.model import Comparison, IndicatorKind, Target
from perfdecl.model import Direction as Sense


def _bound(c: Comparison) -> int:
    """+1 lower bound (≥ >), -1 upper bound (≤ <), 0 a point (= ~)."""
    if c in (Comparison.GE, Comparison.GT):
        return 1
    if c in (Comparison.LE, Comparison.LT):
        return -1
    return 0


def _shift_year(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def target_direction(
    old: Target, new: Target, year_shift: int = 0, row_direction: Sense | None = None
) -> Direction | None:
    """The direction of a target change; None when nothing that matters changed.

    ``year_shift`` (NEW year - OLD year) moves OLD's deadline before comparing, so a deadline
    that follows the declaration year is no change. ``row_direction`` is the row's 指标方向, or
    反向 when the indicator's name says lower is better
    (:func:`perfdecl.phrases.polarity.lower_is_better`): it orders a change of an ``=`` or ``~``
    target that has no direction of its own; the target's direction, ≥ or ≤ win over it.
    """
    old_deadline = _shift_year(old.deadline, year_shift) if old.deadline else None
    same = (
        old.comparison == new.comparison
        and old.value == new.value
        and (old.unit or "") == (new.unit or "")
        and old_deadline == new.deadline
        and old.weight == new.weight
        and old.direction == new.direction
    )
    if same:
        return None
    quant_old = old.comparison is not Comparison.QUALITATIVE
    quant_new = new.comparison is not Comparison.QUALITATIVE
    if quant_old != quant_new:
        return Direction.STRONGER if quant_new else Direction.WEAKER
    if not quant_new:
        return Direction.UNKNOWN
    if (old.unit or "") != (new.unit or "") and (
        isinstance(old.value, Decimal) or isinstance(new.value, Decimal)
    ):
        return Direction.NOT_COMPARABLE
    votes: list[int] = []  # +1 stronger, -1 weaker, 0 unknown
    b_old, b_new = _bound(old.comparison), _bound(new.comparison)
    explicit = new.direction or old.direction or row_direction
    sense = 1 if explicit is not None and explicit.value == "positive" else -1 if explicit else 0
    if b_old == b_new and b_old != 0:
        sense = b_old
    elif b_old != b_new and b_old and b_new:
        votes.append(0)  # a lower bound became an upper bound: no order
    if isinstance(old.value, Decimal) and isinstance(new.value, Decimal):
        if old.value != new.value:
            diff = 1 if new.value > old.value else -1
            votes.append(diff * sense if sense else 0)
        elif old.comparison != new.comparison:
            strict = {Comparison.GT, Comparison.LT}
            if b_old == b_new and b_old != 0:
                votes.append(1 if new.comparison in strict else -1)
            else:
                votes.append(0)
    elif old.comparison != new.comparison:
        votes.append(0)
    if (old.value is None) != (new.value is None):
        votes.append(1 if new.value is not None else -1)
    if old_deadline != new.deadline:
        if old_deadline and new.deadline:
            votes.append(1 if new.deadline < old_deadline else -1)
        else:
            votes.append(1 if new.deadline else -1)
    if old.weight != new.weight or old.direction != new.direction:
        votes.append(0)
    if votes and all(v == 1 for v in votes):
        return Direction.STRONGER
    if votes and all(v == -1 for v in votes):
        return Direction.WEAKER
    return Direction.UNKNOWN


DIRECTION_WORDS = {
    Direction.STRONGER: ("提高（更严格）", "stronger"),
    Direction.WEAKER: ("降低（更宽松）", "weaker"),
    Direction.UNKNOWN: ("变化，方向无法判断", "changed, direction unknown"),
    Direction.NOT_COMPARABLE: ("计量单位变化，无法比较", "unit changed, not comparable"),
}


_SYMBOL = {
    Comparison.GE: "≥",
    Comparison.LE: "≤",
    Comparison.EQ: "=",
    Comparison.GT: ">",
    Comparison.LT: "<",
    Comparison.APPROX: "≈",
}


def show_target(t: Target | None, lang: str = "zh") -> str:
    """A target as one short phrase: "≥ 50 张", "≤ 2020-12-31", "定性：符合要求"."""
    if t is None:
        return "—"
    if t.comparison is Comparison.QUALITATIVE:
        label = "定性" if lang == "zh" else "qualitative"
        return f"{label}：{t.value}" if t.value else label
    parts = [_SYMBOL[t.comparison]]
    if isinstance(t.value, Decimal):
        unit = "" if not t.unit else t.unit if t.unit in ("%", "‰", "％") else f" {t.unit}"
        parts.append(num(t.value) + unit)
    if t.deadline is not None:
        parts.append(t.deadline.isoformat())
    return " ".join(parts)


def relative_change(old: Decimal, new: Decimal) -> Decimal | None:
    """Percent change quantized to 0.1 (ROUND_HALF_UP); None when OLD is zero."""
    if old == 0:
        return None
    try:
        return ((new - old) / old * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # pragma: no cover - absurd magnitudes
        return None


def kind_zh(kind: IndicatorKind | None) -> str:
    if kind is None:
        return "未标注"
    return "定量" if kind is IndicatorKind.QUANTITATIVE else "定性"
