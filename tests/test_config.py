"""Configuration: discovery, the strict model, per-file options, and the CLI flags."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfdecl import config as config_module
from perfdecl.cli.app import app
from perfdecl.config import (
    ConfigResolver,
    ProjectConfig,
    glob_regex,
    nearest_key,
    options_for,
    parse_config,
    read_config,
    split_codes,
)
from perfdecl.config.schema import Config, DiffIgnore, Thresholds
from perfdecl.lint import Options, check_path
from perfdecl.loader import Limits
from perfdecl.problem import Severity
from perfdecl.rules.pd214_quantitative_share import QuantitativeShareOptions
from perfdecl.rules.pd215_vague import VagueOptions

from .conftest import EXAMPLE, ROOT

runner = CliRunner()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def declaration(path: Path, *, phone: str = '"83998540"', framework: str = "beijing_2019") -> Path:
    """The example, with the phone line (a PD012 trap when unquoted) and framework replaced."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace('phone: "83998540"', f"phone: {phone}", 1)
    text = text.replace("framework: beijing_2019", f"framework: {framework}", 1)
    return write(path, text)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project root: the ``.git`` folder stops the upward search from leaving the tree."""
    (tmp_path / ".git").mkdir()
    return tmp_path


@pytest.fixture
def in_dir(tmp_path: Path) -> Iterator[Path]:
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(old)


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"LANG": "C", "NO_COLOR": "1"})
    return result.exit_code, result.output


# --- discovery -----------------------------------------------------------------------------


def test_pyproject_found_upward(project: Path) -> None:
    write(
        project / "pyproject.toml", '[project]\nname = "x"\n\n[tool.perfdecl]\nignore = ["PD012"]\n'
    )
    file = declaration(project / "a" / "b" / "c.yaml")
    resolver = ConfigResolver()
    assert resolver.find(file) == (project / "pyproject.toml").resolve()
    assert resolver.options_for(file).ignore == ("PD012",)


def test_nearest_wins_and_dotfile_before_pyproject(project: Path) -> None:
    write(project / "pyproject.toml", '[tool.perfdecl]\nignore = ["PD1"]\n')
    write(project / "sub" / "pyproject.toml", '[tool.perfdecl]\nignore = ["PD2"]\n')
    write(project / "sub" / ".perfdecl.toml", 'ignore = ["PD3"]\n')
    resolver = ConfigResolver()
    assert resolver.options_for(project / "sub" / "deep" / "x.yaml").ignore == ("PD3",)
    assert resolver.options_for(project / "other" / "x.yaml").ignore == ("PD1",)


def test_perfdecl_toml_without_the_dot_is_found(project: Path) -> None:
    """``perfdecl.toml`` (no dot) is read like ``.perfdecl.toml``: top-level keys, found upward,
    before a pyproject.toml in the same folder; ``.perfdecl.toml`` wins over it (as ruff reads
    .ruff.toml before ruff.toml)."""
    write(project / "pyproject.toml", '[tool.perfdecl]\nignore = ["PD1"]\n')
    write(project / "perfdecl.toml", 'ignore = ["PD2"]\n')
    write(project / "sub" / "perfdecl.toml", 'ignore = ["PD3"]\n')
    write(project / "sub" / ".perfdecl.toml", 'ignore = ["PD4"]\n')
    resolver = ConfigResolver()
    assert resolver.options_for(project / "x.yaml").ignore == ("PD2",)
    assert resolver.options_for(project / "sub" / "deep" / "x.yaml").ignore == ("PD4",)
    assert resolver.shadowed == [
        (
            (project / "sub" / ".perfdecl.toml").resolve(),
            (project / "sub" / "perfdecl.toml").resolve(),
        )
    ]
    problems = read_config(write(project / "t" / "perfdecl.toml", "[tool.perfdecl]\n")).problems
    assert [p.code for p in problems] == ["PD021"] and "perfdecl.toml" in problems[0].message.en


def test_cli_reads_perfdecl_toml_and_warns_when_both_exist(project: Path, in_dir: Path) -> None:
    declaration(project / "a.yaml", phone="010")
    write(project / "perfdecl.toml", 'select = ["PD0"]\nseverity = { PD012 = "error" }\n')
    result = runner.invoke(app, ["validate", "a.yaml", "-q"], env={"LANG": "C"})
    assert result.exit_code == 1 and "a.yaml:8:8: PD012 error" in result.stdout
    assert "ignored" not in result.stderr
    write(project / ".perfdecl.toml", 'select = ["PD0"]\n')
    result = runner.invoke(app, ["validate", "a.yaml", "-q"], env={"LANG": "C"})
    assert result.exit_code == 0 and "PD012 info" in result.stdout  # .perfdecl.toml applies
    assert (
        "perfdecl: warning: perfdecl.toml is ignored: .perfdecl.toml in the same folder comes "
        "first; merge them into one file.\n"
    ) in result.stderr
    zh = runner.invoke(app, ["validate", "a.yaml", "-q", "--lang", "zh"])
    assert "警告：perfdecl.toml 未被使用：同一文件夹中的 .perfdecl.toml 优先" in zh.stderr
    done = subprocess.run(
        [sys.executable, "-m", "perfdecl", "validate", "a.yaml", "--lang", "en"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and done.stderr.count("perfdecl.toml is ignored") == 1


def test_pyproject_without_table_is_skipped(project: Path) -> None:
    write(project / ".perfdecl.toml", 'select = ["PD0"]\n')
    write(project / "sub" / "pyproject.toml", '[project]\nname = "perfdecl-free"\n')
    resolver = ConfigResolver()
    assert resolver.find(project / "sub" / "x.yaml") == (project / ".perfdecl.toml").resolve()


def test_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    write(tmp_path / ".perfdecl.toml", 'ignore = ["PD0"]\n')  # outside the repository
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    resolver = ConfigResolver()
    assert resolver.find(tmp_path / "repo" / "docs" / "x.yaml") is None
    assert resolver.options_for(tmp_path / "repo" / "x.yaml").ignore == ()


def test_explicit_config_overrides_discovery(project: Path) -> None:
    write(project / ".perfdecl.toml", 'ignore = ["PD1"]\n')
    other = write(project / "ci" / "strict.toml", 'select = ["PD2"]\n')
    options = options_for(project / "x.yaml", config=other)
    assert options.select == ("PD2",) and options.ignore == ()


def test_each_folder_and_file_read_once(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(project / ".perfdecl.toml", 'ignore = ["PD012"]\n')
    reads: list[Path] = []
    real = config_module.read_config

    def counting(path: str | os.PathLike[str]) -> config_module.ProjectConfig:
        reads.append(Path(path))
        return real(path)

    monkeypatch.setattr(config_module, "read_config", counting)
    resolver = ConfigResolver()
    for n in range(300):
        resolver.options_for(project / f"d{n % 3}" / f"f{n}.yaml")
    assert len(reads) == 1
    assert len(resolver._folders) <= 5  # three sub-folders, the root, nothing above .git


def test_cli_flags_combine_with_config(project: Path) -> None:
    write(project / ".perfdecl.toml", 'select = ["PD1"]\nignore = ["PD101"]\n')
    resolver = ConfigResolver(select=["PD0"], ignore=["PD012"])
    options = resolver.options_for(project / "x.yaml")
    assert options.select == ("PD0",)  # --select replaces
    assert options.ignore == ("PD101", "PD012")  # --ignore adds


def test_base_options_are_kept(project: Path) -> None:
    write(project / ".perfdecl.toml", 'ignore = ["PD1"]\n')
    base = Options(limits=Limits(max_bytes=10))
    assert ConfigResolver(base).options_for(project / "x.yaml").limits.max_bytes == 10


# --- the strict model ----------------------------------------------------------------------


def test_unknown_key_names_nearest_and_line(project: Path) -> None:
    path = write(
        project / ".perfdecl.toml",
        '# our settings\nselect = ["PD2"]\n\nper-file-ignore = {}\n',
    )
    result = read_config(path)
    [problem] = result.problems
    assert (problem.code, problem.severity, problem.line, problem.column) == (
        "PD021",
        Severity.ERROR,
        4,
        1,
    )
    assert "per_file_ignores" in problem.message.en and "per_file_ignores" in problem.message.zh
    assert result.config.select == ("PD2",)  # the valid rest still applies


def test_unknown_nested_key_in_pyproject(project: Path) -> None:
    path = write(
        project / "pyproject.toml",
        "[project]\nname = 'x'\n\n[tool.perfdecl]\nignore = ['PD012']\n\n"
        "[tool.perfdecl.thresholds]\nextra_vague_words = ['进一步']\nmin_quantitive_share = 0.4\n",
    )
    result = read_config(path)
    [problem] = result.problems
    assert problem.code == "PD021" and problem.line == 9
    assert "min_quantitative_share" in problem.message.en
    assert result.config.thresholds.extra_vague_words == ("进一步",)
    assert result.config.ignore == ("PD012",)


def test_tool_table_in_dotfile_is_explained(project: Path) -> None:
    [problem] = read_config(write(project / ".perfdecl.toml", "[tool.perfdecl]\n")).problems
    assert problem.code == "PD021" and "top level" in problem.message.en


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ('severity = { PD2 = "fatal" }\n', 1, "'error', 'warning' or 'info'"),
        ('ignore = ["PD012", "E501"]\n', 1, "'E501' is not a problem code"),
        ("[thresholds]\nmin_quantitative_share = 1.5\n", 2, "less than or equal to 1"),
        ('framework = "beijing"\n', 1, "beijing_2019"),
        ('[[diff.ignore]]\nid = "eff.1"\nreason = "  "\n', 1, "reason must not be empty"),
        ('[[diff.ignore]]\nreason = "renamed"\n', 1, "give id or pointer"),
    ],
)
def test_invalid_values(project: Path, text: str, line: int, fragment: str) -> None:
    [problem] = read_config(write(project / ".perfdecl.toml", text)).problems
    assert problem.code == "PD022" and problem.line == line
    assert fragment in problem.message.en


def test_error_in_second_array_table_points_at_it(project: Path) -> None:
    text = (
        "[tool.perfdecl]\n\n[[tool.perfdecl.diff.ignore]]\nid = 'a'\nreason = 'ok'\n\n"
        "[[tool.perfdecl.diff.ignore]]\npointer = '/funds/total'\nreson = 'typo'\n"
    )
    problems = read_config(write(project / "pyproject.toml", text)).problems
    assert [(p.code, p.line) for p in problems] == [("PD022", 7), ("PD021", 9)]


def test_toml_syntax_error(project: Path) -> None:
    [problem] = read_config(write(project / ".perfdecl.toml", 'select = ["PD2"\n')).problems
    assert problem.code == "PD020" and problem.severity is Severity.ERROR


def test_missing_config_is_unreadable(project: Path) -> None:
    result = read_config(project / "nope.toml")
    assert result.fatal and result.problems[0].code == "PD001"


def test_diff_ignore_model() -> None:
    entry = DiffIgnore(pointer="/funds/total", reason="the bureau cut the budget")
    assert entry.id is None
    config = Config.model_validate({"diff": {"ignore": [{"id": "eff.1", "reason": "renamed"}]}})
    assert config.diff.ignore[0].id == "eff.1"
    with pytest.raises(ValueError):
        DiffIgnore(id="eff.1")  # type: ignore[call-arg]


def test_nearest_key() -> None:
    valid = list(Config.model_fields)
    assert nearest_key("per-file-ignores", valid) == "per_file_ignores"
    assert nearest_key("selct", valid) == "select"
    assert nearest_key("zzzzzz", valid) is None


def test_split_codes() -> None:
    assert split_codes("pd2, PD012,") == ("PD2", "PD012")
    assert split_codes(None) is None
    with pytest.raises(ValueError):
        split_codes("PD2,E501")


# --- per-file options ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("archive/**/*.yaml", "archive/2019/x.yaml", True),
        ("archive/**/*.yaml", "archive/x.yaml", True),
        ("archive/**/*.yaml", "current/archive/x.yaml", False),
        ("archive/*.yaml", "archive/2019/x.yaml", False),
        ("*_draft.yaml", "a/b/plan_draft.yaml", True),
        ("*_draft.yaml", "plan_draft.yml", False),
        ("**/drafts/**", "x/drafts/y/z.yaml", True),
        ("build/", "build", True),
        ("20[12]?/*.yaml", "2019/a.yaml", True),
        ("20[!1]?/*.yaml", "2019/a.yaml", False),
        ("./a.yaml", "a.yaml", True),
        ("a.yaml", "sub/a.yaml", True),
        ("/abs.yaml", "abs.yaml", False),
    ],
)
def test_glob(pattern: str, path: str, matches: bool) -> None:
    assert bool(glob_regex(pattern).fullmatch(path)) is matches


def test_per_file_ignores_relative_to_config_folder(project: Path) -> None:
    write(
        project / "cfg" / ".perfdecl.toml",
        '[per_file_ignores]\n"archive/**/*.yaml" = ["PD012"]\n"*_draft.yaml" = ["PD2", "PD1"]\n',
    )
    resolver = ConfigResolver()
    root = project / "cfg"
    assert resolver.options_for(root / "archive" / "2019" / "a.yaml").ignore == ("PD012",)
    assert resolver.options_for(root / "new" / "b_draft.yaml").ignore == ("PD2", "PD1")
    assert resolver.options_for(root / "new" / "b.yaml").ignore == ()


def test_per_file_ignores_hide_problems(project: Path) -> None:
    write(project / ".perfdecl.toml", '[per_file_ignores]\n"old/*.yaml" = ["PD012"]\n')
    old = declaration(project / "old" / "a.yaml", phone="010")
    new = declaration(project / "new" / "a.yaml", phone="010")
    resolver = ConfigResolver()
    assert "PD012" not in {p.code for p in check_path(old, resolver.options_for(old)).problems}
    assert "PD012" in {p.code for p in check_path(new, resolver.options_for(new)).problems}


def test_exclude(project: Path) -> None:
    write(project / ".perfdecl.toml", 'exclude = ["archive", "**/*_old.yaml"]\n')
    resolver = ConfigResolver()
    assert resolver.excluded(project / "archive" / "2019" / "a.yaml")
    assert resolver.excluded(project / "x" / "a_old.yaml")
    assert not resolver.excluded(project / "current" / "a.yaml")


def test_thresholds_reach_rule_settings(project: Path) -> None:
    write(
        project / "pyproject.toml",
        "[tool.perfdecl.thresholds]\nmin_quantitative_share = 0.75\n"
        'extra_vague_words = ["进一步", "有效"]\nfunds_change_threshold = 0.1\n',
    )
    resolver = ConfigResolver()
    settings = resolver.options_for(project / "a.yaml").settings
    assert settings.of(QuantitativeShareOptions).min_quantitative_share == 0.75
    assert settings.of(VagueOptions).extra_vague_words == ("进一步", "有效")
    # read by perfdecl diff from the configuration (RuleSettings had a copy nothing read)
    assert resolver.config_for(project / "a.yaml").config.thresholds.funds_change_threshold == 0.1


def test_severity_override_in_options(project: Path) -> None:
    write(project / ".perfdecl.toml", '[severity]\nPD012 = "error"\nPD2 = "info"\n')
    options = ConfigResolver().options_for(project / "a.yaml")
    assert options.severity == {"PD012": Severity.ERROR, "PD2": Severity.INFO}


def test_framework_mismatch_is_a_warning(project: Path) -> None:
    write(project / ".perfdecl.toml", 'framework = "central_2021"\n')
    file = declaration(project / "a.yaml")
    options = ConfigResolver().options_for(file)
    assert options.settings.framework == "central_2021"
    [problem] = [p for p in check_path(file, options).problems if p.code == "PD023"]
    assert problem.severity is Severity.WARNING and problem.line == 4
    write(project / ".perfdecl.toml", 'framework = "beijing_2019"\n')
    options = ConfigResolver().options_for(file)
    assert "PD023" not in {p.code for p in check_path(file, options).problems}


# --- through the CLI -----------------------------------------------------------------------


def test_cli_severity_override_changes_exit_code(project: Path, in_dir: Path) -> None:
    declaration(project / "a.yaml", phone="010")
    write(project / ".perfdecl.toml", 'select = ["PD0"]\n')
    code, out = invoke("validate", "a.yaml")
    assert code == 0 and "a.yaml:8:8: PD012 info" in out
    write(project / ".perfdecl.toml", 'select = ["PD0"]\nseverity = { PD012 = "error" }\n')
    code, out = invoke("validate", "a.yaml")
    assert code == 1 and "a.yaml:8:8: PD012 error" in out


def test_cli_invalid_config_reported_on_the_config_file(project: Path, in_dir: Path) -> None:
    declaration(project / "a.yaml")
    declaration(project / "b.yaml")
    write(project / "pyproject.toml", '[tool.perfdecl]\nselect = ["PD0"]\nignor = ["PD012"]\n')
    result = runner.invoke(
        app, ["validate", "a.yaml", "b.yaml", "--format", "json"], env={"LANG": "C"}
    )
    code, out = result.exit_code, result.stdout
    assert code == 2  # a broken configuration is a usage error; the files are still checked
    # select = ["PD0"] turns off PD1 and PD2: one line on standard error says so
    assert "turns off whole families of problems: PD1 (select), PD2 (select)" in result.stderr
    doc = json.loads(out)
    assert [f["file"] for f in doc["files"]] == ["pyproject.toml", "a.yaml", "b.yaml"]
    [problem] = doc["files"][0]["problems"]
    assert (problem["code"], problem["line"]) == ("PD021", 3)
    assert "'ignore'" in problem["message"]
    assert doc["summary"]["exit_code"] == 2


BROKEN_CONFIGS = [
    ('select = ["PD2O1"]\n', "PD022"),  # a letter O for a zero: not a code
    ('ignore = ["PD999"]\n', "PD022"),  # well formed, but no such code
    ("select = [\n", "PD020"),  # TOML syntax
    ("bogus = 1\n", "PD021"),  # unknown key
    ('severity = { PD012 = "fatal" }\n', "PD022"),  # not a severity
    ("thresholds = { min_quantitative_share = 2 }\n", "PD022"),  # a share above 1
    ('frameworks = ["missing.toml"]\n', "PD027"),  # a framework file that cannot be read
]


@pytest.mark.parametrize(("text", "code"), BROKEN_CONFIGS)
def test_a_broken_configuration_exits_2(project: Path, in_dir: Path, text: str, code: str) -> None:
    """Every configuration error is a usage error (exit 2, as ruff does), in .perfdecl.toml
    and in pyproject.toml, on a clean declaration and under --write-baseline too; the
    declaration is still checked and the problem is reported on the configuration file."""
    declaration(project / "a.yaml")
    for name, body in ((".perfdecl.toml", text), ("pyproject.toml", "[tool.perfdecl]\n" + text)):
        for other in (".perfdecl.toml", "pyproject.toml"):
            (project / other).unlink(missing_ok=True)
        write(project / name, body)
        result = runner.invoke(app, ["validate", "a.yaml", "--format", "json"], env={"LANG": "C"})
        assert result.exit_code == 2, (name, text, result.output)
        doc = json.loads(result.stdout)
        assert doc["files"][0]["file"] == name
        assert [p["code"] for p in doc["files"][0]["problems"]] == [code]
        assert doc["files"][1]["file"] == "a.yaml" and doc["summary"]["exit_code"] == 2
        baseline = runner.invoke(app, ["validate", "a.yaml", "--write-baseline", "b.json"])
        assert baseline.exit_code == 2, baseline.output
        (project / "b.json").unlink(missing_ok=True)


def test_a_broken_configuration_exits_2_in_a_subprocess(project: Path) -> None:
    declaration(project / "a.yaml")
    write(project / ".perfdecl.toml", 'select = ["PD2O1"]\n')
    done = subprocess.run(
        [sys.executable, "-m", "perfdecl", "validate", "a.yaml", "-q", "--lang", "en"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert ".perfdecl.toml:1:1: PD022 error" in done.stdout
    write(project / ".perfdecl.toml", 'select = ["PD201"]\n')  # the repaired configuration
    done = subprocess.run(
        [sys.executable, "-m", "perfdecl", "validate", "a.yaml", "-q"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_cli_missing_explicit_config_exits_2(project: Path, in_dir: Path) -> None:
    declaration(project / "a.yaml")
    code, out = invoke("validate", "a.yaml", "--config", "missing.toml")
    assert code == 2
    assert "missing.toml: PD001 error" in out and "a.yaml" not in out.replace("missing.toml", "")


def test_cli_explicit_config(project: Path, in_dir: Path) -> None:
    declaration(project / "a.yaml", phone="010")
    write(project / ".perfdecl.toml", 'select = ["PD0"]\n')
    write(project / "ci.toml", 'select = ["PD0"]\nseverity = { PD012 = "error" }\n')
    assert invoke("validate", "a.yaml")[0] == 0
    assert invoke("validate", "a.yaml", "--config", "ci.toml")[0] == 1


def test_cli_select_and_ignore_flags(project: Path, in_dir: Path) -> None:
    declaration(project / "a.yaml", phone="010")
    code, out = invoke("validate", "a.yaml", "--select", "PD0", "--format", "json")
    codes = {p["code"] for f in json.loads(out)["files"] for p in f["problems"]}
    assert codes == {"PD012"}
    code, out = invoke("validate", "a.yaml", "--select", "PD0", "--ignore", "PD012", "-q")
    assert code == 0 and "PD012" not in out
    code, out = invoke("validate", "a.yaml", "--select", "PD0,E501")
    assert code == 2


def test_subprocess_with_discovered_config(project: Path) -> None:
    declaration(project / "decls" / "a.yaml", phone="010")
    write(
        project / "pyproject.toml",
        '[tool.perfdecl]\nselect = ["PD0"]\nseverity = {PD0 = "error"}\n',
    )
    done = subprocess.run(
        [sys.executable, "-m", "perfdecl", "validate", "decls", "--no-color", "--lang", "en"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "PD012 error" in done.stdout


def test_documentation_example_is_valid_and_complete() -> None:
    """docs/configuration.md: its example parses cleanly and every key is documented."""
    doc = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(.*?)```", doc, re.DOTALL)
    assert block is not None
    result = parse_config(block[1], ROOT / "pyproject.toml", pyproject=True)
    assert result.problems == ()
    for key in Config.model_fields:
        assert f"| `{key}" in doc, key
    for key in Thresholds.model_fields:
        assert f"`thresholds.{key}`" in doc, key
    for code in ("PD020", "PD021", "PD022", "PD023", "PD024", "PD025", "PD026"):
        assert f"| {code} |" in doc, code


def test_no_config_file_answers_the_defaults_without_the_models() -> None:
    """Without a configuration file the defaults are answered from RuleSettings and Options;
    they must equal what the pydantic defaults would give."""
    bare = ProjectConfig()
    modelled = ProjectConfig(model=Config())
    assert bare.settings() == modelled.settings()
    assert bare.config == modelled.config == Config()
    assert bare.per_file_codes("x.yaml") == modelled.per_file_codes("x.yaml") == ()
    resolver = ConfigResolver(discover=False, select=("PD2",), ignore=("PD211",))
    assert resolver._build(bare, ()) == resolver._build(modelled, ())


def test_validate_without_a_config_file_builds_no_config_model(tmp_path: Path) -> None:
    """A real process: the common run never imports perfdecl.config.schema."""
    (tmp_path / ".git").mkdir()  # stop the upward search here
    target = tmp_path / "d.yaml"
    target.write_bytes(EXAMPLE.read_bytes())
    code = (
        "import sys\n"
        "from perfdecl.cli import main\n"
        "try:\n"
        f"    main(['validate', '-q', '--format', 'json', {str(target)!r}])\n"
        "except SystemExit:\n"
        "    sys.stderr.write(str('perfdecl.config.schema' in sys.modules))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert proc.stderr.strip() == "False"
