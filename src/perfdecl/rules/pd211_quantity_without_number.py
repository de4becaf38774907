"""PD211: a quantity (数量) row that states no quantity."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl import phrases
from perfdecl.model import Declaration
from perfdecl.model.frameworks import QUANTITY
from perfdecl.model.rows import IndicatorRow, all_indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import is_quantitative_target
from perfdecl.rules.base import Finding, Rule, RuleSettings
from perfdecl.rules.pd231_placeholder import PLACEHOLDER


def states_quantity(row: IndicatorRow) -> bool:
    """A structured target with a value, or a number with a unit or comparison in the wording.

    Dates, years, item numbers and house numbers are not quantities: "3.2019年十一国庆节期间…摆放
    工作" commits to no amount.
    """
    for t in row.targets:  # a loop, not any(): asked of every quantity row
        if is_quantitative_target(t):
            return True
    return bool(phrases.parse_targets(row.text))


class QuantityWithoutNumber(Rule):
    """A 数量 (quantity) row must say how much: a count, an area, a length, a number of people.

    A quantity row that only names places, dates, events or house numbers ("为春风社区，菜北社区
    安装门禁系统") cannot be checked at the end of the year: how many systems? Other rows with no
    number (quality, effect) are left to the wording rules (PD215, PD216, PD217, PD223), since a
    qualitative target is accepted there where it names a standard or a checkable state.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好社区安全防范
            groups:
              - name: 产出数量指标
                items:
                  - id: out1.qty.1
                    text: 为春风社区、菜北社区安装门禁系统。

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好社区安全防范
            groups:
              - name: 产出数量指标
                items:
                  - id: out1.qty.1
                    text: 为春风社区、菜北社区安装门禁系统12套。
    """

    code = "PD211"
    name = "quantity-without-number"
    severity = Severity.WARNING
    summary = Message("数量指标没有写明数量", "A quantity row states no quantity")

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        for row in all_indicator_rows(decl):
            if row.level2 != QUANTITY or not row.text.strip() or states_quantity(row):
                continue
            if PLACEHOLDER.search(row.text[:2000]):
                continue  # a template row not filled in yet: PD231 says so
            yield Finding(
                row.text_pointer,
                Message(
                    f"数量指标 {row.item.id} 只写了事项，没有写明数量（只有地点、日期或编号）。"
                    "请写明完成的数量及计量单位，如“安装门禁系统12套”“开展宣传活动不少于6场”。",
                    f"The quantity row {row.item.id} names the work but no quantity (only places, "
                    "dates or numbering); state how many, with the unit, such as '安装门禁系统12套' "
                    "or '开展宣传活动不少于6场'.",
                ),
                offset=0,
            )
