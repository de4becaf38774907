"""Targets: a number, its unit, its comparison and its subject, read from a sentence."""

from __future__ import annotations

import re
from decimal import Decimal, DecimalException
from functools import cache
from typing import Final

from perfdecl.phrases.base import (
    MAX_TEXT,
    Comparison,
    ParsedTarget,
    _ends_with_any,
    _is_ascii_letter,
    _is_cjk,
    _longest_first,
    _skip_spaces,
    _starts_with_any,
)
from perfdecl.phrases.comparisons import (
    _PREFIX_ORDER,
    _PREFIX_WORDS,
    _RANGE_SEPARATORS,
    _STRONG_GAP,
    _STRONG_WORDS,
    _SUFFIX_ORDER,
    _SUFFIX_WORDS,
    _WEAK_WORDS,
)
from perfdecl.phrases.dates import _date_hits, parse_dates
from perfdecl.phrases.markers import _item_spans, _marker_spans
from perfdecl.phrases.normalize import normalize
from perfdecl.phrases.numbers import (
    _ALL_UNITS,
    _BLOCKED_UNITS,
    _CN_BIG,
    _CN_NUMERALS,
    _CN_UNITS,
    _MAGNITUDE,
    _NOT_PER_UNIT,
    _TIME_UNITS,
    _UNITS,
    _cn_to_int,
    _lookup_unit,
)

_MASK: Final = "\x00"
# Colons are not boundaries: in "家长培训：269人" the label is the subject.
_BOUNDARY: Final = frozenset("，,；;。！？!?\n\r\t" + _MASK)
_CLAUSE_LIMIT: Final = 48
# Chinese numerals inside quotes name things (“三项清单”, “民生一条街”).
_QUOTE_PAIRS: Final = (("“", "”", 40), ("「", "」", 40), ("《", "》", 60), ('"', '"', 40))
# The subject starts after the last period word ("全年发放借书证" -> "发放借书证")
# and loses filler words at either end.
_SUBJECT_TIME: Final = _longest_first(("全年", "每年", "年内", "年度内", "本年度", "当年"))
_SUBJECT_LEAD: Final = _longest_first(
    ("其中", "共计", "合计", "累计", "总计", "共", "预计", "需要", "需")
)
_SUBJECT_TRAIL: Final = _longest_first(
    ("共计", "合计", "累计", "总计", "共", "等", "需要", "需", "为")
)
_SUBJECT_STRIP: Final = " \t，,、：:;；。\x00"


class _Cand:
    """A number under consideration; mutable only while the scan refines it."""

    __slots__ = (
        "approximate",
        "comparison",
        "end",
        "explicit",
        "start",
        "subject",
        "unit",
        "value",
    )

    def __init__(
        self,
        *,
        start: int,
        end: int,
        value: Decimal,
        unit: str,
        comparison: Comparison,
        explicit: bool,
        approximate: bool,
        subject: str,
    ) -> None:
        self.approximate = approximate  # the only cue is 约/大约 before the number
        self.start = start
        self.end = end
        self.value = value
        self.unit = unit
        self.comparison = comparison
        self.explicit = explicit
        self.subject = subject


def _mask(norm: str) -> str:
    """The text with list markers, dates and item numbers blotted out (same length), built from
    slices between the spans rather than a list of every character."""
    spans = _marker_spans(norm)
    spans.extend((h.start, h.end) for h in _date_hits(norm))
    spans.extend(_item_spans(norm))
    if not spans:
        return norm
    spans.sort()
    pieces: list[str] = []
    pos = 0
    for start, end in spans:
        if end <= pos or end <= start:
            continue
        if start > pos:
            pieces.append(norm[pos:start])
            pos = start
        pieces.append(_MASK * (end - pos))
        pos = end
    pieces.append(norm[pos:])
    return "".join(pieces)


