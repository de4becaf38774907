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
    _SubjectLater,
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
        "clause",
        "comparison",
        "end",
        "explicit",
        "start",
        "subject",
        "subject_end",
        "unit",
        "value",
    )

    def __init__(
        self,
        start: int,
        end: int,
        value: Decimal,
        unit: str,
        comparison: Comparison,
        explicit: bool,
        approximate: bool,
        clause: int,
        subject: str | None,
    ) -> None:
        self.approximate = approximate  # the only cue is 约/大约 before the number
        self.start = start
        self.end = end
        self.value = value
        self.unit = unit
        self.comparison = comparison
        self.explicit = explicit
        # The subject is text[clause:subject_end] trimmed (_subject), worked out here only when
        # the unit hint needs it (None until then; see ParsedTarget).
        self.clause = clause
        self.subject_end = start
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


_LEAD_FIRST: Final = frozenset(word[0] for word in _SUBJECT_LEAD)
_TRAIL_LAST: Final = frozenset(word[-1] for word in _SUBJECT_TRAIL)
_SUBJECT_TIME_RE: Final = re.compile("(?s:.*)(?:" + "|".join(map(re.escape, _SUBJECT_TIME)) + ")")
"""Everything up to the end of the last period word: the greedy ``.*`` gives back characters
from the end until a word matches, so the match ends where the last-starting period word
(the longest there) ends, which is the furthest any of them ends."""


def _subject(text: str, start: int, end: int) -> str:
    raw = text[start:end]
    if "年" in raw:  # every period word holds 年
        last = _SUBJECT_TIME_RE.match(raw)
        if last is not None:
            raw = raw[last.end() :]
    raw = raw.strip(_SUBJECT_STRIP)
    if raw[:1] in _LEAD_FIRST:  # one set lookup answers the usual case: no lead word
        while raw.startswith(_SUBJECT_LEAD):
            raw = raw[len(_starts_with_any(raw, 0, _SUBJECT_LEAD)) :]
    if raw[-1:] in _TRAIL_LAST:
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
        for unit in sorted(units, key=lambda u: (-len(u), u))  # the same text in every process
    )


_CN_CLASS: Final = re.escape(_CN_NUMERALS)
_UNIT_ALT: Final = _unit_alternation(_ALL_UNITS)
_NUMBER_RE: Final = re.compile(
    f"([0-9{_CN_CLASS}]"
    r"(?:(?<=[0-9])(?:[0-9]{0,2}(?![0-9])(?:,[0-9]{3}(?![0-9]))*|[0-9]*)(?:\.[0-9]+)?"
    f"|[{_CN_CLASS}]*))"
    f"( *)([余多])?(?:({_UNIT_ALT})|([万亿千百])([余多])?({_UNIT_ALT})?)?"
)
"""A number as written and what may follow it, in one match.

The number (group 1): Arabic digits (thousands groups only after 1-3 digits, then decimals) or a
run of Chinese numerals. A match starts where a run starts, so "200" of "1,200" is never
proposed. The pattern opens with one character class so that the regex engine skips the text
between numbers by that class alone (an alternation at the front made it try every branch at
every character: a third of the scan).

Its tail (groups 2-7; a :data:`_Tail` holds all seven, the number first): spaces, 余/多, then a unit or (only when no unit starts
there) 万/亿/千/百 with 余/多 and a unit after it. Every part is optional and nothing after them
can fail, so the number is matched as it would be alone and the tail is the greedy reading the
procedural parser made; whether a 余/多 counts (a unit, magnitude or clause end must follow) is
decided on the groups. Reading both in one match saves a second match call for every number;
the scan goes on from the number's end, not the tail's (see :func:`_parse_targets`)."""
_Tail = tuple[str, str, str | None, str | None, str | None, str | None, str | None]
"""The groups of a :data:`_NUMBER_RE` match: number, spaces, 余/多, unit, or 万/亿/千/百 with
余/多 and a unit."""
_SUFFIX_RE: Final = re.compile(r" *(?:\(含\) *)?(" + "|".join(map(re.escape, _SUFFIX_ORDER)) + ")?")
_SUFFIX_FIRST: Final = frozenset(" (" + "".join(word[0] for word in _SUFFIX_ORDER))
"""What a trailing comparison word (or the spaces or "(含)" before one) starts with: after most
numbers none of them stands, which one set lookup tells instead of a match."""
_BOUNDARY_CLASS: Final = re.escape("".join(sorted(_BOUNDARY)))
_LAST_BOUNDARY_RE: Final = re.compile(f"(?s:.*)[{_BOUNDARY_CLASS}]")
"""Everything up to the last clause break of a window (matched with the window's end as the
text's end): the greedy ``.*`` gives back characters from the end until a break is found, so the
match ends right after the last one, and only the characters after it are read again (a forward
search for a break followed by none read the window once for every break in it)."""
_STRONG_RE: Final = re.compile("|".join(map(re.escape, _STRONG_WORDS)))
_MAGNITUDES: Final = "万亿千百"
_PREFIX_ENDS: Final = frozenset(word[-1] for word in _PREFIX_ORDER)
"""The last characters of the comparison words: a window ending in none of them (most do)
ends in no word, which one set lookup tells instead of 35 ``endswith`` tests."""
_PREFIX_ENDS_OR_SPACE: Final = _PREFIX_ENDS | {" ", "\t"}
"""What the character right before a number must be for a comparison word to end there, spaces
(which the window drops at its end) aside."""
_DAY_WITHIN: Final = ("内", "以内", "之内")


