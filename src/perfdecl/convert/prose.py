"""Targets written as running text (绩效目标设定的公示, layout P8): no table, one paragraph per 一级.

A notice states its targets as sentences under numbered 一级 headings::

    一、 产出指标
    数量指标:★种植数量(≥**株)>=17600株;种植作物成活率(≥**%)>=85;时效指标:完成及时率(≥**%)>=100%。
    二、 效益指标
    经济效益指标:产业产值(≥**万元)≥80万元,增加收入(≥**万元)≥80万元;生态效益指标:生态修复功能提高。

The reader is driven by the same level tables as the ruled one (``LEVEL1_NAMES`` /
``LEVEL2_NAMES`` of :mod:`perfdecl.convert.layouts`; ``…目标`` is read as ``…指标``): a heading
line sets the 一级; in its paragraph, sentences end at ``;；。``, a level name followed by ``:`` or
``,`` sets the 二级, and a comma ends an item only after a value (so ``种植数量,黄金蜜种植数量
(≥**株)>=17600株`` stays one item). An item's value is what follows a template placeholder
``(≥**株)``, else a value at its end; an item with no figure is a qualitative phrase. Texts stay
verbatim; only recognition is normalised.

The notice's header is prose too: the project is the ``实施…项目`` of the opening paragraph,
the money the first ``资金N万元`` there, and the unit the signature above the closing date.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from perfdecl.convert.grid import Grid, Line, norm
from perfdecl.convert.table import Item, level_of, split_trailing_value

_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[(（][一二三四五六七八九十]+[)）])\s*"
)
_SENTENCE = re.compile(r"[;；。]")
_COMMA = re.compile(r"[,，]")
_LEVEL_LEAD = re.compile(r"^\s*([^:：,，;；。]{2,16}?)\s*[:：,，]\s*")
_PLACEHOLDER = re.compile(r"[(（]\s*[≥≤<>=≧≦]*\s*(?:\*\*|XX|xx|××)[^)）]{0,12}[)）]")
_STARS = re.compile(r"^[★☆*]+")
_PROJECT = re.compile(r"实施([^,，。;；:：]{4,80}?项目)[,，。;；]")
_MONEY = re.compile(r"资金\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(万元|元|万)")
_DATE_LINE = re.compile(r"^\s*(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
_SIGNATURE = re.compile(r"^[\u4e00-\u9fff()（）]{4,30}$")
MAX_PROSE_CHARS = 200_000
"""A longer document is not read as prose (the ruled readers have already had their turn)."""


def _level_key(text: str) -> str:
    key = norm(text)
    return key[:-2] + "指标" if key.endswith("目标") else key


def _level(text: str) -> tuple[bool, bool]:
    """(一级, 二级) for a prose level name; ``社会效益目标`` reads as ``社会效益指标``."""
    can1, can2 = level_of(text)
    if not (can1 or can2):
        can1, can2 = level_of(_level_key(text))
    return can1, can2


@dataclass(slots=True)
class ProseHeader:
    """What a notice's prose says about the project: name, money (amount, unit), signature."""

    name: tuple[str, str] | None = None  # (text, where)
    money: tuple[str, str, str] | None = None  # (amount, unit, where)
    unit: tuple[str, str] | None = None  # (text, where)
    placed: set[str] = field(default_factory=set)  # where of every line read (headings too)


