"""What the phrase parsers return, and the small string helpers they share."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Final, Literal

Comparison = Literal[">=", "<=", "=", ">", "<", "~"]
DateKind = Literal["deadline", "date", "year"]

MAX_TEXT: Final = 20_000
"""Characters of a text the parsers read (offsets stay offsets into the text given): a bound on
the work per text, whatever its length. ``text[:MAX_TEXT]`` is ``text`` itself when shorter, so
the caches below see the same object."""


class _SubjectLater:
    """The slot where a :class:`ParsedTarget` made by the parser keeps how to work out its
    subject until it is first read (a base class: the dataclass's own slots are its fields)."""

    __slots__ = ("_subject_from",)


@dataclass(frozen=True, slots=True)
class ParsedTarget(_SubjectLater):
    """One quantified target: the parts a 三级 indicator stores separately.

    The parser leaves ``subject`` unset and keeps ``(function, *arguments)`` that give it: only
    the importer reads a subject, while the checks read every target of every text (a third of
    a target's parse went into its subject). The first read works it out and stores it, so
    reading, comparing, hashing, printing and pickling a target all see the same value."""

    comparison: Comparison
    value: Decimal
    unit: str
    start: int
    end: int
    subject: str

    if not TYPE_CHECKING:  # mypy would otherwise accept any attribute name on a target

        def __getattr__(self, name: str) -> str:
            # Reached only when ordinary lookup fails: for ``subject``, an unset slot.
            if name != "subject":
                raise AttributeError(name)
            how: tuple[Callable[..., str], object, ...] = self._subject_from
            subject = how[0](*how[1:])
            object.__setattr__(self, "subject", subject)  # once; frozen only to its users
            return subject


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
