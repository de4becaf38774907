"""A department's 部门总体资金情况 (layout D3): 收入构成 and 支出构成, with shares and earlier years.

Each row prints a label (``FUNDS_ROWS`` of :mod:`perfdecl.convert.layouts`), its 当年金额, its
占比 and the amounts of the years of 近两年收支金额 (``2021 年 | 2022 年``). A PDF's text often
interleaves these cells with the labels around them, so the table is read word by word: a row
label takes the figures that follow it, up to the first word that is not a figure. Rows are
income until a 基本支出/项目支出 row is met, expenditure after; one 合计 closes each part. The
first amount is the year's, a percentage the share, the amounts after it the earlier years in the
order their headers were printed. A run of figures that follows no label (the extraction
printed them after other words) completes the rows left short just before it, in order, only when
its shape fits them exactly; a label still without a figure is left out, never guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from perfdecl.convert import layouts as L
from perfdecl.convert.grid import decimal_text, norm
from perfdecl.convert.tokens import Row

_AMOUNT = re.compile(r"^([-+]?[0-9][0-9,]*(?:\.[0-9]+)?)(?:万元|万)?$")
_SHARE = re.compile(r"^([0-9]+(?:\.[0-9]+)?)%$")
_YEAR = re.compile(r"^((?:19|20)[0-9]{2})(年(?:度)?)?$")
MAX_WORDS = 200_000
"""A longer document is not searched for a funds table."""


def _amount(text: str) -> Decimal | None:
    m = _AMOUNT.match(text)
    return None if m is None else decimal_text(m[1])


def _years(words: list[str]) -> list[int]:
    """The years of 近两年收支金额 (``2021 年 2022 年``), not a date's (``2022 年 12 月``)."""
    out: list[int] = []
    for n, word in enumerate(words):
        m = _YEAR.match(word)
        if m is None:
            continue
        has_nian = bool(m[2]) or (n + 1 < len(words) and words[n + 1] == "年")
        after = words[n + 2 if not m[2] else n + 1 : n + 4]
        dated = any(w.endswith("月") for w in after[:2])
        if has_nian and not dated and int(m[1]) not in out:
            out.append(int(m[1]))
    return out


def _row(label: str, figures: list[str], years: list[int]) -> dict[str, Any] | None:
    amounts: list[Decimal] = []
    share: Decimal | None = None
    for cell in figures:
        m = _SHARE.match(cell)
        if m and share is None:
            share = Decimal(m[1])
            continue
        got = _amount(cell)
        if got is not None:
            amounts.append(got)
    if not amounts:
        return None
    row: dict[str, Any] = {"label": label, "amount": amounts[0]}
    if share is not None:
        row["share"] = share
    earlier = amounts[1:]
    if years and len(earlier) == len(years):
        row["years"] = dict(zip(years, earlier, strict=True))
    return row


def _is_figure(word: str) -> bool:
    return bool(_SHARE.match(word) or _amount(word) is not None) and not _YEAR.match(word)


def _figures_after(words: list[str], n: int) -> list[str]:
    figures: list[str] = []
    for word in words[n + 1 : n + 12]:
        if not _is_figure(word):
            break
        figures.append(word)
    return figures


def _shape(figures: list[str]) -> list[str]:
    return ["%" if _SHARE.match(w) else "a" for w in figures]


def _fill_interleaved(
    words: list[str],
    keys: list[str],
    labels: set[str],
    entries: list[tuple[int, list[str]]],
    years: list[int],
) -> None:
    """Rows whose figures a PDF's text printed later, after other words (``财政拨款 108292.73
    其他资金 <header words> 88.3% 90147 98577.39 14348.77 11.7% 5819 10597.65 合计 …``): a run of
    figures that follows no label completes the rows left short just before it, in order, only
    when it fits them exactly (each row: amount, 占比 when the table prints one, one amount per
    year); otherwise they stay short (and a row with no figure is left out)."""
    share = any("%" in _shape(f) for _, f in entries)
    full = ["a", *(["%"] if share else []), *(["a"] * len(years))]
    owned = {m for n, f in entries for m in range(n, n + 1 + len(f))}
    m = 0
    while m < len(words):
        if m in owned or not _is_figure(words[m]) or keys[m] in labels:
            m += 1
            continue
        end = m
        while end < len(words) and end not in owned and _is_figure(words[end]):
            end += 1
        run = words[m:end]
        short: list[int] = []
        for k in range(len(entries) - 1, -1, -1):
            n, figures = entries[k]
            if n > m:
                continue
            if len(figures) >= len(full) or _shape(figures) != full[: len(figures)]:
                break
            short.insert(0, k)
        need = [full[len(entries[k][1]) :] for k in short]
        if short and _shape(run) == [c for cells in need for c in cells]:
            at = m
            for k, cells in zip(short, need, strict=True):
                n, figures = entries[k]
                entries[k] = (n, figures + words[at : at + len(cells)])
                at += len(cells)
        m = end


def funds(rows: list[Row]) -> dict[str, Any]:
    """``funds`` (total, basic, project, income, expenditure) of a department's form, or {}."""
    words = [w for r in rows for t in r.toks for w in t.text.split()][:MAX_WORDS]
    keys = [norm(w) for w in words]
    marks = {norm(x) for x in L.FUNDS_MARKS}
    if not any(k in marks for k in keys):
        return {}
    income_labels = {norm(x) for x in L.FUNDS_ROWS["income"]}
    spend_labels = {norm(x) for x in L.FUNDS_ROWS["expenditure"]}
    total_labels = {norm(x) for x in L.FUNDS_ROWS["total"]}
    years = _years(words)
    labels = income_labels | spend_labels | total_labels
    entries: list[tuple[int, list[str]]] = []  # (word index of a row label, its figures)
    for n, key in enumerate(keys):
        if key in labels:
            entries.append((n, _figures_after(words, n)))
    _fill_interleaved(words, keys, labels, entries, years)
    parts: dict[str, list[dict[str, Any]]] = {"income": [], "expenditure": []}
    part = "income"
    for n, figures in entries:
        if keys[n] in spend_labels:
            part = "expenditure"
        row = _row(words[n], figures, years)
        if row is None:
            continue
        closed = any(norm(r["label"]) in total_labels for r in parts[part])
        if not closed and not any(r["label"] == row["label"] for r in parts[part]):
            parts[part].append(row)
    out: dict[str, Any] = {}
    for name in ("expenditure", "income"):
        for row in parts[name]:
            key = norm(row["label"])
            if key in total_labels:
                out.setdefault("total", row["amount"])
            elif key == norm("基本支出"):
                out["basic"] = row["amount"]
            elif key == norm("项目支出"):
                out["project"] = row["amount"]
    for name, found in parts.items():
        if found:
            out[name] = found
    ordered = ("total", "basic", "project", "income", "expenditure")
    return {k: out[k] for k in ordered if k in out}


__all__ = ["funds"]
