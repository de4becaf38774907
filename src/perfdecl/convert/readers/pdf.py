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


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    top, bottom = obj.get("top", 0.0), obj.get("bottom", 0.0)
    x0, x1 = obj.get("x0", 0.0), obj.get("x1", 0.0)
    return any(
        top >= b[1] - 1 and bottom <= b[3] + 1 and x0 >= b[0] - 1 and x1 <= b[2] + 1 for b in boxes
    )


def _page(page: Any, number: int, grid: Grid) -> int:
    """A page's tables and the lines outside them, in reading order (top to bottom)."""
    chars = len(page.chars)
    found = page.find_tables()
    boxes = [t.bbox for t in found]
    rest = page.filter(lambda obj: not _inside(obj, boxes))
    placed: list[tuple[float, Line | Table]] = []
    for i, line in enumerate(rest.extract_text_lines(), start=1):
        text = clean(line.get("text", ""))
        if text:
            placed.append((float(line.get("top", 0.0)), Line(text, f"page {number} line {i}")))
    for k, t in enumerate(found, start=1):
        placed.append((float(t.bbox[1]), _table(t.extract(), f"page {number} table {k}")))
    placed.sort(key=lambda p: p[0])
    grid.blocks.extend(block for _, block in placed)
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
