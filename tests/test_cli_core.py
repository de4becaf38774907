"""The validate/schema CLI: golden text and JSON, exit codes, a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfdecl import __version__
from perfdecl.cli.app import app
from perfdecl.cli.schema import schema_text

from .conftest import EXAMPLE, ROOT, golden_checker

FIXTURES = ROOT / "tests" / "fixtures" / "core"
GOLDEN = ROOT / "tests" / "golden" / "core"

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    old = os.getcwd()
    os.chdir(ROOT)  # golden output names files relative to the repository
    try:
        result = runner.invoke(app, list(args), env={"LANG": "C", "NO_COLOR": "", **(env or {})})
    finally:
        os.chdir(old)
    return result.exit_code, result.output


golden = golden_checker(GOLDEN)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_text_output_golden(lang: str) -> None:
    code, out = run(
        "validate",
        "tests/fixtures/core/mangled.yaml",
        "tests/fixtures/core/tab.yaml",
        "tests/fixtures/core/good.yaml",
        "--lang",
        lang,
    )
    assert code == 1
    golden(f"validate.{lang}.txt", out)


def test_json_output_golden_and_shape() -> None:
    code, out = run(
        "validate",
        "tests/fixtures/core/mangled.yaml",
        "tests/fixtures/core/tab.yaml",
        "--format",
        "json",
        "--lang",
        "en",
    )
    assert code == 1
    golden("validate.json", out)
    doc = json.loads(out)
    assert doc["version"] == 1
    fields = {
        "code",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "pointer",
    }
    for entry in doc["files"]:
        for problem in entry["problems"]:
            assert set(problem) == fields
    mangled = {(p["code"], p["line"]) for p in doc["files"][0]["problems"]}
    assert mangled == {("PD101", 7), ("PD006", 12), ("PD103", 14)}
    assert doc["files"][1]["problems"][0]["line"] == 12  # the tab
    assert doc["summary"] == {"files": 2, "errors": 4, "warnings": 0, "infos": 0, "exit_code": 1}


def test_json_keeps_chinese_unescaped() -> None:
    _, out = run("validate", "tests/fixtures/core/mangled.yaml", "--format", "json", "--lang", "zh")
    assert "未知的键" in out and "\\u" not in out


def test_example_validates_without_errors() -> None:
    code, out = run("validate", str(EXAMPLE))
    assert code == 0, out
    doc = json.loads(run("validate", str(EXAMPLE), "--format", "json")[1])
    assert not [p for p in doc["files"][0]["problems"] if p["severity"] == "error"]


def test_quiet_prints_only_problems() -> None:
    code, out = run("validate", "tests/fixtures/core/mangled.yaml", "--quiet")
    assert code == 1
    assert len(out.strip().splitlines()) == 3 and "Checked" not in out


def test_missing_path_exits_2() -> None:
    code, out = run("validate", "does/not/exist.yaml")
    assert code == 2 and "PD001" in out


def test_folder_is_walked(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.yaml").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "b.yml").write_text("schema_version: 1\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    code, out = run("validate", str(tmp_path), "--format", "json")
    files = [Path(f["file"]).relative_to(tmp_path).as_posix() for f in json.loads(out)["files"]]
    assert files == ["a/x.yaml", "b.yml"] and code == 1


def test_usage_error_exits_2() -> None:
    code, _ = run("validate", "--format", "nope", str(EXAMPLE))
    assert code == 2


def test_lang_defaults_from_locale() -> None:
    _, out = run("validate", "tests/fixtures/core/mangled.yaml", env={"LANG": "zh_CN.UTF-8"})
    assert "未知的键" in out
    _, out = run("validate", "tests/fixtures/core/mangled.yaml", env={"LANG": "en_US.UTF-8"})
    assert "unknown key" in out


def test_version() -> None:
    code, out = run("--version")
    assert code == 0 and out.strip() == f"perfdecl {__version__}"


def test_committed_schema_is_current() -> None:
    committed = (ROOT / "schemas" / "declaration.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: perfdecl schema > schemas/declaration.schema.json"


def test_schema_command_prints_the_schema() -> None:
    code, out = run("schema")
    assert code == 0 and json.loads(out)["title"].startswith("绩效目标申报表")


def test_example_modeline_points_at_the_schema() -> None:
    first = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/declaration.schema.json"


def _perfdecl() -> list[str]:
    exe = Path(sys.executable).with_name("perfdecl")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "perfdecl"]


def test_real_subprocess_of_the_installed_command() -> None:
    env = {**os.environ, "LANG": "C", "NO_COLOR": "1"}
    proc = subprocess.run(
        [*_perfdecl(), "validate", "tests/fixtures/core/mangled.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stdout == (GOLDEN / "validate.mangled.subprocess.txt").read_text(encoding="utf-8")
    assert "Traceback" not in proc.stderr


def test_python_dash_m() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "perfdecl", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0 and proc.stdout.strip() == f"perfdecl {__version__}"
