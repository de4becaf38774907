"""perfdecl benchmark (issue #8): start-up, many files, the YAML floor, a peer, memory, one big file.

    python bench/run.py                  # the full run (several minutes on 2 cores)
    python bench/run.py --quick          # a smoke run in seconds (tiny N, one run each)
    python bench/run.py --profile        # also cProfile, a stage breakdown and -X importtime
    python bench/run.py --json out.json  # also save every raw figure (refuses to overwrite
                                         # without --force)

Run it with the interpreter of the environment perfdecl is installed in (for example
/work/venv/bin/python): perfdecl is measured as that environment's console script (the
``perfdecl`` next to ``sys.executable``), and ``python -m perfdecl`` is measured beside it for
start-up. check-jsonschema, the peer, lives in its own virtual environment, bench/.venv-peers,
created on first use from bench/requirements.txt (``--no-install`` skips it instead).

Every declaration is generated (bench/gen.py) from examples/niujie_2019.yaml with varied
contents into a temporary folder that is removed afterwards. Each measure is a whole process
timed with ``time.perf_counter`` around ``subprocess.run``, output to /dev/null; it runs
``--repeat`` times (fewer when a single run is long: a measure stops once another run would
exceed ``--budget`` seconds) and is reported as min / median / max. Per-file costs subtract the
start-up: ``(T(N files) - T(1 file)) / (N - 1)`` with the same command and options.

Sections: 1 start-up, 2 many files (serial, parallel), 3 the floor (PyYAML's C loader),
4 check-jsonschema, 5 peak memory, 6 one large declaration, 7 profile (``--profile``), then a
table of measures against the targets of issue #8 and a description of the machine.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import gen  # noqa: E402  (bench/ is not a package)

SCHEMA = ROOT / "schemas" / "declaration.schema.json"
PEERS = BENCH / ".venv-peers"
REQUIREMENTS = BENCH / "requirements.txt"
OK_CODES = (0, 1)  # 1 = findings, which generated files have on purpose

# Targets of issue #8.
VERSION_MS = 100.0
ONE_FILE_MS = 200.0
ONE_FLOOR_RATIO = 1.3
RERUN_RATIO = 10.0
FLOOR_RATIO = 1.5
PEER_RATIO = 10.0
FLAT_RATIO = 1.25
BIG_S = 2.0


# --- measuring ----------------------------------------------------------------------------


@dataclass
class Stat:
    """Wall times of one measure, in seconds; ``error`` when the command failed."""

    samples: list[float] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.samples)

    @property
    def median(self) -> float:
        return statistics.median(self.samples) if self.samples else float("nan")

    def describe(self, scale: float = 1000.0, unit: str = "ms") -> str:
        if not self.ok:
            return f"failed: {self.error}"
        lo, mid, hi = min(self.samples), self.median, max(self.samples)
        digits = 1 if scale == 1000.0 else 2
        return (
            f"median {mid * scale:.{digits}f} {unit} (min {lo * scale:.{digits}f}, "
            f"max {hi * scale:.{digits}f}; {len(self.samples)} run(s))"
        )

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"samples_s": self.samples, "error": self.error}
        if self.ok:
            out |= {"min_s": min(self.samples), "median_s": self.median, "max_s": max(self.samples)}
        return out


@dataclass
class Settings:
    n: int
    repeat: int
    warmup: int
    budget: float
    mem_small: int
    mem_n: int
    big_mb: float
    seed: int
    install: bool
    peer: bool
    profile: bool
    quick: bool


def _env() -> dict[str, str]:
    """The user's environment without what changes perfdecl's output format."""
    env = dict(os.environ)
    env.pop("GITHUB_ACTIONS", None)
    return env


def run_once(
    cmd: Sequence[str], *, cwd: Path, env: dict[str, str] | None = None
) -> tuple[float, int, str]:
    """(seconds, exit code, tail of stderr) of one whole process, stdout to /dev/null."""
    start = time.perf_counter()
    proc = subprocess.run(
        list(cmd),
        cwd=cwd,
        env=env or _env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    elapsed = time.perf_counter() - start
    return elapsed, proc.returncode, proc.stderr.decode("utf-8", "replace")[-400:].strip()


def measure(
    cmd: Sequence[str],
    s: Settings,
    *,
    cwd: Path,
    warmup: int | None = None,
    ok_codes: Sequence[int] = OK_CODES,
) -> Stat:
    """Time a command ``s.repeat`` times within ``s.budget`` seconds (at least once)."""
    return measure_all([cmd], s, cwd=cwd, warmup=warmup, ok_codes=ok_codes)


def measure_all(
    batch: Sequence[Sequence[str]],
    s: Settings,
    *,
    cwd: Path,
    warmup: int | None = None,
    ok_codes: Sequence[int] = OK_CODES,
) -> Stat:
    """Time a batch of commands run one after the other (their times summed) as one measure."""
    stat = Stat()

    def once() -> float | None:
        total = 0.0
        for part in batch:
            elapsed, code, err = run_once(part, cwd=cwd)
            if code not in ok_codes:
                stat.error = f"exit {code}: {err or '(no message)'}"
                return None
            total += elapsed
        return total

    for _ in range(s.warmup if warmup is None else warmup):
        if once() is None:
            return stat
    began = time.perf_counter()
    while len(stat.samples) < s.repeat:
        took = once()
        if took is None:
            return stat
        stat.samples.append(took)
        if time.perf_counter() - began + took > s.budget:
            break  # another run would overrun the budget
    return stat


def per_file(many: Stat, one: Stat, n: int) -> float | None:
    """Seconds per file once start-up is paid: (T(n) - T(1)) / (n - 1)."""
    if not (many.ok and one.ok) or n < 2:
        return None
    return max(0.0, many.median - one.median) / (n - 1)


# A fresh interpreter that runs one command and reports its peak memory: RUSAGE_CHILDREN of
# this wrapper holds only that command's process tree. ru_maxrss is the largest single process
# (parent or one worker); the tree's total RSS, summed over its processes, is sampled from /proc.
MEM_WRAPPER = r"""
import glob, json, os, resource, subprocess, sys, tempfile, time
page = os.sysconf("SC_PAGE_SIZE") // 1024
def children(pid):
    # /proc/PID/task/TID/children is cheap; without it (old kernels) scan every /proc/PID/stat.
    files = glob.glob(f"/proc/{pid}/task/*/children")
    if files:
        out = []
        for name in files:
            try:
                with open(name, "rb") as fh:
                    out.extend(int(x) for x in fh.read().split())
            except OSError:
                pass
        return out
    out = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as fh:
                    if int(fh.read().rsplit(b")", 1)[1].split()[1]) == pid:
                        out.append(int(name))
            except (OSError, IndexError, ValueError):
                continue
    return out
