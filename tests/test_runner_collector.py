"""A serial run freezes what each file leaves alive instead of letting the collector walk it
(lint/runner.py ``_serial``): the collector must come back as it was, frozen objects must be
unfrozen, and the cycles files make must still be freed."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

import perfdecl.lint.runner as runner_module
from perfdecl.lint import FileResult
from perfdecl.lint.runner import FixedOptions, Task, run


class _Cycle:
    """An object that refers to itself: only the collector frees it."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def cycles(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[weakref.ref[_Cycle]]]:
    """Each checked task leaves one unreachable cycle; the list holds weak references."""
    made: list[weakref.ref[_Cycle]] = []

    def check(task: Task) -> FileResult:
        made.append(weakref.ref(_Cycle()))
        return FileResult(task.name, ())

    monkeypatch.setattr(runner_module, "check_task", check)
    yield made


def _tasks(n: int) -> list[Task]:
    return [Task(f"f{i}.yaml", FixedOptions().options) for i in range(n)]


def test_a_serial_run_leaves_the_collector_as_it_found_it(cycles: list[object]) -> None:
    assert gc.isenabled() and gc.get_freeze_count() == 0
    results = run(_tasks(12), jobs=1)
    first = next(results)
    assert first.file == "f0.yaml" and gc.isenabled()  # on between files
    assert gc.get_freeze_count() > 0  # what the first file left alive is frozen
    assert [r.file for r in results] == [f"f{i}.yaml" for i in range(1, 12)]
    assert gc.isenabled() and gc.get_freeze_count() == 0
    abandoned = run(_tasks(12), jobs=1)
    next(abandoned)
    abandoned.close()  # a consumer that stops early
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_the_cycles_files_make_are_freed(
    cycles: list[weakref.ref[_Cycle]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runner_module, "COLLECT_EVERY", 4)
    results = run(_tasks(10), jobs=1)
    for _ in range(5):
        next(results)
    assert all(ref() is None for ref in cycles[:4])  # freed at the fourth file
    list(results)
    gc.collect()
    assert all(ref() is None for ref in cycles)


def test_nothing_is_frozen_when_the_collector_is_off_or_objects_are_frozen(
    cycles: list[object],
) -> None:
    gc.disable()
    try:
        list(run(_tasks(10), jobs=1))
        assert not gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.enable()
    kept = [[1], [2]]  # a host application's own frozen objects stay frozen
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        list(run(_tasks(10), jobs=1))
        assert gc.get_freeze_count() == frozen and gc.isenabled()
    finally:
        gc.unfreeze()
    assert kept


def test_results_are_the_same_as_each_file_checked_alone() -> None:
    from perfdecl.lint.runner import check_task

    examples = Path(__file__).parent.parent / "examples"
    paths = sorted(str(p) for p in examples.glob("*.yaml"))[:3] * 3
    assert len(paths) >= 8  # a serial run of the runner's own (below SERIAL_BELOW is too)
    tasks = [Task(p, FixedOptions().options) for p in paths]
    assert [r.problems for r in run(tasks, jobs=1)] == [check_task(t).problems for t in tasks]
