"""Small helpers the rules share: units, money in 万元, quantified-or-not, ids of rows."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from functools import lru_cache
from itertools import accumulate

from perfdecl import phrases
from perfdecl.model import Comparison, Declaration, IndicatorKind, Target
from perfdecl.model.rows import (
    IndicatorRow,
    all_group_rows,
    all_indicator_rows,
    all_level1_rows,
    declaration_memo,
)

MONEY_UNITS: dict[str, Decimal] = {
    "元": Decimal("0.0001"),
    "千元": Decimal("0.1"),
    "万元": Decimal(1),
    "十万元": Decimal(10),
    "百万元": Decimal(100),
    "千万元": Decimal(1000),
    "亿元": Decimal(10000),
}
"""Money units -> factor to 万元 (funds on the form are in 万元)."""

COUNT_UNITS = frozenset(
    [
        "个",
        "次",
        "人",
        "名",
        "人次",
        "场",
        "场次",
        "张",
        "条",
        "期",
        "套",
        "册",
        "册次",
        "户",
        "件",
        "家",
        "所",
        "本",
        "篇",
        "项",
        "份",
        "辆",
        "台",
        "处",
        "间",
        "座",
        "支",
        "批",
        "届",
        "位",
        "栋",
        "门",
        "棵",
        "株",
        "只",
        "头",
        "块",
        "部",
        "幅",
        "场所",
        "天次",
        "课时",
        "节",
    ]
)
"""Units that count whole things: a value with a fraction is a typo."""

PERCENT_UNITS = frozenset({"%", "％", "百分比", "百分点"})


QUALITATIVE_COMPARISON = Comparison.QUALITATIVE
QUALITATIVE_KIND = IndicatorKind.QUALITATIVE
QUANTITATIVE_KIND = IndicatorKind.QUANTITATIVE
"""Enum members read once: ``IndicatorKind.QUALITATIVE`` goes through the enum's metaclass on
every read (165 ns under Python 3.11, a global name 10 ns), and the rules ask them of every row."""


def clean_unit(unit: str | None) -> str:
    return unit.strip() if unit else ""


def is_percent(unit: str | None) -> bool:
    return clean_unit(unit) in PERCENT_UNITS


def to_wan(value: Decimal, unit: str | None) -> Decimal | None:
    """An amount in 万元, or None when the unit is not money."""
    factor = MONEY_UNITS.get(clean_unit(unit))
    return None if factor is None else value * factor


def is_money_unit(unit: str | None) -> bool:
    """元、万元 … and a unit cost in them (1000元/人, 50万元/公里, 1600元/亩): an amount either way."""
    return clean_unit(unit).split("/", 1)[0].strip() in MONEY_UNITS


@lru_cache(maxsize=4096)
def base_unit(unit: str | None) -> tuple[str, Decimal]:
    """A unit's family and the factor to the family's base: money in 万元 (per the same thing:
    元/亩 and 万元/亩 agree), % with 百分点, 万人 as 10,000 人, anything else as itself.

    Cached: a file has a few dozen distinct units, and PD247 compares the units of every number
    of a row's wording with its target (64,000 calls on a 5 MB declaration)."""
    text = clean_unit(unit).replace("％", "%")
    head, slash, tail = text.partition("/")
    factor = MONEY_UNITS.get(head.strip())
    if factor is not None:
        return f"money/{tail.strip()}" if slash else "money", factor
    if text in PERCENT_UNITS or text == "%":
        return "%", Decimal(1)
    if len(text) > 1 and text[0] == "万":
        return text[1:], Decimal(10000)
    return text, Decimal(1)


def same_unit_family(a: str | None, b: str | None) -> bool:
    """Whether two units measure the same thing (a missing unit agrees with any)."""
    if not a or not b:
        return True
    family = unit_family(a)
    if not family:
        return True
    other = unit_family(b)
    return not other or family == other


@lru_cache(maxsize=4096)
def unit_family(unit: str) -> str:
    """``base_unit``'s family, "" for a blank unit (and only then): PD247 asks it of every
    number of a row's wording (260 times a file), of a few dozen distinct units."""
    return base_unit(unit)[0] if unit.strip() else ""


def in_base_unit(value: Decimal, unit: str | None) -> Decimal:
    """``value`` in its unit family's base (万元, %, 人 …), exactly."""
    return value * base_unit(unit)[1]


