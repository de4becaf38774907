"""bench/diff_bench.py --scale: its scenario is what it says, and the script runs (no timing)."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from types import ModuleType

import pytest

from perfdecl.diff import diff
from perfdecl.model import Declaration

from .conftest import ROOT


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import diff_bench
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return diff_bench


def test_renumbered_scenario_renames_every_row(bench: ModuleType) -> None:
    """NEW drops the first row and gives every other row the id of the row before it."""
    old, new = bench.renumbered(40)
    result = diff(Declaration.model_validate(old), Declaration.model_validate(new))
    codes = Counter(c.code for c in result.changes)
    assert codes["PD312"] == 39  # each kept row matched by wording, its id changed
    assert codes["PD302"] == 1  # the dropped row
    assert {c.old_id for c in result.changes if c.code == "PD312"} == {
        f"q.{k}" for k in range(2, 41)
    }
    assert [c.new_pointer for c in result.changes if c.code == "PD300"] == ["/year"]
    assert set(codes) <= {"PD300", "PD312", "PD302", "PD314"}  # and wording edits, nothing else


def test_scale_mode_runs(tmp_path: object) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "diff_bench.py"),
            "--scale",
            "--rows",
            "5",
            "--repeat",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    rows = [line.split() for line in done.stdout.splitlines() if line.split()[:1] == ["5"]]
    assert len(rows) == 1 and int(rows[0][1]) >= 5  # rows, changes, wall s, cpu s
