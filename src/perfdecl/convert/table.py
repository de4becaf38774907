"""The indicator table: rows of tokens -> 一级 / 二级 / 三级 rows with their value columns.

One reader for every family. The header row(s) give the columns (``COLUMNS`` in
:mod:`perfdecl.convert.layouts`: 指标值, 指标性质, 度量单位, 权重, 分值, 指标解释, 实际完成值 …).
Then each row is read:

* in a ruled table (spreadsheet, Word, HTML, PDF) by column: a 一级/二级 printed once for its
  group (a merged cell) holds for the rows below it;
* in text, by content: leading cells that are 一级/二级 names (also glued in front of the 三级
  name, ``产出指标数量指标农村…覆盖率100%``) set the levels, the next cell is the 三级 name and the
  cells after it fill the value columns in order; a cell on the next line that looks like a value
  completes a row left without one (one cell per line); a value glued to the end of the name
  (``…覆盖率100%``, ``…>=20平方米``) is split off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from perfdecl.convert import layouts as L
from perfdecl.convert.glued import ROW_END as _ROW_END
from perfdecl.convert.grid import norm
from perfdecl.convert.namelist import is_list, join_wrapped, list_words
from perfdecl.convert.tokens import Row, Tok

_SCORE = re.compile(r"\(?\(?[0-9]+(?:-[0-9]+)?分?\)?分?$")
_SCORE_LEAD = re.compile(r"\s*(?:\(\s*[0-9]+(?:\s*-\s*[0-9]+)?\s*分?\s*\)\s*分?|[0-9]+分)")
_FILLER = re.compile(r"^[…\.。·/\\\-—_\s]+$")
_TWICE = re.compile(r"^([0-9]+(?:\.[0-9]+)?%?)\1$")
_TAG = re.compile(r"\((?:必填|选填)[^)]*\)$|等$")
_COMPARISON_START = re.compile(
    r"^(?:[≥≤<>=≧≦═＞＜＝]|>=|<=|约|不低于|不高于|不少于|不多于|不超过|不大于|不小于|大于|小于|达到|高于|低于)"
)
_DIGIT = re.compile(r"[0-9０-９]")
_TRAILING_VALUE = re.compile(
    r"(?:(?:[≥≤<>=≧≦═＞＜＝]=?|>=|<=|约)\s*[-+]?[0-9][0-9,.]*\S{0,8}"
    r"|(?<![0-9A-Za-z.*])[0-9][0-9,.]*(?:%|‰|[\u4e00-\u9fff/]{1,6}(?:/[\u4e00-\u9fff]{1,3})?)?)$"
)


@cache
def _level_sets() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    l1 = frozenset(norm(n) for n in L.LEVEL1_NAMES)
    l2 = frozenset(norm(n) for n in L.LEVEL2_NAMES)
    prefixes = tuple(sorted((n for n in l1 | l2 if n.endswith("指标")), key=len, reverse=True))
    return l1, l2, prefixes


def level_key(text: str) -> str:
    """A level cell's name without score (``(40分)``, ``(0-20)分``) or tag (``(必填硬性指标)``)."""
    key = norm(text)
    for _ in range(2):
        key = _SCORE.sub("", key)
        key = _TAG.sub("", key)
    return key


def level_of(text: str) -> tuple[bool, bool]:
    """(can be a 一级, can be a 二级)."""
    l1, l2, _ = _level_sets()
    key = level_key(text)
    return key in l1, key in l2


@cache
def _column_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for role, labels in L.COLUMNS.items():
        for label in labels:
            table.setdefault(norm(label), role)
    return table


def column_role(text: str) -> str | None:
    key = norm(text)
    if not key:
        return None
    for pattern, role in L.COLUMN_PATTERNS:
        if pattern.match(key):
            if role == "level-annual":
                return "l2" if key.startswith("二级") else "l3"
            return role
    return _column_table().get(key)


def looks_value(text: str) -> bool:
    """A cell that reads as a 指标值 (a number, a comparison, a known word), not a name."""
    key = norm(text)
    if not key:
        return False
    if _COMPARISON_START.match(key) or key[0].isdigit():
        return True
    if _DIGIT.search(key) and len(key) <= 8:
        return True
    return key in _qualitative()


