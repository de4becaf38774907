"""Walk a declaration's indicator table with JSON pointers and canonical levels.

Every rule (and diff and render) needs the same three nested loops plus the pointer of each row
and the canonical 一级/二级 names; this module is the one place that knows how to produce them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from perfdecl.model import Declaration, Group, Indicator, IndicatorKind, Level1, Target
from perfdecl.model.frameworks import (
    FrameworkSpec,
    Level1Name,
    Level2Name,
    canonical_level1,
    canonical_level2,
    find,
)
from perfdecl.problem import become, fill_twin, slot_setters


@dataclass(frozen=True, slots=True)
class Level1Row:
    """One 一级 row. ``canonical`` (its framework name) is set when the row is made, like the
    names of :class:`GroupRow` and :class:`IndicatorRow`, rather than read through a property:
    the rules ask it of every row."""

    index: int
    level1: Level1
    name: Level1Name
    pointer: str  # /indicators/{i}, or /indicators_period/{i} for the multi-year (中期) table
    canonical: str | None = field(init=False, compare=False, repr=False)

    def __init__(self, index: int, level1: Level1, name: Level1Name, pointer: str) -> None:
        fill = _LEVEL1_SLOTS
        fill[0](self, index)
        fill[1](self, level1)
        fill[2](self, name)
        fill[3](self, pointer)
        fill[4](self, name.level1)

    @property
    def period(self) -> bool:
        """True for a row of ``indicators_period`` (the 中期 table), False for the annual one."""
        return self.pointer.startswith("/indicators_period/")


_LEVEL1_SLOTS = slot_setters(Level1Row)


@dataclass(frozen=True, slots=True, init=False)
class GroupRow:
    """One 二级 group. ``canonical`` (its framework name) and ``level1`` (its 一级's) are set
    when the row is made rather than read through properties: some ten rules ask them of every
    group (170 property calls a file)."""

    parent: Level1Row
    index: int
    group: Group
    name: Level2Name
    pointer: str  # /indicators/{i}/groups/{j}; /indicators/{i} for a 一级 with no 二级
    flat: bool = False  # the 三级 listed directly under the 一级 (Level1.items), no 二级 printed
    canonical: str | None = field(default=None, init=False, compare=False, repr=False)
    level1: str | None = field(default=None, init=False, compare=False, repr=False)

    def __new__(
        cls,
        parent: Level1Row,
        index: int,
        group: Group,
        name: Level2Name,
        pointer: str,
        flat: bool = False,
    ) -> GroupRow:
        return _group_row(parent, index, group, name, pointer, flat)

    def __reduce__(self) -> tuple[type[GroupRow], tuple[object, ...]]:
        """Copied and pickled through ``__new__``, which takes the fields."""
        return GroupRow, (self.parent, self.index, self.group, self.name, self.pointer, self.flat)


_GroupFill = fill_twin(GroupRow)
_new_object = object.__new__


def _group_row(
    parent: Level1Row, index: int, group: Group, name: Level2Name, pointer: str, flat: bool
) -> GroupRow:
    """The one maker of a :class:`GroupRow` (``GroupRow(...)`` calls it, the table too, without
    the class call's cost): filled through its mutable twin (:func:`perfdecl.problem.fill_twin`),
    plain attribute stores where a frozen class's ``__init__`` calls each slot's ``__set__``."""
    row: Any = _new_object(_GroupFill)
    row.parent = parent
    row.index = index
    row.group = group
    row.name = name
    row.pointer = pointer
    row.flat = flat
    row.canonical = name.level2
    row.level1 = parent.canonical
    become(row, GroupRow)
    return row  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True, init=False)
class IndicatorRow:
    """One 三级 indicator with where it sits and what its 一级/二级 mean.

    ``level1``, ``level2``, ``text`` and ``text_pointer`` are read a thousand times a file by
    the rules (some sixteen times a row): they are set once, when the row is made, rather than
    worked out through two properties on every read (the models are frozen, so they stay true).
    So are the item's ``targets``, ``kind`` and ``value_text``, which the rules read some 1,500
    times a file: reading a field of a pydantic model costs five times a slot's read (the
    models' ``__getattr__`` hook keeps Python from specialising it: about 470 instructions
    against 90). Six rows in ten have no targets: the rules test ``row.targets`` before they
    loop over them, which spares an ``enumerate`` for each such row.
    """

    group_row: GroupRow
    index: int
    item: Indicator
    pointer: str  # /indicators/{i}/groups/{j}/items/{k}
    level1: str | None = field(init=False, compare=False, repr=False)
    level2: str | None = field(init=False, compare=False, repr=False)
    text: str = field(init=False, compare=False, repr=False)
    text_pointer: str = field(init=False, compare=False, repr=False)
    targets: list[Target] = field(init=False, compare=False, repr=False)
    kind: IndicatorKind | None = field(init=False, compare=False, repr=False)
    value_text: str | None = field(init=False, compare=False, repr=False)
    quantified: bool | None = field(default=None, init=False, compare=False, repr=False)
    """Whether the row states a number, worked out at the first asking (rules/_util.py's
    ``is_quantified``: PD210, PD214 and PD215 ask it of every row); None until then. A slot
    rather than a dict of such facts: one dict a row, made and freed for every file, and a
    look-up for every asking, for the one fact the rules share."""

    def __new__(
        cls, group_row: GroupRow, index: int, item: Indicator, pointer: str
    ) -> IndicatorRow:
        return _indicator_row(group_row, index, item, pointer)

    def __reduce__(self) -> tuple[type[IndicatorRow], tuple[object, ...]]:
        """Copied and pickled through ``__new__``, which takes the fields."""
        return IndicatorRow, (self.group_row, self.index, self.item, self.pointer)


_RowFill = fill_twin(IndicatorRow)


def _indicator_row(group_row: GroupRow, index: int, item: Indicator, pointer: str) -> IndicatorRow:
    """The one maker of an :class:`IndicatorRow` (``IndicatorRow(...)`` calls it, the table too,
    without the class call's cost, some eighty rows a file): filled through its mutable twin
    (:func:`perfdecl.problem.fill_twin`), plain attribute stores at about half the cost of a
    frozen class's ``__init__`` (``object.__setattr__`` or each slot's ``__set__``)."""
    row: Any = _new_object(_RowFill)
    row.group_row = group_row
    row.index = index
    row.item = item
    row.pointer = pointer
    row.level1 = group_row.level1
    row.level2 = group_row.canonical
    row.text = item.text
    row.text_pointer = f"{pointer}/text"
    row.targets = item.targets
    row.kind = item.kind
    row.value_text = item.value_text
    row.quantified = None
    become(row, IndicatorRow)
    return row  # type: ignore[no-any-return]


def _level1_rows(decl: Declaration, key: str = "indicators") -> Iterator[Level1Row]:
    fw = find(decl.framework)
    table: list[Level1] = decl.indicators_period if key == "indicators_period" else decl.indicators
    for i, level1 in enumerate(table):
        name = fw.level1_name(level1.name) if fw is not None else canonical_level1(level1.name)
        # Made by its own __init__: a file has a handful of 一级 rows, too few for a mutable
        # twin (as the groups and indicators have) to pay for a second place deriving its fields.
        yield Level1Row(i, level1, name, f"/{key}/{i}")


def _flat_group(l1: Level1Row) -> GroupRow | None:
    """The 三级 listed straight under a 一级 (no 二级 column), as one unnamed group."""
    if not l1.level1.items:
        return None
    group = Group(name="", items=l1.level1.items)
    return GroupRow(l1, -1, group, Level2Name("", None), l1.pointer, flat=True)


@dataclass(slots=True)
class _Table:
    """Every row of one declaration, built once: some thirty rules walk the same table."""

    level1: tuple[Level1Row, ...]
    children: dict[int, tuple[object, tuple[GroupRow, ...] | tuple[IndicatorRow, ...]]]
    groups: tuple[GroupRow, ...]
    indicators: tuple[IndicatorRow, ...]
    period_level1: tuple[Level1Row, ...] = ()
    period_groups: tuple[GroupRow, ...] = ()
    period_indicators: tuple[IndicatorRow, ...] = ()
    memo: dict[str, object] = field(default_factory=dict)
    """What the rules derive from the whole declaration and share (rules/_util.py's texts)."""


_last: tuple[Declaration, _Table] | None = None
"""The most recent declaration's table. One entry is enough (rules run one declaration at a time)
and keeps memory flat; holding the declaration keeps its ``id`` from being reused."""


def _table(decl: Declaration) -> _Table:
    global _last
    if _last is not None and _last[0] is decl:
        return _last[1]
    children: dict[int, tuple[object, tuple[GroupRow, ...] | tuple[IndicatorRow, ...]]] = {}
    fw = find(decl.framework)
    level1, groups, indicators = _walk(_level1_rows(decl), fw, children)
    period = _walk(_level1_rows(decl, "indicators_period"), fw, children)
    table = _Table(level1, children, groups, indicators, *period)
    _last = (decl, table)
    return table


def declaration_memo(decl: Declaration) -> dict[str, object]:
    """A dict that lives as long as ``decl``'s table (dropped with it by :func:`forget`), for
    what several rules derive from the whole declaration."""
    return _table(decl).memo


def forget() -> None:
    """Drop the cached table and the declaration it holds, once the rules are done with it.

    The batch runner calls this when a file is checked: kept until the next file, a finished
    declaration was walked by the cyclic collector when it resumed (about half a millisecond a
    file, all of it for nothing)."""
    global _last
    _last = None


def _walk(
    rows: Iterator[Level1Row],
    fw: FrameworkSpec | None,
    children: dict[int, tuple[object, tuple[GroupRow, ...] | tuple[IndicatorRow, ...]]],
) -> tuple[tuple[Level1Row, ...], tuple[GroupRow, ...], tuple[IndicatorRow, ...]]:
    level1 = tuple(rows)
    groups: list[GroupRow] = []
    indicators: list[IndicatorRow] = []
    for l1 in level1:
        its_groups = _group_rows_of(l1, fw)
        children[id(l1)] = (l1, its_groups)
        groups.extend(its_groups)
        flat = _flat_group(l1)
        for g in (*its_groups, flat) if flat is not None else its_groups:
            its_items = _rows_of(g)
            children[id(g)] = (g, its_items)
            indicators.extend(its_items)
    return level1, tuple(groups), tuple(indicators)


def _rows_of(g: GroupRow) -> tuple[IndicatorRow, ...]:
    """The 三级 rows of one group, with pointers ``{g.pointer}/items/{k}``."""
    prefix = f"{g.pointer}/items/"
    rows = []
    for k, item in enumerate(g.group.items):
        rows.append(_indicator_row(g, k, item, f"{prefix}{k}"))
    return tuple(rows)


def _group_rows_of(l1: Level1Row, fw: FrameworkSpec | None) -> tuple[GroupRow, ...]:
    """The 二级 groups of one 一级 row, with pointers ``{l1.pointer}/groups/{j}``."""
    name_of = fw.level2_name if fw is not None else canonical_level2
    prefix = f"{l1.pointer}/groups/"
    groups = []
    for j, group in enumerate(l1.level1.groups):
        groups.append(_group_row(l1, j, group, name_of(group.name), f"{prefix}{j}", False))
    return tuple(groups)


def _cached_children(row: object) -> tuple[object, ...] | None:
    if _last is None:
        return None
    found = _last[1].children.get(id(row))
    return found[1] if found is not None and found[0] is row else None


def level1_rows(decl: Declaration) -> Iterator[Level1Row]:
    return iter(_table(decl).level1)


def groups_of(l1: Level1Row) -> Iterator[GroupRow]:
    """The 二级 groups of one 一级 row."""
    cached = _cached_children(l1)
    return iter(cached if cached is not None else _group_rows_of(l1, None))  # type: ignore[arg-type]


def items_of(g: GroupRow) -> Iterator[IndicatorRow]:
    """The 三级 indicators of one 二级 group."""
    cached = _cached_children(g)
    return iter(cached if cached is not None else _rows_of(g))  # type: ignore[arg-type]


def group_rows(decl: Declaration) -> Iterator[GroupRow]:
    return iter(_table(decl).groups)


def indicator_rows(decl: Declaration) -> Iterator[IndicatorRow]:
    """Every indicator in table order, with pointer ``/indicators/{i}/groups/{j}/items/{k}``."""
    return iter(_table(decl).indicators)


def all_level1_rows(decl: Declaration) -> Iterator[Level1Row]:
    """The 一级 rows of the annual table, then those of the multi-year (中期) table."""
    table = _table(decl)
    return iter((*table.level1, *table.period_level1) if table.period_level1 else table.level1)


def all_group_rows(decl: Declaration) -> Iterator[GroupRow]:
    """The 二级 groups of the annual table, then those of the multi-year (中期) table."""
    table = _table(decl)
    return iter((*table.groups, *table.period_groups) if table.period_groups else table.groups)


def all_indicator_rows(decl: Declaration) -> Iterator[IndicatorRow]:
    """Every indicator of the annual table, then of the multi-year (中期) table
    (``/indicators_period/…``): for the rules that judge one row on its own (its wording, its
    target, its unit), which a 中期 row must meet as much as an annual one."""
    table = _table(decl)
    return iter(
        (*table.indicators, *table.period_indicators)
        if table.period_indicators
        else table.indicators
    )


__all__ = [
    "GroupRow",
    "IndicatorRow",
    "Level1Row",
    "all_group_rows",
    "all_indicator_rows",
    "all_level1_rows",
    "declaration_memo",
    "group_rows",
    "groups_of",
    "indicator_rows",
    "items_of",
    "level1_rows",
]
