"""Timing whole processes: wall and CPU time of each run, interleaved rounds, per-file costs.

Shared by run.py, ab.py and diff_bench.py (bench/ is not a package: each puts this folder on
``sys.path``). On a shared machine absolute speed drifts by up to 2x within minutes, so a ratio
between two commands timed minutes apart measures the machine as much as the commands. Here
every command of a comparison runs once per *round*, in turn, and ratios are computed within
each round (the same machine speed on both sides) before their median is taken. CPU time (user
+ system of the child, from ``wait4``) is the steadier figure: a process waiting for a core is
not charged for it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

Cmd = Sequence[str]
"""One process: its argument vector (never run through a shell)."""


@dataclass(frozen=True)
class Run:
    """One whole process: wall and CPU seconds, exit code, its output when asked for."""

    wall: float
    cpu: float
    code: int
    stdout: bytes = b""
    stderr_tail: str = ""


def run_once(
    cmd: Cmd,
    *,
    cwd: Path | str | None = None,
    env: Mapping[str, str] | None = None,
    keep_stdout: bool = False,
) -> Run:
    """Run ``cmd`` to the end; standard output is discarded unless ``keep_stdout``.

    Output goes to temporary files rather than pipes, so a chatty process never blocks on a full
    pipe while it is being waited for. CPU time is NaN where ``os.wait4`` does not exist.
    """
    with ExitStack() as files:
        err = files.enter_context(tempfile.TemporaryFile())
        out = files.enter_context(tempfile.TemporaryFile()) if keep_stdout else None
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd),
            cwd=cwd,
            env=dict(env) if env is not None else None,
            stdin=subprocess.DEVNULL,
            stdout=out if out is not None else subprocess.DEVNULL,
            stderr=err,
        )
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            proc.returncode = code = os.waitstatus_to_exitcode(status)
            cpu = usage.ru_utime + usage.ru_stime
        else:  # pragma: no cover - Windows
            code = proc.wait()
            wall, cpu = time.perf_counter() - start, float("nan")
        return Run(wall, cpu, code, _read(out) if out is not None else b"", _tail(err))


def _read(fh: IO[bytes]) -> bytes:
    fh.seek(0)
    return fh.read()


def _tail(fh: IO[bytes], limit: int = 400) -> str:
    fh.seek(0, os.SEEK_END)
    fh.seek(max(0, fh.tell() - limit))
    return fh.read().decode("utf-8", "replace").strip()


@dataclass
class Stat:
    """The runs of one measure: wall and CPU seconds, one entry per round; ``error`` if it failed."""

    samples: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.samples)

    @property
    def median(self) -> float:
        """Median wall time."""
        return statistics.median(self.samples) if self.samples else float("nan")

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else float("nan")

    def describe(self, scale: float = 1000.0, unit: str = "ms") -> str:
        if not self.ok:
            return f"failed: {self.error}"
        digits = 1 if scale == 1000.0 else 2
        lo, mid, hi = min(self.samples), self.median, max(self.samples)
        return (
            f"median {mid * scale:.{digits}f} {unit} (min {lo * scale:.{digits}f}, "
            f"max {hi * scale:.{digits}f}; {len(self.samples)} run(s)), "
            f"CPU {self.cpu_median * scale:.{digits}f} {unit}"
        )

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"samples_s": self.samples, "cpu_s": self.cpu, "error": self.error}
        if self.ok:
            out |= {
                "min_s": min(self.samples),
                "median_s": self.median,
                "max_s": max(self.samples),
                "cpu_median_s": self.cpu_median,
            }
        return out


def rounds(
    jobs: Mapping[str, Sequence[Cmd]],
    *,
    repeat: int,
    budget: float,
    warmup: int = 1,
    cwd: Path | str | None = None,
    env: Mapping[str, str] | None = None,
    ok_codes: Sequence[int] = (0, 1),
    before: Mapping[str, Callable[[], None]] | None = None,
) -> dict[str, Stat]:
    """Time every job once per round, in turn, for ``repeat`` rounds (at least one).

    A job is one or more processes run one after the other, their times summed (a long file list
    split into several calls). Rounds stop early once another one would take the section past
    ``budget`` seconds. A job that fails records why and is left out of later rounds, so the
    others' rounds stay aligned with each other. ``before[label]``, when given, runs untimed
    before each run of that job (emptying a cache, for instance). ``warmup`` untimed rounds
    come first: file caches, compiled bytecode.
    """
    stats = {label: Stat() for label in jobs}
    hooks = before or {}

    def one_round(timed: bool) -> float:
        began = time.perf_counter()
        for label, parts in jobs.items():
            stat = stats[label]
            if stat.error is not None:
                continue
            if label in hooks:
                hooks[label]()
            wall = cpu = 0.0
            for part in parts:
                done = run_once(part, cwd=cwd, env=env)
                if done.code not in ok_codes:
                    stat.error = f"exit {done.code}: {done.stderr_tail or '(no message)'}"
                    break
                wall += done.wall
                cpu += done.cpu
            else:
                if timed:
                    stat.samples.append(wall)
                    stat.cpu.append(cpu)
        return time.perf_counter() - began

    for _ in range(warmup):
        one_round(timed=False)
    began = time.perf_counter()
    for done_rounds in range(1, repeat + 1):
        took = one_round(timed=True)
        if done_rounds < repeat and time.perf_counter() - began + took > budget:
            break  # another round would overrun the budget
    return stats


def per_file(many: Stat, one: Stat, n: int, calls: int = 1, *, cpu: bool = True) -> list[float]:
    """Seconds a file once start-up is paid, one value per round: (T(n) - calls x T(1)) / (n - calls).

    ``calls`` is how many processes the n files took (a long list is split); each pays the
    start-up once. Rounds where either measure is missing are skipped.
    """
    if not (many.ok and one.ok) or n <= calls:
        return []
    a, b = (many.cpu, one.cpu) if cpu else (many.samples, one.samples)
    return [max(0.0, x - calls * y) / (n - calls) for x, y in zip(a, b, strict=False)]


@dataclass(frozen=True)
class Ratio:
    """A ratio of two measures from the same rounds."""

    per_round: list[float]
    of_medians: float | None

    @property
    def median(self) -> float | None:
        """The median of the per-round ratios: the headline figure (drift cancels within a round)."""
        return statistics.median(self.per_round) if self.per_round else None

    def describe(self) -> str:
        if self.median is None:
            return "n/a"
        return (
            f"{self.median:.2f}x (per-round median; rounds {min(self.per_round):.2f}-"
            f"{max(self.per_round):.2f}x; ratio of medians {self.of_medians or float('nan'):.2f}x)"
        )


def ratio(top: Sequence[float], bottom: Sequence[float]) -> Ratio:
    """``top / bottom`` round by round, and the ratio of their medians."""
    pairs = [(t, b) for t, b in zip(top, bottom, strict=False) if b > 0]
    of_medians = None
    if top and bottom and statistics.median(bottom) > 0:
        of_medians = statistics.median(top) / statistics.median(bottom)
    return Ratio([t / b for t, b in pairs], of_medians)
