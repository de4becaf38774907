"""The cheaper readings of issue #18 give what the plain ones gave: ``find_any`` by one regular
expression, the digit bound's shortcut, the subject's period cut, the parser's targets built
through their slots and PD247's per-text unit families."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from perfdecl.model import Comparison, Target
from perfdecl.model.digits import _NUMBER, MAX_DIGITS
from perfdecl.phrases import ParsedTarget, parse_targets
from perfdecl.phrases.targets import _SUBJECT_TIME, _SUBJECT_TIME_RE
from perfdecl.rules._util import find_any, in_base_unit, same_unit_family, unit_family
from perfdecl.rules.pd247_text_target_mismatch import _conflict, _opposed, _unit_families

WORD = st.text("收入增加长年度内全本当x", min_size=1, max_size=4)


def _find_any_plain(text: str, words: tuple[str, ...]) -> tuple[str, int] | None:
    best: tuple[str, int] | None = None
    for word in words:
        at = text.find(word)
        if at >= 0 and (best is None or at < best[1]):
            best = (word, at)
    return best


@given(st.text("收入增加长年度内全本当x", max_size=14), st.lists(WORD, max_size=6))
def test_find_any_is_the_earliest_word_first_listed(text: str, words: list[str]) -> None:
    assert find_any(text, tuple(words)) == _find_any_plain(text, tuple(words))
    assert find_any(text, words) == _find_any_plain(text, tuple(words))


def test_find_any_of_no_words_finds_nothing() -> None:
    assert find_any("任何文字", ()) is None
    assert find_any("增收", ("",)) == ("", 0)


def _bounded_plain(value: Decimal) -> bool:
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):
        return True
    before = max(value.adjusted() + 1, 0) if value else 0
    return before <= MAX_DIGITS and max(-exponent, 0) <= MAX_DIGITS


def _bounded(value: Decimal) -> bool:
    try:
        return _NUMBER.number(value) is value
    except PydanticCustomError:
        return False


@given(
    st.text("0123456789", min_size=1, max_size=50),
    st.integers(min_value=-100, max_value=100),
    st.sampled_from(["", "-"]),
    st.integers(min_value=0, max_value=50),
)
def test_the_digit_bound_shortcut_refuses_what_the_digits_refuse(
    digits: str, exponent: int, sign: str, point: int
) -> None:
    for text in (f"{sign}{digits}E{exponent}", f"{sign}{digits[:point]}.{digits[point:]}"):
        value = Decimal(text)
        assert _bounded(value) == _bounded_plain(value), text


EDGES = ["0", "-0", "0E-40", "0E-41", "0E+99", "1e39", "1e40", "9.99e39", "1e-40", "1e-41"]
EDGES += ["0.000", "Infinity", "-Infinity", "NaN", "sNaN", "1" * 40, "1" * 41]
EDGES += ["0." + "1" * 40, "0." + "1" * 41, "-" + "9" * 40 + "." + "9" * 40]


@pytest.mark.parametrize("text", EDGES)
def test_the_digit_bound_at_its_edges(text: str) -> None:
    value = Decimal(text)
    assert _bounded(value) == _bounded_plain(value)


@given(st.text("全年每内度本当x", max_size=16))
def test_the_subject_loses_what_the_last_period_word_ends(raw: str) -> None:
    plain = max((raw.rfind(w) + len(w) for w in _SUBJECT_TIME if w in raw), default=0)
    found = _SUBJECT_TIME_RE.match(raw)
    assert (found.end() if found is not None else 0) == plain


def test_a_parsed_target_is_the_dataclass_it_would_be_built_as() -> None:
    found = parse_targets("全年发放借书证不低于50张，约20-30人，满意度≥95%")
    assert found
    for target in found:
        built = ParsedTarget(*(getattr(target, f.name) for f in dataclasses.fields(target)))
        assert target == built and hash(target) == hash(built) and repr(target) == repr(built)
        with pytest.raises(dataclasses.FrozenInstanceError):
            target.unit = "x"  # type: ignore[misc]


def _conflict_plain(
    target: Target, value: Decimal, parsed: list[ParsedTarget], cell: bool
) -> tuple[str, ParsedTarget] | None:
    """PD247's comparison as it was, one unit family question per pair."""
    unit = (target.unit or "").strip()
    family = [p for p in parsed if same_unit_family(p.unit, unit)]
    for p in family:
        same = (
            p.value == value
            if not p.unit.strip() or not unit
            else (in_base_unit(p.value, p.unit) == in_base_unit(value, unit))
        )
        if same:
            return ("comparison", p) if _opposed(p.comparison, target.comparison) else None
    if len(family) == 1 and (cell or unit):
        return "value", family[0]
    if family or len(parsed) != 1:
        return None
    only = parsed[0]
    if not only.unit or not unit:
        return None
    if only.value == value or cell:
        return "unit", only
    return None


UNITS = st.sampled_from(
    ["", " ", "张", " 张", "万元", "元", "元/亩", "万元/亩", "%", "％", "百分点"]
)
UNITS |= st.sampled_from(["人", "万人", "万", "次", "亩/人", " 元 "])
VALUES = st.sampled_from([Decimal(v) for v in ("0", "1", "50", "50.0", "0.5", "5000", "10000")])
COMPARISONS = st.sampled_from([">=", "<=", "=", ">", "<", "~"])
PARSED = st.builds(ParsedTarget, COMPARISONS, VALUES, UNITS, st.just(0), st.just(1), st.just(""))


@given(
    st.lists(PARSED, max_size=4),
    st.sampled_from([c for c in Comparison if c is not Comparison.QUALITATIVE]),
    VALUES,
    UNITS | st.none(),
    st.booleans(),
)
def test_pd247_reads_units_once_a_text_as_it_read_them_per_pair(
    parsed: list[ParsedTarget],
    comparison: Comparison,
    value: Decimal,
    unit: str | None,
    cell: bool,
) -> None:
    target = Target(comparison=comparison, value=value, unit=unit)
    families = _unit_families(parsed)
    assert families == [(p, unit_family(p.unit), in_base_unit(p.value, p.unit)) for p in parsed]
    assert _conflict(target, value, parsed, families, cell) == _conflict_plain(
        target, value, parsed, cell
    )
