"""PD263: a missed target with no 偏差原因."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl.model import Declaration
from perfdecl.model.rows import indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules.base import SELFEVAL_KINDS, Finding, Rule, RuleSettings


class MissedWithoutReason(Rule):
    """A target the row's own 实际完成值 does not meet, with no 偏差原因分析及改进措施.

    财预〔2020〕10号 asks each self-evaluation to explain every target not met and say what will
    be done about it; a shortfall with a blank reason column is returned for completion. The
    verdict is the one ``perfdecl outcome`` gives (the row's declared comparison, unit and
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
                    score: 8

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
                    deviation: 受疫情影响，下半年两期培训取消；2021年一季度补办。
    """

    code = "PD263"
    name = "missed-without-reason"
    severity = Severity.WARNING
    kinds = SELFEVAL_KINDS
    summary = Message("未完成的指标没有填写偏差原因", "A missed target with no reason given")

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        # imported here: the verdict needs the self-evaluation's models, kept off start-up
        from perfdecl.phrases.verdict import Status, achieved, row_verdict

        for row in indicator_rows(decl):
            status, judged = row_verdict(row.item)
            if status is not Status.MISSED or (getattr(row.item, "deviation", None) or "").strip():
                continue
            missed = next(j for j in judged if j.status is Status.MISSED)
            actual = missed.actual
            shown = achieved(actual)
            name = row.item.id or row.text[:20]
            yield Finding(
                f"{row.pointer}/actual" if getattr(row.item, "actual", None) else row.pointer,
                Message(
                    f"{name} 未完成目标（实际完成 {shown}），但没有填写偏差原因。"
                    "请在“偏差原因分析及改进措施”一栏说明未完成的原因和改进措施。",
                    f"{name} missed its target (achieved {shown}) and gives no "
                    "reason; explain the shortfall and what will be done under 偏差原因分析及改进措施.",
                ),
            )
