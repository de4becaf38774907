"""render --format docx / xlsx: the official form as Word and Excel files, read back."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfdecl.cli.app import app
from perfdecl.lint import load_declaration
from perfdecl.model import Declaration
from perfdecl.render import render_document
from perfdecl.render.office import indicator_blocks

from .conftest import EXAMPLE
from .test_render_templates import project_form

runner = CliRunner()


@pytest.fixture(scope="module")
def example() -> Declaration:
    return load_declaration(EXAMPLE)


def items_of(decl: Declaration) -> list[str]:
    return [i.text for l1 in decl.indicators for g in l1.groups for i in g.items]


def test_blocks_span_like_the_html(example: Declaration) -> None:
    blocks = list(indicator_blocks(example))
    assert len(blocks) == 93
    assert [b.item for b in blocks] == items_of(example)
    assert blocks[0].l1_span == 16 and blocks[0].l2_span == 7
    assert sum(b.l1_span for b in blocks) == len(blocks)
    assert sum(b.l2_span for b in blocks) == len(blocks)


def test_docx_reads_back_as_the_form(example: Declaration) -> None:
    import docx

    document = docx.Document(io.BytesIO(render_document(example, "docx")))
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == ["部门（单位）整体绩效目标申报表", "（2019年度）"]
    header, table, remarks = document.tables
    assert header.cell(0, 0).text == "部门（单位）名称"
    assert header.cell(0, 4).text == "北京市西城区人民政府牛街街道办事处"
    assert header.cell(0, 1)._tc is header.cell(0, 4)._tc  # merged across
    assert [header.cell(1, c).text for c in (0, 1, 3, 4)] == [
        "部门（单位）负责人", "李丽京", "联系电话", "83998540",
    ]  # fmt: skip
    assert [header.cell(3, c).text for c in range(1, 5)] == [
        "18891.87", "4767.16", "14124.71", "0",
    ]  # fmt: skip
    assert header.cell(2, 0)._tc is header.cell(3, 0)._tc  # the funds label spans two rows
    assert [c.text for c in table.rows[0].cells] == [
        "一级指标",
        "二级指标",
        "具体指标（指标内容、指标值）",
    ]
    assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1  # repeated on every page
    assert [table.cell(r, 2).text for r in range(1, len(table.rows))] == items_of(example)
    # 产出指标一 spans 16 rows, its first 二级 7.
    assert table.cell(1, 0)._tc is table.cell(16, 0)._tc
    assert table.cell(1, 0)._tc is not table.cell(17, 0)._tc
    assert table.cell(1, 1)._tc is table.cell(7, 1)._tc
    assert table.cell(1, 0).text == example.indicators[0].name
    assert remarks.cell(0, 0).text == "其他说明的问题" and remarks.cell(0, 1).text == "无"


def test_xlsx_reads_back_as_the_form(example: Declaration) -> None:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(render_document(example, "xlsx")))
    sheet = book["申报表"]
    assert sheet["A1"].value == "部门（单位）整体绩效目标申报表"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:E1", "A2:E2", "B3:E3", "B4:C4"} <= merged
    assert sheet["A3"].value == "部门（单位）名称" and sheet["B3"].value.startswith("北京市西城区")
    assert sheet["E4"].value == "83998540"  # the phone stays text
    assert "A5:A6" in merged and sheet["A5"].value == "部门（单位）总体资金情况（万元）"
    amounts = [sheet.cell(6, c).value for c in range(2, 6)]
    assert [Decimal(str(a)) for a in amounts] == [
        Decimal("18891.87"), Decimal("4767.16"), Decimal("14124.71"), Decimal(0),
    ]  # fmt: skip
    head = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "一级指标")
    assert sheet.print_title_rows == f"${head}:${head}"  # repeated on every printed page
    items = [sheet.cell(r, 3).value for r in range(head + 1, head + 94)]
    assert items == items_of(example)
    assert f"A{head + 1}:A{head + 16}" in merged and f"B{head + 1}:B{head + 7}" in merged
    assert sheet.cell(head + 94, 1).value == "其他说明的问题"


def test_project_form_and_empty_groups() -> None:
    import docx
    import openpyxl

    decl = project_form()
    document = docx.Document(io.BytesIO(render_document(decl, "docx")))
    header = document.tables[0]
    assert header.cell(0, 0).text == "项目名称" and header.cell(0, 1).text == "社区图书馆运营"
    assert "2022-01-01 至 2022-12-31" in [c.text for c in header.rows[3].cells]
    book = openpyxl.load_workbook(io.BytesIO(render_document(decl, "xlsx")))
    values = [c.value for row in book["申报表"].iter_rows() for c in row if c.value]
    assert (
        "效益指标" in values
        and "质量指标" in values
        and Decimal("120.50")
        == Decimal(str(next(v for v in values if isinstance(v, float | int) and v > 100)))
    )


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_cli_writes_office_files(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"form.{fmt}"
    result = runner.invoke(app, ["render", str(EXAMPLE), "-o", str(target)], env={"LANG": "C"})
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes().startswith(b"PK")
    result = runner.invoke(
        app, ["render", str(EXAMPLE), "-f", "html", "-o", str(target), "--force", "--lang", "en"]
    )
    assert result.exit_code == 2 and f"names a {fmt} file" in result.stderr
