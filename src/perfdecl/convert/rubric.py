"""A department-wide self-evaluation rubric (部门整体支出绩效评价自评表 / 评分表) -> its rows.

Such a table scores the unit against a fixed list of indicators: 序号 | 一级 (分) | 二级 (分) |
三级 | 指标分值 | 指标解释 | 评价要点 | 指标说明及评分标准 | 自评得分 | 扣分原因, in some order and
subset (:data:`perfdecl.convert.layouts.RUBRIC_COLUMNS`, then the indicator ``COLUMNS``). Its rows
carry points, the scoring rule and the score, not targets, so the indicator-table reader (which
looks for a 指标值) cannot place them. Read here:

* a ruled table (spreadsheet, Word, HTML, PDF) by column: a 一级/二级 printed once in a merged
  cell holds until the next one;
* a text table (pipe lines whose line breaks are not the form's rows) as one stream of cells,
  placed by shape against the header: an optional 序号; the text cells up to the first figure are
  the levels and the 三级 name (the last text columns before the first figure column take the
  last cells, earlier cells are 二级, then 一级 over 二级); then each column in turn, a figure
  column taking a figure (``3``, ``2.5``, ``3分``) and a text column a text, a column whose cell
  is missing (a cut page, an unscored row) being skipped when the next cell fits a later one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from perfdecl.convert import layouts as L
from perfdecl.convert.grid import Cell, Grid, Table, norm
from perfdecl.convert.table import Item, Parsed, column_role
from perfdecl.convert.tokens import Row

_FIGURE = re.compile(r"^[0-9]+(?:\.[0-9]+)?\s*分?$")
_SEQ = re.compile(r"^[0-9]{1,3}$")
_LEVELS = ("l1", "l2")
_FIGURES = frozenset({"points", "score", "weight", "seq"})
MAX_CELLS = 50_000
"""Cells of one table read at most (a real rubric has a few hundred)."""
HEADER_ROWS = 40
HEADER_CELLS = 2_000
"""The header is looked for in a table's first rows and cells only (a title and the 单位 line
may come first): a document without a rubric costs little."""


@cache
def _rubric_table() -> dict[str, str]:
    return {norm(label): role for role, labels in L.RUBRIC_COLUMNS.items() for label in labels}


@cache
def _table_end() -> tuple[str, ...]:
    return tuple(norm(t) for t in L.TABLE_END)


def ends_table(text: str) -> bool:
    """A cell that ends the table (合计, 总分, 评价结论 …: ``TABLE_END``)."""
    return norm(text).startswith(_table_end())


_TOTALS = ("合计", "总分", "总计", "合计得分", "总得分")


def _is_total(text: str) -> bool:
    """The totals row's label: 合计, 总分 (a score such as (100分) may follow)."""
    key = norm(text).rstrip(":")
    return any(key == t or key.startswith(t + "(") for t in _TOTALS)


def rubric_role(text: str) -> str | None:
    """A rubric header cell's role: the rubric's own columns first, then the indicator table's."""
    key = norm(text)
    if not key:
        return None
    return _rubric_table().get(key) or column_role(text)


def is_rubric(roles: list[str]) -> bool:
    """A scoring rubric's header: a 三级 (or 二级) column, a score, a scoring rule or 评价要点,
    and no 指标值 (a table with targets is read as a self-evaluation's indicator table)."""
    have = set(roles)
    return (
        bool(have & {"l3", "l2"})
        and "score" in have
        and bool(have & {"scoring", "criteria"})
        and not have & {"value", "actual"}
    )


@dataclass(slots=True)
class Rubric:
    """What was read: the header's roles and texts, the rows, where the cells came from."""

    header: list[str] = field(default_factory=list)
    header_text: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    level_cells: list[tuple[str, str, str]] = field(default_factory=list)
    wheres: set[str] = field(default_factory=set)
    totals: dict[str, str] = field(default_factory=dict)  # points, score of the 合计/总分 row

    def parsed(self, rows: list[Row]) -> Parsed:
        """The rows as the indicator reader gives them; the grid rows it used are placed."""
        placed = {n for n, r in enumerate(rows) if any(t.where in self.wheres for t in r.toks)}
        return Parsed(
            header=list(self.header),
            header_text=list(self.header_text),
            items=self.items,
            level_cells=self.level_cells,
            placed=placed,
            found=True,
        )


