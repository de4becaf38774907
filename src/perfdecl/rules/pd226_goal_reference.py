"""PD226: a 一级 that names a goal strand which does not exist."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl.model import Declaration
from perfdecl.problem import Message, Severity, shorten
from perfdecl.rules.base import Finding, Rule, RuleSettings


class GoalReferenceMissing(Rule):
    """``goal:`` on a 一级 must name a strand of ``goals.strands``.

    A dangling reference is a typo or a strand that was deleted; either way the indicators no
    longer measure any stated goal.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            goal: g9
            groups: []

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            goal: g1
            groups: []
    """

    code = "PD226"
    name = "goal-reference-missing"
    severity = Severity.ERROR
    summary = Message("指标所对应的目标不存在", "A 一级 names a goal strand that does not exist")

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        ids = [s.id for s in decl.goals.strands] if decl.goals is not None else []
        for i, l1 in enumerate(decl.indicators):
            if l1.goal is None or l1.goal in ids:
                continue
            have = shorten("、".join(ids)) if ids else "（无）"
            yield Finding(
                f"/indicators/{i}/goal",
                Message(
                    f"“{shorten(l1.name)}”对应的目标 {l1.goal} 不存在（现有目标：{have}）。请改为正确的目标编号。",
                    f"{shorten(l1.name)!r} refers to goal {l1.goal!r}, which does not exist (goals: "
                    f"{shorten(', '.join(ids)) or 'none'}); fix the id.",
                ),
            )
