"""The project form's fields through diff and export (#14): a weight that moved is said so, the
money block's sources and the row columns are compared and exported."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from perfdecl.convert.export import FUNDS_COLUMNS, ROW_COLUMNS, funds_row, indicator_table
from perfdecl.diff import diff_paths
from perfdecl.lint import DEFAULT_OPTIONS, check_path

from .conftest import ROOT

NANYUE = ROOT / "tests" / "fixtures" / "real" / "nanyue_fupin_lyjcss_2018.yaml"
ZHAOHUA = ROOT / "tests" / "fixtures" / "real" / "guangyuan_zhaohua_tkjt_2021.yaml"
ROW = '{id: out.qty.3, text: 流转土地, value_text: ">=60亩",'


def _versions(tmp_path: Path) -> tuple[Path, Path]:
    text = NANYUE.read_text(encoding="utf-8")
    assert ROW in text
    old = text.replace(ROW, ROW[:-1] + ", weight: 10, direction: 正向,")
    new = old.replace("weight: 10, direction: 正向,", "weight: 15, direction: 反向, points: 5,")
    new = new.replace(
        "{label: 其他资金, kind: other, amount: 0}", "{label: 其他资金, kind: other, amount: 2}"
    )
    new = new.replace("    total: 10\n", "    total: 12\n").replace("lead: 郭铁梅", "lead: 王某")
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    return tmp_path / "old.yaml", tmp_path / "new.yaml"


def test_diff_says_when_a_weight_moved(tmp_path: Path) -> None:
    old, new = _versions(tmp_path)
    result = diff_paths(str(old), str(new))
    messages = [(c.code, c.message.en) for c in result.changes]
    assert ("PD314", "indicator out.qty.3: weight moved from 10 to 15 (+5)") in messages
    assert ("PD314", "indicator out.qty.3: direction positive -> negative") in messages
    assert ("PD314", "indicator out.qty.3: points — -> 5") in messages
    weight = next(c for c in result.changes if "weight moved" in c.message.en)
    assert (weight.old, weight.new, weight.delta) == ("10", "15", "+5")
    assert weight.new_pointer is not None and weight.new_pointer.endswith("/weight")
    assert weight.message.zh == "指标 out.qty.3 权重由 10 调整为 15（+5）"
    assert ("PD300", "project lead: 郭铁梅 -> 王某") in messages
    assert ("PD310", "annual money total (万元): 10 -> 12, +2") in messages
    assert ("PD310", "annual money: 其他资金 (万元): 0 -> 2, +2") in messages


def test_diff_of_a_file_with_itself_reports_no_project_change() -> None:
    result = diff_paths(str(NANYUE), str(NANYUE))
    assert [c for c in result.changes if c.code in ("PD300", "PD310", "PD314")] == []


def test_export_carries_row_columns_and_sources(tmp_path: Path) -> None:
    _old, new = _versions(tmp_path)
    decl = check_path(new, DEFAULT_OPTIONS).declaration
    assert decl is not None
    rows = list(indicator_table(decl, "new.yaml"))
    assert all(list(r) == list(ROW_COLUMNS) for r in rows)
    row = next(r for r in rows if r["indicator_id"] == "out.qty.3")
    assert (row["value_text"], row["weight"], row["direction"], row["points"]) == (
        ">=60亩",
        "15",
        "negative",
        "5",
    )
    funds = funds_row(decl, "new.yaml")
    assert list(funds) == list(FUNDS_COLUMNS)
    assert funds["budget_sources"] == "其中:财政拨款=10; 其他资金=2"
    assert (funds["budget_total"], funds["budget_unit"], funds["project_amount"]) == (
        "12",
        "万元",
        "10",
    )


def test_export_nests_parts_of_a_source() -> None:
    decl = check_path(ZHAOHUA, DEFAULT_OPTIONS).declaration
    assert decl is not None
    cell = funds_row(decl, "z.yaml")["budget_sources"]
    assert cell is not None
    assert cell.startswith("(一)财政拨款小计=6.30 [1、一般公共预算=6.30; 2、政府性基金=0.00; ")
    assert cell.endswith("; (三)其他收入=0.00")


def test_export_cli_writes_the_new_columns(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from perfdecl.cli.app import app

    out = tmp_path / "rows.csv"
    result = CliRunner().invoke(app, ["export", str(ZHAOHUA), "-o", str(out)])
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert {r["value_text"] for r in table} >= {"63人", "≥90%", "2021年1月-12月"}
