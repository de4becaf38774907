"""The one intermediate form every reader produces: tables of cells, and free text around them.

A reader (:mod:`perfdecl.convert.readers`) turns a published file into a :class:`Grid`:

* :class:`Table`: cells with their verbatim text, row and column, and spans (merged cells). A
  spreadsheet, a Word table, an HTML ``<table>``, a PDF table or a pipe-delimited text block each
  become one table; a cell hidden under a merge is not repeated, its anchor carries the span.
* free text: :class:`Line` for every paragraph or text line outside a table, in document order
  with the tables (``Grid.blocks``).

Each cell and line keeps where it came from (``where``: a line number for text, ``Sheet1!B3`` for a
spreadsheet, ``table 2 row 3`` for Word/HTML/PDF) so that every problem can point at it.

:func:`norm` is the normalisation used to *recognise* labels (NFKC, traditional -> simplified for
common characters, no spaces, one form of punctuation and comparison signs); values are never
normalised, they are kept as printed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from perfdecl.convert.t2s import T2S

_SPACES = re.compile(r"[\s\u00a0\u3000\u200b\u200c\u200d\u2060\ufeff]+")
_PUNCT = str.maketrans(
    {
        "≧": "≥",
        "≦": "≤",
        "═": "=",
        "＝": "=",
        "【": "[",
        "】": "]",
        "〔": "[",
        "〕": "]",
        "、": "、",
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "—": "-",
        "–": "-",
        "－": "-",
    }
)


GLOSS = re.compile(r"\([a-zü\u00e0-\u00fc\u0101-\u01dc]{2,6}\)")
"""A pinyin gloss a mirror site prints after a character: 預(yù)算 is 預算 (dropped for recognition)."""


def norm(text: str) -> str:
    """Recognition form of a label: NFKC, simplified, no whitespace, one punctuation form, no
    pinyin glosses."""
    folded = unicodedata.normalize("NFKC", text).translate(T2S).translate(_PUNCT)
    if "(" in folded:
        folded = GLOSS.sub("", folded)
    return _SPACES.sub("", folded)


_EDGE = " \t\r\n\u00a0\u3000\u200b\u200c\u200d\u2060\ufeff"


def clean(text: str) -> str:
    """A value as printed, with surrounding whitespace (also NBSP and U+3000) removed."""
    return text.strip(_EDGE)


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell: verbatim text (stripped), 0-based position, spans of a merged cell."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    where: str = ""


@dataclass(slots=True)
class Table:
    """A table: its cells (anchors only), a name for messages, and how its rows were found.

    ``ruled`` is True when rows and columns are real (a spreadsheet, a Word/HTML/PDF table, a pipe
    table); False when a text reader only guessed the cells of one line (spaces, tabs), in which
    case columns do not line up and the recogniser reads each row by content.
    """

    name: str
    cells: list[Cell] = field(default_factory=list)
    ruled: bool = True

    @property
    def n_rows(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)

    @property
    def n_cols(self) -> int:
        return max((c.col + c.colspan for c in self.cells), default=0)

    def rows(self) -> list[list[Cell]]:
        """Anchor cells by row, left to right (a row fully covered by merges is empty)."""
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            out[cell.row].append(cell)
        for row in out:
            row.sort(key=lambda c: c.col)
        return out

    def matrix(self) -> list[list[Cell | None]]:
        """Rows x columns with each merged cell's anchor repeated over its span."""
        grid: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    grid[r][c] = cell
        return grid


@dataclass(frozen=True, slots=True)
class Line:
    """A line (or paragraph) of free text outside any table."""

    text: str
    where: str
    number: int | None = None  # 1-based line number in a text input


@dataclass(slots=True)
class Grid:
    """What a reader produced: blocks (tables and free lines) in document order."""

    file: str
    kind: str  # text, html, xlsx, xls, docx, pdf
    blocks: list[Table | Line] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def lines(self) -> list[Line]:
        return [b for b in self.blocks if isinstance(b, Line)]

    def is_empty(self) -> bool:
        return not any(
            (isinstance(b, Line) and b.text.strip()) or (isinstance(b, Table) and b.cells)
            for b in self.blocks
        )


class TableBuilder:
    """Builds a :class:`Table` from rows of (text, rowspan, colspan) as HTML/Word give them.

    Cells covered by a rowspan from above are skipped when placing the next cells of a row, as a
    browser lays out a table.
    """

    def __init__(self, name: str, where_prefix: str) -> None:
        self.table = Table(name)
        self._taken: set[tuple[int, int]] = set()
        self._row = -1
        self._col = 0
        self._prefix = where_prefix

    def new_row(self) -> None:
        self._row += 1
        self._col = 0

    def add(self, text: str, rowspan: int = 1, colspan: int = 1) -> None:
        if self._row < 0:
            self.new_row()
        rowspan = max(1, min(rowspan, 1000))
        colspan = max(1, min(colspan, 1000))
        while (self._row, self._col) in self._taken:
            self._col += 1
        where = f"{self._prefix} row {self._row + 1} col {self._col + 1}"
        self.table.cells.append(Cell(clean(text), self._row, self._col, rowspan, colspan, where))
        for r in range(self._row, self._row + rowspan):
            for c in range(self._col, self._col + colspan):
                self._taken.add((r, c))
        self._col += colspan


__all__ = ["GLOSS", "Cell", "Grid", "Line", "Table", "TableBuilder", "clean", "norm"]


def decimal_text(text: str) -> Decimal | None:
    """A printed figure (thousands separators allowed) as an exact Decimal; None when it is not
    a finite number. One reading for every money and figure cell of the import."""
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None