class _Text:
    """One text as the scan reads it: the masked text, its quotes, whether it holds a strong word."""

    __slots__ = ("_quotes", "masked", "n", "percent", "strong", "text")

    def __init__(self, text: str, masked: str) -> None:
        self.text = text
        self.masked = masked
        self.n = len(masked)
        self._quotes: list[tuple[int, int]] | None = None
        # Most texts hold no strong comparison word: then no gap needs searching.
        self.strong = _STRONG_RE.search(masked) is not None
        # Nor 百分之: then no number needs to look for it before itself.
        self.percent = "百分之" in masked

    @property
    def quotes(self) -> list[tuple[int, int]]:
        """The quoted spans, found when a Chinese numeral first asks (Arabic digits never do)."""
        if self._quotes is None:
            self._quotes = _quote_spans(self.masked)
        return self._quotes


def _counts_more(masked: str, after: int, unit: str | None) -> bool:
    """Whether 余/多 just before ``after`` means "more than": a unit, magnitude or clause end
    follows (``unit`` is the unit or unit-like word read at ``after``, if any)."""
    if after >= len(masked):
        return True
    char = masked[after]
    return char in _BOUNDARY or char in _MAGNITUDES or (unit is not None and unit in _UNITS)


def _read_arabic(masked: str, end: int, value: Decimal, tail: _Tail) -> _Reading | None:
    """The unit after Arabic digits, with 余/多, 万/亿 (kept in the unit), 千/百 (multiplied).

    The groups of the number's match are contiguous, so positions are sums of lengths."""
    _, spaces, more_word, unit_word, magnitude, more_word2, unit_word2 = tail
    pos = end + len(spaces)
    more = False
    unit = ""
    prefix_unit = ""
    if more_word is not None:
        if not _counts_more(masked, pos + 1, unit_word):
            return value, "", False, pos  # "5多以上": the 余/多 is not read, nothing after it is
        more = True
        pos += 1
    if unit_word is not None:
        unit = unit_word
        pos += len(unit)
    elif magnitude is not None:
        if magnitude in "万亿":
            prefix_unit = magnitude
        else:
            try:
                value *= _MAGNITUDE[magnitude]
            except DecimalException:  # pragma: no cover - absurd exponents only
                return None
        pos += 1
        if more_word2 is None or _counts_more(masked, pos + 1, unit_word2):
            if more_word2 is not None:
                more = True
                pos += 1
            if unit_word2 is not None:
                unit = unit_word2
                pos += len(unit)
    if unit == "日":
        if not masked.startswith(_DAY_WITHIN, _skip_spaces(masked, pos)):
            return None
    elif unit in _BLOCKED_UNITS:
        return None
    n = len(masked)
    if unit:
        if pos + 1 < n and masked[pos] == "/":
            unit, pos = _read_per_units(masked, unit, pos)
    elif pos < n and _is_ascii_letter(masked[pos]):
        return None  # "5G", "3A级": part of a name
    return value, prefix_unit + unit, more, pos


