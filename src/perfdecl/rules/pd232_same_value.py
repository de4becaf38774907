"""PD232: the same target value in every row of a group."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfdecl.model import Comparison, Declaration, Indicator
from perfdecl.model.frameworks import SATISFACTION
from perfdecl.model.rows import group_rows
from perfdecl.problem import Message, Severity, shorten
from perfdecl.rules._util import clean_unit, fmt, numeric
from perfdecl.rules.base import Finding, Rule, RuleSettings

MIN_ROWS = 3


class SameValueEverywhere(Rule):
    """When every row of a group carries the same value ("100%" three times over), the values
    were filled in by rote, not set from a plan, an industry standard or history.

    Satisfaction groups are left alone: one threshold for every surveyed group (≥90%) is the
    survey's convention, and PD222/PD223 judge satisfaction targets.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出质量指标
                items:
                  - id: out1.qual.1
                    text: 借阅服务达标率100%；
                    targets: [{comparison: "=", value: 100, unit: "%"}]
                  - id: out1.qual.2
                    text: 图书上架准确率100%；
                    targets: [{comparison: "=", value: 100, unit: "%"}]
                  - id: out1.qual.3
                    text: 读者投诉处理率100%；
                    targets: [{comparison: "=", value: 100, unit: "%"}]

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出质量指标
                items:
                  - id: out1.qual.1
                    text: 借阅服务达标率100%；
                    targets: [{comparison: "=", value: 100, unit: "%"}]
                  - id: out1.qual.2
                    text: 图书上架准确率不低于98%；
                    targets: [{comparison: ">=", value: 98, unit: "%"}]
                  - id: out1.qual.3
                    text: 读者投诉处理率100%；
                    targets: [{comparison: "=", value: 100, unit: "%"}]
    """

    code = "PD232"
    name = "same-value-everywhere"
    severity = Severity.INFO
    summary = Message(
        "同组每一项指标的目标值都相同", "Every row of a group has the same target value"
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        for g in group_rows(decl):
            items = g.group.items
            if len(items) < MIN_ROWS or g.canonical == SATISFACTION:
                continue
            only = _one_value(items)
            if only is None:
                continue
            comparison, value, unit = only
            unit = shorten(unit)
            yield Finding(
                f"{g.pointer}/name",
                Message(
                    f"“{shorten(g.group.name)}”下每一项的目标值都是 {value}{unit}。请根据计划、行业标准或历史数据"
                    "分别设定各项目标值。",
                    f"Every row of {shorten(g.group.name)!r} has the target {comparison} {value} {unit}; "
                    "set each from the plan, an industry standard or history.",
                ),
            )


def _one_value(items: list[Indicator]) -> tuple[str, str, str] | None:
    """The one (comparison, value as written, unit) that every target of every item states;
    None when an item has no target, a target no number, or two targets differ (read no
    further then: most groups differ at their second row, in the comparison or the unit if
    not in the value, which is formatted only when the other two agree)."""
    first: tuple[Comparison, str, Decimal] | None = None
    shown = ""  # the first value as written, once needed
    for item in items:
        targets = item.targets  # a model's field, read once
        if not targets:
            return None
        for t in targets:
            n = numeric(t)
            if n is None:
                return None
            # the member, compared as itself: its .value goes through Enum's property (some
            # 2,000 instructions) and is read once, for the finding
            comparison, unit = t.comparison, clean_unit(t.unit)
            if first is None:
                first = comparison, unit, n
                continue
            if comparison != first[0] or unit != first[1]:
                return None
            if n is first[2]:
                continue
            shown = shown or fmt(first[2])
            if fmt(n) != shown:
                return None
    if first is None:
        return None
    return first[0].value, shown or fmt(first[2]), first[1]
