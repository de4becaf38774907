"""Property tests of perfdecl diff: random edits of the 2019 declaration are reported exactly.

Each generated case applies value changes, insertions, deletions, reorders and renumberings (new
ids, unchanged wording) to the example and computes the changes those edits must produce; the
diff must report exactly those, nothing lost and nothing invented.
"""

from __future__ import annotations

import copy
import random
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from perfdecl.diff import Direction, diff
from perfdecl.lint import load_declaration
from perfdecl.model import Declaration

from .conftest import EXAMPLE

BASE = load_declaration(EXAMPLE)
BASE_DATA = BASE.model_dump(mode="python")

Expected = set[tuple[str, str, str]]  # (kind, id, direction)


def _items(data: dict[str, Any]) -> list[tuple[int, int, int]]:
    return [
        (i, j, k)
        for i, l1 in enumerate(data["indicators"])
        for j, g in enumerate(l1["groups"])
        for k, _ in enumerate(g["items"])
    ]


def _direction(comparison: str, raised: bool) -> Direction:
    if comparison in (">=", ">"):
        return Direction.STRONGER if raised else Direction.WEAKER
    if comparison in ("<=", "<"):
        return Direction.WEAKER if raised else Direction.STRONGER
    return Direction.UNKNOWN


def apply_edits(seed: int, n_edits: int) -> tuple[dict[str, Any], Expected, set[tuple[str, str]]]:
    """Edit a copy of the example; return it with the changes and findings it must produce."""
    rng = random.Random(seed)
    data = copy.deepcopy(BASE_DATA)
    expected: Expected = set()
    findings: set[tuple[str, str]] = set()
    touched: set[str] = set()  # ids already edited (each row gets one edit at most)
    fresh = 0
    for _ in range(n_edits):
        op = rng.choice(["value", "insert", "delete", "renumber", "reorder"])
        places = [p for p in _items(data) if _item(data, p)["id"] not in touched]
        if op == "value":
            candidates = [
                (p, n)
                for p in places
                for n, t in enumerate(_item(data, p)["targets"])
                if isinstance(t["value"], Decimal)
            ]
            if not candidates:
                continue
            p, n = rng.choice(candidates)
            item = _item(data, p)
            target = item["targets"][n]
            raised = rng.random() < 0.5
            target["value"] += Decimal(rng.choice([1, 5, 10])) * (1 if raised else -1)
            direction = _direction(target["comparison"], raised)
            expected.add(("target-changed", item["id"], direction.value))
            if direction is Direction.WEAKER:
                findings.add(("PD306", item["id"]))
            touched.add(item["id"])
        elif op == "insert":
            fresh += 1
            l1 = rng.choice(data["indicators"])
            group = rng.choice(l1["groups"])
            new_id = f"new.{fresh}"
            group["items"].insert(
                rng.randint(0, len(group["items"])),
                {
                    "id": new_id,
                    "text": f"ZQ{fresh}号测试新增事项XY{fresh * 7}",
                    "kind": None,
                    "targets": [],
                    "note": None,
                },
            )
            expected.add(("indicator-added", new_id, "stronger"))
            touched.add(new_id)
        elif op == "delete":
            if not places:
                continue
            i, j, k = rng.choice(places)
            item = data["indicators"][i]["groups"][j]["items"].pop(k)
            if item["id"].startswith("new."):
                expected.discard(("indicator-added", item["id"], "stronger"))
            else:
                expected.add(("indicator-removed", item["id"], "weaker"))
            touched.add(item["id"])
        elif op == "renumber":
            places = [p for p in places if not _item(data, p)["id"].startswith("new.")]
            if not places:
                continue
            fresh += 1
            item = _item(data, rng.choice(places))
            item["id"] = f"ren.{fresh}"
            expected.add(("indicator-renamed", item["id"], "none"))
            touched.add(item["id"])
        else:
            level = rng.choice(["level1", "groups", "items", "targets", "strands"])
            if level == "level1":
                rng.shuffle(data["indicators"])
            elif level == "groups":
                rng.shuffle(rng.choice(data["indicators"])["groups"])
            elif level == "items":
                rng.shuffle(rng.choice(rng.choice(data["indicators"])["groups"])["items"])
            elif level == "targets" and places:
                rng.shuffle(_item(data, rng.choice(places))["targets"])
            else:
                rng.shuffle(data["goals"]["strands"])
    return data, expected, findings


def _item(data: dict[str, Any], place: tuple[int, int, int]) -> dict[str, Any]:
    i, j, k = place
    item: dict[str, Any] = data["indicators"][i]["groups"][j]["items"][k]
    return item


def test_diff_with_itself_is_empty() -> None:
    result = diff(BASE, BASE)
    assert result.changes == ()
    assert [c.code for c in result.findings] == ["PD305"]


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_edits=st.integers(0, 6))
def test_random_edits_are_reported_exactly(seed: int, n_edits: int) -> None:
    data, expected, findings = apply_edits(seed, n_edits)
    result = diff(BASE, Declaration.model_validate(data))
    reported = {(c.kind.value, c.id or "", c.direction.value) for c in result.changes}
    assert reported == expected
    assert len(result.changes) == len(expected)  # no duplicates either
    got_findings = {(c.code, c.id or "") for c in result.findings if c.code != "PD305"}
    assert got_findings == findings


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_reordering_alone_reports_nothing(seed: int) -> None:
    rng = random.Random(seed)
    data = copy.deepcopy(BASE_DATA)
    rng.shuffle(data["indicators"])
    rng.shuffle(data["goals"]["strands"])
    for l1 in data["indicators"]:
        rng.shuffle(l1["groups"])
        for g in l1["groups"]:
            rng.shuffle(g["items"])
            for item in g["items"]:
                rng.shuffle(item["targets"])
    assert diff(BASE, Declaration.model_validate(data)).changes == ()


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_edits=st.integers(1, 6))
def test_swapping_sides_mirrors_additions_and_removals(seed: int, n_edits: int) -> None:
    data, _, _ = apply_edits(seed, n_edits)
    edited = Declaration.model_validate(data)
    forward = diff(BASE, edited)
    backward = diff(edited, BASE)
    added = {c.id for c in forward.changes if c.kind.value == "indicator-added"}
    removed_back = {c.id for c in backward.changes if c.kind.value == "indicator-removed"}
    assert added == removed_back
    assert len(forward.changes) == len(backward.changes)
