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


PROCEDURE_ENDINGS: Final[tuple[str, ...]] = (
    "预算安排",
    "资金安排",
    "经费安排",
    "预算",
    "经费",
    "资金",
    "工作",
    "任务",
    "计划",
    "安排",
    "完成",
    "落实",
    "执行",
    "实施",
    "开展",
    "到位",
    "使用",
    "支出",
    "拨付",
)
"""How a clause ends when it promises only to do the work or spend the money: 按工作计划完成
…经费预算安排, 做好各项工作, 确保资金及时到位. A clause naming what is delivered or changed
(办学条件, 康复服务, 收入, 水平) ends otherwise."""

_CLAUSE: Final = re.compile(r"[。；;，,、：:！!？?\n]+")
_CLAUSE_TAIL: Final = re.compile(r"[\s\"'“”‘’)）\]】.．…]+$")


_MARKER_ONLY: Final = re.compile(
    r"^[(（]?(?:目标|第)?\s*[0-9０-９一二三四五六七八九十]{1,3}[)）]?[项条]?$"
)


def goal_clauses(text: str) -> list[str]:
    """The clauses of a goal text, split at punctuation, trailing quotes and brackets dropped;
    a clause that is only a list marker (目标1, (2), 三) is not one."""
    parts = (_CLAUSE_TAIL.sub("", p.strip()) for p in _CLAUSE.split(text[:MAX_TEXT]))
    return [p for p in parts if p and not _MARKER_ONLY.match(p)]


def procedure_only(text: str) -> bool:
    """True when every clause of ``text`` ends in the work or the money itself (完成, 工作,
    预算安排 …): the text promises to carry out the plan and names nothing delivered."""
    clauses = goal_clauses(text)
    return bool(clauses) and all(c.endswith(PROCEDURE_ENDINGS) for c in clauses)


_GOAL_MARKER: Final = re.compile(
    r"(?:^|(?<=[\s。；;，,：:]))(?:目标\s*([0-9]{1,2})\s*[:：、.．]?|([0-9]{1,2})\s*[、.．:：](?![0-9])"
    r"|[(（]([0-9]{1,2})[)）])"
)


def numbered_goals(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each numbered goal of a goal cell (目标 1: …, 1、…, (1)…), when the
    numbers run 1, 2, 3 … from the first; [] otherwise (a list marker is not guessed at)."""
    text = text[:MAX_TEXT]
    marks = list(_GOAL_MARKER.finditer(text))
    numbers = [int(next(g for g in m.groups() if g)) for m in marks]
    if len(marks) < 2 or numbers != list(range(1, len(marks) + 1)):
        return []
    ends = [m.start() for m in marks[1:]] + [len(text)]
    return [(m.end(), text[m.end() : end].strip()) for m, end in zip(marks, ends, strict=True)]


GENERIC_BIGRAMS: Final[frozenset[str]] = frozenset(
    {
        "提供",
        "进行",
        "给予",
        "开展",
        "实施",
        "完成",
        "落实",
        "提升",
        "提高",
        "加强",
        "确保",
        "保障",
        "推进",
        "推动",
        "工作",
        "项目",
        "目标",
        "资金",
        "补助",
        "补贴",
        "扶持",
        "资助",
        "各项",
        "相关",
        "符合",
        "条件",
        "按照",
        "规定",
        "要求",
        "全面",
        "进一",
        "一步",
        "年度",
        "全年",
    }
)
"""Character pairs that say what is done, not to what: they tie no goal to an indicator."""


def cjk_bigrams(text: str) -> set[str]:
    """The pairs of adjacent Chinese characters of ``text`` (within a run of them), less the
    generic ones of :data:`GENERIC_BIGRAMS`."""
    out: set[str] = set()
    run = ""
    for char in text[:MAX_TEXT]:
        if "\u4e00" <= char <= "\u9fff":
            if run:
                out.add(run + char)
            run = char
        else:
            run = ""
    return out - GENERIC_BIGRAMS
