"""PD208: the table has no 服务对象满意度 indicator."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl.model import Declaration
from perfdecl.model.frameworks import SATISFACTION, spec
from perfdecl.model.rows import group_rows, indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules.base import Finding, Rule, RuleSettings


class SatisfactionMissing(Rule):
    """Every framework asks how satisfied the people served are: a 服务对象满意度 row is required.

    Bad:

        indicators:
          - id: eff
            name: 效果指标
            groups:
              - name: 社会效益指标
                items:
                  - id: eff.soc.1
                    text: 全年图书借阅总册次不低于5000册。

    Good:

        indicators:
          - id: eff
            name: 效果指标
            groups:
              - name: 服务对象满意度指标
                items:
                  - id: eff.sat.1
                    text: 读者满意度达90%以上。
    """

    code = "PD208"
    name = "satisfaction-missing"
    severity = Severity.WARNING
    summary = Message("缺少服务对象满意度指标", "No 服务对象满意度 (satisfaction) indicator")

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        if not decl.indicators:
            return
        if any(g.canonical == SATISFACTION and g.group.items for g in group_rows(decl)):
            return
        if any("满意" in row.text[:1000] for row in indicator_rows(decl)):
            return  # a satisfaction row filed elsewhere: PD228/PD230 say where it belongs
        fw = spec(decl.framework)
        where = "效果指标" if fw.framework.value == "beijing_2019" else "满意度指标"
        yield Finding(
            "/indicators",
            Message(
                f"指标表没有服务对象满意度指标。请在“{where}”下增加“服务对象满意度指标”，"
                "写明满意度目标值，如“服务对象满意度≥90%”。",
                f"The table has no 服务对象满意度 indicator; add one under {where} with a numeric "
                "target such as '服务对象满意度≥90%'.",
            ),
            key=True,
        )