def row_texts(row: IndicatorRow) -> tuple[str, ...]:
    """The row's wording and, when printed, its 指标值 cell (``value_text``): a project form
    names the indicator in one column (项目成本) and gives the value in the next (≤50万元)."""
    value = row.value_text
    return (row.text,) if not value else (row.text, value)


def numeric(target: Target) -> Decimal | None:
    value = target.value  # read once: a model's field costs five times a local's read
    return value if isinstance(value, Decimal) else None


def is_quantitative_target(target: Target) -> bool:
    return target.comparison is not QUALITATIVE_COMPARISON and (
        numeric(target) is not None or target.deadline is not None
    )


def is_quantified(row: IndicatorRow) -> bool:
    """The indicator states a number: a structured target, or a quantity in its wording or its
    printed 指标值 cell. Worked out once per row and kept in the row's ``quantified`` slot
    (PD210, PD214 and PD215 ask it of every row)."""
    found = row.quantified
    if found is None:
        found = _quantified(row)
        _SET_QUANTIFIED(row, found)  # the row is frozen: through its slot
    return found


_SET_QUANTIFIED = IndicatorRow.__dict__["quantified"].__set__


def _quantified(row: IndicatorRow) -> bool:
    for t in row.targets:  # loops, not any(): a generator costs more than the test
        if is_quantitative_target(t):
            return True
    for text in row_texts(row):  # noqa: SIM110 (the loop again, not any())
        if phrases.is_quantified(text):
            return True
    return False


def is_quantitative(row: IndicatorRow) -> bool:
    """Counted as quantitative for the share rule: marked so, or quantified and not marked 定性."""
    kind = row.kind
    if kind is QUALITATIVE_KIND:
        return False
    return kind is QUANTITATIVE_KIND or is_quantified(row)


def label(row: IndicatorRow) -> str:
    """How a clerk names a row: its id and the first words of its wording."""
    text = " ".join(row.text[:1000].split())  # a bounded look: texts may be megabytes long
    more = len(text) > 16 or len(row.text) > 1000
    return f"{row.item.id}（{text[:16]}{'…' if more else ''}）"


def texts(decl: Declaration) -> Iterator[tuple[str, str]]:
    """(pointer, text) of every text a clerk writes: header, goals, names, indicators (their
    wording and 指标值 cell) and the text values of targets (what PD231 scans for placeholders, and PD237 measures).

    Listed once a declaration (kept with its rows' table), as both rules read them all."""
    memo = declaration_memo(decl)
    found = memo.get("texts")
    if not isinstance(found, tuple):
        found = memo["texts"] = tuple(_texts(decl))
    return iter(found)


def _texts(decl: Declaration) -> Iterator[tuple[str, str]]:
    for key in ("unit", "head", "phone", "functions", "remarks"):
        value = getattr(decl, key)
        if isinstance(value, str):
            yield f"/{key}", value
    if decl.project is not None and decl.project.name:
        yield "/project/name", decl.project.name
    if decl.goals is not None:
        if decl.goals.lead:
            yield "/goals/lead", decl.goals.lead
        for i, strand in enumerate(decl.goals.strands):
            yield f"/goals/strands/{i}/text", strand.text
    for l1 in all_level1_rows(decl):
        yield f"{l1.pointer}/name", l1.level1.name
    for g in all_group_rows(decl):
        yield f"{g.pointer}/name", g.group.name
    for row in all_indicator_rows(decl):
        yield row.text_pointer, row.text
        if row.value_text:
            yield f"{row.pointer}/value_text", row.value_text
        if not row.targets:
            continue
        for t, target in enumerate(row.targets):
            if isinstance(target.value, str):
                yield f"{row.pointer}/targets/{t}/value", target.value


def value_given(row: IndicatorRow) -> bool:
    """The row's value is filled in beside its name: a 指标值 cell or a structured target."""
    return bool(row.value_text) or any(
        numeric(t) is not None or t.deadline is not None or isinstance(t.value, str)
        for t in row.targets
    )


def funds_limit(decl: Declaration) -> Decimal | None:
    """The money an amount in the table must fit in (万元): unit-wide total or project amount."""
    if decl.project is not None and decl.project.amount is not None:
        return decl.project.amount
    if decl.funds is not None and decl.funds.total is not None:
        return decl.funds.total
    return None


