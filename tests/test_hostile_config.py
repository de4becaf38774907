"""Hostile configuration and baselines (issue #17, items 5 and 11).

A configuration may narrow the review rules; it may never hide that a file could not be read or
is not a declaration, and it applies only inside its repository. Each case and a variant with
another payload; docs/hardening.md lists them ("Configuration").
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import EXAMPLE
from .test_hostile import assert_clean_output, invoke

BROKEN_SYNTAX = b"schema_version: 1\nhead: [\n"  # PD005
BROKEN_STRUCTURE = EXAMPLE.read_bytes().replace(b"head:", b"heed:", 1)  # PD101


def _repo(tmp_path: Path, config: str, *, git: bool = True) -> Path:
    if git:
        (tmp_path / ".git").mkdir()
    (tmp_path / ".perfdecl.toml").write_text(config, encoding="utf-8")
    decl = tmp_path / "decl"
    decl.mkdir()
    (decl / "good.yaml").write_bytes(EXAMPLE.read_bytes())
    (decl / "syntax.yaml").write_bytes(BROKEN_SYNTAX)
    (decl / "structure.yaml").write_bytes(BROKEN_STRUCTURE)
    return decl


def _run(tmp_path: Path, *args: str) -> tuple[int, dict[str, list[str]], str]:
    code, out, err = invoke(["validate", *args, "-f", "json", "--lang", "en"], tmp_path)
    assert_clean_output(out, err)
    files = {f["file"]: [p["code"] for p in f["problems"]] for f in json.loads(out)["files"]}
    return code, files, err


SILENCERS = {
    "ignore-all": 'ignore = ["PD"]\n',
    "ignore-families": 'ignore = ["PD0", "PD1"]\n',
    "select-elsewhere": 'select = ["PD9"]\n',
    "select-rules-only": 'select = ["PD2"]\n',
    "severity-info": '[severity]\nPD = "info"\n',
    "severity-codes": '[severity]\nPD005 = "warning"\nPD101 = "info"\n',
    "per-file-all": '[per_file_ignores]\n"**" = ["PD"]\n',
    "per-file-folder": '[per_file_ignores]\n"decl/*" = ["PD0", "PD1"]\n',
    "exclude-all": 'exclude = ["**"]\n',
    "exclude-folder": 'exclude = ["decl"]\n',
}


@pytest.mark.parametrize("name", SILENCERS)
def test_configuration_never_hides_an_unreadable_file(name: str, tmp_path: Path) -> None:
    """Whatever the configuration says, PD005 and PD101 errors are reported and fail the run."""
    _repo(tmp_path, SILENCERS[name])
    code, files, err = _run(tmp_path, "decl")
    assert code == 1, (files, err)
    assert "PD005" in files["decl/syntax.yaml"]
    assert "PD101" in files["decl/structure.yaml"]


def test_an_inline_suppression_cannot_hide_a_structure_error(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "head:", "heed:  # perfdecl: ignore[PD101] the old name", 1
    )
    (tmp_path / "d.yaml").write_text(text, encoding="utf-8")
    code, files, _ = _run(tmp_path, "d.yaml")
    assert code == 1 and "PD101" in files["d.yaml"]


def test_excluded_files_without_problems_stay_out_of_the_report(tmp_path: Path) -> None:
    _repo(tmp_path, 'exclude = ["decl/good.yaml"]\n')
    _, files, _ = _run(tmp_path, "decl")
    assert "decl/good.yaml" not in files


# --- discovery -----------------------------------------------------------------------------------


def test_without_a_repository_root_no_ancestor_configuration_applies(tmp_path: Path) -> None:
    """A configuration planted in a parent folder (a shared /tmp) does not reach the files."""
    _repo(tmp_path, 'select = ["PD9"]\n', git=False)
    (tmp_path / "decl" / "syntax.yaml").unlink()
    (tmp_path / "decl" / "structure.yaml").unlink()
    _, files, _ = _run(tmp_path, "decl")
    assert files["decl/good.yaml"], "the rules ran: the ancestor's select did not apply"


def test_without_a_repository_root_no_ancestor_exclude_applies(tmp_path: Path) -> None:
    _repo(tmp_path, 'exclude = ["**"]\n', git=False)
    _, files, _ = _run(tmp_path, "decl")
    assert files["decl/good.yaml"]


def test_a_configuration_beside_the_file_applies_without_a_root(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / ".perfdecl.toml").write_text('select = ["PD214"]\n', encoding="utf-8")
    _, files, _ = _run(tmp_path, "d.yaml")
    assert files["d.yaml"] == ["PD214"]


def test_the_nearest_configuration_wins(tmp_path: Path) -> None:
    decl = _repo(tmp_path, 'select = ["PD214"]\n')
    (decl / "syntax.yaml").unlink()
    (decl / "structure.yaml").unlink()
    sub = decl / "sub"
    sub.mkdir()
    (sub / "d.yaml").write_bytes(EXAMPLE.read_bytes())
    (sub / ".perfdecl.toml").write_text('select = ["PD215"]\n', encoding="utf-8")
    _, files, _ = _run(tmp_path, "decl")
    assert set(files["decl/good.yaml"]) == {"PD214"}
    assert set(files["decl/sub/d.yaml"]) == {"PD215"}


def test_the_search_stops_at_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A repository root above the home folder is not reached: the search stops at home."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".perfdecl.toml").write_text('select = ["PD9"]\n', encoding="utf-8")
    home = tmp_path / "home"
    (home / "decl").mkdir(parents=True)
    (home / "decl" / "d.yaml").write_bytes(EXAMPLE.read_bytes())
    monkeypatch.setenv("HOME", str(home))
    _, files, _ = _run(home, "decl")
    assert files["decl/d.yaml"]


# --- item 11: deep nesting -------------------------------------------------------------------------

DEEP = {
    "arrays": "x = " + "[" * 5000 + "]" * 5000 + "\n",
    "inline-tables": "x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n",
    "tables": "".join(f"[{'.'.join(['t'] * n)}]\n" for n in (1, 40)),
}


@pytest.mark.parametrize("kind", DEEP)
def test_a_deeply_nested_configuration_is_a_problem_of_that_file(kind: str, tmp_path: Path) -> None:
    """The configuration of one sub-folder is nested 5,000 deep: PD020 for it, the other files
    are checked, no internal error."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.yaml").write_bytes(EXAMPLE.read_bytes())
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.yaml").write_bytes(EXAMPLE.read_bytes())
    (sub / ".perfdecl.toml").write_text(DEEP[kind], encoding="utf-8")
    code, files, err = _run(tmp_path, ".")
    assert code == 2, err  # a broken configuration is a usage error, not an internal one
    assert "internal error" not in err
    assert "PD020" in files["sub/.perfdecl.toml"]
    assert "./a.yaml" in files and "./sub/b.yaml" in files


