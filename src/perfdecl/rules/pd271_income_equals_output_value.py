"""PD271: an income benefit as large as the whole output value of the same table."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfdecl import phrases
from perfdecl.model import Comparison, Declaration
from perfdecl.model.frameworks import BENEFIT, SATISFACTION
from perfdecl.model.rows import IndicatorRow, all_indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import any_word, fmt, numeric, row_texts, to_wan
from perfdecl.rules.base import Finding, Rule, RuleSettings

VALUE_WORDS = ("产值", "销售额", "营业额", "销售收入", "营业收入")
"""Names of the gross value of what is produced or sold (before any cost is taken off)."""
INCOME_WORDS = ("增收", "增加收入", "收入增加", "收入增长", "纯收入", "净收入", "利润", "净收益")
"""Names of what is left to the people or the firm: an income gain, a net income, a profit."""
_LOWER = (Comparison.LE, Comparison.LT)
_VALUE = any_word(VALUE_WORDS)
_INCOME = any_word(INCOME_WORDS)
"""The earliest of the words, the first listed among those starting there (as ``find_any``
gives it): one regular expression search instead of a ``str.find`` per word."""


def amount(row: IndicatorRow) -> Decimal | None:
    """The row's one sum of money in 万元 (a structured target first, else its wording and 指标值
    cell); None when it gives none, several, a ceiling, or a sum per head (元/人)."""
    found: list[Decimal] = []
    targets = [t for t in row.targets if numeric(t) is not None]
    if targets:
        for target in targets:
            value = numeric(target)
            wan = None if value is None else to_wan(value, target.unit)
            if wan is not None and target.comparison not in _LOWER:
                found.append(wan)
    else:
        for text in row_texts(row):
            for parsed in phrases.parse_targets(text):
                wan = to_wan(parsed.value, parsed.unit)
                if wan is not None and parsed.comparison not in ("<=", "<"):
                    found.append(wan)
    distinct = set(found)
    return distinct.pop() if len(distinct) == 1 and found[0] > 0 else None


class IncomeEqualsOutputValue(Rule):
    """An income gain (增收, 纯收入, 利润) cannot be as large as the whole output value (产值,
    销售额) it comes from: the costs of producing it are taken off first.

    A table that promises "产值≥80万元" and "带动农户增收≥80万元" has copied one figure into the
    other, so neither says what the money is expected to bring. Estimate the income after costs
    (or say what it rests on) and keep the output value as the gross figure. Only a sum of money
    in each row is compared (a per-head income, 元/人, is a different measure), and only when the
    income is at least the output value.

    Bad:

        indicators:
          - id: eff
            name: 效益指标
            groups:
              - name: 经济效益指标
                items:
                  - id: eff.econ.1
                    text: 特色产业产值
                    targets:
                      - {comparison: ">=", value: 80, unit: 万元}
                  - id: eff.econ.2
                    text: 带动农户增加收入
                    targets:
                      - {comparison: ">=", value: 80, unit: 万元}

    Good:

        indicators:
          - id: eff
            name: 效益指标
            groups:
              - name: 经济效益指标
                items:
                  - id: eff.econ.1
                    text: 特色产业产值
                    targets:
                      - {comparison: ">=", value: 80, unit: 万元}
                  - id: eff.econ.2
                    text: 带动农户增加收入
                    targets:
                      - {comparison: ">=", value: 24, unit: 万元}
    """

    code = "PD271"
    name = "income-equals-output-value"
    severity = Severity.WARNING
    summary = Message(
        "效益中的增收（利润）不低于同表的全部产值",
        "An income benefit is as large as the whole output value",
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        values: list[tuple[IndicatorRow, Decimal]] = []
        incomes: list[tuple[IndicatorRow, Decimal, str]] = []
        for row in all_indicator_rows(decl):
            text = row.text[:500]
            if _VALUE.search(text) is not None:
                money = amount(row)
                if money is not None:
                    values.append((row, money))
                continue
            if row.level1 != BENEFIT or row.level2 == SATISFACTION:
                continue
            found = _INCOME.search(text)
            if found is None:
                continue
            money = amount(row)
            if money is not None:
                incomes.append((row, money, found.group()))
        for row, income, word in incomes:
            source = next(((v, m) for v, m in values if income >= m), None)
            if source is None:
                continue
            value_row, gross = source
            yield Finding(
                row.text_pointer,
                Message(
                    f"效益指标 {row.item.id} 的{word}目标（{fmt(income)}万元）不低于指标 "
                    f"{value_row.item.id} 的全部产值（{fmt(gross)}万元）。产值要扣除成本后才是"
                    "收入，二者相同说明是照抄了同一个数。请按扣除成本后的收入测算，或写明依据。",
                    f"The benefit row {row.item.id} expects {word} of {fmt(income)} 万元, no "
                    f"less than the whole output value of {value_row.item.id} ({fmt(gross)} 万元); "
                    "income is what is left of the output value after costs, so the same figure "
                    "in both was copied. Estimate the income after costs, or state its basis.",
                ),
                offset=0,
            )
