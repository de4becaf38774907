"""``perfdecl outcome``: the example pair (examples/niujie_2019.yaml and its hand-written
self-evaluation) gives the expected outcome table in every format; the verdicts, gaps, changed
targets and recomputed scores are asserted one by one; the command's exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfdecl.cli.app import app
from perfdecl.diff import load_side
from perfdecl.outcome import Change, OutcomeResult, Status, compare

from .conftest import ROOT, golden_checker

GOLDEN = ROOT / "tests" / "golden" / "outcome"
DECL = "examples/niujie_2019.yaml"
EVAL = "examples/niujie_2019_selfeval.yaml"

runner = CliRunner()
golden = golden_checker(GOLDEN)


def run(*args: str, cwd: Path = ROOT) -> tuple[int, str, str]:
    here = os.getcwd()
    os.chdir(cwd)
    try:
        result = runner.invoke(app, list(args), env={"LANG": "C", "NO_COLOR": ""})
    finally:
        os.chdir(here)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def result() -> OutcomeResult:
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        return compare(load_side(DECL), load_side(EVAL))
    finally:
        os.chdir(here)


@pytest.mark.parametrize(
    ("fmt", "lang", "name"),
    [
        ("text", "en", "pair.en.txt"),
        ("text", "zh", "pair.zh.txt"),
        ("json", "en", "pair.json"),
        ("markdown", "en", "pair.en.md"),
        ("markdown", "zh", "pair.zh.md"),
        ("html", "zh", "pair.zh.html"),
        ("csv", "en", "pair.csv"),
    ],
)
def test_example_pair_golden(fmt: str, lang: str, name: str) -> None:
    code, out, err = run("outcome", DECL, EVAL, "--format", fmt, "--lang", lang, "--no-color")
    assert code == 0, err  # no --fail-on: a report, not a gate
    if fmt == "json":
        data = json.loads(out)
        data["tool"]["version"] = "X"
        out = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        out = out.replace(f"perfdecl {__import__('perfdecl').__version__}", "perfdecl X")
    golden(name, out)


def _row(result: OutcomeResult, row_id: str):  # type: ignore[no-untyped-def]
    return next(r for r in result.rows if r.id == row_id)


def test_every_declared_row_is_judged(result: OutcomeResult) -> None:
    assert len(result.rows) == 93
    counts = {s: result.count(s) for s in Status}
    assert counts[Status.MET] == 29 and counts[Status.MISSED] == 6
    assert counts[Status.NOT_COMPARABLE] == 1 and counts[Status.QUALITATIVE] == 57
    assert counts[Status.NOT_EVALUATED] == counts[Status.UNDECLARED] == 0


def test_missed_targets_with_the_gap_in_the_targets_unit(result: OutcomeResult) -> None:
    books = _row(result, "out4.qty.3")
    assert books.status is Status.MISSED
    (missed,) = [j for j in books.judged if j.status is Status.MISSED]
    assert (missed.goal.name, missed.gap, missed.shortfall) == (
        "发放借书证",
        50 - 30,
        Decimal("0.4"),
    )
    # the share of the eight targets reached, averaged: 7 met and 30/50
    assert books.score == Decimal("7.6") / 8
    late = _row(result, "out5.time.1")
    assert late.status is Status.MISSED and late.judged[0].gap == 15 and late.score == 0
    satisfied = _row(result, "eff.sat.4")
    assert satisfied.score == Decimal(2) * 86 / 90 and satisfied.self_score == Decimal("1.5")


def test_a_changed_and_an_adjusted_target(result: OutcomeResult) -> None:
    changed = _row(result, "eff.sat.6")
    assert changed.change is Change.CHANGED
    assert (changed.declared, changed.evaluated) == ("≥90%", "≥85%")
    assert changed.status is Status.MISSED  # 87% meets the changed 85%, not the declared 90%
    adjusted = _row(result, "out3.qty.1")
    assert adjusted.change is Change.ADJUSTED and adjusted.status is Status.MISSED


def test_scores_recomputed_against_the_self_scores(result: OutcomeResult) -> None:
    codes = [(p.code, p.line) for p in result.problems]
    assert [c for c, _ in codes].count("PD504") == 5  # four rows and the execution
    assert ("PD505", 641) in codes
    ex = result.execution
    assert ex is not None and ex.rate is not None
    assert ex.rate.quantize(Decimal("0.0001")) == Decimal("0.9600")
    assert ex.score == 10 * ex.rate and ex.printed_rate == "98%"
    assert result.self_total == Decimal("98.5")
    assert result.total is not None and result.total.quantize(Decimal("0.01")) == Decimal("98.33")
    assert result.complete


@pytest.mark.parametrize(
    ("fail_on", "code"),
    [("missed", 1), ("changed", 1), ("score", 1), ("none", 0)],
)
def test_fail_on(fail_on: str, code: int) -> None:
    got, _, _ = run("outcome", DECL, EVAL, "--fail-on", fail_on, "--format", "json")
    assert got == code


def test_fail_on_nothing_wrong_exits_zero(tmp_path: Path) -> None:
    """A self-evaluation that meets every target with the rule's scores passes every gate."""
    decl = tmp_path / "d.yaml"
    decl.write_text(
        "schema_version: 1\nyear: 2022\nframework: national_classic\nkind: project\n"
        "unit: 某单位\nindicators:\n  - id: a\n    name: 产出指标\n    groups:\n"
        "      - name: 数量指标\n        items:\n"
        "          - {id: a.1, text: 培训人数, targets: [{comparison: '>=', value: 100, unit: 人}]}\n",
        encoding="utf-8",
    )
    ev = tmp_path / "e.yaml"
    ev.write_text(
        decl.read_text(encoding="utf-8")
        .replace("kind: project", "kind: selfeval")
        .replace("unit: 人}]}", "unit: 人}], actual: 120人, points: 90, score: 90}")
        + "execution: {budget: 10, spent: 10, points: 10, score: 10}\ntotal_score: 100\n",
        encoding="utf-8",
    )
    code, out, err = run(
        "outcome",
        str(decl),
        str(ev),
        "--fail-on",
        "missed",
        "--fail-on",
        "changed",
        "--fail-on",
        "score",
        "--format",
        "json",
    )
    assert code == 0, (out, err)
    pair = json.loads(out)["pairs"][0]
    assert pair["counts"]["met"] == 1 and pair["totals"]["score"] == "100.00"
    assert pair["problems"] == []


