"""PD235: weights, where present, do not sum to 100."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfdecl.model import Declaration
from perfdecl.model.rows import indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import fmt
from perfdecl.rules.base import Finding, Rule, RuleSettings


class WeightsDoNotSum(Rule):
    """The weights (权重) of a table sum to 100; with other totals the scores cannot be added up.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出数量指标
                items:
                  - id: out1.qty.1
                    text: 全年发放借书证不低于50张；
                    targets: [{comparison: ">=", value: 50, unit: 张, weight: 60}]
                  - id: out1.qty.2
                    text: 全年开展培训不少于25场；
                    targets: [{comparison: ">=", value: 25, unit: 场, weight: 30}]

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出数量指标
                items:
                  - id: out1.qty.1
                    text: 全年发放借书证不低于50张；
                    targets: [{comparison: ">=", value: 50, unit: 张, weight: 60}]
                  - id: out1.qty.2
                    text: 全年开展培训不少于25场；
                    targets: [{comparison: ">=", value: 25, unit: 场, weight: 40}]
    """

    code = "PD235"
    name = "weights-sum"
    severity = Severity.ERROR
    summary = Message("权重合计不等于100", "Weights do not sum to 100")

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        weights = [
            target.weight
            for row in indicator_rows(decl)
            for target in row.targets
            if target.weight is not None
        ]
        if not weights:
            return
        total = sum(weights, Decimal(0))
        if total != 100:
            yield Finding(
                "/indicators",
                Message(
                    f"各指标权重合计为 {fmt(total)}，应为 100。请调整权重。",
                    f"The weights sum to {fmt(total)}, not 100; adjust them.",
                ),
                key=True,
            )
