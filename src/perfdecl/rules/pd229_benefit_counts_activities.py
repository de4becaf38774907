"""PD229: an 效益 row that only counts activities."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl import phrases
from perfdecl.model import Declaration
from perfdecl.model.frameworks import BENEFIT, SATISFACTION
from perfdecl.model.rows import all_indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import clean_unit, numeric
from perfdecl.rules.base import Finding, Rule, RuleSettings

ACTIVITY_UNITS = frozenset({"场", "场次", "次", "期", "项", "个", "批", "届"})


class BenefitCountsActivities(Rule):
    """An 效益 row says what changed for people, not how many events were held: "开展活动20场"
    is an output (数量), "居民参与率≥60%" is an effect.

    Bad:

        indicators:
          - id: eff
            name: 效果指标
            groups:
              - name: 社会效益指标
                items:
                  - id: eff.soc.1
                    text: 开展阅读推广活动20场。

    Good:

        indicators:
          - id: eff
            name: 效果指标
            groups:
              - name: 社会效益指标
                items:
                  - id: eff.soc.1
                    text: 辖区居民年人均借阅图书不少于2册。
    """

    code = "PD229"
    name = "benefit-counts-activities"
    severity = Severity.INFO
    summary = Message(
        "效益指标只统计了活动场次（应放在数量指标）", "An 效益 row only counts activities"
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        for row in all_indicator_rows(decl):
            if row.level1 != BENEFIT or row.level2 == SATISFACTION:
                continue
            units = [clean_unit(t.unit) for t in row.targets if numeric(t) is not None]
            if not units:
                units = [clean_unit(p.unit) for p in phrases.parse_targets(row.text)]
            if not units or not all(u in ACTIVITY_UNITS for u in units):
                continue
            yield Finding(
                row.text_pointer,
                Message(
                    f"效益指标 {row.item.id} 只统计了活动场次/数量，这是产出。请移到数量指标，"
                    "并在效益中写明带来的变化，如“居民参与率≥60%”。",
                    f"The benefit row {row.item.id} only counts activities, which is an output; "
                    "move it to 数量 and state the effect here (such as a participation rate).",
                ),
                offset=0,
            )
