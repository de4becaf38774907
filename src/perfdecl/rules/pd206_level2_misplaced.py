"""PD206: a 二级 indicator filed under the wrong 一级."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl.model import Declaration
from perfdecl.model.frameworks import spec
from perfdecl.model.rows import all_group_rows
from perfdecl.problem import Message, Severity, shorten
from perfdecl.rules.base import ALL_KINDS, Finding, Rule, RuleSettings


class Level2UnderWrongLevel1(Rule):
    """A 二级 known to the framework must sit under the 一级 that owns it.

    Where each 二级 may sit is the framework's table (``perfdecl.model.frameworks``' data
    files): 数量, 质量, 时效 and 成本 under 产出; 经济/社会/生态效益 and 可持续影响 under 效益
    (效果); 服务对象满意度 under 效果 in the Beijing form, under 效益 or its own 满意度指标 in the
    classic framework (the 2015 template and most provinces print it under 效益), and only under
    满意度指标 in the 2021 one.

    Bad:

        indicators:
          - id: eff
            name: 效果指标
            groups:
              - name: 产出数量指标
                items: []

    Good:

        indicators:
          - id: eff
            name: 效果指标
            groups:
              - name: 社会效益指标
                items: []
    """

    code = "PD206"
    kinds = ALL_KINDS
    name = "level2-misplaced"
    severity = Severity.ERROR
    summary = Message("二级指标放在了错误的一级指标下", "A 二级 indicator is under the wrong 一级")

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        fw = spec(decl.framework)
        parents_of: dict[str, tuple[str, ...]] = {}  # a few 二级 names, each on many groups
        for row in all_group_rows(decl):
            level1, level2 = row.level1, row.canonical
            if level1 not in fw.level2 or level2 is None:
                continue  # PD204 / PD205 report these
            parents = parents_of.get(level2)
            if parents is None:
                parents = parents_of[level2] = fw.parent_of(level2)
            if not parents or level1 in parents:
                continue
            where = "或".join(fw.label(p) for p in parents)
            yield Finding(
                f"{row.pointer}/name",
                Message(
                    f"二级指标“{shorten(row.group.name)}”应放在“{where}”下，"
                    f"而不是“{shorten(row.parent.level1.name)}”下。"
                    "请移到对应的一级指标中。",
                    f"The 二级 indicator {shorten(row.group.name)!r} belongs under {where}, not under "
                    f"{shorten(row.parent.level1.name)!r}; move it there.",
                ),
            )
