"""PD203: a funds figure is negative."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfdecl.model import Declaration
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import fmt
from perfdecl.rules.base import ALL_KINDS, Finding, Rule, RuleSettings

_LABELS = {
    "total": "资金总额",
    "basic": "基本支出",
    "project": "项目支出",
    "other": "其他",
}


class NegativeFunds(Rule):
    """No part of the funds (nor a project's amount) may be negative.

    A negative figure is a sign or column slip; budgets approve amounts, never debts.

    Bad:

        funds:
          total: 100.00
          basic: 110.00
          project: -10.00
          other: 0

    Good:

        funds:
          total: 100.00
          basic: 60.00
          project: 40.00
          other: 0
    """

    code = "PD203"
    kinds = ALL_KINDS
    name = "funds-negative"
    severity = Severity.ERROR
    summary = Message("资金金额为负数", "A funds figure is negative")

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        values: list[tuple[str, str, Decimal | None]] = []
        if decl.funds is not None:
            values += [(f"/funds/{k}", zh, getattr(decl.funds, k)) for k, zh in _LABELS.items()]
        if decl.project is not None:
            values.append(("/project/amount", "项目资金", decl.project.amount))
        for pointer, zh, value in values:
            if value is not None and value < 0:
                yield Finding(
                    pointer,
                    Message(
                        f"“{zh}”为负数（{fmt(value)} 万元）。金额不能为负，请核对是否填错栏目或符号。",
                        f"{zh} is negative ({fmt(value)} 万元); amounts cannot be negative, check "
                        "the sign and the column.",
                    ),
                )
