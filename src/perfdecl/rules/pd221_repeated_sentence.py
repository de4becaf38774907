"""PD221: one sentence repeated word for word across rows."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl import phrases
from perfdecl.model import Declaration
from perfdecl.model.rows import IndicatorRow, indicator_rows
from perfdecl.problem import Message, Severity, shorten
from perfdecl.rules._util import example_target
from perfdecl.rules.base import Finding, Rule, RuleSettings

MIN_LENGTH = 8
"""Shorter texts ("无", "100%") may well repeat; a sentence may not."""


class RepeatedSentence(Rule):
    """Each row must be written for its own output: the same sentence in several groups says
    nothing about any of them.

    "截止2019年12月31日，上述事项全部完成。" pasted under every 产出 gives no schedule for any of
    them. The copies are reported as one finding on the first, the others as related locations.

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
        copies: dict[str, list[IndicatorRow]] = {}  # only the texts met twice: no list a row
        for row in indicator_rows(decl):
            text = row.text  # beyond phrases.MAX_TEXT: compared as written (NFKC of 15 MB: 0.8 s)
            key = phrases.normalize(text) if len(text) <= phrases.MAX_TEXT else text
            if len(key) < MIN_LENGTH:
                continue
            seen = first.setdefault(key, row)
            if seen is not row:
                copies.setdefault(key, [seen]).append(row)
        for rows in copies.values():
            yield _repeated(rows, decl.year)


def _repeated(rows: list[IndicatorRow], year: int) -> Finding:
    """One finding on the first copy, the other copies as related locations."""
    first, others = rows[0], rows[1:]
    ids = "、".join(row.item.id for row in rows)
    groups = {shorten(f"{r.group_row.parent.level1.name} / {r.group_row.group.name}") for r in rows}
    example_zh, example_en = example_target(first, year)
    return Finding(
        first.text_pointer,
        Message(
            f"同一句话在 {len(rows)} 个指标（{ids}）中一字不差，分属 {len(groups)} 组。"
            f"请按各组事项分别写明具体内容和目标，如“{example_zh}”。",
            f"The same sentence is repeated word for word on {len(rows)} rows ({', '.join(r.item.id for r in rows)}); "
            f"write each group's own target, such as {example_en}.",
        ),
        offset=0,
        related=tuple(row.text_pointer for row in others),
    )
