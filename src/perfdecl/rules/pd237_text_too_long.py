"""PD237: a text too long to review fully (the rules read its first 20,000 characters)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar

from perfdecl.model import Declaration
from perfdecl.phrases import MAX_TEXT
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import texts
from perfdecl.rules.base import ALL_KINDS, Finding, Rule, RuleOptions, RuleSettings


@dataclass(frozen=True, slots=True)
class TextTooLongOptions(RuleOptions):
    """PD237's limit; not a configuration key (a larger one would let a text stall the check)."""

    max_text_chars: int = field(default=MAX_TEXT, metadata={"configurable": False})


class TextTooLong(Rule):
    """The review rules read the first 20,000 characters of each text, so that a huge text
    cannot stall a check: wording, amounts, dates and placeholders after that point are not
    checked. A real indicator is under 1,000 characters and a whole form under 20,000; a longer
    text is a pasted document or a broken export. Keep the form's own wording in the cell and
    put the material behind it in an attachment. (The examples below use a limit of 40
    characters, set through the rule's ``max_text_chars`` option, so that they fit here.)

    Bad:

        remarks: 本单位年度工作总结、预算明细、各科室分项说明、历年对比数据和专家论证意见，全文附后，请参阅。

    Good:

        remarks: 无
    """

    code = "PD237"
    kinds = ALL_KINDS
    name = "text-too-long"
    severity = Severity.INFO
    summary = Message(
        "文本过长，只检查了前 20,000 个字符",
        "A text is too long to review fully (its first 20,000 characters are checked)",
    )
    options: ClassVar[type[RuleOptions] | None] = TextTooLongOptions
    example_options: ClassVar[RuleOptions | None] = TextTooLongOptions(max_text_chars=40)

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        limit = settings.of(TextTooLongOptions).max_text_chars
        if limit < 1:
            limit = MAX_TEXT
        for pointer, text in texts(decl):
            if len(text) <= limit:
                continue
            yield Finding(
                pointer,
                Message(
                    f"这段文本长 {len(text):,} 个字符，审核规则只检查了前 {limit:,} 个字符，"
                    "其后的内容没有检查。请只保留表中应填的内容，详细材料请作为附件报送。",
                    f"This text is {len(text):,} characters long; the review rules checked only "
                    f"its first {limit:,}, not the rest. Keep the form's own wording here and send "
                    "the material behind it as an attachment.",
                ),
                offset=limit,
                length=1,
            )
