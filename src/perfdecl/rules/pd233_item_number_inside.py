"""PD233: an item number inside a sentence ("诸多6.重大节点")."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl import phrases
from perfdecl.model import Declaration
from perfdecl.model.rows import all_indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules.base import Finding, Rule, RuleSettings


def _number_at(text: str, offset: int) -> str:
    end = offset
    while end < len(text) and (text[end].isdigit() or text[end] in ".．、)）"):
        end += 1
        if text[end - 1] in ".．、)）":
            break
    return text[offset:end] or text[offset : offset + 2]


class ItemNumberInsideSentence(Rule):
    """An item number in the middle of a sentence ("世博会等诸多6.重大节点") means two rows were
    merged or a row was pasted into another: the numbering of the table is broken there.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出数量指标
                items:
                  - id: out1.qty.1
                    text: 全年发放借书证不低于50张；2.全年开展培训不少于25场；

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出数量指标
                items:
                  - id: out1.qty.1
                    text: 全年发放借书证不低于50张；
                  - id: out1.qty.2
                    text: 全年开展培训不少于25场；
    """

    code = "PD233"
    name = "item-number-inside-sentence"
    severity = Severity.WARNING
    summary = Message(
        "句子中间夹有条目编号（如“诸多6.重大节点”）", "An item number inside a sentence"
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        for row in all_indicator_rows(decl):
            for offset in phrases.item_number_inside(row.text):
                number = _number_at(row.text, offset)
                yield Finding(
                    row.text_pointer,
                    Message(
                        f"指标 {row.item.id} 的句子中间夹有编号“{number}”，疑似两条指标粘连或编号错位。"
                        "请拆分为单独一条，或删去多余的编号。",
                        f"{row.item.id} has the item number {number!r} inside a sentence: two rows "
                        "were merged or a number was misplaced; split the row or remove the number.",
                    ),
                    offset=offset,
                    length=len(number),
                )
