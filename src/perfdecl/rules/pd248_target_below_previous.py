"""PD248: a target weaker than the row's own 上年实际值 (last year's actual value)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from perfdecl import phrases
from perfdecl.model import Comparison, Declaration, Direction
from perfdecl.model.rows import IndicatorRow, all_indicator_rows
from perfdecl.problem import Message, Severity, shorten
from perfdecl.rules._util import fmt, in_base_unit, numeric, same_unit_family
from perfdecl.rules.base import Finding, Rule, RuleSettings

_BARE = re.compile(r"^\s*([0-9]{1,15}(?:\.[0-9]{1,6})?)\s*$")
_UP = frozenset({Comparison.GE, Comparison.GT})
_DOWN = frozenset({Comparison.LE, Comparison.LT})


def _direction(
    row: IndicatorRow, comparison: Comparison, own: Direction | None
) -> Direction | None:
    """Which way is better: the row's (or target's) 指标方向, else the comparison's (≥ a floor,
    ≤ a ceiling); an = or 约 target with no direction says neither."""
    direction = own or row.item.direction
    if direction is not None:
        return direction
    if comparison in _UP:
        return Direction.POSITIVE
    if comparison in _DOWN:
        return Direction.NEGATIVE
    return None


def _previous(text: str, unit: str) -> tuple[Decimal, str] | None:
    """Last year's value in ``unit``'s family: a bare number is taken in the target's unit."""
    bare = _BARE.match(text)
    if bare is not None:
        try:
            return Decimal(bare[1]), unit
        except InvalidOperation:  # pragma: no cover - the pattern admits only digits
            return None
    found = [p for p in phrases.parse_targets(text) if p.unit and same_unit_family(p.unit, unit)]
    return (found[0].value, found[0].unit) if len(found) == 1 else None


def _targets(row: IndicatorRow) -> Iterator[tuple[str, Comparison, Decimal, str, Direction | None]]:
    """(pointer, comparison, value, unit, direction) of the row's numeric targets; with none
    stored, the one figure of its 指标值 cell."""
    stored = False
    for t, target in enumerate(row.targets):
        value = numeric(target)
        if value is not None:
            stored = True
            unit = (target.unit or "").strip()
            yield (
                f"{row.pointer}/targets/{t}/value",
                target.comparison,
                value,
                unit,
                target.direction,
            )
    if not stored and row.value_text:
        parsed = phrases.parse_targets(row.value_text)
        if len(parsed) == 1:
            p = parsed[0]
            yield f"{row.pointer}/value_text", Comparison(p.comparison), p.value, p.unit, None


class TargetBelowPrevious(Rule):
    """A target should not promise less than the row already achieved last year (上年实际值):
    a floor below last year's actual, or a ceiling above it, is met before the year begins.

    The direction comes from the row's 指标方向 (正向: higher is better; 反向: lower is better),
    or else from the comparison (≥ a floor, ≤ a ceiling); an "=" target with no direction, or
    a 上年实际值 that is not a figure in the target's unit, is left alone. Where a lower target is
    intended (a project winding down, a one-off last year), say why in the 指标解释.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出数量指标
                items:
                  - id: out1.qty.1
                    text: 发放借书证
                    previous: 520张
                    targets:
                      - {comparison: ">=", value: 500, unit: 张}

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出数量指标
                items:
                  - id: out1.qty.1
                    text: 发放借书证
                    previous: 520张
                    targets:
                      - {comparison: ">=", value: 550, unit: 张}
    """

    code = "PD248"
    name = "target-below-previous"
    severity = Severity.WARNING
    summary = Message(
        "目标值低于本指标的上年实际值（按指标方向）",
        "A target weaker than the row's own last-year actual value, in its direction",
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        for row in all_indicator_rows(decl):
            previous = (row.item.previous or "").strip()
            if not previous:
                continue
            for pointer, comparison, value, unit, own in _targets(row):
                direction = _direction(row, comparison, own)
                last = _previous(previous[:1000], unit)
                if direction is None or last is None:
                    continue
                now, before = _in_base(value, unit, last)
                weaker = now < before if direction is Direction.POSITIVE else now > before
                if weaker:
                    yield _finding(row, pointer, direction, value, unit, previous)
                    break


def _in_base(value: Decimal, unit: str, last: tuple[Decimal, str]) -> tuple[Decimal, Decimal]:
    if not unit or not last[1]:
        return value, last[0]
    return in_base_unit(value, unit), in_base_unit(last[0], last[1])


def _finding(
    row: IndicatorRow, pointer: str, direction: Direction, value: Decimal, unit: str, prev: str
) -> Finding:
    target = f"{fmt(value)}{unit}"
    last = shorten(prev, 40)
    if direction is Direction.POSITIVE:
        zh, en = "低于", "below"
    else:
        zh, en = "高于", "above"
    return Finding(
        pointer,
        Message(
            f"指标 {row.item.id} 的目标 {target} {zh}上年实际值“{last}”，弱于上年已达到的"
            "水平。请按上年实际值调整目标，或在指标解释中说明理由。",
            f"The target {target} of {row.item.id} is {en} last year's actual value '{last}' "
            "(weaker than what was already achieved); raise the target or explain why in the "
            "indicator's explanation.",
        ),
        related=(f"{row.pointer}/previous",),
    )
