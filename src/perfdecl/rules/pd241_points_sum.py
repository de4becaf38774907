"""PD241: the 分值 of a 一级 (or of the table) do not add up."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfdecl.model import Declaration
from perfdecl.problem import Message, Severity, shorten
from perfdecl.rules._tables import Level1Items, tables
from perfdecl.rules._util import fmt
from perfdecl.rules.base import Finding, Rule, RuleSettings


def _points(l1: Level1Items) -> Decimal | None:
    """The sum of the 三级 points of a 一级 when every row gives them, else None."""
    points = [item.points for item in l1.items]
    if not points or any(p is None for p in points):
        return None
    return sum((p for p in points if p is not None), Decimal(0))


def _level1(l1: Level1Items) -> Iterator[Finding]:
    name = shorten(l1.level1.name)
    summed = _points(l1)
    given = l1.level1.points
    if given is not None and summed is not None and summed != given:
        yield Finding(
            f"{l1.pointer}/points",
            Message(
                f"“{name}”的分值为 {fmt(given)}，其三级指标分值之和为 {fmt(summed)}。",
                f"{name!r} is worth {fmt(given)} points but its rows add up to {fmt(summed)}.",
            ),
        )
    span = l1.level1.points_range
    if span is None:
        return
    for what, value in (("分值", given), ("三级指标分值之和", summed)):
        if value is not None and not span.min <= value <= span.max:
            yield Finding(
                f"{l1.pointer}/points_range",
                Message(
                    f"“{name}”的{what} {fmt(value)} 不在 {fmt(span.min)}–{fmt(span.max)} 分之间。",
                    f"{name!r}: {fmt(value)} points lie outside {fmt(span.min)}-{fmt(span.max)}.",
                ),
            )
            break


class PointsDoNotAddUp(Rule):
    """The 分值 printed beside a 一级 ("产出指标(40分)") is the sum of its 三级 rows' 分值, and
    lies inside the range printed beside it ("成本指标(0-20)分"); the table's points (年度绩效目标
    (90分), 总分 100) are the sum of its rows'. Only what the form gives is compared: a 一级 whose
    rows carry no points is not summed.

    Bad:

        indicators_points: 90
        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            points: 50
            groups:
              - name: 产出数量指标
                items:
                  - {id: out1.qty.1, text: 发放借书证, value_text: ≥50张, points: 30}
                  - {id: out1.qty.2, text: 开展培训, value_text: ≥25场, points: 30}

    Good:

        indicators_points: 60
        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            points: 60
            groups:
              - name: 产出数量指标
                items:
                  - {id: out1.qty.1, text: 发放借书证, value_text: ≥50张, points: 30}
                  - {id: out1.qty.2, text: 开展培训, value_text: ≥25场, points: 30}
    """

    code = "PD241"
    name = "points-sum"
    severity = Severity.ERROR
    summary = Message(
        "分值之和与一级指标或总分不符", "Points do not add up to the 一级's or the table's"
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        for pointer, level1s in tables(decl):
            for l1 in level1s:
                yield from _level1(l1)
            if pointer != "/indicators" or decl.indicators_points is None:
                continue
            rows = [_points(l1) for l1 in level1s]
            if all(r is not None for r in rows):
                summed = sum((r for r in rows if r is not None), Decimal(0))
            elif all(l1.level1.points is not None for l1 in level1s):
                summed = sum((l1.level1.points or Decimal(0) for l1 in level1s), Decimal(0))
            else:
                continue
            if summed != decl.indicators_points:
                yield Finding(
                    "/indicators_points",
                    Message(
                        f"绩效指标分值为 {fmt(decl.indicators_points)}，各指标分值之和为 {fmt(summed)}。",
                        f"the table is worth {fmt(decl.indicators_points)} points but its rows add "
                        f"up to {fmt(summed)}.",
                    ),
                )
