"""PD202: the funds do not add up to the cent."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfdecl.model import Declaration
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import fmt
from perfdecl.rules.base import ALL_KINDS, Finding, Rule, RuleSettings


class FundsDoNotAddUp(Rule):
    """资金总额 must equal 基本支出 + 项目支出 + 其他, to the cent (0.01 万元).

    The total is what the budget approves; a total that is not the sum of its parts means one
    of the figures was copied wrong, and the bureau cannot tell which.

    Bad:

        funds:
          total: 100.00
          basic: 60.00
          project: 39.99
          other: 0

    Good:

        funds:
          total: 100.00
          basic: 60.00
          project: 40.00
          other: 0
    """

    code = "PD202"
    kinds = ALL_KINDS
    name = "funds-sum"
    severity = Severity.ERROR
    summary = Message(
        "资金总额不等于基本支出、项目支出与其他之和（精确到分）",
        "Total funds are not basic + project + other expenditure (to the cent)",
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        funds = decl.funds
        if funds is None or funds.total is None or funds.basic is None or funds.project is None:
            return
        parts = funds.basic + funds.project + (funds.other or Decimal(0))
        diff = funds.total - parts
        if diff != 0:
            yield Finding(
                "/funds/total",
                Message(
                    f"资金总额 {fmt(funds.total)} 万元不等于基本支出、项目支出与其他之和 "
                    f"{fmt(parts)} 万元（相差 {fmt(diff)} 万元）。请核对各项金额，使合计精确到分。",
                    f"Total funds {fmt(funds.total)} (万元) differ from basic + project + other = "
                    f"{fmt(parts)} by {fmt(diff)}; check the figures so they add up to the cent.",
                ),
            )
