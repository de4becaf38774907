"""PD247: the printed value says one thing, the structured target another."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfdecl import phrases
from perfdecl.model import Comparison, Declaration, Target
from perfdecl.model.rows import IndicatorRow, all_indicator_rows
from perfdecl.phrases import ParsedTarget
from perfdecl.problem import Message, Severity, shorten
from perfdecl.rules._util import base_unit, fmt, numeric
from perfdecl.rules.base import Finding, Rule, RuleSettings

_FLOOR = frozenset({">=", ">"})
_CEILING = frozenset({"<=", "<"})
_ONE = Decimal(1)
_SYMBOL = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=", "~": "约"}


def _opposed(text: str, target: Comparison) -> bool:
    """A floor against a ceiling (≥ in the text, ≤ in the target or the other way round)."""
    return (text in _FLOOR and target.value in _CEILING) or (
        text in _CEILING and target.value in _FLOOR
    )


def _say(comparison: str, value: Decimal, unit: str) -> str:
    return f"{_SYMBOL.get(comparison, comparison)}{fmt(value)}{unit}"


def _unit_families(parsed: list[ParsedTarget]) -> list[tuple[ParsedTarget, str, Decimal]]:
    """Each parsed target with ``unit_family`` of its unit and ``in_base_unit`` of its value,
    both from one look-up of the unit (the two helpers looked it up once each)."""
    return [
        (p, family if p.unit.strip() else "", p.value * factor)
        for p in parsed
        for family, factor in [base_unit(p.unit)]
    ]


def _conflict(
    target: Target,
    value: Decimal,
    parsed: list[ParsedTarget],
    families: list[tuple[ParsedTarget, str, Decimal]],
    cell: bool,
) -> tuple[str, ParsedTarget] | None:
    """What the printed text contradicts in ``target`` ("comparison", "value" or "unit").

    ``families`` holds each parsed target with its unit's family ("" without a unit) and its
    value in the family's base unit, worked out once per text: ``same_unit_family`` of a parsed
    unit and the target's is then a comparison of strings (a side without a unit agrees with
    any), and the values compare in base units as ``in_base_unit`` gives them."""
    unit = (target.unit or "").strip()
    own, factor = base_unit(unit) if unit else ("", _ONE)  # unit_family, in_base_unit's factor
    if own:
        base = value * factor
        for p, fam, p_base in families:
            if fam and fam != own:
                continue
            if (p_base == base) if fam else (p.value == value):
                return ("comparison", p) if _opposed(p.comparison, target.comparison) else None
        # Built only when no printed number agrees (most targets find theirs above).
        family = [p for p, fam, _ in families if not fam or fam == own]
    else:
        family = parsed
        for p in parsed:
            if p.value == value:
                return ("comparison", p) if _opposed(p.comparison, target.comparison) else None
    if len(family) == 1 and (cell or unit):
        return "value", family[0]
    if family or len(parsed) != 1:
        return None
    only = parsed[0]
    if not only.unit or not unit:
        return None  # a unit left out on one side is PD210's concern, not a contradiction
    if only.value == value or cell:
        return "unit", only
    return None


class TextContradictsTarget(Rule):
    """The structured target must say what the form prints: the 指标值 cell (or, with no such
    cell, the wording) and the target stored beside it are read by different people, the
    clerk's printout by the reviewer and the structured figures by the budget system.

    When the printed text states a value, comparison or unit and the target states another
    (text 50张, target 60张; text ≥95%, target ≤95%; text 50张, target 50%), one of the two
    was copied wrong, and the year-end evaluation scores the row against the wrong figure. The
    value cell is read first, then the wording (a name that says 质量达标率100% beside a
    target of ≥98%). A wording with several figures in the target's unit is left alone unless
    none of them is the target's and it holds only one.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出数量指标
                items:
                  - id: out1.qty.1
                    text: 发放借书证
                    value_text: ≥50张
                    targets:
                      - {comparison: ">=", value: 60, unit: 张}

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出数量指标
                items:
                  - id: out1.qty.1
                    text: 发放借书证
                    value_text: ≥50张
                    targets:
                      - {comparison: ">=", value: 50, unit: 张}
    """

    code = "PD247"
    name = "text-target-mismatch"
    severity = Severity.WARNING
    summary = Message(
        "指标值原文与结构化目标不一致（数值、比较符或单位）",
        "The printed value and the structured target disagree (value, comparison or unit)",
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        for row in all_indicator_rows(decl):
            if not row.targets:
                continue
            cell = row.value_text
            if cell:
                found = _row_conflict(row, cell, True)
                if found is not None:  # one finding per row
                    yield _finding(row, *found, f"{row.pointer}/value_text", cell)
                    continue
            found = _row_conflict(row, row.text, False)
            if found is not None:
                yield _finding(row, *found, row.text_pointer, row.text)


def _row_conflict(
    row: IndicatorRow, text: str, cell: bool
) -> tuple[int, Target, Decimal, tuple[str, ParsedTarget]] | None:
    parsed = phrases.parse_targets(text)
    if not parsed:
        return None
    families = _unit_families(parsed)
    for t, target in enumerate(row.targets):
        value = numeric(target)
        if value is None:
            continue
        found = _conflict(target, value, parsed, families, cell)
        if found is not None:
            return t, target, value, found
    return None


def _finding(
    row: IndicatorRow,
    t: int,
    target: Target,
    value: Decimal,
    found: tuple[str, ParsedTarget],
    where: str,
    text: str,
) -> Finding:
    concern, p = found
    unit = (target.unit or "").strip()
    stored = _say(target.comparison.value, value, unit)
    printed = shorten(text[p.start : p.end], 40)
    words = {
        "comparison": ("比较符", "comparison"),
        "value": ("数值", "value"),
        "unit": ("单位", "unit"),
    }[concern]
    return Finding(
        f"{row.pointer}/targets/{t}/{'value' if concern == 'value' else concern}",
        Message(
            f"指标 {row.item.id} 原文写“{printed}”，结构化目标却是 {stored}，{words[0]}不一致。"
            "请核对后改成一致。",
            f"{row.item.id} prints '{printed}' but its structured target is {stored}: the "
            f"{words[1]} disagrees; make them the same.",
        ),
        related=(where,),
    )
