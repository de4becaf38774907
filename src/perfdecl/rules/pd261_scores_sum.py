"""PD261: the rows' 得分 do not add up to the 自评得分."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfdecl.model import Declaration
from perfdecl.model.rows import indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import fmt
from perfdecl.rules.base import SELFEVAL_KINDS, Finding, Rule, RuleSettings


def printed_places(value: Decimal) -> int:
    """How many decimals a figure is printed with (98.33 -> 2, 96 -> 0)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


class ScoresDoNotAddUp(Rule):
    """The 自评得分 (total self-score) is not the sum of the rows' 得分 and the 预算执行 得分.

    The total is what the bureau reads and publishes; a total that is not the sum of the scores
    printed above it means a row was rescored and the total not, or the total was written by
    hand. The sum is compared at the total's printed precision (98.33 against 98.333...). Only
    checked when every scored row has a 得分.

    Bad:

        kind: selfeval
        indicators:
          - id: out
            name: 产出指标
            groups:
              - name: 数量指标
                items:
                  - id: out.1
                    text: 培训人数≥100人
                    points: 50
                    score: 45
        execution:
          points: 10
          score: 10
        total_score: 60

    Good:

        kind: selfeval
        indicators:
          - id: out
            name: 产出指标
            groups:
              - name: 数量指标
                items:
                  - id: out.1
                    text: 培训人数≥100人
                    points: 50
                    score: 45
        execution:
          points: 10
          score: 10
        total_score: 55
    """

    code = "PD261"
    name = "scores-sum"
    severity = Severity.ERROR
    kinds = SELFEVAL_KINDS
    summary = Message(
        "自评总分不等于各指标得分与预算执行得分之和",
        "The total self-score is not the sum of the rows' and the budget execution's scores",
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        total = getattr(decl, "total_score", None)
        if total is None:
            return
        scores: list[Decimal] = []
        for row in indicator_rows(decl):
            score = getattr(row.item, "score", None)
            if score is None:
                if row.item.points is not None:
                    return  # a scored row without its 得分: the sum cannot be known
                continue
            scores.append(score)
        if not scores:
            return
        execution = getattr(decl, "execution", None)
        if execution is not None and execution.score is not None:
            scores.append(execution.score)
        summed = sum(scores, Decimal(0))
        places = printed_places(total)
        if summed.quantize(Decimal(1).scaleb(-places)) == total or summed == total:
            return
        yield Finding(
            "/total_score",
            Message(
                f"自评总分 {fmt(total)} 分不等于各指标得分与预算执行得分之和 {fmt(summed)} 分"
                f"（相差 {fmt(total - summed)} 分）。请核对各行得分与总分。",
                f"The total self-score {fmt(total)} is not the sum of the rows' and the budget "
                f"execution's scores, {fmt(summed)} (a difference of {fmt(total - summed)}); "
                "check each row's score and the total.",
            ),
        )
