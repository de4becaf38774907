"""perfdecl diff: the example pair in every format, directions, matching, ignores, git sides."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from perfdecl.cli.app import app
from perfdecl.diff import (
    DIFF_CODES,
    ChangeKind,
    Direction,
    FailOn,
    apply_ignores,
    diff,
    diff_paths,
    match_targets,
    normalize,
    relative_change,
    split_rev,
    target_direction,
    tokens,
    word_diff,
)
from perfdecl.lint import load_declaration
from perfdecl.model import Declaration, Target
from perfdecl.reporters.diff.base import DIFF_REPORTERS, condensed, get_diff_reporter
from perfdecl.reporters.diff.github import escape_data, escape_property

from .conftest import EXAMPLE, ROOT, golden_checker

DRAFT = ROOT / "examples" / "niujie_2020_draft.yaml"
GOLDEN = ROOT / "tests" / "golden" / "diff"
OLD = "examples/niujie_2019.yaml"
NEW = "examples/niujie_2020_draft.yaml"

runner = CliRunner()


def run(*args: str, cwd: Path = ROOT) -> tuple[int, str, str]:
    here = os.getcwd()
    os.chdir(cwd)
    try:
        result = runner.invoke(app, list(args), env={"LANG": "C", "NO_COLOR": ""})
    finally:
        os.chdir(here)
    return result.exit_code, result.stdout, result.stderr


golden = golden_checker(GOLDEN)


# --- the example pair ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "lang", "name"),
    [
        ("text", "en", "pair.en.txt"),
        ("text", "zh", "pair.zh.txt"),
        ("json", "en", "pair.json"),
        ("markdown", "en", "pair.en.md"),
        ("markdown", "zh", "pair.zh.md"),
        ("github", "en", "pair.github.txt"),
    ],
)
def test_example_pair_golden(fmt: str, lang: str, name: str) -> None:
    code, out, _ = run("diff", OLD, NEW, "--format", fmt, "--lang", lang, "--no-color")
    assert code == 1  # a weakened target and a removed indicator
    if fmt == "json":
        data = json.loads(out)
        data["tool"]["version"] = "X"
        out = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    golden(name, out)


def _by_code(result: Any) -> dict[str, list[Any]]:
    table: dict[str, list[Any]] = {}
    for c in result.all:
        table.setdefault(c.code, []).append(c)
    return table


def test_example_pair_shows_each_edit_with_its_direction() -> None:
    result = diff_paths(OLD, NEW)
    codes = _by_code(result)
    funds = {c.new_pointer: c for c in codes["PD310"]}
    project = funds["/funds/project"]
    assert (project.old, project.new, project.delta, project.percent) == (
        "14124.71",
        "15000.00",
        "+875.29",
        "+6.2%",
    )
    assert funds["/funds/total"].new == "19767.16"
    (raised,) = codes["PD320"]
    assert (raised.id, raised.direction, raised.old, raised.new) == (
        "out4.qty.3",
        Direction.STRONGER,
        "≥ 50 张",
        "≥ 60 张",
    )
    (lowered,) = codes["PD301"]
    assert (lowered.id, lowered.direction) == ("eff.sat.4", Direction.WEAKER)
    assert [c.id for c in codes["PD306"]] == ["eff.sat.4"]
    assert [c.id for c in codes["PD311"]] == ["out3.qty.6"]
    assert [c.id for c in codes["PD302"]] == ["out2.qty.5"]
    (renamed,) = codes["PD312"]
    assert (renamed.old_id, renamed.id, renamed.score) == ("out2.qty.6", "out2.qty.5", 1.0)
    # Year bump: deadlines and "2019年" wording follow the year and are not changes.
    assert not [c for c in result.changes if c.id and ".time." in c.id]
    assert "PD305" not in codes and "PD304" not in codes
    assert result.exit_code(FailOn.WEAKER) == 1
    assert result.exit_code(FailOn.NONE) == 0


def test_draft_says_it_is_illustrative() -> None:
    lines = DRAFT.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# yaml-language-server:")
    assert "ILLUSTRATIVE" in lines[1] and "并非已公开的申报表" in lines[1]


def test_diff_with_itself_is_empty_with_a_year_warning() -> None:
    result = diff_paths(OLD, OLD)
    assert result.changes == ()
    assert [c.code for c in result.findings] == ["PD305"]
    assert result.exit_code(FailOn.ANY) == 0  # PD305 never fails a run


def test_older_new_side_warns() -> None:
    result = diff_paths(NEW, OLD)
    assert "PD305" in [c.code for c in result.findings]
    assert "are OLD and NEW swapped" in result.findings[0].message.en


# --- targets -------------------------------------------------------------------------------


def t(comparison: str, value: Any = None, unit: str | None = "个", **kw: Any) -> Target:
    return Target.model_validate({"comparison": comparison, "value": value, "unit": unit, **kw})


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (t(">=", 50), t(">=", 60), Direction.STRONGER),
        (t(">=", 50), t(">=", 40), Direction.WEAKER),
        (t(">", 50), t(">", 51), Direction.STRONGER),
        (t(">=", 50), t(">", 50), Direction.STRONGER),
        (t("<=", 5), t("<=", 3), Direction.STRONGER),
        (t("<", 5), t("<", 8), Direction.WEAKER),
        (t("=", 5), t("=", 8), Direction.UNKNOWN),
        (t("~", 5), t("~", 8), Direction.UNKNOWN),
        (t("=", 5, direction="positive"), t("=", 8, direction="positive"), Direction.STRONGER),
        (t("=", 5, direction="negative"), t("=", 8, direction="negative"), Direction.WEAKER),
        (t("qualitative", "符合要求", None), t(">=", 90, "%"), Direction.STRONGER),
        (t(">=", 90, "%"), t("qualitative", "符合要求", None), Direction.WEAKER),
        (t(">=", 90, "%"), t(">=", 90, "分"), Direction.NOT_COMPARABLE),
        (
            t("<=", None, None, deadline="2019-12-31"),
            t("<=", None, None, deadline="2019-10-31"),
            Direction.STRONGER,
        ),
        (
            t("<=", None, None, deadline="2019-10-31"),
            t("<=", None, None, deadline="2019-12-31"),
            Direction.WEAKER,
        ),
        (t(">=", 50), t(">=", 60, deadline="2019-06-30"), Direction.STRONGER),
        (t(">=", 50, deadline="2019-06-30"), t(">=", 60, deadline="2019-12-31"), Direction.UNKNOWN),
        (t(">=", 50), t("<=", 50), Direction.UNKNOWN),
        (t(">=", 50, weight=10), t(">=", 50, weight=20), Direction.UNKNOWN),
    ],
)
def test_target_direction(old: Target, new: Target, expected: Direction) -> None:
    assert target_direction(old, new) is expected


def test_target_direction_unchanged_and_year_relative_deadline() -> None:
    assert target_direction(t(">=", 50), t(">=", Decimal("50.0"))) is None
    d19 = t("<=", None, None, deadline=date(2019, 12, 31))
    d20 = t("<=", None, None, deadline=date(2020, 12, 31))
    assert target_direction(d19, d20, year_shift=1) is None
    assert target_direction(d19, d20, year_shift=0) is Direction.WEAKER


def test_targets_match_by_name_then_unit_and_position() -> None:
    old = [t("=", 1, "个", name="甲"), t("=", 2, "次"), t("=", 3, "次")]
    new = [t("=", 3, "次"), t("=", 2, "次"), t("=", 9, "个", name="甲"), t("=", 1, "元")]
    assert match_targets(old, new) == [(0, 2), (1, 0), (2, 1)]


def test_target_removed_from_kept_indicator_is_weaker() -> None:
    a = load_declaration(EXAMPLE)
    data = a.model_dump(mode="python")
    data["indicators"][3]["groups"][0]["items"][2]["targets"].pop(0)  # out4.qty.3 借书证
    result = diff(a, Declaration.model_validate(data))
    (removed,) = result.changes
    assert (removed.code, removed.kind, removed.direction) == (
        "PD307",
        ChangeKind.TARGET_REMOVED,
        Direction.WEAKER,
    )
    assert [c.code for c in result.findings] == ["PD305", "PD306"]


def test_note_silences_pd306() -> None:
    a = load_declaration(EXAMPLE)
    data = a.model_dump(mode="python")
    item = data["indicators"][5]["groups"][4]["items"][3]  # eff.sat.4
    assert item["id"] == "eff.sat.4"
    item["targets"][0]["value"] = Decimal(85)
    item["note"] = "2020年起按市级新口径测算"
    result = diff(a, Declaration.model_validate(data))
    assert sorted(c.code for c in result.changes) == ["PD301", "PD314"]
    assert "PD306" not in [c.code for c in result.findings]


# --- matching ------------------------------------------------------------------------------


def _data() -> dict[str, Any]:
    return load_declaration(EXAMPLE).model_dump(mode="python")


def test_renumbering_that_reuses_ids_matches_by_wording() -> None:
    data = _data()
    items = data["indicators"][0]["groups"][0]["items"]  # out1.qty.1 … out1.qty.7
    removed = items.pop(1)
    for k, item in enumerate(items, start=1):
        item["id"] = f"out1.qty.{k}"
    result = diff(load_declaration(EXAMPLE), Declaration.model_validate(data))
    kinds = sorted((c.kind.value, c.old_id or "", c.id or "") for c in result.changes)
    assert ("indicator-removed", "", removed["id"]) in kinds
    renames = [k for k in kinds if k[0] == "indicator-renamed"]
    assert renames == [
        ("indicator-renamed", f"out1.qty.{k + 1}", f"out1.qty.{k}") for k in range(2, 7)
    ]
    assert len(kinds) == 6  # nothing else: no wording changes, no target noise


def test_move_between_groups_is_reported_once() -> None:
    data = _data()
    moved = data["indicators"][0]["groups"][0]["items"].pop(3)  # out1.qty.4 → out2 数量
    data["indicators"][1]["groups"][0]["items"].append(moved)
    result = diff(load_declaration(EXAMPLE), Declaration.model_validate(data))
    (change,) = result.changes
    assert (change.code, change.id, change.old_id) == ("PD313", "out1.qty.4", None)
    assert "产出指标二" in change.new


def test_renamed_and_moved_by_wording_within_canonical_group() -> None:
    data = _data()
    moved = data["indicators"][0]["groups"][0]["items"].pop(3)
    moved["id"] = "out2.qty.9"
    data["indicators"][1]["groups"][0]["items"].append(moved)
    result = diff(load_declaration(EXAMPLE), Declaration.model_validate(data))
    (change,) = result.changes
    assert (change.code, change.id, change.old_id, change.score) == (
        "PD313",
        "out2.qty.9",
        "out1.qty.4",
        1.0,
    )


def test_no_fallback_across_canonical_groups() -> None:
    data = _data()
    moved = data["indicators"][0]["groups"][0]["items"].pop(3)  # 数量
    moved["id"] = "out1.qual.99"
    data["indicators"][0]["groups"][1]["items"].append(moved)  # 质量
    result = diff(load_declaration(EXAMPLE), Declaration.model_validate(data))
    assert sorted(c.code for c in result.changes) == ["PD302", "PD311"]


def test_reordering_alone_reports_nothing() -> None:
    data = _data()
    data["indicators"].reverse()
    for l1 in data["indicators"]:
        l1["groups"].reverse()
        for g in l1["groups"]:
            g["items"].reverse()
            for item in g["items"]:
                item["targets"].reverse()
    data["goals"]["strands"].reverse()
    result = diff(load_declaration(EXAMPLE), Declaration.model_validate(data))
    assert result.changes == ()


def test_group_synonym_rename_is_one_change() -> None:
    data = _data()
    data["indicators"][0]["groups"][2]["name"] = "产出时效指标"
    result = diff(load_declaration(EXAMPLE), Declaration.model_validate(data))
    (change,) = result.changes
    assert (change.code, change.old, change.new) == ("PD342", "产出进度指标", "产出时效指标")


def test_goal_and_level1_renumbering() -> None:
    data = _data()
    data["goals"]["strands"][0]["id"] = "goal1"
    data["indicators"][0]["goal"] = "goal1"
    data["indicators"][0]["id"] = "output1"
    result = diff(load_declaration(EXAMPLE), Declaration.model_validate(data))
    assert sorted((c.code, c.old_id, c.id) for c in result.changes) == [
        ("PD332", "g1", "goal1"),
        ("PD342", "out1", "output1"),
    ]


def test_funds_moved_without_target_change_pd304() -> None:
    a = load_declaration(EXAMPLE)
    data = a.model_dump(mode="python")
    data["funds"]["project"] = Decimal("20000.00")
    data["funds"]["total"] = Decimal("24767.16")
    result = diff(a, Declaration.model_validate(data))
    year, finding = result.findings
    assert year.code == "PD305"
    assert finding.code == "PD304" and finding.percent == "+31.1%"
    assert "targets not matched to the money" in finding.message.en
    quiet = diff(a, Declaration.model_validate(data), options=_opts(funds_threshold=Decimal(40)))
    assert [c.code for c in quiet.findings] == ["PD305"]


def _opts(**kw: Any) -> Any:
    from perfdecl.diff import DiffOptions

    return DiffOptions(**kw)


# --- helpers -------------------------------------------------------------------------------


def test_tokens_keep_numbers_and_words_whole() -> None:
    assert tokens("发放借书证50张，rate 12.5%") == [
        "发", "放", "借", "书", "证", "50", "张", "，", "rate", " ", "12.5%",
    ]  # fmt: skip
    assert word_diff("不低于50张", "不低于60张") == (
        ("=", "不低于"),
        ("-", "50"),
        ("+", "60"),
        ("=", "张"),
    )


def test_condensed_cuts_long_context() -> None:
    segs = (("=", "一" * 40), ("-", "50"), ("+", "60"), ("=", "二" * 40))
    out = condensed(segs, context=5)
    assert out[0] == ("=", "…" + "一" * 5) and out[-1] == ("=", "二" * 5 + "…")


def test_normalize_strips_item_numbers_and_year() -> None:
    assert normalize("3．截止2019年12月31日", 2019) == normalize("7. 截止2020年12月31日", 2020)
    assert normalize("三、在…方面") == normalize("在…方面") != ""


def test_relative_change_is_decimal_and_rounded() -> None:
    assert relative_change(Decimal("14124.71"), Decimal("15000.00")) == Decimal("6.2")
    assert relative_change(Decimal("0"), Decimal("1")) is None
    assert relative_change(Decimal("200"), Decimal("100")) == Decimal("-50.0")


def test_split_rev(tmp_path: Path) -> None:
    assert split_rev("HEAD:decl.yaml") == ("HEAD", "decl.yaml")
    assert split_rev("origin/main:decl/a.yaml") == ("origin/main", "decl/a.yaml")
    assert split_rev("decl.yaml") is None
    assert split_rev("C:\\decl.yaml") is None
    odd = tmp_path / "a:b.yaml"
    odd.write_text("x", encoding="utf-8")
    assert split_rev(str(odd)) is None


def test_github_escaping() -> None:
    assert escape_data("50%\r\nx: y, z") == "50%25%0D%0Ax: y, z"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_apply_ignores_by_id_and_pointer() -> None:
    result = diff_paths(OLD, NEW)
    marked = apply_ignores(
        result.changes,
        [("eff.sat.4", "市级口径调整"), ("/indicators/1/groups/0/items/4", "并入综治工作")],
    )
    accepted = {(c.code, c.ignored) for c in marked if c.ignored}
    assert ("PD301", "市级口径调整") in accepted and ("PD302", "并入综治工作") in accepted
    assert not [c for c in marked if c.fails(FailOn.WEAKER)]


def test_codes_are_documented() -> None:
    text = (ROOT / "docs" / "diff.md").read_text(encoding="utf-8")
    for code, info in DIFF_CODES.items():
        assert code.startswith("PD3") and len(code) == 5
        assert f"| {code} |" in text, code
        assert f"`{info.name}`" in text, info.name
    for kind in ChangeKind:
        assert f"`{kind.value}`" in text, kind
    for direction in Direction:
        assert f"`{direction.value}`" in text, direction


def test_every_format_is_registered_and_importable() -> None:
    assert set(DIFF_REPORTERS) == {"text", "json", "markdown", "github"}
    for name in DIFF_REPORTERS:
        assert get_diff_reporter(name).name == name


# --- CLI -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fail_on", "expected"), [("weaker", 1), ("removed", 1), ("any", 1), ("none", 0)]
)
def test_fail_on(fail_on: str, expected: int) -> None:
    code, _, _ = run("diff", OLD, NEW, "--fail-on", fail_on, "--format", "json")
    assert code == expected


def test_fail_on_weaker_passes_when_only_stronger(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        '{name: 发放借书证, comparison: ">=", value: 50, unit: 张}\n              - {name: 流通人次, comparison: ">=", value: 2000, unit: 次}\n              - {name: 图书借阅总册次, comparison: ">=", value: 5000, unit: 册}',
        '{name: 发放借书证, comparison: ">=", value: 60, unit: 张}\n              - {name: 流通人次, comparison: ">=", value: 2000, unit: 次}\n              - {name: 图书借阅总册次, comparison: ">=", value: 5000, unit: 册}',
    )
    stronger = tmp_path / "stronger.yaml"
    stronger.write_text(text, encoding="utf-8")
    code, out, _ = run("diff", str(EXAMPLE), str(stronger), "--fail-on", "weaker")
    assert code == 0 and "PD320" in out
    code, _, _ = run("diff", str(EXAMPLE), str(stronger), "--fail-on", "any")
    assert code == 1


def test_config_ignores_accept_changes(tmp_path: Path) -> None:
    for name in ("niujie_2019.yaml", "niujie_2020_draft.yaml"):
        shutil.copy(ROOT / "examples" / name, tmp_path / name)
    (tmp_path / "pyproject.toml").write_text(
        "[tool.perfdecl.diff]\nignore = [\n"
        '  {id = "eff.sat.4", reason = "市级满意度口径调整"},\n'
        '  {pointer = "/indicators/1/groups/0/items/4", reason = "并入综治维稳工作"},\n]\n',
        encoding="utf-8",
    )
    (tmp_path / ".git").mkdir()  # the project root: discovery stops here
    code, out, err = run(
        "diff", "niujie_2019.yaml", "niujie_2020_draft.yaml", "--format", "json", cwd=tmp_path
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["summary"]["failing"] == 0 and data["summary"]["ignored"] >= 3
    reasons = {c["code"]: c["ignored"] for c in data["changes"] + data["findings"] if c["ignored"]}
    assert reasons["PD301"] == "市级满意度口径调整" and reasons["PD302"] == "并入综治维稳工作"


def test_config_ignore_without_reason_is_an_error(tmp_path: Path) -> None:
    cfg = tmp_path / "perfdecl.toml"
    cfg.write_text('[diff]\nignore = [{id = "eff.sat.4", reason = ""}]\n', encoding="utf-8")
    code, _, err = run("diff", OLD, NEW, "--config", str(cfg))
    assert code == 2 and "reason" in err


def test_funds_threshold_option() -> None:
    code, _, _ = run("diff", OLD, NEW, "--funds-threshold", "abc")
    assert code == 2
    code, _, _ = run("diff", OLD, NEW, "--funds-threshold", "5%", "--fail-on", "none")
    assert code == 0


def test_unreadable_and_invalid_sides_exit_2(tmp_path: Path) -> None:
    code, _, err = run("diff", "missing.yaml", NEW)
    assert code == 2 and "missing.yaml" in err
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nyear: 2019\n", encoding="utf-8")
    code, _, err = run("diff", str(bad), NEW)
    assert code == 2 and "PD102" in err and "not a valid declaration" in err


# --- git sides and a real process ----------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@needs_git
def test_rev_path_in_a_real_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "decl").mkdir(parents=True)
    decl = repo / "decl" / "decl.yaml"
    shutil.copy(EXAMPLE, decl)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "v1")
    decl.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace('">=", value: 90,', '">=", value: 80,', 1),
        encoding="utf-8",
    )
    # From the repository root, and from inside the folder.
    code, out, err = run("diff", "HEAD:decl/decl.yaml", "decl/decl.yaml", cwd=repo)
    assert code == 1, err
    assert "PD301" in out and "eff.sat.4" in out
    code, out, _ = run(
        "diff", "HEAD:decl.yaml", "decl.yaml", "--fail-on", "none", cwd=repo / "decl"
    )
    assert code == 0 and "PD301" in out
    code, _, err = run("diff", "nosuchrev:decl/decl.yaml", "decl/decl.yaml", cwd=repo)
    assert code == 2 and "cannot read nosuchrev:decl/decl.yaml from git" in err
    code, _, err = run("diff", "HEAD:decl/missing.yaml", "decl/decl.yaml", cwd=repo)
    assert code == 2 and "HEAD:decl/missing.yaml" in err


def _one_file_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "sub").mkdir(parents=True)
    shutil.copy(EXAMPLE, repo / "a.yaml")
    shutil.copy(EXAMPLE, repo / "-lead.yaml")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "v1")
    return repo


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if ".git" not in p.relative_to(root).parts}


@needs_git
def test_git_option_injection_writes_nothing(tmp_path: Path) -> None:
    """#17: `diff -- '--output=FILE:x' a.yaml` made `git show` write FILE; now exit 2, no file."""
    repo = _one_file_repo(tmp_path)
    before = _files(tmp_path)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "perfdecl",
            "diff",
            "--lang",
            "en",
            "--",
            "--output=FILE:x",
            "a.yaml",
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "LANG": "C"},
    )
    assert done.returncode == 2, done.stderr
    assert "the revision '--output=FILE' begins with '-' and is refused" in done.stderr
    assert "Traceback" not in done.stderr
    assert _files(tmp_path) == before