def _subject(text: str, start: int, end: int) -> str:
    raw = text[start:end]
    if _SUBJECT_TIME_RE.search(raw) is not None:
        cut = max((raw.rfind(w) + len(w) for w in _SUBJECT_TIME if w in raw), default=0)
        raw = raw[cut:]
    raw = raw.strip(_SUBJECT_STRIP)
    while raw.startswith(_SUBJECT_LEAD):
        raw = raw[len(_starts_with_any(raw, 0, _SUBJECT_LEAD)) :]
    while raw.endswith(_SUBJECT_TRAIL):
        raw = raw[: -len(_ends_with_any(raw, _SUBJECT_TRAIL))]
    return raw.strip(_SUBJECT_STRIP)


def _unit_hint(subject: str) -> str:
    """The unit named in brackets at the subject's end: "发放借书证（张）" -> "张"."""
    if not subject.endswith((")", "）")):
        return ""
    opening = max(subject.rfind("("), subject.rfind("（"))
    inner = subject[opening + 1 : -1]
    return inner if opening >= 0 and inner in _UNITS else ""


def _quote_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for opening, closing, limit in _QUOTE_PAIRS:
        pos = text.find(opening)
        while pos != -1:
            close = text.find(closing, pos + 1)
            if close == -1:
                break
            inner = text[pos + 1 : close]
            if len(inner) <= limit and "\n" not in inner:
                spans.append((pos, close + 1))
                pos = text.find(opening, close + 1)
            else:
                pos = text.find(opening, pos + 1)
    return spans


def _in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= pos < end for start, end in spans)


def _unit_alternation(units: frozenset[str]) -> str:
    """A regex alternation giving what :func:`_lookup_unit` gives: the longest unit first, and an
    ASCII unit ("kg", "%") only when no ASCII letter follows it (then a shorter one may match)."""
    return "|".join(
        re.escape(unit) + ("(?![A-Za-z])" if unit.isascii() else "")
        for unit in sorted(units, key=len, reverse=True)
    )


_CN_CLASS: Final = re.escape(_CN_NUMERALS)
_NUMBER_RE: Final = re.compile(
    f"[0-9{_CN_CLASS}]"
    r"(?:(?<=[0-9])(?:[0-9]{0,2}(?![0-9])(?:,[0-9]{3}(?![0-9]))*|[0-9]*)(?:\.[0-9]+)?"
    f"|[{_CN_CLASS}]*)"
)
"""A number as written: Arabic digits (thousands groups only after 1-3 digits, then decimals) or a
run of Chinese numerals. A match starts where a run starts, so "200" of "1,200" is never
proposed. The pattern opens with one character class so that the regex engine skips the text
between numbers by that class alone (an alternation at the front made it try every branch at
every character: a third of the scan)."""
_UNIT_ALT: Final = _unit_alternation(_ALL_UNITS)
_TAIL_RE: Final = re.compile(
    f"(?P<sp> *)(?P<m1>[余多])?(?:(?P<u1>{_UNIT_ALT})|(?P<g>[万亿千百])(?P<m2>[余多])?(?P<u2>{_UNIT_ALT})?)?"
)
"""What may follow a number, read in one match: spaces, 余/多, then a unit or (only when no unit
starts there) 万/亿/千/百 with 余/多 and a unit after it. Every part is optional and nothing after
them can fail, so the match is the greedy reading the procedural parser made; whether a 余/多
counts (a unit, magnitude or clause end must follow) is decided on the groups."""
_SUFFIX_RE: Final = re.compile(r" *(?:\(含\) *)?(" + "|".join(map(re.escape, _SUFFIX_ORDER)) + ")?")
_BOUNDARY_CLASS: Final = re.escape("".join(sorted(_BOUNDARY)))
_LAST_BOUNDARY_RE: Final = re.compile(f"[{_BOUNDARY_CLASS}][^{_BOUNDARY_CLASS}]*\\Z")
"""The last clause break of a window (searched with the window's end as the text's end)."""
_STRONG_RE: Final = re.compile("|".join(map(re.escape, _STRONG_WORDS)))
_SUBJECT_TIME_RE: Final = re.compile("|".join(map(re.escape, _SUBJECT_TIME)))
_MAGNITUDES: Final = "万亿千百"
_DAY_WITHIN: Final = ("内", "以内", "之内")


