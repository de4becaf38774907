"""The result cache (issue #18 item 1): reports from cached results are those of a fresh run, in
every format; a fully cached run imports neither pydantic nor the rules; a corrupt entry is a
miss; a cache inside the checked repository is not read unless named with --cache-dir; the
folder stays under its bound."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from perfdecl.lint import FileResult
from perfdecl.lint.cache import (
    CACHE_ENV,
    ResultCache,
    choose_dir,
    decode,
    encode,
    entry_key,
    user_cache_dir,
)
from perfdecl.lint.runner import FixedOptions, Task, collect, plan, run
from perfdecl.loader import SourceMap, Span
from perfdecl.problem import Message, Problem, Related, Severity
from perfdecl.reporters import REPORTERS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "niujie_2019.yaml"
DRAFT = ROOT / "examples" / "niujie_2020_draft.yaml"


def perfdecl(
    args: list[str], cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    full = dict(os.environ)
    full.pop("GITHUB_ACTIONS", None)
    full.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "perfdecl", *args], cwd=cwd, env=full, capture_output=True
    )


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment whose runs import a copy of the package made when the module starts.

    Every key holds perfdecl's code fingerprint (the size and time of each of its files), so a
    source file saved while the suite runs (a developer at work, a rebase) makes every file of
    the next run a miss: once, a run these tests expect to be fully cached imported 152 modules,
    pydantic and every rule among them. The tests that count hits run the copy, which nothing
    edits; what they assert is unchanged."""
    import perfdecl

    root = tmp_path_factory.mktemp("frozen")
    shutil.copytree(Path(perfdecl.__file__).parent, root / "perfdecl")
    return {"PYTHONPATH": str(root)}


def corpus(folder: Path) -> list[str]:
    """Files with problems of every family: rules, a suppression, loader errors, GB18030 text
    (stored with its text), a YAML error, a structure error."""
    folder.mkdir(parents=True, exist_ok=True)
    text = EXAMPLE.read_text(encoding="utf-8")
    (folder / "a.yaml").write_text(text, encoding="utf-8")
    lines = text.splitlines(keepends=True)
    lines.insert(5, "# perfdecl: ignore[PD223] satisfaction wording agreed\n")
    (folder / "b_suppressed.yaml").write_text("".join(lines), encoding="utf-8")
    (folder / "c_draft.yaml").write_bytes(DRAFT.read_bytes())
    (folder / "d_gbk.yaml").write_bytes(text.encode("gb18030"))
    (folder / "e_broken.yaml").write_text("a: [1, 2\nb: 3\n", encoding="utf-8")
    (folder / "f_shape.yaml").write_text("schema_version: 1\nunit: 3\n", encoding="utf-8")
    (folder / "g_empty.yaml").write_text("", encoding="utf-8")
    return sorted(p.name for p in folder.iterdir() if p.suffix == ".yaml")


def outputs(folder: Path, tag: str) -> list[str]:
    return [f"--output={name}={folder / f'{tag}.{name}'}" for name in REPORTERS]


@pytest.mark.parametrize("fmt", list(REPORTERS))
def test_cached_reports_are_byte_identical_in_every_format(
    fmt: str, tmp_path: Path, frozen: dict[str, str]
) -> None:
    work = tmp_path / "work"
    files = corpus(work)
    cache = tmp_path / "cache"
    reports = tmp_path / "reports"
    reports.mkdir()
    common = ["validate", "--format", fmt, "--lang", "en", *files]
    extra = outputs(reports, "x") if fmt == "text" else []
    fresh = perfdecl(
        [*common, "--no-cache", *[a.replace("x.", "fresh.") for a in extra]], work, frozen
    )
    first = perfdecl(
        [*common, "--cache-dir", str(cache), *[a.replace("x.", "miss.") for a in extra]],
        work,
        frozen,
    )
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == len(files), "one entry per readable file"
    stamps = [p.stat().st_mtime_ns for p in entries]
    second = perfdecl(
        [*common, "--cache-dir", str(cache), *[a.replace("x.", "hit.") for a in extra]],
        work,
        frozen,
    )
    assert [p.stat().st_mtime_ns for p in sorted(cache.rglob("*.json"))] == stamps, "all hits"
    assert fresh.returncode == first.returncode == second.returncode == 1
    assert fresh.stdout, "the run reported something"
    assert first.stdout == fresh.stdout
    assert second.stdout == fresh.stdout
    assert second.stderr == fresh.stderr
    for name in REPORTERS if extra else ():
        want = (reports / f"fresh.{name}").read_bytes()
        assert (reports / f"miss.{name}").read_bytes() == want, name
        assert (reports / f"hit.{name}").read_bytes() == want, name


