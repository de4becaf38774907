"""PD240: the 权重 of a table's 三级 rows do not add up to the framework's total."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfdecl.model import Declaration
from perfdecl.model.frameworks import find
from perfdecl.problem import Message, Severity
from perfdecl.rules._tables import tables
from perfdecl.rules._util import fmt
from perfdecl.rules.base import Finding, Rule, RuleSettings


class RowWeightsOffTotal(Rule):
    """The weights (权重) of a table's 三级 rows add up to the total its framework declares.

    A declaration's weights make 100 (``weight_total`` of the framework's data file); with any
    other total the scores cannot be added up. Each table is checked on its own (the annual one
    and, where given, the multi-year one); a table whose rows carry no weight is not checked.
    Weights of structured targets are PD235's.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出数量指标
                items:
                  - {id: out1.qty.1, text: 发放借书证, value_text: ≥50张, weight: 60}
                  - {id: out1.qty.2, text: 开展培训, value_text: ≥25场, weight: 30}

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出数量指标
                items:
                  - {id: out1.qty.1, text: 发放借书证, value_text: ≥50张, weight: 60}
                  - {id: out1.qty.2, text: 开展培训, value_text: ≥25场, weight: 40}
    """

    code = "PD240"
    name = "weights-total"
    severity = Severity.ERROR
    summary = Message(
        "各三级指标权重之和不等于指标体系规定的合计",
        "Row weights do not add up to the framework's total",
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        table = find(decl.framework)
        expected = table.weight_total if table is not None else Decimal(100)
        for pointer, level1s in tables(decl):
            weights = [
                item.weight for l1 in level1s for item in l1.items if item.weight is not None
            ]
            if not weights:
                continue
            total = sum(weights, Decimal(0))
            if total != expected:
                yield Finding(
                    pointer,
                    Message(
                        f"各三级指标权重合计为 {fmt(total)}，应为 {fmt(expected)}。请调整权重。",
                        f"the rows' weights add up to {fmt(total)}, not {fmt(expected)}; adjust them.",
                    ),
                    key=True,
                )
