"""The three indicator frameworks: their 一级/二级 vocabularies, synonyms and canonical names.

Declarations keep the verbatim published labels ("产出指标一：强化党的领导、统筹辖区工作",
"产出进度指标", "环境效益指标"); rules, diff and render compare *canonical* names instead, so
that a synonym seen in real forms (进度 = 时效, 效果 = 效益, 环境效益 = 生态效益 …) never reads as
a defect. The vocabularies follow docs/DOMAIN.md, "Indicator frameworks".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from perfdecl.model import Framework

# Canonical 一级 names.
OUTPUT = "产出"
BENEFIT = "效益"
SATISFACTION_L1 = "满意度"
COST_L1 = "成本"

# Canonical 二级 names.
QUANTITY = "数量"
QUALITY = "质量"
TIMELINESS = "时效"
COST = "成本"
ECONOMIC = "经济效益"
SOCIAL = "社会效益"
ECOLOGICAL = "生态效益"
SUSTAINABLE = "可持续影响"
SATISFACTION = "服务对象满意度"
ECONOMIC_COST = "经济成本"
SOCIAL_COST = "社会成本"
ECOLOGICAL_COST = "生态环境成本"

LEVEL1_SYNONYMS: dict[str, str] = {
    "产出": OUTPUT,
    "效益": BENEFIT,
    "效果": BENEFIT,
    "满意度": SATISFACTION_L1,
    "服务对象满意度": SATISFACTION_L1,
    "社会公众或服务对象满意度": SATISFACTION_L1,
    "成本": COST_L1,
}
"""一级 base word (before 指标) -> canonical 一级."""

LEVEL2_SYNONYMS: dict[str, str] = {
    "数量": QUANTITY,
    "质量": QUALITY,
    "时效": TIMELINESS,
    "进度": TIMELINESS,
    "时效性": TIMELINESS,
    "成本": COST,
    "经济效益": ECONOMIC,
    "社会效益": SOCIAL,
    "生态效益": ECOLOGICAL,
    "环境效益": ECOLOGICAL,
    "生态环境效益": ECOLOGICAL,
    "生态文明效益": ECOLOGICAL,
    "可持续影响": SUSTAINABLE,
    "可持续": SUSTAINABLE,
    "服务对象满意度": SATISFACTION,
    "社会公众或服务对象满意度": SATISFACTION,
    "社会公众满意度": SATISFACTION,
    "满意度": SATISFACTION,
    "经济成本": ECONOMIC_COST,
    "社会成本": SOCIAL_COST,
    "生态环境成本": ECOLOGICAL_COST,
    "环境成本": ECOLOGICAL_COST,
}
"""二级 core word (prefix and 指标 removed) -> canonical 二级."""


@dataclass(frozen=True, slots=True)
class FrameworkSpec:
    """One framework: its 一级 in table order, the 二级 each allows, and how 产出 is numbered."""

    framework: Framework
    title_zh: str
    title_en: str
    level2: dict[str, tuple[str, ...]]  # canonical 一级 -> canonical 二级, in table order
    numbered_outputs: bool  # Beijing 2019: one 产出指标一…N per goal strand, each titled

    @property
    def level1(self) -> tuple[str, ...]:
        return tuple(self.level2)

    def parent_of(self, level2: str) -> tuple[str, ...]:
        """The 一级 under which a canonical 二级 belongs in this framework (may be several)."""
        return tuple(l1 for l1, l2s in self.level2.items() if level2 in l2s)

    def label(self, level1: str) -> str:
        """How this framework prints a canonical 一级 ("效果指标" in the Beijing form)."""
        if self.framework is Framework.BEIJING_2019 and level1 == BENEFIT:
            return "效果指标"
        return f"{level1}指标"


_BENEFITS = (ECONOMIC, SOCIAL, ECOLOGICAL, SUSTAINABLE)

FRAMEWORKS: dict[Framework, FrameworkSpec] = {
    Framework.BEIJING_2019: FrameworkSpec(
        Framework.BEIJING_2019,
        "北京2019年部门整体绩效目标申报表",
        "Beijing 2019 department form",
        {
            OUTPUT: (QUANTITY, QUALITY, TIMELINESS, COST),
            BENEFIT: (*_BENEFITS, SATISFACTION),
        },
        numbered_outputs=True,
    ),
    Framework.NATIONAL_CLASSIC: FrameworkSpec(
        Framework.NATIONAL_CLASSIC,
        "财预〔2015〕88号 经典三级指标体系",
        "classic national framework (财预〔2015〕88号)",
        {
            OUTPUT: (QUANTITY, QUALITY, TIMELINESS, COST),
            BENEFIT: _BENEFITS,
            SATISFACTION_L1: (SATISFACTION,),
        },
        numbered_outputs=False,
    ),
    Framework.CENTRAL_2021: FrameworkSpec(
        Framework.CENTRAL_2021,
        "财预〔2021〕101号 中央部门项目支出核心绩效目标和指标设置",
        "central guideline 2021 (财预〔2021〕101号)",
        {
            COST_L1: (ECONOMIC_COST, SOCIAL_COST, ECOLOGICAL_COST),
            OUTPUT: (QUANTITY, QUALITY, TIMELINESS),
            BENEFIT: _BENEFITS,
            SATISFACTION_L1: (SATISFACTION,),
        },
        numbered_outputs=False,
    ),
}


def spec(framework: Framework | str) -> FrameworkSpec:
    return FRAMEWORKS[Framework(framework)]


@dataclass(frozen=True, slots=True)
class Level1Name:
    """A parsed 一级 label: canonical name (None if not recognised), ordinal and title."""

    raw: str
    level1: str | None
    ordinal: int | None = None
    title: str | None = None
    synonym: str | None = None  # the base word as written, when it differs from the canonical


@dataclass(frozen=True, slots=True)
class Level2Name:
    """A parsed 二级 label: canonical name (None if not recognised) and the word as written."""

    raw: str
    level2: str | None
    synonym: str | None = None
    prefix: str | None = None  # "产出" in 产出数量指标, "效益" in 效益社会效益指标 …


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_CN_DIGITS |= {"七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int | None:
    """一 -> 1, 十二 -> 12, 二十 -> 20, "3" / "３" -> 3; None for anything else (up to 99)."""
    text = text.strip()
    if not text:
        return None
    ascii_digits = text.translate({0xFF10 + i: 0x30 + i for i in range(10)})
    if ascii_digits.isdigit() and ascii_digits.isascii():
        return int(ascii_digits)
    if "十" in text:
        tens, _, units = text.partition("十")
        if (tens and tens not in _CN_DIGITS) or (units and units not in _CN_DIGITS):
            return None
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
    if len(text) == 1 and text in _CN_DIGITS:
        return _CN_DIGITS[text]
    return None


_SPACE = re.compile(r"\s+")
_LEVEL1 = re.compile(
    r"^(?P<base>社会公众或服务对象满意度|服务对象满意度|产出|效益|效果|满意度|成本)"
    r"(?:指标)?"
    r"(?P<ordinal>[0-9０-９]+|[一二三四五六七八九十两]+)?"
    r"(?:[（(](?P<ordinal2>[0-9０-９]+|[一二三四五六七八九十两]+)[)）])?"
    r"(?:\s*[：:、.．\-—]\s*(?P<title>.*))?$"
)


@lru_cache(maxsize=1024)
def canonical_level1(raw: str) -> Level1Name:
    """Parse a verbatim 一级 label.

    >>> canonical_level1("产出指标一：强化党的领导、统筹辖区工作")
    Level1Name(raw='产出指标一：强化党的领导、统筹辖区工作', level1='产出', ordinal=1, title='强化党的领导、统筹辖区工作', synonym=None)
    >>> canonical_level1("效果指标").level1
    '效益'
    """
    text = _SPACE.sub("", raw) if len(raw) < 8 else raw.strip()
    m = _LEVEL1.match(text)
    if m is None:
        return Level1Name(raw, None)
    base = m["base"]
    ordinal_text = m["ordinal"] or m["ordinal2"]
    ordinal = chinese_number(ordinal_text) if ordinal_text else None
    title = (m["title"] or "").strip() or None
    level1 = LEVEL1_SYNONYMS[base]
    return Level1Name(raw, level1, ordinal, title, base if base != level1 else None)


_LEVEL2_PREFIXES = ("产出", "效益", "效果", "成本", "满意度")
_LEVEL2_WORDS = sorted(LEVEL2_SYNONYMS, key=len, reverse=True)


@lru_cache(maxsize=1024)
def canonical_level2(raw: str) -> Level2Name:
    """Parse a verbatim 二级 label: "产出进度指标" -> 时效 (written 进度).

    >>> canonical_level2("产出数量指标").level2
    '数量'
    >>> canonical_level2("环境效益指标")
    Level2Name(raw='环境效益指标', level2='生态效益', synonym='环境效益', prefix=None)
    """
    text = _SPACE.sub("", raw)
    text = re.sub(r"^[0-9０-９一二三四五六七八九十]+[、.．)）]", "", text)
    text = re.sub(r"[（(][^）)]*[)）]$", "", text)
    core = text.removesuffix("指标").removesuffix("类")
    prefix = None
    if core not in LEVEL2_SYNONYMS:
        for p in _LEVEL2_PREFIXES:
            rest = core.removeprefix(p)
            if rest != core and rest.removesuffix("指标") in LEVEL2_SYNONYMS:
                prefix, core = p, rest.removesuffix("指标")
                break
    level2 = LEVEL2_SYNONYMS.get(core)
    if level2 is None:
        return Level2Name(raw, None)
    return Level2Name(raw, level2, core if core != level2 else None, prefix)


def level1_of(raw: str) -> str | None:
    return canonical_level1(raw).level1


def level2_of(raw: str) -> str | None:
    return canonical_level2(raw).level2


def allowed_level2(framework: Framework | str, level1: str) -> tuple[str, ...]:
    """The canonical 二级 a canonical 一级 may hold in ``framework`` (empty if none)."""
    return spec(framework).level2.get(level1, ())


__all__ = [
    "BENEFIT",
    "COST",
    "COST_L1",
    "ECOLOGICAL",
    "ECONOMIC",
    "FRAMEWORKS",
    "OUTPUT",
    "QUALITY",
    "QUANTITY",
    "SATISFACTION",
    "SATISFACTION_L1",
    "SOCIAL",
    "SUSTAINABLE",
    "TIMELINESS",
    "FrameworkSpec",
    "Level1Name",
    "Level2Name",
    "allowed_level2",
    "canonical_level1",
    "canonical_level2",
    "chinese_number",
    "level1_of",
    "level2_of",
    "spec",
]