def test_baseline_written_from_cached_results_is_identical(tmp_path: Path) -> None:
    work = tmp_path / "work"
    files = corpus(work)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    for tag, flags in (("fresh", ["--no-cache"]), ("miss", cache), ("hit", cache)):
        done = perfdecl(["validate", *flags, "--write-baseline", f"{tag}.json", *files], work)
        assert done.returncode == 0, done.stderr
    want = (work / "fresh.json").read_bytes()
    assert json.loads(want)
    assert (work / "miss.json").read_bytes() == want
    assert (work / "hit.json").read_bytes() == want
    # filtering through that baseline: the same from cached results as from fresh ones
    (work / "a.yaml").write_text("schema_version: 1\n", encoding="utf-8")  # new findings
    args = ["validate", "--baseline", "hit.json", "--lang", "en", *files]
    parked = perfdecl([*args, "--no-cache"], work)
    assert parked.returncode == 1 and b"PD102" in parked.stdout
    assert perfdecl([*args, *cache], work).stdout == parked.stdout
    assert perfdecl([*args, *cache], work).stdout == parked.stdout


PROBE = """
import sys
from perfdecl.cli import main
sys.argv = ["perfdecl", "validate", "-q", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
heavy = sorted(
    m for m in sys.modules
    if m.split(".")[0] in ("pydantic", "pydantic_core", "yaml", "tomllib", "tempfile")
    or m.startswith(("perfdecl.model", "perfdecl.rules.pd", "perfdecl.rules.registry",
                     "perfdecl.phrases", "perfdecl.loader.events", "perfdecl.loader.fast",
                     "perfdecl.lint.baseline", "perfdecl.files"))
)
sys.stderr.write("HEAVY " + " ".join(heavy) + "\\n")
"""


def heavy_modules(args: list[str], cwd: Path, env: dict[str, str]) -> list[str]:
    full = {**os.environ, **env}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=cwd, env=full, capture_output=True, text=True
    )
    line = next(x for x in done.stderr.splitlines() if x.startswith("HEAVY"))
    return line.split()[1:]