class _Text:
    """One text as the scan reads it: the masked text, its quotes, whether it holds a strong word."""

    __slots__ = ("masked", "n", "quotes", "strong", "text")

    def __init__(self, text: str, masked: str) -> None:
        self.text = text
        self.masked = masked
        self.n = len(masked)
        self.quotes = _quote_spans(masked)
        # Most texts hold no strong comparison word: then no gap needs searching.
        self.strong = _STRONG_RE.search(masked) is not None

    def clause_start(self, pos: int, floor: int) -> int:
        """Where the clause holding ``pos`` starts: after the last break within
        ``_CLAUSE_LIMIT`` characters (and not before ``floor``)."""
        low = max(floor, pos - _CLAUSE_LIMIT)
        last = _LAST_BOUNDARY_RE.search(self.masked, low, pos) if pos > low else None
        return low if last is None else last.start() + 1


def _counts_more(masked: str, after: int, unit: str | None) -> bool:
    """Whether 余/多 just before ``after`` means "more than": a unit, magnitude or clause end
    follows (``unit`` is the unit or unit-like word read at ``after``, if any)."""
    if after >= len(masked):
        return True
    char = masked[after]
    return char in _BOUNDARY or char in _MAGNITUDES or (unit is not None and unit in _UNITS)


def _arabic_value(masked: str, start: int, end: int, pct: bool) -> Decimal | None:
    """The value of Arabic digits, or None when the characters around make them no quantity:
    a name ("+3", "A4", "#2", 第3, 每5), a clock time, version or fraction ("3/4", "1.2.3")."""
    n = len(masked)
    if not pct and start > 0:
        prev = masked[start - 1]
        if ("a" <= prev <= "z" or "A" <= prev <= "Z") or prev in "+#_第每":
            return None
        if prev in "/:." and start > 1 and "0" <= masked[start - 2] <= "9":
            return None
    if end < n:
        nxt = masked[end]
        if nxt == "+" or (nxt in "/:." and end + 1 < n and "0" <= masked[end + 1] <= "9"):
            return None
    return Decimal(masked[start:end].replace(",", ""))


def _read_arabic(tx: _Text, start: int, end: int, value: Decimal) -> _Reading | None:
    """The unit after Arabic digits, with 余/多, 万/亿 (kept in the unit), 千/百 (multiplied)."""
    masked = tx.masked
    tail = _TAIL_RE.match(masked, end)
    assert tail is not None  # every part is optional
    pos = tail.end("sp")
    more = False
    unit = ""
    prefix_unit = ""
    more_at = tail.start("m1")
    if more_at >= 0 and not _counts_more(masked, more_at + 1, tail.group("u1")):
        return value, "", False, pos  # "5多以上": the 余/多 is not read, nothing after it is
    if more_at >= 0:
        more = True
        pos = more_at + 1
    if tail.group("u1") is not None:
        unit = tail.group("u1")
        pos = tail.end("u1")
    elif tail.group("g") is not None:
        char = tail.group("g")
        if char in "万亿":
            prefix_unit = char
        else:
            try:
                value *= _MAGNITUDE[char]
            except DecimalException:  # pragma: no cover - absurd exponents only
                return None
        pos = tail.end("g")
        more_at = tail.start("m2")
        if more_at < 0 or _counts_more(masked, more_at + 1, tail.group("u2")):
            if more_at >= 0:
                more = True
                pos = more_at + 1
            if tail.group("u2") is not None:
                unit = tail.group("u2")
                pos = tail.end("u2")
    if unit == "日":
        if not masked.startswith(_DAY_WITHIN, _skip_spaces(masked, pos)):
            return None
    elif unit in _BLOCKED_UNITS:
        return None
    if unit:
        if pos + 1 < tx.n and masked[pos] == "/":
            unit, pos = _read_per_units(masked, unit, pos)
    elif pos < tx.n and _is_ascii_letter(masked[pos]):
        return None  # "5G", "3A级": part of a name
    return value, prefix_unit + unit, more, pos