@cache
def _qualitative() -> frozenset[str]:
    return frozenset(norm(q) for q in L.QUALITATIVE_VALUES)


def ends_table(text: str) -> bool:
    key = norm(text)
    return any(key.startswith(norm(t)) for t in L.TABLE_END)


def _balanced(text: str) -> bool:
    key = norm(text)
    return key.count("(") == key.count(")")


def split_spaced(text: str) -> tuple[str, list[str]] | None:
    """``项目建设成本 ≤65万元 10`` -> (项目建设成本, [≤65万元, 10]): the first value-like chunk
    after a name with balanced brackets starts the values (a placeholder ``≥**个`` is no value)."""
    chunks = text.split()
    for j in range(1, len(chunks)):
        name = " ".join(chunks[:j])
        if looks_value(chunks[j]) and "*" not in chunks[j] and _balanced(name):
            return name, chunks[j:]
    return None


def split_trailing_value(text: str) -> tuple[str, str] | None:
    """``覆盖率100%`` -> (覆盖率, 100%); ``工程 >=20平方米`` -> (工程, >=20平方米)."""
    m = _TRAILING_VALUE.search(text)
    if m and m.start() > 1:
        name, value = text[: m.start()].strip(), m.group(0).strip()
        if name and not name.endswith(("(", "(", "≥", "≤")):
            return name, value
    key = text.strip()
    for q in L.QUALITATIVE_VALUES[:9]:
        if key.endswith(q) and len(key) > len(q) + 2:
            return key[: -len(q)], q
    return None


@dataclass(slots=True)
class Item:
    """One 三级 row as printed."""

    l1: str | None
    l2: str | None
    name: str
    where: str
    values: list[tuple[str, str, str]] = field(default_factory=list)  # (role, text, where)
    split: bool = False  # the value was split off a glued cell
    glued: str | None = None  # a cell split in two by a guess (reported, PD414)
    damaged: tuple[str, ...] = ()  # cells an OCR damaged, read by where they stand (PD414)
    after_level: bool = False  # its row printed its 一级/二级 just before the name
    value_by_row: bool = False  # a word value read by the row's shape (reported, PD414)
    qualitative: bool = False  # a phrase with no figure (prose notices): a qualitative target

    def get(self, role: str) -> str | None:
        for r, text, _ in self.values:
            if r == role and text:
                return text
        return None


@dataclass(slots=True)
class Parsed:
    header: list[str] = field(default_factory=list)  # roles, in order
    header_text: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    level_cells: list[tuple[str, str, str]] = field(default_factory=list)  # (level, text, where)
    placed: set[int] = field(default_factory=set)  # row indexes read into the table
    free_before: dict[int, int] = field(default_factory=dict)  # placed row -> its tokens before
    # this index belong to the form around the table (the header's line carried them)
    found: bool = False
    end_row: int | None = None
    total_points: str | None = None  # the 总分 printed after a scored table
    lists: list[tuple[str, int, int]] = field(default_factory=list)  # a column printed as a
    # list of words: (where, names read, values paired with them; -1: printed but not paired)


def _header_at(rows: list[Row], i: int) -> bool:
    roles = [column_role(t.text) for t in rows[i].toks if t.text]
    levels = {r for r in roles if r in ("l1", "l2", "l3")}
    if len(levels) >= 2:
        return True
    if levels == {"l3"} and "value" in roles and len({r for r in roles if r}) >= 4:
        return True  # a flat table: 指标名称 | 计量单位 | 年初指标值 | 全年完成值 …
    if not levels:
        return False
    # one cell per line: the header runs over the next few rows
    nxt = [column_role(t.text) for r in rows[i : i + 6] for t in r.toks if t.text]
    return len({r for r in nxt if r in ("l1", "l2", "l3")}) >= 2


def _value_roles(header: list[str]) -> list[str]:
    if "l3" not in header:
        return ["value"]
    last_l3 = len(header) - 1 - header[::-1].index("l3")
    first_l1 = header.index("l1") if "l1" in header else last_l3
    after = [r for r in header[last_l3 + 1 :] if r not in ("l1", "l2", "l3", "period")]
    before = [r for r in header[:first_l1] if r not in ("l1", "l2", "l3", "period")]
    if "value" in after and "value" in before:
        before.remove("value")  # 年度指标值 over 指标性质|指标值|度量单位
    roles = after + before
    if roles.count("value") > 1:
        roles.remove("value")  # 指标值 over 2021年实际实现值|预期2022年实现值
    return roles or ["value"]


