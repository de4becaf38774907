"""PD214: too few quantitative indicators."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated, ClassVar

from annotated_types import Interval

from perfdecl.model import Declaration
from perfdecl.model.rows import indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import is_quantitative
from perfdecl.rules.base import Finding, Rule, RuleOptions, RuleSettings


@dataclass(frozen=True, slots=True)
class QuantitativeShareOptions(RuleOptions):
    """``[tool.perfdecl.thresholds]`` keys of PD214."""

    min_quantitative_share: Annotated[float, Interval(ge=0, le=1)] = field(
        default=0.5,
        metadata={"description": "Share of indicators that must state a number (0 to 1)."},
    )


class QuantitativeShareLow(Rule):
    """Quantitative indicators come first: their share must reach a threshold (default 50%).

    Targets must be 细化量化; a table of mostly qualitative sentences cannot be evaluated at the
    end of the year. The threshold is ``min_quantitative_share`` in the configuration.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出质量指标
                items:
                  - id: out1.qual.1
                    text: 借阅服务符合通借通还服务标准。
                  - id: out1.qual.2
                    text: 阅读推广活动符合年度实施方案要求。

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出质量指标
                items:
                  - id: out1.qual.1
                    text: 借阅服务符合通借通还服务标准。
                  - id: out1.qual.2
                    text: 图书借阅差错率不高于1%。
    """

    code = "PD214"
    name = "quantitative-share"
    severity = Severity.WARNING
    summary = Message(
        "定量指标占比低于要求（默认50%）",
        "The share of quantitative indicators is below the threshold (default 50%)",
    )

    options: ClassVar[type[RuleOptions] | None] = QuantitativeShareOptions

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        rows = tuple(indicator_rows(decl))
        if not rows:
            return
        quantitative = 0
        for row in rows:  # a loop, not sum() over a generator: a resumption a row costs more
            if is_quantitative(row):
                quantitative += 1
        share = quantitative / len(rows)
        threshold = settings.of(QuantitativeShareOptions).min_quantitative_share
        if share + 1e-9 < threshold:
            yield Finding(
                "/indicators",
                Message(
                    f"定量指标只有 {quantitative} 项，占全部 {len(rows)} 项指标的 {share:.0%}，"
                    f"低于 {threshold:.0%} 的要求。请把能量化的指标写成数值目标，如“≥90%”“不少于20场”。",
                    f"Only {quantitative} of {len(rows)} indicators ({share:.0%}) are quantitative, "
                    f"below the {threshold:.0%} required; turn what can be counted into numeric "
                    "targets.",
                ),
                key=True,
            )
