"""The published 2019 Niujie declaration: its real defects, each at its own line; no false error.

Expected lines are found from the example's text (the row's ``id:`` line, then the first line
after it holding an anchor phrase), so the test states *what* must be reported, not where the
tool happens to put it.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest
from typer.testing import CliRunner

from perfdecl.cli.app import app
from perfdecl.lint import FileResult, check_path
from perfdecl.problem import Severity

from .conftest import EXAMPLE, ROOT

LINES = EXAMPLE.read_text(encoding="utf-8").splitlines()


def where(ident: str, anchor: str | None = None) -> tuple[int, int]:
    """(line, column) of ``anchor`` in the row ``ident`` (default: where its text starts)."""
    start = next(n for n, line in enumerate(LINES) if line.strip() == f"- id: {ident}")
    for n in range(start + 1, len(LINES)):
        line = LINES[n]
        if anchor is None and line.lstrip().startswith("text:"):
            value = line.split("text:", 1)[1].strip()
            if value in ("|-", "|"):
                continue
            return n + 1, line.index(value) + 1
        if anchor is not None and anchor in line:
            return n + 1, line.index(anchor) + 1
    raise AssertionError(f"{anchor!r} not found after {ident}")


@pytest.fixture(scope="module")
def result() -> FileResult:
    return check_path(EXAMPLE)


def found(result: FileResult, code: str) -> set[int]:
    return {p.line for p in result.problems if p.code == code and p.line is not None}


def test_cost_boilerplate_five_rows(result: FileResult) -> None:
    # One finding on the first copy, the four others as related locations (issue 16 item 2).
    reported = [p for p in result.problems if p.code == "PD217"]
    assert [(p.line, p.column) for p in reported] == [
        where("out1.cost.1", "严格控制在预算批复之内")
    ]
    assert {r.line for r in reported[0].related} == {
        where(f"out{n}.cost.1")[0] for n in range(2, 6)
    }
    message = reported[0].message.zh
    assert "严格控制在预算批复之内" in message and "万元" in message
    assert all(f"out{n}.cost.1" in message for n in range(1, 6))


def test_timeliness_sentence_repeated_in_five_groups(result: FileResult) -> None:
    # One finding on the first copy, the four others as related locations (issue 16 item 2).
    assert found(result, "PD221") == {where("out1.time.1")[0]}
    for p in result.problems:
        if p.code == "PD221":
            assert {r.line for r in p.related} == {where(f"out{n}.time.1")[0] for n in range(2, 6)}
            for n in range(1, 6):
                assert f"out{n}.time.1" in p.message.zh and f"out{n}.time.1" in p.message.en
            assert "讲习所" not in p.message.zh  # no example taken from one form


def test_item_number_inside_sentence(result: FileResult) -> None:
    got = {(p.line, p.column) for p in result.problems if p.code == "PD233"}
    assert got == {where("out2.qty.5", "6.重大节点"), where("out4.qty.4", "5.全年开展")}


def test_broken_numbering_follows_the_merged_rows(result: FileResult) -> None:
    # The gaps after out2.qty.5 and out4.qty.4 are the numbers merged into those rows, which PD233
    # reports there (test_item_number_inside_sentence); PD234 no longer repeats them.
    assert found(result, "PD234") == set()
    assert found(result, "PD233") == {where("out2.qty.5")[0], where("out4.qty.4")[0]}


def test_quantity_rows_without_quantity(result: FileResult) -> None:
    rows = ("out2.qty.2", "out2.qty.5", "out2.qty.6", "out3.qty.3", "out3.qty.4", "out5.qty.3")
    reported = [p for p in result.problems if p.code == "PD211"]
    assert {p.line for p in reported} == {where(i)[0] for i in rows}
    assert all(p.severity is Severity.WARNING for p in reported)


def test_new_review_checks_on_the_example(result: FileResult) -> None:
    money = [p for p in result.problems if p.code == "PD243"]
    assert [p.line for p in money] == [where("out2.qty.3")[0]]
    assert [r.line for r in money[0].related] == [where("out2.qty.4")[0]]
    standard = {p.line for p in result.problems if p.code == "PD244"}
    assert standard == {where("out1.qual.3")[0], where("out4.qual.1")[0]}
    complaints = [p for p in result.problems if p.code == "PD245"]
    assert [p.line for p in complaints] == [where("eff.sat.3")[0]]


def test_at_most_46_findings(result: FileResult) -> None:
    """45 until PD228 also read how residents feel (安全感) as an outcome: out2.qual.2, a labelled
    defect (bench/review_quality/labels/niujie_2019.yaml)."""
    assert len(result.problems) <= 46


def test_an_outcome_filed_as_quality(result: FileResult) -> None:
    misfiled = [(p.line, p.column) for p in result.problems if p.code == "PD228"]
    assert misfiled == [where("out2.qual.2", "安全感")]


VAGUE = {
    "out1.qual.5": None,
    "out2.qual.2": None,
    "out2.qual.3": None,
    "out5.qual.1": None,  # 维护…保障…确保…顺利进行
    "eff.econ.1": None,  # 确保税源稳定
    "eff.econ.2": None,
    "eff.soc.1": "不断提升领导班子",
    "eff.soc.2": "群众安全感和满意度进一步提升",
    "eff.soc.3": "3.在协调城市管理、营造良好环境方面",
    "eff.soc.4": "基础公共服务水平进一步提升",
    "eff.soc.5": "促进社区、居民及各民族之间的充分交流",
    "eff.env.2": None,
    "eff.env.3": None,
    "eff.env.4": None,
    "eff.env.5": None,
    "eff.env.6": None,
    "eff.env.7": None,
    "eff.env.8": None,
    "eff.sust.3": None,
    "eff.sust.5": None,
    "eff.sust.7": None,
    "eff.sust.8": None,
    "eff.sust.9": None,
    "eff.sust.10": None,
}


def test_vague_indicators_without_numbers(result: FileResult) -> None:
    assert found(result, "PD215") == {where(i, a)[0] for i, a in VAGUE.items()}
    # A number anywhere in the row (eff.sust.4 "5年以上") keeps it off the list.
    assert where("eff.sust.4")[0] not in found(result, "PD215")


def test_satisfaction_only_relative(result: FileResult) -> None:
    got = {(p.line, p.column) for p in result.problems if p.code == "PD223"}
    assert got == {
        where("eff.sat.1", "不低于上年度评分"),
        where("eff.sat.2", "不低于上年度评分"),
        where("eff.sat.3", "较上年度"),
        where("eff.sat.5", "较上年度"),
    }
    assert "PD222" not in {p.code for p in result.problems}  # 90%以上 rows are fine


def test_sustainability_questions(result: FileResult) -> None:
    got = {(p.line, p.column) for p in result.problems if p.code == "PD216"}
    assert got == {where("eff.sust.1", "是否"), where("eff.sust.2", "是否")}


def test_no_false_errors(result: FileResult) -> None:
    assert [p for p in result.problems if p.severity is Severity.ERROR] == []
    codes = Counter(p.code for p in result.problems)
    # The funds add up; the Beijing framework (产出指标一…五, 效果指标 with 环境效益) is recognised.
    for code in ("PD202", "PD203", "PD204", "PD205", "PD206", "PD207", "PD208", "PD201"):
        assert codes[code] == 0, code
    assert codes["PD225"] == codes["PD226"] == codes["PD227"] == 0


def test_exit_codes_cli() -> None:
    runner = CliRunner()
    plain = runner.invoke(app, ["validate", str(EXAMPLE), "--lang", "en", "-q"])
    assert plain.exit_code == 0, plain.output
    strict = runner.invoke(app, ["validate", str(EXAMPLE), "--strict", "--lang", "zh", "-q"])
    assert strict.exit_code == 1
    assert "都只写“严格控制在预算批复之内”，没有金额" in strict.output


def test_exit_code_subprocess_strict() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "perfdecl", "validate", "--strict", "examples/niujie_2019.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"LANG": "C", "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 1, proc.stderr
    assert "examples/niujie_2019.yaml:" in proc.stdout and "PD217" in proc.stdout
