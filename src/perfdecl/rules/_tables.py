"""The 三级 rows of each indicator table (annual and multi-year), by 一级, with the 一级's pointer:
the weight and points rules check each table on its own."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from perfdecl.model import Declaration, Indicator, Level1
from perfdecl.model.rows import declaration_memo


@dataclass(frozen=True, slots=True)
class Level1Items:
    pointer: str  # /indicators/{i} or /indicators_period/{i}
    level1: Level1
    items: tuple[Indicator, ...]  # its 三级: those of its groups first, then the flat rows


def tables(decl: Declaration) -> Iterator[tuple[str, tuple[Level1Items, ...]]]:
    """``("/indicators", …)`` and, when given, ``("/indicators_period", …)``; listed once a
    declaration (kept with its rows' table), as PD240 and PD241 both read them."""
    memo = declaration_memo(decl)
    found = memo.get("tables")
    if not isinstance(found, tuple):
        found = memo["tables"] = tuple(_tables(decl))
    return iter(found)


def _tables(decl: Declaration) -> Iterator[tuple[str, tuple[Level1Items, ...]]]:
    for key, table in (
        ("indicators", decl.indicators),
        ("indicators_period", decl.indicators_period),
    ):
        if table:
            yield f"/{key}", tuple(_level1(f"/{key}/{i}", l1) for i, l1 in enumerate(table))


def _level1(pointer: str, level1: Level1) -> Level1Items:
    # The rules that read these (weights, points) sum values and name the 一级 or the table,
    # never a row: no pointer is made for each row (two rules, every file).
    items = [item for group in level1.groups for item in group.items]
    items += level1.items
    return Level1Items(pointer, level1, tuple(items))
