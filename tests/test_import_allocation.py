"""A transfer payment's allocation table (资金安排表) imports to transfer.allocations (issue 15)."""

from __future__ import annotations

from decimal import Decimal

from perfdecl.convert.importer import import_bytes
from perfdecl.convert.yamlwrite import dumps
from perfdecl.loader import load_text
from perfdecl.model.build import build

TARGETS = """附件2 |
某补助资金区域绩效目标表 |
(2024年度) |
专项名称 | 农村公路养护补助资金 |
中央主管部门 | 交通运输部 |
一级指标 | 二级指标 | 三级指标 | 指标值 |
产出指标 | 数量指标 | 养护里程 | ≥120公里 |
"""

GROUPED = """附件1 |
2024年农村公路养护补助资金安排表 |
单位:元 |
单 位 | 全年补助资金 | 其中:中央补助 | 其中:省级补助 |
小计 | 提前下达 | 本次下达 | 小计 | 提前下达 | 本次下达 |
甲县公路事务中心 | 1,000,000 | 600,000 | 400,000 | 200,000 | 400,000 | 300,000 | 100,000 |
乙县公路事务中心 | 500,000 | 300,000 | 300,000 | 0 | 200,000 | 100,000 | 100,000 |
"""

FLAT = """单位:万元 |
单位 | 补助资金合计 | 中央资金 | 省级资金 |
甲县 | 150 | 100 | 50 |
"""


def test_grouped_columns_under_merged_headers_are_placed_by_count() -> None:
    result = import_bytes((GROUPED + TARGETS).encode(), file="t.txt")
    assert result.data is not None
    rows = result.data["transfer"]["allocations"]
    assert [r["unit"] for r in rows] == ["甲县公路事务中心", "乙县公路事务中心"]
    first = rows[0]["budget"]
    assert (first["label"], first["unit"], first["total"]) == (
        "全年补助资金",
        "元",
        Decimal("1000000"),
    )
    assert first["sources"][1] == {
        "label": "其中:省级补助",
        "amount": Decimal("400000"),
        "parts": [
            {"label": "提前下达", "amount": Decimal("300000")},
            {"label": "本次下达", "amount": Decimal("100000")},
        ],
    }
    loaded = load_text(dumps(result.data))
    assert isinstance(loaded.data, dict)
    decl, problems = build(loaded.data, loaded.source, "t.yaml")
    assert decl is not None and decl.transfer is not None, [p.message.en for p in problems]
    assert decl.transfer.allocations[1].budget.total == Decimal("500000")


def test_one_figure_per_header() -> None:
    result = import_bytes((FLAT + TARGETS).encode(), file="t.txt")
    assert result.data is not None
    budget = result.data["transfer"]["allocations"][0]["budget"]
    assert budget["unit"] == "万元" and budget["total"] == Decimal("150")
    assert [(s["label"], s["amount"]) for s in budget["sources"]] == [
        ("中央资金", Decimal("100")),
        ("省级资金", Decimal("50")),
    ]


def test_a_row_whose_figures_fit_no_shape_is_left_out() -> None:
    broken = GROUPED.replace("| 100,000 |\n乙县", "|\n乙县")  # one figure lost
    result = import_bytes((broken + TARGETS).encode(), file="t.txt")
    assert result.data is not None
    assert "transfer" not in result.data


def test_a_project_form_without_a_central_supervisor_gets_no_allocations() -> None:
    project = TARGETS.replace("专项名称", "项目名称").replace("中央主管部门", "主管部门")
    result = import_bytes((FLAT + project).encode(), file="p.txt")
    assert result.data is not None
    assert "transfer" not in result.data
