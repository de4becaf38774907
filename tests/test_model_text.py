"""``Text`` fields read numbers as the text the user wrote, inside pydantic-core (#18).

The loader reads ``phone: 83998540`` and ``code: 21305`` as numbers; a text field takes them
as the text written. This was a Python ``BeforeValidator`` (:func:`perfdecl.model._as_text`)
called some 360 times a declaration; pydantic-core's own coercion now does it, and these tests
hold it to exactly what the validator did, errors included (PD103's message is built from the
error's type and input).
"""

from __future__ import annotations

from typing import Annotated, Any

from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, BeforeValidator, ValidationError

from perfdecl.lint import Options, check_bytes
from perfdecl.model import Text, _as_text


class _Coerced(BaseModel):
    one: Text | None = None
    many: list[Text] = []


class _Validated(BaseModel):
    """The reference: the Python validator ``Text`` used to be."""

    one: Annotated[str, BeforeValidator(_as_text)] | None = None
    many: list[Annotated[str, BeforeValidator(_as_text)]] = []


def _outcome(model: type[BaseModel], value: Any) -> object:
    try:
        return model(one=value, many=[value, value]).model_dump()
    except ValidationError as exc:
        return [(e["type"], e["loc"], e["msg"], e["input"]) for e in exc.errors()]


LOADED = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**45), max_value=10**45),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
)
"""Everything the loader makes: None, booleans, ints, Decimals, text, lists and mappings."""


@given(LOADED)
def test_text_reads_what_the_validator_read(value: Any) -> None:
    assert _outcome(_Coerced, value) == _outcome(_Validated, value)


def test_a_number_in_a_text_field_is_the_text_written() -> None:
    decl = check_bytes(
        b"schema_version: 1\nyear: 2019\nframework: beijing_2019\nkind: department\n"
        b"unit: 2019\nphone: 83998540\nremarks: 12.50\nunit_code: 007\n",
        file="t.yaml",
        options=Options(run_rules=False),
    ).declaration
    assert decl is not None
    assert (decl.unit, decl.phone, decl.remarks) == ("2019", "83998540", "12.50")
    assert decl.unit_code == "007"  # a YAML 1.1 octal trap stays the text (PD012)


def test_a_boolean_in_a_text_field_is_still_refused() -> None:
    result = check_bytes(
        b"schema_version: 1\nyear: 2019\nframework: beijing_2019\nkind: department\nphone: true\n",
        file="t.yaml",
        options=Options(run_rules=False),
    )
    found = [(p.code, p.pointer, p.line, p.column, p.message.en) for p in result.problems]
    assert found == [("PD103", "/phone", 5, 8, "at /phone: expected text, got True.")]
