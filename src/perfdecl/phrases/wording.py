"""Wording: vague words, values phrased as questions, and relative-only targets."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

from perfdecl.phrases.base import MAX_TEXT, _longest_first
from perfdecl.phrases.targets import parse_targets

VAGUE_WORDS: Final[tuple[str, ...]] = (
    "进一步",
    "明显",
    "有效",
    "显著",
    "不断",
    "加强",
    "提升",
    "较好",
    "更加",
    "逐步",
    "持续",
    "稳步",
    "有所",
    "大幅",
    "更好",
    "切实",
    "积极",
    "充分",
    "良好",
    "大力",
    "努力",
    "提高",
    "增强",
    "改善",
    "确保",
)
# Compounds that contain a vague word without being vague: matched first and dropped, so that
# 持续 inside 可持续 (可持续影响指标, 可持续发展) or 有效 inside 有效期 is not taken for the word.
NOT_VAGUE_COMPOUNDS: Final[tuple[str, ...]] = (
    "可持续",
    "有效期",
    "有效期限",
    "持续时间",
    "持续期",
)
_VAGUE_ORDER: Final = _longest_first(VAGUE_WORDS + NOT_VAGUE_COMPOUNDS)
_COMPOUNDS: Final = frozenset(NOT_VAGUE_COMPOUNDS)
_NO_WORDS: Final[frozenset[str]] = frozenset()


def _vague_pattern(extra: Iterable[str]) -> tuple[frozenset[str] | set[str], re.Pattern[str]]:
    """The user's extra vague words and the pattern that finds them with the built-in ones."""
    more = {w for w in extra if w} if extra else _NO_WORDS
    return more, (
        _alternation(_longest_first(set(VAGUE_WORDS) | _COMPOUNDS | more)) if more else _VAGUE
    )


def vague_words(text: str, extra: Iterable[str] = ()) -> list[tuple[str, int]]:
    """(word, offset) of each vague word: wording that promises without measuring.

    Matches do not overlap; at one position the longest word wins, and a word inside one of
    :data:`NOT_VAGUE_COMPOUNDS` (持续 in 可持续) is not a match.
    """
    more, pattern = _vague_pattern(extra)
    text = text[:MAX_TEXT]
    # findall builds no match objects (a third of the time of finditer on these texts); each
    # word's offset is then the first place it occurs after the previous match: the scan takes
    # the first position where any word starts, so nothing matched between those two places.
    found = []
    end = 0
    for word in pattern.findall(text):
        start = text.find(word, end)
        end = start + len(word)
        if word not in _COMPOUNDS or word in more:
            found.append((word, start))
    return found


def vague_summary(text: str, extra: Iterable[str] = ()) -> tuple[list[str], int] | None:
    """What PD215 quotes of :func:`vague_words`: the distinct words in the order they first
    appear, and the offset of the first; None when there is none.

    Without a compound among the matches (the usual case) every match is kept and the first
    match is the first occurrence of its word (a match starts at the first place any word does,
    so its word occurs nowhere before): no offset is looked up for the others.
    """
    pattern = _vague_pattern(extra)[1] if extra else _VAGUE  # PD215 asks it of 40 rows a file
    text = text[:MAX_TEXT]
    words: list[str] = pattern.findall(text)
    if not words:
        return None
    if _COMPOUNDS.isdisjoint(words):
        return (words if len(words) == 1 else list(dict.fromkeys(words))), text.find(words[0])
    found = vague_words(text, extra)
    if not found:
        return None
    return list(dict.fromkeys([w for w, _ in found])), found[0][1]


DURATION_ONLY: Final[frozenset[str]] = frozenset(
    {"长期", "长远", "长效", "持久", "永久", "长久", "长期有效", "长期持续", "长期坚持", "长期发挥"}
)
"""指标值 cells that give only a duration ("长期"): how long, never how well; no standard."""
_CELL_PUNCTUATION: Final = re.compile(r"[\s。.，,；;：:、]+")


def duration_only(value: str) -> bool:
    """True when a 指标值 cell is only a duration word (长期, 长效 …), with no state or standard."""
    return _CELL_PUNCTUATION.sub("", value[:40]) in DURATION_ONLY


@lru_cache(maxsize=64)
def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    """Longest-first alternation: the regex engine then takes, scanning left to right, the
    longest word at the first position where one starts, and skips what it covers."""
    return re.compile("|".join(re.escape(w) for w in words))


_VAGUE: Final = _alternation(_VAGUE_ORDER)
_QUESTION_WORDS: Final = ("是否", "能否", "可否", "是不是", "有没有", "与否")
_QUESTION: Final = _alternation(_QUESTION_WORDS)
QUESTION_SIGNS: Final = ("否", "是不是", "有没有", "?", "？")
"""What every text :func:`is_question` accepts holds: 否 (in 是否, 能否, 可否, 与否), 是不是, 有没有
(the rest of the question words), or a question mark at its end. A rule may look only at texts
that hold one (PD216, through rules._util.texts_holding)."""


def is_question(text: str) -> bool:
    """True when a value is phrased as a question (是否…): nothing to measure."""
    text = text[:MAX_TEXT]
    if ("否" in text or "是不是" in text or "有没有" in text) and _QUESTION.search(text):
        return True  # QUESTION_SIGNS' words: three plain searches rule most texts out
    return text.rstrip().endswith(("?", "？"))


# A reference period (上年度, 同期) or a benchmark (平均分) with no figure of its own.
_REFERENCE_WORDS: Final = frozenset({"上年", "上一年", "去年", "往年", "同期", "以往", "历年"}) | {
    "前一年",
    "上期",
    "平均",
}
# 较 and 比 cover 较上年度 and 比上年; the list is only read next to a reference word.
_RELATION_WORDS: Final = (
    frozenset({"不低于", "不少于", "不高于", "不超过", "不劣于", "高于", "低于", "超过", "优于"})
    | {"好于", "持平", "有所", "增长", "增加", "提高", "提升", "下降", "减少", "降低", "相较"}
    | {"相比", "较", "比"}
)


def relative_only(text: str) -> bool:
    """True for wording relative to a reference with no number (不低于上年度).

    Such a value cannot be checked without the reference's own figure.
    """
    text = text[:MAX_TEXT]
    if not any(w in text for w in _REFERENCE_WORDS):
        return False
    if not any(w in text for w in _RELATION_WORDS):
        return False
    return not parse_targets(text)
