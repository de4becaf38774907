"""Dates, month ends, year ends and years, and which of them are deadlines."""

from __future__ import annotations

import datetime
import re
from functools import cache
from typing import Final

from perfdecl.phrases.base import (
    MAX_TEXT,
    DateKind,
    ParsedDate,
    _ends_with_any,
    _longest_first,
    _read_int,
    _skip_spaces,
    _starts_with_any,
)
from perfdecl.phrases.normalize import normalize
from perfdecl.phrases.numbers import _cn_to_int

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


def _year_runs(norm: str) -> list[int]:
    """Where the runs of ASCII digits that :func:`_is_year_token` accepts (four digits, 19xx or
    20xx) start, in order.

    A text holds few 19s and 20s (0.8 in the long texts of a 5 MB declaration), found by
    str.find and tested where they stand: a regex scan for them tested every character against
    1 and 2 in the engine (about 43 k instructions a 340-character text that holds one)."""
    starts: list[int] = []
    n = len(norm)
    for literal in ("19", "20"):
        pos = norm.find(literal)
        while pos != -1:
            end = pos + 4
            if (
                end <= n
                and (pos == 0 or not "0" <= norm[pos - 1] <= "9")
                and "0" <= norm[pos + 2] <= "9"
                and "0" <= norm[pos + 3] <= "9"
                and (end == n or not "0" <= norm[end] <= "9")
            ):
                starts.append(pos)
            pos = norm.find(literal, pos + 1)
    if len(starts) > 1:
        starts.sort()
    return starts


_CN_YEAR_CHARS: Final = "".join(sorted(_CN_YEAR_DIGITS))


@cache
def _date_hits(norm: str) -> tuple[_DateHit, ...]:
    """Every year written with 年, as a numeric date, or opening a year range (shared: read-only)."""
    hits: list[_DateHit] = []
    for start in _year_runs(norm) if "19" in norm or "20" in norm else ():
        end = start + 4
        year = int(norm[start:end])
        after = _skip_spaces(norm, end)
        if norm.startswith("年", after):
            hits.append(_after_nian(norm, year, start, after + 1))
            continue
        hit = _numeric_date(norm, year, start, end)
        if hit is not None:
            hits.append(hit)
        elif _starts_year_range(norm, end):
            hits.append(_DateHit(start, end, (year, start, end), None))
    # A year in Chinese numerals ("二〇一九年"): four year digits, not after a fifth, before a
    # 年. A text holds a few 年 (1.6 in the long texts of a 5 MB declaration), found by
    # str.find, whose four characters before are then tested; a regex scan for the digits
    # tested every character (about 27 k instructions a 340-character text). With _year_runs:
    # 241 -> 152 M instructions over the 4,617 long texts of that declaration, 11.2 -> 10.3 M
    # over the 959 texts of 20 generated files.
    pos = norm.find("年", 4)
    while pos != -1:
        start = pos - 4
        if not norm[start:pos].strip(_CN_YEAR_CHARS) and (
            start == 0 or norm[start - 1] not in _CN_YEAR_DIGITS
        ):
            cn_year = _cn_to_int(norm[start:pos])
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
    hits = _date_hits(normalize(text[:MAX_TEXT]))
    return [h.date for h in hits if h.date is not None] if hits else []  # most texts: none


def years_mentioned(text: str) -> list[tuple[int, int, int]]:
    """(year, start, end) for every year named: "2019年", "2018年度", "2019-12-31".

    Years in document numbers ("财预〔2015〕88号") are citations and are left
    out; the span covers 年/年度 when written.
    """
    hits = _date_hits(normalize(text[:MAX_TEXT]))
    return [h.mention for h in hits] if hits else []


_NUM = r"(?:[0-9０-９]+|[一二两三四五六七八九十百]+)"
_PERIOD = re.compile(
    "|".join(
        (
            rf"{_NUM}\s*(?:个)?(?:工作日|自然日|日|天|周|星期|个月|月|季度|年)(?:内|以内|之内)",
            rf"(?:周期|工期|期限|时限|用时|历时)[为是:：]?\s*{_NUM}\s*(?:个)?(?:工作日|天|日|周|个月|月|年)",
            rf"{_NUM}\s*[-－~～至到]\s*{_NUM}\s*月",  # 1-6月, 3至9月
            r"(?:第)?[一二三四1-4１-４]\s*季度",
            r"(?:上|下)半年",
            # a month of the declaration's year as the deadline: 12月底到位, 6月前完成, 10月份以前
            r"(?<![0-9])(?:1[0-2]|0?[1-9]|十[一二]|[一二三四五六七八九十])\s*月份?\s*"
            r"(?:底|末|中旬|上旬|下旬|[0-9]{1,2}\s*[日号])?\s*(?:前|之前|以前|底|末|止)",
            r"(?:年底|年末|年中|年初|年内|当年|本年度?|年度内)(?:前|内|以前|之前)?(?:完成|办结|下达|拨付|到位|实施)",
            r"(?:19|20)[0-9]{2}\s*(?:年)?\s*[-－~～至到]\s*(?:19|20)[0-9]{2}\s*年",
        )
    )
)


def states_period(text: str) -> bool:
    """True when the text states a period other than a date: a duration (3个月内, 10个工作日内,
    工期6个月), a month range (1-6月), a quarter (第三季度), a half (上半年), a month as the
    deadline (12月底到位, 6月前完成), the year's end as a
    deadline (年底前完成, 当年下达) or a range of years (2019-2021年)."""
    return _PERIOD.search(normalize(text[:MAX_TEXT])) is not None
