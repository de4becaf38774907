"""Interleaved A/B timing of whole processes: medians and ratios to the first command.

    python bench/ab.py -n 15 'floor=python -c "import pydantic, yaml"' 'ours=perfdecl validate -q x.yaml'

On a machine shared with other work, absolute times drift by 2x within minutes; commands timed
one after another in the same round see the same load, so their ratio holds. Each round runs
every command once, in turn, after one untimed warm-up round. For each command it prints the
median wall time and the median CPU time of the process (user + system, from ``wait4``), and both
as ratios to the first command. CPU time is the steadier figure under load: a process waiting
for a core is not charged for it.
"""

from __future__ import annotations

import argparse
import json
import shlex
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import run_once


def run(cmd: str) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, exit code) of one shell-free process, output discarded."""
    done = run_once(shlex.split(cmd))
    return done.wall, done.cpu, done.code


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("commands", nargs="+", help="LABEL=COMMAND (no shell)")
    parser.add_argument("-n", type=int, default=11, help="rounds (default 11)")
    parser.add_argument(
        "--raw",
        metavar="PATH",
        help="also write every round's wall and CPU seconds as JSON (for figures computed per "
        "round, such as a per-file cost (T(200) - T(1)) / 199 within each round)",
    )
    args = parser.parse_args(argv)
    named = [tuple(c.split("=", 1)) if "=" in c.split()[0] else (c, c) for c in args.commands]
    for _, cmd in named:
        run(cmd)  # warm-up: file caches, .pyc
    walls: dict[str, list[float]] = {label: [] for label, _ in named}
    cpus: dict[str, list[float]] = {label: [] for label, _ in named}
    codes: dict[str, set[int]] = {label: set() for label, _ in named}
    for _ in range(args.n):
        for label, cmd in named:
            wall, cpu, code = run(cmd)
            walls[label].append(wall)
            cpus[label].append(cpu)
            codes[label].add(code)
    if args.raw:
        with open(args.raw, "x", encoding="utf-8") as out:  # never replaces a file
            json.dump({"wall": walls, "cpu": cpus}, out, indent=1)
    base = named[0][0]
    w0, c0 = statistics.median(walls[base]), statistics.median(cpus[base])
    print(f"{'command':<24} {'wall ms':>9} {'ratio':>7} {'cpu ms':>9} {'ratio':>7}  exit")
    for label, _ in named:
        w, c = statistics.median(walls[label]), statistics.median(cpus[label])
        exits = ",".join(str(x) for x in sorted(codes[label]))
        print(f"{label:<24} {w * 1000:9.1f} {w / w0:7.2f} {c * 1000:9.1f} {c / c0:7.2f}  {exits}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
