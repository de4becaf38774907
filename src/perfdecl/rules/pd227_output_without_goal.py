"""PD227: an 产出 group tied to no goal strand."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl.model import Declaration
from perfdecl.model.frameworks import OUTPUT, spec
from perfdecl.model.rows import level1_rows
from perfdecl.problem import Message, Severity, shorten
from perfdecl.rules.base import Finding, Rule, RuleSettings


class OutputWithoutGoal(Rule):
    """In the Beijing 2019 form each 产出指标 measures one goal strand and must say which.

    Without ``goal:`` the reviewer cannot see which goal the output serves; outputs that serve no
    stated goal are the first cut in review.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups: []

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            goal: g1
            groups: []
    """

    code = "PD227"
    name = "output-without-goal"
    severity = Severity.WARNING
    summary = Message("产出指标没有对应的绩效目标", "An 产出 group is tied to no goal strand")

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        if decl.goals is None or not decl.goals.strands:
            return
        fw = spec(decl.framework)
        tied = any(l1.goal for l1 in decl.indicators)
        if not fw.numbered_outputs and not tied:
            return
        for row in level1_rows(decl):
            if row.canonical != OUTPUT or row.level1.goal:
                continue
            yield Finding(
                f"{row.pointer}/name",
                Message(
                    f"“{shorten(row.level1.name)}”没有写明对应的绩效目标。请加上 goal: 目标编号（如 g1）。",
                    f"{shorten(row.level1.name)!r} names no goal strand; add 'goal: <strand id>' (such as g1).",
                ),
            )
