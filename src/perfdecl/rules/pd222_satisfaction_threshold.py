"""PD222: a satisfaction indicator without a numeric threshold."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl import phrases
from perfdecl.model import Declaration
from perfdecl.model.frameworks import SATISFACTION
from perfdecl.model.rows import IndicatorRow, all_indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import is_percent, numeric
from perfdecl.rules.base import Finding, Rule, RuleSettings


def has_threshold(row: IndicatorRow) -> bool:
    """A numeric level in % (or a score) in a target or in the wording."""
    if any(numeric(t) is not None for t in row.targets):
        return True
    return any(is_percent(p.unit) or p.unit in ("分",) for p in phrases.parse_targets(row.text))


class SatisfactionWithoutThreshold(Rule):
    """Satisfaction is measured: the target must be a level such as "满意度≥90%".

    "群众满意" or "满意度较高" cannot be scored against a survey. (Wording that is only relative
    to last year is reported by PD223 instead.)

    Bad:

        indicators:
          - id: eff
            name: 效果指标
            groups:
              - name: 服务对象满意度指标
                items:
                  - id: eff.sat.1
                    text: 读者对借阅服务满意。

    Good:

        indicators:
          - id: eff
            name: 效果指标
            groups:
              - name: 服务对象满意度指标
                items:
                  - id: eff.sat.1
                    text: 读者对借阅服务的满意度≥90%。
    """

    code = "PD222"
    name = "satisfaction-without-threshold"
    severity = Severity.WARNING
    summary = Message(
        "满意度指标没有数值门槛（如≥90%）", "A satisfaction indicator has no numeric threshold"
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        for row in all_indicator_rows(decl):
            if row.level2 != SATISFACTION or has_threshold(row) or not row.text.strip():
                continue
            if phrases.relative_only(row.text):
                continue  # PD223
            yield Finding(
                row.text_pointer,
                Message(
                    f"满意度指标 {row.item.id} 没有数值门槛。请写明满意度目标值，如“服务对象满意度≥90%”。",
                    f"The satisfaction indicator {row.item.id} has no numeric threshold; state one, "
                    "such as '服务对象满意度≥90%'.",
                ),
                offset=0,
            )
