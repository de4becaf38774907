"""PD209: an 一级 or 二级 row with nothing in it."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl.model import Declaration
from perfdecl.model.rows import group_rows, level1_rows
from perfdecl.problem import Message, Severity, shorten
from perfdecl.rules.base import ALL_KINDS, Finding, Rule, RuleSettings


class EmptyRow(Rule):
    """An 二级 row with no 三级 indicator (or only blank ones), or an 一级 with no 二级.

    A heading with nothing under it is a box left empty: either fill it or remove it.

    Bad:

        indicators:
          - id: eff
            name: 效果指标
            groups:
              - name: 经济效益指标
                items:
                  - id: eff.econ.1
                    text: " "

    Good:

        indicators:
          - id: eff
            name: 效果指标
            groups:
              - name: 经济效益指标
                items:
                  - id: eff.econ.1
                    text: 带动周边商户营业额增长不低于5%。
    """

    code = "PD209"
    kinds = ALL_KINDS
    name = "empty-row"
    severity = Severity.WARNING
    summary = Message("一级或二级指标下没有具体指标", "An 一级 or 二级 row has no indicators")

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        for l1 in level1_rows(decl):
            if not l1.level1.groups:
                yield Finding(
                    f"{l1.pointer}/name",
                    Message(
                        f"一级指标“{shorten(l1.level1.name)}”下没有二级指标。请补充具体指标，或删除该行。",
                        f"The 一级 row {shorten(l1.level1.name)!r} has no 二级 rows; fill it in or remove it.",
                    ),
                )
        for g in group_rows(decl):
            if not any(item.text.strip() for item in g.group.items):
                yield Finding(
                    f"{g.pointer}/name",
                    Message(
                        f"二级指标“{shorten(g.group.name)}”下没有填写具体指标。请填写指标内容和指标值，或删除该行。",
                        f"The 二级 row {shorten(g.group.name)!r} has no indicator text; write the indicator "
                        "and its target, or remove the row.",
                    ),
                )
