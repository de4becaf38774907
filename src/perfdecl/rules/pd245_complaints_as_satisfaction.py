"""PD245: a complaint count filed as a satisfaction indicator."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl.model import Declaration
from perfdecl.model.frameworks import SATISFACTION
from perfdecl.model.rows import IndicatorRow, all_indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import find_any
from perfdecl.rules.base import Finding, Rule, RuleSettings

COMPLAINT_WORDS = ("投诉举报量", "投诉量", "举报量", "信访量", "投诉", "举报", "信访")


class ComplaintsAsSatisfaction(Rule):
    """A 服务对象满意度 row measures how satisfied the people served are (a survey's rate or
    score); a count of complaints (投诉举报量) is not that measure.

    Complaint counts fall when fewer people complain, not only when more are satisfied. Keep
    the complaint count as a 社会效益 row, with an upper bound, and give the satisfaction row a
    surveyed rate. Rows that also name 满意 are left alone.

    Bad:

        indicators:
          - id: eff
            name: 效果指标
            groups:
              - name: 服务对象满意度指标
                items:
                  - id: eff.sat.1
                    text: 群众投诉举报量较上年度有所下降。

    Good:

        indicators:
          - id: eff
            name: 效果指标
            groups:
              - name: 服务对象满意度指标
                items:
                  - id: eff.sat.1
                    text: 辖区居民满意度≥90%。
    """

    code = "PD245"
    name = "complaints-as-satisfaction"
    severity = Severity.WARNING
    summary = Message(
        "满意度指标写的是投诉举报数量，不是满意度",
        "A satisfaction row counts complaints instead of measuring satisfaction",
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        rows: list[tuple[IndicatorRow, str, int]] = []
        for row in all_indicator_rows(decl):
            if row.level2 != SATISFACTION or "满意" in row.text:
                continue
            found = find_any(row.text[:2000], COMPLAINT_WORDS)
            if found is not None:
                rows.append((row, *found))
        if not rows:
            return
        (first, word, offset), others = rows[0], rows[1:]
        ids = "、".join(r.item.id for r, _, _ in rows)
        yield Finding(
            first.text_pointer,
            Message(
                f"满意度指标 {ids} 写的是“{word}”，是投诉数量，不是服务对象满意度。"
                "请改为调查所得的满意度（如“满意度≥90%”），投诉数量可作为社会效益指标并设上限。",
                f"The satisfaction row(s) {', '.join(r.item.id for r, _, _ in rows)} count "
                f"complaints ({word}), not satisfaction; give a surveyed rate (such as "
                "'满意度≥90%') and move the complaint count to a social-benefit row with an "
                "upper bound.",
            ),
            offset=offset,
            length=len(word),
            related=tuple(r.text_pointer for r, _, _ in others),
        )
