"""The Fix page keeps the clerk's YAML: edited values written back in place (#21).

For random edits of scalar values of the example (with comments added on every kind of line),
the patched text loads to exactly the edited data, every comment line survives, and every line
that holds no edited value is unchanged. Structural edits fall back to a fresh dump, and say so.
"""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfdecl.loader import load_text
from perfdecl.serve.app import create_app
from perfdecl.serve.patch import changes, patch, same, scalar_text

from .conftest import EXAMPLE

LOCAL = "http://127.0.0.1"


def commented(text: str) -> str:
    """The example with a comment line before every block-level line outside a block scalar,
    and a trailing comment after every plain single-line value: what clerks write."""
    out: list[str] = []
    in_block = None  # the indentation a block scalar's content must exceed
    for n, line in enumerate(text.split("\n")):
        indent = len(line) - len(line.lstrip(" "))
        if in_block is not None and (not line.strip() or indent > in_block):
            out.append(line)
            continue
        in_block = None
        if line.strip():
            out.append(" " * indent + f"# 注释 {n}: 保留 # this")
        if re.search(r": [|>][-+]?$", line):
            in_block = indent
            out.append(line)
        elif re.fullmatch(r"\s*(- )?[a-z_]+: [^\"'{\[#|>&*!]+", line):
            out.append(line + f"  # 行尾 {n}")
        else:
            out.append(line)
    return "\n".join(out)


SOURCE = commented(EXAMPLE.read_text(encoding="utf-8"))
LOADED = load_text(SOURCE, file="example.yaml")
COMMENTS = [line for line in SOURCE.split("\n") if line.lstrip().startswith("#")]
TRAILING = re.findall(r"  # 行尾 \d+\n", SOURCE)


def leaves(data: Any, pointer: str = "") -> list[str]:
    """The JSON pointer of every scalar of ``data``."""
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in leaves(v, f"{pointer}/{k}")]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in leaves(v, f"{pointer}/{i}")]
    return [pointer]


LEAVES = leaves(LOADED.data)


def set_at(data: Any, pointer: str, value: Any) -> None:
    parts = pointer.split("/")[1:]
    node = data
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    last = parts[-1]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


HOSTILE_TEXT = st.sampled_from(
    [
        "a: b",
        "# not a comment",
        "x #y",
        "line one\nline two",
        "ends with a break\n",
        "*alias",
        "&anchor",
        "!tag",
        "- item",
        "[1, 2]",
        "{a: 1}",
        "'quoted'",
        '"double"',
        "18891.87",
        "1e3",
        "0x1F",
        "yes",
        "null",
        "~",
        "",
        " leading space",
        "trailing space ",
        "\ttab",
        "bell\x07",
        "nul\x00",
        "del\x7f",
        "\u2028separator",
        "bidi\u202e",
        "%directive",
        "@at",
        "`tick",
        "|",
        ">",
        "---",
        "...",
        "? key",
        "牛街街道：“三级报到”",
    ]
)
VALUES = st.one_of(
    HOSTILE_TEXT,
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
    st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-(10**9), max_value=10**9
    ),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.booleans(),
    st.none(),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(LEAVES), VALUES), min_size=1, max_size=6))
def test_random_scalar_edits_are_written_back_in_place(edits: list[tuple[str, Any]]) -> None:
    edited = copy.deepcopy(LOADED.data)
    for pointer, value in edits:
        set_at(edited, pointer, value)
    result = patch(SOURCE, edited)
    assert result.layout == "kept"
    reloaded = load_text(result.text, file="patched.yaml")
    assert reloaded.ok, reloaded.problems
    assert same(reloaded.data, edited)
    kept = result.text.split("\n")
    for comment in COMMENTS:
        assert comment in kept
    assert re.findall(r"  # 行尾 \d+\n", result.text) == TRAILING  # comments after values too
    touched = {LOADED.source.values[p].line for p, _v in edits}
    for n, line in enumerate(SOURCE.split("\n"), start=1):
        if n not in touched and not any(
            LOADED.source.values[p].line < n <= LOADED.source.values[p].end_line for p, _ in edits
        ):
            assert line in kept


