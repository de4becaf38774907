"""Met, missed or not comparable: one declared target against the value achieved.

A row's declared targets come from its structured ``targets``, else from the 指标性质 /
指标值 / 计量单位 columns, else from the wording (:mod:`perfdecl.phrases`). The actual value
comes from ``results`` (one per target), else ``actual_value``, else the printed ``actual``.
The verdict follows the target's comparison and direction: a ``>=`` target is missed below it, a
``<=`` one above it; ``=`` (or a bare value) counts as at least, and as at most for a 反向
indicator or, with no 指标方向, one whose name says lower is better (预算调整率, 投诉率, 成本:
:mod:`perfdecl.phrases.polarity`); ``~`` with a tolerance. Gaps are in the target's unit, amounts
of money converted between 元, 万元 and 亿元.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from perfdecl.model import Comparison, Direction, Indicator, IndicatorKind, comparison_of
from perfdecl.model.selfeval import EvalIndicator
from perfdecl.phrases import parse_dates, parse_targets
from perfdecl.phrases.polarity import lower_is_better


class Status(StrEnum):
    """A target's (or a row's) verdict."""

    MET = "met"
    MISSED = "missed"
    NOT_COMPARABLE = "not-comparable"
    QUALITATIVE = "qualitative"
    NOT_EVALUATED = "not-evaluated"
    UNDECLARED = "undeclared"


@dataclass(frozen=True, slots=True)
class Goal:
    """One declared target as compared: comparison, value, unit, deadline, direction."""

    name: str | None
    comparison: Comparison
    value: Decimal | None
    unit: str
    deadline: datetime.date | None = None
    direction: Direction | None = None

    @property
    def upper(self) -> bool:
        """True for a ceiling (≤, <, or = / ~ on a 反向 indicator): less is better."""
        if self.comparison in (Comparison.LE, Comparison.LT):
            return True
        return self.comparison in (Comparison.EQ, Comparison.APPROX) and (
            self.direction is Direction.NEGATIVE
        )

    def key(self) -> tuple[str, str, str, str]:
        """What must stay the same between declaration and self-evaluation (= reads as ≥)."""
        comparison = self.comparison
        if comparison is Comparison.EQ:
            comparison = Comparison.LE if self.upper else Comparison.GE
        value = format(self.value.normalize(), "f") if self.value is not None else ""
        deadline = self.deadline.isoformat() if self.deadline else ""
        return (comparison.value, value, unit_key(self.unit), deadline)

    def show(self) -> str:
        """The target as a clerk writes it: ≥100%, ≤120万元, 截止2019-12-31."""
        symbol = {">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<", "~": "约"}.get(
            self.comparison.value, ""
        )
        if self.value is None:
            return f"截止{self.deadline.isoformat()}" if self.deadline else symbol
        return f"{symbol}{show_number(self.value)}{self.unit}"


@dataclass(frozen=True, slots=True)
class Actual:
    """A value achieved as read: a number in a unit (None: the target's), or a date."""

    value: Decimal | None = None
    unit: str | None = None
    date: datetime.date | None = None


@dataclass(frozen=True, slots=True)
class Judged:
    """One target's verdict: the gap (in the target's unit, positive = short) and the share of
    the target reached (0..1, for proportional scoring); ``why`` says why not comparable."""

    goal: Goal
    actual: Actual | None
    status: Status
    gap: Decimal | None = None
    shortfall: Decimal | None = None  # gap / target
    share: Decimal = Decimal(1)
    why: str | None = None  # missing | text | unit | date


_PLAIN = re.compile(r"\s*([+-]?[0-9]+(?:\.[0-9]+)?)\s*")
_MONEY = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
_WORDS = re.compile(r"[\s　]+")


def unit_key(unit: str | None) -> str:
    """A unit as compared: NFKC (％ -> %), no spaces; 平方米 and ㎡ are one unit."""
    text = _WORDS.sub("", unicodedata.normalize("NFKC", unit or ""))
    return {"平方米": "m2", "平米": "m2", "m²": "m2", "m2": "m2", "人次": "人次"}.get(text, text)


def show_number(value: Decimal) -> str:
    """A number without exponent or trailing zeros: 100, 98.5, 23.5."""
    text = (
        format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    )
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _number(text: str | None) -> Decimal | None:
    m = _PLAIN.fullmatch(text or "")
    if m is None:
        return None
    try:
        return Decimal(m[1])
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        return None


def direction_of(item: Indicator, name: str | None = None) -> Direction | None:
    """A target's direction: the row's 指标方向, else 反向 when the target's name (else the
    row's wording) says lower is better; None leaves ``=`` read as at least."""
    if item.direction is not None:
        return item.direction
    return Direction.NEGATIVE if lower_is_better(name or item.text) else None


def goals_of(item: Indicator) -> tuple[Goal, ...]:
    """The quantitative targets a row declares (none for a qualitative row)."""
    if item.kind is IndicatorKind.QUALITATIVE:
        return ()
    if item.targets:
        several = len(item.targets) > 1
        return tuple(
            Goal(
                t.name,
                t.comparison,
                t.value if isinstance(t.value, Decimal) else None,
                t.unit or item.unit or "",
                t.deadline,
                t.direction
                or (item.direction if several and not t.name else direction_of(item, t.name)),
            )
            for t in item.targets
            if t.comparison is not Comparison.QUALITATIVE
        )
    return _goals_of_text(item.value_text, item) if item.value_text else ()


def _goals_of_text(text: str, item: Indicator) -> tuple[Goal, ...]:
    """Targets read from a 指标值 cell with its 指标性质 and 计量单位 columns."""
    comparison = comparison_of(item.nature)
    if comparison is Comparison.QUALITATIVE:
        return ()
    plain = _number(text)
    direction = direction_of(item)
    if plain is not None:
        return (Goal(None, comparison or Comparison.EQ, plain, item.unit or "", None, direction),)
    found = parse_targets(text)
    return tuple(
        Goal(
            None,
            comparison if comparison is not None and len(found) == 1 else Comparison(t.comparison),
            t.value,
            t.unit or item.unit or "",
            None,
            direction if len(found) == 1 else item.direction,
        )
        for t in found
    )


def read_actual(text: str | None, unit_hint: str) -> Actual | None:
    """A printed actual value: a bare number (in the target's unit), a number with its unit,
    or a completion date; an empty :class:`Actual` for words only (有效), None when blank."""
    if not text or not text.strip():
        return None
    plain = _number(text)
    if plain is not None:
        return Actual(plain, None)
    found = parse_targets(text)
    if found:
        hint = unit_key(unit_hint)
        chosen = next((t for t in found if unit_key(t.unit) == hint), found[0])
        return Actual(chosen.value, chosen.unit)
    dates = parse_dates(text)
    if dates:
        return Actual(date=max(d.date for d in dates))
    return Actual()  # words only (有效, 已完成): printed, but no number to compare


def actuals_of(item: EvalIndicator, goals: tuple[Goal, ...]) -> list[Actual | None]:
    """The value achieved for each goal, in the order of ``goals``."""
    if item.results:
        by_name = {r.name: r for r in item.results if r.name}
        positional = len(item.results) == len(goals)
        out: list[Actual | None] = []
        for k, goal in enumerate(goals):
            result = by_name.get(goal.name or "") if goal.name else None
            if result is None and positional:
                result = item.results[k]
            if result is None:
                out.append(None)
            elif result.value is not None:
                out.append(Actual(result.value, result.unit))
            else:
                out.append(read_actual(result.text, goal.unit))
        return out
    if len(goals) == 1:
        if item.actual_value is not None:
            return [Actual(item.actual_value, None)]
        return [read_actual(item.actual, goals[0].unit)]
    return [None] * len(goals)


def _converted(actual: Actual, goal: Goal) -> Decimal | None:
    """The actual value in the goal's unit, or None when the units differ."""
    assert actual.value is not None
    have, want = unit_key(actual.unit or goal.unit), unit_key(goal.unit)
    if have == want:
        return actual.value
    if have in _MONEY and want in _MONEY:
        return actual.value * _MONEY[have] / _MONEY[want]
    return None


def judge(goal: Goal, actual: Actual | None, approx_tolerance: Decimal) -> Judged:
    """The verdict on one goal (see the module docstring for the conventions)."""
    if goal.value is None:
        return _judge_deadline(goal, actual)
    if actual is None or actual.value is None:
        return Judged(
            goal, actual, Status.NOT_COMPARABLE, why="missing" if actual is None else "text"
        )
    value = _converted(actual, goal)
    if value is None:
        return Judged(goal, actual, Status.NOT_COMPARABLE, why="unit")
    target = goal.value
    tolerance = target * approx_tolerance / 100 if goal.comparison is Comparison.APPROX else 0
    if goal.upper:
        gap = value - target
        met = value < target if goal.comparison is Comparison.LT else gap <= tolerance
        share = target / value if value > 0 else Decimal(1)
    else:
        gap = target - value
        met = value > target if goal.comparison is Comparison.GT else gap <= tolerance
        share = value / target if target > 0 else Decimal(1)
    if met:
        return Judged(goal, Actual(value, goal.unit), Status.MET, gap=None, share=Decimal(1))
    shortfall = gap / target if target != 0 else None
    share = min(max(share, Decimal(0)), Decimal(1))
    return Judged(goal, Actual(value, goal.unit), Status.MISSED, gap, shortfall, share)


def _judge_deadline(goal: Goal, actual: Actual | None) -> Judged:
    """A 时效 target: met when the completion date is on or before the deadline."""
    if goal.deadline is None or actual is None or actual.date is None:
        return Judged(goal, actual, Status.NOT_COMPARABLE, why="date")
    late = (actual.date - goal.deadline).days
    if late <= 0:
        return Judged(goal, actual, Status.MET)
    return Judged(goal, actual, Status.MISSED, gap=Decimal(late), share=Decimal(0))


def row_status(judged: list[Judged], qualitative: bool) -> Status:
    """A row's verdict from its targets': missed if any is, met if all are."""
    if qualitative:
        return Status.QUALITATIVE
    if any(j.status is Status.MISSED for j in judged):
        return Status.MISSED
    if all(j.status is Status.MET for j in judged):
        return Status.MET
    return Status.NOT_COMPARABLE


APPROX_TOLERANCE = Decimal(5)
"""The default tolerance of a ``~`` (约) target, in percent of the target."""


def row_verdict(item: Indicator) -> tuple[Status, list[Judged]]:
    """A self-evaluation row judged against its own targets (the self-evaluation's rules)."""
    if not isinstance(item, EvalIndicator):
        return Status.NOT_EVALUATED, []
    goals = goals_of(item)
    judged = [
        judge(g, a, APPROX_TOLERANCE) for g, a in zip(goals, actuals_of(item, goals), strict=True)
    ]
    return row_status(judged, not goals), judged


def achieved(actual: Actual | None) -> str:
    """What was achieved, for a message: a number with its unit, a date, or ？."""
    if actual is None:
        return "？"
    if actual.value is not None:
        return show_number(actual.value) + (actual.unit or "")
    return actual.date.isoformat() if actual.date else "？"