class ProseReader:
    def __init__(self) -> None:
        self.items: list[Item] = []
        self.l1: str | None = None
        self.l2: str | None = None
        self.placed: set[str] = set()

    def heading(self, text: str) -> str | None:
        """The 一级 a heading line names (``一、 产出指标``), and the text after it."""
        m = _HEADING.match(text)
        rest = text[m.end() :] if m else text
        lead = _LEVEL_LEAD.match(rest)
        name = lead[1] if lead else rest.strip()
        can1, _ = _level(name)
        if not can1 or (m is None and lead is None):
            return None
        self.l1, self.l2 = name.strip(), None
        return rest[lead.end() :] if lead else ""

    def paragraph(self, text: str, where: str) -> None:
        for sentence in _SENTENCE.split(text):
            pending = ""
            for piece in _COMMA.split(sentence):
                piece = self._levels(piece) if not pending else piece
                if not piece.strip():
                    continue
                joined = f"{pending},{piece}" if pending else piece
                if self._has_value(piece):
                    self._item(joined, where)
                    pending = ""
                else:
                    pending = joined
            if pending.strip():
                self._item(pending, where)

    def _levels(self, piece: str) -> str:
        """Leading level names (``效益指标:经济效益指标:``) set the levels; the rest is returned."""
        rest = piece
        for _ in range(3):
            lead = _LEVEL_LEAD.match(rest)
            bare = rest.strip()
            name = lead[1] if lead else bare
            can1, can2 = _level(name)
            if not (can1 or can2):
                return rest
            if can2 and (not can1 or (self.l1 is not None and _level_key(self.l1) != norm(name))):
                self.l2 = name.strip()
            elif can1:
                self.l1, self.l2 = name.strip(), None
            rest = rest[lead.end() :] if lead else ""
        return rest

    @staticmethod
    def _has_value(piece: str) -> bool:
        if _PLACEHOLDER.search(piece):
            return True
        return split_trailing_value(piece.strip()) is not None and bool(re.search(r"\d", piece))

    def _item(self, text: str, where: str) -> None:
        text = text.strip()
        if len(norm(text)) < 2:
            return
        found = list(_PLACEHOLDER.finditer(text))
        m = found[-1] if found else None
        item = Item(self.l1, self.l2, text, where)
        if m is not None and text[m.end() :].strip():
            item.name, value = text[: m.end()].strip(), text[m.end() :].strip()
            item.values.append(("value", value, where))
        else:
            split = split_trailing_value(text) if re.search(r"\d", text) else None
            if split is not None:
                item.name = split[0]
                item.values.append(("value", split[1], where))
            elif m is None:
                item.qualitative = True
        self.items.append(item)
        self.placed.add(where)


def read_prose(grid: Grid) -> tuple[list[Item], ProseHeader]:
    """Indicator rows written as sentences under 一级 headings, and the notice's header."""
    lines = [b for b in grid.blocks if isinstance(b, Line)]
    if sum(len(b.text) for b in lines) > MAX_PROSE_CHARS:
        return [], ProseHeader()
    reader = ProseReader()
    in_section = False
    for line in lines:
        rest = reader.heading(line.text)
        if rest is not None:
            in_section = True
            reader.placed.add(line.where)
            if rest.strip():
                reader.paragraph(rest, line.where)
            continue
        if in_section and _looks_targets(line.text):
            reader.paragraph(line.text, line.where)
        else:
            in_section = False
    if not reader.items:
        return [], ProseHeader()
    header = _header(lines)
    header.placed = reader.placed
    return reader.items, header


def _looks_targets(text: str) -> bool:
    lead = _LEVEL_LEAD.match(text)
    return bool(lead and any(_level(lead[1]))) or bool(_PLACEHOLDER.search(text))


def _header(lines: list[Line]) -> ProseHeader:
    out = ProseHeader()
    for line in lines:
        if out.name is None:
            m = _PROJECT.search(line.text)
            if m:
                out.name = (m[1].strip(), line.where)
        if out.money is None:
            m = _MONEY.search(line.text)
            if m:
                unit = "万元" if m[2] == "万" else m[2]
                out.money = (m[1], unit, line.where)
    for before, line in itertools.pairwise(lines):
        if _DATE_LINE.match(line.text) and _SIGNATURE.match(before.text.strip()):
            out.unit = (before.text.strip(), before.where)
    return out


__all__ = ["ProseHeader", "read_prose"]