def test_wrong_order_and_wrong_kinds_are_usage_errors() -> None:
    code, _, err = run("outcome", EVAL, DECL)
    assert code == 2 and "self-evaluation" in err
    code, _, err = run("outcome", DECL, DECL)
    assert code == 2 and "kind: selfeval" in err
    code, _, err = run("outcome", DECL)
    assert code == 2
    code, _, err = run("outcome", DECL, "examples/nope.yaml")
    assert code == 2


def test_output_file_is_not_overwritten_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("mine\n", encoding="utf-8")
    code, _, _ = run("outcome", DECL, EVAL, "--format", "csv", "-o", str(target))
    assert code == 2 and target.read_text(encoding="utf-8") == "mine\n"
    code, _, _ = run("outcome", DECL, EVAL, "--format", "csv", "-o", str(target), "--force")
    assert code == 0 and target.read_text(encoding="utf-8").startswith("declaration,selfeval,")


def test_color_as_validate_and_diff_read_it(tmp_path: Path) -> None:
    # CliRunner's stdout is not a terminal: auto is plain; --color always colours even there
    _, plain, _ = run("outcome", DECL, EVAL, "--lang", "en")
    assert "\x1b[" not in plain
    _, coloured, _ = run("outcome", DECL, EVAL, "--lang", "en", "--color", "always")
    assert "\x1b[" in coloured
    _, never, _ = run("outcome", DECL, EVAL, "--lang", "en", "--color", "always", "--no-color")
    assert "\x1b[" in never  # --color always wins over --no-color, as for validate
    _, off, _ = run("outcome", DECL, EVAL, "--lang", "en", "--color", "never")
    assert "\x1b[" not in off


def test_the_console_script_runs_it() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "perfdecl",
            "outcome",
            DECL,
            EVAL,
            "--fail-on",
            "missed",
            "--lang",
            "en",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert "PD501 warning indicator out4.qty.3 missed" in proc.stdout
    assert "\x1b[" not in proc.stdout


