"""PD230: satisfaction standing in for all of 效益."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl.model import Declaration
from perfdecl.model.frameworks import BENEFIT, SATISFACTION
from perfdecl.model.rows import groups_of, level1_rows
from perfdecl.problem import Message, Severity, shorten
from perfdecl.rules.base import Finding, Rule, RuleSettings


class SatisfactionAsBenefit(Rule):
    """An 效益 (效果) section that holds nothing but satisfaction says how people feel, not what
    the money changed: add at least one economic, social, ecological or sustainability row.

    Bad:

        indicators:
          - id: eff
            name: 效果指标
            groups:
              - name: 服务对象满意度指标
                items:
                  - id: eff.sat.1
                    text: 读者满意度达90%以上。

    Good:

        remarks: 无
    """

    code = "PD230"
    name = "satisfaction-as-benefit"
    severity = Severity.INFO
    summary = Message("效益指标只有满意度，缺少实际效益", "Satisfaction stands in for all of 效益")

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        for l1 in level1_rows(decl):
            if l1.canonical != BENEFIT:
                continue
            filled = [g for g in groups_of(l1) if g.group.items]
            if filled and all(g.canonical == SATISFACTION for g in filled):
                yield Finding(
                    f"{l1.pointer}/name",
                    Message(
                        f"“{shorten(l1.level1.name)}”下只有满意度指标。请补充社会效益、经济效益、生态效益"
                        "或可持续影响指标，写明资金带来的实际变化。",
                        f"{shorten(l1.level1.name)!r} holds only satisfaction; add social, economic, "
                        "ecological or sustainability rows saying what the money changes.",
                    ),
                )