def tree_kib(root):
    if not os.path.isdir("/proc/self"):
        return None
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm", "rb") as fh:
                total += int(fh.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            continue
        todo.extend(children(pid))
    return total
start = time.perf_counter()
errors = tempfile.TemporaryFile()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=errors)
peak = 0
while proc.poll() is None:
    now = tree_kib(proc.pid)
    if now is None:
        peak = None
        proc.wait()
        break
    peak = max(peak, now)
    time.sleep(0.02 if time.perf_counter() - start < 2 else 0.1)
wall = time.perf_counter() - start
errors.seek(0)
err = errors.read().decode("utf-8", "replace")[-400:]
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": proc.returncode, "wall_s": wall, "max_process_kib": usage.ru_maxrss,
                  "tree_peak_kib": peak, "stderr": err}))
"""


@dataclass
class Memory:
    """Peak memory of one run (KiB) and its wall time (perturbed a little by the sampling)."""

    max_process_kib: int | None = None
    tree_peak_kib: int | None = None
    wall_s: float | None = None
    error: str | None = None

    def describe(self) -> str:
        if self.error:
            return f"failed: {self.error}"
        tree = f"{self.tree_peak_kib / 1024:.1f} MiB" if self.tree_peak_kib else "n/a"
        return (
            f"largest process {(self.max_process_kib or 0) / 1024:.1f} MiB, "
            f"all processes {tree} (sampled), wall {self.wall_s or 0:.2f} s"
        )


def memory(cmd: Sequence[str], *, cwd: Path) -> Memory:
    proc = subprocess.run(
        [sys.executable, "-c", MEM_WRAPPER, *cmd],
        cwd=cwd,
        env=_env(),
        capture_output=True,
        check=False,
    )
    try:
        out = json.loads(proc.stdout.decode().strip().splitlines()[-1])
    except (IndexError, ValueError):
        return Memory(error=proc.stderr.decode("utf-8", "replace")[-300:] or "no output")
    if out["code"] not in OK_CODES:
        return Memory(error=f"exit {out['code']}: {out['stderr'].strip()}")
    return Memory(out["max_process_kib"], out["tree_peak_kib"], out["wall_s"])


# --- the peer's environment ---------------------------------------------------------------


def peer_tool(install: bool) -> Path | str:
    """check-jsonschema from bench/.venv-peers (created if missing), or why it is unavailable."""
    scripts = PEERS / ("Scripts" if os.name == "nt" else "bin")
    exe = scripts / ("check-jsonschema.exe" if os.name == "nt" else "check-jsonschema")
    stamp = PEERS / ".requirements"
    wanted = REQUIREMENTS.read_text(encoding="utf-8")
    if exe.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == wanted:
        return exe
    if not install:
        return f"{PEERS.name} is not set up (--quick and --no-install do not install)"
    print(f"  setting up {PEERS.relative_to(ROOT)} from {REQUIREMENTS.relative_to(ROOT)} …")
    steps = [
        [sys.executable, "-m", "venv", str(PEERS)],
        [str(scripts / "python"), "-m", "pip", "install", "-q", "-r", str(REQUIREMENTS)],
    ]
    for step in steps:
        try:
            proc = subprocess.run(step, capture_output=True, check=False, timeout=900)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"cannot run {Path(step[0]).name}: {exc}"
        if proc.returncode != 0:
            lines = [
                ln
                for ln in proc.stderr.decode("utf-8", "replace").splitlines()
                if ln.strip() and not ln.startswith("WARNING: Location")
            ]
            return f"{' '.join(step[2:5])} failed: {lines[-1] if lines else proc.returncode}"
    if not exe.exists():
        return "check-jsonschema was not installed by bench/requirements.txt"
    stamp.write_text(wanted, encoding="utf-8")
    return exe


def batches(prefix: Sequence[str], files: Sequence[str]) -> list[list[str]]:
    """Split a long argument list as xargs would (the limit of one exec, with a margin)."""
    try:
        limit = int(os.sysconf("SC_ARG_MAX")) // 2
    except (ValueError, OSError, AttributeError):
        limit = 32_000
    limit -= sum(len(k) + len(v) + 2 for k, v in os.environ.items())
    base = sum(len(a) + 1 for a in prefix)
    out: list[list[str]] = []
    current: list[str] = []
    size = base
    for f in files:
        if current and size + len(f) + 1 > limit:
            out.append([*prefix, *current])
            current, size = [], base
        current.append(f)
        size += len(f) + 1
    if current:
        out.append([*prefix, *current])
    return out


# --- the floor and the profile, run in fresh interpreters ---------------------------------

FLOOR = r"""
import sys, time, yaml
mode, listing = sys.argv[1], sys.argv[2]
paths = [p for p in open(listing, encoding="utf-8").read().splitlines() if p]
start = time.perf_counter()
if mode == "load":
    for p in paths:
        with open(p, "rb") as fh:
            yaml.load(fh.read(), Loader=yaml.CSafeLoader)
else:
    for p in paths:
        with open(p, "rb") as fh:
            yaml.compose(fh.read(), Loader=yaml.CLoader)
