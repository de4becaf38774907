"""A self-evaluation's 预算执行情况: each money row's figures placed under its columns by shape.

The columns (``EXECUTION_COLUMNS`` of :mod:`perfdecl.convert.layouts`: 年初预算数 | 全年预算数 |
全年执行数 | 分值 | 执行率 | 得分, in the order the form prints them) are read from the header;
a row's figures (``Money.cells``, as printed) rarely fill every column, and text extraction
loses the empty ones, so the figures are placed by shape, not by position:

* the first percentage is the 执行率; the figures before it are amounts, the ones after it go
  to the columns after 执行率 (得分, or 分值 | 得分) in order;
* before it, a last small whole number (≤ 100) under a header that prints 分值 before 执行率 is
  the 分值, when it differs from the amount before it;
* the amounts fill the amount columns from the right: one is the 全年预算数, two are 全年预算数 |
  全年执行数, three add the 年初预算数;
* a number equal to the rate just before it (``100 100%``) is the rate printed twice;
* a run of digits that is one amount printed twice (``40004000`` beside 100%) is split in two
  and reported (PD414); a dash (—, /) is an empty cell.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from perfdecl.convert.fields import Fields, Money
from perfdecl.convert.grid import decimal_text, norm

_AMOUNT = re.compile(r"^([-+]?[0-9][0-9,]*(?:\.[0-9]+)?)\s*(万元|萬元|万|萬|元)?$")
_RATE = re.compile(r"^[0-9]+(?:\.[0-9]+)?\s*%$")
_EMPTY = re.compile(r"^(?:[—–-]+|/)$")
_AMOUNT_ROLES = ("initial", "budget", "spent")
_GLUED_RATE = re.compile(r"^([0-9]{2,}?)((?:100|[1-9]?[0-9])(?:\.[0-9]+)?%)$")


def _number(text: str) -> Decimal | None:
    m = _AMOUNT.match(text.strip())
    return None if m is None else decimal_text(m[1])


def _twice(cells: list[str]) -> tuple[list[str], str | None]:
    """``40004000`` before a rate, where two amounts are expected: 4000 | 4000 (a guess)."""
    if len(cells) == 1 and re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", cells[0] or ""):
        run = cells[0]
        half = len(run) // 2
        if len(run) % 2 == 0 and run[:half] == run[half:]:
            return [run[:half], run[half:]], run
    return cells, None


def _unglue_rate(cells: list[str]) -> list[str]:
    """``40004000100%``: amounts run into the rate; the rate is the tail of at most 100%."""
    out: list[str] = []
    for cell in cells:
        whole = cell.strip()
        m = _GLUED_RATE.match(whole) if _RATE.match(whole) else None
        if m and Decimal(whole.rstrip("%").strip()) > 100:
            out += [m[1], m[2]]
        else:
            out.append(cell)
    return out


_ORDER = ("initial", "budget", "spent", "rate", "points", "score")


def place(cells: tuple[str, ...], header: list[str]) -> tuple[dict[str, Any], str | None]:
    """A money row's figures -> {initial, budget, spent, rate, points, score}; the glued run."""
    placed, glued = _place(cells, header)
    return {k: placed[k] for k in _ORDER if k in placed}, glued


def _place(cells: tuple[str, ...], header: list[str]) -> tuple[dict[str, Any], str | None]:
    kept = _unglue_rate([c for c in cells if not _EMPTY.match(c)])
    rate_at = next((n for n, c in enumerate(kept) if _RATE.match(c)), None)
    before = kept if rate_at is None else kept[:rate_at]
    after = [] if rate_at is None else kept[rate_at + 1 :]
    out: dict[str, Any] = {}
    if rate_at is not None:
        out["rate"] = kept[rate_at]
    if rate_at is not None and before and _number(before[-1]) == _number(kept[rate_at][:-1]):
        before = before[:-1]  # 100 | 100%: the rate printed twice, as a number and a percentage
    amount_roles = [r for r in header if r in _AMOUNT_ROLES] or ["budget", "spent"]
    order = header.index("rate") if "rate" in header else len(header)
    if "points" in header[:order] and len(before) >= 2:
        last, previous = _number(before[-1]), _number(before[-2])
        if (
            last is not None
            and last == last.to_integral()
            and 0 <= last <= 100
            and last != previous
        ):
            out["points"] = last
            before = before[:-1]
    glued = None
    if len(amount_roles) >= 2:
        before, glued = _twice(before)
    amounts = [n for n in (_number(c) for c in before) if n is not None][-3:]
    roles = {1: ["budget"], 2: ["budget", "spent"], 3: ["initial", "budget", "spent"]}
    for role, amount in zip(roles.get(len(amounts), []), amounts, strict=True):
        out[role] = amount
    later = [r for r in header[order + 1 :] if r in ("points", "score") and r not in out]
    for role, cell in zip(later, after, strict=False):
        got = _number(cell)
        if got is not None and 0 <= got <= 1000:
            out[role] = got
    return out, glued


def _unit(money: Money) -> str:
    units = {m for c in money.cells if (m := _AMOUNT.match(c)) and m[2]}
    if any(norm(u[2]) in ("元",) for u in units):
        return "元"
    return "元" if money.unit == "元" else "万元"


def execution(fields: Fields) -> tuple[dict[str, Any] | None, list[tuple[str, str]]]:
    """The 预算执行 block of a self-evaluation, and each glued run split by a guess (where, run)."""
    header = fields.execution_header
    rows = [m for m in fields.money if m.cells]
    if not header or not rows:
        return None, []
    glued: list[tuple[str, str]] = []
    block: dict[str, Any] | None = None
    for money in rows:
        placed, run = place(money.cells, header)
        if run:
            glued.append((money.where, run))
        if block is None:
            block = {"label": money.label, "unit": _unit(money), **placed, "parts": []}
        else:
            block["parts"].append({"label": money.label, **placed})
    if block is not None and not block["parts"]:
        del block["parts"]
    return block, glued


__all__ = ["execution", "place"]