def read_rubric(grid: Grid) -> Rubric | None:
    """The first rubric table of a document, or None when it has none."""
    for table in grid.tables:
        got = _read(table)
        if got is not None and got.items:
            return got
    return None


def _read(table: Table) -> Rubric | None:
    cells = [c for c in table.cells[:MAX_CELLS] if c.text]
    cells.sort(key=lambda c: (c.row, c.col))
    top = (k for k, c in enumerate(cells[:HEADER_CELLS]) if c.row < HEADER_ROWS)
    start = next((k for k in top if rubric_role(cells[k].text) in _HEAD_START), None)
    if start is None:
        return None
    roles = _header(cells, start)
    end = start + len(roles)
    head = cells[start:end]
    out = Rubric(header=roles, header_text=[c.text for c in head])
    if not is_rubric(out.header):
        return None
    out.wheres |= {c.where for c in head}
    if table.ruled:
        last_row = max(c.row for c in head)
        body = [c for c in cells[end:] if c.row > last_row]
        _by_column(out, head, body)
    else:
        _by_shape(out, cells[end:])
    return out


_HEAD_START = frozenset({"seq", "l1", "l2", "l3"})
_OTHER_HEAD = re.compile(r"^[\u4e00-\u9fff()/、及和与]{2,12}$")


def _header(cells: list[Cell], start: int) -> list[str]:
    """The header's roles from ``start``: known headers, and an unknown one (考评方法) between
    known ones as a text column of its own (``other``, not imported) so the columns after it
    keep their places."""
    roles: list[str] = []
    k = start
    while k < len(cells):
        role = rubric_role(cells[k].text)
        if role is None:
            later = cells[k + 1 : k + 3]
            known = any(rubric_role(c.text) is not None for c in later)
            if not (known and _OTHER_HEAD.match(norm(cells[k].text))):
                break
            role = "other"
        roles.append(role)
        k += 1
    while roles and roles[-1] == "other":
        roles.pop()
    return roles


def _finest(roles: list[str]) -> list[str]:
    """With no 三级 column, the 二级 names the rows (一级 | 二级 | 评价要点 | 分值 …)."""
    if "l3" in roles:
        return roles
    return ["l3" if r == "l2" else r for r in roles]


def _figure(text: str) -> str:
    """``3分`` -> ``3``: a figure cell as a number."""
    return text.strip().removesuffix("分").strip()


def _by_column(out: Rubric, head: list[Cell], body: list[Cell]) -> None:
    """A ruled table: each cell under the header cell of its column."""
    roles = dict(zip((c.col for c in head), _finest(out.header), strict=True))
    levels: dict[str, str | None] = {"l1": None, "l2": None}
    rows: dict[int, list[Cell]] = {}
    for cell in body:
        rows.setdefault(cell.row, []).append(cell)
    for row in (rows[k] for k in sorted(rows)):
        if ends_table(row[0].text) and not any(roles.get(c.col) == "l3" for c in row[1:]):
            if _is_total(row[0].text):
                for cell in row[1:]:
                    role = roles.get(cell.col)
                    if role in ("points", "score") and _FIGURE.match(cell.text):
                        out.totals.setdefault(role, _figure(cell.text))
                        out.wheres.add(cell.where)
                out.wheres.add(row[0].where)
            return
        name: Cell | None = None
        values: list[tuple[str, str, str]] = []
        for cell in row:
            role = roles.get(cell.col)
            if role in _LEVELS:
                levels[role] = cell.text
                if role == "l1":
                    levels["l2"] = None
                out.level_cells.append((role, cell.text, cell.where))
            elif role == "l3":
                name = cell
            elif role and role != "seq":
                text = _figure(cell.text) if role in _FIGURES else cell.text
                values.append((role, text, cell.where))
        out.wheres |= {c.where for c in row}
        if name is not None:
            out.items.append(Item(levels["l1"], levels["l2"], name.text, name.where, values))


