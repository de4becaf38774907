"""PD234: the item numbers of a group skip or repeat."""

from __future__ import annotations

import re
from collections.abc import Iterator

from perfdecl import phrases
from perfdecl.model import Declaration
from perfdecl.model.rows import group_rows, items_of
from perfdecl.problem import Message, Severity, shorten
from perfdecl.rules.base import ALL_KINDS, Finding, Rule, RuleSettings

LEADING_NUMBER = re.compile(r"^\s*([0-9０-９]{1,3})\s*[.．、]")
_FULLWIDTH_DIGITS = {0xFF10 + i: 0x30 + i for i in range(10)}


def leading_number(text: str, expected: int | None = None) -> tuple[int, int, int] | None:
    """(number, offset, length) of the item number that opens a text: "7.禁毒…" -> (7, 0, 2).

    "3.2019年…" or "6.10个社区…" may be a decimal as well as an item number: a digit right after
    the dot counts as numbering only when the number is the one expected next.
    """
    return _expected(_head(text), expected)


_HEAD = re.compile(r"\s*([0-9０-９]{1,3})\s*[.．、]([0-9０-９]?)")
"""LEADING_NUMBER (``match`` anchors it), and the digit that follows, if any, in one match."""
_NUMBERS = {f"{n:0{width}d}": n for width in (1, 2, 3) for n in range(10**width)}
"""Every run of one to three ASCII digits and its number ("007" too): a look-up instead of int()."""


def _head(text: str) -> tuple[int, int, int, bool] | None:
    """(number, offset, length, a digit follows) of the number that opens a text, read once
    a row whatever number is expected."""
    m = _HEAD.match(text)
    if m is None:
        return None
    digits, follow = m.groups()
    start = m.start(1)
    number = _NUMBERS.get(digits)
    if number is None:
        number = int(digits)  # full-width digits: int() reads them as it reads ASCII ones
    return number, start, m.end() - len(follow) - start, follow != ""


def _expected(
    head: tuple[int, int, int, bool] | None, expected: int | None
) -> tuple[int, int, int] | None:
    if head is None:
        return None
    number, offset, length, digit = head
    if digit and number != expected:
        return None
    return number, offset, length


def _merged(before: str, previous: int, number: int) -> bool:
    """True when the numbers missing between ``previous`` and ``number`` all sit inside the
    previous row's sentence ("…诸多6.重大节点", then "7."): PD233 reports that row, and the gap
    here is the same fault."""
    if number <= previous + 1:
        return False
    spans = phrases.item_number_inside(before)
    if not spans:
        return False  # the usual case: no number inside the sentence
    inside = {_number_text(before, at) for at in spans}
    return all(str(n) in inside for n in range(previous + 1, number))


def _number_text(text: str, offset: int) -> str:
    digits = _DIGIT_RUN.match(text, offset)
    return digits.group().translate(_FULLWIDTH_DIGITS) if digits else ""


_DIGIT_RUN = re.compile(r"[0-9０-９]+")


class NumberingBroken(Rule):
    """Rows numbered 1., 2., 3. … must run without gaps or repeats within a group.

    A gap ("5." followed by "7.") shows a row lost or merged into another. Where the missing
    number sits inside the previous row's sentence ("…诸多6.重大节点", then "7."), PD233 already
    reports that row and this rule says nothing more.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出数量指标
                items:
                  - id: out1.qty.1
                    text: 1.全年发放借书证不低于50张；
                  - id: out1.qty.2
                    text: 3.全年开展培训不少于25场；

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出数量指标
                items:
                  - id: out1.qty.1
                    text: 1.全年发放借书证不低于50张；
                  - id: out1.qty.2
                    text: 2.全年开展培训不少于25场；
    """

    code = "PD234"
    kinds = ALL_KINDS
    name = "numbering-broken"
    severity = Severity.INFO
    summary = Message("同组条目编号跳号或重号", "Item numbers of a group skip or repeat")

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        for g in group_rows(decl):
            rows = [(row, _head(row.text)) for row in items_of(g)]
            numbered = 0  # rows opening with a number and no digit after it: two are needed
            for _, head in rows:  # a loop, not sum() over a generator made for each group
                if head is not None and not head[3]:
                    numbered += 1
            if numbered < 2:
                continue
            previous, before = 0, ""
            name = quoted = ""
            for row, head in rows:
                if head is None:
                    continue
                number, offset, length, digit = head  # _expected(head, previous + 1), inline
                if digit and number != previous + 1:
                    continue
                if number != previous + 1 and not _merged(before, previous, number):
                    if not quoted:  # the group's name, as quoted, once a group
                        name = shorten(g.group.name)
                        quoted = repr(name)
                    was, now, expected = str(previous), str(number), str(previous + 1)
                    yield Finding(
                        row.text_pointer,
                        Message(
                            f"“{name}”的编号在此处从 {was} 跳到 {now}"
                            f"（应为 {expected}）。请核对是否漏了一条或两条粘在了一起，并重新编号。",
                            f"The numbering of {quoted} goes from {was} to {now} "
                            f"here (expected {expected}); check for a lost or merged row and "
                            "renumber.",
                        ),
                        offset,  # offset and length by position: a keyword costs a fifth more
                        length,
                    )
                previous, before = number, row.text
