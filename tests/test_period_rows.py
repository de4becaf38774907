"""Rows of the multi-year (中期) table, ``indicators_period``, meet the row rules as the annual
rows do (their wording, target and unit), located under ``/indicators_period``; the rules that
judge the year or the table as a whole (dates in the year, the quantitative share) leave them."""

from __future__ import annotations

import dataclasses
import textwrap

import pytest

from perfdecl.lint import check_bytes
from perfdecl.loader import load_text
from perfdecl.model.build import build
from perfdecl.model.rows import (
    GroupRow,
    IndicatorRow,
    Level1Row,
    all_group_rows,
    all_indicator_rows,
    all_level1_rows,
    indicator_rows,
)
from perfdecl.rules._util import is_quantified

DECL = textwrap.dedent(
    """\
    schema_version: 1
    year: 2021
    framework: central_2021
    kind: project
    unit: 某县图书馆
    head: 张三
    project: {name: 图书借阅服务, amount: 40}
    goals: {strands: [{id: g1, text: 做好图书借阅服务}]}
    indicators:
      - id: out
        name: 产出指标
        groups:
          - name: 数量指标
            items:
              - {id: out.qty.1, text: 发放借书证, value_text: ≥50张}
    indicators_period:
      - id: mid
        name: 产出指标
        groups:
          - name: 数量指标
            items:
              - {id: mid.qty.1, text: 2021-2023年发放借书证, value_text: ≥150张}
          - name: 质量指标
            items:
              - {id: mid.qual.1, text: 借阅服务水平进一步提升}
              - {id: mid.qual.2, text: 是否按标准完成借阅服务}
          - name: 时效指标
            items:
              - {id: mid.time.1, text: 2023年12月31日前完成全部借阅服务}
          - name: 风采指标
            items:
              - {id: mid.x.1, text: 读者活动不少于6场}
    """
)


def _codes_at(prefix: str) -> dict[str, set[str]]:
    result = check_bytes(DECL.encode(), file="period.yaml")
    found: dict[str, set[str]] = {}
    for p in result.problems:
        if p.pointer.startswith(prefix):
            found.setdefault(p.code, set()).add(p.pointer)
    return found


def test_the_walk_gives_both_tables_in_order() -> None:
    loaded = load_text(DECL, file="period.yaml")
    assert loaded.data is not None
    decl, problems = build(loaded.data, loaded.source, "period.yaml")
    assert decl is not None and not problems
    assert [r.item.id for r in indicator_rows(decl)] == ["out.qty.1"]
    rows = list(all_indicator_rows(decl))
    assert [r.item.id for r in rows] == [
        "out.qty.1",
        "mid.qty.1",
        "mid.qual.1",
        "mid.qual.2",
        "mid.time.1",
        "mid.x.1",
    ]
    assert rows[1].pointer == "/indicators_period/0/groups/0/items/0"
    assert [r.group_row.parent.period for r in rows] == [False] + [True] * 5
    assert [g.pointer for g in all_group_rows(decl)][-1] == "/indicators_period/0/groups/3"
    assert [r.pointer for r in all_level1_rows(decl)] == ["/indicators/0", "/indicators_period/0"]


def test_row_rules_check_multi_year_rows() -> None:
    found = _codes_at("/indicators_period/")
    assert found["PD215"] == {"/indicators_period/0/groups/1/items/0/text"}  # 进一步提升
    assert found["PD216"] == {"/indicators_period/0/groups/1/items/1/text"}  # 是否…
    assert found["PD205"] == {"/indicators_period/0/groups/3/name"}  # 风采指标: no such 二级


def test_year_rules_leave_multi_year_rows() -> None:
    found = _codes_at("/indicators_period/")
    assert "PD220" not in found  # 2023年 is inside a multi-year table's period
    assert "PD224" not in found


def test_the_tables_rows_are_the_rows_their_class_makes() -> None:
    """The table makes its rows and groups by calling their classes (``__new__`` fills a mutable
    twin, then gives it the class): each is what ``IndicatorRow(...)`` / ``GroupRow(...)`` makes
    from its init fields, every field (those outside ``==`` too), with the derived fields
    taken from its group, 一级 and item, and frozen."""
    loaded = load_text(DECL, file="period.yaml")
    decl, _ = build(loaded.data, loaded.source, "period.yaml")
    assert decl is not None
    rows = list(all_indicator_rows(decl))
    assert len(rows) == 6
    for row in rows:
        made = IndicatorRow(row.group_row, row.index, row.item, row.pointer)
        assert type(row) is IndicatorRow and row == made
        for f in dataclasses.fields(IndicatorRow):
            assert getattr(row, f.name) == getattr(made, f.name), f.name
        g = row.group_row
        assert (row.level1, row.level2) == (g.level1, g.canonical)
        assert (
            row.pointer == f"{g.pointer}/items/{row.index}" and row.item is g.group.items[row.index]
        )
        assert (row.text, row.text_pointer) == (row.item.text, f"{row.pointer}/text")
        assert row.targets is row.item.targets and row.kind is row.item.kind
        assert row.value_text == row.item.value_text
        with pytest.raises(dataclasses.FrozenInstanceError):
            row.index = 0  # type: ignore[misc]
    assert all(row.quantified is None for row in rows)  # worked out at the first asking
    assert is_quantified(rows[0]) is rows[0].quantified is not None
    for l1 in all_level1_rows(decl):
        made_level1 = Level1Row(l1.index, l1.level1, l1.name, l1.pointer)
        assert type(l1) is Level1Row and l1 == made_level1
        assert l1.canonical == made_level1.canonical == l1.name.level1
        with pytest.raises(dataclasses.FrozenInstanceError):
            l1.index = 0  # type: ignore[misc]
    groups = list(all_group_rows(decl))
    assert len(groups) == 5
    for g in groups:
        made_group = GroupRow(g.parent, g.index, g.group, g.name, g.pointer, g.flat)
        assert type(g) is GroupRow and g == made_group and not g.flat
        for f in dataclasses.fields(GroupRow):
            assert getattr(g, f.name) == getattr(made_group, f.name), f.name
        assert (g.canonical, g.level1) == (g.name.level2, g.parent.canonical)
        assert g.pointer == f"{g.parent.pointer}/groups/{g.index}"
        with pytest.raises(dataclasses.FrozenInstanceError):
            g.index = 0  # type: ignore[misc]
