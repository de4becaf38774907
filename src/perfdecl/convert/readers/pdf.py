"""PDF -> :class:`~perfdecl.convert.grid.Grid` with pdfplumber.

Each page's ruled tables become tables (a ``None`` cell, covered by a merge, is left out and
extends the span of the cell before it in its row or above it in its column); the text outside the
tables becomes lines. A PDF with no text layer (a scan) is refused: it must go through OCR first.
"""

from __future__ import annotations

import io
from typing import Any

from perfdecl.convert.grid import Cell, Grid, Line, Table, clean

MAX_PAGES = 200


class NoTextLayer(Exception):
    """The PDF has pages but no characters: a scan."""


def _table(rows: list[list[str | None]], name: str) -> Table:
    table = Table(name)
    index: dict[tuple[int, int], int] = {}
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                # covered by a merge: extend the anchor to the left, else the one above
                for key, grow in (((r, c - 1), "col"), ((r - 1, c), "row")):
                    k = index.get(key)
                    if k is None:
                        continue
                    old = table.cells[k]
                    if grow == "col" and old.row == r:
                        table.cells[k] = Cell(
                            old.text, old.row, old.col, old.rowspan, old.colspan + 1, old.where
                        )
                    elif grow == "row" and old.col == c:
                        table.cells[k] = Cell(
                            old.text, old.row, old.col, old.rowspan + 1, old.colspan, old.where
                        )
                    else:
                        continue
                    index[(r, c)] = k
                    break
                continue
            table.cells.append(Cell(clean(value), r, c, where=f"{name} row {r + 1} col {c + 1}"))
            index[(r, c)] = len(table.cells) - 1
    return table


def _page(page: Any, number: int, grid: Grid) -> int:
    chars = len(page.chars)
    found = page.find_tables()
    rest = page
    for t in found:
        x0, top, x1, bottom = t.bbox
        try:
            rest = rest.outside_bbox((x0, top, x1, bottom))
        except ValueError:
            continue
    text = rest.extract_text() or ""
    for i, line in enumerate(text.splitlines(), start=1):
        if clean(line):
            grid.blocks.append(Line(clean(line), f"page {number} line {i}"))
    for k, t in enumerate(found, start=1):
        grid.blocks.append(_table(t.extract(), f"page {number} table {k}"))
    return chars


def read_pdf(raw: bytes, file: str) -> Grid:
    import pdfplumber

    grid = Grid(file, "pdf")
    chars = 0
    with pdfplumber.open(io.BytesIO(raw)) as pdf:
        pages = pdf.pages[:MAX_PAGES]
        for number, page in enumerate(pages, start=1):
            chars += _page(page, number, grid)
        if pages and chars == 0:
            raise NoTextLayer
    return grid


__all__ = ["NoTextLayer", "read_pdf"]
