"""PD267: a satisfaction target of 100% that names no one surveyed."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfdecl import phrases
from perfdecl.model import Comparison, Declaration
from perfdecl.model.frameworks import SATISFACTION
from perfdecl.model.rows import IndicatorRow, all_indicator_rows
from perfdecl.phrases.measures import names_respondents
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import any_word, is_percent, numeric, row_texts
from perfdecl.rules.base import Finding, Rule, RuleSettings

_FULL = Decimal(100)
_AT_LEAST = (Comparison.EQ, Comparison.GE, Comparison.APPROX)
_SATISFACTION_NAMES = ("满意度", "满意率", "满意程度")
_SATISFACTION_NAME = any_word(_SATISFACTION_NAMES)


def demands_everyone(row: IndicatorRow) -> str | None:
    """The pointer suffix of a target asking 100% satisfied ("" for one in the wording), or None.

    A structured target wins; only a row without one is read from its wording and 指标值 cell.
    """
    targets = [(t, tg) for t, tg in enumerate(row.targets) if numeric(tg) is not None]
    for t, target in targets:
        if target.value == _FULL and is_percent(target.unit) and target.comparison in _AT_LEAST:
            return f"/targets/{t}"
    if targets:
        return None
    for text in row_texts(row):
        for parsed in phrases.parse_targets(text):
            if (
                parsed.value == _FULL
                and is_percent(parsed.unit)
                and parsed.comparison in ("=", ">=")
            ):
                return ""
    return None


class SatisfactionUnrealistic(Rule):
    """ "社会满意度 100%" asks that every person asked, whoever that is, be satisfied.

    No survey of real people returns 100%, so the target is either missed at the year's end or
    met only on paper, and a level for "society" says nothing about who is to be asked. Name the
    people surveyed (受益群众, 学生家长, 参训学员) and set a level a survey can reach (≥90%).
    Rows that name who is surveyed are left alone, and so are levels below 100%.

    Bad:

        indicators:
          - id: sat
            name: 满意度指标
            groups:
              - name: 服务对象满意度指标
                items:
                  - id: sat.1
                    text: 社会满意度
                    targets:
                      - {comparison: "=", value: 100, unit: "%"}

    Good:

        indicators:
          - id: sat
            name: 满意度指标
            groups:
              - name: 服务对象满意度指标
                items:
                  - id: sat.1
                    text: 受益群众满意度
                    targets:
                      - {comparison: ">=", value: 90, unit: "%"}
    """

    code = "PD267"
    name = "satisfaction-unrealistic"
    severity = Severity.WARNING
    summary = Message(
        "满意度目标为 100%，且没有写明调查对象",
        "A satisfaction target of 100% that names no one surveyed",
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        for row in all_indicator_rows(decl):
            text = row.text[:1000]
            if row.level2 != SATISFACTION and not _SATISFACTION_NAME.search(text):
                continue
            where = demands_everyone(row)
            if where is None or names_respondents(text):
                continue
            name = text.strip()[:20]
            yield Finding(
                f"{row.pointer}{where}" if where else row.text_pointer,
                Message(
                    f"满意度指标 {row.item.id}（{name}）要求 100% 满意，又没有写明调查谁。"
                    "任何实际调查都很难达到 100%。请写明调查对象（如“受益群众满意度”"
                    "“参训学员满意度”），并设定调查能够达到的水平（如≥90%）。",
                    f"The satisfaction row {row.item.id} ({name}) asks for 100% satisfied and "
                    "does not say who is surveyed; no survey of real people returns 100%. Name "
                    "the people asked (such as 受益群众满意度 or 参训学员满意度) and set a level a "
                    "survey can reach (such as ≥90%).",
                ),
                offset=None if where else 0,
            )
