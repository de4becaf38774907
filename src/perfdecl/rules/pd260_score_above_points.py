"""PD260: a self-evaluation's 得分 above its 分值."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfdecl.model import Declaration
from perfdecl.model.rows import all_indicator_rows, all_level1_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import fmt
from perfdecl.rules.base import SELFEVAL_KINDS, Finding, Rule, RuleSettings


def _finding(pointer: str, name: str, score: Decimal, points: Decimal) -> Finding:
    return Finding(
        pointer,
        Message(
            f"{name} 的得分 {fmt(score)} 分高于其分值 {fmt(points)} 分。得分不能超过分值，"
            "请核对得分或分值。",
            f"{name} scores {fmt(score)}, above its {fmt(points)} points; a score cannot exceed "
            "its points: check the score or the points.",
        ),
    )


def _above(score: Decimal | None, points: Decimal | None) -> bool:
    return score is not None and points is not None and score > points


class ScoreAbovePoints(Rule):
    """A row's 得分 (or a 一级's, the 预算执行 row's, the total's) is above its 分值.

    A self-evaluation scores each row out of its points (财预〔2020〕10号); a score above them is
    a figure copied into the wrong column or a total padded by hand.

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
                    actual: 120人
                    points: 10
                    score: 12

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
                    actual: 120人
                    points: 10
                    score: 10
    """

    code = "PD260"
    name = "score-above-points"
    severity = Severity.ERROR
    kinds = SELFEVAL_KINDS
    summary = Message("自评得分高于分值", "A self-evaluation score above its points")

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        for l1 in all_level1_rows(decl):
            score, points = getattr(l1.level1, "score", None), l1.level1.points
            if score is not None and points is not None and score > points:
                yield _finding(f"{l1.pointer}/score", l1.level1.name, score, points)
        for row in all_indicator_rows(decl):
            score, points = getattr(row.item, "score", None), row.item.points
            if score is not None and points is not None and score > points:
                yield _finding(f"{row.pointer}/score", row.item.id or row.text[:20], score, points)
        execution = getattr(decl, "execution", None)
        if execution is not None and _above(execution.score, execution.points):
            assert execution.score is not None and execution.points is not None
            yield _finding("/execution/score", "预算执行率", execution.score, execution.points)
        score, points = getattr(decl, "total_score", None), getattr(decl, "total_points", None)
        if score is not None and points is not None and score > points:
            yield _finding("/total_score", "自评总分", score, points)
