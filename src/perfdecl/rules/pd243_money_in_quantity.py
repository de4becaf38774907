"""PD243: a money amount stated in a quantity (数量) row."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl import phrases
from perfdecl.model import Declaration
from perfdecl.model.frameworks import QUANTITY
from perfdecl.model.rows import IndicatorRow, all_indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import MONEY_UNITS, clean_unit, fmt, numeric
from perfdecl.rules.base import Finding, Rule, RuleSettings


class MoneyInQuantity(Rule):
    """A 数量 row counts what is produced; the money it costs belongs in the 成本 row.

    "每年共计需经费120000元" in a quantity row is a cost, not an output: it is not checked as a
    cost (the 成本 row may then say only 严格控制在预算批复之内) and the quantity row's own output
    is harder to see. Move the amount to the 成本 indicator and keep the count here. The rows of
    one 一级 indicator are reported as one finding, the others as related locations.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好安全生产巡查
            groups:
              - name: 产出数量指标
                items:
                  - id: out1.qty.1
                    text: 10个社区共计20名兼职巡查员，每年共计需经费120000元。

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好安全生产巡查
            groups:
              - name: 产出数量指标
                items:
                  - id: out1.qty.1
                    text: 10个社区共计20名兼职巡查员。
              - name: 产出成本指标
                items:
                  - id: out1.cost.1
                    text: 巡查员岗位津贴不超过12万元。
    """

    code = "PD243"
    name = "money-in-quantity"
    severity = Severity.WARNING
    summary = Message(
        "数量指标中写的是经费金额（应放在成本指标）",
        "A quantity row states a money amount (it belongs in the cost row)",
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        by_level1: dict[str, list[tuple[IndicatorRow, str, int, int]]] = {}
        for row in all_indicator_rows(decl):
            if row.level2 != QUANTITY:
                continue
            found = _amount(row)
            if found is not None:
                by_level1.setdefault(row.pointer.split("/groups/")[0], []).append((row, *found))
        for rows in by_level1.values():
            (first, _, offset, length), others = rows[0], rows[1:]
            ids = "、".join(r.item.id for r, *_ in rows)
            amounts = "、".join(a for _, a, *_ in rows)
            yield Finding(
                first.text_pointer,
                Message(
                    f"数量指标 {ids} 写的是经费金额（{amounts}），不是产出数量。"
                    "请把金额移到本项的成本指标，这里只写完成的数量。",
                    f"The quantity row(s) {', '.join(r.item.id for r, *_ in rows)} state money "
                    f"amounts ({amounts}), not outputs; move the amounts to the cost indicator "
                    "and keep the counts here.",
                ),
                offset=offset,
                length=length,
                related=tuple(r.text_pointer for r, *_ in others),
            )


def _amount(row: IndicatorRow) -> tuple[str, int, int] | None:
    """(amount as written, offset, length) of the first money amount a quantity row states."""
    for p in phrases.parse_targets(row.text):
        if clean_unit(p.unit) in MONEY_UNITS:
            return row.text[p.start : p.end], p.start, p.end - p.start
    for t in row.targets:
        value = numeric(t)
        if value is not None and clean_unit(t.unit) in MONEY_UNITS:
            return f"{fmt(value)}{t.unit}", 0, 0
    return None