def test_a_fully_cached_run_imports_neither_pydantic_nor_the_rules(
    tmp_path: Path, frozen: dict[str, str]
) -> None:
    """``python -X importtime`` showed yaml, tomllib, tempfile and the baseline on a cached run
    too; none of them is needed to answer from the cache."""
    work = tmp_path / "work"
    files = corpus(work)
    env = {CACHE_ENV: str(tmp_path / "cache"), **frozen}
    first = heavy_modules(files, work, env)
    assert "pydantic" in first and "perfdecl.model" in first and "yaml" in first
    assert any(m.startswith("perfdecl.rules.pd") for m in first)
    # every file hits: no model, rule, YAML parser, TOML reader, baseline or temporary file
    assert heavy_modules(files, work, env) == []
    # one changed file: checked afresh, so the models come back
    (work / "a.yaml").write_text(EXAMPLE.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert "pydantic" in heavy_modules(files, work, env)


def test_a_corrupt_or_foreign_entry_is_a_miss(tmp_path: Path) -> None:
    work = tmp_path / "work"
    files = corpus(work)
    cache = tmp_path / "cache"
    args = ["validate", "--format", "json", "--cache-dir", str(cache), *files]
    want = perfdecl(args, work)
    entries = sorted(cache.rglob("*.json"))
    good = entries[0].read_bytes()
    head, zh, en = good.split(b"\n")
    garbage = [b"", b"{", b"\xff\xfe", b"[]", b'{"format": 99}', b'{"format": 3, "file": 3}']
    garbage += [
        head + b"\n" + zh,  # a language line missing
        head + b"\n" + zh + b"\n" + en.replace(b"the", b"teh", 1),  # a message edited
        head + b"\n" + en + b"\n" + zh,  # the languages swapped
        head + b"\n" + zh + b"\n" + en + b"\n",  # a line too many
    ]
    for i, path in enumerate(entries):
        path.write_bytes(garbage[i % len(garbage)])
    for whole in cache.rglob("*.run"):  # the run's own entry: the files are then read one by one
        whole.unlink()
    again = perfdecl(args, work)
    assert again.stdout == want.stdout and again.returncode == want.returncode
    for path in entries:
        assert json.loads(path.read_bytes().split(b"\n")[0])["format"] == 3, "rewritten"


def test_the_key_follows_content_options_and_name(tmp_path: Path) -> None:
    work = tmp_path / "work"
    corpus(work)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    perfdecl(["validate", *cache, "a.yaml"], work)
    only = perfdecl(["validate", *cache, "--select", "PD223", "-q", "a.yaml"], work)
    assert only.stdout and all(b"PD223" in line for line in only.stdout.splitlines())
    (work / "a.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    changed = perfdecl(["validate", *cache, "-q", "a.yaml"], work)
    fresh = perfdecl(["validate", "--no-cache", "-q", "a.yaml"], work)
    assert changed.stdout == fresh.stdout and b"PD223" not in changed.stdout
    (work / "copy.yaml").write_bytes((work / "b_suppressed.yaml").read_bytes())
    renamed = perfdecl(["validate", *cache, "-q", "copy.yaml"], work)
    assert b"copy.yaml" in renamed.stdout and b"b_suppressed" not in renamed.stdout


def test_a_cache_inside_the_checked_repository_is_not_read(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    files = corpus(repo)
    planted = repo / ".perfdecl-cache"
    options = FixedOptions().options
    # a poisoned entry under the very key of a.yaml, as a pull request could commit it
    data = (repo / "a.yaml").read_bytes()
    poison = FileResult(
        "a.yaml",
        (Problem("PD201", Severity.ERROR, Message("毒", "POISONED"), "a.yaml", 1, 1),),
        None,
        SourceMap(text=data.decode()),
    )
    ResultCache(planted).put(entry_key("a.yaml", data, options), poison, data)
    # (the folder it falls back to is a fresh user cache: not the machine's, which other runs share)
    env = {CACHE_ENV: str(planted), "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    done = perfdecl(["validate", "--lang", "en", *files], repo, env)
    assert b"POISONED" not in done.stdout and b"PD223" in done.stdout
    assert choose_dir(None, disabled=False, checked=[str(repo / "a.yaml")]) != planted
    # named explicitly, it is the user's choice
    named = perfdecl(["validate", "--lang", "en", "--cache-dir", str(planted), "a.yaml"], repo)
    assert b"POISONED" in named.stdout


def test_default_folder_is_the_user_cache_and_no_cache_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    corpus(work)
    xdg = tmp_path / "xdg"
    env = {"XDG_CACHE_HOME": str(xdg), CACHE_ENV: ""}
    perfdecl(["validate", "--no-cache", "a.yaml"], work, env)
    assert not xdg.exists()
    perfdecl(["validate", "a.yaml"], work, env)
    assert len(list((xdg / "perfdecl").rglob("*.json"))) == 1
    assert not [p for p in work.rglob("*") if p.suffix == ".json"], "nothing in the checked tree"
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_cache_dir() == tmp_path / "home" / ".cache" / "perfdecl"


def test_parallel_cached_run_matches_a_serial_fresh_one(tmp_path: Path) -> None:
    work = tmp_path / "work"
    corpus(work)
    text = EXAMPLE.read_text(encoding="utf-8")
    for i in range(12):
        (work / f"n{i:02d}.yaml").write_text(text.replace("2019", str(2000 + i)), "utf-8")
    (work / "n03.yaml").write_text("x: [", encoding="utf-8")
    cache = ["--cache-dir", str(tmp_path / "cache")]
    fresh = perfdecl(["validate", "--no-cache", "-j", "1", "--format", "json", "."], work)
    half = sorted(work.glob("n0*.yaml"))  # some hits, some misses in the parallel run
    perfdecl(["validate", *cache, *map(str, half)], work)
    mixed = perfdecl(["validate", *cache, "-j", "2", "--format", "json", "."], work)
    full = perfdecl(["validate", *cache, "-j", "2", "--format", "json", "."], work)
    assert mixed.stdout == fresh.stdout and full.stdout == fresh.stdout


def test_entries_round_trip_and_the_folder_is_pruned(tmp_path: Path) -> None:
    data = b"a: 1\n"
    result = FileResult(
        "x.yaml",
        (
            Problem(
                "PD201",
                Severity.WARNING,
                Message("甲", "b"),
                "x.yaml",
                1,
                2,
                1,
                5,
                "/a",
                (Related("/b", 2, 1, 3, 1), Related("/c")),
            ),
        ),
        None,
        SourceMap(
            text="a: 1\n", values={"/a": Span(1, 4, 1, 5, None), "/b": Span(2, 1, 3, 1, "|")}
        ),
    )
    back = decode(encode(result, data), data)
    assert back.problems == result.problems and back.source.text == result.source.text
    assert back.source.values == result.source.values
    assert json.loads(encode(result, data).split("\n")[0])["text"] is None, "text from the bytes"
    cache = ResultCache(tmp_path, max_bytes=4000)
    for i in range(40):
        cache.put(f"{i:064x}", result, data)
        entry = tmp_path / f"{i:064x}"[:2] / f"{i:064x}.json"
        os.utime(entry, ns=(i * 10**9, i * 10**9))
    size = sum(p.stat().st_size for p in tmp_path.rglob("*.json"))
    assert size > 4000
    cache.prune()
    kept = sorted(int(p.stem, 16) for p in tmp_path.rglob("*.json"))
    assert sum(p.stat().st_size for p in tmp_path.rglob("*.json")) <= 3200
    assert kept == list(range(40 - len(kept), 40)), "the newest entries stay"


def test_library_runs_use_the_cache_only_when_asked(tmp_path: Path) -> None:
    files = corpus(tmp_path / "work")
    names = [str(tmp_path / "work" / f) for f in files]
    tasks: list[Task] = plan(collect(names).inputs, FixedOptions())
    plain = list(run(tasks, jobs=1))
    assert not (tmp_path / "cache").exists()
    cached = list(run(tasks, jobs=1, cache=tmp_path / "cache"))
    again = list(run(tasks, jobs=1, cache=tmp_path / "cache"))
    assert (
        [r.problems for r in plain] == [r.problems for r in cached] == [r.problems for r in again]
    )
    assert [r.source.values for r in plain] == [r.source.values for r in again]


def test_editing_the_configuration_or_its_framework_file_is_a_miss(tmp_path: Path) -> None:
    """The key holds the configuration's bytes and those of the framework files it names: an
    edit to either gives the fresh result, never the stored one."""
    from tests.test_frameworks import DECLARATION, PROVINCE

    work = tmp_path / "work"
    work.mkdir()
    (work / ".git").mkdir()
    (work / "sichuan.toml").write_text(PROVINCE, encoding="utf-8")
    config = work / ".perfdecl.toml"
    config.write_text('frameworks = ["sichuan.toml"]\n', encoding="utf-8")
    (work / "a.yaml").write_text(DECLARATION.format(framework="sichuan_p6"), encoding="utf-8")
    cache = ["--cache-dir", str(tmp_path / "cache")]
    args = ["validate", "--format", "json", "--lang", "en", "a.yaml"]

    def same_as_fresh() -> bytes:
        cached = perfdecl([*args, *cache], work)
        fresh = perfdecl([*args, "--no-cache"], work)
        assert cached.stdout == fresh.stdout and cached.returncode == fresh.returncode
        return fresh.stdout

    before = same_as_fresh()
    assert b"PD205" not in before
    # the framework file loses its alias: 群众满意度指标 is no longer a known 二级
    (work / "sichuan.toml").write_text(
        PROVINCE.replace('"群众满意度" = "服务对象满意度"\n', ""), encoding="utf-8"
    )
    unaliased = same_as_fresh()
    assert unaliased != before and b"PD205" in unaliased
    # the configuration itself changes (a comment only): a miss all the same, the same result
    entries = len(list((tmp_path / "cache").rglob("*.json")))
    config.write_text('# province table\nframeworks = ["sichuan.toml"]\n', encoding="utf-8")
    assert same_as_fresh() == unaliased
    assert len(list((tmp_path / "cache").rglob("*.json"))) == entries + 1
    # a threshold set in the configuration
    config.write_text('frameworks = ["sichuan.toml"]\n[thresholds]\n', encoding="utf-8")
    same_as_fresh()