def test_the_scoring_rule_is_replaced_by_the_configuration(tmp_path: Path) -> None:
    config = tmp_path / "scoring.toml"
    config.write_text('[outcome.scoring]\nmissed = "zero"\nexecution = "full"\n', encoding="utf-8")
    code, out, err = run("outcome", DECL, EVAL, "--format", "json", "--config", str(config))
    assert code == 0, err
    doc = json.loads(out)
    assert doc["scoring"]["missed"] == "zero" and doc["scoring"]["execution"] == "full"
    rows = {r["id"]: r for r in doc["pairs"][0]["rows"]}
    assert rows["out4.qty.3"]["score"] == "0.00" and rows["out1.qty.1"]["score"] == "1.00"
    assert doc["pairs"][0]["execution"]["score"] == "10.00"


def test_a_broken_scoring_rule_is_a_configuration_error(tmp_path: Path) -> None:
    config = tmp_path / "scoring.toml"
    config.write_text(
        '[outcome.scoring]\nmissed = "half"\nweights = {"产出" = -5}\n', encoding="utf-8"
    )
    code, out, err = run("outcome", DECL, EVAL, "--config", str(config), "--lang", "en")
    assert code == 2 and out == ""
    assert "PD022" in err and "outcome.scoring.missed" in err


def test_the_documented_scoring_example_is_a_valid_configuration() -> None:
    import re

    from perfdecl.config import parse_config
    from perfdecl.outcome import Credit, scoring_from

    doc = (ROOT / "docs" / "outcome.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(.*?)```", doc, re.DOTALL)
    assert block is not None
    project = parse_config(block[1], ROOT / ".perfdecl.toml", pyproject=False)
    assert project.problems == ()
    rule = scoring_from(project.config.outcome.scoring)
    assert (rule.missed, rule.qualitative, rule.execution_points) == (
        Credit.ZERO,
        Credit.FULL,
        Decimal(20),
    )
    assert rule.weight_of("产出") == 60 and rule.weight_of("成本") is None


def test_a_folder_of_pairs_is_paired_and_summarised(tmp_path: Path) -> None:
    """Pairs found by year, unit and project (no naming convention); a self-evaluation with no
    declaration is named on standard error and left out; --summary per unit and kind as CSV."""
    import shutil

    folder = tmp_path / "decl"
    (folder / "2019").mkdir(parents=True)
    shutil.copy(ROOT / DECL, folder / "2019" / "a.yaml")
    shutil.copy(ROOT / EVAL, folder / "2019" / "zz_self.yaml")
    shutil.copy(ROOT / "tests/fixtures/selfeval/yongde_minglang_2022.yaml", folder / "y.yaml")
    code, out, err = run("outcome", str(folder), "--summary", "--format", "csv", "--lang", "en")
    assert code == 0, err
    assert "y.yaml: no declaration of the same year, unit and project; skipped." in err
    lines = out.splitlines()
    assert lines[0] == (
        "group,name,indicators,met,missed,not_comparable,qualitative,not_evaluated,share_met,"
        "mean_shortfall,self_score,score"
    )
    unit = lines[1].split(",")
    assert unit[:8] == [
        "unit",
        "北京市西城区人民政府牛街街道办事处",
        "93",
        "29",
        "6",
        "1",
        "57",
        "0",
    ]
    assert unit[8] == format(Decimal(29) / 35, ".4f")
    kinds = {line.split(",")[1]: line.split(",") for line in lines[2:]}
    assert kinds["服务对象满意度"][3:5] == ["0", "2"]  # eff.sat.4 and eff.sat.6 missed
    assert sum(int(k[2]) for k in kinds.values()) == 93
    code, out, _ = run("outcome", str(folder), "--format", "json")
    assert code == 0 and len(json.loads(out)["pairs"]) == 1


def test_a_folder_without_a_pair_is_a_usage_error(tmp_path: Path) -> None:
    import shutil

    shutil.copy(ROOT / DECL, tmp_path / "a.yaml")
    code, out, err = run("outcome", str(tmp_path), "--lang", "en")
    assert code == 2 and out == "" and "no pair" in err
