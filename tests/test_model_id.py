"""``Id`` fields check an id in one Python call instead of three, with the same errors (#18).

An id was ``Annotated[str, BeforeValidator(_as_text), Field(pattern=…, max_length=64)]``:
pydantic then ran the validator, a Python ``max_length`` check and a Python wrapper around the
pattern for each of the ~100 ids of a declaration. ``Id`` is now a core schema of its own;
these tests hold it to what the annotated type did, error type, message, input and order
included (PD104's message is built from them), and to the same JSON Schema.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Any

from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, BeforeValidator, Field, ValidationError

from perfdecl.model import Id, _as_text

_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
_Reference = Annotated[
    str,
    BeforeValidator(_as_text),
    Field(
        pattern=_PATTERN,
        max_length=64,
        json_schema_extra={"pattern": _PATTERN},
        description="稳定标识，文件内唯一，跨年度比对时据此匹配 / Stable id, unique in the file; "
        "diff matches on it.",
    ),
]
"""What ``Id`` was."""


class _Now(BaseModel):
    one: Id
    maybe: Id | None = None
    many: list[Id] = []


class _Before(BaseModel):
    one: _Reference
    maybe: _Reference | None = None
    many: list[_Reference] = []


def _outcome(model: type[BaseModel], value: Any) -> object:
    try:
        return model(one=value, maybe=value, many=[value, "ok", value]).model_dump()
    except ValidationError as exc:
        return [(e["type"], e["loc"], e["msg"], e["input"], e.get("ctx")) for e in exc.errors()]


LOADED = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**70), max_value=10**70),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
    st.text(alphabet="aZ09_.-~/ é\n\x00", max_size=70),
    st.text(alphabet="a-", min_size=60, max_size=70),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
)
"""Everything the loader makes (None, booleans, ints, Decimals, text, lists, mappings), with
ids around the length limit and characters on both sides of the pattern."""


@given(LOADED)
def test_id_checks_what_the_annotated_type_checked(value: Any) -> None:
    assert _outcome(_Now, value) == _outcome(_Before, value)


def test_id_edges() -> None:
    for value in (
        "a" * 64,
        "a" * 65,
        "-" * 65,  # too long and off the pattern: the length is reported, as before
        "a\n",  # Rust's "$" is the end of the text, never before a final line break
        "\ud800",  # a lone surrogate: pydantic-core cannot read it as text
        "a\udc80",
        10**70,
        Decimal("1E+5"),
        Decimal("-1"),
        datetime.date(2020, 1, 1),
        b"abc",
    ):
        assert _outcome(_Now, value) == _outcome(_Before, value), repr(value)


def test_id_json_schema_is_the_annotated_types() -> None:
    now, before = _Now.model_json_schema(), _Before.model_json_schema()
    assert now.pop("title") == "_Now" and before.pop("title") == "_Before"
    assert now == before