@needs_git
@pytest.mark.parametrize(
    ("folder", "args"),
    [
        (".", ("a.yaml", "--", "--output=../planted.txt:a.yaml")),  # on NEW, outside the repo
        (".", ("--", "--output=sub/planted.txt:HEAD", "a.yaml")),  # into a folder of the repo
        ("sub", ("--", "--output=planted.txt:../a.yaml", "../a.yaml")),  # run from a subfolder
    ],
)
def test_git_option_injection_variants_are_refused(
    tmp_path: Path, folder: str, args: tuple[str, ...]
) -> None:
    """Each of these wrote a file before revisions went after --end-of-options."""
    repo = _one_file_repo(tmp_path)
    before = _files(tmp_path)
    code, out, err = run("diff", "--lang", "en", *args, cwd=repo / folder)
    assert code == 2 and out == ""
    assert "begins with '-' and is refused: git would read it as an option" in err
    assert _files(tmp_path) == before


@needs_git
def test_git_path_beginning_with_a_dash_is_read(tmp_path: Path) -> None:
    """Only the revision is refused: a committed file named -lead.yaml is read as a path."""
    repo = _one_file_repo(tmp_path)
    code, out, err = run("diff", "--lang", "en", "HEAD:-lead.yaml", "a.yaml", cwd=repo)
    assert code == 0, err
    assert "PD305" in out


