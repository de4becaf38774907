"""PD207: an 产出 indicator without its 数量/质量/时效/成本 rows, or a whole 一级 missing."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl.model import Declaration
from perfdecl.model.frameworks import OUTPUT, SATISFACTION_L1, spec
from perfdecl.model.rows import groups_of, level1_rows
from perfdecl.problem import Message, Severity, shorten
from perfdecl.rules.base import Finding, Rule, RuleSettings


class IncompleteCoverage(Rule):
    """Each 产出 must have all its 二级 rows, and every 一级 of the framework must be present.

    An output with no 质量 or 成本 row cannot be judged for quality or cost; a table with no
    效益 says nothing about what the money achieves. (Satisfaction is checked by PD208.)

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            goal: g1
            groups:
              - name: 产出数量指标
                items:
                  - id: out1.qty.1
                    text: 全年发放借书证不低于50张；
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

    code = "PD207"
    name = "incomplete-coverage"
    severity = Severity.WARNING
    summary = Message(
        "产出指标缺少数量、质量、时效或成本二级指标，或缺少整个一级指标",
        "An 产出 lacks its 数量/质量/时效/成本 rows, or a whole 一级 is missing",
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        fw = spec(decl.framework)
        rows = list(level1_rows(decl))
        present = {row.canonical for row in rows}
        # 二级 rows standing under a 一级 outside the framework (PD204 names it): their 一级 is
        # there in substance, under a name the table does not know
        strays = {g.canonical for row in rows if row.canonical is None for g in groups_of(row)}
        for level1 in fw.level1:
            if strays & set(fw.level2.get(level1, ())):
                continue
            if level1 not in present and level1 != SATISFACTION_L1 and rows:
                label = fw.label(level1)
                yield Finding(
                    "/indicators",
                    Message(
                        f"指标表缺少一级指标“{label}”。请按{fw.title_zh}补充该一级指标及其二级指标。",
                        f"The table has no {label}; add it with its 二级 rows as the "
                        f"{fw.title_en} requires.",
                    ),
                    key=True,
                )
        expected = fw.level2.get(OUTPUT, ())
        for row in rows:
            if row.canonical != OUTPUT or not (row.level1.groups or row.level1.items):
                continue  # an 产出 with no rows at all is PD209's (one finding for the row)
            have = {g.canonical for g in groups_of(row)}
            lacking = [l2 for l2 in expected if l2 not in have]
            if lacking:
                names = "、".join(lacking)
                yield Finding(
                    f"{row.pointer}/name",
                    Message(
                        f"“{shorten(row.level1.name)}”缺少{names}指标。每项产出都应有数量、质量、时效和成本"
                        "指标，请补充。",
                        f"{shorten(row.level1.name)!r} has no {names} row; every output needs its "
                        "quantity, quality, timeliness and cost rows.",
                    ),
                )