def _not_a_file(kind: str, tmp_path: Path) -> str:
    if kind == "device":
        return "/dev/zero"
    if kind == "pipe":
        import os

        fifo = tmp_path / "pipe.toml"
        os.mkfifo(fifo)
        return str(fifo)
    big = tmp_path / "big.toml"
    big.write_text("# padding\n" * 200_000, encoding="utf-8")  # 2 MB of comments
    return str(big)


@pytest.mark.parametrize("kind", ["device", "pipe", "oversized"])
def test_a_configuration_that_is_no_small_file_is_refused_unread(kind: str, tmp_path: Path) -> None:
    """``--config /dev/zero`` read until memory ran out, a named pipe blocked forever: now a
    device or pipe is PD001 without being opened and a file over 1 MiB PD001 after 1 MiB."""
    (tmp_path / "a.yaml").write_bytes(EXAMPLE.read_bytes())
    config = _not_a_file(kind, tmp_path)
    code, out, err = invoke(["validate", "--config", config, "a.yaml", "--lang", "en"], tmp_path)
    assert code == 2, err
    assert "PD001" in out + err
    assert ("not a regular file" if kind != "oversized" else "larger than 1024 KiB") in out + err


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"tool": "perfdecl", "version": 1, "findings": [{"file": '
        + '{"a": ' * 20_000
        + "1"
        + "}" * 20_000
        + "}]}",
    ],
    ids=["arrays", "objects"],
)
def test_a_deeply_nested_baseline_is_a_clean_error(text: str, tmp_path: Path) -> None:
    (tmp_path / "base.json").write_text(text, encoding="utf-8")
    code, out, err = invoke(
        ["validate", str(EXAMPLE), "--baseline", "base.json", "--lang", "en"], tmp_path
    )
    assert code == 2, err
    assert_clean_output(out, err)
    assert "cannot use baseline base.json" in err and "nested deeper" in err


