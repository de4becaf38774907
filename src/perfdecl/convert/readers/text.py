"""Published text -> :class:`~perfdecl.convert.grid.Grid`.

Text copied out of web pages and PDFs comes in four shapes, often mixed in one file:

* label/value lines and free paragraphs (the seed): each line is a :class:`Line`;
* pipe tables, one row per line (``项目名称 | 主体班 | 项目负责人 | ||||``): a table whose rows
  are the lines, padding pipes dropped;
* one cell per line with a `` |`` marker (``项目名称 |``), rows ended by a line of pipes only
  (``|||||||``) when the source had them: a table of those cells;
* cells separated by tabs or runs of spaces, or glued together (PDF text): left as lines; the
  recogniser splits them at the labels and level names it knows.
"""

from __future__ import annotations

from perfdecl.convert.grid import Cell, Grid, Line, Table, clean

MAX_LINE_CHARS = 20_000
"""A longer line is kept whole as one free line (never split into cells)."""


def _pipe_cells(line: str) -> list[str]:
    parts = [clean(p) for p in line.split("|")]
    while parts and not parts[-1]:
        parts.pop()
    while parts and not parts[0]:
        parts.pop(0)
    return parts


def _is_pipe_line(line: str) -> bool:
    return "|" in line and len(line) <= MAX_LINE_CHARS


def _only_pipes(line: str) -> bool:
    return line.count("|") >= 2 and not line.replace("|", "").strip()


def _pipe_block(block: list[tuple[int, str]], index: int) -> Table:
    """Consecutive pipe lines as one table (rows = lines, or cells = lines)."""
    singles = sum(1 for _, text in block if len(_pipe_cells(text)) <= 1)
    cell_per_line = singles * 2 > len(block)
    table = Table(f"text table {index}", ruled=False)
    row = 0
    col = 0
    for number, text in block:
        if cell_per_line:
            if _only_pipes(text):
                if col:
                    row, col = row + 1, 0
                continue
            cells = _pipe_cells(text) or [""]
            for value in cells:
                table.cells.append(Cell(value, row, col, where=f"line {number}"))
                col += 1
        else:
            cells = _pipe_cells(text)
            if not cells:
                continue
            for col_i, value in enumerate(cells):
                table.cells.append(Cell(value, row, col_i, where=f"line {number}"))
            row += 1
    return table


def read_text(text: str, file: str) -> Grid:
    """Lines and pipe tables, in order; blank lines dropped, line numbers kept (1-based)."""
    grid = Grid(file, "text")
    body = text.replace("\r\n", "\n").replace("\r", "\n")
    pending: list[tuple[int, str]] = []
    tables = 0

    def flush() -> None:
        nonlocal tables
        if pending:
            tables += 1
            grid.blocks.append(_pipe_block(pending, tables))
            pending.clear()

    for number, raw in enumerate(body.split("\n"), start=1):
        stripped = clean(raw)
        if not stripped:
            continue
        if _is_pipe_line(stripped):
            pending.append((number, stripped))
            continue
        flush()
        grid.blocks.append(Line(stripped, f"line {number}", number))
    flush()
    return grid


__all__ = ["read_text"]
