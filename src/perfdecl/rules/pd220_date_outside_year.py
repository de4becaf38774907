"""PD220: a deadline outside the declaration year (or the project's period)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from perfdecl import phrases
from perfdecl.model import Declaration
from perfdecl.model.rows import indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules.base import ALL_KINDS, Finding, Rule, RuleSettings


def allowed_period(decl: Declaration) -> tuple[datetime.date, datetime.date]:
    """The dates a target may fall in: the project's period, else the declaration year."""
    if decl.project is not None and decl.project.period is not None:
        return decl.project.period.first_day(), decl.project.period.last_day()
    return datetime.date(decl.year, 1, 1), datetime.date(decl.year, 12, 31)


class DateOutsideYear(Rule):
    """Dates in the table must fall inside the year declared (or the project's period).

    A 2019 declaration promising "2018年12月31日前完成" was copied from last year's form; one
    promising 2021 describes work the 2019 budget does not pay for.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出进度指标
                items:
                  - id: out1.time.1
                    text: 2018年12月31日前完成全部借阅服务。

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出进度指标
                items:
                  - id: out1.time.1
                    text: 2019年12月31日前完成全部借阅服务。
    """

    code = "PD220"
    kinds = ALL_KINDS
    name = "date-outside-year"
    severity = Severity.WARNING
    summary = Message(
        "完成时间不在申报年度（或项目期限）内", "A date falls outside the declaration year"
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        start, end = allowed_period(decl)
        has_period = decl.project is not None and decl.project.period is not None
        span_zh = f"{start}至{end}" if has_period else f"{decl.year}年"
        for row in indicator_rows(decl):
            if row.targets:
                for t, target in enumerate(row.targets):
                    if target.deadline is not None and not start <= target.deadline <= end:
                        yield self._finding(
                            f"{row.pointer}/targets/{t}/deadline",
                            row.item.id,
                            target.deadline,
                            span_zh,
                        )
            for parsed in phrases.parse_dates(row.text):
                if not start <= parsed.date <= end:
                    yield self._finding(
                        row.text_pointer,
                        row.item.id,
                        parsed.date,
                        span_zh,
                        parsed.start,
                        parsed.end - parsed.start,
                    )

    @staticmethod
    def _finding(
        pointer: str,
        ident: str,
        date: datetime.date,
        span_zh: str,
        offset: int | None = None,
        length: int = 0,
    ) -> Finding:
        return Finding(
            pointer,
            Message(
                f"指标 {ident} 的时间 {date:%Y年%m月%d日} 不在{span_zh}内。请核对年份，"
                "是否沿用了往年的申报表。",
                f"{ident}: the date {date} is outside {span_zh}; check the year (copied from an "
                "earlier form?).",
            ),
            offset=offset,
            length=length,
        )
