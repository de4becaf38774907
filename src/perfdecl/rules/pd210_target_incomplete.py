"""PD210: a quantitative indicator without comparison, number or unit."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfdecl.model import Declaration
from perfdecl.model.frameworks import QUANTITY, SATISFACTION
from perfdecl.model.rows import IndicatorRow, all_indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import (
    QUALITATIVE_COMPARISON,
    QUALITATIVE_KIND,
    QUANTITATIVE_KIND,
    clean_unit,
    is_quantified,
    value_given,
)
from perfdecl.rules.base import Finding, Rule, RuleSettings
from perfdecl.rules.pd231_placeholder import PLACEHOLDER

AMOUNT_NAMES = (
    "收入",
    "产值",
    "产量",
    "利润",
    "金额",
    "销售额",
    "人数",
    "户数",
    "人次",
    "面积",
)
"""How the name of an amount or a count ends (残疾人收入, 受益户数): such a row is a number to be
given, so with no value at all it is an incomplete quantitative target."""


def names_an_amount(row: IndicatorRow) -> str | None:
    """The amount a row is named after, when its value is missing altogether: not marked 定性,
    no 指标值, no target, no figure or placeholder in the wording. 数量 rows are PD211's,
    satisfaction PD222's."""
    if row.level2 in (QUANTITY, SATISFACTION) or row.kind is not None:
        return None
    name = row.text.strip().rstrip("。；;，,、 ")
    if not name.endswith(AMOUNT_NAMES):  # one C call rules out most rows
        return None
    end = next(word for word in AMOUNT_NAMES if name.endswith(word))
    if value_given(row) or is_quantified(row) or PLACEHOLDER.search(name[:2000]):
        return None  # a template's XX is PD231's
    return end


class TargetIncomplete(Rule):
    """A quantitative indicator needs a comparison, a number and a unit (计量单位).

    "发放借书证50" says neither whether 50 is a floor or a ceiling nor what is counted; an
    indicator marked 定量 with no number at all cannot be scored. A structured target with a
    value and no unit, or an indicator marked 定量 whose targets are all qualitative (or marked
    定性 while carrying numeric targets), is reported here. So is a row named as an amount or a
    count (残疾人收入, 受益户数: the name ends in 收入, 产值, 人数, 户数 …) that gives no value at all and
    is not marked 定性: a 数量 row is PD211's, a satisfaction row PD222's.

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
            if row.targets:
                for t, target in enumerate(row.targets):
                    if isinstance(target.value, Decimal) and not clean_unit(target.unit):
                        yield Finding(
                            f"{row.pointer}/targets/{t}",
                            Message(
                                f"指标 {item.id} 的指标值 {target.value} 没有计量单位。请填写 unit，"
                                "如“张”“%”“万元”。",
                                f"The target value {target.value} of {item.id} has no unit; set unit, "
                                "for example 张, % or 万元.",
                            ),
                        )
            kind = row.kind
            if kind is None:  # the usual case: only a row named as an amount may be reported
                amount = names_an_amount(row)
                if amount is not None:
                    yield Finding(
                        row.text_pointer,
                        Message(
                            f"指标 {item.id} 是一个数（{amount}），却没有填写指标值。请写明目标值，"
                            "如“≥80万元”“≥500户”，或较上年增长的幅度。",
                            f"{item.id} names an amount ({amount}) but gives no value; state the "
                            "target, such as '>= 80 万元' or '>= 500 户', or the growth on last "
                            "year.",
                        ),
                        offset=0,
                    )
                continue
            numeric_targets = any(t.comparison is not QUALITATIVE_COMPARISON for t in row.targets)
            if kind is QUANTITATIVE_KIND and not numeric_targets and not is_quantified(row):
                yield Finding(
                    f"{row.pointer}/kind",
                    Message(
                        f"指标 {item.id} 标为定量，但没有比较符和数值。请写明目标值，如“≥50张”，"
                        "或改标为定性（kind: qualitative）。",
                        f"{item.id} is marked quantitative but states no comparison and number; "
                        "write the target (such as '>= 50 张') or mark it qualitative.",
                    ),
                )
            if kind is QUALITATIVE_KIND and numeric_targets:
                yield Finding(
                    f"{row.pointer}/kind",
                    Message(
                        f"指标 {item.id} 标为定性，却带有数值目标。请改标为定量（kind: quantitative），"
                        "或删去数值目标。",
                        f"{item.id} is marked qualitative but has numeric targets; mark it "
                        "quantitative or drop the numbers.",
                    ),
                )