# --- unknown codes, and the note on silenced families ------------------------------------------


@pytest.mark.parametrize(
    ("flag", "code", "nearest"),
    [("--select", "PD999", "PD900"), ("--ignore", "PD950", "PD900"), ("--ignore", "PD6", None)],
)
def test_an_unknown_code_on_the_command_line_exits_2(
    flag: str, code: str, nearest: str | None, tmp_path: Path
) -> None:
    code_, out, err = invoke(["validate", str(EXAMPLE), flag, code, "--lang", "en"], tmp_path)
    assert code_ == 2 and out == "", err
    assert code in err
    if nearest:
        assert f"did you mean {nearest}?" in err, err


@pytest.mark.parametrize(
    ("config", "nearest"),
    [
        ('ignore = ["PD299"]\n', "'PD2"),
        ('[severity]\nPD777 = "info"\n', None),
        ('[per_file_ignores]\n"**" = ["PD291"]\n', None),
    ],
    ids=["ignore", "severity", "per-file"],
)
def test_an_unknown_code_in_the_configuration_exits_2(
    config: str, nearest: str | None, tmp_path: Path
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".perfdecl.toml").write_text(config, encoding="utf-8")
    (tmp_path / "d.yaml").write_bytes(EXAMPLE.read_bytes())
    code, out, err = invoke(["validate", "d.yaml", "--lang", "en"], tmp_path)
    assert code == 2, (out, err)
    assert_clean_output(out, err)
    assert ".perfdecl.toml:" in out and "PD022" in out
    if nearest:
        assert f"did you mean {nearest}" in out, out


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ('ignore = ["PD"]\n', "PD0 (ignore), PD1 (ignore), PD2 (ignore)"),
        ('select = ["PD214"]\n', "PD0 (select), PD1 (select)"),
        ('[per_file_ignores]\n"**" = ["PD2"]\n', "PD2 (per_file_ignores)"),
    ],
    ids=["ignore", "select", "per-file"],
)
def test_silencing_whole_families_prints_one_note(
    config: str, expected: str, tmp_path: Path
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".perfdecl.toml").write_text(config, encoding="utf-8")
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_bytes(EXAMPLE.read_bytes())
    code, out, err = invoke(["validate", "a.yaml", "b.yaml", "--lang", "en", "-q"], tmp_path)
    assert code in (0, 1)
    assert_clean_output(out, err)
    notes = [line for line in err.splitlines() if "turns off whole families" in line]
    assert len(notes) == 1, err
    assert expected in notes[0]


def test_narrowing_one_rule_prints_no_note(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".perfdecl.toml").write_text('ignore = ["PD211", "PD215"]\n', encoding="utf-8")
    (tmp_path / "a.yaml").write_bytes(EXAMPLE.read_bytes())
    _, _, err = invoke(["validate", "a.yaml", "-q"], tmp_path)
    assert "turns off" not in err
