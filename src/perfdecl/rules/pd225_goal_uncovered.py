"""PD225: a goal strand with no indicator group."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl.model import Declaration
from perfdecl.model.frameworks import spec
from perfdecl.problem import Message, Severity
from perfdecl.rules.base import Finding, Rule, RuleSettings


class GoalWithoutIndicators(Rule):
    """Every goal strand (一、二、…) must be measured by an indicator group that names it
    (``goal:`` on the 一级).

    A goal that no indicator measures cannot be evaluated. The rule applies when the table ties
    groups to goals: always in the Beijing 2019 form (one 产出指标 per strand), and in the other
    frameworks once any 一级 names a goal.

    Bad:

        goals:
          lead: 2019年做好辖区公共阅读服务。
          strands:
            - id: g1
              text: 一、做好图书借阅服务。
            - id: g2
              text: 二、开展阅读推广活动。

    Good:

        goals:
          lead: 2019年做好辖区公共阅读服务。
          strands:
            - id: g1
              text: 一、做好图书借阅服务。
    """

    code = "PD225"
    name = "goal-without-indicators"
    severity = Severity.WARNING
    summary = Message("绩效目标中的某项目标没有对应的指标", "A goal strand has no indicator group")

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        if decl.goals is None or not decl.goals.strands or not decl.indicators:
            return
        used = {l1.goal for l1 in decl.indicators if l1.goal}
        if not used and not spec(decl.framework).numbered_outputs:
            return
        for i, strand in enumerate(decl.goals.strands):
            if strand.id in used:
                continue
            text = strand.text.strip()
            yield Finding(
                f"/goals/strands/{i}/id",
                Message(
                    f"目标 {strand.id}（{text[:16]}…）没有对应的产出指标。请增加对应的产出指标，"
                    f"并在其中写明 goal: {strand.id}。",
                    f"The goal strand {strand.id} is measured by no indicator group; add one with "
                    f"'goal: {strand.id}'.",
                ),
            )
