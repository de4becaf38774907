"""A glued label that may be read with or without the 项目 before it: the project name keeps its
natural ending and the label stays a whole known one (issue 15). Forms built for the test."""

from __future__ import annotations

import io

import pytest

from perfdecl.convert.importer import import_bytes
from perfdecl.convert.tokens import line_cells

TABLE = "一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 改造户数 ≥260户\n"


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        # the name ends in 项目 and the label is 主管部门: not 某街巷改造 | 项目主管部门
        (
            "项目名称某街巷改造项目主管部门某区城管局",
            ["项目名称", "某街巷改造项目", "主管部门", "某区城管局"],
        ),
        # printed twice, the second 项目 is the label's
        (
            "项目名称某街巷改造项目项目主管部门某区城管局",
            ["项目名称", "某街巷改造项目", "项目主管部门", "某区城管局"],
        ),
        (
            "项目名称:某街巷改造项目实施单位:某街道办",
            ["项目名称:", "某街巷改造项目", "实施单位:", "某街道办"],
        ),
        # another field's value has no such ending: 某区城管局 | 项目负责人
        ("主管部门某区城管局项目负责人陈某", ["主管部门", "某区城管局", "项目负责人", "陈某"]),
        # 专项名称's value ends in 资金, not 项目
        ("专项名称某补助资金项目主管部门某厅", ["专项名称", "某补助资金", "项目主管部门", "某厅"]),
        # nothing between the labels: nothing to give
        ("项目名称项目主管部门某区城管局", ["项目名称", "项目主管部门", "某区城管局"]),
    ],
)
def test_cells(line: str, cells: list[str]) -> None:
    assert line_cells(line) == cells


def test_whole_form_in_text_and_docx() -> None:
    line = "项目名称某街巷改造项目主管部门某区城管局项目执行单位某街道办"
    text = f"项目支出绩效目标表(2025年度)\n{line}\n" + TABLE
    data = import_bytes(text.encode("utf-8"), file="form.txt").data
    assert data is not None
    assert data["project"]["name"] == "某街巷改造项目"
    assert data["supervisor"]["name"] == "某区城管局"
    assert data["implementer"]["name"] == "某街道办"

    from docx import Document

    document = Document()
    document.add_paragraph("项目支出绩效目标表(2025年度)")
    document.add_paragraph(line)
    table = document.add_table(rows=2, cols=4)
    for r, row in enumerate(
        [
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "改造户数", "≥260户"],
        ]
    ):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    data = import_bytes(out.getvalue(), file="form.docx").data
    assert data is not None
    assert data["project"]["name"] == "某街巷改造项目"
    assert data["supervisor"]["name"] == "某区城管局"


@pytest.mark.parametrize("n", [1, 50, 900])
def test_hostile_repeats(n: int) -> None:
    line = "项目名称" + "项目" * n + "主管部门某局"
    cells = line_cells(line)
    assert "".join(cells) == line  # slices of the text, nothing lost or added
    assert cells[-1] == "某局" and cells[-2].endswith("主管部门")
