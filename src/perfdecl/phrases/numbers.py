"""Numbers and units: the unit tables, unit lookup, and Chinese numerals."""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from perfdecl.phrases.base import _is_ascii_letter

# The characters of Chinese numerals (the target parser's scan finds runs of them).
_CN_NUMERALS: Final = "零〇一二两三四五六七八九十百千万亿"

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
