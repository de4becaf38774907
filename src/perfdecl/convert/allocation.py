"""A transfer payment's allocation table (资金安排表): one row per receiving unit, money by column.

Printed before the targets of a transfer (``单位 | 全年中央补助资金 | 其中:免学费补助 | 其中:国家
助学金``, then ``小计 | 提前下达 | 本次下达`` under each 其中, then one row per unit). A merged header
cell loses its span in text, so a unit's figures are placed by count: as many figures as headers
give one figure per header; else the first figure is the total and the rest fall into one group
per 其中 header, each group a 小计 followed by its parts named by the sub-header row. A row whose
figures fit neither shape is left out. The money unit is the table's ``单位:元`` / ``单位:万元``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from perfdecl.convert.grid import decimal_text, norm
from perfdecl.convert.tokens import Row

_FIGURE = re.compile(r"^[-+]?[0-9][0-9,]*(?:\.[0-9]+)?$")
_UNIT_LINE = re.compile(r"单位:(万元|元)")
_MONEY_WORD = re.compile(r"资金|补助|金额|预算|拨款")


def _texts(row: Row) -> list[str]:
    return [t.text for t in row.toks if t.text]


def _amount(text: str) -> Decimal | None:
    return decimal_text(text) if _FIGURE.match(text.strip()) else None


def _place(figures: list[Decimal], heads: list[str], subs: list[str]) -> dict[str, Any] | None:
    if len(figures) == len(heads):
        return {
            "label": heads[0],
            "total": figures[0],
            "sources": [
                {"label": h, "amount": f} for h, f in zip(heads[1:], figures[1:], strict=True)
            ],
        }
    groups = len(heads) - 1
    if groups < 1 or not subs or len(subs) % groups or len(figures) != 1 + len(subs):
        return None
    size = len(subs) // groups
    sources = []
    for g in range(groups):
        chunk = figures[1 + g * size : 1 + (g + 1) * size]
        names = subs[g * size : (g + 1) * size]
        sources.append(
            {
                "label": heads[1 + g],
                "amount": chunk[0],
                "parts": [
                    {"label": n, "amount": a} for n, a in zip(names[1:], chunk[1:], strict=True)
                ],
            }
        )
    return {"label": heads[0], "total": figures[0], "sources": sources}


def allocations(rows: list[Row]) -> list[dict[str, Any]]:
    """The allocation rows of a transfer's 资金安排表 ({unit, budget}), or []."""
    out: list[dict[str, Any]] = []
    unit = "万元"
    for i, row in enumerate(rows[:2000]):
        texts = _texts(row)
        for text in texts:
            m = _UNIT_LINE.search(norm(text))
            if m:
                unit = m[1]
        if len(texts) < 3 or norm(texts[0]) not in ("单位", "单位名称", "地区", "资金使用单位"):
            continue
        heads = texts[1:]
        if not _MONEY_WORD.search(norm(heads[0])):
            continue
        n = i + 1
        subs: list[str] = []
        if n < len(rows) and all(_amount(t) is None for t in _texts(rows[n])):
            subs = _texts(rows[n])
            n += 1
        while n < len(rows):
            cells = _texts(rows[n])
            figures = [_amount(c) for c in cells[1:]]
            if len(cells) < 2 or _amount(cells[0]) is not None or None in figures:
                break
            budget = _place([f for f in figures if f is not None], heads, subs)
            if budget is None:
                break
            out.append(
                {"unit": cells[0], "budget": {"label": budget.pop("label"), "unit": unit, **budget}}
            )
            n += 1
        if out:
            return out
    return out


__all__ = ["allocations"]
