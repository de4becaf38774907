"""The target parser as it was before issue #18's one-scan rewrite (perfdecl 7081e42), kept
verbatim as the oracle tests/test_targets_scan.py compares the scanner with; not imported by
perfdecl. The pieces of other modules that the same work rewrote come along as they were:
``normalize`` (its regex), ``_date_hits`` (the year scan and the 二〇一九年 loop),
``_item_spans`` and ``_marker_spans`` (read with a regex since); what they call that did not change is imported. Nothing here is memoised, so
every call reads its text."""

from __future__ import annotations

import re
from decimal import Decimal, DecimalException
from typing import Final

from perfdecl.phrases.base import (
    MAX_TEXT,
    Comparison,
    ParsedTarget,
    _ends_with_any,
    _is_ascii_letter,
    _is_cjk,
    _longest_first,
    _read_int,
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
from perfdecl.phrases.dates import (
    _CN_YEAR_DIGITS,
    _YEAR_MAX,
    _YEAR_MIN,
    _after_nian,
    _DateHit,
    _numeric_date,
    _starts_year_range,
    parse_dates,
)
from perfdecl.phrases.markers import _follows_cjk
from perfdecl.phrases.normalize import _TABLE, _char_class, _mapped
from perfdecl.phrases.numbers import (
    _BLOCKED_UNITS,
    _CN_BIG,
    _CN_DIGITS,
    _CN_NUMERALS,
    _CN_UNITS,
    _COUNT_UNITS,
    _MAGNITUDE,
    _NOT_PER_UNIT,
    _TIME_UNITS,
    _UNITS,
    _cn_to_int,
    _lookup_unit,
)

_NUMERAL_RUN_RE = re.compile(f"[0-9]+|[{re.escape(_CN_NUMERALS)}]+")
_MAPPED = re.compile(_char_class(sorted(_TABLE)) + r"|(?![0-9])\d")


def normalize(text: str) -> str:
    """perfdecl.phrases.normalize.normalize as it was."""
    return _MAPPED.sub(lambda m: _mapped(m.group()), text)


_YEAR_RUN_RE = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")


def _date_hits(norm: str) -> tuple[_DateHit, ...]:
    """perfdecl.phrases.dates._date_hits as it was."""
    hits: list[_DateHit] = []
    for m in _YEAR_RUN_RE.finditer(norm):
        year, start, end = int(m.group()), m.start(), m.end()
        after = _skip_spaces(norm, end)
        if norm.startswith("年", after):
            hits.append(_after_nian(norm, year, start, after + 1))
            continue
        hit = _numeric_date(norm, year, start, end)
        if hit is not None:
            hits.append(hit)
        elif _starts_year_range(norm, end):
            hits.append(_DateHit(start, end, (year, start, end), None))
    pos = norm.find("年", 4)
    while pos != -1:  # 二〇一九年
        start = pos - 4
        token = norm[start:pos]
        if all(c in _CN_YEAR_DIGITS for c in token) and (
            start == 0 or norm[start - 1] not in _CN_YEAR_DIGITS
        ):
            cn_year = _cn_to_int(token)
            if cn_year is not None and _YEAR_MIN <= cn_year <= _YEAR_MAX:
                hits.append(_after_nian(norm, cn_year, start, pos + 1))
        pos = norm.find("年", pos + 1)
    hits.sort(key=lambda h: h.start)
    return tuple(hits)


def _marker_end(norm: str, pos: int) -> int:
    """perfdecl.phrases.markers._marker_end as it was (``pos`` after the spaces)."""
    n = len(norm)
    if norm.startswith("(", pos):
        number, close = _read_int(norm, pos + 1, 3)
        return close + 1 if number is not None and norm.startswith(")", close) else 0
    number, end = _read_int(norm, pos, 3)
    if number is None or end >= n or norm[end] not in ".、)":
        return 0
    end += 1
    if norm[end - 1] != "." or end >= n or not "0" <= norm[end] <= "9":
        return end
    after = end
    while after < n and "0" <= norm[after] <= "9":
        after += 1
    rest = norm[end:after]
    if len(rest) == 4 and rest[:2] in ("19", "20") and after < n and norm[after] in "年-./":
        return end
    pos = _skip_spaces(norm, after)
    if pos < n and norm[pos] in "余多":
        pos += 1
    return end if _lookup_unit(norm, pos) in _COUNT_UNITS else 0


def _marker_spans(norm: str) -> list[tuple[int, int]]:
    """perfdecl.phrases.markers._marker_spans as it was."""
    starts = {0}
    for char in "\n\r\t":
        pos = norm.find(char)
        while pos != -1:
            starts.add(pos + 1)
            pos = norm.find(char, pos + 1)
    spans: list[tuple[int, int]] = []
    for start in sorted(starts):
        end = _marker_end(norm, _skip_spaces(norm, start))
        if end:
            spans.append((start, end))
    return spans


def _item_spans(norm: str) -> tuple[tuple[int, int], ...]:
    """perfdecl.phrases.markers._item_spans as it was."""
    spans: list[tuple[int, int]] = []
    n = len(norm)
    for sep in ".、":
        pos = norm.find(sep)
        while pos != -1:
            start = pos
            while start > 0 and pos - start < 4 and "0" <= norm[start - 1] <= "9":
                start -= 1
            nxt = norm[pos + 1] if pos + 1 < n else ""
            if (
                1 <= pos - start <= 3
                and not (start > 0 and (norm[start - 1] == "." or "0" <= norm[start - 1] <= "9"))
                and nxt
                and not "0" <= nxt <= "9"
                and not nxt.isspace()
                and _follows_cjk(norm, start)
            ):
                spans.append((start, pos + 1))
            pos = norm.find(sep, pos + 1)
    spans.sort()
    return tuple(spans)


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
    spans = _marker_spans(norm)
    spans.extend((h.start, h.end) for h in _date_hits(norm))
    spans.extend(_item_spans(norm))
    if not spans:
        return norm
    chars = list(norm)
    for start, end in spans:
        chars[start:end] = _MASK * (end - start)
    return "".join(chars)


def _clause_start(masked: str, pos: int, floor: int) -> int:
    low = max(floor, pos - _CLAUSE_LIMIT)
    i = pos
    while i > low:
        if masked[i - 1] in _BOUNDARY:
            return i
        i -= 1
    return low


def _subject(text: str, start: int, end: int) -> str:
    raw = text[start:end]
    cut = max((raw.rfind(w) + len(w) for w in _SUBJECT_TIME if w in raw), default=0)
    raw = raw[cut:].strip(_SUBJECT_STRIP)
    while word := _starts_with_any(raw, 0, _SUBJECT_LEAD):
        raw = raw[len(word) :]
    while word := _ends_with_any(raw, _SUBJECT_TRAIL):
        raw = raw[: -len(word)]
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


class _Number:
    """A number as written: Arabic digits (with , groups and decimals) or a Chinese run."""

    __slots__ = ("digits_start", "end", "pct", "run", "start")

    def __init__(self, masked: str, start: int, end: int) -> None:
        self.digits_start = start
        self.pct = masked[max(0, start - 3) : start] == "百分之"
        self.start = start - 3 if self.pct else start
        self.run = masked[start:end]
        if "0" <= self.run[0] <= "9":
            end = _read_arabic_tail(masked, start, end)
            self.run = masked[start:end]
        self.end = end

    @property
    def is_cn(self) -> bool:
        return not "0" <= self.run[0] <= "9"


def _read_arabic_tail(masked: str, start: int, end: int) -> int:
    """Extend "1" to "1,200.5": thousands groups (after 1-3 digits) and decimals."""
    n = len(masked)
    if end - start <= 3:
        while (
            end + 3 < n
            and masked[end] == ","
            and masked[end + 1 : end + 4].isdigit()
            and masked[end + 1 : end + 4].isascii()
            and (end + 4 >= n or not "0" <= masked[end + 4] <= "9")
        ):
            end += 4
    if end + 1 < n and masked[end] == "." and "0" <= masked[end + 1] <= "9":
        end += 1
        while end < n and "0" <= masked[end] <= "9":
            end += 1
    return end


def _read_value(num: _Number, masked: str, quotes: list[tuple[int, int]]) -> Decimal | None:
    """The number's value, or None when this number is not a quantity."""
    n = len(masked)
    start, end = num.digits_start, num.end
    nxt = masked[end] if end < n else ""
    nxt2 = masked[end + 1] if end + 1 < n else ""
    prev = masked[start - 1] if start > 0 else ""
    if not num.is_cn:
        prev2 = masked[start - 2] if start > 1 else ""
        if not num.pct:
            if _is_ascii_letter(prev) or prev in ("+", "#", "_", "第", "每"):
                return None
            if prev in ("/", ":", ".") and "0" <= prev2 <= "9":
                return None
        if nxt == "+" or (nxt in ("/", ":", ".") and "0" <= nxt2 <= "9"):
            return None
        return Decimal(num.run.replace(",", ""))
    if not num.pct:
        if prev in ("第", "每", "周", "之") or masked[start - 2 : start] == "星期":
            return None
        if _in_spans(start, quotes):
            return None
        if masked[end : end + 2] == "分之":
            return None
    value = _cn_to_int(num.run)
    return None if value is None else Decimal(value)


_Reading = tuple[Decimal, str, bool, int]
"""What follows a number: (value, unit, whether 余/多 was read, position after)."""


def _candidate(
    text: str,
    masked: str,
    num: _Number,
    floor: int,
    quotes: list[tuple[int, int]],
) -> _Cand | None:
    value = _read_value(num, masked, quotes)
    if value is None:
        return None
    reading: _Reading | None
    if num.pct:
        reading = (value, "%", False, num.end)
    elif num.is_cn:
        reading = _read_cn_count(masked, num, value)
    else:
        reading = _read_arabic_unit(masked, num, value)
    if reading is None:
        return None
    value, unit, more, pos = reading
    if not unit and not more and pos > num.end:
        pos = num.end  # nothing read after the number: keep the span tight
    suffix_word, pos = _suffix_word(masked, pos, unit)
    clause = _clause_start(masked, num.start, floor)
    prefix_word, span_start = _prefix_word(masked, num.start, clause)
    comparison = _comparison(prefix_word, suffix_word, more)
    subject = _subject(text, clause, span_start)
    return _Cand(
        start=span_start,
        end=pos,
        value=value,
        unit=unit or _unit_hint(subject),
        comparison=comparison,
        explicit=bool(prefix_word or suffix_word or more or num.pct),
        approximate=comparison == "~" and prefix_word in _WEAK_WORDS and not suffix_word,
        subject=subject,
    )


def _read_cn_count(masked: str, num: _Number, value: Decimal) -> _Reading | None:
    """A Chinese numeral counts only before a measure word: "两次", "二十余人", "三万元"."""
    n = len(masked)
    run = num.run
    prefix_unit = ""
    more = False
    bare = not any(c in _CN_DIGITS or c == "十" for c in run)
    if len(run) > 1 and run[-1] in _CN_BIG:
        core = _cn_to_int(run[:-1])
        if core is None:
            return None
        value = Decimal(core)
        prefix_unit = run[-1]
    pos = _skip_spaces(masked, num.end)
    if pos < n and masked[pos] in "余多":
        more = True
        pos += 1
    if bare and not more:
        return None
    unit = _lookup_unit(masked, pos)
    if unit not in _CN_UNITS:
        return None
    pos += len(unit)
    if pos < n and masked[pos] == "性":
        return None  # 一次性, 一票否决性: an adjective, not a count
    return value, prefix_unit + unit, more, pos


def _read_arabic_unit(masked: str, num: _Number, value: Decimal) -> _Reading | None:
    """The unit after Arabic digits, with 余/多, 万/亿 (kept in the unit), 千/百 (multiplied)."""
    n = len(masked)
    prefix_unit = ""
    pos = _skip_spaces(masked, num.end)
    more, pos = _read_more(masked, pos)
    unit = _lookup_unit(masked, pos)
    if not unit and pos < n and masked[pos] in "万亿千百":
        char = masked[pos]
        if char in "万亿":
            prefix_unit = char
        else:
            try:
                value *= _MAGNITUDE[char]
            except DecimalException:  # pragma: no cover - absurd exponents only
                return None
        pos += 1
        more_after, pos = _read_more(masked, pos)
        more = more or more_after
        unit = _lookup_unit(masked, pos)
    if unit:
        pos += len(unit)
    if unit == "日":
        if not masked.startswith(("内", "以内", "之内"), _skip_spaces(masked, pos)):
            return None
    elif unit in _BLOCKED_UNITS:
        return None
    if unit:
        unit, pos = _read_per_units(masked, unit, pos)
    elif pos < n and _is_ascii_letter(masked[pos]):
        return None  # "5G", "3A级": part of a name
    return value, prefix_unit + unit, more, pos


def _suffix_word(masked: str, pos: int, unit: str) -> tuple[str, int]:
    """A comparison word after the number and unit (以上, 以内, 左右), and the end it gives."""
    after = _skip_spaces(masked, pos)
    if masked.startswith("(含)", after):
        after = _skip_spaces(masked, after + 3)
    word = _starts_with_any(masked, after, _SUFFIX_ORDER)
    if word and (word != "内" or unit in _TIME_UNITS):
        return word, after + len(word)
    return "", pos


def _prefix_word(masked: str, num_start: int, clause: int) -> tuple[str, int]:
    """A comparison word before the number, and where the target's span starts.

    A word right before the number (weak or strong) wins; failing one, a strong word may stand
    up to ``_STRONG_GAP`` characters before it, with no digit between.
    """
    window_start = max(clause, num_start - 8)
    window = masked[window_start:num_start].rstrip(" \t")
    word = _ends_with_any(window, _PREFIX_ORDER)
    word_start = window_start + len(window) - len(word)
    if word and not (word == "~" and word_start > 0 and masked[word_start - 1].isdigit()):
        return word, word_start
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


def _read_more(masked: str, pos: int) -> tuple[bool, int]:
    """Read 余/多 ("more than") when a unit, magnitude or clause end follows."""
    if pos < len(masked) and masked[pos] in "余多":
        after = pos + 1
        if (
            after >= len(masked)
            or masked[after] in _BOUNDARY
            or masked[after] in "万亿千百"
            or _lookup_unit(masked, after) in _UNITS
        ):
            return True, after
    return False, pos


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


def _parse_targets(text: str) -> tuple[ParsedTarget, ...]:
    if not text:
        return ()
    norm = normalize(text)
    masked = _mask(norm)
    quotes = _quote_spans(masked)
    cands: list[_Cand] = []
    floor = 0
    read_up_to = 0
    for m in _NUMERAL_RUN_RE.finditer(masked):
        if m.start() < read_up_to:
            continue  # read already: "200" of "1,200", 千 of "3千余张"
        num = _Number(masked, m.start(), m.end())
        read_up_to = num.end
        cand = _candidate(text, masked, num, floor, quotes)
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


def is_quantified(text: str) -> bool:
    """True when the text states a number with a unit or comparison, or a date.

    A bare year ("2019年") is not enough: it names the period, not a target.
    """
    if _parse_targets(text[:MAX_TEXT]):
        return True
    return any(d.kind != "year" for d in parse_dates(text))
