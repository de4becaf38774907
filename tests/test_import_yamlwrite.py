"""The readable YAML writer: the example's exact style, and exact round trips."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfdecl.convert.yamlwrite import dumps, plain_ok
from perfdecl.loader import load_path, load_text

from .conftest import EXAMPLE


def test_writer_reproduces_the_example_byte_for_byte() -> None:
    loaded = load_path(EXAMPLE)
    assert loaded.data is not None
    # The loader keeps dates as text; the importer hands the writer date objects.
    text = dumps(_dates(loaded.data), schema="../schemas/declaration.schema.json")
    assert text == EXAMPLE.read_text(encoding="utf-8")


def _dates(data: Any, key: str = "") -> Any:
    if isinstance(data, dict):
        return {k: _dates(v, k) for k, v in data.items()}
    if isinstance(data, list):
        return [_dates(v, key) for v in data]
    return datetime.date.fromisoformat(data) if key == "deadline" else data


def test_modeline_comments_and_scalars() -> None:
    data = {
        "schema_version": 1,
        "phone": "83998540",
        "funds": {"total": Decimal("18891.87"), "other": Decimal("0"), "big": Decimal("1E+3")},
        "answer": "no",
        "time": "1:30",
        "octal": "010",
        "colon": "a: b",
        "hash": "a #b",
        "percent": "%",
        "trailing": "x ",
        "date_text": "2019-12-31",
        "deadline": datetime.date(2019, 12, 31),
        "multi": "第一行\n第二行",
        "targets": [{"name": "推送文章", "comparison": "=", "value": Decimal("200"), "unit": "条"}],
        "empty": [],
        "none": None,
    }
    text = dumps(data, comments=["note one"])
    lines = text.splitlines()
    assert lines[0] == "# note one"  # no modeline unless a schema file is named
    assert dumps(data, schema="../schemas/declaration.schema.json").splitlines()[0] == (
        "# yaml-language-server: $schema=../schemas/declaration.schema.json"
    )
    assert 'phone: "83998540"' in lines
    assert "  total: 18891.87" in lines and "  big: 1000" in lines and "  other: 0" in lines
    assert 'answer: "no"' in lines and 'octal: "010"' in lines and 'percent: "%"' in lines
    assert "deadline: 2019-12-31" in lines and 'date_text: "2019-12-31"' in lines
    assert "multi: |-" in lines and "  第一行" in lines
    assert '  - {name: 推送文章, comparison: "=", value: 200, unit: 条}' in lines
    loaded = load_text(text)
    assert loaded.problems == []
    for key in ("phone", "answer", "time", "octal", "colon", "hash", "percent", "trailing"):
        assert loaded.data[key] == data[key]
    assert loaded.data["funds"]["total"] == Decimal("18891.87")


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("北京市", True),
        ("无", True),
        ("yes", False),
        ("1.5", False),
        ("“一街一品”", False),
        ("", False),
    ],
)
def test_plain_ok(text: str, ok: bool) -> None:
    assert plain_ok(text) is ok


scalars = st.text(max_size=80)
trees: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(min_size=1, max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=12), trees, min_size=1, max_size=5))
def test_any_string_tree_round_trips(data: dict[str, Any]) -> None:
    text = dumps(data, flow_keys=("targets", *data))
    loaded = load_text(text)
    assert loaded.problems == [], text
    assert loaded.data == data, text