class _Stream:
    """A text table's cells placed by shape against the header (see the module docstring)."""

    def __init__(self, out: Rubric) -> None:
        self.out = out
        roles = [r for r in _finest(out.header) if r != "seq"]
        first = next((k for k, r in enumerate(roles) if r in _FIGURES), len(roles))
        self.lead = [r for r in roles[:first] if r not in _LEVELS]  # l3 and text before a figure
        self.has_l2 = "l2" in roles
        self.rest = roles[first:]  # the columns from the first figure on
        self.seq = "seq" in out.header
        self.l1: str | None = None
        self.l2: str | None = None
        self.last_seq = 0

    def read(self, cells: list[Cell]) -> None:
        k = 0
        while k < len(cells):
            if ends_table(cells[k].text):
                self._total(cells, k)
                return
            k = self._row(cells, k)

    def _total(self, cells: list[Cell], k: int) -> None:
        """合计 | 100 | 95: two figures are the points and the score (one alone cannot be told)."""
        if not _is_total(cells[k].text):
            return
        figures = []
        for cell in cells[k + 1 : k + 4]:
            if not _FIGURE.match(cell.text):
                break
            figures.append(cell)
        if len(figures) == 2 and {"points", "score"} <= set(self.rest):
            self.out.totals = {
                "points": _figure(figures[0].text),
                "score": _figure(figures[1].text),
            }
            self.out.wheres |= {c.where for c in (cells[k], *figures)}

    def _row(self, cells: list[Cell], k: int) -> int:
        """One row from cell ``k``; the index of the next row's first cell."""
        if self.seq and _SEQ.match(cells[k].text):
            self.last_seq = int(cells[k].text)
            self.out.wheres.add(cells[k].where)
            k += 1
        run: list[Cell] = []
        while k < len(cells) and not _FIGURE.match(cells[k].text) and not ends_table(cells[k].text):
            run.append(cells[k])
            k += 1
        if not run:
            return k + 1 if k < len(cells) and not ends_table(cells[k].text) else len(cells)
        item = self._levels_and_name(run)
        k = self._columns(cells, k, item)
        self.out.items.append(item)
        return k

    def _levels_and_name(self, run: list[Cell]) -> Item:
        lead = self.lead or ["l3"]
        tail = run[-len(lead) :] if len(run) >= len(lead) else run
        levels = run[: len(run) - len(tail)]
        if len(levels) >= 2 and self.has_l2:
            self._level("l1", levels[-2])
            self._level("l2", levels[-1])
        elif levels and self.has_l2 and self.l1 is not None:
            self._level("l2", levels[-1])
        elif levels:
            self._level("l1", levels[-1])
        placed = list(zip(lead, tail, strict=False))
        name = next((c for role, c in placed if role == "l3"), tail[0])
        values = [(role, c.text, c.where) for role, c in placed if c is not name]
        self.out.wheres |= {c.where for c in run}
        return Item(self.l1, self.l2, name.text, name.where, values)

    def _level(self, role: str, cell: Cell) -> None:
        """A 一级 (which closes its 二级) or a 二级 cell, printed once for the rows below it."""
        if role == "l1":
            self.l1, self.l2 = cell.text, None
        else:
            self.l2 = cell.text
        self.out.level_cells.append((role, cell.text, cell.where))

    def _columns(self, cells: list[Cell], k: int, item: Item) -> int:
        """Fill the columns from the first figure on; the index after the row's last cell."""
        col = 0
        while k < len(cells) and col < len(self.rest):
            cell, role = cells[k], self.rest[col]
            figure = bool(_FIGURE.match(cell.text))
            if role in _FIGURES and not figure:
                col += 1  # a figure column left blank: the text belongs further on
                continue
            if role not in _FIGURES and figure:
                later = [r for r in self.rest[col:] if r in _FIGURES]
                if not later:
                    break  # a figure after the last figure column: the next row's
                col = self.rest.index(later[0], col)
                continue
            if role == "score" and self._starts_row(cells, k):
                break
            text = _figure(cell.text) if figure else cell.text
            item.values.append((role, text, cell.where))
            self.out.wheres.add(cell.where)
            k += 1
            col += 1
        return k

    def _starts_row(self, cells: list[Cell], k: int) -> bool:
        """A figure where a score may stand is the next row's 序号 when the row is unscored:
        the next number in sequence, followed by a text (a score is followed by the 序号)."""
        if not self.seq or not _SEQ.match(cells[k].text) or int(cells[k].text) != self.last_seq + 1:
            return False
        following = cells[k + 1].text if k + 1 < len(cells) else ""
        return bool(following) and not _FIGURE.match(following)


def _by_shape(out: Rubric, cells: list[Cell]) -> None:
    _Stream(out).read(cells)


__all__ = [
    "HEADER_CELLS",
    "HEADER_ROWS",
    "MAX_CELLS",
    "Rubric",
    "is_rubric",
    "read_rubric",
    "rubric_role",
]