def test_subprocess_github_format() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "perfdecl", "diff", OLD, NEW, "--format", "github", "--lang", "en"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert f"::error file={NEW},line=441,col=17,title=PD301::" in "\n".join(lines)
    assert all(line.startswith("::") for line in lines[:-1])


def test_terminal_text_is_a_side_by_side_table() -> None:
    import io

    from rich.console import Console

    from perfdecl.reporters.diff.text import DiffTextReporter

    stream = io.StringIO()
    reporter = DiffTextReporter(stream, lang="en", color=False)
    reporter.console = Console(file=stream, width=160, force_terminal=True, no_color=True)
    reporter.fancy = True
    reporter.report(diff_paths(OLD, NEW))
    out = stream.getvalue()
    row = next(line for line in out.splitlines() if "PD301" in line)
    assert "≥ 90%" in row and "≥ 85%" in row and row.index("≥ 90%") < row.index("≥ 85%")
    assert "2 failing with --fail-on weaker" in out


def test_github_format_annotates_ten_per_type_and_lists_the_rest(tmp_path: Path) -> None:
    """GitHub shows about ten annotations of a type per step: 90 reworded rows give ten notices
    (one of each code in turn), then one plain line per other change, none a workflow command."""
    text = Path(OLD).read_text(encoding="utf-8")
    reworded = re.sub(r'(?m)^(\s+text: )[^\n"|>]+(?=\n)', lambda m: m[0] + "（修订）", text)
    new = tmp_path / "new.yaml"
    new.write_text(reworded.replace("::", ""), encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "perfdecl",
            "diff",
            OLD,
            str(new),
            "--format",
            "github",
            "--lang",
            "zh",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    lines = done.stdout.splitlines()
    notices = [line for line in lines if line.startswith("::notice ")]
    plain = [line for line in lines if line.startswith("perfdecl") and ": PD3" in line]
    assert len(notices) == 10
    assert {"title=PD314", "title=PD333"} <= {n.split(",")[-1].split("::")[0] for n in notices}
    assert len(notices) + len(plain) == sum(
        1 for line in reworded.splitlines() if "（修订）" in line
    )
    assert "另有 80 处变化未作注释" in done.stdout
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == 11 and "title=PD305" in commands[-1]  # the one warning: same year
