"""PD216: an indicator phrased as a question (是否…)."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl import phrases
from perfdecl.model import Declaration
from perfdecl.model.rows import all_indicator_rows
from perfdecl.phrases.wording import QUESTION_SIGNS
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import texts_holding
from perfdecl.rules.base import Finding, Rule, RuleSettings


class PhrasedAsQuestion(Rule):
    """A target is a statement of what will be reached, not a question.

    "长效机制的运行是否稳定且有效" is an evaluation question copied from a scoring sheet; the
    declaration must state the target itself.

    Bad:

        indicators:
          - id: eff
            name: 效果指标
            groups:
              - name: 可持续影响指标
                items:
                  - id: eff.sust.1
                    text: 借阅服务长效机制是否稳定运行；

    Good:

        indicators:
          - id: eff
            name: 效果指标
            groups:
              - name: 可持续影响指标
                items:
                  - id: eff.sust.1
                    text: 借阅服务长效机制全年稳定运行，服务中断不超过2天；
    """

    code = "PD216"
    name = "phrased-as-question"
    severity = Severity.WARNING
    summary = Message("指标写成了问句（是否……）", "An indicator is phrased as a question (是否…)")

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        rows = tuple(all_indicator_rows(decl))
        # is_question needs one of these in the text: only the rows that hold one are read
        for i in texts_holding([row.text for row in rows], QUESTION_SIGNS):
            row = rows[i]
            if not phrases.is_question(row.text):
                continue
            offset = next(
                (row.text.find(w) for w in ("是否", "有没有", "能否", "可否") if w in row.text), 0
            )
            yield Finding(
                row.text_pointer,
                Message(
                    f"指标 {row.item.id} 写成了问句（“是否……”），这是评价提问，不是目标。"
                    "请改为陈述要达到的目标，如“长效机制全年稳定运行”。",
                    f"{row.item.id} is phrased as a question (是否…), which is an evaluation "
                    "question, not a target; state what will be achieved instead.",
                ),
                offset=offset,
                length=2,
            )
