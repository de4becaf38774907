"""Files that change under a run (issue #9): each is reported, the run carries on.

``validate FOLDER`` lists the folder, then reads each file. Between the two a file may be deleted,
replaced by a folder or a FIFO, or cut short. The deterministic tests do exactly that between
listing and reading (by wrapping the listing); the threaded test deletes and rewrites files in a
loop while 200 files are checked, serially and with two worker processes.

What must hold: a vanished or unreadable file is PD001 (exit 2), a mangled one gets its content
code, every other file is reported as usual, in listing order, and nothing raises.
"""

from __future__ import annotations

import json
import os
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

from perfdecl.convert.skeleton import skeleton
from perfdecl.lint import runner

from .conftest import EXAMPLE
from .test_hostile import assert_clean_output, invoke

SMALL = skeleton(year=2019)
"""A short valid declaration: cheap enough to check 200 of in a test."""
KEEP = SMALL.index("\n", SMALL.index("schema_version:")) + 1
"""Cuts keep the first top-level key, and rewrites are atomic (a new file renamed over the old):
a walked file that is empty or has no declaration key is not a declaration and is skipped by
design (runner.looks_like_declaration), and a truncating write makes one for an instant."""


def replace(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")  # hidden: the walk never lists it
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def files_by_name(out: str) -> dict[str, set[str]]:
    document = json.loads(out)
    return {
        Path(entry["file"]).name: {p["code"] for p in entry["problems"]}
        for entry in document["files"]
    }


def listing_then(
    monkeypatch: pytest.MonkeyPatch, change: Callable[[list[str]], None]
) -> list[list[str]]:
    """Run ``change(files)`` after the folder is listed and before any file is read."""
    real = runner.expand_paths
    seen: list[list[str]] = []

    def expand(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
        found = list(real(paths))
        seen.append(found)
        change(found)
        return iter(found)

    monkeypatch.setattr(runner, "expand_paths", expand)
    return seen


def make_folder(tmp_path: Path, count: int, text: str = SMALL) -> Path:
    folder = tmp_path / "decl"
    folder.mkdir()
    for i in range(count):
        (folder / f"d{i:03}.yaml").write_text(text, encoding="utf-8")
    return folder


def mangle(files: list[str]) -> None:
    """Delete one, put a folder, a FIFO and half a file in the place of three others."""
    by_name = {Path(f).name: Path(f) for f in files}
    by_name["d001.yaml"].unlink()
    by_name["d003.yaml"].unlink()
    by_name["d003.yaml"].mkdir()
    text = by_name["d005.yaml"].read_text(encoding="utf-8")
    by_name["d005.yaml"].write_text(text[: text.index("indicators:") + 20] + '"\n', "utf-8")
    if hasattr(os, "mkfifo"):
        by_name["d007.yaml"].unlink()
        os.mkfifo(by_name["d007.yaml"])


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_files_changed_between_listing_and_reading(
    jobs: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_folder(tmp_path, 10)  # more than runner.SERIAL_BELOW: --jobs 2 uses workers
    seen = listing_then(monkeypatch, mangle)
    code, out, err = invoke(
        ["validate", "--format", "json", "--lang", "en", "--jobs", jobs, str(folder)], tmp_path
    )
    assert_clean_output(out, err)
    assert seen, "the folder was listed through expand_paths"
    assert code == 2
    files = files_by_name(out)
    assert list(files) == [f"d{i:03}.yaml" for i in range(10)]  # listing order, none dropped
    assert files["d001.yaml"] == {"PD001"}
    assert files["d003.yaml"] == {"PD001"}
    assert "PD005" in files["d005.yaml"]
    if hasattr(os, "mkfifo"):
        assert files["d007.yaml"] == {"PD001"}
    for name in ("d000.yaml", "d002.yaml", "d004.yaml", "d006.yaml", "d008.yaml", "d009.yaml"):
        assert not {c for c in files[name] if c < "PD200"}, (name, files[name])
    messages = {
        Path(entry["file"]).name: entry["problems"][0]["message"]
        for entry in json.loads(out)["files"]
        if entry["problems"] and entry["problems"][0]["code"] == "PD001"
    }
    assert messages["d001.yaml"] == "no such file."
    assert "directory" in messages["d003.yaml"]
    if hasattr(os, "mkfifo"):
        assert "not a regular file" in messages["d007.yaml"]


def test_a_file_named_on_the_command_line_vanishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Named files are not listed: they vanish between the command line and the read."""
    gone = tmp_path / "gone.yaml"
    gone.write_text(SMALL, encoding="utf-8")
    real = runner.plan

    def plan_then_delete(*args: object, **kw: object) -> list[runner.Task]:
        tasks = real(*args, **kw)  # type: ignore[arg-type]
        gone.unlink()
        return tasks

    monkeypatch.setattr(runner, "plan", plan_then_delete)
    code, out, err = invoke(["validate", "--format", "json", str(EXAMPLE), str(gone)], tmp_path)
    assert_clean_output(out, err)
    assert code == 2
    files = files_by_name(out)
    assert files["gone.yaml"] == {"PD001"}
    assert any(c.startswith("PD2") for c in files[EXAMPLE.name])  # the other file was checked


class Churn:
    """Deletes, rewrites and restores files in a loop until stopped (a busy shared folder)."""

    def __init__(self, files: list[str]) -> None:
        self.files = [Path(f) for f in files]
        self.stop = threading.Event()
        self.rounds = 0
        self.errors: list[BaseException] = []
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self.files[-1].unlink()  # read last: this one is certainly gone when its turn comes
        self.thread.start()

    def _run(self) -> None:
        rng = random.Random(9)
        try:
            while not self.stop.is_set():
                path = rng.choice(self.files[:-1])
                action = rng.randrange(3)
                if action == 0:
                    path.unlink(missing_ok=True)
                elif action == 1:  # cut short, but still a declaration by the walk's sniff
                    replace(path, SMALL[: rng.randrange(KEEP, len(SMALL))])
                else:
                    replace(path, SMALL)
                self.rounds += 1
                time.sleep(0.0005)
        except BaseException as exc:  # pragma: no cover - reported by the test
            self.errors.append(exc)

    def finish(self) -> None:
        self.stop.set()
        self.thread.join(timeout=10)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_validate_while_files_churn(
    jobs: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_folder(tmp_path, 200)
    churns: list[Churn] = []

    def start(files: list[str]) -> None:
        churns.append(Churn(files))
        churns[0].start()

    listing_then(monkeypatch, start)
    try:
        code, out, err = invoke(
            ["validate", "--format", "json", "--lang", "en", "--jobs", jobs, str(folder)],
            tmp_path,
        )
    finally:
        for churn in churns:
            churn.finish()
    assert churns and not churns[0].errors and churns[0].rounds > 0
    assert_clean_output(out, err)
    files = files_by_name(out)
    assert len(files) == 200  # every listed file is reported, none twice
    assert files["d199.yaml"] == {"PD001"}
    unreadable = [name for name, codes in files.items() if "PD001" in codes]
    assert code == 2 if unreadable else code in (0, 1)
    for entry in json.loads(out)["files"]:
        for p in entry["problems"]:
            if p["code"] == "PD001":
                assert p["message"] == "no such file.", p
