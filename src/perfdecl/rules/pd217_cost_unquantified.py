"""PD217: a cost indicator with no amount (or only boilerplate)."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl import phrases
from perfdecl.model import Declaration
from perfdecl.model.frameworks import COST, COST_L1
from perfdecl.model.rows import IndicatorRow, all_indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import find_any, is_money_unit, numeric, row_texts
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
    """A money amount (or a unit cost, 1000元/人) in a structured target, the wording or the
    printed 指标值 cell."""
    if any(numeric(t) is not None and is_money_unit(t.unit) for t in row.targets):
        return True
    return any(
        is_money_unit(p.unit) for text in row_texts(row) for p in phrases.parse_targets(text)
    )


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
        copies: dict[str, list[tuple[IndicatorRow, str, int]]] = {}
        for row in all_indicator_rows(decl):
            if not is_cost_row(row) or has_amount(row):
                continue
            boiler = _boilerplate_in(row)
            if boiler is not None:
                phrase, pointer, offset = boiler
                copies.setdefault(phrase, []).append((row, pointer, offset))
                continue
            yield Finding(
                row.text_pointer,
                Message(
                    f"成本指标 {row.item.id} 没有写明金额。请写明成本金额及单位，如“≤120万元”。",
                    f"The cost indicator {row.item.id} states no amount; give the cost with "
                    "its unit, such as '≤120万元'.",
                ),
                offset=0,
            )
        for phrase, rows in copies.items():
            yield _boilerplate(phrase, rows)


def _boilerplate_in(row: IndicatorRow) -> tuple[str, str, int] | None:
    """(phrase, pointer, offset) of the budget boilerplate in the wording or the 指标值 cell."""
    found = find_any(row.text, BOILERPLATE)
    if found is not None:
        return found[0], row.text_pointer, found[1]
    if row.value_text:
        found = find_any(row.value_text, BOILERPLATE)
        if found is not None:
            return found[0], f"{row.pointer}/value_text", found[1]
    return None


def _boilerplate(phrase: str, rows: list[tuple[IndicatorRow, str, int]]) -> Finding:
    """One finding for every cost row that says only ``phrase``, on the first, the others
    as related locations."""
    (_, pointer, offset), others = rows[0], rows[1:]
    if others:
        ids = [row.item.id for row, _, _ in rows]
        zh_where = f"{len(rows)} 个成本指标（{'、'.join(ids)}）都只写“{phrase}”"
        en_where = f"{len(rows)} cost indicators ({', '.join(ids)}) only say"
        en_give = "give"
    else:
        zh_where = f"成本指标只写“{phrase}”"
        en_where, en_give = "The cost indicator only says", "gives"
    return Finding(
        pointer,
        Message(
            f"{zh_where}，没有金额。请逐项写明成本金额，如“≤120万元”。",
            f"{en_where} {phrase!r} (within the approved budget) and {en_give} no amount; state "
            "each cost, such as '≤120万元'.",
        ),
        offset=offset,
        length=len(phrase),
        related=tuple(where for _, where, _ in others),
    )
