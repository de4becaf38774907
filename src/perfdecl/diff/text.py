"""Wordings as compared and shown: normalisation, tokens, word diffs and similarity."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata

from perfdecl.diff.records import Segment

_ITEM_NUMBER = re.compile(
    r"^\s*(?:[0-9]+|[一二三四五六七八九十]+|[(（][0-9一二三四五六七八九十]+[)）])\s*[.．、,，)）:：]?\s*"
)
_SPACES = re.compile(r"\s+")
_YEAR_MARK = "\ue000"


LONG_TEXT = 20_000
"""Characters (both wordings together) beyond which texts are compared coarsely: difflib is
quadratic at worst and NFKC costs ~0.4 µs a character; a hostile file's 15 MB text took 16 s to
diff. Real wordings are a few hundred characters."""


@functools.lru_cache(maxsize=4096)
def normalize(text: str | None, year: int | None = None) -> str:
    """Text as compared: NFKC, no leading item number, single spaces, the year neutralised.

    Texts longer than :data:`LONG_TEXT` skip NFKC (they are compared coarsely anyway).
    """
    if not text:
        return ""
    out = unicodedata.normalize("NFKC", text) if len(text) <= LONG_TEXT else text
    out = _ITEM_NUMBER.sub("", out, count=1)
    out = _SPACES.sub(" ", out).strip()
    if year is not None:
        out = out.replace(str(year), _YEAR_MARK)
    return out


_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)*%?|[A-Za-z_]+|\s+|.", re.S)


def tokens(text: str) -> list[str]:
    """Numbers and ASCII words whole, every other character (a CJK character) on its own."""
    return _TOKEN.findall(text)


def common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, found by comparing halving slices (C speed, no Python loop)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:  # a[:lo] == b[:lo], and the prefix is at most hi long
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


_SHOWN_ENDS = 200
"""Characters kept at each end of a segment of a coarse diff (the rest becomes "…")."""


def _ends(text: str) -> str:
    if len(text) <= 2 * _SHOWN_ENDS + 1:
        return text
    return f"{text[:_SHOWN_ENDS]}…{text[-_SHOWN_ENDS:]}"


def coarse_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The common prefix and suffix kept, everything between shown as one replacement.

    Each segment is shown by its two ends: the wording diff is for reading, and printing
    megabytes of a hostile text took longer than comparing it (the change keeps both texts).
    """
    head = common_prefix(old, new)
    room = min(len(old), len(new)) - head
    tail = min(common_prefix(old[::-1], new[::-1]), room)
    parts = (
        ("=", old[:head]),
        ("-", old[head : len(old) - tail]),
        ("+", new[head : len(new) - tail]),
        ("=", old[len(old) - tail :]),
    )
    return tuple((op, _ends(text)) for op, text in parts if text)


def coarse_ratio(a: str, b: str) -> float:
    """A similarity for very long texts: the share of their common beginning and end."""
    if not a and not b:
        return 1.0
    head = common_prefix(a, b)
    tail = min(common_prefix(a[::-1], b[::-1]), min(len(a), len(b)) - head)
    return 2 * (head + tail) / (len(a) + len(b))


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """A token-level diff of two wordings, as (op, text) segments with adjacent ops merged."""
    if len(old) + len(new) > LONG_TEXT:
        return coarse_diff(old, new)
    a, b = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out: list[list[str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1][1] += text
        else:
            out.append([op, text])

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("=", "".join(a[i1:i2]))
        else:
            add("-", "".join(a[i1:i2]))
            add("+", "".join(b[j1:j2]))
    return tuple((op, text) for op, text in out)


def similarity(a: str, b: str) -> float:
    """difflib ratio of two normalised wordings (0..1)."""
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def pct(score: float | None) -> str:
    return "—" if score is None else f"{score:.2f}"


def short(text: str | None, limit: int = 40) -> str:
    if not text:
        return "—"
    one = _SPACES.sub(" ", text).strip()
    return one if len(one) <= limit else one[: limit - 1] + "…"