def _read_cn(tx: _Text, start: int, end: int, tail: _Tail) -> _Reading | None:
    """A Chinese numeral counts only before a measure word ("两次", "二十余人", "三万元"), never
    after 第/每/周/之/星期, inside quotes, before 分之 or in words such as 一次性."""
    masked = tx.masked
    # Every test refuses, so the cheapest go first: most runs (一 of 一步, 十 of 十一) are
    # followed by no measure word, which the tail read with the run tells before the quotes are
    # found.
    run, spaces, more_word, unit, _, _, _ = tail  # run: masked[start:end]
    if unit is None or unit not in _CN_UNITS:
        return None
    if more_word is None and not run.strip("百千万亿"):
        return None  # a bare 百/千/万 is a word ("千家万户"), not a count
    if start > 0 and (masked[start - 1] in "第每周之" or masked[start - 2 : start] == "星期"):
        return None
    if masked.startswith("分之", end) or _in_spans(start, tx.quotes):
        return None
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
    pos = end + len(spaces) + (more_word is not None) + len(unit)
    if pos < tx.n and masked[pos] == "性":
        return None  # 一次性, 一票否决性: an adjective, not a count
    return value, prefix_unit + unit, more_word is not None, pos


_Reading = tuple[Decimal, str, bool, int]
"""What follows a number: (value, unit, whether 余/多 was read, position after)."""


def _candidate(tx: _Text, start: int, end: int, floor: int, tail: _Tail) -> _Cand | None:
    """The target a number at ``start:end`` (followed by ``tail``) states, or None when it is
    no quantity.

    The steps are written inline (value, clause start, the word right before) because this runs
    for every number of every text: calls were most of the parser's cost."""
    masked = tx.masked
    n = tx.n
    pct = tx.percent and start >= 3 and masked.startswith("百分之", start - 3)
    reading: _Reading | None
    if "0" <= masked[start] <= "9":
        # Not a quantity: a name ("+3", "A4", "#2", 第3, 每5), a clock time, a version or a
        # fraction ("3/4", "1.2.3"); a percentage's 百分之 is read whatever comes before.
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
        value = Decimal(tail[0].replace(",", ""))  # the number as written: masked[start:end]
        reading = (value, "%", False, end) if pct else _read_arabic(masked, end, value, tail)
    elif pct:
        whole = _cn_to_int(tail[0])
        if whole is None:
            return None
        reading = (Decimal(whole), "%", False, end)
    else:
        reading = _read_cn(tx, start, end, tail)
    if reading is None:
        return None
    value, unit, more, pos = reading
    if not unit and not more and pos > end:
        pos = end  # nothing read after the number: keep the span tight
    suffix_word = ""
    if pos < n and masked[pos] in _SUFFIX_FIRST:
        suffix = _SUFFIX_RE.match(masked, pos)
        assert suffix is not None  # every part is optional
        word = suffix.group(1)
        if word is not None and (word != "内" or unit in _TIME_UNITS):
            suffix_word = word
            pos = suffix.end()
    num_start = start - 3 if pct else start
    # The clause: after the last break within _CLAUSE_LIMIT characters, not before floor.
    clause = num_start - _CLAUSE_LIMIT
    if clause < floor:
        clause = floor
    if num_start > clause:
        last = _LAST_BOUNDARY_RE.match(masked, clause, num_start)
        if last is not None:
            clause = last.end()
    # A comparison word right before the number (spaces aside), else perhaps a strong one
    # a few characters before it.
    # The character right before the number tells most numbers (none of those words ends
    # there) without the window being cut out.
    window_start = num_start - 8 if num_start - 8 > clause else clause
    window = ""
    if num_start > window_start and masked[num_start - 1] in _PREFIX_ENDS_OR_SPACE:
        window = masked[window_start:num_start].rstrip(" \t")
    if window[-1:] in _PREFIX_ENDS and window.endswith(_PREFIX_ORDER):
        prefix_word, span_start = _prefix_word(tx, num_start, clause, window_start, window)
    elif tx.strong:
        prefix_word, span_start = _strong_word(tx, num_start, clause)
    else:
        prefix_word, span_start = "", num_start
    comparison = _comparison(prefix_word, suffix_word, more)
    subject = None
    if not unit:  # a unit named in brackets at the subject's end: "发放借书证（张）50"
        subject = _subject(tx.text, clause, span_start)
        unit = _unit_hint(subject)
    return _Cand(
        span_start,
        pos,
        value,
        unit,
        comparison,
        bool(prefix_word or suffix_word or more or pct),
        comparison == "~" and prefix_word in _WEAK_WORDS and not suffix_word,
        clause,
        subject,
    )


