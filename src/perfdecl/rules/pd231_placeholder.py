"""PD231: a placeholder left in the text (XX, ***, 待定)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from perfdecl.model import Declaration
from perfdecl.model.rows import all_indicator_rows
from perfdecl.phrases import MAX_TEXT
from perfdecl.problem import Message, Severity, shorten
from perfdecl.rules._util import texts, value_given
from perfdecl.rules.base import ALL_KINDS, Finding, Rule, RuleSettings

PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])[Xx]{2,}(?![A-Za-z])|[×＊*]{2,}|某某|待定|待补充|待填|TBD|TODO|[?？]{2,}|〇〇|○○"
)
_MAYBE = re.compile("[Xx×＊*某待TＴ?？〇○]")
"""Every placeholder starts with one of these; this check scans a text far faster than the
alternation above, which then runs only on the few texts that pass it."""


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
        hints: set[str] | None = None  # worked out at the first placeholder: most files have none
        for pointer, whole in texts(decl):
            text = whole[:MAX_TEXT]  # read as far as every rule reads (PD237 says so)
            if _MAYBE.search(text) is None:
                continue
            for m in PLACEHOLDER.finditer(text):
                if hints is None:
                    hints = {r.text_pointer for r in all_indicator_rows(decl) if value_given(r)}
                if pointer in hints and _hint(text, m.start()):
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
