"""Normalisation: full-width digits, letters and symbols to ASCII, one character for one."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Final

# Full-width clause punctuation stays: it separates clauses, and a full-width
# comma must never read as a thousands separator.
_KEEP_FULLWIDTH: Final = frozenset("，；：！？")
_EXTRA_MAP: Final = {
    "\u3000": " ",
    "\u00a0": " ",
    "≧": "≥",
    "≦": "≤",
    "⩾": "≥",
    "⩽": "≤",
    "﹤": "<",
    "﹥": ">",
    "﹦": "=",
    "﹪": "%",
    "﹢": "+",
    "﹣": "-",
    "﹒": ".",
    "〜": "~",
    "\u2212": "-",
    "\u2013": "-",
}


def _build_table() -> dict[int, str]:
    table = {
        code: chr(code - 0xFEE0)
        for code in range(0xFF01, 0xFF5F)
        if chr(code) not in _KEEP_FULLWIDTH
    }
    table.update({ord(k): v for k, v in _EXTRA_MAP.items()})
    return table


_TABLE: Final = _build_table()


def _char_class(codes: list[int]) -> str:
    """A regex class of these code points, written as ranges (it compiles several times faster
    than one escape per character, and this is paid at every start-up)."""
    parts: list[str] = []
    run_start = previous = codes[0]
    for code in [*codes[1:], -1]:
        if code == previous + 1:
            previous = code
            continue
        first, last = re.escape(chr(run_start)), re.escape(chr(previous))
        parts.append(first if run_start == previous else f"{first}-{last}")
        run_start = previous = code
    return "[" + "".join(parts) + "]"


_DIGIT_ZEROS: Final = (
    *(0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6),
    *(0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0),
    *(0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0),
    *(0xAA50, 0xABF0, 0xFF10),
)
"""The zero of every run of ten decimal digits (Unicode category Nd, ``\\d``) in the Basic
Multilingual Plane but ASCII's. Unicode writes each script's digits as ten code points in a row;
tests/test_perf_equivalence.py checks this table against ``unicodedata``. Computing it at
start-up (every code point tested) would cost more than the class saves a small run."""

_MAPPED: Final = re.compile(
    _char_class(sorted({*_TABLE, *(zero + d for zero in _DIGIT_ZEROS for d in range(10))}))[:-1]
    + "\U00010000-\U0010ffff]"
)
"""Any character :data:`_TABLE` maps, a decimal digit of another script, or any character
outside the Basic Multilingual Plane (:func:`_mapped` leaves those that are no digit as they
are: they are rare, and one range covers the digits there of every Unicode version). One
character class, so that the regex engine skips unmapped text by the class alone (an
alternation made it try each branch at every character), and one of ranges only: ``\\d`` in
it had the engine look up every character's category, half the cost of the scan (215 -> 110 M
instructions over the 4,617 long texts of a 5 MB declaration)."""
_BY_CHAR: Final = {chr(code): to for code, to in _TABLE.items()}


def _mapped(char: str) -> str:
    """What ``char`` (a character :data:`_MAPPED` matches) becomes."""
    to = _BY_CHAR.get(char)
    if to is not None:
        return to
    digit = unicodedata.decimal(char, -1)
    return str(digit) if 0 <= digit <= 9 else char


@cache
def normalize(text: str) -> str:
    """Map full-width digits, letters and symbols to ASCII, one char for one.

    Offsets into the result are offsets into the input, so every span found on
    the normalized text points into the original. CJK punctuation (，；：！？、。)
    is kept because it separates clauses.

    Each character maps to the same text wherever it stands and to nothing mapped again, so
    each distinct one is replaced throughout by one ``str.replace``: ``sub`` called back into
    Python for every occurrence (a long text holds dozens: ．（）).
    """
    found = _MAPPED.findall(text)
    if not found:
        return text
    for char in set(found):
        text = text.replace(char, _mapped(char))
    return text