def _prefix_word(
    tx: _Text, num_start: int, clause: int, window_start: int, window: str
) -> tuple[str, int]:
    """The comparison word that ends ``window`` (the text right before the number, spaces
    aside), and where the target's span starts; failing one ("~" after a digit is a range),
    a strong word a few characters before."""
    word = _ends_with_any(window, _PREFIX_ORDER)
    word_start = window_start + len(window) - len(word)
    if not (word == "~" and word_start > 0 and tx.masked[word_start - 1].isdigit()):
        return word, word_start
    return _strong_word(tx, num_start, clause) if tx.strong else ("", num_start)


def _strong_word(tx: _Text, num_start: int, clause: int) -> tuple[str, int]:
    """A strong comparison word up to ``_STRONG_GAP`` characters before the number, with no
    digit between ("高于公益金总额的30%"), and where the target's span starts."""
    gap_start = max(clause, num_start - _STRONG_GAP - 4)
    if _STRONG_RE.search(tx.masked, gap_start, num_start) is None:
        return "", num_start  # one C call answers the usual case: no strong word in the gap
    gap = tx.masked[gap_start:num_start]
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
        second.clause, second.subject_end, second.subject = (
            first.clause,
            first.subject_end,
            first.subject,
        )


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
    # The numbers are those a scan for numbers alone finds: each search starts at the end of
    # the last number, not of its tail, and a number starting inside what a target read is
    # skipped whole.
    search = _NUMBER_RE.search
    pos = 0
    while (m := search(masked, pos)) is not None:
        tail: _Tail = m.groups()  # type: ignore[assignment]
        start = m.start()
        pos = start + len(tail[0])
        if start < read_up_to:
            continue  # read already: 千 of "3千余张", 百 of "5个百分点"
        read_up_to = pos
        cand = _candidate(tx, start, pos, floor, tail)
        if cand is None:
            continue
        cands.append(cand)
        read_up_to = cand.end
        if cand.unit or cand.explicit:
            floor = cand.end
    _join_ranges(masked, cands)
    found: list[ParsedTarget] = []
    for c in cands:
        if c.unit or c.explicit:
            # ParsedTarget(c.comparison, c.value, c.unit, c.start, c.end, subject), filled
            # through its slots: a frozen dataclass's __init__ sets each field through
            # object.__setattr__, twice the cost, and every target of every text is built here.
            # The subject is left to its first read unless worked out already.
            target = _new_target(ParsedTarget)
            _SET_COMPARISON(target, c.comparison)
            _SET_VALUE(target, c.value)
            _SET_UNIT(target, c.unit)
            _SET_START(target, c.start)
            _SET_END(target, c.end)
            if c.subject is None:
                _SET_SUBJECT_FROM(target, (_subject, text, c.clause, c.subject_end))
            else:
                _SET_SUBJECT(target, c.subject)
            found.append(target)
    return tuple(found)


_new_target: Final = object.__new__
_SET_COMPARISON: Final = ParsedTarget.__dict__["comparison"].__set__
_SET_VALUE: Final = ParsedTarget.__dict__["value"].__set__
_SET_UNIT: Final = ParsedTarget.__dict__["unit"].__set__
_SET_START: Final = ParsedTarget.__dict__["start"].__set__
_SET_END: Final = ParsedTarget.__dict__["end"].__set__
_SET_SUBJECT: Final = ParsedTarget.__dict__["subject"].__set__
_SET_SUBJECT_FROM: Final = _SubjectLater.__dict__["_subject_from"].__set__


@cache
def is_quantified(text: str) -> bool:
    """True when the text states a number with a unit or comparison, or a date.

    A bare year ("2019年") is not enough: it names the period, not a target.
    """
    if _parse_targets(text[:MAX_TEXT]):
        return True
    return any(d.kind != "year" for d in parse_dates(text))
