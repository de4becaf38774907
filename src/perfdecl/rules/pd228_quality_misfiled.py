"""PD228: a 质量 row worded as an outcome (满意, 受益, 效果)."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl.model import Declaration
from perfdecl.model.frameworks import QUALITY
from perfdecl.model.rows import all_indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import find_any
from perfdecl.rules.base import Finding, Rule, RuleSettings

OUTCOME_WORDS = ("满意", "受益", "效果", "效益", "获得感", "幸福感", "安全感", "归属感")
"""Words of an outcome: satisfaction, benefit, effect, and how people feel (获得感、幸福感、
安全感: the outcomes policy documents name), none of which is a standard of the output."""


class QualityWordedAsOutcome(Rule):
    """A 质量 row measures the output itself (合格率, 达标率, 差错率); satisfaction and benefit
    belong under 效益/满意度.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出质量指标
                items:
                  - id: out1.qual.1
                    text: 读者满意度达90%以上。

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出质量指标
                items:
                  - id: out1.qual.1
                    text: 图书借阅差错率不高于1%。
    """

    code = "PD228"
    name = "quality-worded-as-outcome"
    severity = Severity.INFO
    summary = Message(
        "质量指标写成了效果或满意度（满意、受益、效果）",
        "A 质量 row is worded as an outcome (satisfaction, beneficiaries, effect)",
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        for row in all_indicator_rows(decl):
            if row.level2 != QUALITY:
                continue
            found = find_any(row.text, OUTCOME_WORDS)
            if found is None:
                continue
            word, offset = found
            yield Finding(
                row.text_pointer,
                Message(
                    f"质量指标 {row.item.id} 写的是“{word}”，属于效果或满意度。请移到效益或满意度指标下，"
                    "质量指标写产出本身的标准，如合格率、达标率。",
                    f"The quality row {row.item.id} speaks of {word!r}, an outcome; move it under "
                    "效益 or 满意度 and measure the output itself here (pass rate, error rate).",
                ),
                offset=offset,
                length=len(word),
            )
