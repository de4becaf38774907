"""GitHub annotations are capped at ten per type (what GitHub shows); the rest go to the job
summary ($GITHUB_STEP_SUMMARY) as an escaped Markdown table, and one log line says so."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfdecl.cli.app import app
from perfdecl.lint import FileResult
from perfdecl.problem import Message, Problem, Severity
from perfdecl.reporters import github as github_module
from perfdecl.reporters.base import Summary
from perfdecl.reporters.github import PER_LEVEL, GithubReporter

from .conftest import EXAMPLE

runner = CliRunner()
ANNOTATION = re.compile(r"^::(error|warning|notice) file=([^,]*),(?:line=(\d+),)?.*title=(PD\d+)::")


def _annotations(out: str) -> list[tuple[str, int, str]]:
    found = []
    for line in out.splitlines():
        m = ANNOTATION.match(line)
        if m:
            found.append((m.group(1), int(m.group(3) or 0), m.group(4)))
    return found


def _problem(code: str, severity: Severity, line: int, text: str = "msg") -> Problem:
    return Problem(
        code=code,
        severity=severity,
        message=Message(f"中文 {text}", text),
        file="d.yaml",
        line=line,
        column=1,
        pointer="",
    )


def _report(problems: list[Problem], summary: io.StringIO | None) -> str:
    out = io.StringIO()
    reporter = GithubReporter(out, lang="en")
    reporter.job_summary = summary
    reporter.begin()
    reporter.file(FileResult("d.yaml", tuple(problems)))
    reporter.end(Summary(files=1))
    return out.getvalue()


def test_ten_per_type_the_most_fundamental_and_varied_first() -> None:
    """30 PD215 warnings and one PD101 error, two PD201 errors, 12 PD228 infos: each type keeps
    ten at most; an error of every code is annotated; among warnings one code fills the ten."""
    problems = [_problem("PD215", Severity.WARNING, n) for n in range(1, 31)]
    problems += [_problem("PD228", Severity.INFO, 100 + n) for n in range(12)]
    problems += [_problem("PD201", Severity.ERROR, 200), _problem("PD201", Severity.ERROR, 201)]
    problems.append(_problem("PD101", Severity.ERROR, 300))
    summary = io.StringIO()
    out = _report(problems, summary)
    shown = _annotations(out)
    per_type = Counter(level for level, _, _ in shown)
    assert per_type == {"warning": 10, "notice": 10, "error": 3}
    assert [line for _, line, _ in shown] == sorted(line for _, line, _ in shown)  # file order
    assert [line for level, line, _ in shown if level == "warning"] == list(range(1, 11))
    assert out.splitlines()[-1] == (
        "perfdecl: 22 more findings not annotated (GitHub shows 10 per type); they are listed "
        "in the job summary."
    )
    rows = [r for r in summary.getvalue().splitlines() if r.startswith("| `d.yaml`")]
    listed = {int(r.split(" | ")[1]) for r in rows}
    assert listed == set(range(11, 31)) | {110, 111}  # exactly the findings left out
    assert "the other 22 findings are below" in summary.getvalue()


def test_codes_take_turns_in_code_order() -> None:
    """Twelve codes with three warnings each: the ten annotations are one of each of the ten
    lowest codes, not three of the first four."""
    codes = [f"PD2{n:02d}" for n in range(10, 22)]
    problems = [
        _problem(code, Severity.WARNING, 10 * i + k)
        for i, code in enumerate(reversed(codes))
        for k in range(3)
    ]
    shown = _annotations(_report(problems, None))
    assert sorted(code for _, _, code in shown) == codes[:10]


def test_nothing_left_out_means_no_note_and_no_summary() -> None:
    summary = io.StringIO()
    out = _report([_problem("PD215", Severity.WARNING, n) for n in range(1, 11)], summary)
    assert len(_annotations(out)) == 10 and "not annotated" not in out
    assert summary.getvalue() == ""


def test_without_a_job_summary_the_note_points_at_the_log() -> None:
    out = _report([_problem("PD215", Severity.WARNING, n) for n in range(1, 13)], None)
    assert out.splitlines()[-1].endswith(
        "2 more findings not annotated (GitHub shows 10 per type); see the log above or write "
        "them with --output."
    )


def test_the_summary_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(github_module, "SUMMARY_ROWS", 5)
    summary = io.StringIO()
    _report([_problem("PD215", Severity.WARNING, n) for n in range(1, 31)], summary)
    text = summary.getvalue()
    assert len([r for r in text.splitlines() if r.startswith("| `d.yaml`")]) == 5
    assert "… 15 more findings not listed." in text


def test_hostile_text_in_the_summary_is_escaped() -> None:
    """A message quoting a hostile value cannot add a link, an image, HTML or a table column
    to the job summary, nor a workflow command to the log."""
    evil = "[x](https://evil.example) ![i](https://evil.example/i.png) <img src=x> | a\n::stop-commands::t"
    problems = [_problem("PD215", Severity.WARNING, n, evil) for n in range(1, 13)]
    summary = io.StringIO()
    out = _report(problems, summary)
    assert "\n::stop-commands" not in out
    rows = [r for r in summary.getvalue().splitlines() if r.startswith("| `d.yaml`")]
    assert len(rows) == 2
    for row in rows:
        assert len(re.findall(r"(?<!\\)\|", row)) == 6, row  # five cells, no extra column
        assert not re.search(r"(?<!\\)\]\(|(?<!\\)<img|(?<!\\)!\[|https://", row), row
        assert "::stop-commands" in row  # shown as text, on the row's one line


def _declaration_with_warnings(folder: Path) -> Path:
    (folder / ".git").mkdir()
    target = folder / "d.yaml"
    target.write_bytes(EXAMPLE.read_bytes())  # 45 warnings, 1 note, 0 errors
    return target


def test_cli_under_github_actions_appends_to_the_step_summary(tmp_path: Path) -> None:
    _declaration_with_warnings(tmp_path)
    step = tmp_path / "summary.md"
    step.write_text("earlier step\n", encoding="utf-8")
    env = {**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(step)}
    env.pop("NO_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-m", "perfdecl", "validate", "d.yaml", "--lang", "en"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    shown = _annotations(done.stdout)
    warnings = [s for s in shown if s[0] == "warning"]
    assert len(warnings) == PER_LEVEL and {level for level, _, _ in shown} == {"warning", "notice"}
    assert len(shown) == PER_LEVEL + 1  # the one note (PD228) under its own level's cap
    assert "d.yaml:30:1: PD214 warning" in done.stdout  # the full text log is still there
    text = step.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### perfdecl: findings not annotated")
    rows = [r for r in text.splitlines() if r.startswith("| `d.yaml`")]
    assert len(rows) == 45 - PER_LEVEL  # the warnings over the cap; the note was annotated
    annotated = {(line, code) for _, line, code in shown}
    listed = {(int(r.split(" | ")[1]), r.split(" | ")[2]) for r in rows}
    assert annotated.isdisjoint(listed) and len(annotated | listed) == len(annotated) + len(rows)


def test_cli_never_writes_the_summary_over_an_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = _declaration_with_warnings(tmp_path)
    before = target.read_bytes()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        app,
        ["validate", "d.yaml", "--format", "github", "--lang", "en"],
        env={"GITHUB_STEP_SUMMARY": str(target)},
    )
    assert result.exit_code == 0
    assert target.read_bytes() == before
    assert "cannot write the job summary" in result.stderr
    assert "see the log above" in result.stdout


def test_cli_without_github_format_leaves_the_summary_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _declaration_with_warnings(tmp_path)
    monkeypatch.chdir(tmp_path)
    step = tmp_path / "summary.md"
    result = runner.invoke(
        app, ["validate", "d.yaml", "--format", "json"], env={"GITHUB_STEP_SUMMARY": str(step)}
    )
    assert result.exit_code == 0 and not step.exists()
