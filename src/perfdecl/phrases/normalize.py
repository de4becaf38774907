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


_MAPPED: Final = re.compile(_char_class(sorted(_TABLE))[:-1] + r"\d](?<![0-9])")
"""Any character :data:`_TABLE` maps, or a decimal digit of another script. Replacing the few a
text holds is several times cheaper than ``str.translate`` through a dict, which looks up every
character of the text (a fifth of the phrase parser's time on a 5 MB declaration), and one scan
does both; the result is the translate's, one char for one. The pattern is one character class
(ASCII digits, in it through ``\\d``, are let go by the look-behind) so that the regex engine
skips unmapped text by the class alone; an alternation made it try each branch at every
character."""
_BY_CHAR: Final = {chr(code): to for code, to in _TABLE.items()}


def _mapped(match: re.Match[str]) -> str:
    char = match.group()
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
    """
    return _MAPPED.sub(_mapped, text)
