"""Benchmark (not a test): every hostile-input case in its own process, timed, memory measured.

    /work/venv/bin/python bench/hostile.py [--only validate|diff|import] [--case ID ...]
                                            [--repeat N] [--markdown]

The cases are the catalogue of ``tests/test_hostile.py`` (validate, and diff with the hostile file
as NEW against the example) and ``tests/test_hostile_import.py`` (import), plus a few larger ones
kept here because they are too slow for the test suite. Each run is
``python -m perfdecl COMMAND …`` as a user would type it (text output, written to a file); the
wall time is measured around the process, the peak resident memory is GNU time's ``%M``
(``/usr/bin/time``; without it, the child's ``ru_maxrss`` from ``os.wait4``, which on Linux also
counts the bench's own memory at the fork). Rows over 2 s or 200 MB are flagged; the issue's
bound is both, per case. The start-up of the interpreter and perfdecl is included (see the ``baseline``
rows). Run on a quiet machine: a loaded one inflates the wall times.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402  (the catalogue's skip markers)
from tests.test_hostile import CASES, EXAMPLE, EXAMPLE_TEXT, skip_unless_possible, swap  # noqa: E402
from tests.test_hostile_import import IMPORT_CASES, in_form, text  # noqa: E402

WALL_LIMIT = 2.0
RSS_LIMIT_MB = 200.0
TIMEOUT = 120.0


@dataclass(frozen=True, slots=True)
class Row:
    command: str
    case: str
    expected: int | None
    exit: int
    wall: float
    rss_mb: float

    @property
    def flags(self) -> str:
        marks = []
        if self.wall > WALL_LIMIT:
            marks.append(f">{WALL_LIMIT:g}s")
        if self.rss_mb > RSS_LIMIT_MB:
            marks.append(f">{RSS_LIMIT_MB:g}MB")
        if self.expected is not None and self.exit != self.expected:
            marks.append(f"exit!={self.expected}")
        if self.exit < 0:
            marks.append("killed")
        return " ".join(marks)


GNU_TIME = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None


def measure(args: list[str], cwd: Path) -> tuple[int, float, float]:
    """(exit code, wall seconds, peak RSS in MB) of one child process."""
    command = [sys.executable, "-m", "perfdecl", *args]
    report = cwd / ".rss"
    if GNU_TIME is not None:  # forks perfdecl from a small process: its own peak, nothing else
        command = [GNU_TIME, "-f", "%M", "-o", str(report), *command]
    with open(cwd / ".stdout", "wb") as out, open(cwd / ".stderr", "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            command,
            cwd=cwd,
            stdout=out,
            stderr=err,
            env={**os.environ, "NO_COLOR": "1", "GITHUB_ACTIONS": ""},
        )
        timer = threading.Timer(TIMEOUT, proc.kill)  # a hang is a finding, not a stuck bench
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # wait4 reaped it; tell Popen
    if b"Traceback" in (cwd / ".stderr").read_bytes():
        print(f"  !! traceback: {' '.join(args)}", file=sys.stderr)
    if GNU_TIME is not None and report.exists():
        return proc.returncode, wall, int(report.read_text().split()[-1]) / 1024  # KiB
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
    return proc.returncode, wall, usage.ru_maxrss / scale


def possible(check: Callable[[], None]) -> bool:
    try:
        check()
    except pytest.skip.Exception:
        return False
    return True


# --- larger cases, for the bench only ------------------------------------------------------------


def _write(name: str, make: Callable[[], bytes]) -> Callable[[Path], str]:
    def build(folder: Path) -> str:
        (folder / name).write_bytes(make())
        return str(folder / name)

    return build


def _many_keys_16mb() -> bytes:
    rows = "".join(f"  k{i}: {i}\n" for i in range(880_000))
    return swap("remarks: 无\n", f"remarks: 无\nextra:\n{rows}").encode()


BENCH_VALIDATE: tuple[tuple[str, Callable[[Path], str], int], ...] = (
    ("baseline:example", lambda folder: str(EXAMPLE), 0),
    ("many-keys-16mb", _write("a.yaml", _many_keys_16mb), 1),
    (
        "string-15mb-in-indicator",
        _write(
            "a.yaml",
            lambda: swap("text: 1．项目微信公众号", "text: " + "推进" * 2_500_000 + "1．").encode(),
        ),
        0,
    ),
    (
        "string-15mb-ascii-head",
        _write("a.yaml", lambda: swap("head: 李丽京", 'head: "' + "a" * 15_000_000 + '"').encode()),
        0,
    ),
)
BENCH_IMPORT: tuple[tuple[str, Callable[[Path], str], int], ...] = (
    ("baseline:published", text(in_form("李丽京", "李丽京")), 0),
    ("lines-19999", text(lambda: "产出指标\n" * 19_999), 1),
    ("cells-15mb", text(lambda: "产出指标\t" * 1_200_000), 1),
    ("line-15mb", text(lambda: "牛" * 5_000_000), 1),
)


# --- running ---------------------------------------------------------------------------------


def jobs(only: set[str]) -> Iterator[tuple[str, str, Callable[[Path], list[str]], int | None]]:
    """(command, case id, build -> argv, expected exit) for every selected case."""
    if "validate" in only:
        for name, build, expected in BENCH_VALIDATE[:1]:
            yield "validate", name, _argv("validate", build), expected
        for case in CASES:
            if possible(lambda case=case: skip_unless_possible(case)):
                yield "validate", case.id, _argv("validate", case.build), case.exit
        for name, build, expected in BENCH_VALIDATE[1:]:
            yield "validate", name, _argv("validate", build), expected
    if "diff" in only:
        for case in CASES:
            if possible(lambda case=case: skip_unless_possible(case)):
                yield "diff", case.id, _diff_argv(case.build), case.diff_exit
    if "import" in only:
        for name, build, expected in BENCH_IMPORT[:1]:
            yield "import", name, _argv("import", build), expected
        for icase in IMPORT_CASES:
            if icase.id == "fifo" and not hasattr(os, "mkfifo"):
                continue
            yield "import", icase.id, _argv("import", icase.build), icase.exit
        for name, build, expected in BENCH_IMPORT[1:]:
            yield "import", name, _argv("import", build), expected


def _argv(command: str, build: Callable[[Path], str]) -> Callable[[Path], list[str]]:
    return lambda folder: [command, build(folder)]


def _diff_argv(build: Callable[[Path], str]) -> Callable[[Path], list[str]]:
    return lambda folder: ["diff", str(EXAMPLE), build(folder)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", choices=["validate", "diff", "import"])
    parser.add_argument("--case", action="append", help="run only these case ids")
    parser.add_argument("--repeat", type=int, default=1, help="runs per case; the best is kept")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    opts = parser.parse_args()
    only = set(opts.only or ["validate", "diff", "import"])
    assert EXAMPLE_TEXT  # the catalogue's example is readable

    rows: list[Row] = []
    for command, case_id, argv, expected in jobs(only):
        if opts.case and case_id not in opts.case:
            continue
        best: tuple[int, float, float] | None = None
        for _ in range(max(1, opts.repeat)):
            folder = Path(tempfile.mkdtemp(prefix="perfdecl-hostile-"))
            try:
                args = argv(folder)
                result = measure(args, folder)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            if best is None or result[1] < best[1]:
                best = result
        assert best is not None
        row = Row(command, case_id, expected, best[0], best[1], best[2])
        rows.append(row)
        if not opts.markdown:
            print(
                f"{command:8} {case_id:28} exit {row.exit:>2}  {row.wall:6.2f} s "
                f"{row.rss_mb:7.1f} MB  {row.flags}",
                flush=True,
            )

    if opts.markdown:
        print("| command | case | exit | wall s | peak RSS MB | flag |")
        print("|---|---|---:|---:|---:|---|")
        for row in rows:
            print(
                f"| {row.command} | {row.case} | {row.exit} | {row.wall:.2f} | "
                f"{row.rss_mb:.0f} | {row.flags} |"
            )
    flagged = [row for row in rows if row.flags]
    print(
        f"\n{len(rows)} runs on {platform.node() or 'this machine'} ({platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, load "
        f"{os.getloadavg()[0]:.1f}); {len(flagged)} flagged: "
        + (", ".join(f"{r.command}:{r.case} ({r.flags})" for r in flagged) or "none")
    )


if __name__ == "__main__":
    main()
