"""What an indicator's name says it measures: a rate or share, or the budget's own execution.

Words are matched longest first, without overlap, and a word inside a compound where it means
something else is not a match: 率 in 率先 ("take the lead") or 频率 (a frequency, not a share),
比例 in 比例尺. The tables are data; the functions are total on any ``str``.
"""

from __future__ import annotations

import re
from typing import Final

from perfdecl.phrases.base import MAX_TEXT, _longest_first

RATE_WORDS: Final[tuple[str, ...]] = (
    "率",
    "比例",
    "占比",
    "比重",
    "比率",
    "份额",
    "百分比",
)
"""Words naming a rate or share: 覆盖率, 完成率, 课时比例, 占比 …"""

NOT_RATE_COMPOUNDS: Final[tuple[str, ...]] = (
    "率先",
    "频率",
    "功率",
    "效率",
    "草率",
    "坦率",
    "轻率",
    "直率",
    "统率",
    "表率",
    "比例尺",
)
"""Compounds holding a rate word without naming a share: matched first and dropped."""

FUNDS_WORDS: Final[tuple[str, ...]] = ("资金", "预算", "经费", "财政", "专项款", "拨款", "补助款")
"""Words naming the money itself."""

EXECUTION_RATES: Final[tuple[str, ...]] = (
    "支出率",
    "执行率",
    "到位率",
    "拨付率",
    "支付率",
    "下达率",
    "使用率",
    "结转率",
)
"""Rates of the budget's own execution: how much of the money was paid, not what it bought."""

_RATE: Final = re.compile("|".join(map(re.escape, _longest_first(RATE_WORDS + NOT_RATE_COMPOUNDS))))
_NOT_RATE: Final = frozenset(NOT_RATE_COMPOUNDS)


def rate_words(text: str) -> list[str]:
    """The rate or share words of ``text``, in order (率 in 率先 or 频率 is not one)."""
    return [m.group() for m in _RATE.finditer(text[:MAX_TEXT]) if m.group() not in _NOT_RATE]


def names_rate(text: str) -> bool:
    """True when ``text`` names a rate or share (覆盖率, 课时比例, 占比 …)."""
    return bool(rate_words(text))


def names_budget_execution(text: str) -> bool:
    """True for a rate of the budget's own execution: 资金支出率, 预算执行率, 资金到位率 …"""
    text = text[:MAX_TEXT]
    return any(w in text for w in EXECUTION_RATES) and any(w in text for w in FUNDS_WORDS)


SATISFACTION_WORDS: Final[tuple[str, ...]] = ("满意度", "满意率", "满意程度", "满意")
"""Words naming a satisfaction measure (longest first when stripped)."""

GENERIC_RESPONDENTS: Final[tuple[str, ...]] = (
    "社会公众或服务对象",
    "社会公众",
    "人民群众",
    "服务对象",
    "社会各界",
    "相关方",
    "各方面",
    "各方",
    "社会",
    "公众",
    "群众",
    "大众",
    "综合",
    "总体",
    "整体",
    "公共",
    "项目",
    "工作",
    "指标",
    "目标",
    "平均",
)
"""Words that name no one in particular: 社会满意度 or 群众满意度 says who is not surveyed."""

_BRACKETED: Final = re.compile(r"[(（\[【][^()（）\[\]【】]{0,40}[)）\]】]")
_STRIP: Final = re.compile(
    "|".join(map(re.escape, _longest_first(SATISFACTION_WORDS + GENERIC_RESPONDENTS)))
)
_NOISE: Final = re.compile(
    r"[\s\d.%％≥≤><=＝≧≦*＊、,，;；:：。·/\-—_~～★☆\"'“”‘’]|达到|不低于|以上|的|对|度"
)


def names_respondents(text: str) -> bool:
    """True when a satisfaction row's name says who is asked (受益群众, 学生家长, 游客 …).

    What is left once satisfaction words, words naming no one in particular (社会, 公众, 服务对象,
    群众), template hints in brackets, figures and particles are taken out: 社会满意度 leaves
    nothing, 受益群众满意度 leaves 受益.
    """
    text = _BRACKETED.sub("", text[:200])
    text = _STRIP.sub("", text)
    return bool(_NOISE.sub("", text))
