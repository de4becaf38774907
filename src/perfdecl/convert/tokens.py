"""Grid -> rows of tokens: the cells a recogniser reads, with glued labels split apart.

A ruled table gives its rows as they are (each cell knows its column, a merged cell its span).
A free text line is split into cells at tabs, at runs of two or more spaces, and at the known
labels and column headers of :mod:`perfdecl.convert.layouts` wherever they are glued to their
neighbours (``项目主管部门青山区教育局项目执行单位化工区学校`` -> 项目主管部门 | 青山区教育局 |
项目执行单位 | 化工区学校). Splitting never changes a value's characters: each token is a slice of
the printed text.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from functools import cache

from perfdecl.convert import layouts as L
from perfdecl.convert.grid import GLOSS, Grid, Line, Table, clean, norm


@dataclass(frozen=True, slots=True)
class Tok:
    """One cell: verbatim text, where it came from, and its column when the table is ruled."""

    text: str
    where: str
    col: int | None = None
    rowspan: int = 1
    empty_kept: bool = False
    blank_next: bool = False  # the source row prints an empty cell right after this one

    @property
    def key(self) -> str:
        return norm(self.text)


@dataclass(slots=True)
class Row:
    toks: list[Tok]
    ruled: bool  # columns line up (a spreadsheet/Word/HTML/PDF table)
    stream: bool = False  # one cell per line: cells of one row may span several Rows
    doubt: str | None = None  # a glued row split by a guess (the run as printed, PD414)


_CELL_SPLIT = re.compile(r"\t+|[ \u00a0\u3000]{2,}")


@cache
def _splitters() -> tuple[tuple[str, ...], re.Pattern[str]]:
    """Labels that split glued text, and a pattern finding them in *normalised* text."""
    words: set[str] = set()
    for key, labels in L.FIELD_LABELS.items():
        if key.startswith("eval."):
            continue  # 评价机构 also ends values (第三方评价机构): a report's cover is not glued
        words.update(norm(w) for w in labels if len(norm(w)) >= 4)
    words.update(norm(w) for w in L.MONEY_TOTALS if len(norm(w)) >= 4)
    words.update(norm(w) for w in L.MONEY_SOURCES if len(norm(w)) >= 4)
    unsplit = {norm(w) for w in L.UNSPLIT_COLUMNS}
    for role, labels in L.COLUMNS.items():
        least = 4 if role in L.OUTCOME_ROLES else 3
        words.update(norm(w) for w in labels if len(norm(w)) >= least and norm(w) not in unsplit)
    for labels in L.EXECUTION_COLUMNS.values():
        words.update(norm(w) for w in labels if len(norm(w)) >= 5)
    words.update(norm(w) for w in L.SECTION_LABELS if len(norm(w)) >= 6)
    ordered = tuple(sorted(words, key=len, reverse=True))
    return ordered, re.compile("|".join(re.escape(w) for w in ordered))


@cache
def _loose_money() -> frozenset[str]:
    """Money labels that are also ordinary words: split off mid-cell only after an amount."""
    return frozenset(
        norm(w) for w in L.MONEY_SOURCES if not norm(w).startswith(("其中", "(", "1", "2", "3"))
    )


def _norm_map(text: str) -> tuple[str, list[int]]:
    """norm(text) and, for each normalised character, the index of its source character."""
    out: list[str] = []
    index: list[int] = []
    glossed = {i for m in GLOSS.finditer(text) for i in range(m.start(), m.end())}
    for i, ch in enumerate(text):
        if i in glossed:
            continue  # 預(yù)算: the gloss is not part of the label
        n = norm(ch)
        out.append(n)
        index.extend([i] * len(n))
    return "".join(out), index


def _ending_kept(normalised: str, prev: tuple[str, int] | None, word: str, start: int) -> int:
    """How many characters of the label found at ``start`` belong to the value before it.

    ``项目名称某改造项目主管部门某局``: 项目主管部门 and 主管部门 are both labels; the value of
    项目名称 ends naturally in 项目 (``NAME_ENDINGS``), so the value keeps it and the label is
    the shorter one, still whole. A value that already ends so (``某改造项目项目主管部门``) keeps
    the longer label.
    """
    if prev is None:
        return 0
    words = frozenset(_splitters()[0])
    value = normalised[prev[1] : start]
    for ending in L.NAME_ENDINGS.get(prev[0].rstrip(":"), ()):
        rest = word[len(ending) :]
        if word.startswith(ending) and rest in words and value and not value.endswith(ending):
            return len(ending)
    return 0


def split_glued(text: str) -> list[str]:
    """Split a cell at every known label glued into it (slices of the original text)."""
    if len(text) > 4000:
        return [text]
    normalised, index = _norm_map(text)
    if any(pattern.match(normalised) for pattern, _role in L.COLUMN_PATTERNS):
        return [text]  # 二级指标(长期): a header with its tag is one cell
    _words, pattern = _splitters()
    loose = _loose_money()
    cuts: set[int] = set()
    prev: tuple[str, int] | None = None  # the label cut before, where its value starts
    for m in pattern.finditer(normalised):
        before = normalised[: m.start()]
        if m.group(0) in loose and before and not re.search(r"[0-9元万]$", before):
            continue  # 补助地方资金 is a name; 37万元其他资金 is two cells glued
        after = normalised[m.end() : m.end() + 1]
        if m.group(0) in loose and not before and re.match(r"[\u4e00-\u9fff]", after):
            continue  # 财政资金补助 is a name (an indicator), not the label 财政资金
        start = m.start() + _ending_kept(normalised, prev, m.group(0), m.start())
        cuts.add(index[start])
        end = m.end()
        if end < len(normalised) and normalised[end] == ":":
            end += 1  # the label keeps its colon, as printed
        cuts.add(index[end] if end < len(index) else len(text))
        prev = (m.group(0), end)
    if not cuts:
        return [text]
    points = sorted(cuts | {0, len(text)})
    parts = [clean(text[a:b]) for a, b in itertools.pairwise(points)]
    return [p for p in parts if p]


@cache
def _label_words() -> frozenset[str]:
    """Header labels that are a cell of their own when printed as a whole word between single
    spaces (``部门名称 填报人 某某局``, ``某某局 项目资金(万元)``): shorter ones than the glued
    splitters need, never the money words that are also ordinary words (财政拨款)."""
    words: set[str] = set()
    for labels in L.FIELD_LABELS.values():
        words.update(norm(w) for w in labels if len(norm(w)) >= 3)
    words.update(norm(w) for w in (*L.MONEY_TOTALS, *L.MONEY_BLOCKS) if len(norm(w)) >= 4)
    return frozenset(words)


_WORD = re.compile(r"\S+")
_UNIT_SUFFIX = re.compile(r"(?:\((?:单位:)?(?:万元|元)\)|:)$")


def split_words(text: str) -> list[str]:
    """Split a cell at the label words it holds between single spaces (slices of the text)."""
    if " " not in text or len(text) > 4000:
        return [text]
    words = _label_words()
    cuts: set[int] = set()
    for m in _WORD.finditer(text):
        key = _UNIT_SUFFIX.sub("", norm(m.group(0)))
        if key in words:
            cuts.update((m.start(), m.end()))
    if not cuts:
        return [text]
    points = sorted(cuts | {0, len(text)})
    return [p for p in (clean(text[a:b]) for a, b in itertools.pairwise(points)) if p]


def line_cells(text: str) -> list[str]:
    """A free line's cells: tabs and wide spaces first, then glued labels, then label words."""
    out: list[str] = []
    for chunk in _CELL_SPLIT.split(text):
        chunk = clean(chunk)
        if chunk:
            out.extend(w for part in split_glued(chunk) for w in split_words(part))
    return out


