"""The benchmark's generator and a smoke run of bench/run.py (no timings are asserted: speed is
shown by the benchmark, not by tests that fail on a slow machine)."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from perfdecl.lint import check_path
from perfdecl.problem import Severity
from tests.conftest import ROOT

BENCH = ROOT / "bench"


def _bench_module(name: str) -> Any:
    """A module-scoped fixture named ``name`` that imports bench/``name``.py (bench/ is a folder
    of scripts, not a package)."""

    @pytest.fixture(scope="module", name=name)
    def fixture() -> Iterator[ModuleType]:
        sys.path.insert(0, str(BENCH))
        try:
            yield importlib.import_module(name)
        finally:
            sys.path.remove(str(BENCH))

    return fixture


gen = _bench_module("gen")
timing = _bench_module("timing")


def test_generated_files_are_valid_and_all_different(gen: ModuleType, tmp_path: Path) -> None:
    made = gen.generate(5, tmp_path, inject_rate=0.0, vague_rate=0.5)
    assert len(made) == 5
    raws = [g.path.read_bytes() for g in made]
    assert len(set(raws)) == 5
    units = set()
    for g in made:
        result = check_path(g.path)
        assert result.declaration is not None, g.path
        errors = [p for p in result.problems if p.severity is Severity.ERROR]
        assert errors == [], (g.path, errors)
        units.add(result.declaration.unit)
        funds = result.declaration.funds
        assert funds is not None and funds.total == funds.basic + funds.project + funds.other
    assert len(units) > 1


def test_same_seed_same_bytes(gen: ModuleType, tmp_path: Path) -> None:
    first = gen.generate(2, tmp_path / "a", seed=3)
    second = gen.generate(2, tmp_path / "b", seed=3)
    assert [g.path.read_bytes() for g in first] == [g.path.read_bytes() for g in second]


def test_emitter_round_trips_the_example(gen: ModuleType) -> None:
    base = gen.load_example()
    assert yaml.load(gen.dump(base), Loader=gen._Loader) == base


INJECTED = (
    "header_missing",
    "funds_sum",
    "funds_negative",
    "level2_unknown",
    "percent_range",
    "question",
    "cost_exceeds",
    "date_outside_year",
    "year_mismatch",
    "goal_reference",
    "placeholder",
    "duplicate_id",
)
"""What bench/gen.py can inject (each must make its rule fire)."""


@pytest.mark.parametrize("name", INJECTED)
def test_each_injected_problem_fires_its_rule(gen: ModuleType, tmp_path: Path, name: str) -> None:
    data, injected, _ = gen.variant(11, inject=[name])
    assert injected == (name,)
    path = tmp_path / "x.yaml"
    path.write_text(gen.dump(data), encoding="utf-8")
    codes = {p.code for p in check_path(path).problems}
    assert gen.INJECTIONS[name] in codes


def test_injection_list_is_complete(gen: ModuleType) -> None:
    assert set(INJECTED) == set(gen.INJECTIONS)


def test_large_declaration_fits_the_node_limit(gen: ModuleType) -> None:
    text = gen.big(200 * 1024)
    assert 150 * 1024 < len(text.encode("utf-8")) < 260 * 1024
    data = yaml.load(text, Loader=gen._Loader)
    assert len(data["indicators"]) > 5
    assert gen.count_nodes(text) <= gen.DEFAULT_MAX_NODES


def test_batches_split_long_argument_lists() -> None:
    sys.path.insert(0, str(BENCH))
    try:
        import run
    finally:
        sys.path.remove(str(BENCH))
    files = [f"/tmp/{'x' * 200}/{i}.yaml" for i in range(20_000)]
    parts = run.batches(["tool", "--flag"], files)
    assert [f for part in parts for f in part[2:]] == files
    assert all(part[:2] == ["tool", "--flag"] for part in parts)
    assert len(parts) > 1


SECTIONS = (
    "== generating declarations",
    "== 1. start-up",
    "== 2. many files",
    "== 3. re-run",
    "== 4. peak memory",
    "== 5. one large declaration",
    "== 6. diff",
    "== 7. profile",
    "== results ==",
    "== machine ==",
)


def test_quick_run_prints_every_section(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    proc = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick", "--no-peer", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    for section in SECTIONS:
        assert section in proc.stdout, section
    assert "failed" not in proc.stdout, proc.stdout
    for measure in (
        "perfdecl --version",
        "perfdecl serial / floor, per file, CPU",
        "validate one file (-q --no-cache) / its floor, CPU",
        "the floor + one pydantic model class / the floor",
        "first run / re-run, wall",
        "peak RSS serial",
        "diff of 40 renumbered rows",
    ):
        assert measure in proc.stdout, measure
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert {"startup", "startup_ladder", "many", "floor", "rerun", "memory", "big", "diff"} <= set(
        figures["figures"]
    )
    # Interleaved: every command of a section has one run a round, CPU beside wall.
    many = figures["figures"]["many"]
    assert len(many["perfdecl, serial"]["cpu_s"]) == len(many["load floor"]["samples_s"]) == 1
    assert figures["figures"]["startup"]["imported_when_cached"] == {"pydantic": False, "rules": []}
    # The diff really compared the renumbered files: 79 changes for 40 rows (39 renamed rows,
    # one dropped, the year), as tests/test_diff_bench.py derives.
    assert "40 rows: changes reported" in proc.stdout
    assert figures["machine"]["PyYAML"]
    # The raw figures are never overwritten without --force (checked before any work is done).
    again = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert again.returncode == 2
    assert "--force" in again.stderr


def _py(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_rounds_interleave_commands_and_run_hooks(timing: ModuleType, tmp_path: Path) -> None:
    """Each round runs every job once, in the given order, the hook right before its job."""
    log = tmp_path / "log"
    append = "import sys; open(sys.argv[1], 'a').write(sys.argv[2])"
    jobs = {
        "a": [[*_py(append), str(log), "a"]],
        "b": [[*_py(append), str(log), "b"], [*_py(append), str(log), "B"]],
    }
    out = timing.rounds(
        jobs,
        repeat=3,
        budget=1e9,
        warmup=1,
        before={"b": lambda: log.open("a").write("|")},
    )
    assert log.read_text() == "a|bB" * 4  # one warm-up round, then three timed ones
    assert [len(out[k].samples) for k in "ab"] == [3, 3]
    assert all(c >= 0 for c in out["b"].cpu) and len(out["b"].cpu) == 3


def test_a_failing_job_is_reported_and_dropped(timing: ModuleType) -> None:
    out = timing.rounds(
        {"ok": [_py("pass")], "bad": [_py("import sys; sys.stderr.write('boom'); sys.exit(3)")]},
        repeat=2,
        budget=1e9,
        warmup=0,
    )
    assert out["ok"].ok and len(out["ok"].samples) == 2
    assert not out["bad"].ok and out["bad"].error == "exit 3: boom"
    assert "failed: exit 3" in out["bad"].describe()


def test_budget_stops_new_rounds_but_keeps_one(timing: ModuleType) -> None:
    out = timing.rounds({"x": [_py("pass")]}, repeat=50, budget=0.0, warmup=0)
    assert len(out["x"].samples) == 1


def test_per_file_and_ratios_are_taken_round_by_round(timing: ModuleType) -> None:
    many = timing.Stat(samples=[9.0, 9.0], cpu=[2.1, 4.2])
    one = timing.Stat(samples=[1.0, 1.0], cpu=[0.1, 0.2])
    assert timing.per_file(many, one, 11) == pytest.approx([0.2, 0.4])
    assert timing.per_file(many, one, 11, cpu=False) == pytest.approx([0.8, 0.8])
    # Two calls for 12 files: each call paid the start-up once.
    assert timing.per_file(many, one, 12, calls=2) == pytest.approx([0.19, 0.38])
    assert timing.per_file(timing.Stat(error="x"), one, 11) == []
    # The machine ran twice as slow in round 2; both sides slowed, so the ratio holds.
    r = timing.ratio([0.3, 0.6], [0.2, 0.4])
    assert r.per_round == pytest.approx([1.5, 1.5]) and r.median == pytest.approx(1.5)
    assert r.of_medians == pytest.approx(1.5)
    assert timing.ratio([], []).median is None and timing.ratio([], []).describe() == "n/a"


def test_run_once_keeps_output_when_asked(timing: ModuleType) -> None:
    code = "import sys; print('out' * 30000); sys.stderr.write('e' * 1000); sys.exit(1)"
    done = timing.run_once(_py(code), keep_stdout=True)
    assert done.code == 1 and done.stdout.strip() == b"out" * 30000  # larger than a pipe buffer
    assert done.stderr_tail == "e" * 400
    assert timing.run_once(_py(code)).stdout == b""


def test_ab_prints_medians_and_ratios_to_the_first_command() -> None:
    """bench/ab.py runs each command in turn and reports every one against the first."""
    py = sys.executable
    done = subprocess.run(
        [
            py,
            str(BENCH / "ab.py"),
            "-n",
            "2",
            f"quick={py} -c pass",
            f"failing={py} -c 'import sys; sys.exit(3)'",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["command", "wall", "ms", "ratio", "cpu", "ms", "ratio", "exit"]
    quick, failing = (line.split() for line in lines[1:])
    assert quick[0] == "quick" and quick[2] == "1.00" and quick[4] == "1.00" and quick[5] == "0"
    assert failing[0] == "failing" and failing[5] == "3"