print(time.perf_counter() - start)
"""

ONE_FLOOR_LABEL = "floor: python, import pydantic + yaml, CSafeLoader"
ONE_FLOOR = r"""
import sys, yaml
from pydantic import BaseModel
with open(sys.argv[1], "rb") as fh:
    yaml.load(fh.read(), Loader=yaml.CSafeLoader)
"""
"""The one-file floor of issue #18: an interpreter that imports pydantic and PyYAML and loads
the same file with CSafeLoader."""

STAGES = r"""
import sys, time
from perfdecl.lint.framework import framework_problems
from perfdecl.lint import DEFAULT_OPTIONS, run_rules
from perfdecl.loader import load_bytes
from perfdecl.model.build import build
from perfdecl.lint.suppress import apply_suppressions
paths = [p for p in open(sys.argv[1], encoding="utf-8").read().splitlines() if p]
import yaml
t = {"read": 0.0, "load (decode, compose, positions)": 0.0, "structure (pydantic)": 0.0,
     "rules": 0.0, "framework + suppressions": 0.0}
floor = 0.0  # the same files through CSafeLoader, in this process: the ratio's denominator
clock = time.perf_counter
for p in paths:
    a = clock(); raw = open(p, "rb").read(); read = clock() - a
    a = clock(); yaml.load(raw, Loader=yaml.CSafeLoader); floor += clock() - a
    b = clock(); a = b - read
    loaded = load_bytes(raw, file=p); c = clock()
    decl, problems = build(loaded.data, loaded.source, p); d = clock()
    found = list(run_rules(decl, loaded.source, p)) if decl is not None else []; e = clock()
    if decl is not None:
        found += framework_problems(decl, loaded.source, p, DEFAULT_OPTIONS.settings)
    apply_suppressions(list(loaded.problems) + problems + found, loaded.source, p, DEFAULT_OPTIONS)
    f = clock()
    for key, took in zip(t, (b - a, c - b, d - c, e - d, f - e)):
        t[key] += took
for key, took in t.items():
    print(f"{key}\t{took / len(paths) * 1000:.2f}")
