"""validate --fix / --diff (#19): safe mechanical fixes edited in place, comments and layout
kept, only files of the checked set, --diff exits 1 when anything would change."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfdecl.cli.app import app

from .conftest import EXAMPLE

runner = CliRunner()
ROW = '              - {name: 推送文章, comparison: "=", value: 200, unit: 条}'


def _broken(folder: Path, *, newline: str = "\n", bom: bool = False) -> Path:
    (folder / ".git").mkdir(exist_ok=True)
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace('phone: "83998540"', "phone: 01083998540  # the office line", 1)
    text = text.replace(ROW, ROW.replace('"="', '"≥"'), 1)
    text = text.replace("remarks: 无", "remarks: no", 1)
    path = folder / "d.yaml"
    path.write_bytes((("\ufeff" if bom else "") + text.replace("\n", newline)).encode("utf-8"))
    return path


def _expected(path: Path) -> str:
    return (
        EXAMPLE.read_text(encoding="utf-8")
        .replace('phone: "83998540"', 'phone: "01083998540"  # the office line', 1)
        .replace(ROW, ROW.replace('"="', '">="'), 1)
        .replace("remarks: 无", 'remarks: "no"', 1)
    )


def test_diff_shows_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _broken(tmp_path)
    before = path.read_bytes()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", "d.yaml", "--diff", "--lang", "en"])
    assert result.exit_code == 1
    assert path.read_bytes() == before
    assert (
        '-phone: 01083998540  # the office line\n+phone: "01083998540"  # the office line'
        in result.stdout
    )
    assert (
        '+              - {name: 推送文章, comparison: ">=", value: 200, unit: 条}' in result.stdout
    )
    assert result.stdout.startswith("--- d.yaml\n+++ d.yaml\n")
    assert "3 fixes in 1 file would be applied" in result.stderr


@pytest.mark.parametrize(("newline", "bom"), [("\n", False), ("\r\n", True)])
def test_fix_edits_in_place_keeping_comments_and_layout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, newline: str, bom: bool
) -> None:
    path = _broken(tmp_path, newline=newline, bom=bom)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", "d.yaml", "--fix", "--lang", "en", "-q"])
    assert result.exit_code == 0, result.output
    assert "applied 3 fixes in 1 file." in result.stderr
    assert "PD012" not in result.stdout  # what is left is reported, the fixed are gone
    raw = path.read_bytes().decode("utf-8")
    assert raw == ("\ufeff" if bom else "") + _expected(path).replace("\n", newline)
    again = runner.invoke(app, ["validate", "d.yaml", "--diff"])
    assert again.exit_code == 0 and again.stdout == "" and "nothing to fix" in again.stderr


def test_fix_writes_only_the_checked_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A walked YAML file that is not a declaration, and standard input, are never written."""
    _broken(tmp_path)
    other = tmp_path / "compose.yml"
    other.write_text("services: {phone: 010}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    text = _broken(tmp_path).read_text(encoding="utf-8")
    result = runner.invoke(app, ["validate", ".", "--fix", "-q"])
    assert result.exit_code == 0, result.output
    assert other.read_text(encoding="utf-8") == "services: {phone: 010}\n"
    piped = runner.invoke(app, ["validate", "-", "--fix", "-q"], input=text)
    assert "PD012" in piped.stdout  # reported, not fixed: standard input has no file to edit


def test_fix_through_the_installed_command(tmp_path: Path) -> None:
    path = _broken(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "perfdecl", "validate", "d.yaml", "--fix", "--lang", "en"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 0, done.stderr
    assert path.read_text(encoding="utf-8") == _expected(path)
    diff = subprocess.run(
        [sys.executable, "-m", "perfdecl", "validate", "d.yaml", "--diff"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert diff.returncode == 0 and diff.stdout == ""


def test_unsafe_fixes_only_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Trailing spaces (inside a | block they are text) are removed only with --unsafe-fixes."""
    path = _broken(tmp_path)
    text = path.read_text(encoding="utf-8").replace("remarks: no", "remarks: no   ", 1)
    text = text.replace("functions: |-\n  牛街街道工委", "functions: |-\n  牛街街道工委\t \n  ", 1)
    path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    safe_only = runner.invoke(app, ["validate", "d.yaml", "--diff", "--lang", "en"])
    assert safe_only.exit_code == 1 and '+remarks: "no"   ' in safe_only.stdout
    assert "2 more fixes (trailing spaces" in safe_only.stderr
    result = runner.invoke(app, ["validate", "d.yaml", "--fix", "--unsafe-fixes", "-q"])
    assert result.exit_code == 0, result.output
    fixed = path.read_text(encoding="utf-8")
    assert 'remarks: "no"\n' in fixed and "functions: |-\n  牛街街道工委\n  " in fixed
    assert not [line for line in fixed.splitlines() if line != line.rstrip(" \t")]
