"""PD239: the shares of a transfer payment do not add up to its amount."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfdecl.model import Declaration
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import fmt
from perfdecl.rules.base import ALL_KINDS, Finding, Rule, RuleSettings


class TransferSharesDoNotAddUp(Rule):
    """The 中央/省/市/县 shares of a transfer payment make its 年度金额, exactly.

    A 区域绩效目标表 splits the year's money by level of government (其中：中央资金, 地方资金 市/县,
    其他资金); shares that do not make the total mean one level's figure was copied wrong. Blank
    cells are left out; nothing is checked while the total is blank.

    Bad:

        kind: project
        transfer:
          name: 残疾人事业发展补助资金
          total: 4623
          shares:
            - {level: 其中:中央资金, amount: 4000}
            - {level: 地方资金 市, amount: 600}

    Good:

        kind: project
        transfer:
          name: 残疾人事业发展补助资金
          total: 4623
          shares:
            - {level: 其中:中央资金, amount: 4000}
            - {level: 地方资金 市, amount: 623}
    """

    code = "PD239"
    kinds = ALL_KINDS
    name = "transfer-shares-sum"
    severity = Severity.ERROR
    summary = Message(
        "转移支付各级资金之和不等于年度金额", "Transfer shares do not add up to the amount"
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        transfer = decl.transfer
        if transfer is None or transfer.total is None:
            return
        amounts = [s.amount for s in transfer.shares if s.amount is not None]
        if not amounts:
            return
        listed = sum(amounts, Decimal(0))
        if listed != transfer.total:
            unit = transfer.unit.value
            yield Finding(
                "/transfer/total",
                Message(
                    f"年度金额为 {fmt(transfer.total)} {unit}，各级资金之和为 {fmt(listed)} {unit}"
                    f"（相差 {fmt(transfer.total - listed)}）。请核对中央、地方各级资金。",
                    f"the year's amount is {fmt(transfer.total)} {unit} but the shares add up to "
                    f"{fmt(listed)} (a difference of {fmt(transfer.total - listed)}); check each "
                    "level's figure.",
                ),
            )
