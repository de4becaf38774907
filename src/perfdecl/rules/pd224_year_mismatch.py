"""PD224: a year mentioned that differs from the declaration year."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl import phrases
from perfdecl.model import Declaration
from perfdecl.model.frameworks import TIMELINESS
from perfdecl.model.rows import indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules.base import ALL_KINDS, Finding, Rule, RuleSettings


class YearMismatch(Rule):
    """Goals and indicators speak of the declaration year; another year is usually a sentence
    left over from an earlier form.

    Dates in 时效 rows are checked by PD220; this rule reads the goals and the other rows.
    A project form may name any year inside its period.

    Bad:

        goals:
          lead: 2018年做好辖区公共阅读服务。
          strands:
            - id: g1
              text: 一、做好图书借阅服务。

    Good:

        goals:
          lead: 2019年做好辖区公共阅读服务。
          strands:
            - id: g1
              text: 一、做好图书借阅服务。
    """

    code = "PD224"
    kinds = ALL_KINDS
    name = "year-mismatch"
    severity = Severity.WARNING
    summary = Message(
        "文中年份与申报年度不一致", "A year mentioned differs from the declaration year"
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        years = {decl.year}
        if decl.project is not None and decl.project.period is not None:
            years |= set(range(decl.project.period.start.year, decl.project.period.end.year + 1))
        texts: list[tuple[str, str]] = []
        if decl.goals is not None:
            if decl.goals.lead:
                texts.append(("/goals/lead", decl.goals.lead))
            texts += [
                (f"/goals/strands/{i}/text", s.text) for i, s in enumerate(decl.goals.strands)
            ]
        texts += [
            (row.text_pointer, row.text) for row in indicator_rows(decl) if row.level2 != TIMELINESS
        ]
        for pointer, text in texts:
            for year, start, end in phrases.years_mentioned(text):
                if year in years:
                    continue
                yield Finding(
                    pointer,
                    Message(
                        f"文中出现 {year} 年，与申报年度 {decl.year} 年不一致。请核对是否沿用了往年的表述。",
                        f"The text mentions {year}, not the declaration year {decl.year}; check "
                        "for wording copied from another year's form.",
                    ),
                    offset=start,
                    length=end - start,
                )