print(f"the floor: CSafeLoader on the same bytes\t{floor / len(paths) * 1000:.2f}")
"""


# --- the sections -------------------------------------------------------------------------


@dataclass
class Row:
    measure: str
    value: str
    target: str = ""
    met: bool | None = None


@dataclass
class Bench:
    s: Settings
    tmp: Path
    perfdecl: list[str]
    perfdecl_note: str
    figures: dict[str, Any] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)

    def record(self, section: str, name: str, value: Any) -> None:
        if isinstance(value, Stat):
            value = value.as_dict()
        elif isinstance(value, Memory):
            value = asdict(value)
        self.figures.setdefault(section, {})[name] = value

    def line(self, label: str, text: str) -> None:
        print(f"  {label:<48} {text}")


_last_header: list[tuple[str, float]] = []


def header(title: str) -> None:
    """Print a section title, and how long the previous section took (where the time goes)."""
    now = time.perf_counter()
    if _last_header:
        name, began = _last_header.pop()
        if name[0].isdigit() or name.startswith("generating"):
            short = name.split(":")[0].split(" --")[0]
            print(f"  ({short} took {now - began:.0f} s)")
    _last_header.append((title, now))
    print(f"\n== {title} ==", flush=True)


def ms(seconds: float | None) -> str:
    return "n/a" if seconds is None else f"{seconds * 1000:.2f} ms"


def ratio_text(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}x"


def section_startup(b: Bench, one: Path) -> dict[str, Stat]:
    header("1. start-up: whole process, one file")
    py = sys.executable
    cmds: dict[str, list[str]] = {
        "python -c pass (interpreter floor)": [py, "-c", "pass"],
        "python -c 'import yaml'": [py, "-c", "import yaml"],
        "perfdecl --version": [*b.perfdecl, "--version"],
        "python -m perfdecl --version": [py, "-m", "perfdecl", "--version"],
        "perfdecl validate one.yaml": [*b.perfdecl, "validate", "--no-cache", str(one)],
        "perfdecl validate --format json one.yaml": [
            *b.perfdecl,
            "validate",
            "--no-cache",
            "--format",
            "json",
            str(one),
        ],
        "python -m perfdecl validate one.yaml": [
            py,
            "-m",
            "perfdecl",
            "validate",
            "--no-cache",
            str(one),
        ],
        ONE_FLOOR_LABEL: [py, "-c", ONE_FLOOR, str(one)],
        "perfdecl validate -q --no-cache one.yaml": [
            *b.perfdecl,
            "validate",
            "-q",
            "--no-cache",
            str(one),
        ],
        "perfdecl validate -q one.yaml, cached": [
            *b.perfdecl,
            "validate",
            "-q",
            "--cache-dir",
            str(b.tmp / "one-cache"),
            str(one),
        ],
    }
    run_once(cmds["perfdecl validate -q one.yaml, cached"], cwd=b.tmp)  # fills its cache
    out: dict[str, Stat] = {}
    for label, cmd in cmds.items():
        stat = measure(cmd, b.s, cwd=b.tmp, warmup=1 if not b.s.quick else 0)
        out[label] = stat
        b.line(label, stat.describe())
        b.record("startup", label, stat)
    b.line("perfdecl command measured", b.perfdecl_note)
    mods = loaded_modules(
        [*b.perfdecl, "validate", "--no-cache", "--format", "json", str(one)], cwd=b.tmp
    )
    heavy = ("typer", "click", "rich", "pydantic", "yaml", "perfdecl.rules")
    shown = ", ".join(f"{m} {'yes' if m in mods else 'no'}" for m in heavy) if mods else "n/a"
    b.line("imported by validate --format json", shown)
    b.record("startup", "imported_by_validate_json", {m: m in mods for m in heavy})

    version, one_text, one_json = (
        out["perfdecl --version"],
        out["perfdecl validate one.yaml"],
        out["perfdecl validate --format json one.yaml"],
    )
    b.rows.append(
        Row(
            "perfdecl --version",
            ms(_med(version)),
            f"<= {VERSION_MS:.0f} ms",
            _le(version, VERSION_MS),
        )
    )
    b.rows.append(
        Row("python -m perfdecl --version", ms(_med(out["python -m perfdecl --version"])))
    )
    b.rows.append(
        Row(
            "perfdecl validate one file (text)",
            ms(_med(one_text)),
            f"<= {ONE_FILE_MS:.0f} ms",
            _le(one_text, ONE_FILE_MS),
        )
    )
    b.rows.append(
        Row(
            "perfdecl validate one file (--format json)",
            ms(_med(one_json)),
            f"<= {ONE_FILE_MS:.0f} ms",
            _le(one_json, ONE_FILE_MS),
        )
    )
    b.rows.append(
        Row(
            "python -m perfdecl validate one file",
            ms(_med(out["python -m perfdecl validate one.yaml"])),
        )
    )
    floor = _med(out[ONE_FLOOR_LABEL])
    quiet = _med(out["perfdecl validate -q --no-cache one.yaml"])
    one_ratio = quiet / floor if quiet and floor else None
    b.line("validate one file / its floor", ratio_text(one_ratio))
    b.record("startup", "ratio_one_file_to_floor", one_ratio)
    b.rows.append(Row("one-file floor: python importing pydantic + yaml, CSafeLoader", ms(floor)))
    b.rows.append(
        Row(
            "validate one file (--no-cache) / its floor",
            ratio_text(one_ratio),
            f"<= {ONE_FLOOR_RATIO}x",
            None if one_ratio is None else one_ratio <= ONE_FLOOR_RATIO,
        )
    )
    b.rows.append(
        Row(
            "validate one file, answered from the cache",
            ms(_med(out["perfdecl validate -q one.yaml, cached"])),
        )
    )
    b.rows.append(
        Row(
            "python -c pass (interpreter floor)",
            ms(_med(out["python -c pass (interpreter floor)"])),
        )
    )
    return out


def _med(stat: Stat) -> float | None:
    return stat.median if stat.ok else None


def _le(stat: Stat, limit_ms: float) -> bool | None:
    return None if not stat.ok else stat.median * 1000 <= limit_ms


def loaded_modules(cmd: Sequence[str], *, cwd: Path) -> set[str]:
    """Top-level and perfdecl modules a command imports (PYTHONPROFILEIMPORTTIME)."""
    env = _env() | {"PYTHONPROFILEIMPORTTIME": "1"}
    proc = subprocess.run(list(cmd), cwd=cwd, env=env, capture_output=True, check=False)
    names: set[str] = set()
    for entry in parse_importtime(proc.stderr.decode("utf-8", "replace")):
        name = entry[2]
        names.add(name.split(".")[0])
        if name.startswith("perfdecl."):
            names.add(".".join(name.split(".")[:2]))
    return names


def parse_importtime(stderr: str) -> list[tuple[int, int, str]]:
    """(self µs, cumulative µs, module) for each line of ``-X importtime`` output."""
    out = []
    for line in stderr.splitlines():
        m = re.match(r"import time:\s+(\d+)\s*\|\s*(\d+)\s*\|\s*(\S.*)$", line)
        if m:
            out.append((int(m[1]), int(m[2]), m[3].strip()))
    return out


def section_many(b: Bench, corpus: Path, first: Path) -> dict[str, Any]:
    n = b.s.n
    jobs = _default_jobs()
    header(f"2. many files: {n} files in one call, --format json to /dev/null")
    one = measure(
        [*b.perfdecl, "validate", "--no-cache", "--jobs", "1", "--format", "json", str(first)],
        b.s,
        cwd=b.tmp,
    )
    # No warm-up for runs over many files: the files are in the page cache since generation,
    # perfdecl's bytecode since section 1, and one more run costs minutes.
    serial = measure(
        [*b.perfdecl, "validate", "--no-cache", "--jobs", "1", "--format", "json", str(corpus)],
        b.s,
        cwd=b.tmp,
        warmup=0,
    )
    # --jobs must be >= 1; leaving it out means "the number of cores" (runner.default_jobs).
    parallel = measure(
        [*b.perfdecl, "validate", "--no-cache", "--format", "json", str(corpus)],
        b.s,
        cwd=b.tmp,
        warmup=0,
    )
    b.line("one generated file, --jobs 1 (start-up)", one.describe())
    b.line(f"{n} files, --jobs 1", serial.describe(1.0, "s"))
    b.line(f"{n} files, default --jobs ({jobs} cores)", parallel.describe(1.0, "s"))
    serial_pf = per_file(serial, one, n)
    parallel_pf = per_file(parallel, one, n)
    speedup = serial.median / parallel.median if serial.ok and parallel.ok else None
    b.line("per file, serial, start-up subtracted", ms(serial_pf))
    b.line("per file, parallel, start-up subtracted", ms(parallel_pf))
    b.line("per file, serial, naive T(N)/N", ms(serial.median / n if serial.ok else None))
    b.line("parallel speed-up over serial", ratio_text(speedup))
    for name, value in (("one", one), ("serial", serial), ("parallel", parallel)):
        b.record("many", name, value)
    b.record("many", "per_file_serial_s", serial_pf)
    b.record("many", "per_file_parallel_s", parallel_pf)
    b.record("many", "jobs_parallel", jobs)
    b.rows.append(Row(f"{n} files serial (--jobs 1), wall", _s(serial)))
    b.rows.append(Row(f"{n} files parallel ({jobs} jobs), wall", _s(parallel), "", None))
    b.rows.append(Row("per file serial (start-up subtracted)", ms(serial_pf)))
    b.rows.append(Row("per file parallel (start-up subtracted)", ms(parallel_pf)))
    return {"serial_pf": serial_pf, "serial": serial}


def _s(stat: Stat) -> str:
    return f"{stat.median:.2f} s" if stat.ok else "failed"


def _default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def floor_runs(b: Bench, mode: str, listing: Path) -> tuple[Stat, Stat]:
    """(loop time inside the process, whole process) for the floor loop."""
    inner, whole = Stat(), Stat()
    began = time.perf_counter()
    while len(inner.samples) < b.s.repeat:
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", FLOOR, mode, str(listing)],
            cwd=b.tmp,
            capture_output=True,
            check=False,
        )
        took = time.perf_counter() - start
        if proc.returncode != 0:
            inner.error = whole.error = proc.stderr.decode("utf-8", "replace")[-300:]
            break
        inner.samples.append(float(proc.stdout.decode().strip()))
        whole.samples.append(took)
        if time.perf_counter() - began + took > b.s.budget:
            break
    return inner, whole


def section_floor(b: Bench, listing: Path, serial_pf: float | None) -> float | None:
    n = b.s.n
    header(f"3. the floor: a plain loop that reads and parses the same {n} files")
    import yaml

    if not yaml.__with_libyaml__:
        b.line("PyYAML", "built without libyaml: no C loader, floor skipped")
        print("  skipped: PyYAML has no libyaml (C loader) in this environment")
        b.rows.append(Row("floor (CSafeLoader)", "skipped", f"ratio <= {FLOOR_RATIO}", None))
        return None
    load_in, load_whole = floor_runs(b, "load", listing)
    comp_in, comp_whole = floor_runs(b, "compose", listing)
    floor_pf = load_in.median / n if load_in.ok else None
    compose_pf = comp_in.median / n if comp_in.ok else None
    b.line("yaml.load(CSafeLoader) loop (THE FLOOR)", load_in.describe(1.0, "s"))
    b.line("  per file", ms(floor_pf))
    b.line("  whole process incl. start-up", load_whole.describe(1.0, "s"))
    b.line("yaml.compose(CLoader) loop", comp_in.describe(1.0, "s"))
    b.line("  per file", ms(compose_pf))
    ratio = serial_pf / floor_pf if serial_pf is not None and floor_pf else None
    b.line("perfdecl serial per file / floor per file", ratio_text(ratio))
    for name, value in (
        ("load_loop", load_in),
        ("load_process", load_whole),
        ("compose_loop", comp_in),
        ("compose_process", comp_whole),
    ):
        b.record("floor", name, value)
    b.record("floor", "per_file_load_s", floor_pf)
    b.record("floor", "per_file_compose_s", compose_pf)
    b.record("floor", "ratio_serial_to_floor", ratio)
    b.rows.append(Row("floor per file: CSafeLoader load", ms(floor_pf)))
    b.rows.append(Row("CLoader compose per file", ms(compose_pf)))
    b.rows.append(
        Row(
            "perfdecl serial / floor, per file",
            ratio_text(ratio),
            f"<= {FLOOR_RATIO}x",
            None if ratio is None else ratio <= FLOOR_RATIO,
        )
    )
    return floor_pf


def section_peer(b: Bench, files: list[str], first: Path, serial_pf: float | None) -> None:
    n = b.s.n
    header(
        f"4. check-jsonschema --schemafile schemas/declaration.schema.json on the same {n} files"
    )
    tool = peer_tool(b.s.install) if b.s.peer else "--no-peer"
    if isinstance(tool, str):
        print(f"  skipped: {tool}")
        b.record("peer", "skipped", tool)
        b.rows.append(Row("check-jsonschema per file", "skipped", "", None))
        b.rows.append(
            Row("check-jsonschema / perfdecl, per file", "skipped", f">= {PEER_RATIO:.0f}x", None)
        )
        return
    version = subprocess.run([str(tool), "--version"], capture_output=True, check=False)
    b.record("peer", "version", version.stdout.decode().strip())
    prefix = [str(tool), "--schemafile", str(SCHEMA)]
    # This run is also the warm-up of the one-file measure.
    sample = subprocess.run([*prefix, str(first)], capture_output=True, check=False, cwd=b.tmp)
    first_line = (sample.stdout.decode("utf-8", "replace").strip().splitlines() or ["(nothing)"])[0]
    b.line("version", version.stdout.decode().strip())
    b.line(
        "its verdict on one file (exit 1 = schema errors)",
        f"exit {sample.returncode}: {first_line[:60]}",
    )
    one = measure([*prefix, str(first)], b.s, cwd=b.tmp, warmup=0)
    parts = batches(prefix, files)
    many = measure_all(parts, b.s, cwd=b.tmp, warmup=0)  # its 1-file run warmed it up
    b.line("one file", one.describe())
    b.line(f"{n} files in {len(parts)} call(s)", many.describe(1.0, "s"))
    pf = None
    if one.ok and many.ok and n > len(parts):
        pf = max(0.0, many.median - len(parts) * one.median) / (n - len(parts))
    ratio = pf / serial_pf if pf is not None and serial_pf else None
    b.line("per file, start-up subtracted", ms(pf))
    b.line("check-jsonschema / perfdecl serial, per file", ratio_text(ratio))
    b.record("peer", "one", one)
    b.record("peer", "many", many)
    b.record("peer", "calls", len(parts))
    b.record("peer", "per_file_s", pf)
    b.record("peer", "ratio_to_perfdecl_serial", ratio)
    b.rows.append(Row("check-jsonschema per file", ms(pf)))
    b.rows.append(
        Row(
            "check-jsonschema / perfdecl, per file",
            ratio_text(ratio),
            f">= {PEER_RATIO:.0f}x",
            None if ratio is None else ratio >= PEER_RATIO,
        )
    )


def section_rerun(b: Bench, files: Sequence[Path]) -> None:
    """A first run over unchanged files (empty cache) against the re-run (every file cached)."""
    n = len(files)
    header(f"7. re-run over {n} unchanged files: result cache (default --jobs)")
    folder = b.tmp / "rerun"
    folder.mkdir(exist_ok=True)
    for path in files:
        link_or_copy(path, folder / path.name)
    cache = b.tmp / "rerun-cache"
    cmd = [*b.perfdecl, "validate", "--cache-dir", str(cache), "--format", "json", str(folder)]
    first, again = Stat(), Stat()
    began = time.perf_counter()
    while len(first.samples) < b.s.repeat:
        shutil.rmtree(cache, ignore_errors=True)
        took, code, err = run_once(cmd, cwd=b.tmp)
        took2, code2, err2 = run_once(cmd, cwd=b.tmp)
        if code not in OK_CODES or code2 not in OK_CODES:
            first.error = again.error = f"exit {code}/{code2}: {err or err2}"
            break
        first.samples.append(took)
        again.samples.append(took2)
        if time.perf_counter() - began + took + took2 > b.s.budget:
            break
    ratio = first.median / again.median if first.ok and again.ok else None
    b.line(f"{n} files, first run (empty cache)", first.describe(1.0, "s"))
    b.line(f"{n} files, re-run (all cached)", again.describe())
    b.line("first run / re-run", ratio_text(ratio))
    b.record("rerun", "first", first)
    b.record("rerun", "again", again)
    b.record("rerun", "ratio", ratio)
    b.rows.append(Row(f"{n} files, first run (empty cache)", _s(first)))
    b.rows.append(Row(f"{n} files, re-run, nothing changed", ms(_med(again))))
    b.rows.append(
        Row(
            "first run / re-run",
            ratio_text(ratio),
            f">= {RERUN_RATIO:.0f}x",
            None if ratio is None else ratio >= RERUN_RATIO,
        )
    )


def section_memory(b: Bench, small: Path, large: Path) -> None:
    header(f"5. peak memory: validate --format json over {b.s.mem_small} and {b.s.mem_n} files")
    runs: dict[str, Memory] = {}
    for label, folder, count in (("small", small, b.s.mem_small), ("large", large, b.s.mem_n)):
        for mode, extra in (("serial", ["--jobs", "1"]), ("parallel", [])):
            mem = memory(
                [*b.perfdecl, "validate", "--no-cache", *extra, "--format", "json", str(folder)],
                cwd=b.tmp,
            )
            runs[f"{label}_{mode}"] = mem
            b.line(f"{count} files, {mode}", mem.describe())
            b.record("memory", f"{count}_{mode}", mem)
    verdicts = []
    for mode in ("serial", "parallel"):
        lo, hi = runs[f"small_{mode}"], runs[f"large_{mode}"]
        ratio = None
        if lo.max_process_kib and hi.max_process_kib and not (lo.error or hi.error):
            ratio = hi.max_process_kib / lo.max_process_kib
        verdicts.append(ratio)
        tree = None
        if lo.tree_peak_kib and hi.tree_peak_kib:
            tree = hi.tree_peak_kib / lo.tree_peak_kib
        b.line(f"{mode}: {b.s.mem_n} / {b.s.mem_small} files, largest process", ratio_text(ratio))
        b.line(f"{mode}: {b.s.mem_n} / {b.s.mem_small} files, all processes", ratio_text(tree))
        b.record("memory", f"ratio_{mode}_largest_process", ratio)
        b.record("memory", f"ratio_{mode}_all_processes", tree)
        b.rows.append(
            Row(
                f"peak RSS {mode}, {b.s.mem_small} -> {b.s.mem_n} files",
                f"{_mib(lo)} -> {_mib(hi)} MiB",
                f"flat (<= {FLAT_RATIO}x)",
                None if ratio is None else ratio <= FLAT_RATIO,
            )
        )
        if hi.wall_s and not hi.error:
            b.rows.append(
                Row(f"{b.s.mem_n} files {mode}, wall (sampled run)", f"{hi.wall_s:.1f} s")
            )


def _mib(mem: Memory) -> str:
    return "?" if mem.error or not mem.max_process_kib else f"{mem.max_process_kib / 1024:.0f}"


def section_big(b: Bench, path: Path, dense: Path) -> None:
    size = path.stat().st_size
    header(
        f"6. one large declaration: {size / 1e6:.2f} MB, {gen.count_nodes(path.read_bytes()):,} nodes"
    )
    cmd = [*b.perfdecl, "validate", "--no-cache", "--format", "json", str(path)]
    stat = measure(cmd, b.s, cwd=b.tmp)
    mem = memory(cmd, cwd=b.tmp)
    listing = b.tmp / "big.list"
    listing.write_text(str(path) + "\n", encoding="utf-8")
    floor, _ = floor_runs(b, "load", listing)
    b.line("validate --format json, whole process", stat.describe(1.0, "s"))
    b.line("peak memory", mem.describe())
    b.line("floor: CSafeLoader load of the same file", floor.describe(1.0, "s"))
    start = time.perf_counter()
    proc = subprocess.run(
        [*b.perfdecl, "validate", "--no-cache", "--format", "json", str(dense)],
        capture_output=True,
        check=False,
        cwd=b.tmp,
        env=_env(),
    )
    took, code = time.perf_counter() - start, proc.returncode
    verdict = proc.stdout.decode("utf-8", "replace")
    codes = sorted(set(re.findall(r'"code": "(PD0\d\d)"', verdict)))
    b.line(
        f"same size at the example's density ({gen.count_nodes(dense.read_bytes()):,} nodes)",
        f"{took:.2f} s, exit {code}{', ' + ' '.join(codes) if codes else ''} (one run)",
    )
    b.record("big", "bytes", size)
    b.record("big", "validate", stat)
    b.record("big", "memory", mem)
    b.record("big", "floor_load", floor)
    b.record(
        "big",
        "dense",
        {"bytes": dense.stat().st_size, "wall_s": took, "exit": code, "codes": codes},
    )
    b.rows.append(
        Row(
            f"{size / 1e6:.1f} MB declaration, wall",
            _s(stat),
            f"< {BIG_S:.0f} s",
            None if not stat.ok else stat.median < BIG_S,
        )
    )
    b.rows.append(Row(f"{size / 1e6:.1f} MB declaration, peak RSS", f"{_mib(mem)} MiB"))


def section_profile(b: Bench, files: list[str], one: Path) -> None:
    header("7. profile")
    if not b.s.profile:
        print("  skipped: run with --profile for cProfile, a stage breakdown and -X importtime")
        return
    import pstats

    chosen = files[: min(200, len(files))]
    listing = b.tmp / "profile.list"
    listing.write_text("\n".join(chosen) + "\n", encoding="utf-8")
    out = b.tmp / "validate.prof"
    cmd = [
        sys.executable,
        "-m",
        "cProfile",
        "-o",
        str(out),
        "-m",
        "perfdecl",
        "validate",
        "--no-cache",
        "--jobs",
        "1",
        "--format",
        "json",
        *chosen,
    ]
    took, code, err = run_once(cmd, cwd=b.tmp)
    if code not in OK_CODES or not out.exists():
        print(f"  skipped: cProfile run failed (exit {code}): {err}")
    else:
        print(
            f"  cProfile of validate --jobs 1 over {len(chosen)} files ({took:.1f} s under the profiler)"
        )
        for key in ("cumulative", "tottime"):
            print(f"\n  -- top 25 by {key} --")
            sys.stdout.flush()
            pstats.Stats(str(out), stream=sys.stdout).strip_dirs().sort_stats(key).print_stats(25)
    proc = subprocess.run(
        [sys.executable, "-c", STAGES, str(listing)], capture_output=True, check=False, cwd=b.tmp
    )
    print(f"\n  -- in-process stages, ms per file over {len(chosen)} files --")
    if proc.returncode != 0:
        print("  skipped: " + proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1])
    else:
        stages = {}
        for line in proc.stdout.decode().splitlines():
            name, _, value = line.partition("\t")
            stages[name] = float(value)
            print(f"  {name:<40} {value} ms")
        b.record("profile", "stages_ms_per_file", stages)
    env = _env()
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "perfdecl", "validate", "--no-cache", str(one)],
        capture_output=True,
        check=False,
        cwd=b.tmp,
        env=env,
    )
    entries = parse_importtime(proc.stderr.decode("utf-8", "replace"))
    print("\n  -- python -X importtime -m perfdecl validate one.yaml: top 15 by cumulative --")
    for self_us, cum_us, name in sorted(entries, key=lambda e: -e[1])[:15]:
        print(f"  {cum_us / 1000:8.1f} ms cumulative {self_us / 1000:7.1f} ms self  {name}")
    b.record("profile", "importtime_top", sorted(entries, key=lambda e: -e[1])[:15])


# --- machine, table, main -----------------------------------------------------------------


def machine(b: Bench) -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith(("model name", "hardware", "cpu model")):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "unknown"
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    import yaml

    version = subprocess.run([*b.perfdecl, "--version"], capture_output=True, check=False)
    commit = (
        subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            check=False,
        )
        .stdout.decode()
        .strip()
    )
    dirty = (
        subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"],
            capture_output=True,
            check=False,
        )
        .stdout.decode()
        .strip()
    )
    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "cores (nproc / usable)": f"{os.cpu_count()} / {_default_jobs()}",
        "memory": mem or "unknown",
        "python": f"{platform.python_implementation()} {platform.python_version()} ({sys.executable})",
        "perfdecl": version.stdout.decode().strip() or "unknown",
        "perfdecl command": b.perfdecl_note,
        "commit": (commit + (" + uncommitted changes in src/" if dirty else "")) or "unknown",
        "PyYAML": f"{yaml.__version__}, {'with' if yaml.__with_libyaml__ else 'WITHOUT'} libyaml",
        "check-jsonschema": b.figures.get("peer", {}).get("version", "not run"),
        "load average (1, 5, 15 min)": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "date (UTC)": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M"),
    }


def print_table(rows: Sequence[Row]) -> None:
    header("results")
    w = max(len(r.measure) for r in rows)
    v = max(len(r.value) for r in rows)
    t = max(max(len(r.target) for r in rows), len("target"))
    print(f"  {'measure':<{w}}  {'value':>{v}}  {'target':<{t}}  met")
    print(f"  {'-' * w}  {'-' * v}  {'-' * t}  ---")
    for r in rows:
        met = (
            ""
            if r.met is None and not r.target
            else ("?" if r.met is None else ("yes" if r.met else "NO"))
        )
        print(f"  {r.measure:<{w}}  {r.value:>{v}}  {r.target:<{t}}  {met}")


def perfdecl_command() -> tuple[list[str], str]:
    """The console script next to this interpreter, else ``python -m perfdecl``."""
    script = Path(sys.executable).parent / ("perfdecl.exe" if os.name == "nt" else "perfdecl")
    if script.exists():
        return [str(script)], f"{script} (console script of {sys.executable})"
    return [sys.executable, "-m", "perfdecl"], f"{sys.executable} -m perfdecl (no console script)"


def parse_args(argv: Sequence[str] | None) -> tuple[Settings, argparse.Namespace]:
    p = argparse.ArgumentParser(
        description="perfdecl benchmark (issue #8); see the module docstring for the method.",
    )
    p.add_argument("--quick", action="store_true", help="tiny smoke run: N=10, one run each")
    p.add_argument("--n", type=int, help="files for sections 2-4 (default 1000)")
    p.add_argument("--repeat", type=int, help="runs per measure (default 5)")
    p.add_argument(
        "--budget", type=float, help="seconds per measure before it stops repeating (default 150)"
    )
    p.add_argument("--mem-small", type=int, help="files of the small memory run (default 100)")
    p.add_argument("--mem-n", type=int, help="files of the large memory run (default 10000)")
    p.add_argument("--big-mb", type=float, help="size of the large declaration in MiB (default 5)")
    p.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    p.add_argument(
        "--profile", action="store_true", help="also run section 7 (cProfile, importtime)"
    )
    p.add_argument("--json", type=Path, metavar="PATH", help="also save the raw figures as JSON")
    p.add_argument("--force", action="store_true", help="replace an existing --json file")
    inst = p.add_mutually_exclusive_group()
    inst.add_argument(
        "--install",
        dest="install",
        action="store_true",
        default=None,
        help="create bench/.venv-peers when missing (default, except with --quick)",
    )
    inst.add_argument(
        "--no-install",
        dest="install",
        action="store_false",
        help="never create bench/.venv-peers; skip check-jsonschema if absent",
    )
    p.add_argument(
        "--no-peer",
        dest="peer",
        action="store_false",
        help="skip check-jsonschema (section 4) altogether",
    )
    a = p.parse_args(argv)
    q = a.quick
    s = Settings(
        n=a.n or (10 if q else 1000),
        repeat=a.repeat or (1 if q else 5),
        warmup=0 if q else 1,
        budget=a.budget or (5.0 if q else 150.0),
        mem_small=a.mem_small or (1 if q else 100),
        mem_n=a.mem_n or (8 if q else 10_000),
        big_mb=a.big_mb or (0.05 if q else 5.0),
        seed=a.seed,
        install=(not q) if a.install is None else a.install,
        peer=a.peer,
        profile=a.profile,
        quick=q,
    )
    if s.n < 2 or s.mem_small < 1 or s.mem_n < s.mem_small or s.repeat < 1:
        p.error("need --n >= 2, --repeat >= 1 and --mem-n >= --mem-small >= 1")
    return s, a


def link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def save_json(path: Path, payload: dict[str, Any], force: bool) -> None:
    """Write atomically (temporary file + rename), never over a file without --force."""
    data = json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n"
    try:
        from perfdecl.files import write_atomic
    except ImportError:  # an older perfdecl: the same, by hand
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(data, encoding="utf-8")
        os.replace(tmp, path)
        return
    write_atomic(path, data, force=force)


def main(argv: Sequence[str] | None = None) -> int:
    s, args = parse_args(argv)
    if args.json is not None and args.json.exists() and not args.force:
        print(f"bench: {args.json} exists; use --force to replace it.", file=sys.stderr)
        return 2
    cmd, note = perfdecl_command()
    started = time.perf_counter()
    print(
        f"perfdecl benchmark: {'quick' if s.quick else 'full'} run, N={s.n}, repeat={s.repeat}, "
        f"memory {s.mem_small}/{s.mem_n} files, {s.big_mb:g} MiB declaration"
    )
    print(f"perfdecl: {note}")
    with tempfile.TemporaryDirectory(prefix="perfdecl-bench-") as name:
        tmp = Path(name)
        b = Bench(s, tmp, cmd, note)
        header("generating declarations (bench/gen.py)")
        t0 = time.perf_counter()
        one = tmp / "one.yaml"
        shutil.copyfile(gen.EXAMPLE, one)
        corpus = tmp / "many"
        made = gen.generate(s.n, corpus, seed=s.seed, per_dir=s.n)
        files = [str(g.path) for g in made]
        listing = tmp / "many.list"
        listing.write_text("\n".join(files) + "\n", encoding="utf-8")
        small, large = tmp / "mem_small", tmp / "mem_large"
        small.mkdir()
        for g in made[: s.mem_small]:
            link_or_copy(g.path, small / g.path.name)
        extra = (
            gen.generate(max(0, s.mem_n - s.n), large, seed=s.seed, start=s.n, per_dir=1000)
            if s.mem_n > s.n
            else []
        )
        (large / "from_many").mkdir(parents=True, exist_ok=True)
        for g in made[: s.mem_n]:
            link_or_copy(g.path, large / "from_many" / g.path.name)
        big = tmp / "big.yaml"
        big.write_bytes(gen.big(int(s.big_mb * 1024 * 1024), seed=s.seed).encode("utf-8"))
        dense = tmp / "big_dense.yaml"
        dense.write_bytes(
            gen.big(int(s.big_mb * 1024 * 1024), seed=s.seed, max_nodes=None).encode("utf-8")
        )
        injected = sum(1 for g in made if g.injected)
        vague = sum(1 for g in made if g.vague)
        size = sum(g.size for g in made)
        print(
            f"  {s.n} files, {size / 1e6:.1f} MB ({size / s.n / 1024:.1f} KiB each on average); "
            f"{injected} with injected problems, {vague} with added vague wording"
        )
        print(
            f"  memory sets: {s.mem_small} and {s.mem_n} files; large declaration "
            f"{big.stat().st_size / 1e6:.2f} MB; generated in {time.perf_counter() - t0:.1f} s"
        )
        b.record("corpus", "files", s.n)
        b.record("corpus", "bytes", size)
        b.record("corpus", "injected", injected)
        b.record("corpus", "vague", vague)
        b.record("corpus", "memory_large_generated", len(extra))

        section_startup(b, one)
        many = section_many(b, corpus, made[0].path)
        section_floor(b, listing, many["serial_pf"])
        section_peer(b, files, made[0].path, many["serial_pf"])
        section_rerun(b, [g.path for g in made[: min(200, s.n)]])
        section_memory(b, small, large)
        section_big(b, big, dense)
        section_profile(b, files, one)

        print_table(b.rows)
        header("machine")
        info = machine(b)
        for key, value in info.items():
            print(f"  {key:<30} {value}")
        total = time.perf_counter() - started
        print(
            f"\nbenchmark took {total:.0f} s: python bench/run.py {' '.join(sys.argv[1:])}".rstrip()
        )
        if args.json is not None:
            payload = {
                "command": [Path(sys.argv[0]).name, *sys.argv[1:]],
                "settings": asdict(s),
                "machine": info,
                "figures": b.figures,
                "table": [asdict(r) for r in b.rows],
                "took_s": total,
            }
            try:
                save_json(args.json, payload, args.force)
            except OSError as exc:
                print(f"bench: cannot write {args.json}: {exc}", file=sys.stderr)
                return 2
            print(f"raw figures saved to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
