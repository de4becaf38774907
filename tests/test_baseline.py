"""Baselines: keyed on file, code, pointer and value — never on lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfdecl.cli.app import app
from perfdecl.lint.baseline import Baseline, BaselineError, Entry
from tests.conftest import EXAMPLE

runner = CliRunner()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the example (many review findings) and a copy with a funds error."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (tmp_path / ".perfdecl.toml").write_text("", encoding="utf-8")
    decl = tmp_path / "decl"
    decl.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    (decl / "a.yaml").write_text(text, encoding="utf-8")
    (decl / "b.yaml").write_text(text.replace("total: 18891.87", "total: 18891.97"), "utf-8")
    return tmp_path


def validate(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["validate", *args, "--lang", "en"])
    return result.exit_code, result.output


def test_write_then_use_a_baseline(repo: Path) -> None:
    code, _ = validate("decl")
    assert code == 1  # the funds error
    code, out = validate("decl", "--write-baseline", "ci/baseline.json")  # ci/ is created
    assert code == 0, out  # writing a baseline accepts today's findings
    document = json.loads((repo / "ci" / "baseline.json").read_text(encoding="utf-8"))
    assert document["version"] == 1 and document["tool"] == "perfdecl"
    findings = document["findings"]
    assert findings == sorted(
        findings, key=lambda f: (f["file"], f["code"], f["pointer"], f["hash"])
    )
    assert {f["file"] for f in findings} == {"../decl/a.yaml", "../decl/b.yaml"}
    assert all("line" not in f for f in findings)

    code, out = validate("decl", "--baseline", "ci/baseline.json")
    assert code == 0, out
    assert "0 gone" in out
    assert out.splitlines()[-1].startswith("Checked 2 files: 0 errors, 0 warnings, 0 notes")


def test_a_baseline_survives_inserted_lines(repo: Path) -> None:
    validate("decl", "--write-baseline", "baseline.json")
    a = repo / "decl" / "a.yaml"
    text = a.read_text(encoding="utf-8")
    # Shift every line: comments at the top, a blank line in the middle, a reflowed block.
    shifted = "# 2019 年度\n# 修订稿\n\n" + text.replace("goals:\n", "\ngoals:\n", 1)
    a.write_text(shifted, encoding="utf-8")
    code, out = validate("decl", "--baseline", "baseline.json", "-f", "json")
    assert code == 0
    report = json.loads(out)
    assert all(not f["problems"] for f in report["files"])
    assert report["baseline"]["gone"] == []
    assert report["baseline"]["suppressed"] > 50


def test_new_and_gone_findings_are_reported(repo: Path) -> None:
    validate("decl", "--write-baseline", "baseline.json")
    a = repo / "decl" / "a.yaml"
    text = a.read_text(encoding="utf-8")
    # New: a negative fund (another value at the same pointer is a new finding).
    text = text.replace("other: 0", "other: -1", 1)
    a.write_text(text, encoding="utf-8")
    b = repo / "decl" / "b.yaml"
    b.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")  # fixes the funds error
    code, out = validate("decl", "--baseline", "baseline.json", "-f", "json")
    report = json.loads(out)
    new = [p["code"] for f in report["files"] for p in f["problems"]]
    assert new and all(
        p["pointer"].startswith("/funds") for f in report["files"] for p in f["problems"]
    )
    assert code == 1
    gone = report["baseline"]["gone"]
    assert {"file": "decl/b.yaml", "code": "PD202"} in [
        {"file": g["file"], "code": g["code"]} for g in gone
    ]
    code, text_out = validate("decl", "--baseline", "baseline.json")
    assert "gone: decl/b.yaml PD202 /funds" in text_out


def test_files_outside_the_run_are_not_gone_but_deleted_files_are(repo: Path) -> None:
    validate("decl", "--write-baseline", "baseline.json")
    code, out = validate("decl/a.yaml", "--baseline", "baseline.json", "-f", "json")
    assert code == 0 and json.loads(out)["baseline"]["gone"] == []
    (repo / "decl" / "b.yaml").unlink()
    code, out = validate("decl/a.yaml", "--baseline", "baseline.json", "-f", "json")
    gone = json.loads(out)["baseline"]["gone"]
    assert gone and {g["file"] for g in gone} == {"decl/b.yaml"}


def test_baseline_file_is_stable(repo: Path) -> None:
    validate("decl", "--write-baseline", "one.json")
    validate("decl", "--write-baseline", "two.json", "--jobs", "1")
    assert (repo / "one.json").read_bytes() == (repo / "two.json").read_bytes()
    baseline = Baseline.read(repo / "one.json")
    assert Baseline.from_json(baseline.to_json()).entries == baseline.entries


def test_refuses_to_clobber_and_rejects_bad_baselines(repo: Path) -> None:
    validate("decl", "--write-baseline", "baseline.json")
    code, out = validate("decl", "--write-baseline", "baseline.json")
    assert code == 2 and "--force" in out
    code, _ = validate("decl", "--write-baseline", "baseline.json", "--force")
    assert code == 0
    (repo / "bad.json").write_text("{not json", encoding="utf-8")
    code, out = validate("decl", "--baseline", "bad.json")
    assert code == 2 and "baseline" in out and "Traceback" not in out
    code, out = validate("decl", "--baseline", "missing.json")
    assert code == 2
    for document in (
        {"tool": "x"},
        {"tool": "perfdecl", "version": 99},
        {"tool": "perfdecl", "version": 1, "findings": [{"file": 1}]},
    ):
        with pytest.raises(BaselineError):
            Baseline.from_json(json.dumps(document))


def test_duplicates_are_counted(repo: Path) -> None:
    baseline = Baseline()
    entry = Entry("a.yaml", "PD215", "/x", "abc")
    baseline.entries[entry] += 2
    assert json.loads(baseline.to_json())["findings"][0]["count"] == 2