def _read_cn(tx: _Text, start: int, end: int) -> _Reading | None:
    """A Chinese numeral counts only before a measure word ("两次", "二十余人", "三万元"), never
    after 第/每/周/之/星期, inside quotes, before 分之 or in words such as 一次性."""
    masked = tx.masked
    if start > 0 and (masked[start - 1] in "第每周之" or masked[start - 2 : start] == "星期"):
        return None
    if masked.startswith("分之", end) or _in_spans(start, tx.quotes):
        return None
    run = masked[start:end]
    whole = _cn_to_int(run)
    if whole is None:
        return None
    value = Decimal(whole)
    prefix_unit = ""
    if len(run) > 1 and run[-1] in _CN_BIG:
        core = _cn_to_int(run[:-1])
        if core is None:
            return None
        value = Decimal(core)
        prefix_unit = run[-1]
    tail = _TAIL_RE.match(masked, end)
    assert tail is not None  # every part is optional
    more = tail.start("m1") >= 0
    if not more and not run.strip("百千万亿"):
        return None  # a bare 百/千/万 is a word ("千家万户"), not a count
    unit = tail.group("u1")
    if unit is None or unit not in _CN_UNITS:
        return None
    pos = tail.end("u1")
    if pos < tx.n and masked[pos] == "性":
        return None  # 一次性, 一票否决性: an adjective, not a count
    return value, prefix_unit + unit, more, pos


_Reading = tuple[Decimal, str, bool, int]
"""What follows a number: (value, unit, whether 余/多 was read, position after)."""


def _candidate(tx: _Text, start: int, end: int, floor: int) -> _Cand | None:
    """The target a number at ``start:end`` states, or None when it is no quantity."""
    masked = tx.masked
    pct = start >= 3 and masked.startswith("百分之", start - 3)
    reading: _Reading | None
    if "0" <= masked[start] <= "9":
        value = _arabic_value(masked, start, end, pct)
        if value is None:
            return None
        reading = (value, "%", False, end) if pct else _read_arabic(tx, start, end, value)
    elif pct:
        whole = _cn_to_int(masked[start:end])
        if whole is None:
            return None
        reading = (Decimal(whole), "%", False, end)
    else:
        reading = _read_cn(tx, start, end)
    if reading is None:
        return None
    value, unit, more, pos = reading
    if not unit and not more and pos > end:
        pos = end  # nothing read after the number: keep the span tight
    suffix = _SUFFIX_RE.match(masked, pos)
    assert suffix is not None  # every part is optional
    suffix_word = suffix.group(1) or ""
    if suffix_word and (suffix_word != "内" or unit in _TIME_UNITS):
        pos = suffix.end()
    else:
        suffix_word = ""
    num_start = start - 3 if pct else start
    clause = tx.clause_start(num_start, floor)
    prefix_word, span_start = _prefix_word(tx, num_start, clause)
    comparison = _comparison(prefix_word, suffix_word, more)
    subject = _subject(tx.text, clause, span_start)
    return _Cand(
        start=span_start,
        end=pos,
        value=value,
        unit=unit or _unit_hint(subject),
        comparison=comparison,
        explicit=bool(prefix_word or suffix_word or more or pct),
        approximate=comparison == "~" and prefix_word in _WEAK_WORDS and not suffix_word,
        subject=subject,
    )


def _prefix_word(tx: _Text, num_start: int, clause: int) -> tuple[str, int]:
    """A comparison word before the number, and where the target's span starts.

    A word right before the number (weak or strong) wins; failing one, a strong word may stand
    up to ``_STRONG_GAP`` characters before it, with no digit between.
    """
    masked = tx.masked
    window_start = max(clause, num_start - 8)
    window = masked[window_start:num_start].rstrip(" \t")
    if window.endswith(_PREFIX_ORDER):
        word = _ends_with_any(window, _PREFIX_ORDER)
        word_start = window_start + len(window) - len(word)
        if not (word == "~" and word_start > 0 and masked[word_start - 1].isdigit()):
            return word, word_start
    if not tx.strong:
        return "", num_start
    gap_start = max(clause, num_start - _STRONG_GAP - 4)
    gap = masked[gap_start:num_start]
    best = max(
        ((gap.rfind(w) + len(w), len(w), w) for w in _STRONG_WORDS if w in gap),
        default=None,
    )
    if best is not None:
        between = gap[best[0] :]
        if len(between) <= _STRONG_GAP and not any(c.isdigit() for c in between):
            return best[2], gap_start + best[0] - best[1]
    return "", num_start