class TableReader:
    """Reads the first indicator table of a document."""

    def __init__(self, rows: list[Row]) -> None:
        self._texts: dict[int, list[Tok]] = {}
        self.rows = rows
        self.out = Parsed()
        self.l1: str | None = None
        self.l2: str | None = None
        self.cur: Item | None = None
        self.roles: list[str] = []
        self.colmap: dict[int, str] = {}
        self.skip_next = False
        self.row_offset: dict[int, int] = {}  # row -> first data token (rows run on the header)
        self.names: Tok | None = None  # the 三级 column printed as one list of words
        self.level_just_set = False  # the last cell read set a level
        self.values: Tok | None = None  # the 指标值 column printed the same way after it

    # -- levels --
    def set_level(self, text: str, where: str, next_text: str) -> bool:
        can1, can2 = level_of(text)
        if not (can1 or can2):
            return False
        if can1 and can2:
            n1, n2 = level_of(next_text)
            can1 = (n2 and not n1) or (n2 and level_key(next_text) != level_key(text))
            can2 = not can1
        self.close()
        self.level_just_set = True
        if can1:
            orphans = [i for i in self.out.items if i.l1 is None]
            if self.l1 is None and orphans and self.l2 is not None:
                # a 一级 printed on a later row of its merged cell: it heads the rows above
                for item in orphans:
                    item.l1 = text
                self.l1 = text
            elif self.l1 is None or level_key(self.l1) != level_key(text) or self.l2 is None:
                self.l1, self.l2 = text, None
            self.out.level_cells.append(("l1", text, where))
        else:
            self.l2 = text
            self.out.level_cells.append(("l2", text, where))
        return True

    def strip_levels(self, text: str, where: str, next_text: str) -> str:
        """Level names glued in front of a cell are set and removed; the rest is returned."""
        _, _, prefixes = _level_sets()
        rest = text
        for _ in range(3):
            key = norm(rest)
            hit = next((p for p in prefixes if key.startswith(p) and len(key) > len(p)), None)
            if hit is None:
                return rest
            cut, seen = 0, ""
            while cut < len(rest) and len(seen) < len(hit):
                seen += norm(rest[cut])
                cut += 1
            m = _SCORE_LEAD.match(rest[cut:])
            if m:
                cut += m.end()
            head, rest = rest[:cut], rest[cut:].strip()
            following = rest if rest else next_text
            self.set_level(head, where, following)
        return rest

    def _extend_level(self, tail: str) -> None:
        level, text, where = self.out.level_cells[-1]
        self.out.level_cells[-1] = (level, text + tail, where)
        if level == "l1":
            self.l1 = (self.l1 or "") + tail
        else:
            self.l2 = (self.l2 or "") + tail

    @staticmethod
    def _joined_level(text: str, nxt: str) -> str | None:
        """服务对象 / 满意度指标: a level name split over two cells."""
        if not nxt or len(norm(text)) > 8:
            return None
        can1, can2 = level_of(text + nxt)
        return text + nxt if (can1 or can2) and not any(level_of(text)) else None

    def close(self) -> None:
        if self.cur is None:
            return
        filled = [v for v in self.cur.values if v[1]]
        if (
            not self.colmap
            and len(filled) == 1
            and "value" in self.roles
            and filled[0][0] not in ("value", "nature", "unit")
            and not {"nature", "unit"} & set(self.roles)
        ):
            # one cell printed of several value columns: it is the 指标值 (the others are blank)
            self.cur.values = [("value", filled[0][1], filled[0][2])]
        self._split_twice()
        self.out.items.append(self.cur)
        self.cur = None

    def _split_twice(self) -> None:
        """``2020`` under 指标值 | 实际完成值: the same figure printed twice, glued (PD414)."""
        assert self.cur is not None
        values = self.cur.values
        if len(values) != 1 or len(self.roles) < 2 or self.colmap:
            return
        m = _TWICE.match(values[0][1])
        if m is None:
            return
        role, _, where = values[0]
        self.cur.values = [(role, m[1], where), (self.roles[1], m[1], where)]
        self.cur.glued = values[0][1]

    def start(self, text: str, where: str) -> None:
        self.close()
        self.cur = Item(self.l1, self.l2, text, where, after_level=self.level_just_set)
        self.level_just_set = False

    def add_value(self, text: str, where: str) -> None:
        assert self.cur is not None
        index = len(self.cur.values)
        role = self.roles[index] if index < len(self.roles) else "extra"
        while role in ("nature", "unit") and not _fits(role, text):
            # 指标性质 / 度量单位 left blank (a word target has neither): the cell is the next one's
            self.cur.values.append((role, "", where))
            index += 1
            role = self.roles[index] if index < len(self.roles) else "extra"
        self.cur.values.append((role, text, where))

    def _name_wrapped(self, toks: list[Tok]) -> bool:
        """A text row of one short name and nothing else, under a row whose name looks cut: the
        second line of that name (``…基地项目补助 ≥10个`` / ``基地个数``), joined to it.

        Only when two real rows cannot be meant: the row above printed its values, its name is
        eight characters or more and does not end as a measured name does (MEASURED_ENDINGS),
        and this one is two to six characters that do, with no value, level or label in it (a
        real row prints its value on its own line)."""
        texts = [t for t in toks if t.text]
        if self.cur is None or len(texts) != 1 or self.colmap:
            return False
        text = texts[0].text.strip()
        name = self.cur.name
        if not any(v[1] for v in self.cur.values) or len(name) < 8 or len(name) > 40:
            return False
        if name.endswith(L.MEASURED_ENDINGS) or not text.endswith(L.MEASURED_ENDINGS):
            return False
        if not 2 <= len(text) <= 6 or not _CJK_ONLY.match(text) or any(level_of(text)):
            return False
        self.cur.name = name + text
        return True

    def _continues(self, texts: list[Tok]) -> bool:
        """A text row of value cells only (``有效 | 10 | 10``) completes the row above."""
        if self.cur is None or not texts or self.colmap:
            return False
        if len(texts) > len(self.roles) - len(self.cur.values):
            return False
        return all(looks_value(t.text) and len(_CJK.findall(t.text)) < 3 for t in texts)

    # -- reading --
    def read(self) -> Parsed:
        start = next((i for i in range(len(self.rows)) if _header_at(self.rows, i)), None)
        if start is None:
            start = self._levels_start()
            if start is None:
                return self.out
            self.roles = ["value"]
            self.out.header = ["l1", "l2", "l3", "value"]
        else:
            start = self._read_header(start)
            self.roles = _value_roles(self.out.header)
        self.out.found = True
        if self.names is not None:
            self._read_list(self.names, self.values)
        self._read_rows(start)
        self.close()
        if not self.colmap and self.roles[:1] == ["value"]:
            _values_by_row(self.out.items)
        return self.out

    def _levels_start(self) -> int | None:
        for i, row in enumerate(self.rows):
            for tok in row.toks:
                can1, _ = level_of(tok.text)
                if can1:
                    return i
        return None

    def _read_header(self, start: int) -> int:
        i = start
        while i < len(self.rows):
            row = self.rows[i]
            texts = [t for t in row.toks if t.text]
            roles = [column_role(t.text) for t in texts]
            if i > start and (not texts or any(r is None for r in roles)):
                # a cell that is not a header: data begins in this row
                if texts and all(r is not None for r in roles[:1]) and row.stream:
                    pass
                break
            known = [n for n, r in enumerate(roles) if r is not None]
            data_at = self._data_after_header(row, texts, known) if i == start else None
            if i == start and known and known[0] > 0 and not row.ruled:
                # 年度总体目标 | … | 绩效指标 | 一级指标 | …: the cells before the header (and its
                # section label) are the form's
                first = known[0] - 1 if _is_section(texts[known[0] - 1].text) else known[0]
                if first > 0:
                    self.out.free_before[i] = _position(row, texts[first])
            for n, (tok, role) in enumerate(zip(texts, roles, strict=True)):
                if role is None and i == start and not row.ruled and self.out.header:
                    self._list_cell(tok, n < known[-1])
                if role is None or (data_at is not None and n > known[-1]):
                    continue
                self.out.header.append(role)
                self.out.header_text.append(tok.text)
                if row.ruled and tok.col is not None:
                    self.colmap[tok.col] = role
            self.out.placed.add(i)
            if data_at is not None:
                self.row_offset[i] = data_at
                return i  # the first rows are on the header's line
            i += 1
            if i - start > 16:
                break
        return i

    def _list_cell(self, tok: Tok, between: bool) -> None:
        """A header cell's column printed as one list of words (a .doc's text, by columns): the
        三级 names after the 三级 header, the values after the 指标值 header."""
        last = self.out.header[-1]
        if last in ("l1", "l2", "l3") and self.names is None:
            if is_list(tok.text, _is_level_name, between):
                self.names = tok
        elif last == "value" and self.names is not None and self.values is None:
            self.values = tok

    def _read_list(self, names: Tok, values: Tok | None) -> None:
        """The names of a column printed as a list, each a row; the level labels among them set
        the levels, rows before the first label take it (a merged cell prints its label in the
        middle of its rows). Values printed as a list are paired only one to one."""
        words = list_words(names.text, _is_level_name, _is_section)
        cells = values.text.split() if values is not None else []
        words = join_wrapped(words, len(cells), L.MEASURED_ENDINGS)
        count = sum(1 for kind, _ in words if kind == "name")
        paired = len(cells) == count and all(looks_value(c) for c in cells)
        first = len(self.out.items)
        at = 0
        for n, (kind, text) in enumerate(words):
            following = next((t for k, t in words[n + 1 :] if k != "label"), "")
            if kind == "level":
                self.set_level(text, names.where, following)
            elif kind == "name":
                self.start(text, names.where)
                if paired:
                    assert self.cur is not None and values is not None
                    self.cur.values.append(("value", cells[at], values.where))
                at += 1
        self.close()
        read = self.out.items[first:]
        l1 = next((t for lv, t, _ in self.out.level_cells if lv == "l1"), None)
        l2 = next((t for lv, t, _ in self.out.level_cells if lv == "l2"), None)
        for item in read:
            if item.l1 is None and item.l2 is None:
                item.l1, item.l2 = l1, l2
        self.out.lists.append((names.where, len(read), count if paired else -bool(cells)))

    def _data_after_header(self, row: Row, texts: list[Tok], known: list[int]) -> int | None:
        """Where the data starts on the header's own line (text with the rows run on), if it does.

        ``… | 度量单位 | 产出指标 | 数量指标 | 学生受资助人数 | ≧ | 735 …`` or ``…是否核心指标`` followed
        by glued rows: what follows the last header cell is data when it starts with a level
        name, is a glued row, or is at least three cells.
        """
        if row.ruled or not known or known[-1] + 1 >= len(texts):
            return None
        rest = texts[known[-1] + 1 :]
        first = rest[0].text
        glued = len(first) >= 8 and _ROW_END.search(first) is not None
        if any(level_of(first)) or glued or len(rest) >= 3:
            return _position(row, rest[0])
        return None

    def _read_rows(self, start: int) -> None:
        for i in range(start, len(self.rows)):
            row = self.rows[i]
            offset = self.row_offset.get(i, 0)
            toks = [t for t in row.toks[offset:] if t.text or (t.empty_kept and row.stream)]
            if not row.ruled:
                toks = _without_section(toks)
            if not toks:
                continue
            if ends_table("".join(t.text for t in toks)) and not level_of(toks[0].text)[0]:
                self.out.end_row = i
                self._total_at(i)
                return
            if row.ruled and self.colmap:
                self._ruled_row(row)
            else:
                self._content_row(toks, i)
            self.out.placed.add(i)

    def _total_at(self, i: int) -> None:
        """``总分 | 100`` (or 100 alone on the next line) after a table with a 分值 column: the
        table's points (``indicators_points``), and both lines are read."""
        if "points" not in self.out.header:
            return
        head = norm("".join(t.text for t in self.rows[i].toks))
        m = _TOTAL_ROW.match(head)
        if m is None:
            return
        if m[1]:
            self.out.total_points = m[1]
            self.out.placed.add(i)
            return
        if i + 1 < len(self.rows):
            nxt = _TOTAL_FIGURE.match(norm("".join(t.text for t in self.rows[i + 1].toks)))
            if nxt:
                self.out.total_points = nxt[1]
                self.out.placed |= {i, i + 1}

    def _next_text(self, i: int, k: int) -> str:
        # the row's text tokens, filtered once per row: rebuilding them for every token made a
        # line of 100,000 cells quadratic (minutes)
        toks = self._texts.get(i)
        if toks is None:
            offset = self.row_offset.get(i, 0)
            toks = self._texts[i] = [t for t in self.rows[i].toks[offset:] if t.text]
        if k + 1 < len(toks):
            return toks[k + 1].text
        for row in self.rows[i + 1 : i + 3]:
            for t in row.toks:
                if t.text:
                    return t.text
        return ""

    def _glued(self, tok: Tok) -> bool:
        """An integrated-system row run together (是否核心指标 last): read by cell shapes."""
        from perfdecl.convert.glued import ROW_END, read_row, split_rows

        if "core" not in self.out.header or len(tok.text) < 8 or not ROW_END.search(tok.text):
            return False
        rows, _rest = split_rows(tok.text)
        for text in rows:
            row = read_row(text)
            if row is None:
                continue
            self.start(row.name, tok.where)
            assert self.cur is not None
            self.cur.values = [(role, cell, tok.where) for role, cell in row.cells]
            self.cur.glued = row.doubtful
            self.cur.damaged = tuple(row.damaged)
        self.close()
        return True

    def _content_row(self, toks: list[Tok], i: int) -> None:
        stream = self.rows[i].stream
        if len(toks) == 1 and self._glued(toks[0]):
            return
        if not stream and self._name_wrapped(toks):
            return
        if not stream and self._continues([t for t in toks if t.text]):
            for tok in toks:
                if tok.text:
                    self.add_value(tok.text, tok.where)
            return
        first_value_seen = False
        texts = [t for t in toks if t.text or stream]
        for k, tok in enumerate(texts):
            if self.skip_next:
                self.skip_next = False
                continue
            if not tok.text:
                if self.cur is not None and len(self.cur.values) < len(self.roles):
                    self.add_value("", tok.where)
                continue
            nxt = self._next_text(i, k)
            if self.set_level(tok.text, tok.where, nxt):
                continue
            rest = self.strip_levels(tok.text, tok.where, nxt)
            if not rest or _FILLER.match(rest):
                continue
            if self.cur is None and norm(rest) == "指标" and self.out.level_cells:
                self._extend_level(rest)  # 经济效益 / 指标: a level name wrapped over two lines
                continue
            joined = self._joined_level(rest, nxt)
            if joined:
                self.skip_next = True
                self.set_level(joined, tok.where, self._next_text(i, k + 1))
                continue
            at_start = k == 0 or (not first_value_seen and self.cur is None)
            if self.cur is not None and self._wants(rest, at_start, stream, k):
                self.add_value(rest, tok.where)
                first_value_seen = True
                continue
            self.start(rest, tok.where)
            is_last = k == len(texts) - 1
            if is_last and (" " in rest.strip() or not looks_value(nxt)):
                self._split_glued_value()

    def _wants(self, text: str, at_start: bool, stream: bool, k: int) -> bool:
        assert self.cur is not None
        if len(self.cur.values) >= len(self.roles) and not (
            stream is False and k > 0 and looks_value(text) is not False
        ):
            return False
        if stream:
            return True
        if not at_start and k > 0:
            return True
        return not self.cur.values and looks_value(text)

    def _split_glued_value(self) -> None:
        assert self.cur is not None
        spaced = split_spaced(self.cur.name)
        if spaced is not None:
            self.cur.name = spaced[0]
            for value in spaced[1]:
                self.add_value(value, self.cur.where)
            self.cur.split = True
            return
        split = split_trailing_value(self.cur.name)
        if split is None:
            sentence = _NAME_SENTENCE.match(self.cur.name)
            if sentence is None or "value" not in self.roles:
                return
            # 成本控制 严格按照预算标准1000元/人…: a short name, a space, a sentence with a figure
            self.cur.name = sentence[1]
            self.add_value(sentence[2], self.cur.where)
            self.cur.split = self.cur.value_by_row = True
            return
        self.cur.name = split[0]
        self.add_value(split[1], self.cur.where)
        self.cur.split = True

    def _ruled_row(self, row: Row) -> None:
        name: Tok | None = None
        values: list[tuple[str, Tok]] = []
        for tok in row.toks:
            role = self.colmap.get(tok.col if tok.col is not None else -1)
            if not tok.text:
                continue
            if role == "l1" or (
                role == "l2" and level_of(tok.text)[0] and not level_of(tok.text)[1]
            ):
                self.close()
                self.l1, self.l2 = tok.text, None
                self.out.level_cells.append(("l1", tok.text, tok.where))
            elif role == "l2":
                self.close()
                self.l2 = tok.text
                self.out.level_cells.append(("l2", tok.text, tok.where))
            elif role == "l3":
                name = tok
            elif role is not None and role != "period":
                values.append((role, tok))
        if name is None:
            return
        self.start(name.text, name.where)
        assert self.cur is not None
        for role, tok in values:
            self.cur.values.append((role, tok.text, tok.where))
        self.cur.glued = row.doubt


