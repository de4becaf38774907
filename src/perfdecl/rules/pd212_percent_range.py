"""PD212: a percentage above 100 or below 0."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl.model import Declaration
from perfdecl.model.rows import all_indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import fmt, is_percent, numeric
from perfdecl.rules.base import ALL_KINDS, Finding, Rule, RuleSettings


class PercentOutOfRange(Rule):
    """A target in % must lie between 0 and 100.

    A rate (覆盖率, 合格率, 满意度) above 100% cannot be reached and usually means the value and
    unit were swapped or a figure was mistyped. Growth rates belong in 百分点 or a plain number.

    Bad:

        indicators:
          - id: eff
            name: 效果指标
            groups:
              - name: 服务对象满意度指标
                items:
                  - id: eff.sat.1
                    text: 读者满意度达900%以上。
                    targets: [{comparison: ">=", value: 900, unit: "%"}]

    Good:

        indicators:
          - id: eff
            name: 效果指标
            groups:
              - name: 服务对象满意度指标
                items:
                  - id: eff.sat.1
                    text: 读者满意度达90%以上。
                    targets: [{comparison: ">=", value: 90, unit: "%"}]
    """

    code = "PD212"
    kinds = ALL_KINDS
    name = "percent-out-of-range"
    severity = Severity.ERROR
    summary = Message("百分比指标值大于100或小于0", "A percentage target is above 100 or below 0")

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        for row in all_indicator_rows(decl):
            if not row.targets:
                continue
            for t, target in enumerate(row.targets):
                value = numeric(target)
                if value is None or not is_percent(target.unit) or 0 <= value <= 100:
                    continue
                yield Finding(
                    f"{row.pointer}/targets/{t}/value",
                    Message(
                        f"指标 {row.item.id} 的百分比为 {fmt(value)}%，超出 0–100% 的范围。"
                        "请核对数值或计量单位。",
                        f"{row.item.id}: {fmt(value)}% is outside 0-100%; check the value or the "
                        "unit.",
                    ),
                )
