"""Issue #13 in the CLI and configuration rooms: layering, one table, one path expander, one
write helper, typed rule options."""

from __future__ import annotations

import ast
import dataclasses
import json
from pathlib import Path

import pytest

from perfdecl.cli.fastpath import OPTIONS, ValidateArgs
from perfdecl.cli.validate_run import RunSettings

from .conftest import EXAMPLE
from .test_hostile import assert_clean_output, invoke

SRC = Path(__file__).resolve().parents[1] / "src" / "perfdecl"
ABOVE_CONFIG = ("lint", "diff", "convert", "render", "catalogue", "reporters", "cli")


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("path", sorted((SRC / "config").glob("*.py")), ids=lambda p: p.name)
def test_configuration_imports_nothing_above_it(path: Path) -> None:
    """config/ sits below lint/: no import of lint, lint.suppress or anything above (#13)."""
    above = {
        m
        for m in _imports(path)
        if m.split(".")[:2][-1] in ABOVE_CONFIG and m.startswith("perfdecl.")
    }
    assert not above, above


def test_schema_does_not_import_the_package_it_serves() -> None:
    """config.schema imports the shared pieces from config.text, not config/__init__ (no cycle)."""
    assert "perfdecl.config" not in _imports(SRC / "config" / "schema.py")


def test_lint_has_no_global_debug_flag() -> None:
    import perfdecl.lint

    assert not hasattr(perfdecl.lint, "DEBUG")


def test_lint_runner_knows_no_terminal() -> None:
    """Batch checking in lint/, printing and progress bars in cli/ (#13)."""
    imports = _imports(SRC / "lint" / "runner.py")
    assert not {m for m in imports if m.startswith(("rich", "perfdecl.reporters", "perfdecl.cli"))}


def test_one_table_of_validate_options() -> None:
    """OPTIONS is derived from ValidateArgs; RunSettings holds the arguments, not copies."""
    with_flags = [f.name for f in dataclasses.fields(ValidateArgs) if "flags" in f.metadata]
    assert [opt.dest for opt in OPTIONS] == with_flags
    assert {f.name for f in dataclasses.fields(RunSettings)} & set(with_flags) == set()
    for opt in OPTIONS:
        assert opt.help and all(flag.startswith("-") for flag in opt.flags), opt


def test_validate_register_is_short() -> None:
    tree = ast.parse((SRC / "cli" / "validate.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            assert (node.end_lineno or 0) - node.lineno < 120, node.name


def test_one_write_helper() -> None:
    """Only perfdecl.cli.output catches RefusedOverwrite (five copies before #13)."""
    users = [
        p.relative_to(SRC).as_posix()
        for p in SRC.rglob("*.py")
        if "RefusedOverwrite" in p.read_text(encoding="utf-8")
    ]
    assert sorted(users) == ["cli/output.py", "files.py"]


# --- one path expander: validate and export treat the same arguments alike -------------------


def _tree(tmp_path: Path) -> Path:
    folder = tmp_path / "decl"
    (folder / "sub").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    for name in ("b.yaml", "a.yml", "sub/c.yaml", ".hidden/d.yaml"):
        (folder / name).write_bytes(EXAMPLE.read_bytes())
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    return folder


def _validated(args: list[str], tmp_path: Path) -> tuple[int, list[str]]:
    code, out, err = invoke(["validate", *args, "-f", "json", "--select", "PD0"], tmp_path)
    assert_clean_output(out, err)
    return code, [f["file"] for f in json.loads(out)["files"]]


def _exported(args: list[str], tmp_path: Path) -> tuple[int, list[str]]:
    code, out, err = invoke(["export", *args, "-f", "jsonl"], tmp_path)
    assert_clean_output(out, err)
    files = [json.loads(line)["file"] for line in out.splitlines() if line.strip()]
    return code, list(dict.fromkeys(files))


@pytest.mark.parametrize(
    "args",
    [["decl"], ["decl/**/*.yaml"], ["decl/sub/c.yaml", "decl"], ["decl/*.y*ml"]],
    ids=["folder", "glob", "duplicate", "star"],
)
def test_validate_and_export_expand_alike(args: list[str], tmp_path: Path) -> None:
    _tree(tmp_path)
    v_code, v_files = _validated(args, tmp_path)
    e_code, e_files = _exported(args, tmp_path)
    assert (v_code, e_code) == (0, 0)
    assert v_files == e_files and v_files
    assert not any(".hidden" in f for f in v_files)


@pytest.mark.parametrize(
    "arg", ["missing.yaml", "decl/none-*.yaml", "empty"], ids=["missing", "no-match", "empty"]
)
def test_a_path_that_names_nothing_exits_2_everywhere(arg: str, tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / "empty").mkdir()
    code, out, err = invoke(["validate", arg, "decl/b.yaml", "--lang", "en"], tmp_path)
    assert code == 2, (out, err)
    code, out, err = invoke(["export", arg, "decl/b.yaml", "--lang", "en"], tmp_path)
    assert code == 2, (out, err)
    assert arg in err
    assert "decl/b.yaml" in out  # the readable file is still exported


# --- thresholds: one typed place, each rule owns its options ----------------------------------


def test_thresholds_are_built_from_the_rules_options() -> None:
    """Config's thresholds table is the rules' typed options plus diff's key, nothing else."""
    from perfdecl.config.schema import Thresholds
    from perfdecl.rules import RULES
    from perfdecl.rules.base import RuleSettings, configurable

    owned = [name for rule in RULES if rule.options for name in configurable(rule.options)]
    assert len(owned) == len(set(owned))
    assert set(Thresholds.model_fields) == {*owned, "funds_change_threshold"}
    assert [f.name for f in dataclasses.fields(RuleSettings)] == ["framework", "values"]


def test_a_threshold_reaches_its_rule(tmp_path: Path) -> None:
    """The example is 39% quantitative: PD214 at the default 0.5, silent at 0.3."""
    (tmp_path / ".git").mkdir()
    target = tmp_path / "d.yaml"
    target.write_bytes(EXAMPLE.read_bytes())
    code, out, _ = invoke(["validate", "d.yaml", "-f", "json", "--select", "PD214"], tmp_path)
    assert [p["code"] for p in json.loads(out)["files"][0]["problems"]] == ["PD214"]
    (tmp_path / ".perfdecl.toml").write_text(
        "[thresholds]\nmin_quantitative_share = 0.3\n", encoding="utf-8"
    )
    code, out, _ = invoke(["validate", "d.yaml", "-f", "json", "--select", "PD214"], tmp_path)
    assert code == 0 and not json.loads(out)["files"][0]["problems"]
