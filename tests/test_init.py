"""``perfdecl init``: a skeleton per framework and kind that loads and matches the schema."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfdecl.cli.app import app
from perfdecl.convert.skeleton import MODELINE_PREFIX, SCHEMA_URL, schema_reference, skeleton
from perfdecl.lint import Options, check_path
from perfdecl.model import Framework, Kind
from perfdecl.model.frameworks import canonical_level1, canonical_level2, spec

runner = CliRunner()


@pytest.mark.parametrize("framework", list(Framework))
@pytest.mark.parametrize("kind", list(Kind))
def test_skeleton_is_structurally_valid(framework: Framework, kind: Kind, tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    path.write_text(skeleton(framework=framework, kind=kind, year=2024), encoding="utf-8")
    result = check_path(path)
    structural = [p for p in result.problems if p.code < "PD200"]
    assert structural == [], structural
    decl = result.declaration
    assert decl is not None and decl.framework is framework and decl.kind is kind
    assert decl.year == 2024
    # The right 一级/二级 rows, in the framework's order, each with a placeholder item.
    fw = spec(framework)
    level1 = [canonical_level1(l1.name).level1 for l1 in decl.indicators]
    assert list(dict.fromkeys(level1)) == list(fw.level1)
    for l1 in decl.indicators:
        canonical = canonical_level1(l1.name).level1
        assert canonical is not None
        assert [canonical_level2(g.name).level2 for g in l1.groups] == list(fw.level2[canonical])
        assert all(g.items for g in l1.groups)
    # Framework rules find nothing wrong with the rows; placeholders are reported (PD231).
    codes = {p.code for p in result.problems}
    assert not codes & {"PD204", "PD205", "PD206", "PD207", "PD208", "PD209"}
    assert "PD231" in codes
    assert not [p for p in result.problems if p.severity.value == "error"]


def test_init_writes_modeline_and_never_overwrites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "declaration.schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "decl").mkdir()
    result = runner.invoke(
        app,
        [
            "init",
            "decl/2025.yaml",
            "--framework",
            "central_2021",
            "--kind",
            "project",
            "--year",
            "2025",
        ],
    )
    assert result.exit_code == 0, result.output
    text = Path("decl/2025.yaml").read_text(encoding="utf-8")
    assert text.startswith(f"{MODELINE_PREFIX}../schemas/declaration.schema.json\n")
    assert "framework: central_2021" in text and "kind: project" in text
    Path("decl/2025.yaml").write_text("mine", encoding="utf-8")
    again = runner.invoke(app, ["init", "decl/2025.yaml"])
    assert again.exit_code == 2 and "--force" in again.output
    assert Path("decl/2025.yaml").read_text(encoding="utf-8") == "mine"
    forced = runner.invoke(app, ["init", "decl/2025.yaml", "--force", "--year", "2025"])
    assert forced.exit_code == 0
    assert "framework: beijing_2019" in Path("decl/2025.yaml").read_text(encoding="utf-8")


def test_schema_reference_falls_back_to_the_url(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # the search stops at the project root
    assert schema_reference(tmp_path / "a" / "b.yaml") == SCHEMA_URL


def test_init_then_validate_in_a_real_subprocess(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "perfdecl"]
    made = subprocess.run(
        [*cmd, "init", "d.yaml", "--framework", "national_classic"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    checked = subprocess.run(
        [*cmd, "validate", "d.yaml", "--select", "PD0,PD1"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout
    assert check_path(tmp_path / "d.yaml", Options(run_rules=False)).declaration is not None
