"""``perfdecl init``: a skeleton per framework and kind that loads and matches the schema."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfdecl.cli.app import app
from perfdecl.convert.skeleton import MODELINE_PREFIX, schema_reference, skeleton
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
        assert [canonical_level2(g.name).level2 for g in l1.groups] == list(fw.printed(canonical))
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


def test_schema_reference_is_none_without_a_local_copy(tmp_path: Path) -> None:
    """No invented URL: without the repository's copy there is nothing to point at."""
    (tmp_path / ".git").mkdir()  # the search stops at the project root
    assert schema_reference(tmp_path / "a" / "b.yaml") is None


def test_init_writes_the_schema_the_modeline_points_at(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new repository gets schemas/declaration.schema.json (the packaged schema) at its root,
    folders are created, and the modeline's relative path resolves to that file."""
    from perfdecl.cli.schema import schema_text

    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    made = runner.invoke(app, ["init", "decl/2025/unit.yaml", "--year", "2025"])
    assert made.exit_code == 0, made.output
    schema = tmp_path / "schemas" / "declaration.schema.json"
    assert schema.read_text(encoding="utf-8") == schema_text()
    first = (tmp_path / "decl/2025/unit.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"{MODELINE_PREFIX}../../schemas/declaration.schema.json"
    target = (tmp_path / "decl/2025" / first.removeprefix(MODELINE_PREFIX)).resolve()
    assert target == schema.resolve()
    again = runner.invoke(app, ["init", "decl/other.yaml", "--year", "2025"])
    assert again.exit_code == 0  # the copy exists: used, not rewritten
    assert (
        (tmp_path / "decl/other.yaml")
        .read_text(encoding="utf-8")
        .startswith(f"{MODELINE_PREFIX}../schemas/declaration.schema.json\n")
    )


@pytest.mark.parametrize("name", ["x.txt", "decl/x", "form.yaml.bak"])
def test_init_refuses_a_name_that_is_not_yaml(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init", name])
    assert result.exit_code == 2
    assert not (tmp_path / name).exists() and not (tmp_path / "schemas").exists()


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


@pytest.mark.parametrize("framework", list(Framework))
def test_project_skeleton_has_every_project_field(framework: Framework, tmp_path: Path) -> None:
    """``init --kind project``: the project form with the parties, project facts, money blocks,
    multi-year and annual goals and every column of a 三级 row; weights make the framework's
    total and points add up, so the new rules (PD238-PD242) find nothing."""
    path = tmp_path / "project.yaml"
    path.write_text(skeleton(framework=framework, kind=Kind.PROJECT, year=2024), encoding="utf-8")
    result = check_path(path)
    decl = result.declaration
    assert decl is not None and decl.project is not None
    assert decl.supervisor is not None and decl.implementer is not None and decl.filler
    project = decl.project
    for key in ("code", "lead", "lead_phone", "attribute", "category", "nature", "basis"):
        assert getattr(project, key), key
    assert project.period is not None and project.period.text
    assert project.period.first_day().isoformat() == "2024-01-01"
    assert project.period.last_day().isoformat() == "2024-12-31"
    for budget in (project.budget, project.budget_period):
        assert budget is not None and [s.kind for s in budget.sources] == ["fiscal", "other"]
    assert decl.goals is not None and decl.goals.annual is not None and decl.goals.period
    items = [item for l1 in decl.indicators for g in l1.groups for item in g.items]
    weights = [item.weight for item in items]
    assert None not in weights and sum(w for w in weights if w) == spec(framework).weight_total
    assert decl.indicators_points == sum(l1.points or 0 for l1 in decl.indicators)
    for item in items:
        assert item.direction is not None and item.standard is not None and item.core is False
        assert item.nature in ("≥", "≤") and item.explanation and item.scoring and item.previous
    codes = {p.code for p in result.problems}
    assert not codes & {"PD238", "PD239", "PD240", "PD241", "PD242"}
    assert not [p for p in result.problems if p.severity.value == "error"]


def test_department_skeleton_keeps_its_form(tmp_path: Path) -> None:
    text = skeleton(framework=Framework.NATIONAL_CLASSIC, kind=Kind.DEPARTMENT, year=2024)
    assert "weight:" not in text and "budget:" not in text and "funds:" in text
    # 服务对象满意度 is accepted under 效益 in the classic table but printed under 满意度 only.
    assert text.count("- name: 服务对象满意度指标") == 1
