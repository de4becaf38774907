"""PD211: a qualitative indicator not marked as such."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl.model import Declaration
from perfdecl.model.rows import indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import is_quantified
from perfdecl.rules.base import Finding, Rule, RuleSettings


class QualitativeUnmarked(Rule):
    """An indicator with no number must be marked 定性 (``kind: qualitative``).

    Quantitative indicators come first; a qualitative one is accepted only where no number fits,
    and the form says so explicitly so the reviewer does not take it for a forgotten value.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出质量指标
                items:
                  - id: out1.qual.1
                    text: 借阅服务符合首都图书馆通借通还服务标准。

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出质量指标
                items:
                  - id: out1.qual.1
                    text: 借阅服务符合首都图书馆通借通还服务标准。
                    kind: qualitative
    """

    code = "PD211"
    name = "qualitative-unmarked"
    severity = Severity.INFO
    summary = Message(
        "无数值的指标未标明为定性指标", "An indicator with no number is not marked qualitative"
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        for row in indicator_rows(decl):
            if row.item.kind is not None or row.item.targets or not row.text.strip():
                continue
            if is_quantified(row):
                continue
            yield Finding(
                row.text_pointer,
                Message(
                    f"指标 {row.item.id} 没有数值，也未标明定性。能量化的请写明目标值；确实无法量化的，"
                    "请标为定性（kind: qualitative）。",
                    f"{row.item.id} states no number and is not marked qualitative; give a "
                    "target value, or mark it 'kind: qualitative' if no number fits.",
                ),
                offset=0,
            )
