"""PD223: a satisfaction target that is only relative (不低于上年度)."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl import phrases
from perfdecl.model import Declaration
from perfdecl.model.frameworks import SATISFACTION
from perfdecl.model.rows import all_indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import example_target, find_any
from perfdecl.rules.base import Finding, Rule, RuleSettings
from perfdecl.rules.pd222_satisfaction_threshold import has_threshold

_RELATIVE_WORDS = (
    "不低于上年度",
    "较上年度",
    "较上一年度",
    "比上年",
    "较上年",
    "上一年度",
    "上年度",
    "同比",
    "往年",
)


class SatisfactionOnlyRelative(Rule):
    """ "不低于上年度评分" is not a target: nobody filing it knows last year's score, and it
    cannot be checked without digging out another year's report.

    Write the level itself, taken from last year's result if that is the intent: "≥92分" or
    "满意度≥90%".

    Bad:

        indicators:
          - id: eff
            name: 效果指标
            groups:
              - name: 服务对象满意度指标
                items:
                  - id: eff.sat.1
                    text: 读者对借阅服务的评分不低于上年度评分；

    Good:

        indicators:
          - id: eff
            name: 效果指标
            groups:
              - name: 服务对象满意度指标
                items:
                  - id: eff.sat.1
                    text: 读者对借阅服务的满意度≥90%；
    """

    code = "PD223"
    name = "satisfaction-only-relative"
    severity = Severity.WARNING
    summary = Message(
        "满意度目标只有相对表述（如“不低于上年度”），没有数值",
        "A satisfaction target is only relative (such as 'no lower than last year')",
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        for row in all_indicator_rows(decl):
            if row.level2 != SATISFACTION or has_threshold(row):
                continue
            if not phrases.relative_only(row.text):
                continue
            found = find_any(row.text, _RELATIVE_WORDS)
            word, offset = found if found else ("上年度", 0)
            example_zh, example_en = example_target(row, decl.year)
            yield Finding(
                row.text_pointer,
                Message(
                    f"满意度指标 {row.item.id} 只写了“{word}”这样的相对表述，没有具体数值。"
                    f"请写明目标值，如“{example_zh}”。",
                    f"The satisfaction indicator {row.item.id} is only relative to last year; "
                    f"state the level itself, such as {example_en}.",
                ),
                offset=offset,
                length=len(word),
            )
