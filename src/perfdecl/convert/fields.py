"""The form around the indicator table: header fields, money blocks, goals, title and year.

Read from the rows of tokens outside the indicator table. A label (any spelling in
``FIELD_LABELS``, compared after :func:`~perfdecl.convert.grid.norm`) takes its value from the
same cell after a colon (``年度资金总额:16``) or from the next cell that is not itself a label.
Money labels take the first amount after them; the unit is the one printed in the amount
(``164万元``), else the one of the money block (``项目资金(万元)``, ``金额单位:万元``, ``单位:元``),
else none (万元 is then assumed and said).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from perfdecl.convert import layouts as L
from perfdecl.convert.grid import decimal_text, norm
from perfdecl.convert.tokens import Row, Tok

_AMOUNT = re.compile(r"^\s*([-+]?[0-9][0-9,]*(?:\.[0-9]+)?)\s*(万元|万|元)?")
_UNIT_IN = re.compile(r"(?:\(|:|单位:|单位)(万元|元)\)?")
_YEAR = re.compile(r"((?:19|20)[0-9]{2})\s*年")
_YEAR_DEGREE = re.compile(r"\(?\s*((?:19|20)[0-9]{2})\s*年度\s*\)?")
_TITLE = re.compile(r"(申报表|目标表|批复表|审批表|自评表|评分表|评价指标表|绩效目标设定的公示)")


@dataclass(frozen=True, slots=True)
class Money:
    label: str
    amount: str  # as printed, separators kept
    unit: str | None  # 元 / 万元 as printed (万 -> 万元), None when not stated
    where: str
    block: str | None = None  # the block label (项目资金(万元) …)
    total: bool = False  # a block's total although its label is not a total's (a notice's 资金)
    cells: tuple[str, ...] = ()  # every figure printed after the label (self-evaluation columns)
    parts: tuple[tuple[str, str], ...] = ()  # (label, amount) printed in brackets in the cell
    text: str | None = None  # the cell as printed, when it holds more than the amount

    @property
    def value(self) -> Decimal | None:
        return decimal_text(self.amount)


@dataclass(slots=True)
class Fields:
    values: dict[str, tuple[str, str, str]] = field(
        default_factory=dict
    )  # key -> (label, text, where)
    money: list[Money] = field(default_factory=list)
    title: str | None = None
    year: int | None = None
    year_text: str | None = None
    labels_found: list[str] = field(default_factory=list)
    execution_header: list[str] = field(default_factory=list)  # roles of 预算执行 columns
    placed: set[tuple[int, int]] = field(default_factory=set)  # (row, tok) read
    blank: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (label, where)
    glued: list[tuple[str, str, str]] = field(default_factory=list)  # (label, run, where)


@cache
def _field_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for key, labels in L.FIELD_LABELS.items():
        for label in labels:
            table.setdefault(norm(label), key)
    return table


_FIGURE = re.compile(r"[-+]?[0-9][0-9,]*(?:\.[0-9]+)?\s*(?:%|万元|萬元|万|萬|元)?|[—–-]+|/")
_FIGURES_ONLY = re.compile(
    r"^\s*(?:(?:[-+]?[0-9][0-9,]*(?:\.[0-9]+)?\s*(?:%|万元|萬元|万|萬|元)?|[—–-]+|/)\s*)+$"
)


def figures(text: str) -> list[str]:
    """The leading figure cells of a text, as printed: ``10萬10萬100%20`` -> 10萬 | 10萬 | 100% |
    20; ``620.82万元 620.82万元 100% 得分`` -> 620.82万元 | 620.82万元 | 100%."""
    out: list[str] = []
    for chunk in text.lstrip(":：").split():
        if not _FIGURES_ONLY.match(chunk):
            break
        out += [m.group(0).strip() for m in _FIGURE.finditer(chunk) if m.group(0).strip()]
    return out


def _first_of_figures(text: str) -> tuple[str, str | None] | None:
    """The first amount of a cell holding several figures separated by spaces."""
    cells = figures(text)
    if len(cells) < 2 or " " not in text.strip():
        return None
    return amount_of(cells[0])


@cache
def _execution_table() -> dict[str, str]:
    return {norm(label): role for role, labels in L.EXECUTION_COLUMNS.items() for label in labels}


_TRAILING_NOTE = re.compile(r"\([^()]*\)$")


def execution_column(text: str) -> str | None:
    """The 预算执行 column a header cell names; a note in brackets may follow
    (``得分(20分*执行率)``)."""
    key = norm(text)
    if len(key) > 30:
        return None
    return _execution_table().get(key) or _execution_table().get(_TRAILING_NOTE.sub("", key))


@cache
def _money_labels() -> frozenset[str]:
    return frozenset(norm(x) for x in (*L.MONEY_TOTALS, *L.MONEY_SOURCES))


@cache
def _block_labels() -> frozenset[str]:
    return frozenset(norm(x) for x in L.MONEY_BLOCKS)


def _strip_label(key: str) -> str:
    key = key.rstrip(":")
    for suffix in ("(万元)", "(元)", "(单位:万元)", "(单位:元)"):
        key = key.removesuffix(suffix)
    return key


def label_of(text: str) -> tuple[str, str, str] | None:
    """(kind, key, inline value) when a cell is a label: kind is 'field', 'money', 'block' or
    'sign' (a signature or seal box, 项目责任人(签字):, whose value is ink, never a cell's text)."""
    key = norm(text)
    signed = key.rstrip(":")
    for mark in L.SIGNATURE_MARKS:
        if signed.endswith(mark) and len(signed) > len(mark):
            return "sign", _field_table().get(signed.removesuffix(mark), ""), ""
    inline = ""
    if ":" in key and not key.endswith(":"):
        head, _, rest = text.replace("：", ":").partition(":")
        head_key = norm(head)
        if _strip_label(head_key) in _field_table() or _strip_label(head_key) in _money_labels():
            key, inline = head_key, rest.strip()
        elif norm(head) in ("其中",):
            key, inline = norm(text.split(":", 1)[0] + ":" + _label_part(rest)), ""
    bare = _strip_label(key)
    if bare in _money_labels():
        return "money", bare, inline
    if bare in _field_table():
        return "field", _field_table()[bare], inline
    if bare in _block_labels():
        return "block", bare, inline
    return None


_PHONE_DIGITS = re.compile(r"[0-9]{5}")


@cache
def _run_marks() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{m})" for m in L.LABEL_RUN_MARKS))


