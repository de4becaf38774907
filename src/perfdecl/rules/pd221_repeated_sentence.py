"""PD221: one sentence repeated word for word across rows."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl import phrases
from perfdecl.model import Declaration
from perfdecl.model.rows import IndicatorRow, indicator_rows
from perfdecl.problem import Message, Severity, shorten
from perfdecl.rules.base import Finding, Rule, RuleSettings

MIN_LENGTH = 8
"""Shorter texts ("无", "100%") may well repeat; a sentence may not."""


class RepeatedSentence(Rule):
    """Each row must be written for its own output: the same sentence in several groups says
    nothing about any of them.

    "截止2019年12月31日，上述事项全部完成。" pasted under every 产出 gives no schedule for any of
    them. Each repeat is reported and names the first occurrence.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出进度指标
                items:
                  - id: out1.time.1
                    text: 截止2019年12月31日，上述事项全部完成。
          - id: out2
            name: 产出指标二：开展阅读推广活动
            groups:
              - name: 产出进度指标
                items:
                  - id: out2.time.1
                    text: 截止2019年12月31日，上述事项全部完成。

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出进度指标
                items:
                  - id: out1.time.1
                    text: 2019年3月31日前完成借书证发放。
          - id: out2
            name: 产出指标二：开展阅读推广活动
            groups:
              - name: 产出进度指标
                items:
                  - id: out2.time.1
                    text: 2019年11月30日前完成全部阅读推广活动。
    """

    code = "PD221"
    name = "repeated-sentence"
    severity = Severity.WARNING
    summary = Message(
        "同一句话在多个指标中一字不差地重复", "One sentence repeated word for word across rows"
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        first: dict[str, IndicatorRow] = {}
        for row in indicator_rows(decl):
            text = row.text  # beyond phrases.MAX_TEXT: compared as written (NFKC of 15 MB: 0.8 s)
            key = phrases.normalize(text) if len(text) <= phrases.MAX_TEXT else text
            if len(key) < MIN_LENGTH:
                continue
            original = first.setdefault(key, row)
            if original is row:
                continue
            where = shorten(
                f"{original.group_row.parent.level1.name} / {original.group_row.group.name}"
            )
            yield Finding(
                row.text_pointer,
                Message(
                    f"指标 {row.item.id} 与 {original.item.id}（{where}）一字不差。"
                    "请按本组事项分别写明具体内容和完成时间，如“2019年6月30日前完成讲习所装修”。",
                    f"{row.item.id} repeats {original.item.id} ({where}) word for word; write "
                    "each group's own target and date.",
                ),
                offset=0,
            )
