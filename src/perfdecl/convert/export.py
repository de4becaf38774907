"""Declarations -> flat tables for analysts (pandas, spreadsheets).

Two tables:

* indicator rows: one row per structured target; an indicator without structured targets gets
  one row with the target columns empty, so every published indicator is counted;
* funds rows: one row per declaration (unit and year) with the four amounts.

Values stay exact: Decimals are written as their fixed-point text, never through float. CSV is
UTF-8 with a byte-order mark so that Excel opens Chinese correctly; JSON Lines is UTF-8 without
one, and keeps ``value`` and amounts as strings for the same exactness. The columns are documented
in docs/import.md and listed in :data:`ROW_COLUMNS` / :data:`FUNDS_COLUMNS`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from perfdecl.escape import safe
from perfdecl.model import Declaration
from perfdecl.model.rows import indicator_rows

ROW_COLUMNS: tuple[str, ...] = (
    "file",
    "unit",
    "year",
    "framework",
    "kind",
    "level1",
    "level1_canonical",
    "level2",
    "level2_canonical",
    "indicator_id",
    "text",
    "target_name",
    "comparison",
    "value",
    "target_unit",
    "deadline",
)
"""Columns of the indicator table, in order."""

FUNDS_COLUMNS: tuple[str, ...] = ("file", "unit", "year", "total", "basic", "project", "other")
"""Columns of the funds table, in order."""

Row = dict[str, Any]


def _number(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return format(value, "f") if value.is_finite() else str(value)


def indicator_table(decl: Declaration, file: str) -> Iterator[Row]:
    """Rows of one declaration, in table order."""
    base = {
        "file": file,
        "unit": decl.unit,
        "year": decl.year,
        "framework": decl.framework.value,
        "kind": decl.kind.value,
    }
    for row in indicator_rows(decl):
        common = {
            **base,
            "level1": row.group_row.parent.level1.name,
            "level1_canonical": row.level1,
            "level2": row.group_row.group.name,
            "level2_canonical": row.level2,
            "indicator_id": row.item.id,
            "text": row.item.text,
        }
        empty = {
            "target_name": None,
            "comparison": None,
            "value": None,
            "target_unit": None,
            "deadline": None,
        }
        if not row.item.targets:
            yield {**common, **empty}
            continue
        for t in row.item.targets:
            value = t.value
            yield {
                **common,
                "target_name": t.name,
                "comparison": t.comparison.value,
                "value": _number(value) if isinstance(value, Decimal) else value,
                "target_unit": t.unit,
                "deadline": t.deadline.isoformat() if t.deadline else None,
            }


def funds_row(decl: Declaration, file: str) -> Row:
    funds = decl.funds
    return {
        "file": file,
        "unit": decl.unit,
        "year": decl.year,
        "total": _number(funds.total) if funds else None,
        "basic": _number(funds.basic) if funds else None,
        "project": _number(funds.project) if funds else None,
        "other": _number(funds.other) if funds else None,
    }


def _cell(value: object) -> str:
    """A CSV cell as a spreadsheet opens it: text that would run as a formula is defused."""
    if value is None:
        return ""
    return safe(str(value), "csv")


def to_csv(rows: Iterable[Row], columns: tuple[str, ...]) -> str:
    """CSV text (the caller writes it as UTF-8 with BOM); missing values are empty cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return buffer.getvalue()


def to_jsonl(rows: Iterable[Row], columns: tuple[str, ...]) -> str:
    """JSON Lines text; missing values are null, numbers kept as strings except the year."""
    return "".join(
        json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n" for row in rows
    )


ENCODINGS = {"csv": "utf-8-sig", "jsonl": "utf-8"}
"""How each format is encoded when written to a file or standard output."""


def render(rows: Iterable[Row], columns: tuple[str, ...], fmt: str) -> str:
    return to_csv(rows, columns) if fmt == "csv" else to_jsonl(rows, columns)


__all__ = [
    "ENCODINGS",
    "FUNDS_COLUMNS",
    "ROW_COLUMNS",
    "funds_row",
    "indicator_table",
    "render",
    "to_csv",
    "to_jsonl",
]