@cache
def _inner_labels() -> re.Pattern[str]:
    """Known labels (three characters or more, no brackets) to find inside a glued run."""
    words = {
        w for labels in L.FIELD_LABELS.values() for w in labels if len(w) >= 3 and "(" not in w
    }
    ordered = sorted(words, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in ordered))


def glued_value(text: str) -> tuple[str, list[tuple[str, str, str]], list[str]] | None:
    """A name field's value that holds label runs glued to their values (LABEL_RUN_MARKS).

    None for a plain value. Otherwise the value is cut at the known labels inside it: (the text
    before the first of them, kept as the value only when no label run is in it; (key, label,
    value) for each known label with the text after it; the pieces that hold labels we do not
    know, which are reported and never stored).
    """
    if len(text) > 400 or not _run_marks().search(text):
        return None
    cuts = [(m.start(), m.end()) for m in _inner_labels().finditer(text) if m.start() > 0]
    head_end = cuts[0][0] if cuts else len(text)
    unknown: list[str] = []
    head = text[:head_end].strip()
    if _run_marks().search(head):
        unknown.append(head)
        head = ""
    pieces: list[tuple[str, str, str]] = []
    for n, (start, end) in enumerate(cuts):
        value = text[end : cuts[n + 1][0] if n + 1 < len(cuts) else len(text)].strip(" :：")
        label = text[start:end]
        if _run_marks().search(value):
            unknown.append(label + value)
        elif value:
            pieces.append((_field_table()[norm(label)], label, value))
    return head, pieces, unknown


def _label_part(text: str) -> str:
    m = _AMOUNT.search(text)
    return text[: m.start()] if m else text


def amount_of(text: str) -> tuple[str, str | None] | None:
    m = _AMOUNT.match(text.lstrip(":：").strip())
    if m is None:
        return None
    unit = m[2]
    if unit == "万":
        unit = "万元"
    rest = text.lstrip(":：").strip()[m.end() :].strip()
    if (
        rest
        and rest[0].isdigit()
        and not rest.startswith(m.group(0).strip())
        and not _DATE_AFTER.match(rest)
    ):
        return None  # 4000100%: figures run together (854万854万: one cell printed twice is kept)
    return m[1], unit


_LABEL_LIKE = re.compile(r"^[^0-9:]{2,12}:$")
"""A short cell ending in a colon (``财务负责人:``): a label, known or not, never a value."""
_DATE_AFTER = re.compile(r"(?:19|20)[0-9]{2}年")
"""Text after an amount that starts with a year (``38.75万元2022年…项目``) is text, not a figure."""
_NAMED = re.compile(
    r"^(?P<name>[^\d\s:：()（）,，;；]{2,20}?)(?P<amount>[0-9][0-9,]*(?:\.[0-9]+)?)\s*(?P<unit>万元|万|元)$"
)


