"""List markers and item numbers: "1." at a line start, "诸多6.重大节点" inside a sentence."""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from perfdecl.phrases.base import MAX_TEXT, _is_cjk, _skip_spaces
from perfdecl.phrases.normalize import normalize
from perfdecl.phrases.numbers import _COUNT_UNITS, _lookup_unit

_MARKER_RE: Final = re.compile(r" *(?:\([0-9]{1,3}\)|[0-9]{1,3}[.、)])")
"""Spaces, then "(1)" or 1-3 ASCII digits and "." "、" ")": a list marker's shape. A fourth
digit fails both forms (the character after three digits is then a digit)."""


def _marker_end(norm: str, pos: int) -> int:
    """End of a list marker ("1." "1、" "1)" "(1)") at ``pos`` (spaces before it aside), or 0."""
    m = _MARKER_RE.match(norm, pos)
    if m is None:
        return 0
    end = m.end()
    n = len(norm)
    if norm[end - 1] != "." or end >= n or not "0" <= norm[end] <= "9":
        return end
    # "6.10个社区" is item 6 and 10 个; "95.5%" is a decimal.
    after = end
    while after < n and "0" <= norm[after] <= "9":
        after += 1
    rest = norm[end:after]
    if len(rest) == 4 and rest[:2] in ("19", "20") and after < n and norm[after] in "年-./":
        return end  # "3.2019年"
    pos = _skip_spaces(norm, after)
    if pos < n and norm[pos] in "余多":
        pos += 1
    return end if _lookup_unit(norm, pos) in _COUNT_UNITS else 0


def _marker_spans(norm: str) -> list[tuple[int, int]]:
    """List markers at line starts (text start, or after a newline or a tab)."""
    starts = [0]
    if "\n" in norm or "\r" in norm or "\t" in norm:  # most texts are one line
        found = {0}
        for char in "\n\r\t":
            pos = norm.find(char)
            while pos != -1:
                found.add(pos + 1)
                pos = norm.find(char, pos + 1)
        starts = sorted(found)
    spans: list[tuple[int, int]] = []
    for start in starts:
        end = _marker_end(norm, start)
        if end:
            spans.append((start, end))
    return spans


_ITEM_RE: Final = re.compile(r"[0-9](?<![0-9.][0-9])[0-9]{0,2}[.、](?=[^0-9\s])")
"""1-3 ASCII digits (not after a digit or a dot), then . or 、, then a character that is neither a
digit nor a space. It opens with a character class, so the regex engine skips the text between
digits by the class alone; the look-behind comes after the first digit for that reason."""


@cache
def _item_spans(norm: str) -> tuple[tuple[int, int], ...]:
    """Spans of "6." / "5、" left inside a sentence (see item_number_inside); remembered, as
    both the target parser's mask and PD233 ask (emptied with the other phrase caches).

    One scan finds the numbers followed by . or 、 (``_ITEM_RE``; every . and 、 of the text was
    tested in Python before, a tenth of the phrase parser's time on a 5 MB declaration). Each
    must then follow CJK text, so the scan starts at 1: nothing precedes a number at 0 (most
    texts open with a list marker), and no number the scan from 0 would find starts inside that
    marker (a digit there follows a digit, which the look-behind refuses)."""
    return tuple(
        (m.start(), m.end()) for m in _ITEM_RE.finditer(norm, 1) if _follows_cjk(norm, m.start())
    )


def _follows_cjk(norm: str, pos: int) -> bool:
    """True when, spaces aside, a CJK character or ; comes before ``pos`` on its line."""
    i = pos - 1
    while i >= 0 and norm[i] == " ":
        i -= 1
    if i < 0 or norm[i] == "第" or norm[i] in "\n\r\t":
        return False
    return _is_cjk(norm[i]) or norm[i] == ";"


def item_number_inside(text: str) -> list[int]:
    """Offsets of item numbers left inside a sentence ("诸多6.重大节点", "；5.全年").

    A number followed by . or 、 and then text, preceded (spaces aside) by a CJK
    character or ;, not at a line start, not part of a decimal, not after 第:
    the trace of a list pasted into prose.
    """
    return [start for start, _ in _item_spans(normalize(text[:MAX_TEXT]))]
