"""perfdecl benchmark (issues #8 and #18): start-up, many files against the YAML floor and a peer,
the result cache, memory, one big file, diff at scale, each against its target.

    python bench/run.py                  # the full run (about 10-15 minutes on 2 cores)
    python bench/run.py --quick          # a smoke run in seconds (tiny sizes, one round each)
    python bench/run.py --profile        # also cProfile, a stage breakdown and -X importtime
    python bench/run.py --json out.json  # also save every raw figure (refuses to overwrite
                                         # without --force)

Run it with the interpreter of the environment perfdecl is installed in (for example
/work/venv/bin/python): perfdecl is measured as that environment's console script (the
``perfdecl`` next to ``sys.executable``), and ``python -m perfdecl`` is measured beside it for
start-up. check-jsonschema, the peer, lives in its own virtual environment, bench/.venv-peers,
created on first use from bench/requirements.txt (``--no-install`` skips it instead).

Every declaration is generated (bench/gen.py, and bench/diff_bench.py for the diff) from
examples/niujie_2019.yaml with varied contents into a temporary folder that is removed
afterwards. Each measure is a whole process, output to /dev/null, timed for wall and CPU time
(bench/timing.py). The commands compared with each other run **interleaved**: each round runs
every one of them once, in turn, so a ratio is taken within a round, on the same machine
speed, and the median of the per-round ratios is the headline (the ratio of the medians is
printed beside it). Ratios use CPU time, which a process waiting for a core is not charged for.
A section runs ``--repeat`` rounds, fewer once another round would exceed ``--budget`` seconds
per command. Per-file costs subtract the start-up within each round:
``(T(N files) - T(1 file)) / (N - 1)`` with the same command and options.

Sections: 1 start-up (with the ladder of what the one-file floor is made of), 2 many files
(perfdecl serial and parallel, PyYAML's C loader, check-jsonschema, interleaved), 3 re-run with
the result cache, 4 peak memory, 5 one large declaration, 6 diff of renumbered rows, 7 profile
(``--profile``), then a table of every measure against its target and a description of the
machine.
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

import diff_bench  # noqa: E402  (bench/ is not a package)
import gen  # noqa: E402
from timing import Ratio, Stat, per_file, ratio, rounds, run_once  # noqa: E402

SCHEMA = ROOT / "schemas" / "declaration.schema.json"
PEERS = BENCH / ".venv-peers"
REQUIREMENTS = BENCH / "requirements.txt"
OK_CODES = (0, 1)  # 1 = findings, which generated files have on purpose

# Targets of issues #8 (start-up) and #18 (the rest).
VERSION_MS = 100.0
ONE_FILE_MS = 200.0
ONE_FLOOR_RATIO = 1.3
RERUN_RATIO = 10.0
FLOOR_RATIO = 1.5
PEER_RATIO = 10.0
FLAT_RATIO = 1.25
BIG_S = 2.0
DIFF_S = {800: 2.0, 6400: 30.0}  # renumbered, lightly edited rows -> seconds


# --- measuring (bench/timing.py) ----------------------------------------------------------


@dataclass
class Settings:
    n: int
    repeat: int
    warmup: int
    budget: float
    mem_small: int
    mem_n: int
    big_mb: float
    diff_rows: list[int]
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


def timed(b: Bench, jobs: dict[str, list[list[str]]], **kw: Any) -> dict[str, Stat]:
    """The settings' rounds of interleaved ``jobs`` (see bench/timing.py), from the scratch folder."""
    kw.setdefault("warmup", b.s.warmup)
    return rounds(
        jobs, repeat=b.s.repeat, budget=b.s.budget * len(jobs), cwd=b.tmp, env=_env(), **kw
    )


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


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
import sys, yaml
mode, listing = sys.argv[1], sys.argv[2]
paths = [p for p in open(listing, encoding="utf-8").read().splitlines() if p]
for p in paths:
    with open(p, "rb") as fh:
        if mode == "load":
            yaml.load(fh.read(), Loader=yaml.CSafeLoader)
        else:
            yaml.compose(fh.read(), Loader=yaml.CLoader)
