"""PD264: full marks on a target that was not met."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl.model import Declaration
from perfdecl.model.rows import indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import fmt
from perfdecl.rules.base import SELFEVAL_KINDS, Finding, Rule, RuleSettings


class FullScoreOnMissed(Rule):
    """A row self-scored its full 分值 although its own 实际完成值 misses the target.

    Under 财预〔2020〕10号 a target not met earns points in proportion to what was achieved; full
    marks on a shortfall inflate the self-score, and evaluators mark such a self-evaluation down
    as a whole. The verdict is the one ``perfdecl outcome`` gives (the row's declared comparison, unit and
    direction against the value achieved).

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
                    targets: [{comparison: ">=", value: 100, unit: 人}]
                    actual: 80人
                    points: 10
                    score: 10

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
                    targets: [{comparison: ">=", value: 100, unit: 人}]
                    actual: 80人
                    points: 10
                    score: 8
                    deviation: 受疫情影响，下半年两期培训取消。
    """

    code = "PD264"
    name = "full-score-missed"
    severity = Severity.ERROR
    kinds = SELFEVAL_KINDS
    summary = Message("未完成的指标自评为满分", "Full marks on a target that was not met")

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        # imported here: the verdict needs the self-evaluation's models, kept off start-up
        from perfdecl.phrases.verdict import Status, achieved, row_verdict

        for row in indicator_rows(decl):
            status, judged = row_verdict(row.item)
            score, points = getattr(row.item, "score", None), row.item.points
            if status is not Status.MISSED or score is None or points is None or score < points:
                continue
            missed = next(j for j in judged if j.status is Status.MISSED)
            actual = missed.actual
            shown = achieved(actual)
            name = row.item.id or row.text[:20]
            yield Finding(
                f"{row.pointer}/score",
                Message(
                    f"{name} 未完成目标（实际完成 {shown}），却自评满分 {fmt(score)} 分。"
                    "未完成的指标应按完成程度扣分。",
                    f"{name} missed its target (achieved {shown}) yet scores its full "
                    f"{fmt(score)} points; a missed target earns points in proportion to what "
                    "was achieved.",
                ),
            )