@cache
def _sections() -> frozenset[str]:
    return frozenset(norm(x) for x in L.SECTION_LABELS)


def _is_section(text: str) -> bool:
    return level_key(text) in _sections()


def _values_by_row(items: list[Item]) -> None:
    """A table whose every row prints its 一级/二级, then the name, then the value: a cell that
    follows a name with no level between is that row's value, even a word no table lists
    (``建设项目成本`` / ``参照政府采购成本控制``). Only when every other row starts with its levels."""
    if len(items) < 3:
        return
    odd = [
        k
        for k in range(1, len(items))
        if not items[k].after_level
        and not items[k].values
        and not items[k - 1].values
        and items[k - 1].after_level
        and (items[k - 1].l1, items[k - 1].l2) == (items[k].l1, items[k].l2)
    ]
    rest = [i for k, i in enumerate(items) if k not in odd]
    if not odd or not all(i.after_level for i in rest) or len(rest) < 2 * len(odd) + 1:
        return
    for k in reversed(odd):
        row, cell = items[k - 1], items.pop(k)
        row.values.append(("value", cell.name, cell.where))
        row.value_by_row = True


def _is_level_name(text: str) -> bool:
    return any(level_of(text))


_CJK_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TOTAL_ROW = re.compile(r"^(?:总分|合计|总计)(?:\(分\))?:?(?:([0-9]{1,3}(?:\.[0-9]+)?)分?)?$")
_TOTAL_FIGURE = re.compile(r"^([0-9]{1,3}(?:\.[0-9]+)?)分?$")
_NAME_SENTENCE = re.compile(r"^([^\s0-9]{2,10}) ((?=[^ ]*[0-9][0-9.]*[^\s0-9.,])[^ ]{8,})$")
"""A short name and, after one space, a sentence of at least 8 characters holding a figure."""
_NATURE = re.compile(r"^(?:[≥≤<>=≧≦═＞＜＝]=?|>=|<=|定性|定量|定性指标|定量指标|正向|反向)$")
_UNIT_CELL = re.compile(r"^(?:%|‰|[^\d\s]{1,6})$")


def _fits(role: str, text: str) -> bool:
    """A cell that can stand in a 指标性质 (a sign, 定性/定量) or 度量单位 (a short unit) column."""
    key = norm(text)
    if role == "nature":
        return bool(_NATURE.match(key))
    return bool(_UNIT_CELL.match(key)) and key not in _qualitative()


def _without_section(toks: list[Tok]) -> list[Tok]:
    """``绩效指标 项目完成`` -> ``项目完成``: the section's label (a merged cell left of the levels)
    is neither a level nor a row."""
    out: list[Tok] = []
    for tok in toks:
        head, _, rest = tok.text.strip().partition(" ")
        if _is_section(tok.text):
            continue
        if rest.strip() and _is_section(head):
            tok = replace(tok, text=rest.strip())
        out.append(tok)
    return out


def _position(row: Row, tok: Tok) -> int:
    return next(n for n, t in enumerate(row.toks) if t is tok)


def read_table(rows: list[Row]) -> Parsed:
    return TableReader(rows).read()


__all__ = [
    "Item",
    "Parsed",
    "column_role",
    "level_of",
    "looks_value",
    "read_table",
    "split_trailing_value",
]
