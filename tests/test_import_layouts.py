"""Layouts: a classic project form and an integrated-system export, built as real xlsx, docx, HTML
and PDF files with merged cells, import to the same data as their text version."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
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


def _cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "perfdecl", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_several_projects_one_file_each_or_exit_2(tmp_path: Path) -> None:
    other = [list(r) for r in CLASSIC]
    other[0][1] = "乡村道路硬化工程"
    form = tmp_path / "two.txt"
    form.write_bytes(build_file.text(CLASSIC, TITLE) + build_file.text(other, TITLE))
    done = _cli(["import", "--lang", "en", str(form)], tmp_path)
    assert done.returncode == 2 and "PD410" in done.stderr and done.stdout == ""
    assert "农村公路养护工程" in done.stderr and "乡村道路硬化工程" in done.stderr
    done = _cli(["import", "--lang", "en", str(form), "-o", "out.yaml"], tmp_path)
    assert done.returncode == 2 and not (tmp_path / "out.yaml").exists()
    done = _cli(["import", str(form), "-o", "decl/"], tmp_path)
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in (tmp_path / "decl").iterdir())
    assert names == ["two-1.yaml", "two-2.yaml"]
    assert "乡村道路硬化工程" in (tmp_path / "decl" / "two-2.yaml").read_text(encoding="utf-8")
    done = _cli(["import", str(form), "--project", "2"], tmp_path)
    assert done.returncode == 0 and "乡村道路硬化工程" in done.stdout
    assert "农村公路养护工程" not in done.stdout


def test_explain_names_the_layout_and_the_labels(tmp_path: Path) -> None:
    form = tmp_path / "form.xlsx"
    form.write_bytes(build_file.xlsx(INTEGRATED, "2022年度项目支出绩效目标表"))
    done = _cli(["import", "--explain", str(form)], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "type xlsx" in done.stdout
    assert "integrated" in done.stdout and "found:" in done.stdout and "missing:" in done.stdout
    assert "指标性质 (nature)" in done.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["form.xlsx"]


def test_a_self_evaluation_report_with_no_table_is_refused(tmp_path: Path) -> None:
    form = tmp_path / "report.txt"
    form.write_text(
        "2023年度部门整体支出绩效评价自评报告\n部门(单位)名称:某局\n评价方式:部门(单位)绩效自评\n"
        "评价机构:部门(单位)评价组\n人员编制\n21\n实有人数\n21\n",
        encoding="utf-8",
    )
    done = _cli(["import", "--lang", "en", str(form), "-o", "out.yaml"], tmp_path)
    assert done.returncode == 1 and "PD417" in done.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_an_unrecognised_form_writes_nothing_unless_partial(tmp_path: Path) -> None:
    form = tmp_path / "form.txt"
    form.write_text("项目名称\t某项目\n主管部门\t某局\n年度资金总额:\t12\n", encoding="utf-8")
    done = _cli(["import", "--lang", "en", str(form), "-o", "out.yaml"], tmp_path)
    assert done.returncode == 1 and "PD405" in done.stderr and "--explain" in done.stderr
    assert not (tmp_path / "out.yaml").exists()
    done = _cli(["import", "--lang", "en", str(form), "-o", "out.yaml", "--partial"], tmp_path)
    assert done.returncode == 0
    assert "某项目" in (tmp_path / "out.yaml").read_text(encoding="utf-8")
