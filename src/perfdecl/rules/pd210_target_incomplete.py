"""PD210: a quantitative indicator without comparison, number or unit."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl.model import Comparison, Declaration, IndicatorKind
from perfdecl.model.rows import all_indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import clean_unit, is_quantified, numeric
from perfdecl.rules.base import Finding, Rule, RuleSettings


class TargetIncomplete(Rule):
    """A quantitative indicator needs a comparison, a number and a unit (计量单位).

    "发放借书证50" says neither whether 50 is a floor or a ceiling nor what is counted; an
    indicator marked 定量 with no number at all cannot be scored. A structured target with a
    value and no unit, or an indicator marked 定量 whose targets are all qualitative (or marked
    定性 while carrying numeric targets), is reported here.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出数量指标
                items:
                  - id: out1.qty.1
                    text: 全年发放借书证不低于50张；
                    targets: [{comparison: ">=", value: 50}]

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出数量指标
                items:
                  - id: out1.qty.1
                    text: 全年发放借书证不低于50张；
                    targets: [{comparison: ">=", value: 50, unit: 张}]
    """

    code = "PD210"
    name = "target-incomplete"
    severity = Severity.WARNING
    summary = Message(
        "定量指标缺少比较符、数值或计量单位",
        "A quantitative indicator lacks a comparison, a number or a unit",
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        for row in all_indicator_rows(decl):
            item = row.item
            for t, target in enumerate(item.targets):
                if numeric(target) is not None and not clean_unit(target.unit):
                    yield Finding(
                        f"{row.pointer}/targets/{t}",
                        Message(
                            f"指标 {item.id} 的指标值 {target.value} 没有计量单位。请填写 unit，"
                            "如“张”“%”“万元”。",
                            f"The target value {target.value} of {item.id} has no unit; set unit, "
                            "for example 张, % or 万元.",
                        ),
                    )
            numeric_targets = [
                t for t in item.targets if t.comparison is not Comparison.QUALITATIVE
            ]
            if (
                item.kind is IndicatorKind.QUANTITATIVE
                and not numeric_targets
                and not is_quantified(row)
            ):
                yield Finding(
                    f"{row.pointer}/kind",
                    Message(
                        f"指标 {item.id} 标为定量，但没有比较符和数值。请写明目标值，如“≥50张”，"
                        "或改标为定性（kind: qualitative）。",
                        f"{item.id} is marked quantitative but states no comparison and number; "
                        "write the target (such as '>= 50 张') or mark it qualitative.",
                    ),
                )
            if item.kind is IndicatorKind.QUALITATIVE and numeric_targets:
                yield Finding(
                    f"{row.pointer}/kind",
                    Message(
                        f"指标 {item.id} 标为定性，却带有数值目标。请改标为定量（kind: quantitative），"
                        "或删去数值目标。",
                        f"{item.id} is marked qualitative but has numeric targets; mark it "
                        "quantitative or drop the numbers.",
                    ),
                )
