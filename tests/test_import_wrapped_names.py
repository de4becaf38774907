"""A 三级 name wrapped over two lines of its cell, in a column printed as a list of names, is one
name again; two real rows are never merged (issue 15). Forms built for the test."""

from __future__ import annotations

from typing import Any

import pytest

from perfdecl.convert import layouts as L
from perfdecl.convert.importer import import_bytes
from perfdecl.convert.namelist import join_wrapped

HEAD = (
    "附件 3 水利发展资金区域绩效目标表 ( 2026 年度) 专项名称 水利发展资金 主管部门 某市水利局 "
    "资金额度 560 万 年度总体目标 目标 1:治理中小河流。 一级 指标 二级指标 三级指标 "
)
# 治理中小河流重点河段堤防加固工程项目 / 处数: one name, wrapped where the cell ends
NAMES = (
    "新建堤防长度 治理中小河流重点河段堤防加固工程项目 处数 绩 效 指 标 产 出 指 标 数量指标 "
    "水毁工程修复座数 工程验收合格率 质量指标 堤防达标率 效益指 标 社会效益 指标 "
    "保护耕地面积 满意度 指标 服务对象 沿河群众满意程度 满意度指标 指标值"
)
JOINED = "治理中小河流重点河段堤防加固工程项目处数"


def _names(data: dict[str, Any]) -> list[str]:
    return [
        i["text"]
        for l1 in data.get("indicators", [])
        for g in l1.get("groups", [])
        for i in g["items"]
    ]


def test_a_wrapped_name_in_a_text_list_is_joined() -> None:
    result = import_bytes((HEAD + NAMES).encode("utf-8"), file="list.txt")
    assert result.data is not None
    names = _names(result.data)
    assert JOINED in names and "处数" not in names
    assert len(names) == 7


def test_the_same_list_in_a_web_page() -> None:
    page = f"<html><body><p>{HEAD}{NAMES}</p></body></html>".encode()
    data = import_bytes(page, file="list.html").data
    assert data is not None and JOINED in _names(data)


def test_values_that_pair_with_every_name_keep_two_rows() -> None:
    # eight values for eight names: each is a real row with its value
    values = " ≥30公里 ≥4处 12座 100% ≥95% ≥1.2万亩 ≥90% ≥92%"
    data = import_bytes((HEAD + NAMES + values).encode("utf-8"), file="list.txt").data
    assert data is not None
    assert "处数" in _names(data) and JOINED not in _names(data)
    # seven values: the join makes them pair, one to one
    seven = " ≥30公里 ≥4处 12座 100% ≥95% ≥1.2万亩 ≥90%"
    data = import_bytes((HEAD + NAMES + seven).encode("utf-8"), file="list.txt").data
    assert data is not None and JOINED in _names(data)


@pytest.mark.parametrize(
    "pair",
    [
        ["带动群众增收", "受益人数"],  # the first is short: a real row of its own
        ["治理中小河流重点河段堤防加固处数", "受益人数"],  # the first is measured
        ["治理中小河流重点河段堤防加固工程项目", "沿河群众满意程度"],  # the second is long
        ["治理中小河流重点河段堤防加固工程项目", "保护"],  # the second is not measured
    ],
)
def test_two_real_rows_stay_two(pair: list[str]) -> None:
    words = [("name", "新建堤防长度"), *(("name", w) for w in pair), ("name", "工程验收合格率")]
    assert join_wrapped(words, 0, L.MEASURED_ENDINGS) == words


def test_a_level_label_between_is_never_joined_over() -> None:
    words = [
        ("name", "治理中小河流重点河段堤防加固工程项目"),
        ("level", "质量指标"),
        ("name", "处数"),
        ("name", "新建堤防长度"),
    ]
    assert join_wrapped(words, 0, L.MEASURED_ENDINGS) == words


def test_hostile_lists() -> None:
    long = "甲" * 30
    words = [("name", long), ("name", "个数")] * 900
    out = join_wrapped(words, 0, L.MEASURED_ENDINGS)
    assert all(t in (long + "个数",) for _, t in out)
    text = HEAD + " ".join([long, "个数"] * 500) + " 指标值"
    result = import_bytes(text.encode("utf-8"), file="list.txt")
    assert result.data is None or isinstance(result.data, dict)


ROWS_HEAD = "项目支出绩效目标表(2026年度)\n项目名称 | 堤防加固\n"


def _table(rows: list[str], sep: str = " | ") -> str:
    header = sep.join(["一级指标", "二级指标", "三级指标", "指标值"])
    return ROWS_HEAD + "\n".join([header, *rows]) + "\n"


@pytest.mark.parametrize("sep", [" | ", "  "])
def test_a_wrapped_name_in_a_text_table_is_joined(sep: str) -> None:
    rows = [
        sep.join(["产出指标", "数量指标", "新建堤防长度", "≥30公里"]),
        sep.join(["", "", "治理中小河流重点河段堤防加固工程项目", "≥4处"]).strip(" |"),
        "处数",
        sep.join(["满意度指标", "服务对象满意度指标", "沿河群众满意程度", "≥92%"]),
    ]
    data = import_bytes(_table(rows, sep).encode("utf-8"), file="rows.txt").data
    assert data is not None
    names = _names(data)
    assert JOINED in names and "处数" not in names


@pytest.mark.parametrize(
    "rows",
    [
        # a real row with its value on its own line
        ["产出指标 | 数量指标 | 治理中小河流重点河段堤防加固工程项目 | ≥4处", "处数 | 4处"],
        # the row above is measured: a short row after it is its own
        ["产出指标 | 数量指标 | 治理中小河流重点河段堤防加固处数 | ≥4处", "受益人数"],
        # the row above printed no value
        ["产出指标 | 数量指标 | 治理中小河流重点河段堤防加固工程项目", "处数"],
        # a level name on the line
        ["产出指标 | 数量指标 | 治理中小河流重点河段堤防加固工程项目 | ≥4处", "质量指标"],
    ],
)
def test_text_rows_that_are_not_a_wrap(rows: list[str]) -> None:
    data = import_bytes(_table(rows).encode("utf-8"), file="rows.txt").data
    assert data is not None
    assert JOINED not in _names(data)