def rows_of(grid: Grid) -> list[Row]:
    """Every row of the document, in order."""
    rows: list[Row] = []
    for block in grid.blocks:
        if isinstance(block, Line):
            cells = line_cells(block.text)
            rows.append(Row([Tok(c, block.where) for c in cells], ruled=False))
            continue
        assert isinstance(block, Table)
        rows.extend(_table_rows(block))
    return rows


def _table_rows(table: Table) -> list[Row]:
    out: list[Row] = []
    stream = _cell_per_line(table)
    boxes = _empty_boxes(table) if table.ruled else set()
    for cells in table.rows():
        toks: list[Tok] = []
        for c in cells:
            if not c.text:
                if table.ruled or stream:
                    toks.append(Tok("", c.where, c.col, c.rowspan, empty_kept=True))
                elif toks:
                    # 主管部门 | | 实施单位: the empty box is dropped, the label keeps the mark
                    toks[-1] = replace(toks[-1], blank_next=True)
                continue
            parts = [c.text] if table.ruled else split_glued(c.text)
            for part in parts:
                toks.append(Tok(part, c.where, c.col if table.ruled else None, c.rowspan))
            if (c.row, c.col) in boxes:
                toks[-1] = replace(toks[-1], blank_next=True)
        if stream:
            # one cell per line: the printed rows are lost, each cell is read in turn
            out.extend(Row([tok], ruled=False, stream=True) for tok in toks)
        else:
            out.append(Row(toks, ruled=table.ruled))
    return out


def _empty_boxes(table: Table) -> set[tuple[int, int]]:
    """(row, col) of the cells followed in their row by a box with nothing in it: no cell at all
    (a spreadsheet stores no empty cell) or an empty one; a cell merged down from the row above
    is not an empty box."""
    if table.n_rows * table.n_cols > 200_000:
        return set()
    matrix = table.matrix()
    out: set[tuple[int, int]] = set()
    for cell in table.cells:
        after = cell.col + cell.colspan
        if not cell.text or after >= table.n_cols:
            continue
        right = matrix[cell.row][after]
        if right is None or (not right.text and right.row == cell.row):
            out.add((cell.row, cell.col))
    return out


def _cell_per_line(table: Table) -> bool:
    if table.ruled:
        return False
    wheres = {c.where for c in table.cells}
    return len(wheres) >= len(table.cells) * 0.9


__all__ = ["Row", "Tok", "line_cells", "rows_of", "split_glued"]
