"""Declarations only (issue #19): a folder walk checks declarations and skips other YAML.

`perfdecl validate .` in a repository must not report a pre-commit configuration or a compose
file as a broken declaration; but deleting one key must never hide a broken declaration, and a
file named on the command line is always checked.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from perfdecl.lint.runner import collect, looks_like_declaration

from .conftest import EXAMPLE

EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")


def run(args: list[str], cwd: Path) -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "perfdecl", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (EXAMPLE_TEXT, True),
        ("unit: 某单位\nyear: [\n", True),  # broken, but a declaration: still checked
        ('"indicators": []\n', True),
        ("# a comment\n{schema_version: 1, year: 2020}\n", True),
        ("repos:\n  - repo: local\n", False),
        ("services:\n  web:\n    unit: not-top-level\n", False),
        ("name: ci\non: [push]\n", False),
        ("", False),
    ],
)
def test_looks_like_declaration(tmp_path: Path, text: str, expected: bool) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    assert looks_like_declaration(str(path)) is expected


def test_utf16_declaration_is_seen(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("schema_version: 1\n", encoding="utf-16")
    assert looks_like_declaration(str(path))


def test_walk_skips_other_yaml_and_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "decl").mkdir()
    (tmp_path / "decl" / "a.yaml").write_text(EXAMPLE_TEXT, encoding="utf-8")
    (tmp_path / "decl" / "broken.yaml").write_text("unit: x\nyear: [\n", encoding="utf-8")
    (tmp_path / "docker-compose.yml").write_text("services: {}\n", encoding="utf-8")
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    (tmp_path / ".hidden.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "ci.yml").write_text("unit: x\n", encoding="utf-8")
    got = collect([str(tmp_path)])
    assert [Path(i.name).name for i in got.inputs] == ["a.yaml", "broken.yaml"]
    assert [Path(p).name for p in got.skipped] == ["docker-compose.yml"]
    code, out, err = run(["validate", "--format", "json", "."], tmp_path)
    files = [Path(f["file"]).name for f in json.loads(out)["files"]]
    assert code == 1 and files == ["a.yaml", "broken.yaml"]  # the broken one fails the run
    assert "skipped 1 YAML file that is not a declaration" in err
    code, _, err = run(["validate", "--lang", "zh", "-q", "."], tmp_path)
    assert "跳过" not in err  # --quiet: only the problems


def test_a_named_file_is_always_checked(tmp_path: Path) -> None:
    (tmp_path / "docker-compose.yml").write_text("services: {}\n", encoding="utf-8")
    code, out, _ = run(["validate", "--format", "json", "docker-compose.yml"], tmp_path)
    codes = {p["code"] for f in json.loads(out)["files"] for p in f["problems"]}
    assert code == 1 and "PD101" in codes


def test_a_folder_without_declarations_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "docker-compose.yml").write_text("services: {}\n", encoding="utf-8")
    code, out, err = run(["validate", "."], tmp_path)
    assert code == 2 and "PD001" in out and "holds no *.yaml or *.yml declaration" in out
    assert "skipped 1" in err
