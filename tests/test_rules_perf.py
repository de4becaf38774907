"""The cheaper readings of issue #18 (session 8) give what the plain ones gave: the placeholder
pattern whose branches open with a literal, PD231's and PD216's scan of every text at once,
PD215's summary of a text's vague words, PD234's opening number, fmt without the digits' tuple,
PD232's one value, a Finding filled through a twin class."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import re
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfdecl.model import Comparison
from perfdecl.phrases.wording import QUESTION_SIGNS as _QUESTION_MARKS
from perfdecl.phrases.wording import is_question, vague_summary, vague_words
from perfdecl.problem import Message
from perfdecl.rules._util import FMT_WIDTH, clean_unit, fmt, numeric, texts_holding
from perfdecl.rules.base import Finding
from perfdecl.rules.pd231_placeholder import _STARTS, PLACEHOLDER
from perfdecl.rules.pd232_same_value import _one_value
from perfdecl.rules.pd234_numbering import LEADING_NUMBER, _head

_PLAIN_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])[Xx]{2,}(?![A-Za-z])|[×＊*]{2,}|某某|待定|待补充|待填|TBD|TODO|[?？]{2,}|〇〇|○○"
)
PLACEHOLDER_TEXT = st.text("XxaAb×＊*某待定补充填TBDOTＴ?？〇○ 中1z\n", max_size=16)


@settings(deadline=None)  # a busy machine must not fail them
@given(PLACEHOLDER_TEXT, st.integers(min_value=0, max_value=17))
def test_the_placeholder_pattern_matches_what_the_plain_one_matches(text: str, pos: int) -> None:
    def spans(pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        return [m.span() for m in pattern.finditer(text, pos)]

    assert spans(PLACEHOLDER) == spans(_PLAIN_PLACEHOLDER)
    assert bool(PLACEHOLDER.search(text, pos)) == bool(_PLAIN_PLACEHOLDER.search(text, pos))


@settings(deadline=None)  # a busy machine must not fail them
@given(st.lists(PLACEHOLDER_TEXT, max_size=8))
def test_pd231_scans_the_texts_that_hold_a_start_character(texts: list[str]) -> None:
    plain = [i for i, text in enumerate(texts) if any(c in text for c in _STARTS)]
    assert list(texts_holding(texts, _STARTS)) == plain


WORDS_TEXT = st.text("是否有没不？?ab", max_size=7)


@settings(deadline=None)  # a busy machine must not fail them
@given(st.lists(WORDS_TEXT, max_size=8), st.lists(st.text("是否有没不?ab", max_size=3), max_size=4))
def test_texts_holding_lists_every_text_holding_a_word_once_in_order(
    texts: list[str], words: list[str]
) -> None:
    found = list(texts_holding(texts, words))
    assert found == sorted(set(found))
    assert all(0 <= i < len(texts) for i in found)
    holding = {i for i, text in enumerate(texts) if any(w and w in text for w in words)}
    assert holding <= set(found)


@settings(deadline=None)  # a busy machine must not fail them
@given(st.lists(WORDS_TEXT, max_size=8))
def test_pd216_reads_every_question(texts: list[str]) -> None:
    plain = [i for i, text in enumerate(texts) if is_question(text)]
    assert [i for i in texts_holding(texts, _QUESTION_MARKS) if is_question(texts[i])] == plain


def test_every_placeholder_opens_with_a_start_character() -> None:
    for text in ("XX", "xxx", "××", "＊＊", "**", "某某", "待定", "待补充", "待填", "TBD", "TODO"):
        found = PLACEHOLDER.search(text)
        assert found is not None and found.group()[0] in _STARTS
    for text in ("??", "？？", "〇〇", "○○"):
        assert PLACEHOLDER.search(text) is not None and text[0] in _STARTS


VAGUE_TEXT = st.text("可持续有效期限进一步提高确保良好大力改善持续时间，。 a", max_size=24)


@settings(deadline=None)  # a busy machine must not fail them
@given(VAGUE_TEXT, st.lists(st.sampled_from(["", "可持续", "期限", "良", "a", "力改"]), max_size=3))
def test_the_vague_summary_is_what_the_list_of_matches_says(text: str, extra: list[str]) -> None:
    found = vague_words(text, extra=tuple(extra))
    summary = vague_summary(text, tuple(extra))
    if not found:
        assert summary is None
    else:
        assert summary == (list(dict.fromkeys(w for w, _ in found)), found[0][1])


_DIGITS = frozenset("0123456789０１２３４５６７８９")


def _head_plain(text: str) -> tuple[int, int, int, bool] | None:
    m = LEADING_NUMBER.match(text)
    if m is None:
        return None
    start, end = m.start(1), m.end()
    return (
        int(m.group(1)),
        start,
        end - start,
        text[end : end + 1] in _DIGITS,
    )


@settings(deadline=None)  # a busy machine must not fail them
@given(st.text(" \t\n\u30000123456789０１２３４５６７８９.．、a年", max_size=9))
def test_pd234_reads_the_opening_number_as_the_plain_match_does(text: str) -> None:
    assert _head(text) == _head_plain(text)


def _fmt_plain(value: Decimal) -> str:
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int):
        width = max(value.adjusted() + 1, 1) + max(-exponent, 0)
        if width > FMT_WIDTH:
            return format(value, ".10E")
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


DECIMALS = st.builds(
    lambda sign, digits, exponent: Decimal(f"{sign}{digits}E{exponent}"),
    st.sampled_from(["", "-"]),
    st.text("0123456789", min_size=1, max_size=82),
    st.integers(min_value=-130, max_value=130),
) | st.sampled_from([Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), Decimal("-0")])


@settings(deadline=None)  # a busy machine must not fail them
@given(DECIMALS)
def test_fmt_writes_what_the_plain_reading_of_the_digits_wrote(value: Decimal) -> None:
    assert fmt(value) == _fmt_plain(value)


def _one_value_plain(items: list[Any]) -> tuple[str, str, str] | None:
    values: set[tuple[str, str, str]] = set()
    for item in items:
        if not item.targets:
            return None
        for t in item.targets:
            n = numeric(t)
            if n is None:
                return None
            values.add((t.comparison.value, _fmt_plain(n), clean_unit(t.unit)))
        if len(values) > 1:
            return None
    return next(iter(values)) if len(values) == 1 else None


TARGETS = st.builds(
    SimpleNamespace,
    comparison=st.sampled_from([Comparison.EQ, Comparison.GE]),
    value=st.sampled_from([Decimal("1"), Decimal("1.0"), Decimal("-0"), Decimal("0"), Decimal("2")])
    | st.sampled_from(["好", None]),
    unit=st.sampled_from(["个", " 个", "人", None, ""]),
)
ITEMS = st.lists(st.builds(SimpleNamespace, targets=st.lists(TARGETS, max_size=2)), max_size=4)


@settings(deadline=None)
@given(ITEMS)
def test_pd232_finds_the_one_value_the_plain_reading_found(items: list[Any]) -> None:
    assert _one_value(items) == _one_value_plain(items)


def test_a_finding_is_still_a_frozen_dataclass_that_copies_and_pickles() -> None:
    message = Message("中", "en")
    found = Finding("/a", message, offset=3, length=2)
    assert found == Finding("/a", message, 3, 2) and hash(found) == hash(
        Finding("/a", message, 3, 2)
    )
    assert (found.key, found.severity, found.related) == (False, None, ())
    assert copy.copy(found) == found == pickle.loads(pickle.dumps(found))
    assert dataclasses.replace(found, offset=4).offset == 4
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.pointer = "/b"  # type: ignore[misc]
    assert [f.name for f in dataclasses.fields(Finding)][:2] == ["pointer", "message"]
