"""Benchmark (not a test) of ``perfdecl diff``.

    python bench/diff_bench.py [--runs 15]            # a 200-indicator draft, in process
    python bench/diff_bench.py --scale [--rows 200 400 800 1600 6400] [--src DIR]

Without ``--scale``: NEW differs from OLD the way a real next-year draft does: values raised
and lowered, rows renumbered after deletions, rows added, removed, moved and reordered, wording
edited. Prints the median, best and worst time of ``perfdecl.diff.diff`` over several runs; the
goal is < 100 ms.

``--scale`` (issue #18, fuzz/README.md O1): renumbered, lightly edited rows, the case that was
quadratic. OLD has N indicator rows in one 二级 group; NEW drops the first row, renumbers the
rest (each id now names the row that followed it) and changes one character of every wording,
so no id and no wording is kept and every pair of rows is about as alike as any other by
characters. Each size is written as YAML to a temporary folder and timed as a whole process,
``python -m perfdecl diff OLD NEW --format json`` with output to /dev/null: wall time and the
child's CPU time (user + system; the steadier figure on a shared machine), best of ``--repeat``
runs. ``--src DIR`` measures the perfdecl in DIR (a checkout's ``src`` folder, put first on
PYTHONPATH), for before/after figures from one run of this script.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import run_once

LEVEL1 = [f"产出指标{n}：第{n}方面重点工作" for n in "一二三四五六七八"] + ["效果指标"]
OUTPUT_GROUPS = ["产出数量指标", "产出质量指标", "产出进度指标", "产出成本指标"]
EFFECT_GROUPS = [
    "经济效益指标",
    "社会效益指标",
    "环境效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
]
WORDS = "开展组织完成建设服务社区居民活动培训宣传检查保障管理改造维护提升规范项目工作"


def build(n_indicators: int = 200, seed: int = 1) -> dict[str, Any]:
    rng = random.Random(seed)
    groups: list[tuple[int, str]] = [(i, g) for i in range(8) for g in OUTPUT_GROUPS] + [
        (8, g) for g in EFFECT_GROUPS
    ]
    data: dict[str, Any] = {
        "schema_version": 1,
        "year": 2019,
        "framework": "beijing_2019",
        "kind": "department",
        "unit": "示例街道办事处",
        "funds": {
            "total": Decimal("18891.87"),
            "basic": Decimal("4767.16"),
            "project": Decimal("14124.71"),
            "other": Decimal("0"),
        },
        "goals": {
            "lead": "2019年总体目标。",
            "strands": [
                {
                    "id": f"g{i + 1}",
                    "text": f"{i + 1}、在第{i + 1}方面，" + "".join(rng.sample(WORDS, 20)),
                }
                for i in range(8)
            ],
        },
        "indicators": [
            {"id": f"l{i + 1}", "name": name, "goal": f"g{i + 1}" if i < 8 else None, "groups": []}
            for i, name in enumerate(LEVEL1)
        ],
    }
    for i, g in groups:
        data["indicators"][i]["groups"].append({"name": g, "items": []})
    for n in range(n_indicators):
        i, g = groups[n % len(groups)]
        group = next(x for x in data["indicators"][i]["groups"] if x["name"] == g)
        k = len(group["items"]) + 1
        text = f"{k}.{''.join(rng.sample(WORDS, 18))}{rng.randint(2, 900)}次；{''.join(rng.sample(WORDS, 12))}"
        group["items"].append(
            {
                "id": f"l{i + 1}.{OUTPUT_GROUPS.index(g) if g in OUTPUT_GROUPS else EFFECT_GROUPS.index(g)}.{k}",
                "text": text,
                "targets": [
                    {
                        "name": f"指标{n}a",
                        "comparison": rng.choice([">=", "=", "<="]),
                        "value": Decimal(rng.randint(1, 500)),
                        "unit": "次",
                    },
                    {
                        "name": f"指标{n}b",
                        "comparison": ">=",
                        "value": Decimal(rng.randint(50, 100)),
                        "unit": "%",
                    },
                ],
            }
        )
    return data


def edit(data: dict[str, Any], seed: int = 2) -> dict[str, Any]:
    rng = random.Random(seed)
    new = copy.deepcopy(data)
    new["year"] = 2020
    new["funds"]["project"] = Decimal("15000.00")
    new["funds"]["total"] = Decimal("19767.16")
    groups = [g for l1 in new["indicators"] for g in l1["groups"] if g["items"]]
    for _ in range(20):  # values raised or lowered
        item = rng.choice(rng.choice(groups)["items"])
        item["targets"][rng.randrange(2)]["value"] += rng.choice([-5, 5])
    for g in rng.sample(groups, 5):  # a deletion, the rest renumbered
        g["items"].pop(0)
        for k, item in enumerate(g["items"], start=1):
            item["id"] = item["id"].rsplit(".", 1)[0] + f".{k}"
    for n, g in enumerate(rng.sample(groups, 5)):  # additions
        g["items"].append(
            {"id": f"added.{n}", "text": f"新增事项{n}：完成{n + 3}项", "targets": []}
        )
    for g in rng.sample(groups, 5):  # wording edits
        g["items"][-1]["text"] += "并按季度报送进展"
    moved = groups[0]["items"].pop()  # a move between 产出 groups of the same kind
    groups[4]["items"].append(moved)
    for g in rng.sample(groups, 10):  # reorders
        rng.shuffle(g["items"])
    return new


def renumbered(n_rows: int, seed: int = 1) -> tuple[dict[str, Any], dict[str, Any]]:
    """OLD with ``n_rows`` rows in one 二级 group; NEW with the first dropped, the rest renumbered
    and one character of each wording changed (see ``--scale``)."""
    rng = random.Random(seed)
    old = build(0, seed)
    rows = []
    for k in range(1, n_rows + 1):
        text = (
            f"{k}.{''.join(rng.sample(WORDS, 18))}{rng.randint(2, 900)}次；"
            f"{''.join(rng.sample(WORDS, 12))}"
        )
        target = {"name": "数量", "comparison": ">=", "value": Decimal(rng.randint(1, 500))}
        rows.append({"id": f"q.{k}", "text": text, "targets": [{**target, "unit": "次"}]})
    old["indicators"][0]["groups"][0]["items"] = rows
    new = copy.deepcopy(old)
    new["year"] = 2020
    kept = new["indicators"][0]["groups"][0]["items"]
    kept.pop(0)
    for k, item in enumerate(kept, start=1):
        item["id"] = f"q.{k}"
        text = item["text"]
        at = rng.randrange(3, len(text))
        item["text"] = text[:at] + rng.choice(WORDS) + text[at + 1 :]
    return old, new


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall and CPU seconds of one whole process, and the changes it reported."""
    done = run_once(cmd, env=env, keep_stdout=True)
    if done.code not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {done.code}: {done.stderr_tail}")
    return done.wall, done.cpu, json.loads(done.stdout)["summary"]["changes"]


