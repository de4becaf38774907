"""PD265: a 满意度 result reported with no survey basis."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl.model import Declaration
from perfdecl.model.frameworks import SATISFACTION, SATISFACTION_L1
from perfdecl.model.rows import indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules.base import SELFEVAL_KINDS, Finding, Rule, RuleSettings


class SatisfactionWithoutSurvey(Rule):
    """A 满意度 row reports what was achieved, and nothing says how it was measured.

    A satisfaction figure is only as good as the survey behind it: evaluators ask for the method
    (问卷、电话回访、第三方调查) and the number of valid answers, and a 满意度 of 98% with no
    survey is read as a guess. Reported once per file, on the first such row, the other rows as
    related locations (the same request applies to all of them); a row with any survey basis
    (``survey``: method, sample or the text as printed) is not counted.

    Bad:

        kind: selfeval
        indicators:
          - id: sat
            name: 满意度指标
            groups:
              - name: 服务对象满意度指标
                items:
                  - id: sat.1
                    text: 群众满意度≥90%
                    targets: [{comparison: ">=", value: 90, unit: "%"}]
                    actual: 98%

    Good:

        kind: selfeval
        indicators:
          - id: sat
            name: 满意度指标
            groups:
              - name: 服务对象满意度指标
                items:
                  - id: sat.1
                    text: 群众满意度≥90%
                    targets: [{comparison: ">=", value: 90, unit: "%"}]
                    actual: 98%
                    survey: {method: 问卷调查, sample: 200}
    """

    code = "PD265"
    name = "satisfaction-without-survey"
    severity = Severity.WARNING
    kinds = SELFEVAL_KINDS
    summary = Message(
        "满意度完成值没有调查依据（调查方式、样本量）",
        "A satisfaction result with no survey basis (method, sample size)",
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        rows = []
        for row in indicator_rows(decl):
            if SATISFACTION_L1 not in (row.level1, row.level2) and row.level2 != SATISFACTION:
                continue
            if not str(getattr(row.item, "actual", None) or "").strip():
                continue  # nothing achieved is reported: nothing to back
            survey = getattr(row.item, "survey", None)
            if survey is not None and (survey.method or survey.sample is not None or survey.text):
                continue
            rows.append(row)
        if not rows:
            return
        first = rows[0]
        shown = [r.item.id or r.text[:20] for r in rows[:5]]
        names, names_en = "、".join(shown), ", ".join(shown)
        more = f" 等 {len(rows)} 项" if len(rows) > 5 else ""
        more_en = f" and {len(rows) - 5} more" if len(rows) > 5 else ""
        yield Finding(
            f"{first.pointer}/actual",
            Message(
                f"满意度指标 {names}{more} 填报了完成值，但没有说明调查依据。"
                "请写明调查方式（如问卷调查、电话回访、第三方调查）和有效样本量（survey）。",
                f"satisfaction indicator(s) {names_en}{more_en} report a result but not how it was "
                "measured; give the survey method (questionnaire, phone follow-up, third-party "
                "survey) and the number of valid answers (survey).",
            ),
            related=tuple(f"{r.pointer}/actual" for r in rows[1:]),
        )
