"""Results that wait for the folder check (lint/held.py): the same results, in the same order,
whether they stay in memory or go through the temporary file, and the same reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfdecl.cli.app import build_app
from perfdecl.lint import held as held_module
from perfdecl.lint.held import Held
from perfdecl.lint.runner import check_files
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
    assert back == waiting  # FileResult, Problem, Message, SourceMap, Ledger: all compared
    assert [r.source.text for _, r in back[1:] if r] == [r.source.text for r in results]
    assert list(store) == []  # iterated once; the temporary file is closed


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
