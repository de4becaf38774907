"""Layouts: a classic project form and an integrated-system export, built as real xlsx, docx, HTML
and PDF files with merged cells, import to the same data as their text version."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest

from perfdecl.convert.importer import import_bytes
from perfdecl.convert.yamlwrite import dumps
from perfdecl.loader import load_text
from perfdecl.model.build import build

from . import import_builders as build_file

TITLE = "项目支出绩效目标申报表(2024年度)"
CLASSIC: list[list[str | None]] = [
    ["项目名称", "农村公路养护工程", "主管部门", "[015001]某县交通运输局"],
    ["实施单位", "某县公路事务中心", "项目属性", "持续性项目"],
    ["项目资金(万元)", "年度资金总额:", "120.50", ""],
    [None, "其中:财政拨款", "100.50", ""],
    [None, "其他资金", "20", ""],
    ["年度目标", "完成农村公路养护120公里，路况优良率达到85%。", "", ""],
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "养护里程", "≥120公里"],
    [None, None, "桥梁检查座数", "36座"],
    [None, "质量指标", "路况优良率", "≥85%"],
    [None, "时效指标", "完成时间", "2024年12月底"],
    [None, "成本指标", "每公里养护成本", "≤1万元/公里"],
    ["效益指标", "社会效益指标", "群众出行条件", "持续改善"],
    ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%"],
]

INTEGRATED: list[list[str | None]] = [
    ["项目名称", "义务教育营养改善计划", "", "", "", "", ""],
    ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重"],
    ["产出指标", "数量指标", "受助学生人数", "≧", "735", "人次", "30"],
    [None, "质量指标", "营养改善覆盖率", "═", "100", "%", "30"],
    ["效益指标", "社会效益指标", "政策知晓率", "≥", "95", "%", "20"],
    ["满意度指标", "服务对象满意度指标", "家长满意度", "≥", "95", "%", "20"],
]


def rows_of(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    out = []
    for l1 in data.get("indicators", []):
        for g in l1.get("groups", []):
            for item in g["items"]:
                targets = [
                    (t["comparison"], t.get("value"), t.get("unit"))
                    for t in item.get("targets", [])
                ]
                out.append(
                    (
                        re.sub(r"\s+", "", l1["name"]),
                        re.sub(r"\s+", "", g["name"]),
                        re.sub(r"\s+", "", item["text"]),
                        re.sub(r"\s+", "", item.get("value_text", "")),
                        item.get("nature"),
                        item.get("unit"),
                        item.get("weight"),
                        tuple(targets),
                    )
                )
    return out


def loads_clean(data: dict[str, Any]) -> None:
    loaded = load_text(dumps(data))
    assert loaded.problems == []
    decl, problems = build(loaded.data, loaded.source, "<import>")
    assert problems == [] and decl is not None, problems


def test_classic_text_version() -> None:
    result = import_bytes(build_file.text(CLASSIC, TITLE), file="form.txt")
    assert result.ok, [p.message.en for p in result.problems]
    data = result.data
    assert data is not None
    loads_clean(data)
    assert data["year"] == 2024 and data["kind"] == "project"
    assert data["project"]["name"] == "农村公路养护工程"
    assert data["supervisor"] == {"name": "某县交通运输局", "code": "015001", "label": "主管部门"}
    budget = data["project"]["budget"]
    assert budget["total"] == Decimal("120.50") and budget["unit"] == "万元"
    assert [(s["label"], s["amount"]) for s in budget["sources"]] == [
        ("其中:财政拨款", Decimal("100.50")),
        ("其他资金", Decimal("20")),
    ]
    rows = rows_of(data)
    assert [r[2] for r in rows] == [
        "养护里程",
        "桥梁检查座数",
        "路况优良率",
        "完成时间",
        "每公里养护成本",
        "群众出行条件",
        "沿线群众满意度",
    ]
    assert rows[0][7] == ((">=", Decimal("120"), "公里"),)
    assert rows[1][7] == (("=", Decimal("36"), "座"),)  # printed without a comparison: implied =
    assert rows[1][0] == "产出指标" and rows[1][1] == "数量指标"  # merged cells hold below
    implied = [p for p in result.problems if p.code == "PD411"]
    assert any("36座" in p.message.en for p in implied)


@pytest.mark.parametrize("kind", sorted(build_file.WRITERS))
def test_classic_every_format_gives_the_text_data(kind: str) -> None:
    expected = import_bytes(build_file.text(CLASSIC, TITLE), file="form.txt").data
    assert expected is not None
    result = import_bytes(build_file.WRITERS[kind](CLASSIC, TITLE), file=f"form.{kind}")
    assert result.data is not None, [p.message.en for p in result.problems]
    got = result.data
    assert rows_of(got) == rows_of(expected)
    assert got["project"] == expected["project"]
    assert got["year"] == expected["year"]
    loads_clean(got)


@pytest.mark.parametrize("kind", ["text", *sorted(build_file.WRITERS)])
def test_integrated_columns_map_by_header(kind: str) -> None:
    writer = build_file.text if kind == "text" else build_file.WRITERS[kind]
    result = import_bytes(writer(INTEGRATED, "2022年度项目支出绩效目标表"), file=f"x.{kind}")
    assert result.data is not None, [p.message.en for p in result.problems]
    rows = rows_of(result.data)
    assert [r[2:7] for r in rows] == [
        ("受助学生人数", "735", "≧", "人次", Decimal("30")),
        ("营养改善覆盖率", "100", "═", "%", Decimal("30")),
        ("政策知晓率", "95", "≥", "%", Decimal("20")),
        ("家长满意度", "95", "≥", "%", Decimal("20")),
    ]
    assert rows[1][7] == (("=", Decimal("100"), "%"),)
    assert rows[1][1] == "质量指标" and rows[1][0] == "产出指标"
    loads_clean(result.data)


def test_damage_is_reported_not_guessed() -> None:
    damaged = [list(r) for r in CLASSIC]
    damaged[9] = [None, "质量指标", "路况优良率(≥**%)", "285%"]  # ≥ read as 2; placeholder left
    damaged[3] = [None, "其中:财政拨款", "10050", ""]  # the decimal point lost
    result = import_bytes(build_file.text(damaged, TITLE), file="form.txt")
    codes = {p.code for p in result.problems}
    assert {"PD413", "PD415", "PD412"} <= codes, codes
    assert result.data is not None
    values = [r[3] for r in rows_of(result.data)]
    assert "285%" in values  # kept as printed
