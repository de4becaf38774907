"""Walk a declaration's indicator table with JSON pointers and canonical levels.

Every rule (and diff and render) needs the same three nested loops plus the pointer of each row
and the canonical 一级/二级 names; this module is the one place that knows how to produce them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from perfdecl.frameworks import Level1Name, Level2Name, canonical_level1, canonical_level2
from perfdecl.model import Declaration, Group, Indicator, Level1


@dataclass(frozen=True, slots=True)
class Level1Row:
    index: int
    level1: Level1
    name: Level1Name
    pointer: str  # /indicators/{i}

    @property
    def canonical(self) -> str | None:
        return self.name.level1


@dataclass(frozen=True, slots=True)
class GroupRow:
    parent: Level1Row
    index: int
    group: Group
    name: Level2Name
    pointer: str  # /indicators/{i}/groups/{j}

    @property
    def canonical(self) -> str | None:
        return self.name.level2

    @property
    def level1(self) -> str | None:
        return self.parent.canonical


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """One 三级 indicator with where it sits and what its 一级/二级 mean."""

    group_row: GroupRow
    index: int
    item: Indicator
    pointer: str  # /indicators/{i}/groups/{j}/items/{k}

    @property
    def text_pointer(self) -> str:
        return f"{self.pointer}/text"

    @property
    def level1(self) -> str | None:
        return self.group_row.parent.canonical

    @property
    def level2(self) -> str | None:
        return self.group_row.canonical

    @property
    def text(self) -> str:
        return self.item.text


def level1_rows(decl: Declaration) -> Iterator[Level1Row]:
    for i, level1 in enumerate(decl.indicators):
        yield Level1Row(i, level1, canonical_level1(level1.name), f"/indicators/{i}")


def groups_of(l1: Level1Row) -> Iterator[GroupRow]:
    """The 二级 groups of one 一级 row."""
    for j, group in enumerate(l1.level1.groups):
        yield GroupRow(l1, j, group, canonical_level2(group.name), f"{l1.pointer}/groups/{j}")


def items_of(g: GroupRow) -> Iterator[IndicatorRow]:
    """The 三级 indicators of one 二级 group."""
    for k, item in enumerate(g.group.items):
        yield IndicatorRow(g, k, item, f"{g.pointer}/items/{k}")


def group_rows(decl: Declaration) -> Iterator[GroupRow]:
    for l1 in level1_rows(decl):
        yield from groups_of(l1)


def indicator_rows(decl: Declaration) -> Iterator[IndicatorRow]:
    """Every indicator in table order, with pointer ``/indicators/{i}/groups/{j}/items/{k}``."""
    for g in group_rows(decl):
        yield from items_of(g)


__all__ = [
    "GroupRow",
    "IndicatorRow",
    "Level1Row",
    "group_rows",
    "groups_of",
    "indicator_rows",
    "items_of",
    "level1_rows",
]