def test_the_commented_example_is_what_the_property_edits() -> None:
    """The test's source really has comments everywhere and loads as the example does."""
    assert LOADED.ok
    assert same(LOADED.data, load_text(EXAMPLE.read_text(encoding="utf-8")).data)
    assert len(COMMENTS) > 350
    assert len(TRAILING) > 200
    assert len(LEAVES) > 500


@pytest.mark.parametrize(
    "value",
    ["a: b", "x # y", "two\nlines", "*x", "&y", "!z", "- a", "bell\x07", "", "1e3", "yes", "0o17"],
)
def test_scalars_are_quoted_so_they_read_back(value: str) -> None:
    text = scalar_text(value)
    assert "\n" not in text
    assert load_text(f"v: {text}\n").data == {"v": value}


def test_unchanged_data_gives_the_original_text_byte_for_byte() -> None:
    assert patch(SOURCE, copy.deepcopy(LOADED.data)).text == SOURCE


@pytest.mark.parametrize("edit", ["add-row", "remove-row", "add-field", "scalar-to-list"])
def test_structural_edits_fall_back_to_a_fresh_dump(edit: str) -> None:
    edited = copy.deepcopy(LOADED.data)
    if edit == "add-row":
        edited["goals"]["strands"].append({"id": "g6", "text": "六、新增"})
    elif edit == "remove-row":
        edited["goals"]["strands"].pop()
    elif edit == "add-field":
        edited["funds"]["note"] = "新增"
    else:
        edited["head"] = ["a", "b"]
    result = patch(SOURCE, edited)
    assert result.layout == "structure"
    assert same(load_text(result.text).data, edited)
    assert "# 注释" not in result.text


def test_an_alias_is_not_patched_in_one_place() -> None:
    text = "schema_version: 1\nbase: &b 10\nother: *b  # same\n"
    data = load_text(text).data
    edited = {**data, "other": 11}
    assert changes(data, edited) == [("/other", 11)]
    result = patch(text, edited)
    assert result.layout == "unsafe"
    assert same(load_text(result.text).data, edited)


def test_the_fix_page_writes_edits_into_the_uploaded_text() -> None:
    """Through the API: the upload's comments survive a money edit, the answer says how the
    text was written, and without the source the old fresh layout is used."""
    client = TestClient(create_app(), base_url=LOCAL)
    first = client.post(
        "/api/check", files={"file": ("a.yaml", SOURCE.encode("utf-8"))}, data={"lang": "en"}
    ).json()
    data = first["data"]
    data["funds"]["total"] = {"$num": "18991.87"}
    body = client.post(
        "/api/recheck", json={"name": "a.yaml", "data": data, "source": first["yaml"]}
    ).json()
    assert body["layout"] == "kept"
    assert "  total: 18991.87  # 行尾" in body["yaml"]
    assert all(c in body["yaml"].split("\n") for c in COMMENTS)
    assert "PD202" in {f["code"] for f in body["findings"]}
    saved = client.post("/api/download", json={"name": "a.yaml", "yaml": body["yaml"]})
    assert saved.content.decode("utf-8") == body["yaml"]
    data["goals"]["strands"].pop()
    changed = client.post(
        "/api/recheck", json={"name": "a.yaml", "data": data, "source": first["yaml"]}
    ).json()
    assert changed["layout"] == "structure" and "# 注释" not in changed["yaml"]
    fresh = client.post("/api/recheck", json={"name": "a.yaml", "data": first["data"]}).json()
    assert fresh["layout"] == "fresh"


def test_money_is_written_as_the_clerk_typed_it() -> None:
    edited = copy.deepcopy(LOADED.data)
    edited["funds"]["total"] = Decimal("15000.00")
    result = patch(SOURCE, edited)
    assert "  total: 15000.00  # 行尾" in result.text
    assert load_text(result.text).data["funds"]["total"] == Decimal("15000.00")
