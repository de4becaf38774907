"""Read Chinese target phrases (指标值) into comparison, value, unit and dates.

Published declarations fold an indicator's name, comparison, value and unit into
one sentence ("全年发放借书证（张）不低于50张"). The rules need those parts back,
and need to tell a target number from a list number, a year, a date, an address
or a document number. Everything here is pure stdlib, compiled once at import,
and total: no public function raises on any ``str``.

Conventions, decided once and applied everywhere:

* 达/达到 before a number mean ``>=`` ("达到100%" is met by 100%).
* 余/多 after a number mean ``>``, the value kept as written ("570余人次" ->
  ``>`` 570 人次; "千余张" -> ``>`` 1000 张).
* 万/亿 after an Arabic number stay in the unit and the value is kept as written
  ("23.5万余平米" -> ``>`` 23.5 万平米, "4767.16万元" -> 4767.16 万元); 千/百
  after an Arabic number multiply the value unless they begin a unit (千米, 千克,
  千瓦, 千元, 百分点).
* 以上 means ``>=``; 以下/以内/之内 (and 内 after a time unit) mean ``<=``;
  约/大约/左右 mean ``~``; an explicit comparison before the number wins over one
  after it, which wins over 余/多, which win over 达/达到 and 约.
* "5-10人" / "5至10人" is a range: two targets, ``>=`` 5 人 and ``<=`` 10 人
  ("约20-30人" too: the range says more than the 约).
* A full-width comma is a clause break, never a thousands separator: "1,200人"
  is 1200 人, "1，200人" is 200 人.
* A target's span runs from its comparison word (when one is written before the
  number) to the end of its unit or trailing comparison word.
* A line-start "1." / "1、" / "1)" / "(1)" is a list marker, never a target. At
  line start "6.10个社区" reads as marker 6 then 10 个 when the decimal reading
  would give a count a fraction, or the rest is a year ("3.2019年"). A line
  starts at the text start or after a newline or a tab (a table cell).
* Years ("2019年", "2018年度") are years, never counts, and alone do not make a
  text quantified; full dates, month ends and year ends do. A month without a
  day is its first day, or its last day when it is a deadline (截止/前/底).
* Chinese numerals count only right before a measure word ("两次", "二十余人"),
  never after 第/每, inside quotes, or in words such as 一次性.
* A text is read up to ``MAX_TEXT`` characters (all but ``normalize``): a real
  indicator is under 1,000, and a hostile one of 15 MB took 4 s. Rule PD237 says
  which texts were not read to the end.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, DecimalException
from functools import cache, lru_cache
from typing import Final, Literal

__all__ = [
    "MAX_TEXT",
    "VAGUE_WORDS",
    "Comparison",
    "ParsedDate",
    "ParsedTarget",
    "is_quantified",
    "is_question",
    "item_number_inside",
    "normalize",
    "parse_dates",
    "parse_targets",
    "relative_only",
    "vague_words",
    "years_mentioned",
]

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


# --------------------------------------------------------------------------- normalize

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
_OTHER_DIGIT: Final = re.compile(r"(?![0-9])\d")
# Chinese numerals are found as runs of one stand-in character: a regex class
# of CJK characters costs more to compile than the whole scan.
_CN_NUMERALS: Final = "零〇一二两三四五六七八九十百千万亿"
_CN_MARK: Final = "\x01"
_CN_TO_MARK: Final = {ord(c): _CN_MARK for c in _CN_NUMERALS}
_RUN_RE: Final = re.compile("[0-9]+|\x01+")


def _ascii_digit(match: re.Match[str]) -> str:
    char = match.group()
    digit = unicodedata.decimal(char, -1)
    return str(digit) if 0 <= digit <= 9 else char


KEEP_BETWEEN_FILES = 4096
"""Texts the parsers below remember (see :func:`trim_caches`)."""


@cache
def normalize(text: str) -> str:
    """Map full-width digits, letters and symbols to ASCII, one char for one.

    Offsets into the result are offsets into the input, so every span found on
    the normalized text points into the original. CJK punctuation (，；：！？、。)
    is kept because it separates clauses.
    """
    out = text.translate(_TABLE)
    if not out.isascii():
        out = _OTHER_DIGIT.sub(_ascii_digit, out)
    return out


# --------------------------------------------------------------------------- units

# Units are written as one string of one-character units plus the longer ones.
_COUNT_UNITS: Final = (
    frozenset(
        "个人名位户家所项件套台辆部张条篇册本份期次场批处座支只头棵株盏块间栋幢根副双组队种门节堂班宗笔例床首幅集页字"
    )
    | {"人次", "户次", "家次", "项次", "件次", "张次", "篇次", "册次", "份次", "场次", "批次"}
    | {"车次", "架次", "课时", "学时", "人天", "人日", "人月"}
)
_OTHER_UNITS: Final = (
    frozenset("%‰成倍分岁元角㎡亩米吨克升瓦年周天秒")
    | {"个百分点", "百分点", "万元", "亿元", "千元", "美元", "平方米", "平米", "平方公里"}
    | {"平方千米", "m²", "m2", "公顷", "立方米", "m³", "m3", "公里", "千米", "km", "厘米"}
    | {"毫米", "千克", "公斤", "kg", "毫升", "千瓦", "千瓦时", "kW", "kWh", "个月", "小时"}
    | {"分钟", "个工作日", "工作日", "个季度", "季度", "学期"}
)
_UNITS: Final = _COUNT_UNITS | _OTHER_UNITS
# Words that look like units but follow addresses, ordinals, clock times,
# anniversaries, calendar months and days, and fractions: never a target.
_BLOCKED_UNITS: Final = frozenset("号届点时楼层级月日") | {"号楼", "周年", "分之"}
_ALL_UNITS: Final = _UNITS | _BLOCKED_UNITS
_UNIT_LENGTHS: Final = tuple(sorted({len(u) for u in _ALL_UNITS}, reverse=True))
# Units a Chinese numeral may count (一次, 两场); not 年/分/成/期/部/门/节/种...,
# which make words (十分, 一成不变, 二期, 一部分, 一门心思).
_CN_UNITS: Final = frozenset(
    "个人名位户家所项件套台辆张条篇册本份次场批处座支间栋幢组队天周元倍岁"
) | {"人次", "册次", "场次", "小时", "个月", "个工作日", "万元"}
_TIME_UNITS: Final = (
    frozenset("年周天日秒") | {"个月", "小时", "分钟", "工作日"} | {"个工作日", "个季度", "季度"}
)
# After a slash ("500元/月/人") calendar words are fine; addresses still are not.
_NOT_PER_UNIT: Final = frozenset({"号", "号楼", "周年", "届", "分之"})


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


def _lookup_unit(text: str, pos: int) -> str:
    """Longest unit (or blocked unit-like word) starting at ``pos``, or ""."""
    for length in _UNIT_LENGTHS:
        cand = text[pos : pos + length]
        if len(cand) == length and cand in _ALL_UNITS:
            after = pos + length
            if cand.isascii() and after < len(text) and _is_ascii_letter(text[after]):
                continue
            return cand
    return ""


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
    for word in words:
        if text.endswith(word):
            return word
    return ""


def _starts_with_any(text: str, pos: int, words: tuple[str, ...]) -> str:
    """The longest of ``words`` (sorted longest first) found at ``pos``, or ""."""
    for word in words:
        if text.startswith(word, pos):
            return word
    return ""


# --------------------------------------------------------------------------- Chinese numerals

_CN_DIGITS: Final = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL: Final = {"十": 10, "百": 100, "千": 1000}
_CN_BIG: Final = {"万": 10_000, "亿": 100_000_000}
_CN_MAX_LEN: Final = 12
_MAGNITUDE: Final = {"千": Decimal(1000), "百": Decimal(100)}


def _cn_to_int(run: str) -> int | None:
    """Value of a Chinese numeral ("二十五", "两千", "二〇一九"), None if malformed."""
    if not run or len(run) > _CN_MAX_LEN or not all(c in _CN_NUMERALS for c in run):
        return None
    if all(c in _CN_DIGITS for c in run):
        value = 0
        for c in run:
            value = value * 10 + _CN_DIGITS[c]
        return value
    total = 0
    section = 0
    digit: int | None = None
    for c in run:
        if c in _CN_DIGITS:
            if digit:  # two non-zero digits in a row: "一二十"
                return None
            digit = _CN_DIGITS[c]
        elif c in _CN_SMALL:
            section += (1 if digit is None else digit) * _CN_SMALL[c]
            digit = None
        else:
            total += ((section + (digit or 0)) or 1) * _CN_BIG[c]
            section = 0
            digit = None
    return total + section + (digit or 0)


# --------------------------------------------------------------------------- dates and years

_CN_YEAR_DIGITS: Final = frozenset("〇零一二三四五六七八九")
_DEADLINE_BEFORE: Final = _longest_first(
    {"截止", "截至", "截止到", "截止至", "截止于", "截至于", "到", "至"}
    | {"不晚于", "不迟于", "最迟", "最迟于", "最晚", "最晚于"}
)
_DEADLINE_AFTER: Final = _longest_first(("之前", "以前", "为止", "止", "前"))
# "2019年前三季度" is a period, not "before 2019".
_NOT_AFTER_QIAN: Final = frozenset("0123456789一二三四五六七八九十两期端列")
_MONTH_END: Final = ("下旬", "底", "末")
_YEAR_RANGE_SEPARATORS: Final = ("-", "~", "—", "至", "到")
_YEAR_MIN: Final = 1900
_YEAR_MAX: Final = 2099


class _DateHit:
    """A year as written, with the date it opens (if any) and the span to mask."""

    __slots__ = ("date", "end", "mention", "start")

    def __init__(
        self, start: int, end: int, mention: tuple[int, int, int], date: ParsedDate | None
    ) -> None:
        self.start = start
        self.end = end
        self.mention = mention
        self.date = date


def _read_int(text: str, pos: int, most: int) -> tuple[int | None, int]:
    """Up to ``most`` ASCII digits at ``pos``: (value or None, position after)."""
    end = pos
    while end < len(text) and end - pos < most and "0" <= text[end] <= "9":
        end += 1
    return (int(text[pos:end]) if end > pos else None), end


def _last_day(year: int, month: int) -> datetime.date:
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def _is_deadline(norm: str, start: int, end: int) -> bool:
    before = norm[max(0, start - 6) : start].rstrip(" ")
    if _ends_with_any(before, _DEADLINE_BEFORE):
        return True
    pos = _skip_spaces(norm, end)
    word = _starts_with_any(norm, pos, _DEADLINE_AFTER)
    if word == "前":
        return pos + 1 >= len(norm) or norm[pos + 1] not in _NOT_AFTER_QIAN
    return bool(word)


def _after_nian(norm: str, year: int, start: int, nian_end: int) -> _DateHit:
    """Read what follows "2019年": a day, a month (end), a year end, 年度, or nothing."""
    n = len(norm)
    du_end = nian_end + 1 if norm.startswith("度", nian_end) else nian_end
    mention = (year, start, du_end)
    year_only = ParsedDate(datetime.date(year, 1, 1), "year", start, du_end)
    month, pos = _read_int(norm, _skip_spaces(norm, nian_end), 2)
    pos = _skip_spaces(norm, pos)
    if month is not None and pos < n and norm[pos] == "月":
        month_end = pos + 1
        day, pos = _read_int(norm, _skip_spaces(norm, month_end), 2)
        pos = _skip_spaces(norm, pos)
        if day is not None and pos < n and norm[pos] in "日号":
            end = pos + 1
            try:
                date = datetime.date(year, month, day)
            except ValueError:
                return _DateHit(start, end, mention, year_only)
            kind: DateKind = "deadline" if _is_deadline(norm, start, end) else "date"
            return _DateHit(start, end, mention, ParsedDate(date, kind, start, end))
        if not 1 <= month <= 12:
            return _DateHit(start, month_end, mention, year_only)
        pos = _skip_spaces(norm, month_end)
        word = _starts_with_any(norm, pos, _MONTH_END)
        end = pos + len(word) if word else month_end
        if word or _is_deadline(norm, start, end):
            date = _last_day(year, month)
            return _DateHit(start, end, mention, ParsedDate(date, "deadline", start, end))
        date = datetime.date(year, month, 1)
        return _DateHit(start, end, mention, ParsedDate(date, "date", start, end))
    pos = _skip_spaces(norm, nian_end)
    if norm.startswith("度", pos):
        pos = _skip_spaces(norm, pos + 1)
    if norm.startswith("年", pos):
        pos = _skip_spaces(norm, pos + 1)
    if pos < n and norm[pos] in "底末":  # 2019年底, 2019年年底, 2019年度末
        end = pos + 1
        date = datetime.date(year, 12, 31)
        return _DateHit(start, end, mention, ParsedDate(date, "deadline", start, end))
    if _is_deadline(norm, start, du_end):  # 到2020年: by the end of 2020
        date = datetime.date(year, 12, 31)
        return _DateHit(start, du_end, mention, ParsedDate(date, "deadline", start, du_end))
    return _DateHit(start, du_end, mention, year_only)


def _numeric_date(norm: str, year: int, start: int, end: int) -> _DateHit | None:
    """Read "2019-12-31", "2019.12.31" or "2019/12/31" (one separator throughout)."""
    sep = norm[end] if end < len(norm) else ""
    if sep not in ("-", ".", "/") or (start > 0 and norm[start - 1] == "."):
        return None
    month, pos = _read_int(norm, end + 1, 2)
    if month is None or not norm.startswith(sep, pos):
        return None
    day, stop = _read_int(norm, pos + 1, 2)
    if day is None or (stop < len(norm) and "0" <= norm[stop] <= "9"):
        return None
    mention = (year, start, end)
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        return _DateHit(
            start, stop, mention, ParsedDate(datetime.date(year, 1, 1), "year", start, end)
        )
    kind: DateKind = "deadline" if _is_deadline(norm, start, stop) else "date"
    return _DateHit(start, stop, mention, ParsedDate(date, kind, start, stop))


def _starts_year_range(norm: str, pos: int) -> bool:
    """True at "-2021年" / "至2021年": the first year of "2019-2021年" is named too."""
    pos = _skip_spaces(norm, pos)
    sep = _starts_with_any(norm, pos, _YEAR_RANGE_SEPARATORS)
    if not sep:
        return False
    pos = _skip_spaces(norm, pos + len(sep))
    _, end = _read_int(norm, pos, 5)
    return _is_year_token(norm[pos:end]) and norm.startswith("年", _skip_spaces(norm, end))


def _is_year_token(digits: str) -> bool:
    return len(digits) == 4 and digits[:2] in ("19", "20")


@cache
def _date_hits(norm: str) -> tuple[_DateHit, ...]:
    """Every year written with 年, as a numeric date, or opening a year range (shared: read-only)."""
    hits: list[_DateHit] = []
    for m in _RUN_RE.finditer(norm):
        if not _is_year_token(m.group()):
            continue
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


def parse_dates(text: str) -> list[ParsedDate]:
    """Dates, month ends, year ends and years, in order; deadlines marked.

    截止/截至/到/至 before, or 前/之前/以前/止 after, make a deadline, and so do
    月底/年底/年末. Timeliness rows need a date; years outside the declaration
    year are a finding of their own.
    """
    return [h.date for h in _date_hits(normalize(text[:MAX_TEXT])) if h.date is not None]


def years_mentioned(text: str) -> list[tuple[int, int, int]]:
    """(year, start, end) for every year named: "2019年", "2018年度", "2019-12-31".

    Years in document numbers ("财预〔2015〕88号") are citations and are left
    out; the span covers 年/年度 when written.
    """
    return [h.mention for h in _date_hits(normalize(text[:MAX_TEXT]))]


# --------------------------------------------------------------------------- list and item numbers


def _marker_end(norm: str, pos: int) -> int:
    """End of a list marker ("1." "1、" "1)" "(1)") at ``pos``, or 0."""
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


def _item_spans(norm: str) -> list[tuple[int, int]]:
    """Spans of "6." / "5、" left inside a sentence (see item_number_inside)."""
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
    return spans


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


# --------------------------------------------------------------------------- comparisons

_PREFIX_WORDS: Final[dict[str, Comparison]] = {
    "不低于": ">=",
    "不少于": ">=",
    "不小于": ">=",
    "至少": ">=",
    "最少": ">=",
    "达到": ">=",
    "达": ">=",
    ">=": ">=",
    "=>": ">=",
    "≥": ">=",
    "不高于": "<=",
    "不超过": "<=",
    "不大于": "<=",
    "不多于": "<=",
    "最多": "<=",
    "至多": "<=",
    "控制在": "<=",
    "<=": "<=",
    "=<": "<=",
    "≤": "<=",
    "超过": ">",
    "高于": ">",
    "大于": ">",
    "多于": ">",
    ">": ">",
    "低于": "<",
    "少于": "<",
    "小于": "<",
    "<": "<",
    "大约": "~",
    "约为": "~",
    "约": "~",
    "≈": "~",
    "~": "~",
    "=": "=",
}
# Weak words count only right before the number and yield to everything else.
_WEAK_WORDS: Final = frozenset({"达到", "达", "大约", "约为", "约", "≈", "~"})
# Strong words may stand a few characters before their number ("高于公益金总额的30%").
_STRONG_WORDS: Final = tuple(w for w in _PREFIX_WORDS if w not in _WEAK_WORDS and _is_cjk(w[0]))
_PREFIX_ORDER: Final = _longest_first(_PREFIX_WORDS)
_STRONG_GAP: Final = 12
_SUFFIX_WORDS: Final[dict[str, Comparison]] = {
    "及以上": ">=",
    "或以上": ">=",
    "以上": ">=",
    "及以下": "<=",
    "或以下": "<=",
    "以下": "<=",
    "以内": "<=",
    "之内": "<=",
    "内": "<=",
    "左右": "~",
}
_SUFFIX_ORDER: Final = _longest_first(_SUFFIX_WORDS)
_RANGE_SEPARATORS: Final = frozenset({"-", "~", "—", "至", "到"})

# --------------------------------------------------------------------------- targets

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
    n = len(masked)
    is_cn = num.is_cn
    is_pct = num.pct
    pos = num.end
    unit = ""
    prefix_unit = ""
    more = False

    if is_cn and not is_pct:
        run = num.run
        bare = not any(c in _CN_DIGITS or c == "十" for c in run)
        if len(run) > 1 and run[-1] in _CN_BIG:
            core = _cn_to_int(run[:-1])
            if core is None:
                return None
            value = Decimal(core)
            prefix_unit = run[-1]
        pos = _skip_spaces(masked, pos)
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
        unit = prefix_unit + unit
    elif is_pct:
        unit = "%"
    else:
        pos = _skip_spaces(masked, pos)
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
        unit = prefix_unit + unit

    if not unit and not more and prefix_unit == "" and pos > num.end:
        pos = num.end  # nothing read after the number: keep the span tight

    suffix_word = ""
    after = _skip_spaces(masked, pos)
    if masked.startswith("(含)", after):
        after = _skip_spaces(masked, after + 3)
    word = _starts_with_any(masked, after, _SUFFIX_ORDER)
    if word and (word != "内" or unit in _TIME_UNITS):
        suffix_word = word
        pos = after + len(word)

    num_start = num.start
    clause = _clause_start(masked, num_start, floor)
    prefix_word = ""
    span_start = num_start
    window_start = max(clause, num_start - 8)
    window = masked[window_start:num_start].rstrip(" \t")
    word = _ends_with_any(window, _PREFIX_ORDER)
    word_start = window_start + len(window) - len(word)
    if word and not (word == "~" and word_start > 0 and masked[word_start - 1].isdigit()):
        prefix_word = word
        span_start = word_start
    if not prefix_word:
        gap_start = max(clause, num_start - _STRONG_GAP - 4)
        gap = masked[gap_start:num_start]
        best = max(
            ((gap.rfind(w) + len(w), len(w), w) for w in _STRONG_WORDS if w in gap),
            default=None,
        )
        if best is not None:
            between = gap[best[0] :]
            if len(between) <= _STRONG_GAP and not any(c.isdigit() for c in between):
                prefix_word = best[2]
                span_start = gap_start + best[0] - best[1]

    comparison: Comparison
    if prefix_word and prefix_word not in _WEAK_WORDS:
        comparison = _PREFIX_WORDS[prefix_word]
    elif suffix_word:
        comparison = _SUFFIX_WORDS[suffix_word]
    elif more:
        comparison = ">"
    elif prefix_word:
        comparison = _PREFIX_WORDS[prefix_word]
    else:
        comparison = "="

    subject = _subject(text, clause, span_start)
    return _Cand(
        start=span_start,
        end=pos,
        value=value,
        unit=unit or _unit_hint(subject),
        comparison=comparison,
        explicit=bool(prefix_word or suffix_word or more or is_pct),
        approximate=comparison == "~" and prefix_word in _WEAK_WORDS and not suffix_word,
        subject=subject,
    )


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


@cache
def _parse_targets(text: str) -> tuple[ParsedTarget, ...]:
    if not text:
        return ()
    norm = normalize(text)
    masked = _mask(norm)
    quotes = _quote_spans(masked)
    cands: list[_Cand] = []
    floor = 0
    read_up_to = 0
    for m in _RUN_RE.finditer(masked.translate(_CN_TO_MARK)):
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


@cache
def is_quantified(text: str) -> bool:
    """True when the text states a number with a unit or comparison, or a date.

    A bare year ("2019年") is not enough: it names the period, not a target.
    """
    if _parse_targets(text[:MAX_TEXT]):
        return True
    return any(d.kind != "year" for d in parse_dates(text))


# --------------------------------------------------------------------------- wording

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
)
_VAGUE_ORDER: Final = _longest_first(VAGUE_WORDS)


def vague_words(text: str, extra: Iterable[str] = ()) -> list[tuple[str, int]]:
    """(word, offset) of each vague word: wording that promises without measuring.

    Matches do not overlap; at one position the longest word wins.
    """
    more = {w for w in extra if w}
    words = _longest_first(set(VAGUE_WORDS) | more) if more else _VAGUE_ORDER
    return [(m.group(), m.start()) for m in _alternation(words).finditer(text[:MAX_TEXT])]


@lru_cache(maxsize=64)
def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    """Longest-first alternation: the regex engine then takes, scanning left to right, the
    longest word at the first position where one starts, and skips what it covers."""
    return re.compile("|".join(re.escape(w) for w in words))


_QUESTION_WORDS: Final = ("是否", "能否", "可否", "是不是", "有没有", "与否")


def is_question(text: str) -> bool:
    """True when a value is phrased as a question (是否…): nothing to measure."""
    text = text[:MAX_TEXT]
    return any(w in text for w in _QUESTION_WORDS) or text.rstrip().endswith(("?", "？"))


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


_CACHES = (normalize, _date_hits, _parse_targets, is_quantified)


def trim_caches(keep: int = KEEP_BETWEEN_FILES) -> None:
    """Forget remembered texts once there are more than ``keep``; called between files.

    Rules ask about the same indicator text many times (about 200 parses per declaration
    without the caches), so within one file every text is remembered: a bounded LRU thrashed
    on a 5 MB declaration's 4,600 texts (1.4 -> 6 s). Between files the caches are emptied when
    they outgrow ``keep``, which keeps memory flat over thousands of files while consecutive
    declarations of a unit still share their repeated wording.
    """
    if normalize.cache_info().currsize > keep:
        for cached in _CACHES:
            cached.cache_clear()
