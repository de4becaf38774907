"""Property tests: whatever the bytes, the loader answers with data or problems, never raises."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfdecl.lint import check_bytes
from perfdecl.loader import load_bytes, load_text

from .conftest import EXAMPLE

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-(10**9), max_value=10**9
    ),
    st.text(max_size=30),
    st.sampled_from(["no", "off", "010", "1:30", "2019-12-31", "~", "牛街", "83998540", "1e3"]),
)
keys = st.one_of(st.text(min_size=1, max_size=12), st.sampled_from(["unit", "funds", "year", "<<"]))
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)
    ),
    max_leaves=25,
)


def _dump(value: Any) -> str:
    def plain(v: Any) -> Any:
        if isinstance(v, Decimal):
            return str(v)
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, list):
            return [plain(x) for x in v]
        return v

    return yaml.safe_dump(plain(value), allow_unicode=True)


@SETTINGS
@given(documents)
def test_any_generated_yaml_loads_or_yields_problems(doc: Any) -> None:
    text = _dump(doc)
    loaded = load_text(text)
    assert loaded.data is not None or loaded.problems
    result = check_bytes(text.encode("utf-8"))
    assert all(p.code != "PD900" for p in result.problems), result.problems


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_never_raise(raw: bytes) -> None:
    result = check_bytes(raw)
    assert all(p.code != "PD900" for p in result.problems), result.problems


@SETTINGS
@given(st.text(max_size=300))
def test_any_text_never_raises(text: str) -> None:
    result = check_bytes(text.encode("utf-8", errors="surrogatepass"))
    assert all(p.code != "PD900" for p in result.problems), result.problems


_EXAMPLE = EXAMPLE.read_text(encoding="utf-8")


@SETTINGS
@given(
    st.integers(min_value=0, max_value=len(_EXAMPLE) - 1), st.text(max_size=8), st.integers(0, 20)
)
def test_corrupted_example_never_raises(pos: int, insert: str, cut: int) -> None:
    text = _EXAMPLE[:pos] + insert + _EXAMPLE[pos + cut :]
    result = check_bytes(text.encode("utf-8", errors="surrogatepass"))
    assert all(p.code != "PD900" for p in result.problems), result.problems
    for p in result.problems:
        assert p.line is None or p.line >= 1


def test_same_data_as_safe_load_for_plain_documents() -> None:
    text = "a: [1, 2, {b: c}]\nd: 牛街\ne: 'x'\n"
    assert load_bytes(text.encode()).data == yaml.safe_load(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("a中:\n\r\x85\u2028\u2029\v\f\x1c "))))
def test_split_lines_is_the_yaml_break_split(text: str) -> None:
    """The fast road of split_lines (plain "\\n" text) and the regex agree on every text."""
    from perfdecl.loader.source import YAML_BREAK, split_lines

    assert split_lines(text) == YAML_BREAK.split(text)
    assert split_lines(text.replace("\r", "").replace("\x85", "")) == YAML_BREAK.split(
        text.replace("\r", "").replace("\x85", "")
    )
