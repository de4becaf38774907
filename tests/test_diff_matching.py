"""The fast row matcher (candidates from rapidfuzz bounds, lazy greedy) against the exact one.

``match_exact`` is the definition: every pair of free rows in a bucket scored by difflib,
greedy best-first. ``match`` must give the very same pairs and scores on any input.
"""

from __future__ import annotations

import difflib
import random
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfdecl.diff.matching import Item, Pair, _small_alphabet, match, match_exact
from perfdecl.diff.text import LONG_TEXT

BASES = ["开展社区活动", "完成培训12次", "组织居民宣传", "建设服务项目", "abc def", ""]
EDIT_CHARS = "开展组织完成社区a1 "


@st.composite
def texts(draw: st.DrawFn) -> str:
    """A base wording with a few random edits: many rows alike, some the same, some not."""
    text = draw(st.sampled_from(BASES))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "replace"]))
        char = draw(st.sampled_from(EDIT_CHARS))
        if op == "insert":
            text = text[:at] + char + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + 1 :]
        else:
            text = text[:at] + char + text[at + 1 :]
    return text


items = st.builds(
    Item,
    id=st.sampled_from([None, "a", "b", "c", "d", "e", "f"]),
    text=texts(),
    bucket=st.sampled_from(["x", "y"]),
    home=st.sampled_from([None, 0, 1]),
    position=st.integers(0, 6),
)
thresholds = st.sampled_from([0.0, 0.3, 0.5, 0.6, 0.75, 0.9, 1.0, 1.5])


@settings(max_examples=250, deadline=None)
@given(old=st.lists(items, max_size=9), new=st.lists(items, max_size=9), threshold=thresholds)
def test_fast_matcher_gives_the_exact_pairs(
    old: list[Item], new: list[Item], threshold: float
) -> None:
    assert match(old, new, threshold) == match_exact(old, new, threshold)


def test_a_pair_exactly_at_the_threshold_is_kept() -> None:
    """Found by the property above: rapidfuzz's own cutoff drops a similarity equal to it."""
    old = [Item(None, "展社区活动", "x")]
    new = [Item(None, "开社开活动", "x")]  # difflib ratio and Indel similarity both exactly 0.6
    assert match(old, new, 0.6) == match_exact(old, new, 0.6) == [Pair(0, 0, 0.6)]


@settings(max_examples=200, deadline=None)
@given(a=texts(), b=texts(), other=st.text(max_size=30))
def test_bound_is_never_below_difflib(a: str, b: str, other: str) -> None:
    """The bound the fast matcher prunes with: Indel similarity on the small alphabet."""
    from rapidfuzz.distance import Indel

    for x, y in ((a, b), (a + other, b), (other, b + other)):
        ratio = difflib.SequenceMatcher(None, x, y, autojunk=False).ratio()
        alphabet = _small_alphabet([x, y, other])
        assert (
            Indel.normalized_similarity(x.translate(alphabet), y.translate(alphabet))
            >= ratio - 1e-9
        )


def test_many_characters_share_the_small_alphabet() -> None:
    """More than 256 distinct characters: rare ones share a code, and the bound still holds."""
    from rapidfuzz.distance import Indel

    a = "".join(chr(0x4E00 + k) for k in range(0, 600, 2))
    b = "".join(chr(0x4E00 + k) for k in range(1, 600, 2)) + a[:40]
    alphabet = _small_alphabet([a, b])
    assert len(set(alphabet.values())) == 256
    ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    assert Indel.normalized_similarity(a.translate(alphabet), b.translate(alphabet)) >= ratio


def test_renumbered_rows_pair_each_with_its_wording() -> None:
    """The case that was quadratic: every id now names the next row's lightly edited wording."""
    rng = random.Random(7)
    pool = "开展组织完成建设服务社区居民活动培训宣传检查保障管理改造维护提升规范项目工作"
    words = ["".join(rng.sample(pool, 18)) for _ in range(60)]
    old = [Item(f"q.{k}", w, "g", position=k) for k, w in enumerate(words)]
    new = [Item(f"q.{k}", w + "。", "g", position=k) for k, w in enumerate(words[1:])]
    pairs = match(old, new, 0.6)
    assert pairs == match_exact(old, new, 0.6)
    assert [(p.old, p.new) for p in pairs] == [(k + 1, k) for k in range(59)]


def test_long_texts_are_matched_as_the_exact_matcher_does() -> None:
    """Pairs over LONG_TEXT characters are scored coarsely and never given to rapidfuzz."""
    long_a = "甲" * (LONG_TEXT // 2) + "乙" * 10
    long_b = "甲" * (LONG_TEXT // 2) + "丙" * 10
    old = [Item(None, long_a, "g"), Item(None, "短文字一", "g"), Item(None, long_b + "丁", "g")]
    new = [Item(None, long_b, "g"), Item(None, "短文字二", "g"), Item(None, long_a + "丁", "g")]
    for threshold in (0.0, 0.5, 0.9):
        assert match(old, new, threshold) == match_exact(old, new, threshold)


def test_without_rapidfuzz_the_exact_matcher_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    old = [Item("a", "开展社区活动", "g"), Item("b", "完成培训12次", "g")]
    new = [Item("b", "开展社区活动。", "g"), Item("c", "完成培训13次", "g")]
    expected = match(old, new, 0.6)
    monkeypatch.setitem(sys.modules, "rapidfuzz", None)  # import rapidfuzz raises ImportError
    monkeypatch.setitem(sys.modules, "rapidfuzz.distance", None)
    assert match(old, new, 0.6) == expected == match_exact(old, new, 0.6)
    assert [(p.old, p.new) for p in expected] == [(0, 0), (1, 1)]
