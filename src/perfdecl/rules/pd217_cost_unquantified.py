"""PD217: a cost indicator with no amount (or only boilerplate)."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl import phrases
from perfdecl.model import Declaration
from perfdecl.model.frameworks import COST, COST_L1
from perfdecl.model.rows import IndicatorRow, indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import MONEY_UNITS, clean_unit, find_any, numeric
from perfdecl.rules.base import Finding, Rule, RuleSettings

BOILERPLATE = (
    "严格控制在预算批复之内",
    "严格控制在预算批复范围内",
    "控制在预算批复之内",
    "控制在预算批复范围内",
    "控制在预算范围内",
    "控制在预算范围之内",
    "不超过预算批复",
    "不超出预算",
    "在预算批复之内",
    "在预算范围内",
)


def is_cost_row(row: IndicatorRow) -> bool:
    return row.level2 == COST or row.level1 == COST_L1


def has_amount(row: IndicatorRow) -> bool:
    """A money amount in a structured target or in the wording."""
    if any(numeric(t) is not None and clean_unit(t.unit) in MONEY_UNITS for t in row.item.targets):
        return True
    return any(clean_unit(p.unit) in MONEY_UNITS for p in phrases.parse_targets(row.text))


class CostUnquantified(Rule):
    """A cost indicator must state an amount; "严格控制在预算批复之内" states none.

    The 成本 row is where the money is matched to the outputs (相应匹配). Boilerplate that only
    promises to stay within the approved budget says nothing the budget does not already say.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出成本指标
                items:
                  - id: out1.cost.1
                    text: 图书借阅服务总成本严格控制在预算批复之内。

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出成本指标
                items:
                  - id: out1.cost.1
                    text: 图书借阅服务成本不超过40万元。
    """

    code = "PD217"
    name = "cost-unquantified"
    severity = Severity.WARNING
    summary = Message(
        "成本指标没有金额，或只写“严格控制在预算批复之内”",
        "A cost indicator has no amount, or only says it stays within the approved budget",
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        for row in indicator_rows(decl):
            if not is_cost_row(row) or has_amount(row):
                continue
            boiler = find_any(row.text, BOILERPLATE)
            if boiler is not None:
                phrase, offset = boiler
                yield Finding(
                    row.text_pointer,
                    Message(
                        f"成本指标只写“{phrase}”，没有金额。请写明成本金额，如“≤120万元”。",
                        f"The cost indicator only says {phrase!r} (within the approved budget) and "
                        "gives no amount; state the cost, such as '≤120万元'.",
                    ),
                    offset=offset,
                    length=len(phrase),
                )
            else:
                yield Finding(
                    row.text_pointer,
                    Message(
                        f"成本指标 {row.item.id} 没有写明金额。请写明成本金额及单位，如“≤120万元”。",
                        f"The cost indicator {row.item.id} states no amount; give the cost with "
                        "its unit, such as '≤120万元'.",
                    ),
                    offset=0,
                )
