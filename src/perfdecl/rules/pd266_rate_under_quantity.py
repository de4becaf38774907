"""PD266: a 数量 row whose only target is a rate or share, with no count."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl import phrases
from perfdecl.model import Declaration
from perfdecl.model.frameworks import QUANTITY
from perfdecl.model.rows import IndicatorRow, all_indicator_rows
from perfdecl.phrases.measures import names_budget_execution, names_rate
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import is_percent, numeric, row_texts
from perfdecl.rules.base import Finding, Rule, RuleSettings


def only_percentages(row: IndicatorRow) -> bool:
    """The row states at least one figure and every figure it states is a percentage: in its
    structured targets, its wording and its 指标值 cell (a count anywhere means it has one; a
    structured value with no unit counts as a count)."""
    units = [t.unit for t in row.targets if numeric(t) is not None]
    for text in row_texts(row):  # a bare number in the wording (">=85") is neither
        units += [p.unit for p in phrases.parse_targets(text) if p.unit]
    return bool(units) and all(is_percent(u) for u in units)


class RateUnderQuantity(Rule):
    """A 数量 (quantity) row counts what the money delivers; a rate alone is not a count.

    "改造覆盖率 100%" or "课时比例 70%" under 数量指标 says nothing about how many schools were
    repaired or hours taught: 100% of what? A reviewer asks for the count (改造学校3所, 培训课时
    不少于120课时) and files the rate under 质量 if it is kept. A 资金支出率 or 预算执行率 is the
    budget's own execution, not an output of the project at all. Rows whose name names no rate
    are PD246's; rows that also give a count are left alone.

    Bad:

        indicators:
          - id: out
            name: 产出指标
            groups:
              - name: 数量指标
                items:
                  - id: out.qty.1
                    text: 农村义务教育学校改造覆盖率
                    targets:
                      - {comparison: "=", value: 100, unit: "%"}

    Good:

        indicators:
          - id: out
            name: 产出指标
            groups:
              - name: 数量指标
                items:
                  - id: out.qty.1
                    text: 改造农村义务教育薄弱学校
                    targets:
                      - {comparison: ">=", value: 3, unit: 所}
    """

    code = "PD266"
    name = "rate-under-quantity"
    severity = Severity.WARNING
    summary = Message(
        "数量指标只有比率（覆盖率、比例、支出率等），没有数量",
        "A quantity row gives only a rate or share, no count",
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        for row in all_indicator_rows(decl):
            if row.level2 != QUANTITY or not names_rate(row.text[:1000]):
                continue
            if not only_percentages(row):
                continue
            yield Finding(row.text_pointer, _message(row), offset=0)


def _counts_beside(row: IndicatorRow) -> bool:
    """Another row of the same 数量 group states a count: the rate is misfiled, not the only
    measure of the output."""
    return any(
        other is not row.item
        and any(not is_percent(t.unit) for t in other.targets if numeric(t) is not None)
        for other in row.group_row.group.items
    )


def _message(row: IndicatorRow) -> Message:
    name = row.text.strip()[:20]
    rid = row.item.id
    if names_budget_execution(row.text[:1000]):
        return Message(
            f"数量指标 {rid}（{name}）是资金的支出或执行进度，不是项目的产出。"
            "请在数量指标中写明资金完成的工作量（如“改造校舍1200平方米”），"
            "支出进度可放在时效指标中。",
            f"The quantity row {rid} ({name}) is the budget's own execution (how much money was "
            "paid), not an output of the project; state what the money delivers, with a count "
            "and unit (such as 改造校舍1200平方米), and put the spending pace under 时效 if it "
            "is kept.",
        )
    if _counts_beside(row):
        return Message(
            f"数量指标 {rid}（{name}）是比率，不是数量。比率衡量的是质量或完成程度，"
            "请移到质量指标；如要留在数量指标，请写明它所对应的数量及计量单位。",
            f"The quantity row {rid} ({name}) is a rate or share, not a quantity; a rate measures "
            "quality or completion, so move it under 质量, or state the count it stands for, "
            "with its unit, if it stays under 数量.",
        )
    return Message(
        f"数量指标 {rid}（{name}）只有比率，没有数量：是多少的百分之几？"
        "请写明完成的数量及计量单位（如“改造学校3所”“培训课时不少于120课时”），"
        "比率可放在质量指标中。",
        f"The quantity row {rid} ({name}) gives only a rate or share, no count: a percentage "
        "of how many? State the quantity delivered, with its unit (such as 改造学校3所 or "
        "培训课时不少于120课时); a rate, if kept, belongs under 质量.",
    )
