"""PD213: the unit does not fit the value (money in %, a count with a fraction, negative money)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from perfdecl.model import Declaration
from perfdecl.model.rows import all_indicator_rows
from perfdecl.problem import Message, Severity, shorten
from perfdecl.rules._util import COUNT_UNITS, MONEY_UNITS, clean_unit, fmt, is_percent, numeric
from perfdecl.rules.base import Finding, Rule, RuleSettings

_MONEY_NAME = re.compile(r"经费|资金|金额|成本|费用|预算|支出|补贴|津贴")
_SHARE_NAME = re.compile(r"率|比例|比重|占|百分")


class UnitValueMismatch(Rule):
    """Value and unit must agree: money is counted in 元/万元, not %; whole things are whole.

    "经费 30%" gives no amount; "培训 2.5 场" cannot happen; a negative amount of money is a
    typo. Shares of money (占…的比例) may of course be in %.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出数量指标
                items:
                  - id: out1.qty.1
                    text: 全年开展阅读推广活动2.5场；
                    targets: [{comparison: "=", value: 2.5, unit: 场}]

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出数量指标
                items:
                  - id: out1.qty.1
                    text: 全年开展阅读推广活动3场；
                    targets: [{comparison: "=", value: 3, unit: 场}]
    """

    code = "PD213"
    name = "unit-value-mismatch"
    severity = Severity.WARNING
    summary = Message(
        "计量单位与指标值不符（金额用%、计数带小数、金额为负）",
        "Unit and value disagree (money in %, a count with a fraction, negative money)",
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        for row in all_indicator_rows(decl):
            if not row.targets:
                continue
            for t, target in enumerate(row.targets):
                value = numeric(target)
                unit = clean_unit(target.unit)
                name = (target.name or "") if is_percent(unit) else ""  # read when needed
                if name and _MONEY_NAME.search(name) and not _SHARE_NAME.search(name):
                    yield Finding(
                        f"{row.pointer}/targets/{t}/unit",
                        Message(
                            f"指标 {row.item.id} 的“{shorten(name)}”是金额，却以 % 计量。请写明金额和单位"
                            "（元或万元）；若指占比，请在名称中写明“占…比例”。",
                            f"{row.item.id}: {shorten(name)!r} is money but measured in %; give the amount "
                            "in 元 or 万元, or name it as a share (占…比例).",
                        ),
                    )
                if value is None:
                    continue
                if unit in COUNT_UNITS and value != value.to_integral_value():
                    yield Finding(
                        f"{row.pointer}/targets/{t}/value",
                        Message(
                            f"指标 {row.item.id} 以“{unit}”计数，数值却是 {fmt(value)}，带有小数。"
                            "请核对数值。",
                            f"{row.item.id}: {fmt(value)} {unit} has a fraction but {unit} counts "
                            "whole things; check the value.",
                        ),
                    )
                if unit in MONEY_UNITS and value < 0:
                    yield Finding(
                        f"{row.pointer}/targets/{t}/value",
                        Message(
                            f"指标 {row.item.id} 的金额为负数（{fmt(value)}{unit}）。请核对数值。",
                            f"{row.item.id}: the amount {fmt(value)} {unit} is negative; check it.",
                        ),
                    )
