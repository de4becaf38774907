"""Many files in one run: inputs (files, folders, globs, stdin), isolation, order, parallelism,
--output, annotations under GitHub Actions, progress only on terminals."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfdecl.cli.app import app
from perfdecl.cli.validate_run import parse_outputs, want_progress
from perfdecl.convert.skeleton import skeleton
from perfdecl.lint import check_path
from perfdecl.lint.runner import (
    FixedOptions,
    Task,
    check_files,
    check_task,
    collect,
    run,
    slim,
)
from perfdecl.model import Framework, Kind
from tests.conftest import EXAMPLE, SHARED, needs_shared

runner = CliRunner()


def make_repo(root: Path, count: int = 20) -> list[Path]:
    """``count`` small declarations in nested folders, a few of them broken."""
    (root / ".perfdecl.toml").write_text("", encoding="utf-8")
    frameworks = list(Framework)
    kinds = list(Kind)
    paths = []
    for n in range(count):
        folder = root / "decl" / f"unit{n % 4}"
        folder.mkdir(parents=True, exist_ok=True)
        text = skeleton(
            framework=frameworks[n % 3], kind=kinds[n % 2], year=2019 + n % 5, schema="x.json"
        )
        if n % 7 == 3:
            text = text.replace("year:", "yeer:", 1)  # structure error
        if n % 9 == 5:
            text = "schema_version: 1\nyear: [\n"  # syntax error
        path = folder / f"d{n:02}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    (root / "decl" / "notes.txt").write_text("not a declaration", encoding="utf-8")
    return paths


# --- inputs ---------------------------------------------------------------------------------


def test_collect_files_folders_globs_and_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    make_repo(tmp_path, 8)
    got = collect(["decl/unit1", "decl/unit0/d00.yaml", "decl/**/d0[23].yaml", "-"])
    names = [i.name.replace(os.sep, "/") for i in got.inputs]
    # folder walked sorted; a file seen twice is checked once; glob sorted; stdin last
    assert names == [
        "decl/unit1/d01.yaml",
        "decl/unit1/d05.yaml",
        "decl/unit0/d00.yaml",
        "decl/unit2/d02.yaml",
        "decl/unit3/d03.yaml",
        "<stdin>",
    ]
    assert got.inputs[-1].stdin
    assert not got.missing


def test_a_glob_that_matches_nothing_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    got = collect(["nothing/**/*.yaml"])
    assert not got.inputs
    [missing] = got.missing
    assert missing.problems[0].code == "PD001" and missing.unreadable


def test_an_existing_path_with_glob_characters_is_taken_literally(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a[1].yaml").write_text("x: 1\n", encoding="utf-8")
    assert [i.name for i in collect(["a[1].yaml"]).inputs] == ["a[1].yaml"]


def test_configured_exclude_skips_walked_files_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    make_repo(tmp_path, 4)
    (tmp_path / ".git").mkdir()  # without a repository root, no ancestor configuration applies
    (tmp_path / ".perfdecl.toml").write_text('exclude = ["unit1"]\n', encoding="utf-8")
    result = runner.invoke(app, ["validate", "decl", "-f", "json", "--select", "PD0,PD1"])
    files = [f["file"] for f in json.loads(result.output)["files"]]
    assert not any("unit1" in f for f in files) and len(files) == 3
    explicit = runner.invoke(app, ["validate", "decl/unit1/d01.yaml", "-f", "json"])
    assert len(json.loads(explicit.output)["files"]) == 1  # named explicitly: still checked
    forced = runner.invoke(
        app, ["validate", "decl/unit1/d01.yaml", "--force-exclude", "-f", "json"]
    )
    assert json.loads(forced.output)["files"] == []


def test_stdin_with_a_filename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = EXAMPLE.read_text(encoding="utf-8").replace("head: ", "heed: ", 1)
    result = runner.invoke(
        app,
        ["validate", "-", "--stdin-filename", "decl/牛街.yaml", "--select", "PD1"],
        input=text.encode("utf-8"),
    )
    assert result.exit_code == 1
    assert result.output.startswith("decl/牛街.yaml:7:1: PD101 error")
    plain = runner.invoke(app, ["validate", "-", "--select", "PD0,PD1"], input=b"a: [\n")
    assert plain.exit_code == 1 and plain.output.startswith("<stdin>:")


# --- isolation and order -------------------------------------------------------------------


def test_one_broken_file_never_stops_the_others(tmp_path: Path) -> None:
    paths = make_repo(tmp_path, 10)
    (tmp_path / "decl" / "unit0" / "binary.yaml").write_bytes(b"\xff\xfe\x00\xd8garbage")
    os.mkfifo(tmp_path / "decl" / "unit0" / "fifo.yaml") if hasattr(os, "mkfifo") else None
    results = check_files([str(tmp_path / "decl"), str(tmp_path / "missing.yaml")], jobs=1)
    names = [Path(r.file).name for r in results]
    assert {p.name for p in paths} <= set(names)
    assert names[-1] == "missing.yaml" and results[-1].unreadable


def test_a_crash_inside_a_worker_becomes_pd900(monkeypatch: pytest.MonkeyPatch) -> None:
    import perfdecl.lint.runner as runner_module

    def boom(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(runner_module, "check_path", boom)
    result = check_task(Task("x.yaml", FixedOptions().options))
    assert [p.code for p in result.problems] == ["PD900"]


def test_a_checked_file_leaves_nothing_for_the_collector() -> None:
    """When a task is done its declaration is gone (the rows' table dropped, the collector
    resumed only once the result is slim): nothing of it is left for a collection to walk."""
    import gc

    from perfdecl.model import rows

    gc.collect()
    result = check_task(Task(str(EXAMPLE), FixedOptions().options))
    assert result.declaration is None and rows._last is None
    assert not [o for o in gc.get_objects(0) if type(o).__name__ == "IndicatorRow"]
    assert gc.isenabled()


def test_slim_results_are_small_and_keep_what_reporters_read() -> None:
    full = check_path(EXAMPLE)
    small = slim(full)
    assert small.problems == full.problems and small.declaration is None
    assert small.source.text == full.source.text
    text = len(pickle.dumps(full.source.text))  # both carry the text, for excerpts
    assert len(pickle.dumps(small)) - text < (len(pickle.dumps(full)) - text) / 4
    for p in small.problems:  # only leaves (scalars) are kept, for the baseline's hash
        if p.pointer in small.source.values:
            assert not any(k.startswith(p.pointer + "/") for k in full.source.values)


def test_slim_keeps_the_same_leaves_on_both_loader_roads() -> None:
    """The fast road tells slim which pointers hold others (SourceMap.branches); without it
    (the event road) slim works them out from every pointer: the same spans are kept."""
    from dataclasses import replace

    full = check_path(EXAMPLE)
    assert full.source.branches is not None and full.problems
    wanted = {p.pointer for p in full.problems}
    assert any(ptr in full.source.branches for ptr in wanted)  # a finding about a collection
    worked_out = replace(full, source=replace(full.source, branches=None))
    assert slim(full).source.values == slim(worked_out).source.values


def test_parallel_run_equals_serial_run(tmp_path: Path) -> None:
    paths = make_repo(tmp_path, 20)
    tasks = [Task(str(p), FixedOptions().options) for p in paths]
    serial = list(run(tasks, jobs=1))
    parallel = list(run(tasks, jobs=2))
    assert [r.file for r in parallel] == [str(p) for p in paths]
    assert [r.problems for r in parallel] == [r.problems for r in serial]


def cli_json(args: list[str]) -> str:
    return runner.invoke(app, ["validate", *args, "-f", "json"]).output


def test_parallel_cli_output_equals_serial_in_every_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    make_repo(tmp_path, 20)
    formats = ("json", "sarif", "github", "junit", "markdown")
    outputs = {}
    for jobs in ("1", "2"):
        args = ["validate", "decl", "--jobs", jobs]
        for fmt in formats:
            args += ["--output", f"{fmt}=j{jobs}.{fmt}"]
        result = runner.invoke(app, args)
        assert result.exit_code == 1
        outputs[jobs] = [result.output] + [
            Path(f"j{jobs}.{fmt}").read_text(encoding="utf-8") for fmt in formats
        ]
    assert outputs["1"] == outputs["2"]


def test_real_subprocess_parallel_run(tmp_path: Path) -> None:
    make_repo(tmp_path, 12)
    cmd = [sys.executable, "-m", "perfdecl", "validate", "decl", "-f", "json"]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("GITHUB_ACTIONS", None)
    one = subprocess.run([*cmd, "-j", "1"], cwd=tmp_path, capture_output=True, env=env, check=False)
    two = subprocess.run([*cmd, "-j", "2"], cwd=tmp_path, capture_output=True, env=env, check=False)
    assert one.returncode == two.returncode == 1, two.stderr
    assert one.stdout == two.stdout
    assert len(json.loads(one.stdout)["files"]) == 12
    assert b"Traceback" not in one.stderr + two.stderr


# --- every format in one call ----------------------------------------------------------------


@needs_shared()
def test_a_directory_with_broken_files_in_every_format_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    monkeypatch.chdir(tmp_path)
    make_repo(tmp_path, 16)
    outputs = {
        fmt: f"out/report.{fmt}" for fmt in ("json", "sarif", "github", "junit", "markdown", "text")
    }
    Path("out").mkdir()
    args = ["validate", "decl", "--jobs", "2"]
    for fmt, path in outputs.items():
        args += ["--output", f"{fmt}={path}"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    for path in outputs.values():
        assert Path(path).stat().st_size > 0
    report = json.loads(Path(outputs["json"]).read_text(encoding="utf-8"))
    assert len(report["files"]) == 16
    sarif = json.loads(Path(outputs["sarif"]).read_text(encoding="utf-8"))
    schema = json.loads((SHARED / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(sarif)
    # The text written to a file equals what stdout shows.
    assert Path(outputs["text"]).read_text(encoding="utf-8") == result.output
    # A second run refuses to replace the reports, and --force replaces them.
    again = runner.invoke(app, args)
    assert again.exit_code == 2 and "--force" in again.output
    assert runner.invoke(app, [*args, "--force"]).exit_code == 1


def test_bad_output_specs_are_usage_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for spec in ("sarif", "nope=x", "sarif="):
        result = runner.invoke(app, ["validate", str(EXAMPLE), "--output", spec])
        assert result.exit_code == 2, spec
    with pytest.raises(Exception, match="twice"):
        parse_outputs(["json=a", "sarif=a"], ["json", "sarif"])


def test_github_actions_prints_annotations_as_well_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.yaml").write_text("schema_version: 1\nyeer: 2019\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    both = runner.invoke(app, ["validate", "bad.yaml"])
    assert "bad.yaml:2:1: PD101 error" in both.output
    assert "::error file=bad.yaml,line=2,col=1" in both.output
    only_json = runner.invoke(app, ["validate", "bad.yaml", "-f", "json"])
    assert "::error" not in only_json.output
    json.loads(only_json.output)


def test_progress_only_for_many_files_on_terminals(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

    assert not want_progress(100, machine_readable=False)  # pytest's streams are not terminals
    monkeypatch.setattr(sys, "stdout", Tty())
    monkeypatch.setattr(sys, "stderr", Tty())
    assert want_progress(100, machine_readable=False)
    assert not want_progress(100, machine_readable=True)
    assert not want_progress(3, machine_readable=False)
    assert not want_progress(100, machine_readable=False, quiet=True)


def test_progress_handle_prints_above_the_bar(capsys: pytest.CaptureFixture[str]) -> None:
    from perfdecl.cli.validate_run import progress_bar

    with progress_bar(3, enabled=True) as bar:
        assert bar.advance is not None and bar.stdout is not None
        bar.stdout.write("a line\n")
        bar.advance()
    with progress_bar(3, enabled=False) as quiet:
        assert quiet.advance is None and quiet.stdout is None
    captured = capsys.readouterr()
    assert "a line" in captured.err + captured.out
