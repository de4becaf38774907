"""PD218: an amount in the table larger than the funds it belongs to."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfdecl import phrases
from perfdecl.model import Declaration
from perfdecl.model.frameworks import BENEFIT, ECOLOGICAL, ECONOMIC, SOCIAL, SUSTAINABLE
from perfdecl.model.rows import indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import fmt, funds_limit, numeric, to_wan
from perfdecl.rules.base import Finding, Rule, RuleSettings
from perfdecl.rules.pd217_cost_unquantified import is_cost_row

BENEFIT_LEVEL2 = frozenset({ECONOMIC, SOCIAL, ECOLOGICAL, SUSTAINABLE})
"""Benefit rows: their money (产值, 收入) is what the project yields, not what it spends."""


class CostExceedsFunds(Rule):
    """No single amount in the table can exceed the funds of the declaration.

    A cost of 500 万元 in a declaration whose funds total 100 万元 is usually a unit slip (元
    written as 万元) and cannot be approved as written.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出成本指标
                items:
                  - id: out1.cost.1
                    text: 图书借阅服务成本不超过400万元。
                    targets: [{comparison: "<=", value: 400, unit: 万元}]

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出成本指标
                items:
                  - id: out1.cost.1
                    text: 图书借阅服务成本不超过40万元。
                    targets: [{comparison: "<=", value: 40, unit: 万元}]
    """

    code = "PD218"
    name = "cost-exceeds-funds"
    severity = Severity.ERROR
    summary = Message(
        "指标中的金额超过申报资金总额", "An amount in the table exceeds the declared funds"
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        limit = funds_limit(decl)
        if limit is None:
            return
        for row in indicator_rows(decl):
            if row.level1 == BENEFIT or row.level2 in BENEFIT_LEVEL2:
                continue  # 产值≥80万元, 增加收入: a benefit may well exceed what is spent
            reported = False
            for t, target in enumerate(row.targets):
                value = numeric(target)
                wan = to_wan(value, target.unit) if value is not None else None
                if wan is not None and wan > limit:
                    reported = True
                    yield self._finding(f"{row.pointer}/targets/{t}/value", row.item.id, wan, limit)
            if reported or not is_cost_row(row):
                continue
            for parsed in phrases.parse_targets(row.text):
                wan = to_wan(parsed.value, parsed.unit)
                if wan is not None and wan > limit:
                    yield self._finding(
                        row.text_pointer,
                        row.item.id,
                        wan,
                        limit,
                        parsed.start,
                        parsed.end - parsed.start,
                    )
                    break

    @staticmethod
    def _finding(
        pointer: str,
        ident: str,
        wan: Decimal,
        limit: Decimal,
        offset: int | None = None,
        length: int = 0,
    ) -> Finding:
        return Finding(
            pointer,
            Message(
                f"指标 {ident} 的金额 {fmt(wan)} 万元超过了申报资金 {fmt(limit)} 万元。"
                "请核对金额和单位（元与万元是否写反）。",
                f"{ident}: the amount {fmt(wan)} 万元 exceeds the declared funds of {fmt(limit)} "
                "万元; check the figure and the unit (元 vs 万元).",
            ),
            offset=offset,
            length=length,
        )
