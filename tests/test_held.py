"""Results that wait for the folder check (lint/held.py): the same results, in the same order,
whether they stay in memory or go through the temporary file, and the same reports."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfdecl.cli.app import build_app
from perfdecl.lint import FileResult
from perfdecl.lint import held as held_module
from perfdecl.lint.baseline import entries_of, value_text
from perfdecl.lint.held import Held, kept
from perfdecl.lint.runner import check_files
from perfdecl.loader.source import SourceMap, Span
from perfdecl.problem import Lang, Message, Problem, Severity
from perfdecl.reporters import get_reporter
from perfdecl.reporters.base import Summary
from tests.test_folder_check import department, project, write

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "niujie_2019.yaml"
runner = CliRunner()


def _forms(folder: Path) -> Path:
    """A department form first (the run holds from there), projects of its unit after it
    (PD249 fires), a file that is not valid YAML, a copy of the example (many problems,
    related places, text excerpts), and a second unit's department form."""
    write(
        folder,
        {
            "a_dept.yaml": department(),
            "b_p1.yaml": project("amount: 30"),
            "c_broken.yaml": "unit: [unclosed\n",
            "e_p2.yaml": project("amount: 40", name="另一个项目"),
            "f_dept.yaml": department(unit="某县图书馆"),
        },
    )
    (folder / "d_example.yaml").write_bytes(EXAMPLE.read_bytes())
    return folder


@pytest.mark.parametrize("limit", [0, 3, 10**9])
def test_a_spilled_result_comes_back_equal(
    tmp_path: Path, limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    results = check_files([str(_forms(tmp_path))])
    assert len(results) == 6 and any(r.ledger for r in results)
    monkeypatch.setattr(held_module, "HOLD_PROBLEMS", limit)
    store = Held()
    waiting = [([results[0]], None), *(([], r) for r in results)]
    for preface, result in waiting:
        store.add(preface, result)
    assert (store._file is not None) == (limit < 10**9)
    back = list(store)
    # FileResult, Problem, Message, Related, SourceMap, Ledger: all compared
    assert back == [([kept(r) for r in p], r if r is None else kept(r)) for p, r in waiting]
    assert list(store) == []  # iterated once; the temporary file is closed


def _reports(results: list[FileResult], fmt: str, lang: Lang) -> str:
    stream = io.StringIO()
    reporter = get_reporter(fmt)(stream, lang=lang, color=True)
    reporter.begin()
    summary = Summary()
    for result in results:
        summary.add(result)
        reporter.file(result)
    reporter.end(summary)
    return stream.getvalue()


def test_a_kept_result_reports_as_the_whole_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """kept() drops the lines no report reads: every format's report (text with its excerpts),
    and every baseline entry, are the same as the whole result's."""
    monkeypatch.setenv("GITHUB_ACTIONS", "")
    results = check_files([str(_forms(tmp_path))])
    results = [r for r in results if r.problems]
    short = [kept(r) for r in results]
    assert sum(len(r.source.lines) for r in results) == sum(len(r.source.lines) for r in short)
    assert sum(map(bool, (line for r in short for line in r.source.lines))) < sum(
        map(bool, (line for r in results for line in r.source.lines))
    )  # lines were dropped
    for fmt in ("text", "json", "sarif", "github", "junit", "markdown"):
        for lang in ("zh", "en"):
            whole = _reports(results, fmt, lang)
            assert _reports(short, fmt, lang) == whole
    assert "|" in _reports(results, "text", "en")  # excerpts were shown and compared
    for whole_result, short_result in zip(results, short, strict=True):
        assert entries_of(short_result, tmp_path) == entries_of(whole_result, tmp_path)


def _validate(folder: Path, fmt: str, lang: str) -> tuple[int, str]:
    out = runner.invoke(
        build_app(), ["validate", "--no-cache", "--format", fmt, "--lang", lang, str(folder)]
    )
    return out.exit_code, out.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "markdown"])
def test_reports_are_the_same_when_results_go_through_the_file(
    tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _forms(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "")
    for lang in ("zh", "en"):
        kept = _validate(folder, fmt, lang)
        monkeypatch.setattr(held_module, "HOLD_PROBLEMS", 1)
        spilled = _validate(folder, fmt, lang)
        monkeypatch.setattr(held_module, "HOLD_PROBLEMS", 8192)
        assert spilled == kept
        assert "PD249" in kept[1] or fmt == "github"  # GitHub shows ten annotations a code


def test_ledgers_keep_input_order_and_pd249(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(held_module, "HOLD_PROBLEMS", 0)
    code, out = _validate(_forms(tmp_path), "json", "en")
    assert code == 1
    files = json.loads(out)["files"]
    assert [Path(f["file"]).name for f in files] == sorted(p.name for p in tmp_path.iterdir())
    (dept,) = [f for f in files if f["file"].endswith("a_dept.yaml")]
    assert [p["code"] for p in dept["problems"]].count("PD249") == 1


def test_kept_keeps_the_problem_lines_and_the_value_lines_only() -> None:
    text = "a: 1\nb: |\n  x\n  y\nc: 'p\n  q'\nd: 4\n"
    values = {"/b": Span(2, 4, 5, 1, "|"), "/c": Span(5, 4, 6, 5, "'")}
    problem = Problem("PD201", Severity.WARNING, Message("甲", "a"), "f.yaml", 1, 1, 1, 2, "/c")
    whole = FileResult("f.yaml", (problem,), None, SourceMap(text=text, values=values))
    short = kept(whole)
    assert short.source.lines == ["a: 1", "", "", "", "c: 'p", "  q'", ""]
    assert short.source.values == values
    assert value_text(problem, short.source) == value_text(problem, whole.source) == "'p q'"
