"""The loader against its floor in one process (issue #18): ``load_bytes`` ÷ PyYAML's C loader.

    python bench/loader_floor.py FOLDER [--passes 7]

Every ``*.yaml`` under FOLDER is read into memory once. Each pass then times, one after the other,
``yaml.load(raw, Loader=yaml.CSafeLoader)`` over every file (the floor, as any program would call
it), the same with the collector paused around the pass (the loader pauses it while it composes),
and ``perfdecl.loader.load_bytes(raw)`` (decode, compose, the source map of spans, Decimal
numbers). Times are CPU (``time.process_time``), so a busy machine inflates them less than it
does wall time; the figures are medians over the passes, per file, and the median of the
passes' own ratios (each pass sees one moment's load).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

from perfdecl.loader import load_bytes


def _timed(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--passes", type=int, default=7)
    args = parser.parse_args(argv)
    files = [(str(p), p.read_bytes()) for p in sorted(args.folder.rglob("*.yaml"))]
    if not files:
        parser.error(f"no *.yaml under {args.folder}")

    def floor() -> None:
        for _, raw in files:
            yaml.load(raw, Loader=yaml.CSafeLoader)

    def floor_paused() -> None:
        gc.disable()
        try:
            floor()
        finally:
            gc.enable()

    def ours() -> None:
        for name, raw in files:
            load_bytes(raw, file=name)

    measures = {"CSafeLoader": floor, "CSafeLoader, gc paused": floor_paused, "load_bytes": ours}
    for work in measures.values():
        work()  # warm-up
    times: dict[str, list[float]] = {name: [] for name in measures}
    for _ in range(args.passes):
        for name, work in measures.items():
            times[name].append(_timed(work))
    n = len(files)
    print(f"{n} files, {args.passes} passes, CPU ms per file (median)")
    for name, took in times.items():
        ratio = statistics.median(o / f for o, f in zip(times["load_bytes"], took, strict=True))
        print(
            f"  {name:<24} {statistics.median(took) / n * 1000:7.3f}   load_bytes ÷ it {ratio:.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
