"""What the phrase parsers return, and the small string helpers they share."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal

Comparison = Literal[">=", "<=", "=", ">", "<", "~"]
DateKind = Literal["deadline", "date", "year"]

MAX_TEXT: Final = 20_000
"""Characters of a text the parsers read (offsets stay offsets into the text given): a bound on
the work per text, whatever its length. ``text[:MAX_TEXT]`` is ``text`` itself when shorter, so
the caches below see the same object."""


@dataclass(frozen=True, slots=True)
class ParsedTarget:
    """One quantified target: the parts a 三级 indicator stores separately."""

    comparison: Comparison
    value: Decimal
    unit: str
    start: int
    end: int
    subject: str


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """One date, month end, year end or year, and whether it is a deadline."""

    date: datetime.date
    kind: DateKind
    start: int
    end: int


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FFFF
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
        or code in (0x201C, 0x201D, 0x2018, 0x2019)
    )


def _is_ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


# Small word lists are matched with str methods, not regexes: it keeps the
# import cheap and the intent plain.
def _longest_first(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len, reverse=True))


def _ends_with_any(text: str, words: tuple[str, ...]) -> str:
    """The longest of ``words`` (sorted longest first) that ends ``text``, or ""."""
    if not text.endswith(words):  # one C call answers the usual case: none of them
        return ""
    for word in words:
        if text.endswith(word):
            return word
    return ""


def _starts_with_any(text: str, pos: int, words: tuple[str, ...]) -> str:
    """The longest of ``words`` (sorted longest first) found at ``pos``, or ""."""
    if not text.startswith(words, pos):
        return ""
    for word in words:
        if text.startswith(word, pos):
            return word
    return ""


def _read_int(text: str, pos: int, most: int) -> tuple[int | None, int]:
    """Up to ``most`` ASCII digits at ``pos``: (value or None, position after)."""
    end = pos
    while end < len(text) and end - pos < most and "0" <= text[end] <= "9":
        end += 1
    return (int(text[pos:end]) if end > pos else None), end