def named_amount(text: str) -> tuple[tuple[str, str | None], tuple[str, str]] | None:
    """``少数民族发展资金37万元`` under 其中:财政拨款: the amount, and the fund it names as a part."""
    m = _NAMED.match(text.strip())
    if m is None:
        return None
    unit = "万元" if m["unit"] == "万" else m["unit"]
    return (m["amount"], unit), (m["name"], m["amount"])


_BRACKET = re.compile(r"[(（]([^()（）]{3,400})[)）]")
_BREAKDOWN_PART = re.compile(r"^\s*(\D{2,40}?)\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(万元|万|元)\s*$")


def breakdown(text: str) -> tuple[tuple[str, str], ...]:
    """``854万(高标准农田建设400万元,示范建设295万元)`` -> the parts printed in the brackets,
    (label, amount) each; nothing unless every piece in the brackets is a label and an amount."""
    m = _BRACKET.search(text)
    if m is None:
        return ()
    pieces = [p for p in re.split(r"[,，、;；]", m[1]) if p.strip()]
    found = [_BREAKDOWN_PART.match(p) for p in pieces]
    if len(pieces) < 2 or not all(found):
        return ()
    return tuple((f[1].strip(), f[2]) for f in found if f)


def _unit_of_label(text: str) -> str | None:
    m = _UNIT_IN.search(norm(text))
    return m[1] if m else None


