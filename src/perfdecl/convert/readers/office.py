"""Spreadsheets and Word documents -> :class:`~perfdecl.convert.grid.Grid`.

* xlsx: openpyxl, every sheet, merged ranges kept as spans, numbers written as the cell shows
  them when the format is a percentage (0.95 with ``0%`` -> ``95%``);
* legacy xls (and ods): python-calamine, every sheet, merged ranges when the file records them;
* docx: python-docx, paragraphs and tables in body order; horizontal merges (``gridSpan``) and
  vertical merges (``vMerge``) become spans.

The libraries are imported here only, so that ``perfdecl validate`` does not load them.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from perfdecl.convert.grid import Cell, Grid, Line, Table, TableBuilder, clean

MAX_CELLS = 200_000
"""Cells read from one workbook; a declaration has a few hundred."""


def _number_text(value: float | int, fmt: str) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if "%" in fmt:
        shown = Decimal(repr(value)) * 100
        return f"{shown.normalize():f}%"
    if isinstance(value, int):
        return str(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _value_text(value: Any, fmt: str = "General") -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return _number_text(value, fmt)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return clean(str(value))


def read_xlsx(raw: bytes, file: str) -> Grid:
    from openpyxl import load_workbook

    grid = Grid(file, "xlsx")
    book = load_workbook(io.BytesIO(raw), data_only=True)
    budget = MAX_CELLS
    for sheet in book.worksheets:
        table = Table(f"sheet {sheet.title}")
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        covered: set[tuple[int, int]] = set()
        for rng in sheet.merged_cells.ranges:
            spans[(rng.min_row, rng.min_col)] = (
                rng.max_row - rng.min_row + 1,
                rng.max_col - rng.min_col + 1,
            )
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if (r, c) != (rng.min_row, rng.min_col):
                        covered.add((r, c))
        for row in sheet.iter_rows():
            for cell in row:
                budget -= 1
                if budget < 0:
                    break
                r, c = cell.row, cell.column
                if (r, c) in covered or not isinstance(r, int) or not isinstance(c, int):
                    continue
                text = _value_text(cell.value, cell.number_format or "General")
                rowspan, colspan = spans.get((r, c), (1, 1))
                if text or (r, c) in spans:
                    where = f"{sheet.title}!{cell.coordinate}"
                    table.cells.append(Cell(text, r - 1, c - 1, rowspan, colspan, where))
        if table.cells:
            grid.blocks.append(table)
    return grid


_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _check_cfb(raw: bytes) -> None:
    """An OLE compound file (.xls) whose header points past its end is cut short: refused here,
    before the library reads past it (and panics, printing a Rust backtrace)."""
    if len(raw) < 512:
        raise SpreadsheetPanic("the file is shorter than its header")
    shift = int.from_bytes(raw[0x1E:0x20], "little")
    if not 7 <= shift <= 16:
        raise SpreadsheetPanic("the sector size is not valid")
    size = 1 << shift
    sectors = [int.from_bytes(raw[0x30:0x34], "little")]  # the first directory sector
    sectors += [
        int.from_bytes(raw[0x4C + 4 * n : 0x50 + 4 * n], "little") for n in range(109)
    ]  # the FAT sectors the header lists
    for sector in sectors:
        if sector >= 0xFFFFFFFA:  # free / end of chain / special
            continue
        if (sector + 2) * size > len(raw):
            raise SpreadsheetPanic("the file is cut short: a sector lies past its end")


class SpreadsheetPanic(ValueError):
    """The spreadsheet library's Rust code panicked on a damaged file (a truncated .xls)."""


def read_calamine(raw: bytes, file: str, kind: str) -> Grid:
    """A legacy .xls / .ods workbook. python-calamine reports a panic of its Rust code as
    ``pyo3_runtime.PanicException``, a BaseException that ``except Exception`` lets through: it is
    turned into an error the caller reports (PD409)."""
    if raw[:8] == _CFB_MAGIC:
        _check_cfb(raw)
    try:
        return _read_calamine(raw, file, kind)
    except BaseException as exc:
        if type(exc).__name__ == "PanicException":
            raise SpreadsheetPanic(str(exc)[:200]) from None
        raise


def _read_calamine(raw: bytes, file: str, kind: str) -> Grid:
    from python_calamine import CalamineWorkbook

    grid = Grid(file, kind)
    book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
    budget = MAX_CELLS
    for name in book.sheet_names:
        sheet = book.get_sheet_by_name(name)
        table = Table(f"sheet {name}")
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        covered: set[tuple[int, int]] = set()
        for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []:
            spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
            covered.update(
                (r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (r, c) != (r0, c0)
            )
        start = sheet.start or (0, 0)
        for i, row in enumerate(sheet.to_python(skip_empty_area=False)):
            for j, value in enumerate(row):
                budget -= 1
                if budget < 0:
                    break
                r, c = i + start[0], j + start[1]
                if (r, c) in covered:
                    continue
                text = _value_text(value if value != "" else None)
                if text or (r, c) in spans:
                    rowspan, colspan = spans.get((r, c), (1, 1))
                    where = f"{name} row {r + 1} col {c + 1}"
                    table.cells.append(Cell(text, r, c, rowspan, colspan, where))
        if table.cells:
            grid.blocks.append(table)
    return grid


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _tc_text(tc: Any) -> str:
    paragraphs = []
    for p in tc.iter(f"{_W}p"):
        paragraphs.append("".join(t.text or "" for t in p.iter(f"{_W}t")))
    return clean("\n".join(paragraphs))


def _docx_table(tbl: Any, index: int) -> Table:
    """A ``w:tbl`` element with gridSpan and vMerge resolved into spans."""
    builder = TableBuilder(f"table {index}", f"table {index}")
    table = builder.table
    anchors: dict[int, int] = {}  # column -> index in table.cells of the open vertical merge
    for r, tr in enumerate(tbl.iterchildren(f"{_W}tr")):
        col = 0
        for tc in tr.iterchildren(f"{_W}tc"):
            pr = tc.find(f"{_W}tcPr")
            span = 1
            merge: str | None = None
            if pr is not None:
                gs = pr.find(f"{_W}gridSpan")
                if gs is not None:
                    try:
                        span = max(1, min(int(gs.get(f"{_W}val") or 1), 1000))
                    except ValueError:
                        span = 1
                vm = pr.find(f"{_W}vMerge")
                if vm is not None:
                    merge = vm.get(f"{_W}val") or "continue"
            if merge == "continue" and col in anchors:
                k = anchors[col]
                old = table.cells[k]
                table.cells[k] = Cell(
                    old.text, old.row, old.col, old.rowspan + 1, old.colspan, old.where
                )
            else:
                where = f"table {index} row {r + 1} col {col + 1}"
                table.cells.append(Cell(_tc_text(tc), r, col, 1, span, where))
                if merge == "restart":
                    anchors[col] = len(table.cells) - 1
                else:
                    anchors.pop(col, None)
            col += span
    return table


def read_docx(raw: bytes, file: str) -> Grid:
    from docx import Document

    grid = Grid(file, "docx")
    document = Document(io.BytesIO(raw))
    body = document.element.body
    tables = 0
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            text = clean("".join(t.text or "" for t in child.iter(f"{_W}t")))
            if text:
                grid.blocks.append(Line(text, f"paragraph {len(grid.blocks) + 1}"))
        elif child.tag == f"{_W}tbl":
            tables += 1
            grid.blocks.append(_docx_table(child, tables))
    return grid


__all__ = ["read_calamine", "read_docx", "read_xlsx"]
