"""PD242: a direction that contradicts the comparison (反向 with ≥, 正向 with ≤)."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl.model import Comparison, Declaration, Direction, comparison_of
from perfdecl.model.rows import all_indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules.base import Finding, Rule, RuleSettings

_CONTRADICTS = {
    Direction.NEGATIVE: frozenset({Comparison.GE, Comparison.GT}),
    Direction.POSITIVE: frozenset({Comparison.LE, Comparison.LT}),
}
_WORDS = {Direction.NEGATIVE: ("反向", "negative"), Direction.POSITIVE: ("正向", "positive")}


def _finding(pointer: str, ident: str, direction: Direction, comparison: Comparison) -> Finding:
    zh, en = _WORDS[direction]
    better = (
        ("越低越好", "lower is better")
        if direction is Direction.NEGATIVE
        else ("越高越好", "higher is better")
    )
    return Finding(
        pointer,
        Message(
            f"指标 {ident} 为{zh}指标（{better[0]}），比较符却是 {comparison.value}。"
            "请核对指标方向或比较符。",
            f"{ident} is a {en} indicator ({better[1]}) yet its comparison is "
            f"{comparison.value}; check the direction or the comparison.",
        ),
    )


class DirectionContradictsComparison(Rule):
    """A 反向 (negative: lower is better) indicator sets a ceiling (≤, <) and a 正向 one a floor
    (≥, >). 反向 with ≥ says "at least this much of what should be low": one of the two columns
    was filled in wrong, and the budget system scores the row backwards. The row's direction
    applies to its 指标性质 and to its targets; a target's own direction to that target.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出成本指标
                items:
                  - id: out1.cost.1
                    text: 单册图书采购成本
                    nature: ≥
                    value_text: "30"
                    unit: 元
                    direction: 反向

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出成本指标
                items:
                  - id: out1.cost.1
                    text: 单册图书采购成本
                    nature: ≤
                    value_text: "30"
                    unit: 元
                    direction: 反向
    """

    code = "PD242"
    name = "direction-comparison"
    severity = Severity.WARNING
    summary = Message(
        "指标方向与比较符矛盾（如反向指标用 ≥）", "The direction contradicts the comparison"
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        for row in all_indicator_rows(decl):
            item = row.item
            declared = item.direction  # read once: a model's field costs five times a local's
            if declared is not None:  # the printed 指标性质 matters only then (few rows)
                nature = comparison_of(item.nature)
                if nature in _CONTRADICTS[declared]:
                    yield _finding(f"{row.pointer}/direction", item.id, declared, nature)
                    continue
            if not row.targets:
                continue
            for t, target in enumerate(row.targets):
                direction = target.direction or declared
                if direction is not None and target.comparison in _CONTRADICTS[direction]:
                    where = "direction" if target.direction is not None else "comparison"
                    yield _finding(
                        f"{row.pointer}/targets/{t}/{where}", item.id, direction, target.comparison
                    )
                    break