class FieldReader:
    def __init__(
        self, rows: list[Row], skip_rows: set[int], free_before: dict[int, int] | None = None
    ) -> None:
        self.rows = rows
        self.skip = skip_rows
        self.free_before = free_before or {}
        self.out = Fields()
        self.block_unit: str | None = None
        self.block: str | None = None

    def toks(self) -> list[tuple[int, int, Tok]]:
        out = []
        self.empty_after: set[tuple[int, int]] = set()  # cells printed with an empty box after
        for i, row in enumerate(self.rows):
            if i in self.skip and i not in self.free_before:
                continue
            for k, tok in enumerate(row.toks):
                if i in self.skip and k >= self.free_before[i]:
                    break
                if tok.text:
                    out.append((i, k, tok))
                    following = row.toks[k + 1] if k + 1 < len(row.toks) else None
                    if tok.blank_next or (following is not None and following.empty_kept):
                        self.empty_after.add((i, k))
        return out

    def read(self) -> Fields:
        toks = self.toks()
        n = 0
        self.pending: list[tuple[str, Tok, int]] = []  # (field, label, row of the label)
        self._pending_at = -2  # index of the last label made pending
        while n < len(toks):
            i, k, tok = toks[n]
            self._title_year(tok.text)
            column = execution_column(tok.text)
            if column is not None:
                # 预算数(A) | 执行数(B) …: a column of the 预算执行 block, never a field's value
                if column not in self.out.execution_header:
                    self.out.execution_header.append(column)
                self.out.placed.add((i, k))
                n += 1
                continue
            self.pending = [p for p in self.pending if i - p[2] <= 2]  # values are near
            if self.pending and label_of(tok.text) is None:
                # labels printed as a header row, their values in the row below
                key, label, _row = self.pending.pop(0)
                self._put(key, label.text, tok.text, tok.where)
                self.out.placed.add((i, k))
                n += 1
                continue
            unit = _unit_of_label(tok.text)
            if unit and ("单位" in norm(tok.text) or "资金" in norm(tok.text)):
                self.block_unit = unit
            found = label_of(tok.text)
            if found is None:
                n += 1
                continue
            wrapped = self._wrapped(toks, n)
            if wrapped is not None:
                # 主管部门 / 及编码: a label wrapped over two cells is one label
                found, tok = wrapped
                self.out.placed.add(toks[n][:2])
                n += 1
            kind, key, inline = found
            self.out.labels_found.append(tok.text)
            self.out.placed.add((i, k))
            if kind != "field":
                self.pending.clear()
            if kind == "sign":
                n = self._signed(toks, n, key, tok)
                continue
            if kind == "block":
                self.block = tok.text
                self.block_unit = _unit_of_label(tok.text) or self.block_unit
                n += 1
                continue
            if kind == "money":
                n = self._money(toks, n, tok, inline)
                continue
            n = self._field(toks, n, key, tok, inline)
        return self.out

    @staticmethod
    def _wrapped(
        toks: list[tuple[int, int, Tok]], n: int
    ) -> tuple[tuple[str, str, str], Tok] | None:
        """The label at ``n`` and the short cell after it read as one longer label, if they are."""
        if n + 1 >= len(toks) or ":" in norm(toks[n][2].text):
            return None
        tok, nxt = toks[n][2], toks[n + 1][2]
        if len(norm(nxt.text)) > 6 or label_of(nxt.text) is not None:
            return None
        joined = label_of(tok.text + nxt.text)
        if joined is None or joined[2]:
            return None
        return joined, Tok(f"{tok.text}{nxt.text}", tok.where, tok.col, tok.rowspan)

    def _put(self, key: str, label: str, text: str, where: str) -> None:
        """Set a field's value (the first one read stays), unless label runs are glued to it."""
        if key == "phone" and not _PHONE_DIGITS.search(text.replace("-", "").replace(" ", "")):
            self.out.glued.append((label, text, where))  # 部门预算执行情况…: labels, no number
            return
        got = glued_value(text) if key in L.GLUED_VALUE_FIELDS else None
        if got is None:
            self.out.values.setdefault(key, (label, text, where))
            return
        head, pieces, unknown = got
        if head:
            self.out.values.setdefault(key, (label, head, where))
        for inner_key, inner_label, value in pieces:
            self.out.values.setdefault(inner_key, (inner_label, value, where))
        self.out.glued += [(label, run, where) for run in unknown]

    def _signed(self, toks: list[tuple[int, int, Tok]], n: int, key: str, tok: Tok) -> int:
        """A signature box (项目责任人(签字):) holds ink: only a name typed in the next cell of the
        same row is its value; a cell further on belongs to something else."""
        if key and n + 1 < len(toks) and toks[n + 1][0] == toks[n][0]:
            i, k, value = toks[n + 1]
            text = value.text.strip(" :：")
            if text and label_of(value.text) is None and key not in self.out.values:
                self.out.values[key] = (tok.text, text, value.where)
                self.out.placed.add((i, k))
                return n + 2
        return n + 1

    def _next_value(self, toks: list[tuple[int, int, Tok]], n: int) -> int | None:
        """Index of the value cell after the label at ``n`` (None when a label comes first)."""
        for m in range(n + 1, min(n + 3, len(toks))):
            text = toks[m][2].text
            if label_of(text) is not None or toks[m][0] - toks[n][0] > 2:
                return None  # a label first, or a label left blank above a table (单位 | |)
            if _LABEL_LIKE.match(norm(text)):
                return None  # 财务负责人: (a label we do not know, with its colon) is no value
            return m
        return None

    def _one_run(self, toks: list[tuple[int, int, Tok]], n: int) -> bool:
        """The labels at ``n`` and ``n + 1`` are one run of labels whose values follow: printed
        in one row, or each alone on its line (a column of labels). A label that ends a row of
        label | value cells and the label that starts the next row are not."""
        if n + 1 >= len(toks):
            return False
        (i, _k, _t), (j, _h, _u) = toks[n], toks[n + 1]
        if i == j:
            return True
        return all(sum(1 for t in self.rows[r].toks if t.text) == 1 for r in (i, j))

    def _blank_box(self, toks: list[tuple[int, int, Tok]], n: int, key: str) -> bool:
        """The label at ``n`` (which found no value) is printed with an empty box.

        Only on evidence: an empty cell printed right after it in its row, or the label ends its
        line and the next line starts with a known label that has a value of its own (a form of
        one label and its value per line). A row of labels whose values follow in the next row,
        a signature box and a label split off a sentence are never blank boxes.
        """
        i, k, tok = toks[n]
        if key not in L.BLANK_FIELDS or len(_strip_label(norm(tok.text))) < 4:
            return False
        if (i, k) in self.empty_after:
            return True
        row = self.rows[i]
        if row.stream or any(t.text for t in row.toks[k + 1 :]):
            return False
        if i + 1 in self.skip and i + 1 not in self.free_before:
            return True  # the indicator table follows the label's line
        if n + 1 >= len(toks):
            return False
        j, h, after = toks[n + 1]
        nxt = label_of(after.text)
        if nxt is None or j == i or nxt[0] == "sign":
            return False
        return (
            bool(nxt[2]) or (j, h) in self.empty_after or self._next_value(toks, n + 1) is not None
        )

    def _field(
        self, toks: list[tuple[int, int, Tok]], n: int, key: str, tok: Tok, inline: str
    ) -> int:
        if inline:
            self._put(key, tok.text, inline, tok.where)
            return n + 1
        m = self._next_value(toks, n)
        chained = self._pending_at == n - 1 and self._one_run(toks, n - 1)
        if m is None and not chained and self._blank_box(toks, n, key):
            self.out.blank.setdefault(key, (tok.text, tok.where))
            return n + 1
        if m is None or chained:
            # a label followed by a label: the labels are a header row, their values follow in
            # order (部门名称 | 填报人 | 某某局: the first value is the first label's)
            if m is not None or (
                n + 1 < len(toks)
                and label_of(toks[n + 1][2].text) is not None
                and self._one_run(toks, n)
            ):
                self.pending.append((key, tok, toks[n][0]))
                self._pending_at = n
            return n + 1
        i, k, value = toks[m]
        if key not in self.out.values:
            self._put(key, tok.text, value.text.lstrip(":：").strip(), value.where)
            self.out.placed.add((i, k))
        return m + 1

    def _money(self, toks: list[tuple[int, int, Tok]], n: int, tok: Tok, inline: str) -> int:
        label = tok.text.split(":")[0] if inline else tok.text
        if inline:
            got = amount_of(inline)
            if got is not None:
                cells = figures(inline)
                end = n + 1
                if self.out.execution_header:
                    more, end = self._more_figures(toks, n + 1)
                    cells += more
                self._add_money(label, got, tok, tuple(cells))
                return end
            return n + 1
        for m in range(n + 1, min(n + 3, len(toks))):
            i, k, value = toks[m]
            if label_of(value.text) is not None:
                break
            got = amount_of(value.text) or _first_of_figures(value.text)
            named = named_amount(value.text) if got is None else None
            if named is not None:
                self.out.placed.add((i, k))
                self._add_money(label, named[0], value, part=named[1])
                return m + 1
            if got is not None:
                self.out.placed.add((i, k))
                cells, end = figures(value.text), m + 1
                if self.out.execution_header:
                    more, end = self._more_figures(toks, m + 1)
                    cells += more
                self._add_money(label, got, value, tuple(cells))
                return end
        return n + 1

    def _more_figures(self, toks: list[tuple[int, int, Tok]], n: int) -> tuple[list[str], int]:
        """The figure cells after a money label's first (预算数 | 执行数 | 执行率 | 得分 …)."""
        out: list[str] = []
        while n < len(toks) and len(out) < 12:
            i, k, tok = toks[n]
            if label_of(tok.text) is not None or not _FIGURES_ONLY.match(tok.text):
                break
            out += figures(tok.text)
            self.out.placed.add((i, k))
            n += 1
        return out, n

    def _add_money(
        self,
        label: str,
        got: tuple[str, str | None],
        where: Tok,
        cells: tuple[str, ...] = (),
        part: tuple[str, str] | None = None,
    ) -> None:
        amount, unit = got
        cell = where.text.split(":", 1)[1] if label != where.text and ":" in where.text else None
        text = (cell if cell is not None else where.text).strip()
        parts = (part,) if part else breakdown(text)
        self.out.money.append(
            Money(
                label.strip(),
                amount,
                unit or self.block_unit,
                where.where,
                self.block,
                cells=cells,
                parts=parts,
                text=text if parts else None,
            )
        )

    def _title_year(self, text: str) -> None:
        key = norm(text)
        if self.out.title is None and _TITLE.search(key) and len(key) <= 60:
            self.out.title = _trim_title(text)
        if self.out.year is None:
            m = _YEAR_DEGREE.search(text) or (_YEAR.search(text) if _TITLE.search(key) else None)
            if m:
                self.out.year = int(m[1])
                self.out.year_text = m[0].strip()


def _trim_title(text: str) -> str:
    """The title without the lone characters a spaced-out label of the page leaves on it
    (标     题 项目支出绩效目标表3 文     号 gives the cell ``题 项目支出绩效目标表3 文``)."""
    chunks = text.split()
    while len(chunks) > 1 and len(chunks[0]) == 1:
        chunks.pop(0)
    while len(chunks) > 1 and len(chunks[-1]) == 1 and not chunks[-1].isdigit():
        chunks.pop()
    return " ".join(chunks) if len(chunks) != len(text.split()) else text


def read_fields(
    rows: list[Row], skip_rows: set[int], free_before: dict[int, int] | None = None
) -> Fields:
    reader = FieldReader(rows, skip_rows, free_before)
    fields = reader.read()
    if fields.year is None:
        for row in rows[:40]:
            for tok in row.toks:
                m = _YEAR.search(tok.text)
                if m:
                    fields.year = int(m[1])
                    fields.year_text = m[0]
                    return fields
    return fields


__all__ = ["Fields", "Money", "amount_of", "figures", "label_of", "read_fields"]