"""
"""The per-file floor: a plain loop that reads and parses the files listed in a file."""

# The one-file floor of issue #18 ("an interpreter that imports pydantic and PyYAML and loads the
# same file with CSafeLoader"), then the same with each step a pydantic program takes on top:
# the ladder shows what any command that checks structure with pydantic models must pay.
ONE_FLOOR = r"""
import sys, pydantic, yaml
with open(sys.argv[1], "rb") as fh:
    yaml.load(fh.read(), Loader=yaml.CSafeLoader)
"""
ONE_FLOOR_LABEL = "floor: import pydantic + yaml, CSafeLoader"
LADDER = (
    ("+ from pydantic import BaseModel", "from pydantic import BaseModel\n"),
    (
        "+ one model class (x: int)",
        "from pydantic import BaseModel\nclass M(BaseModel):\n    x: int\n",
    ),
    ("+ perfdecl's model classes (perfdecl.model)", "import perfdecl.model\n"),
)

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

    def judge(
        self, key: tuple[str, str], label: str, r: Ratio, target: float, *, at_least: bool = False
    ) -> None:
        """Print, record (figures[section][name], and its rounds) and tabulate a ratio against
        its target, judged by its per-round median."""
        self.line(label, r.describe())
        self.record(key[0], key[1], r.median)
        self.record(key[0], f"{key[1]}_rounds", r.per_round)
        m = r.median
        met = None if m is None else (m >= target if at_least else m <= target)
        self.rows.append(
            Row(label, ratio_text(m), f"{'>=' if at_least else '<='} {target:g}x", met)
        )

    def line(self, label: str, text: str) -> None:
        print(f"  {label:<50} {text}")


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


PRODUCT_ONE = "perfdecl validate -q --no-cache one.yaml"


def section_startup(b: Bench, one: Path) -> dict[str, Stat]:
    header("1. start-up: whole process, one file (interleaved)")
    py = sys.executable
    pd = b.perfdecl
    cmds: dict[str, list[str]] = {
        "python -c pass (interpreter floor)": [py, "-c", "pass"],
        ONE_FLOOR_LABEL: [py, "-c", ONE_FLOOR, str(one)],
        **{label: [py, "-c", code + ONE_FLOOR, str(one)] for label, code in LADDER},
        PRODUCT_ONE: [*pd, "validate", "-q", "--no-cache", str(one)],
        "perfdecl --version": [*pd, "--version"],
        "python -m perfdecl --version": [py, "-m", "perfdecl", "--version"],
        "perfdecl validate one.yaml": [*pd, "validate", "--no-cache", str(one)],
        "perfdecl validate --format json one.yaml": [
            *pd,
            *("validate", "--no-cache", "--format", "json", str(one)),
        ],
        "python -m perfdecl validate one.yaml": [
            *(py, "-m", "perfdecl", "validate", "--no-cache", str(one)),
        ],
        "perfdecl validate -q one.yaml, cached": [
            *pd,
            *("validate", "-q", "--cache-dir", str(b.tmp / "one-cache"), str(one)),
        ],
    }
    run_once(cmds["perfdecl validate -q one.yaml, cached"], cwd=b.tmp)  # fills its cache
    out = timed(b, {label: [cmd] for label, cmd in cmds.items()})
    floor = out[ONE_FLOOR_LABEL]
    print("  what the one-file floor is made of (CPU, ratio to the floor within each round):")
    for label in (
        "python -c pass (interpreter floor)",
        ONE_FLOOR_LABEL,
        *(label for label, _ in LADDER),
        PRODUCT_ONE,
    ):
        r = ratio(out[label].cpu, floor.cpu)
        b.line(f"  {label}", f"CPU {ms(_cpu(out[label]))}: {r.describe()}")
        b.record("startup_ladder", label, {"stat": out[label].as_dict(), "ratio": r.median})
    print("  every command:")
    for label, stat in out.items():
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
    cached = loaded_modules(cmds["perfdecl validate -q one.yaml, cached"], cwd=b.tmp)
    rules = sorted(m for m in cached if re.fullmatch(r"perfdecl\.rules\.(pd\d+\w*|registry)", m))
    shown = f"pydantic {'yes' if 'pydantic' in cached else 'no'}, rule modules {len(rules)}"
    b.line("imported when answered from the cache", shown if cached else "n/a")
    b.record("startup", "imported_when_cached", {"pydantic": "pydantic" in cached, "rules": rules})

    version = out["perfdecl --version"]
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
    for label, name in (
        ("perfdecl validate one.yaml", "perfdecl validate one file (text)"),
        ("perfdecl validate --format json one.yaml", "perfdecl validate one file (--format json)"),
    ):
        b.rows.append(
            Row(
                name, ms(_med(out[label])), f"<= {ONE_FILE_MS:.0f} ms", _le(out[label], ONE_FILE_MS)
            )
        )
    b.rows.append(
        Row(
            "python -m perfdecl validate one file",
            ms(_med(out["python -m perfdecl validate one.yaml"])),
        )
    )
    one_ratio = ratio(out[PRODUCT_ONE].cpu, floor.cpu)
    b.rows.append(
        Row("one-file floor: python importing pydantic + yaml, CSafeLoader, CPU", ms(_cpu(floor)))
    )
    b.judge(
        ("startup", "ratio_one_file_to_floor"),
        "validate one file (-q --no-cache) / its floor, CPU",
        one_ratio,
        ONE_FLOOR_RATIO,
    )
    step = ratio(out[LADDER[1][0]].cpu, floor.cpu).median
    b.rows.append(Row("  the floor + one pydantic model class / the floor, CPU", ratio_text(step)))
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


def _cpu(stat: Stat) -> float | None:
    return stat.cpu_median if stat.ok and stat.cpu else None


def _med(stat: Stat) -> float | None:
    return stat.median if stat.ok else None


def _le(stat: Stat, limit_ms: float) -> bool | None:
    return None if not stat.ok else stat.median * 1000 <= limit_ms


def loaded_modules(cmd: Sequence[str], *, cwd: Path) -> set[str]:
    """Every module a command imports (PYTHONPROFILEIMPORTTIME), with each one's top-level
    package and, for perfdecl, its two-level prefix (``perfdecl.rules``)."""
    env = _env() | {"PYTHONPROFILEIMPORTTIME": "1"}
    proc = subprocess.run(list(cmd), cwd=cwd, env=env, capture_output=True, check=False)
    names: set[str] = set()
    for entry in parse_importtime(proc.stderr.decode("utf-8", "replace")):
        name = entry[2]
        names |= {name, name.split(".")[0]}
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


def section_many(b: Bench, corpus: Path, files: list[str], first: Path) -> None:
    """perfdecl serial and parallel, the floor loops and the peer over the same files, interleaved."""
    n = b.s.n
    jobs_n = _default_jobs()
    header(
        f"2. many files: {n} files, perfdecl (--format json), the CSafeLoader floor and "
        "check-jsonschema, interleaved"
    )
    py, pd = sys.executable, b.perfdecl
    listing, listing1 = b.tmp / "many.list", b.tmp / "first.list"
    listing.write_text("\n".join(files) + "\n", encoding="utf-8")
    listing1.write_text(str(first) + "\n", encoding="utf-8")
    validate = [*pd, "validate", "--no-cache", "--format", "json"]
    jobs: dict[str, list[list[str]]] = {
        "perfdecl, 1 file": [[*validate, "--jobs", "1", str(first)]],
        "perfdecl, serial": [[*validate, "--jobs", "1", str(corpus)]],
        # --jobs must be >= 1; leaving it out means "the number of cores" (runner.default_jobs).
        "perfdecl, parallel": [[*validate, str(corpus)]],
    }
    import yaml

    floor = bool(yaml.__with_libyaml__)
    if floor:
        for mode in ("load", "compose"):
            jobs[f"{mode} floor, 1 file"] = [[py, "-c", FLOOR, mode, str(listing1)]]
            jobs[f"{mode} floor"] = [[py, "-c", FLOOR, mode, str(listing)]]
    else:
        print("  the floor is skipped: PyYAML has no libyaml (C loader) in this environment")
    tool = peer_tool(b.s.install) if b.s.peer else "--no-peer"
    calls = 0
    if isinstance(tool, str):
        print(f"  check-jsonschema skipped: {tool}")
        b.record("peer", "skipped", tool)
    else:
        version = subprocess.run([str(tool), "--version"], capture_output=True, check=False)
        b.record("peer", "version", version.stdout.decode().strip())
        prefix = [str(tool), "--schemafile", str(SCHEMA)]
        sample = subprocess.run([*prefix, str(first)], capture_output=True, check=False, cwd=b.tmp)
        verdict = (sample.stdout.decode("utf-8", "replace").strip().splitlines() or ["-"])[0]
        b.line("check-jsonschema", version.stdout.decode().strip())
        b.line("its verdict on one file", f"exit {sample.returncode}: {verdict[:60]}")
        parts = batches(prefix, files)
        calls = len(parts)
        jobs["check-jsonschema, 1 file"] = [[*prefix, str(first)]]
        jobs["check-jsonschema"] = parts
    out = timed(b, jobs)
    for label, stat in out.items():
        b.line(label, stat.describe(1.0, "s") if stat.ok and stat.median > 1 else stat.describe())
        b.record("many", label, stat)
    one = out["perfdecl, 1 file"]
    serial = per_file(out["perfdecl, serial"], one, n)
    parallel = per_file(out["perfdecl, parallel"], one, n)
    b.line("perfdecl per file, serial, CPU", ms(median(serial)))
    b.line(
        "perfdecl per file, parallel, wall",
        ms(median(per_file(out["perfdecl, parallel"], one, n, cpu=False))),
    )
    b.record("many", "per_file_serial_cpu_s", serial)
    b.record("many", "per_file_parallel_cpu_s", parallel)
    b.record("many", "jobs_parallel", jobs_n)
    s_wall, p_wall = out["perfdecl, serial"], out["perfdecl, parallel"]
    speedup = ratio(s_wall.samples, p_wall.samples).median
    b.line("parallel speed-up over serial, wall", ratio_text(speedup))
    b.rows.append(Row(f"{n} files serial (--jobs 1), wall", _s(s_wall)))
    b.rows.append(Row(f"{n} files parallel ({jobs_n} jobs), wall", _s(p_wall)))
    b.rows.append(Row("perfdecl per file serial, CPU (start-up subtracted)", ms(median(serial))))
    if floor:
        load = per_file(out["load floor"], out["load floor, 1 file"], n)
        compose = per_file(out["compose floor"], out["compose floor, 1 file"], n)
        r = ratio(serial, load)
        b.line("floor per file: CSafeLoader load, CPU", ms(median(load)))
        b.line("CLoader compose per file, CPU", ms(median(compose)))
        b.record("floor", "per_file_load_cpu_s", load)
        b.record("floor", "per_file_compose_cpu_s", compose)
        b.rows.append(Row("floor per file: CSafeLoader load, CPU", ms(median(load))))
        b.rows.append(Row("CLoader compose per file, CPU", ms(median(compose))))
        b.judge(
            ("floor", "ratio_serial_to_floor"),
            "perfdecl serial / floor, per file, CPU",
            r,
            FLOOR_RATIO,
        )
    else:
        b.rows.append(Row("perfdecl serial / floor, per file", "skipped", f"<= {FLOOR_RATIO}x"))
    if calls:
        peer = per_file(out["check-jsonschema"], out["check-jsonschema, 1 file"], n, calls)
        r = ratio(peer, serial)
        b.line("check-jsonschema per file, CPU", ms(median(peer)))
        b.record("peer", "calls", calls)
        b.record("peer", "per_file_cpu_s", peer)
        b.rows.append(Row("check-jsonschema per file, CPU", ms(median(peer))))
        b.judge(
            ("peer", "ratio_to_perfdecl_serial"),
            "check-jsonschema / perfdecl, per file, CPU",
            r,
            PEER_RATIO,
            at_least=True,
        )
    else:
        b.rows.append(
            Row("check-jsonschema / perfdecl, per file", "skipped", f">= {PEER_RATIO:.0f}x")
        )


def _s(stat: Stat) -> str:
    return f"{stat.median:.2f} s" if stat.ok else "failed"


def _default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def section_rerun(b: Bench, files: Sequence[Path]) -> None:
    """A first run over unchanged files (empty cache) against the re-run (every file cached)."""
    n = len(files)
    header(f"3. re-run over {n} unchanged files: the result cache (default --jobs)")
    folder = b.tmp / "rerun"
    folder.mkdir(exist_ok=True)
    for path in files:
        link_or_copy(path, folder / path.name)
    cache = b.tmp / "rerun-cache"
    cmd = [*b.perfdecl, "validate", "--cache-dir", str(cache), "--format", "json", str(folder)]
    first, again = f"{n} files, first run (empty cache)", f"{n} files, re-run (all cached)"
    out = timed(
        b,
        {first: [cmd], again: [cmd]},
        warmup=0,
        before={first: lambda: shutil.rmtree(cache, ignore_errors=True)},
    )
    r = ratio(out[first].samples, out[again].samples)
    r_cpu = ratio(out[first].cpu, out[again].cpu)
    b.line(first, out[first].describe(1.0, "s"))
    b.line(again, out[again].describe())
    b.line("first run / re-run, CPU", r_cpu.describe())
    b.record("rerun", "first", out[first])
    b.record("rerun", "again", out[again])
    b.record("rerun", "ratio_cpu", r_cpu.median)
    b.rows.append(Row(f"{n} files, first run (empty cache), wall", _s(out[first])))
    b.rows.append(Row(f"{n} files, re-run, nothing changed, wall", ms(_med(out[again]))))
    b.judge(("rerun", "ratio"), "first run / re-run, wall", r, RERUN_RATIO, at_least=True)


def section_memory(b: Bench, small: Path, large: Path) -> None:
    header(f"4. peak memory: validate --format json over {b.s.mem_small} and {b.s.mem_n} files")
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
        f"5. one large declaration: {size / 1e6:.2f} MB, {gen.count_nodes(path.read_bytes()):,} nodes"
    )
    cmd = [*b.perfdecl, "validate", "--no-cache", "--format", "json", str(path)]
    listing = b.tmp / "big.list"
    listing.write_text(str(path) + "\n", encoding="utf-8")
    label, floor_label = (
        "validate --format json, whole process",
        "floor: CSafeLoader load, whole process",
    )
    out = timed(
        b, {label: [cmd], floor_label: [[sys.executable, "-c", FLOOR, "load", str(listing)]]}
    )
    stat = out[label]
    mem = memory(cmd, cwd=b.tmp)
    b.line(label, stat.describe(1.0, "s"))
    b.line("peak memory", mem.describe())
    b.line(floor_label, out[floor_label].describe(1.0, "s"))
    b.line("validate / floor, CPU", ratio(stat.cpu, out[floor_label].cpu).describe())
    dense_run = run_once(
        [*b.perfdecl, "validate", "--no-cache", "--format", "json", str(dense)],
        cwd=b.tmp,
        env=_env(),
        keep_stdout=True,
    )
    verdict = dense_run.stdout.decode("utf-8", "replace")
    codes = sorted(set(re.findall(r'"code": "(PD0\d\d)"', verdict)))
    b.line(
        f"same size at the example's density ({gen.count_nodes(dense.read_bytes()):,} nodes)",
        f"{dense_run.wall:.2f} s, exit {dense_run.code}{', ' + ' '.join(codes) if codes else ''} "
        "(one run)",
    )
    b.record("big", "bytes", size)
    b.record("big", "validate", stat)
    b.record("big", "memory", mem)
    b.record("big", "floor_load", out[floor_label])
    b.record(
        "big",
        "dense",
        {
            "bytes": dense.stat().st_size,
            "wall_s": dense_run.wall,
            "exit": dense_run.code,
            "codes": codes,
        },
    )
    b.rows.append(
        Row(
            f"{size / 1e6:.1f} MB declaration, wall",
            _s(stat),
            f"< {BIG_S:.0f} s",
            None if not stat.ok else stat.median < BIG_S,
        )
    )
    b.rows.append(Row(f"{size / 1e6:.1f} MB declaration, CPU", ms(_cpu(stat))))
    b.rows.append(Row(f"{size / 1e6:.1f} MB declaration, peak RSS", f"{_mib(mem)} MiB"))


def section_diff(b: Bench) -> None:
    """``perfdecl diff`` of renumbered, lightly edited rows (bench/diff_bench.py --scale)."""
    sizes = b.s.diff_rows
    header(f"6. diff: {', '.join(map(str, sizes))} renumbered, lightly edited rows")
    folder = b.tmp / "diff"
    folder.mkdir(exist_ok=True)
    jobs: dict[str, list[list[str]]] = {}
    for n in sizes:
        old, new = diff_bench.renumbered(n)
        paths = [folder / f"old{n}.yaml", folder / f"new{n}.yaml"]
        for p, data in zip(paths, (old, new), strict=True):
            p.write_text(gen.dump(data), encoding="utf-8")
        cmd = [*b.perfdecl, "diff", *map(str, paths), "--format", "json"]
        check = run_once(cmd, cwd=b.tmp, env=_env(), keep_stdout=True)  # and the warm-up
        try:
            changes = json.loads(check.stdout)["summary"]["changes"]
        except (ValueError, KeyError, TypeError):
            changes = f"no JSON answer (exit {check.code}: {check.stderr_tail})"
        b.line(f"{n} rows: changes reported", str(changes))
        jobs[f"{n} rows"] = [cmd]
    out = timed(b, jobs, warmup=0)
    for n in sizes:
        stat = out[f"{n} rows"]
        b.line(f"{n} rows, perfdecl diff --format json", stat.describe(1.0, "s"))
        b.record("diff", f"{n}_rows", stat)
        limit = DIFF_S.get(n)
        b.rows.append(
            Row(
                f"diff of {n} renumbered rows, wall (CPU {ms(_cpu(stat))})",
                _s(stat),
                f"< {limit:.0f} s" if limit else "",
                None if limit is None or not stat.ok else stat.median < limit,
            )
        )


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
        "PYTHONDONTWRITEBYTECODE": os.environ.get("PYTHONDONTWRITEBYTECODE", "unset"),
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


def compile_perfdecl() -> str:
    """Compile perfdecl's modules first, as a normal first run would have.

    With PYTHONDONTWRITEBYTECODE set (common in containers and CI images) no run writes its
    ``.pyc`` files, so every measured start would compile every module again (about 40% more
    start-up); the benchmark measures perfdecl, not the compiler.
    """
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("perfdecl")
    folders = list(spec.submodule_search_locations or []) if spec else []
    if not folders:
        return "perfdecl not found by this interpreter; not compiled"
    ok = all(compileall.compile_dir(f, quiet=1, force=False) for f in folders)
    return f"{'compiled' if ok else 'compiled with errors'}: {', '.join(folders)}"


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
    p.add_argument("--n", type=int, help="files for sections 2 and 3 (default 200)")
    p.add_argument("--repeat", type=int, help="runs per measure (default 5)")
    p.add_argument(
        "--budget",
        type=float,
        help="seconds per command of a section: no new round starts past that many times "
        "the section's commands (default 150)",
    )
    p.add_argument("--mem-small", type=int, help="files of the small memory run (default 100)")
    p.add_argument("--mem-n", type=int, help="files of the large memory run (default 10000)")
    p.add_argument("--big-mb", type=float, help="size of the large declaration in MiB (default 5)")
    p.add_argument(
        "--diff-rows",
        type=int,
        nargs="+",
        metavar="N",
        help="row counts of the diff section (default 800 6400, the targets' sizes)",
    )
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
        n=a.n or (10 if q else 200),
        repeat=a.repeat or (1 if q else 5),
        warmup=0 if q else 1,
        budget=a.budget or (5.0 if q else 150.0),
        mem_small=a.mem_small or (1 if q else 100),
        mem_n=a.mem_n or (8 if q else 10_000),
        big_mb=a.big_mb or (0.05 if q else 5.0),
        diff_rows=a.diff_rows or ([40, 80] if q else sorted(DIFF_S)),
        seed=a.seed,
        install=(not q) if a.install is None else a.install,
        peer=a.peer,
        profile=a.profile,
        quick=q,
    )
    if s.n < 2 or s.mem_small < 1 or s.mem_n < s.mem_small or s.repeat < 1:
        p.error("need --n >= 2, --repeat >= 1 and --mem-n >= --mem-small >= 1")
    if any(n < 2 for n in s.diff_rows):
        p.error("need --diff-rows of at least 2 rows each")
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
    compiled = compile_perfdecl()
    print(
        f"perfdecl benchmark: {'quick' if s.quick else 'full'} run, N={s.n}, repeat={s.repeat}, "
        f"memory {s.mem_small}/{s.mem_n} files, {s.big_mb:g} MiB declaration, diff of "
        f"{'/'.join(map(str, s.diff_rows))} rows"
    )
    print(f"perfdecl: {note}")
    print(f"bytecode: {compiled}")
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
        section_many(b, corpus, files, made[0].path)
        section_rerun(b, [g.path for g in made[: min(200, s.n)]])
        section_memory(b, small, large)
        section_big(b, big, dense)
        section_diff(b)
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
