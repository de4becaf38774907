"""PD219: a timeliness indicator without a date or period."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl import phrases
from perfdecl.model import Declaration
from perfdecl.model.frameworks import TIMELINESS
from perfdecl.model.rows import IndicatorRow, all_indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import is_percent, row_texts
from perfdecl.rules.base import Finding, Rule, RuleSettings


def is_rate_row(row: IndicatorRow) -> bool:
    """A timeliness rate (完成及时率, 按期完成率, 当年下达率) with a percentage target."""
    if "率" not in row.text[:1000]:
        return False
    return any(is_percent(t.unit) for t in row.targets) or any(
        is_percent(p.unit) for text in row_texts(row) for p in phrases.parse_targets(text)
    )


class TimelinessWithoutDate(Rule):
    """A 时效 (进度) indicator must say by when: a date or a period.

    "按时完成" or "及时开展" cannot be checked; "2019年6月30日前完成" can, and so can a period
    ("3个月内完成", "1-6月", "第三季度", "年底前完成", "2019-2021年") or a timeliness rate with
    a percentage target ("完成及时率 100%", the national framework's own measure).

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出进度指标
                items:
                  - id: out1.time.1
                    text: 按计划及时完成全部借阅服务。

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

    code = "PD219"
    name = "timeliness-without-date"
    severity = Severity.WARNING
    summary = Message(
        "时效指标没有写明完成时间或期限", "A timeliness indicator has no date or period"
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        for row in all_indicator_rows(decl):
            if row.level2 != TIMELINESS:
                continue
            if any(t.deadline is not None for t in row.targets):
                continue
            if any(phrases.parse_dates(t) or phrases.states_period(t) for t in row_texts(row)):
                continue  # a date, or a period: 3个月内, 1-6月, 第三季度, 年底前完成, 2019-2021年
            if is_rate_row(row):
                continue  # 完成及时率 100%: the national framework's own timeliness measure
            yield Finding(
                row.text_pointer,
                Message(
                    f"时效指标 {row.item.id} 没有写明完成时间。请写明日期或期限，"
                    f"如“{decl.year}年12月31日前完成”。",
                    f"The timeliness indicator {row.item.id} gives no date or period; state one, "
                    f"such as '{decl.year}年12月31日前完成'.",
                ),
                offset=0,
            )
