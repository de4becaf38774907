"""PD246: a percentage target on an indicator that names no rate or share."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl.model import Declaration
from perfdecl.model.rows import all_indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import any_word, is_percent, numeric
from perfdecl.rules.base import Finding, Rule, RuleSettings

RATE_WORDS = (
    "率",
    "比",
    "占",
    "份额",
    "百分",
    "满意",
    "覆盖",
    "达标",
    "增长",
    "增幅",
    "降幅",
    "下降",
    "提高",
    "减少",
    "降低",
    "程度",
    "水平",
    "%",
    "％",
    "成数",
)
"""Words that say what a percentage is a percentage of (合格率, 占比, 比例, 满意度, 增长…)."""
_RATE = any_word(RATE_WORDS)


class PercentWithoutRate(Rule):
    """A percentage needs a whole: "95%" on "图书借阅服务" says 95% of what?

    A structured target in % on an indicator whose name names no rate, ratio or share (率, 比,
    占, 比例, 满意度, 覆盖, 增长 …) leaves the reviewer guessing what is counted. Name the rate
    (借阅服务按期完成率), or give the count itself.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出质量指标
                items:
                  - id: out1.qual.1
                    text: 图书借阅服务
                    targets:
                      - {comparison: ">=", value: 95, unit: "%"}

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出质量指标
                items:
                  - id: out1.qual.1
                    text: 图书借阅服务差错率
                    targets:
                      - {comparison: "<=", value: 1, unit: "%"}
    """

    code = "PD246"
    name = "percent-without-rate"
    severity = Severity.WARNING
    summary = Message(
        "百分比目标所在的指标没有写明是什么比率",
        "A percentage target on an indicator that names no rate or share",
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        for row in all_indicator_rows(decl):
            if not row.targets:
                continue
            # The first target in % whose own name says no rate, then (only for such a row:
            # most rows have none) whether the wording says one.
            for t, target in enumerate(row.targets):
                if numeric(target) is None or not is_percent(target.unit):
                    continue
                if target.name and _RATE.search(target.name):
                    continue
                text = row.text[:1000]
                if _RATE.search(text):
                    break
                yield Finding(
                    f"{row.pointer}/targets/{t}/unit",
                    Message(
                        f"指标 {row.item.id}（{text[:20]}）的目标以 % 计，但没有写明是什么比率。"
                        "请写明比率名称（如“按期完成率”“合格率”），或改写为数量。",
                        f"{row.item.id} has a target in %, but its name says no rate or share "
                        "(95% of what?); name the rate (such as 按期完成率, 合格率) or give the count.",
                    ),
                )
                break
