"""PD205: a 二级 indicator that the declared framework does not have."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl.model import Declaration
from perfdecl.model.frameworks import spec
from perfdecl.model.rows import all_group_rows
from perfdecl.problem import Message, Severity, shorten
from perfdecl.rules.base import ALL_KINDS, Finding, Rule, RuleSettings


class Level2OutsideFramework(Rule):
    """Every 二级 must be one the declared framework defines (synonyms allowed).

    Synonyms seen in real forms are accepted: 进度 = 时效, 环境效益 = 生态效益 = 生态文明效益,
    社会公众或服务对象满意度 = 服务对象满意度; a prefix such as 产出 in 产出数量指标 is fine.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出规模指标
                items: []

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出数量指标
                items: []
    """

    code = "PD205"
    kinds = ALL_KINDS
    name = "level2-outside-framework"
    severity = Severity.ERROR
    summary = Message(
        "二级指标不属于所申报的指标体系", "A 二级 indicator is not in the declared framework"
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        fw = spec(decl.framework)
        known = {l2 for l2s in fw.level2.values() for l2 in l2s}
        for row in all_group_rows(decl):
            if row.canonical in known:
                continue
            allowed = fw.level2.get(row.level1 or "", ())
            if not allowed:
                allowed = tuple(sorted(known))
            names = "、".join(allowed)
            yield Finding(
                f"{row.pointer}/name",
                Message(
                    f"二级指标“{shorten(row.group.name)}”不属于{fw.title_zh}。此处可用的二级指标为：{names}。"
                    "请改用规范名称。",
                    f"The 二级 indicator {shorten(row.group.name)!r} is not part of the {fw.title_en}; "
                    f"use one of: {names}.",
                ),
            )
