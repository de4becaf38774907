"""Integrated-system rows glued together by a PDF text extraction are read by cell shape (#15)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfdecl.convert.glued import read_row, split_rows
from perfdecl.convert.importer import import_bytes


@pytest.mark.parametrize(
    ("text", "name", "cells"),
    [
        (
            "路面修复率%定量指标95%97%100%55是",
            "路面修复率",
            {
                "unit": "%",
                "nature": "定量指标",
                "value": "95%",
                "actual": "97%",
                "coefficient": "100%",
                "weight": "5",
                "score": "5",
                "core": "是",
            },
        ),
        (
            "培训人次人次300人次320人次100%1010否",
            "培训人次",
            {
                "unit": "人次",
                "value": "300人次",
                "actual": "320人次",
                "weight": "10",
                "score": "10",
                "core": "否",
            },
        ),
        (
            "群众满意程度高高100%44否",
            "群众满意程度",
            {"value": "高", "actual": "高", "weight": "4", "score": "4"},
        ),
        (
            "项目调整率%5%4%0100%33否",
            "项目调整率",
            {"value": "5%", "adjusted": "4%", "actual": "0", "coefficient": "100%"},
        ),
        ("经费变动率%100%22否", "经费变动率", {"unit": "%", "coefficient": "100%"}),
        ("2、验收合格率%100%100%100%107.5是", "验收合格率", {"weight": "10", "score": "7.5"}),
    ],
)
def test_a_glued_row_is_read_by_cell_shape(text: str, name: str, cells: dict[str, str]) -> None:
    row = read_row(text)
    assert row is not None
    assert row.name == name
    got = dict(row.cells)
    for role, cell in cells.items():
        assert got.get(role) == cell, (role, got)
    assert "value" in got or "value" not in cells


def test_weight_and_score_that_cannot_be_halved_are_reported() -> None:
    guessed = read_row("完成率%100%100%100%125是")
    assert guessed is not None
    assert (dict(guessed.cells)["weight"], dict(guessed.cells)["score"]) == ("12", "5")
    assert guessed.doubtful == "125"
    whole = read_row("完成率%100%100%100%19是")
    assert whole is not None
    assert dict(whole.cells)["weight"] == "19" and "score" not in dict(whole.cells)
    assert whole.doubtful == "19"
    result = import_bytes(DOC.replace("1010否", "19否").encode(), file="glued.txt")
    assert any(p.code == "PD414" and "19" in p.message.en for p in result.problems)


def test_rows_end_at_yes_or_no_after_a_figure_only() -> None:
    rows, rest = split_rows("规章制度建立与否%100%100%100%22否资金到位率%100%100%100%33是公共")
    assert rows == ["规章制度建立与否%100%100%100%22否", "资金到位率%100%100%100%33是"]
    assert rest == "公共"


DOC = (
    "部门整体绩效自评表\n"
    "2023年度\n"
    "指标名称计量单位指标性质年初指标值调整指标值全年完成值得分系数(%)指标权重(分)指标得分(分)"
    "是否核心指标路面修复率%定量指标95%97%100%55是培训人次人次300人次320人次100%1010否\n"
    "2、群众满意程度高高100%44否\n"
)


def _items(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for l1 in data["indicators"] for i in l1.get("items", [])]


def test_a_glued_self_evaluation_table_imports_its_declared_targets() -> None:
    result = import_bytes(DOC.encode(), file="glued.txt")
    assert result.data is not None
    items = _items(result.data)
    assert [(i["text"], i.get("value_text"), i.get("unit")) for i in items] == [
        ("路面修复率", "95%", "%"),
        ("培训人次", "300人次", "人次"),
        ("群众满意程度", "高", None),
    ]
    assert items[0]["core"] is True and items[1]["core"] is False
    assert items[1]["weight"] == 10
    assert items[2]["kind"] == "qualitative"


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="率人次%高好是否定量指标0123456789.、名称", max_size=80))
def test_reading_glued_text_never_crashes_and_keeps_slices(text: str) -> None:
    rows, rest = split_rows(text)
    assert "".join(rows) + rest == text
    for r in rows:
        row = read_row(r)
        if row is not None:
            assert row.name and row.name in r
            for _, cell in row.cells:
                assert cell in r