def any_word(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern whose ``search(text)`` finds one of ``words`` wherever ``any(w in text for w in
    words)`` would: the regular expression engine skips to a possible first character, three to
    six times faster than twenty substring searches through a generator."""
    return re.compile("|".join(re.escape(w) for w in words))


_WORD_PATTERNS: dict[tuple[str, ...], re.Pattern[str]] = {}
"""``any_word`` of each word list ``find_any`` was given: the rules pass a few constant lists."""


def find_any(text: str, words: tuple[str, ...] | list[str]) -> tuple[str, int] | None:
    """The earliest of ``words`` in ``text``: (word, offset); of several starting there, the
    first listed (a regular expression's alternation tries its branches in that order), in one
    search instead of a ``str.find`` per word."""
    key = tuple(words)
    pattern = _WORD_PATTERNS.get(key)
    if pattern is None:
        if not key:
            return None
        if len(_WORD_PATTERNS) >= 256:  # bounded, should a caller build lists on the fly
            _WORD_PATTERNS.clear()
        pattern = _WORD_PATTERNS[key] = any_word(key)
    found = pattern.search(text)
    return None if found is None else (found.group(), found.start())


def texts_holding(texts: Sequence[str], words: Iterable[str]) -> Iterator[int]:
    """The indexes of ``texts``, in order, of every text that holds one of ``words``, and maybe
    a few that do not (a word read across the joint of two texts): for a rule that looks at
    only such texts, to run its own test on them alone.

    The texts are joined end to end and each word looked for with ``str.find``: a file has some
    125 texts and 7,000 characters, and a dozen finds take a few microseconds where a search a
    text took 0.5 µs each, and a regular expression's class 10 ns a character. Where each word
    occurs next is remembered and looked for again only once the scan has passed it, so no
    stretch is read twice for one word however many texts hold others.
    """
    ends = list(accumulate(map(len, texts)))
    joined = "".join(texts)
    upcoming = {w: at for w in words if w and (at := joined.find(w)) >= 0}
    while upcoming:
        i = bisect_right(ends, min(upcoming.values()))
        yield i
        after = ends[i]
        for word, at in list(upcoming.items()):
            if at < after:
                at = joined.find(word, after)
                if at < 0:
                    del upcoming[word]
                else:
                    upcoming[word] = at


FMT_WIDTH = 60
"""Wider numbers (only hostile texts hold them: the model bounds its own) are written with an
exponent, so that no message quotes thousands of digits."""


def fmt(value: Decimal) -> str:
    """A Decimal as a clerk writes it: no exponent, no trailing zeros beyond the cents.

    The width (digits before and after the point) is read off the written text, or, when the
    value is ``FMT_WIDTH`` digits or more from the point, off its adjusted exponent alone: the
    digits' tuple (``as_tuple``) cost a third of a call, and rules format every value they
    compare (PD232) or quote."""
    if not value.is_finite():
        return format(value, "f")  # NaN, Infinity: as written
    adjusted = value.adjusted()
    if adjusted >= FMT_WIDTH or adjusted <= -FMT_WIDTH:
        return format(value, ".10E")  # wider, whatever its digits
    text = format(value, "f")
    point = "." in text
    if len(text) - point - (text[0] == "-") > FMT_WIDTH:
        return format(value, ".10E")
    return text.rstrip("0").rstrip(".") if point else text


_COUNT_WORDS = ("投诉", "举报", "事故", "案件", "差错", "纠纷", "上访", "信访")
_SCORE_WORDS = ("评分", "考评", "测评", "得分", "分数")


def example_target(row: IndicatorRow, year: int) -> tuple[str, str]:
    """(zh, en) example of a target written for the row's kind: a count of complaints or
    accidents is bounded from above, a score is in 分, a rate in %, a deadline for 时效 rows,
    an amount for 成本 rows; never a phrase of one particular form."""
    text = row.text[:1000]
    if row.level2 in ("时效", "进度") or "进度" in (row.group_row.group.name or ""):
        return f"{year}年6月30日前完成", f"'{year}年6月30日前完成'"
    if row.level2 == "成本":
        return "≤120万元", "'≤120万元'"
    if any(w in text for w in _COUNT_WORDS):
        return "全年投诉举报量≤20件", "'全年投诉举报量≤20件' (an upper bound on the count)"
    if any(w in text for w in _SCORE_WORDS):
        return "评分≥92分", "'评分≥92分'"
    if row.level2 == "数量":
        return "不少于20场", "'不少于20场'"
    return "满意度≥90%", "'满意度≥90%'"
