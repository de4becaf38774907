"""perfdecl export: one row per structured target (and per indicator without one), exact values."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from perfdecl.cli.app import app
from perfdecl.convert.export import (
    FUNDS_COLUMNS,
    LABELS_ZH,
    ROW_COLUMNS,
    indicator_table,
    to_jsonl,
)
from perfdecl.lint import load_declaration

from .conftest import EXAMPLE

runner = CliRunner()

BOM = b"\xef\xbb\xbf"


def example_counts() -> tuple[int, int, int]:
    decl = load_declaration(EXAMPLE)
    items = [i for l1 in decl.indicators for g in l1.groups for i in g.items]
    targets = sum(len(i.targets) for i in items)
    bare = sum(1 for i in items if not i.targets)
    return len(items), targets, bare


def read_csv(raw: bytes) -> list[dict[str, str]]:
    assert raw.startswith(BOM)
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_rows_of_the_example(tmp_path: Path) -> None:
    out = tmp_path / "rows.csv"
    funds = tmp_path / "funds.csv"
    result = runner.invoke(app, ["export", str(EXAMPLE), "-o", str(out), "--funds-out", str(funds)])
    assert result.exit_code == 0, result.output
    rows = read_csv(out.read_bytes())
    indicators, targets, bare = example_counts()
    assert (indicators, targets) == (93, 77)
    assert len(rows) == targets + bare
    assert list(rows[0]) == list(ROW_COLUMNS)
    assert len({r["indicator_id"] for r in rows}) == indicators
    first = rows[0]
    assert first["indicator_id"] == "out1.qty.1"
    assert first["level1"] == "产出指标一：强化党的领导、统筹辖区工作"
    assert first["level1_canonical"] == "产出"
    assert first["level2"] == "产出数量指标" and first["level2_canonical"] == "数量"
    assert (first["target_name"], first["comparison"], first["value"], first["target_unit"]) == (
        "推送文章",
        "=",
        "200",
        "条",
    )
    assert first["year"] == "2019" and first["framework"] == "beijing_2019"
    bare_rows = [r for r in rows if r["comparison"] == ""]
    assert len(bare_rows) == bare
    assert all(r["value"] == "" and r["target_name"] == "" for r in bare_rows)
    deadline = [r for r in rows if r["deadline"]]
    assert {r["deadline"] for r in deadline} == {"2019-12-31"}
    assert any(r["value"] == "23.5" for r in rows)
    multi = next(r for r in rows if r["indicator_id"] == "eff.soc.1")
    assert multi["text"].count("\n") == 6  # multi-line texts survive the CSV quoting
    (fund,) = read_csv(funds.read_bytes())
    assert list(fund) == list(FUNDS_COLUMNS)
    assert (fund["total"], fund["basic"], fund["project"], fund["other"]) == (
        "18891.87",
        "4767.16",
        "14124.71",
        "0",
    )


def test_jsonl_writes_numbers_as_exact_json_numbers(tmp_path: Path) -> None:
    funds = tmp_path / "funds.jsonl"
    result = runner.invoke(
        app, ["export", str(EXAMPLE), "--format", "jsonl", "--funds-out", str(funds)]
    )
    assert result.exit_code == 0
    raw = result.stdout_bytes
    assert not raw.startswith(BOM)
    rows = [json.loads(line, parse_float=Decimal) for line in raw.decode("utf-8").splitlines()]
    _indicators, targets, bare = example_counts()
    assert len(rows) == targets + bare
    assert rows[0]["value"] == 200 and rows[0]["year"] == 2019
    assert any(r["value"] == Decimal("23.5") for r in rows)
    assert all(isinstance(r["value"], int | Decimal | str | None) for r in rows)
    (fund,) = [json.loads(x, parse_float=Decimal) for x in funds.read_text("utf-8").splitlines()]
    assert (fund["total"], fund["basic"], fund["project"], fund["other"]) == (
        Decimal("18891.87"),
        Decimal("4767.16"),
        Decimal("14124.71"),
        0,
    )
    assert '"total": 18891.87, "basic": 4767.16,' in funds.read_text("utf-8")  # digit for digit
    assert all(r["value"] is None for r in rows if r["comparison"] is None)
    assert "推送文章" in raw.decode("utf-8")  # not escaped


def test_folders_are_walked_and_bad_files_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "decls"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(EXAMPLE, folder / "a.yaml")
    shutil.copy(EXAMPLE, folder / "sub" / "b.yml")
    (folder / "broken.yaml").write_text("schema_version: 1\nyear: [\n", encoding="utf-8")
    (folder / "notes.txt").write_text("ignored", encoding="utf-8")
    out = tmp_path / "rows.csv"
    result = runner.invoke(app, ["export", str(folder), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 1
    assert "broken.yaml" in result.stderr and "skipped" in result.stderr
    rows = read_csv(out.read_bytes())
    _indicators, targets, bare = example_counts()
    assert len(rows) == 2 * (targets + bare)
    assert {Path(r["file"]).name for r in rows} == {"a.yaml", "b.yml"}


def test_existing_output_needs_force(tmp_path: Path) -> None:
    out = tmp_path / "rows.csv"
    out.write_text("keep", encoding="utf-8")
    result = runner.invoke(app, ["export", str(EXAMPLE), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 2 and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep"
    result = runner.invoke(app, ["export", str(EXAMPLE), "-o", str(out), "--force"])
    assert result.exit_code == 0
    assert out.read_bytes().startswith(BOM)


def test_library_rows_match_the_declaration() -> None:
    decl = load_declaration(EXAMPLE)
    rows = list(indicator_table(decl, "x.yaml"))
    assert rows[0]["file"] == "x.yaml"
    assert set(rows[0]) == set(ROW_COLUMNS)


def test_subprocess_export_csv(tmp_path: Path) -> None:
    out = tmp_path / "rows.csv"
    done = subprocess.run(
        [sys.executable, "-m", "perfdecl", "export", str(EXAMPLE), "-o", str(out)],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = read_csv(out.read_bytes())
    _, targets, bare = example_counts()
    assert len(rows) == targets + bare


def test_csv_headers_follow_lang(tmp_path: Path) -> None:
    """--lang zh gives Chinese headers (every column, each distinct); the rows are the same."""
    assert set(LABELS_ZH) == set(ROW_COLUMNS) | set(FUNDS_COLUMNS)
    for columns in (ROW_COLUMNS, FUNDS_COLUMNS):
        assert len({LABELS_ZH[c] for c in columns}) == len(columns)
    out = {lang: tmp_path / f"rows.{lang}.csv" for lang in ("zh", "en")}
    funds = tmp_path / "funds.zh.csv"
    for lang, path in out.items():
        args = ["export", str(EXAMPLE), "-o", str(path), "--lang", lang]
        if lang == "zh":
            args += ["--funds-out", str(funds)]
        assert runner.invoke(app, args).exit_code == 0
    zh, en = read_csv(out["zh"].read_bytes()), read_csv(out["en"].read_bytes())
    assert list(zh[0]) == [LABELS_ZH[c] for c in ROW_COLUMNS]
    assert list(zh[0])[:3] == ["文件", "单位名称", "年度"] and list(en[0]) == list(ROW_COLUMNS)
    assert [list(r.values()) for r in zh] == [list(r.values()) for r in en]
    (fund,) = read_csv(funds.read_bytes())
    assert fund["资金总额（万元）"] == "18891.87"


def test_jsonl_numbers_are_never_rounded_through_float() -> None:
    """40 digits after the point survive: a float would keep about 17."""
    from perfdecl.convert.export import _number

    exact = Decimal("0." + "1" * 40)
    line = to_jsonl(
        [{"value": _number(exact), "unit": "0.1", "year": 2019}], ("value", "unit", "year")
    )
    assert line == '{"value": 0.' + "1" * 40 + ', "unit": "0.1", "year": 2019}\n'
    assert json.loads(line, parse_float=Decimal)["value"] == exact
