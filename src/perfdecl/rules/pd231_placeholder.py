"""PD231: a placeholder left in the text (XX, ***, 待定)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from perfdecl.model import Declaration
from perfdecl.model.rows import IndicatorRow, all_indicator_rows
from perfdecl.phrases import MAX_TEXT
from perfdecl.problem import Message, Severity, shorten
from perfdecl.rules._util import texts, texts_holding, value_given
from perfdecl.rules.base import ALL_KINDS, Finding, Rule, RuleSettings

PLACEHOLDER = re.compile(
    r"X(?<![A-Za-z]X)[Xx]+(?![A-Za-z])|x(?<![A-Za-z]x)[Xx]+(?![A-Za-z])"
    r"|×[×＊*]+|＊[×＊*]+|\*[×＊*]+|某某|待定|待补充|待填|TBD|TODO|\?[?？]+|？[?？]+|〇〇|○○"
)
"""XX (not inside a word), ***, 某某, 待定 … Written as ``(?<![A-Za-z])[Xx]{2,}(?![A-Za-z])|
[×＊*]{2,}|…|[?？]{2,}|…`` it means the same, but every branch here opens with a literal
character: the regular expression engine then skips to the next of those characters (9 ns a
character) instead of trying the pattern at every one (131 ns: a look-behind or a class first
disables the skip); tests/test_rules_perf.py checks the two agree."""
_STARTS = "Xx×＊*某待TＴ?？〇○"
"""Every placeholder starts with one of these: ``texts_holding`` looks for them first, and the
alternation above runs only on the few texts that hold one."""


_HINT_BEFORE = frozenset("≥≤><=＞＜≧≦(（")


def _hint(text: str, start: int) -> bool:
    """A placeholder written as the template's hint: after a comparison or an open bracket
    ("(≥**个)", "人口数≥**人"), not inside a sentence ("开展XX次活动")."""
    before = text[max(0, start - 8) : start].rstrip()
    return bool(before) and before[-1] in _HINT_BEFORE


class Placeholder(Rule):
    """A template placeholder (XX, ***, 某某, 待定) left in the form means a box was never filled.

    Some templates print a hint inside the indicator's name ("受益人口数(≥**人)") and the value
    in the 指标值 column beside it: when the row's value is given (its ``value_text`` or a
    structured target), a placeholder after a comparison or an open bracket in its name is the
    template's hint, not an empty box, and is left alone; one inside a sentence ("开展XX次") and
    one in the 指标值 cell itself are reported.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出数量指标
                items:
                  - id: out1.qty.1
                    text: 全年发放借书证不低于XX张；

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出数量指标
                items:
                  - id: out1.qty.1
                    text: 全年发放借书证不低于50张；
    """

    code = "PD231"
    kinds = ALL_KINDS
    name = "placeholder"
    severity = Severity.WARNING
    summary = Message(
        "文中留有占位符（XX、***、待定）", "A placeholder is left in the text (XX, ***, 待定)"
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        listed = tuple(texts(decl))
        if not listed:
            return
        pointers, chunks = zip(*listed, strict=True)
        if max(map(len, chunks)) > MAX_TEXT:  # read as far as every rule reads (PD237 says so)
            chunks = tuple(whole[:MAX_TEXT] for whole in chunks)
        rows: dict[str, IndicatorRow] | None = None  # by wording's pointer, at the first hint
        for i in texts_holding(chunks, _STARTS):
            pointer, text = pointers[i], chunks[i]
            for m in PLACEHOLDER.finditer(text):
                if _hint(text, m.start()):
                    if rows is None:
                        rows = {r.text_pointer: r for r in all_indicator_rows(decl)}
                    row = rows.get(pointer)
                    if row is not None and value_given(row):
                        continue  # the template's hint in a name, "(≥**个)", beside a value given
                yield Finding(
                    pointer,
                    Message(
                        f"这里留有占位符“{shorten(m.group())}”。请填入实际内容或数值。",
                        f"A placeholder {shorten(m.group())!r} is left here; fill in the real content or "
                        "value.",
                    ),
                    offset=m.start(),
                    length=len(m.group()),
                )
