"""The run cache (issue #18): a ``validate`` run repeated over unchanged inputs prints what a fresh
run prints, in every format and language, with filters, baselines and ``--output`` files; any
change to what decides the output (a file's bytes, a file added, the configuration, the baseline,
the working folder, an option) is a miss; a damaged entry is a miss; runs it may not answer
store nothing."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from perfdecl.cli.run_cache import Stored, decode, encode
from perfdecl.reporters import REPORTERS
from perfdecl.reporters.base import Summary
from tests.test_result_cache import EXAMPLE, corpus, outputs, perfdecl


def run_entries(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.run"))


def file_entries(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.json"))


def same(a: subprocess.CompletedProcess[bytes], b: subprocess.CompletedProcess[bytes]) -> None:
    assert a.returncode == b.returncode
    assert a.stdout == b.stdout
    assert a.stderr == b.stderr


def three_runs(
    args: list[str], work: Path, cache: Path, reports: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """A fresh run, a run that stores, a run answered by the run cache: the same output (and
    the same --output files). Returns the fresh run."""
    extra = outputs(reports, "x") if reports is not None else []
    tagged = {tag: [a.replace("/x.", f"/{tag}.") for a in extra] for tag in ("f", "m", "h")}
    fresh = perfdecl([*args, "--no-cache", *tagged["f"]], work)
    if reports is not None:  # the report paths are part of the key: the same for both runs
        for name in REPORTERS:
            (reports / f"f.{name}").rename(reports / f"fresh.{name}")
    first = perfdecl([*args, "--cache-dir", str(cache), *tagged["f"]], work)
    stored = run_entries(cache)
    assert stored, "the run was stored"
    for entry in file_entries(cache):  # the next run must not need them
        entry.unlink()
    again = perfdecl([*args, "--cache-dir", str(cache), "--force", *tagged["f"]], work)
    assert file_entries(cache) == [], "answered by the run cache, not file by file"
    assert run_entries(cache) == stored
    same(first, fresh)
    same(again, fresh)
    for name in REPORTERS if reports is not None else ():
        want = (reports / f"fresh.{name}").read_bytes()
        assert (reports / f"f.{name}").read_bytes() == want, name
    return fresh


@pytest.mark.parametrize("fmt", list(REPORTERS))
def test_a_repeated_run_prints_what_a_fresh_one_prints(fmt: str, tmp_path: Path) -> None:
    work = tmp_path / "work"
    files = corpus(work)
    reports = tmp_path / "reports"
    reports.mkdir()
    args = ["validate", "--format", fmt, "--lang", "en", *files]
    fresh = three_runs(args, work, tmp_path / "cache", reports if fmt == "text" else None)
    assert fresh.returncode == 1 and fresh.stdout


@pytest.mark.parametrize(
    "flags",
    [
        ["--lang", "zh"],
        ["--lang", "zh", "--format", "json", "--min-severity", "error"],
        ["--select", "PD2", "--ignore", "PD211", "--statistics"],
        ["--strict", "--quiet"],
        ["--format", "sarif", "--verbose"],
    ],
)
def test_options_are_part_of_the_key(flags: list[str], tmp_path: Path) -> None:
    work = tmp_path / "work"
    files = corpus(work)
    cache = tmp_path / "cache"
    plain = perfdecl(["validate", "--lang", "en", "--cache-dir", str(cache), *files], work)
    three_runs(["validate", *flags, *files], work, cache)
    again = perfdecl(["validate", "--lang", "en", "--cache-dir", str(cache), *files], work)
    same(again, plain)


def test_any_change_to_the_inputs_is_a_miss(tmp_path: Path) -> None:
    work = tmp_path / "work"
    corpus(work)
    cache = tmp_path / "cache"
    args = ["validate", "--format", "json", "--lang", "en", "."]

    def check() -> bytes:
        cached = perfdecl([*args, "--cache-dir", str(cache)], work)
        again = perfdecl([*args, "--cache-dir", str(cache)], work)
        fresh = perfdecl([*args, "--no-cache"], work)
        same(cached, fresh)
        same(again, fresh)
        return fresh.stdout

    before = check()
    # an edited file
    (work / "a.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    edited = check()
    assert edited != before and b"PD102" in edited
    # a file added to the folder
    (work / "h_new.yaml").write_bytes(EXAMPLE.read_bytes())
    added = check()
    assert added != edited and b"h_new.yaml" in added
    # a configuration file appears, then changes
    (work / ".perfdecl.toml").write_text('ignore = ["PD211"]\n', encoding="utf-8")
    configured = check()
    assert configured != added and b"PD211" not in configured
    (work / ".perfdecl.toml").write_text('ignore = ["PD215"]\n', encoding="utf-8")
    reconfigured = check()
    assert b"PD211" in reconfigured and b"PD215" not in reconfigured


def test_the_baseline_and_the_working_folder_are_part_of_the_key(tmp_path: Path) -> None:
    work = tmp_path / "work"
    files = corpus(work)
    cache = tmp_path / "cache"
    recorded = perfdecl(["validate", "--no-cache", "--write-baseline", "base.json", *files], work)
    assert recorded.returncode == 0, recorded.stderr
    args = ["validate", "--baseline", "base.json", "--lang", "en", *files]
    three_runs(args, work, cache)
    smaller = ["validate", "--no-cache", "--write-baseline", "base.json", "--force", files[0]]
    assert perfdecl(smaller, work).returncode == 0
    cached = perfdecl([*args, "--cache-dir", str(cache)], work)
    same(cached, perfdecl([*args, "--no-cache"], work))
    # SARIF and GitHub paths are relative to the working folder: another folder, another key
    absolute = ["validate", "--format", "sarif", *(str(work / f) for f in files)]
    here = perfdecl([*absolute, "--cache-dir", str(cache)], work)
    there = perfdecl([*absolute, "--cache-dir", str(cache)], tmp_path)
    assert here.stdout != there.stdout
    same(there, perfdecl([*absolute, "--no-cache"], tmp_path))
    # the baseline names every file, the run checks one, a file outside the run is deleted:
    # its findings are gone (the baseline reads whether the files it names exist)
    full = ["validate", "--no-cache", "--write-baseline", "base.json", "--force", *files]
    assert perfdecl(full, work).returncode == 0
    one = ["validate", "--baseline", "base.json", "--format", "json", files[0]]
    before = perfdecl([*one, "--cache-dir", str(cache)], work)
    same(perfdecl([*one, "--cache-dir", str(cache)], work), before)
    (work / "c_draft.yaml").unlink()
    cached = perfdecl([*one, "--cache-dir", str(cache)], work)
    assert b"c_draft.yaml" in cached.stdout and b"c_draft.yaml" not in before.stdout
    same(cached, perfdecl([*one, "--no-cache"], work))


def test_a_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    work = tmp_path / "work"
    files = corpus(work)
    cache = tmp_path / "cache"
    args = ["validate", "--format", "json", "--lang", "en", *files]
    fresh = perfdecl([*args, "--no-cache"], work)
    perfdecl([*args, "--cache-dir", str(cache)], work)
    (entry,) = run_entries(cache)
    raw = entry.read_bytes()
    damages = (raw[:-1], raw + b"x", raw.replace(b'"summary":[', b'"summary":[9,'), b"", b"{}\n")
    for damaged in damages:
        assert damaged != raw
        entry.write_bytes(damaged)
        same(perfdecl([*args, "--cache-dir", str(cache)], work), fresh)
        assert entry.read_bytes() == raw, "a miss stores the run again"


def test_runs_the_cache_may_not_answer_store_nothing(tmp_path: Path) -> None:
    work = tmp_path / "work"
    files = corpus(work)
    cache = tmp_path / "cache"
    base = ["validate", "--cache-dir", str(cache), *files]
    perfdecl([*base, "--write-baseline", "b.json"], work)
    perfdecl([*base, "--color", "always"], work)
    perfdecl([*base, "--format", "github"], work, {"GITHUB_STEP_SUMMARY": str(tmp_path / "s")})
    assert run_entries(cache) == []
    assert file_entries(cache), "the per-file cache still works for them"
    perfdecl([*base, "--no-cache"], work)
    assert run_entries(cache) == []


def test_entries_round_trip() -> None:
    summary = Summary(files=3, errors=2, warnings=1, infos=0, unreadable=1, strict=True)
    summary.configurations = ["a/.perfdecl.toml"]
    stored = Stored("行\nline\n".encode(), summary, ["<xml/>", "{}"])
    back = decode(encode(stored))
    assert back.stdout == stored.stdout and back.reports == stored.reports
    assert back.summary == summary
    with pytest.raises(ValueError):
        decode(encode(stored).replace(b'"format":1', b'"format":2'))


def test_a_hit_never_reads_a_checked_tree_s_own_cache(tmp_path: Path) -> None:
    """The run cache lives where the result cache does: a folder from the environment inside
    the checked repository is not used, so a tree cannot bring its own answers."""
    work = tmp_path / "work"
    files = corpus(work)
    (work / ".git").mkdir()
    inside = work / ".cache"
    args = ["validate", "--format", "json", "--lang", "en", *files]
    env = {"PERFDECL_CACHE_DIR": str(inside)}
    perfdecl(args, work, env)
    perfdecl(args, work, env)
    assert not inside.exists()
