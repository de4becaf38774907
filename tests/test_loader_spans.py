"""The fast road's source map makes its spans when they are read (:class:`SpanTable`, #18).

Every way a caller can read the tables must give what the event road's plain dicts of spans
give: each operation is tried on a table no other operation has touched, since one that makes
every span would hide another that leaks libyaml's nodes.
"""

from __future__ import annotations

import copy
import json
import pickle
from collections.abc import Callable
from typing import Any

import pytest

from perfdecl import loader
from perfdecl.loader import Span, load_text
from perfdecl.loader import fast as nodes
from perfdecl.loader.source import SpanTable

from .conftest import EXAMPLE

pytestmark = pytest.mark.skipif(not nodes.AVAILABLE, reason="PyYAML without libyaml")

TEXT = EXAMPLE.read_text(encoding="utf-8")


def _events() -> loader.SourceMap:
    loader.USE_NODES = False
    try:
        return load_text(TEXT, file="t.yaml").source
    finally:
        loader.USE_NODES = True


SLOW = _events()


def _fresh(table: str) -> SpanTable:
    found = getattr(load_text(TEXT, file="t.yaml").source, table)
    assert type(found) is SpanTable
    assert not any(type(v) is Span for v in dict.values(found))  # nothing made yet
    return found


def _spans_only(value: Any) -> None:
    """No node of libyaml's tree in what an operation gave."""
    if isinstance(value, dict):
        for v in dict.values(value):
            _spans_only(v)
    elif isinstance(value, list | tuple) and not isinstance(value, Span):
        for v in value:
            _spans_only(v)
    else:
        assert value is None or type(value) in (Span, str, int), type(value)


READS: dict[str, Callable[[dict[str, Span]], Any]] = {
    "values": lambda t: list(t.values()),
    "items": lambda t: list(t.items()),
    "iter and getitem": lambda t: [(p, t[p]) for p in t],
    "get": lambda t: [(p, t.get(p)) for p in list(t)],
    "get with a default": lambda t: [(p, t.get(p, Span(0, 0, 0, 0))) for p in list(t)],
    "dict()": dict,
    "unpacking": lambda t: {**t},
    "update": lambda t: (d := {}, d.update(t), d)[2],
    "copy": lambda t: t.copy(),
    "or": lambda t: t | {},
    "ror": lambda t: {} | t,
    "copy.copy": lambda t: dict(copy.copy(t)),
    "copy.deepcopy": lambda t: dict(copy.deepcopy(t)),
    "pickle": lambda t: dict(pickle.loads(pickle.dumps(t))),
    "json": lambda t: json.loads(json.dumps(t)),
    "repr": lambda t: repr(t),
    "setdefault": lambda t: [(p, t.setdefault(p, Span(0, 0, 0, 0))) for p in list(t)],
    "pop": lambda t: [(p, t.pop(p)) for p in list(t)],
    "popitem": lambda t: [t.popitem() for _ in range(len(t))][::-1],
    "kwargs": lambda t: (lambda **kw: kw)(**{k.replace("/", "_"): v for k, v in t.items()}),
}


def _plain(table: dict[str, Span]) -> dict[str, Span]:
    return dict(dict.items(table))


@pytest.mark.parametrize("table", ["values", "keys"])
@pytest.mark.parametrize("read", list(READS), ids=list(READS))
def test_every_read_gives_the_event_roads_spans(table: str, read: str) -> None:
    slow = _plain(getattr(SLOW, table))
    got, expected = READS[read](_fresh(table)), READS[read](dict(slow))
    _spans_only(got)
    assert got == expected
    assert repr(got) == repr(expected)


@pytest.mark.parametrize("table", ["values", "keys"])
def test_comparison_lengths_and_membership_need_no_span(table: str) -> None:
    slow = getattr(SLOW, table)
    fresh = _fresh(table)
    assert len(fresh) == len(slow) and list(fresh) == list(slow) and "/unit" in fresh
    assert not any(type(v) is Span for v in dict.values(fresh))
    assert fresh == slow and slow == _fresh(table)
    assert not _fresh(table) != slow  # noqa: SIM202 (__ne__ is overridden too)
    assert _fresh(table) == _fresh(table)
    changed = _fresh(table)
    changed["/unit"] = Span(1, 1, 1, 2)
    assert changed != slow and slow != changed


def test_a_span_is_made_once_and_kept() -> None:
    fresh = _fresh("values")
    first = fresh["/unit"]
    assert fresh["/unit"] is first and fresh.get("/unit") is first
    assert type(dict.__getitem__(fresh, "/unit")) is Span
    assert fresh.get("/no/such/pointer") is None and fresh.get("/nope", 7) == 7
    with pytest.raises(KeyError):
        fresh["/no/such/pointer"]


def test_what_else_is_stored_is_given_back_as_it_is() -> None:
    table = SpanTable({"/a": Span(1, 1, 1, 4, None)})
    table["/b"] = (2, 1, 2, 3, None)  # type: ignore[assignment]
    assert table["/b"] == (2, 1, 2, 3, None) and table.get("/a") == Span(1, 1, 1, 4, None)


def test_the_source_map_locates_through_the_table() -> None:
    fast = load_text(TEXT, file="t.yaml").source
    for pointer in ("/unit", "/indicators/0/groups/0/items/0/text", "/indicators/0", "", "/x/y"):
        assert fast.locate(pointer) == SLOW.locate(pointer)
        assert fast.locate(pointer, key=True) == SLOW.locate(pointer, key=True)
        assert fast.nearest(pointer) == SLOW.nearest(pointer)