def _comparison(prefix_word: str, suffix_word: str, more: bool) -> Comparison:
    """An explicit word before the number, then one after it, then 余/多, then a weak word."""
    if prefix_word and prefix_word not in _WEAK_WORDS:
        return _PREFIX_WORDS[prefix_word]
    if suffix_word:
        return _SUFFIX_WORDS[suffix_word]
    if more:
        return ">"
    if prefix_word:
        return _PREFIX_WORDS[prefix_word]
    return "="


def _read_per_units(masked: str, unit: str, pos: int) -> tuple[str, int]:
    """Extend a unit with "/月/人" style denominators."""
    while pos + 1 < len(masked) and masked[pos] == "/":
        per = _lookup_unit(masked, pos + 1)
        if per and per not in _NOT_PER_UNIT:
            pass
        elif _is_cjk(masked[pos + 1]) and masked[pos + 1] not in _BOUNDARY:
            per = masked[pos + 1]
        else:
            break
        unit += "/" + per
        pos += 1 + len(per)
    return unit, pos


def _join_ranges(masked: str, cands: list[_Cand]) -> None:
    """Turn "5-10人" / "5至10人" (or "约20-30人") into >= 5 人 and <= 10 人."""
    for i in range(1, len(cands)):
        first, second = cands[i - 1], cands[i]
        if (first.explicit and not first.approximate) or second.explicit or not second.unit:
            continue
        if first.unit not in ("", second.unit):
            continue
        if masked[first.end : second.start].strip(" ") not in _RANGE_SEPARATORS:
            continue
        first.unit = second.unit
        first.comparison = ">="
        first.explicit = True
        second.comparison = "<="
        second.explicit = True
        second.subject = first.subject


def parse_targets(text: str) -> list[ParsedTarget]:
    """Every quantified target in ``text``, in order.

    A number is a target when a unit follows it or a comparison is written
    around it; list markers, item numbers, years, dates, addresses (12号楼),
    ordinals (第3), document numbers and parts of names ("3+7+X", 5G) are not.
    """
    return list(_parse_targets(text[:MAX_TEXT]))


@cache
def _parse_targets(text: str) -> tuple[ParsedTarget, ...]:
    """One scan of the masked text: every number the scanner proposes is read where it stands
    (its value, what follows it, its clause, the comparison words around it)."""
    if not text:
        return ()
    norm = normalize(text)
    masked = _mask(norm)
    tx = _Text(text, masked)
    cands: list[_Cand] = []
    floor = 0
    read_up_to = 0
    for m in _NUMBER_RE.finditer(masked):
        start = m.start()
        if start < read_up_to:
            continue  # read already: 千 of "3千余张", 百 of "5个百分点"
        read_up_to = m.end()
        cand = _candidate(tx, start, read_up_to, floor)
        if cand is None:
            continue
        cands.append(cand)
        read_up_to = cand.end
        if cand.unit or cand.explicit:
            floor = cand.end
    _join_ranges(masked, cands)
    return tuple(
        ParsedTarget(c.comparison, c.value, c.unit, c.start, c.end, c.subject)
        for c in cands
        if c.unit or c.explicit
    )


@cache
def is_quantified(text: str) -> bool:
    """True when the text states a number with a unit or comparison, or a date.

    A bare year ("2019年") is not enough: it names the period, not a target.
    """
    if _parse_targets(text[:MAX_TEXT]):
        return True
    return any(d.kind != "year" for d in parse_dates(text))
