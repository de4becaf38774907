"""HTML page -> :class:`~perfdecl.convert.grid.Grid` with the standard library's parser.

Every ``<table>`` becomes a table (rowspan/colspan kept; a table nested in a cell becomes a table
of its own), text outside tables becomes lines split at block elements and ``<br>``. Page
furniture is ignored: ``<head>``, scripts, styles, navigation, headers, footers, forms.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from perfdecl.convert.grid import Grid, Line, TableBuilder, clean

_SKIP = frozenset(
    {
        "head",
        "script",
        "style",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "noscript",
        "select",
        "button",
        "template",
        "svg",
        "iframe",
    }
)
_BLOCK = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "hr",
        "caption",
        "center",
    }
)
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "col", "area", "base", "wbr"})
_WS = re.compile(r"[ \t\r\n\f]+")
MAX_DEPTH = 200


def _span(value: str | None) -> int:
    if value is None:
        return 1
    digits = re.match(r"\s*([0-9]{1,4})", value)
    return int(digits[1]) if digits else 1


class _Parser(HTMLParser):
    def __init__(self, grid: Grid) -> None:
        super().__init__(convert_charrefs=True)
        self.grid = grid
        self.skip = 0
        self.tables: list[TableBuilder] = []
        self.cell: list[str] | None = None
        self.cell_spans = (1, 1)
        self.cell_stack: list[tuple[list[str] | None, tuple[int, int]]] = []
        self.text: list[str] = []
        self.count = 0

    # -- free text --
    def flush_text(self) -> None:
        joined = clean(_WS.sub(" ", "".join(self.text)))
        self.text.clear()
        if joined:
            self.grid.blocks.append(Line(joined, f"text {len(self.grid.blocks) + 1}"))

    def flush_cell(self) -> None:
        if self.cell is not None and self.tables:
            text = clean(_WS.sub(" ", "".join(self.cell)))
            self.tables[-1].add(text, *self.cell_spans)
        self.cell = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP and tag not in _VOID:
            self.skip += 1
            return
        if self.skip:
            return
        if tag == "table":
            if len(self.tables) >= MAX_DEPTH:
                return
            if self.tables:
                self.cell_stack.append((self.cell, self.cell_spans))
                self.cell = None
            else:
                self.flush_text()
            self.count += 1
            self.tables.append(TableBuilder(f"table {self.count}", f"table {self.count}"))
        elif tag == "tr" and self.tables:
            self.flush_cell()
            self.tables[-1].new_row()
        elif tag in ("td", "th") and self.tables:
            self.flush_cell()
            attr = dict(attrs)
            self.cell = []
            self.cell_spans = (_span(attr.get("rowspan")), _span(attr.get("colspan")))
        elif tag in _BLOCK:
            if self.cell is not None:
                self.cell.append("\n" if tag == "br" else " ")
            elif not self.tables:
                self.flush_text()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and tag not in _VOID:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag == "table" and self.tables:
            self.flush_cell()
            builder = self.tables.pop()
            self.grid.blocks.append(builder.table)
            if self.cell_stack:
                self.cell, self.cell_spans = self.cell_stack.pop()
        elif tag in ("td", "th"):
            self.flush_cell()
        elif tag in _BLOCK and not self.tables:
            self.flush_text()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif not self.tables:
            self.text.append(data)


def read_html(text: str, file: str) -> Grid:
    grid = Grid(file, "html")
    parser = _Parser(grid)
    parser.feed(text)
    parser.close()
    parser.flush_cell()
    while parser.tables:
        grid.blocks.append(parser.tables.pop().table)
    parser.flush_text()
    return grid


__all__ = ["read_html"]