def scale(sizes: list[int], repeat: int, src: str | None) -> None:
    from gen import dump  # bench/ is not a package

    env = {**os.environ, "LANG": "C"}
    if src:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    print(f"perfdecl from {src or 'the installed package'}")
    print(f"{'rows':>6} {'changes':>8} {'wall s':>8} {'cpu s':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            old, new = renumbered(n)
            paths = [Path(tmp, f"old{n}.yaml"), Path(tmp, f"new{n}.yaml")]
            for path, data in zip(paths, (old, new), strict=True):
                path.write_text(dump(data), encoding="utf-8")
            cmd = [sys.executable, "-m", "perfdecl", "diff", *map(str, paths), "--format", "json"]
            runs = [_run(cmd, env) for _ in range(repeat)]
            wall = min(r[0] for r in runs)
            cpu = min(r[1] for r in runs)
            changes = runs[0][2]
            print(f"{n:>6} {changes:>8} {wall:>8.2f} {cpu:>8.2f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--scale", action="store_true", help="renumbered rows, whole processes")
    parser.add_argument("--rows", type=int, nargs="+", default=[200, 400, 800, 1600, 6400])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each --scale size")
    parser.add_argument("--src", help="measure the perfdecl in this src folder (PYTHONPATH)")
    args = parser.parse_args()
    if args.scale:
        scale(args.rows, args.repeat, args.src)
        return
    # Imported here: run.py imports this module for renumbered() without loading perfdecl.
    from perfdecl.diff import diff
    from perfdecl.model import Declaration

    old_data = build()
    old = Declaration.model_validate(old_data)
    new = Declaration.model_validate(edit(old_data))
    count = sum(len(g.items) for l1 in old.indicators for g in l1.groups)
    result = diff(old, new)  # warm-up, and the size of the answer
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        diff(old, new)
        times.append((time.perf_counter() - start) * 1000)
    print(
        f"{count} indicators, {len(result.changes)} changes, {len(result.findings)} findings; "
        f"diff median {statistics.median(times):.1f} ms "
        f"(best {min(times):.1f}, worst {max(times):.1f}, {args.runs} runs)"
    )


if __name__ == "__main__":
    main()
