"""PD249, the folder check: a unit's project declarations against its department form's
项目支出, across the files of one run (lint/folder.py), through the CLI, a real subprocess, the
library and the result cache."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfdecl.cli.app import build_app
from perfdecl.config.options import Options
from perfdecl.lint import DEFAULT_OPTIONS
from perfdecl.lint.cache import decode, encode
from perfdecl.lint.runner import FixedOptions, check_files

runner = CliRunner()

BODY = """\
goals: {strands: [{id: g1, text: 做好公共文化服务}]}
indicators:
  - id: out
    name: 产出指标
    groups:
      - name: 数量指标
        items:
          - {id: out.qty.1, text: 开展培训不少于20场}
"""


def department(unit: str = "某县文化馆", year: int = 2021, money: str = "project: 100") -> str:
    return (
        f"schema_version: 1\nyear: {year}\nframework: central_2021\nkind: department\n"
        f"unit: {unit}\nhead: 张三\nfunds: {{total: 300, basic: 200, {money}}}\n{BODY}"
    )


def project(amount: str, unit: str = "某县文化馆", year: int = 2021, name: str = "项目") -> str:
    return (
        f"schema_version: 1\nyear: {year}\nframework: central_2021\nkind: project\n"
        f"unit: {unit}\nhead: 张三\nproject: {{name: {name}, {amount}}}\n{BODY}"
    )


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def pd249(args: list[str]) -> list[dict[str, object]]:
    out = runner.invoke(
        build_app(), ["validate", "--no-cache", "--format", "json", "--lang", "en", *args]
    )
    assert out.exit_code in (0, 1), out.output
    return [
        {**p, "file": Path(f["file"]).name}
        for f in json.loads(out.stdout)["files"]
        for p in f["problems"]
        if p["code"] == "PD249"
    ]


def test_projects_short_of_the_department_figure(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "a_dept.yaml": department(),
            "b1.yaml": project("amount: 41"),
            "b2.yaml": project("amount: 42"),
        },
    )
    found = pd249([str(tmp_path)])
    assert len(found) == 1
    p = found[0]
    assert p["file"] == "a_dept.yaml" and p["pointer"] == "/funds/project"
    assert (p["line"], p["column"]) == (7, 42)
    assert p["severity"] == "warning"
    message = str(p["message"])
    assert "add up to 83 万元" in message and "100 万元" in message and "-17" in message
    assert "b1.yaml" in message and "b2.yaml" in message


def test_projects_over_the_figure_from_a_budget_in_yuan(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "dept.yaml": department(money="project: 50"),
            "p1.yaml": project("budget: {unit: 元, total: 400000}"),
            "p2.yaml": project("amount: 20"),
        },
    )
    (p,) = pd249([str(tmp_path)])
    assert "add up to 60 万元" in str(p["message"]) and "+10" in str(p["message"])


def test_sums_that_hold_and_files_of_other_units_or_years(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "dept.yaml": department(),
            "p1.yaml": project("amount: 60"),
            "p2.yaml": project("amount: 40"),
            "other_unit.yaml": project("amount: 5", unit="某县图书馆"),
            "other_year.yaml": project("amount: 5", year=2022),
            "spaced.yaml": project("amount: 0", unit="某县 文化馆"),
        },
    )
    assert pd249([str(tmp_path)]) == []


def test_expenditure_row_of_kind_project(tmp_path: Path) -> None:
    money = "expenditure: [{label: 项目支出, kind: project, amount: 70}]"
    write(tmp_path, {"dept.yaml": department(money=money), "p1.yaml": project("amount: 60")})
    (p,) = pd249([str(tmp_path)])
    assert p["pointer"] == "/funds/expenditure/0/amount"


def test_two_department_forms_are_not_compared(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"d1.yaml": department(), "d2.yaml": department(), "p.yaml": project("amount: 1")},
    )
    assert pd249([str(tmp_path)]) == []


def test_three_department_forms_are_not_compared_either(tmp_path: Path) -> None:
    forms = {f"d{n}.yaml": department() for n in range(3)}
    write(tmp_path, {**forms, "p.yaml": project("amount: 1")})
    assert pd249([str(tmp_path)]) == []


def test_many_projects_five_named_all_counted_and_summed(tmp_path: Path) -> None:
    """The run keeps a count, a sum and five names of a unit's projects, not every ledger."""
    files = {f"p{n}.yaml": project(f"amount: {n}.5") for n in range(1, 8)}  # 1.5 .. 7.5: 31.5
    files["q.yaml"] = project("amount: 1000", unit="另一个单位")  # another unit: not summed
    write(tmp_path, {**files, "d.yaml": department()})
    (p,) = pd249([str(tmp_path)])
    message = str(p["message"])
    assert "The 7 project declarations" in message and "add up to 31.5 万元" in message
    assert "p1.yaml、p2.yaml、p3.yaml、p4.yaml、p5.yaml …（+2）" in message
    assert "p6.yaml" not in message and "-68.5" in message


def test_ignore_and_order(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"a.yaml": project("amount: 1"), "b.yaml": department(), "c.yaml": project("amount: 2")},
    )
    assert pd249(["--ignore", "PD249", str(tmp_path)]) == []
    out = runner.invoke(build_app(), ["validate", "--no-cache", "--format", "json", str(tmp_path)])
    names = [Path(f["file"]).name for f in json.loads(out.stdout)["files"]]
    assert names == ["a.yaml", "b.yaml", "c.yaml"]  # the held results keep the input order


def test_library_and_severity(tmp_path: Path) -> None:
    write(tmp_path, {"dept.yaml": department(), "p.yaml": project("amount: 1")})
    results = check_files([str(tmp_path)])
    assert [p.code for r in results for p in r.problems if p.code == "PD249"] == ["PD249"]
    from perfdecl.problem import Severity

    loud = Options(severity={"PD249": Severity.ERROR})
    results = check_files([str(tmp_path)], FixedOptions(loud))
    (p,) = [p for r in results for p in r.problems if p.code == "PD249"]
    assert p.severity is Severity.ERROR


def test_subprocess_with_the_cache(tmp_path: Path) -> None:
    folder = tmp_path / "forms"
    folder.mkdir()
    write(folder, {"dept.yaml": department(), "p.yaml": project("amount: 1")})
    cmd = [sys.executable, "-m", "perfdecl", "validate", "-q", "--cache-dir", str(tmp_path / "c")]
    first = subprocess.run([*cmd, str(folder)], capture_output=True, text=True, check=False)
    again = subprocess.run([*cmd, str(folder)], capture_output=True, text=True, check=False)
    assert "PD249" in first.stdout and first.stdout == again.stdout
    assert first.returncode == again.returncode


def test_ledger_survives_the_cache_and_a_bad_one_is_a_miss(tmp_path: Path) -> None:
    path = write(tmp_path, {"dept.yaml": department()}) / "dept.yaml"
    (result,) = check_files([str(path)])
    assert result.ledger is not None and result.ledger.amount == Decimal(100)
    data = path.read_bytes()
    entry = encode(result, data)
    assert decode(entry, data).ledger == result.ledger
    head, _, messages = entry.partition("\n")
    broken = json.loads(head)
    broken["ledger"][3] = "NaN"
    with pytest.raises(ValueError):
        decode(json.dumps(broken, ensure_ascii=False) + "\n" + messages, data)
    assert DEFAULT_OPTIONS.run_rules
