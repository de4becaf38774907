"""The indicator frameworks: tables read from data files, the 一级/二级 vocabulary, canonical names.

Each framework is one data file (``<id>.toml`` beside this module): its 一级 in table order, the
二级 each allows, its printed labels, its own aliases and the total its weights add up to. A
province's variant is one more such file, named by the configuration's ``frameworks`` key and
registered with :func:`load_file` (no code).

Declarations keep the verbatim published labels ("产出指标一：强化党的领导、统筹辖区工作",
"产出进度指标", "环境效益指标"); rules, diff and render compare *canonical* names instead, so
that a synonym seen in real forms (进度 = 时效, 效果 = 效益, 环境效益 = 生态效益 …) never reads as
a defect. The vocabularies follow docs/DOMAIN.md, "Indicator frameworks".
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

from perfdecl.model.names import Framework, FrameworkName

# Canonical 一级 names.
OUTPUT = "产出"
BENEFIT = "效益"
SATISFACTION_L1 = "满意度"
COST_L1 = "成本"
DECISION = "决策"  # an evaluation rubric's first stage (投入, 规划 in some provinces' rubrics)
PROCESS = "过程"  # its second stage (执行)

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

EVALUATION_LEVEL2 = (
    "目标设定",
    "预算配置",
    "预算编制",
    "基础信息",
    "工作计划",
    "绩效目标",
    "预算执行",
    "预算管理",
    "资产管理",
    "职责履行",
    "履职效益",
)
"""Canonical 二级 of evaluation rubrics (部门整体支出绩效评价): what the unit did with the budget,
not a target. Only a framework table that lists them accepts them (``department_evaluation``);
their sources are in that table's comments."""

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
    """One framework table: its 一级 in table order, the 二级 each allows, its own aliases.

    Built from a data file by :func:`parse_table` (the shipped ``<id>.toml`` files, or a file the
    configuration names under ``frameworks``).
    """

    framework: Framework | FrameworkName
    title_zh: str
    title_en: str
    level2: dict[str, tuple[str, ...]]  # canonical 一级 -> canonical 二级 allowed, table order
    numbered_outputs: bool = False  # Beijing 2019: one 产出指标一…N per goal strand, each titled
    labels: dict[str, str] = field(default_factory=dict)  # canonical 一级 -> printed label
    level1_aliases: dict[str, str] = field(default_factory=dict)  # word as printed -> canonical
    level2_aliases: dict[str, str] = field(default_factory=dict)
    weight_total: Decimal = Decimal(100)  # what the 权重 of one table add up to
    source: str = ""  # the data file it was read from
    template: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The 二级 the template prints under each 一级 (``level2`` less a level's ``also``): what
    ``perfdecl init`` writes. Empty: the same as ``level2``."""

    def printed(self, level1: str) -> tuple[str, ...]:
        """The 二级 the template prints under a canonical 一级."""
        return self.template.get(level1, self.level2.get(level1, ()))

    @property
    def id(self) -> str:
        return self.framework.value

    @property
    def level1(self) -> tuple[str, ...]:
        return tuple(self.level2)

    def parent_of(self, level2: str) -> tuple[str, ...]:
        """The 一级 under which a canonical 二级 belongs in this framework (may be several)."""
        return tuple(l1 for l1, l2s in self.level2.items() if level2 in l2s)

    def label(self, level1: str) -> str:
        """How this framework prints a canonical 一级 ("效果指标" in the Beijing form)."""
        return self.labels.get(level1, f"{level1}指标")

    def level1_name(self, raw: str) -> Level1Name:
        """Parse a 一级 label with the built-in vocabulary, then with this table's aliases."""
        name = canonical_level1(raw)
        if name.level1 is not None or not self.level1_aliases:
            return name
        text = _SPACE.sub("", raw)
        for alias in sorted(self.level1_aliases, key=len, reverse=True):
            if text.startswith(alias):
                rest = _TITLE_REST.fullmatch(text[len(alias) :].removeprefix("指标"))
                if rest is not None:
                    title = (rest["title"] or "").strip() or None
                    return Level1Name(raw, self.level1_aliases[alias], None, title, alias)
        return name

    def level2_name(self, raw: str) -> Level2Name:
        """Parse a 二级 label with the built-in vocabulary, then with this table's aliases."""
        name = canonical_level2(raw)
        if name.level2 is not None or not self.level2_aliases:
            return name
        core = _level2_core(raw)
        if core in self.level2_aliases:
            return Level2Name(raw, self.level2_aliases[core], core)
        return name


class FrameworkFileError(ValueError):
    """A framework data file that cannot be used, with the reason in both languages."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_TABLE_KEYS = frozenset(
    {"id", "title_zh", "title_en", "weight_total", "numbered_outputs", "level1", "aliases"}
)
_LEVEL1_KEYS = frozenset({"name", "label", "level2", "also"})


def _fail(zh: str, en: str) -> FrameworkFileError:
    return FrameworkFileError(zh, en)


def _text(table: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = table.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise _fail(f"{where}缺少文本项 {key}。", f"{where}: {key} must be non-empty text.")
    return value.strip()


def _aliases(table: Any, canonical: frozenset[str], what: str) -> dict[str, str]:
    if table is None:
        return {}
    if not isinstance(table, dict):
        raise _fail(f"aliases.{what} 必须是一个表。", f"aliases.{what} must be a table.")
    out: dict[str, str] = {}
    for alias, target in table.items():
        if not isinstance(target, str) or target not in canonical:
            raise _fail(
                f"别名“{alias}”指向的“{target}”不是规范名称（可用：{'、'.join(sorted(canonical))}）。",
                f"alias {alias!r} maps to {target!r}, which is not a canonical name "
                f"({', '.join(sorted(canonical))}).",
            )
        out[_SPACE.sub("", alias).removesuffix("指标")] = target
    return out


def parse_table(data: dict[str, Any], source: str = "") -> FrameworkSpec:
    """A framework from its data file's table (see the shipped ``national_classic.toml``).

    Keys: ``id`` (lower-case letters, digits, ``_``), ``title_zh``, ``title_en``,
    ``weight_total`` (default 100), ``numbered_outputs`` (default false), ``[[level1]]`` tables
    ``{name, label?, level2}`` in table order (``name`` a canonical 一级: 产出, 效益, 满意度, 成本;
    ``level2`` the canonical 二级 its template prints, empty for a flat 一级 with no 二级;
    ``also`` the 二级 accepted there too though the template prints them elsewhere), and
    ``[aliases.level1]`` / ``[aliases.level2]`` mapping printed words to canonical names.
    """
    unknown = sorted(set(data) - _TABLE_KEYS)
    if unknown:
        raise _fail(
            f"未知的键：{'、'.join(unknown)}（可用：{'、'.join(sorted(_TABLE_KEYS))}）。",
            f"unknown keys: {', '.join(unknown)} (valid: {', '.join(sorted(_TABLE_KEYS))}).",
        )
    ident = _text(data, "id", "指标体系文件")
    if not _ID.fullmatch(ident):
        raise _fail(
            f"id“{ident}”无效：只能用小写字母、数字和下划线，以字母开头。",
            f"id {ident!r} is invalid: use lower-case letters, digits and _, starting with a letter.",
        )
    rows = data.get("level1")
    if not isinstance(rows, list) or not rows:
        raise _fail("缺少 [[level1]] 一级指标表。", "no [[level1]] tables (the 一级 indicators).")
    level2: dict[str, tuple[str, ...]] = {}
    template: dict[str, tuple[str, ...]] = {}
    labels: dict[str, str] = {}
    for n, row in enumerate(rows, 1):
        where = f"第 {n} 个 [[level1]]"
        if not isinstance(row, dict) or set(row) - _LEVEL1_KEYS:
            raise _fail(
                f"{where}只能有 name、label、level2。",
                f"[[level1]] #{n}: keys are name, label, level2.",
            )
        name = _text(row, "name", where)
        if name not in CANONICAL_LEVEL1:
            raise _fail(
                f"{where}的 name“{name}”不是规范的一级名称（{'、'.join(CANONICAL_LEVEL1)}）；"
                "其他写法请放在 [aliases.level1]。",
                f"[[level1]] #{n}: {name!r} is not a canonical 一级 ({', '.join(CANONICAL_LEVEL1)}); "
                "put other spellings under [aliases.level1].",
            )
        children, also = row.get("level2", []), row.get("also", [])
        for key, value in (("level2", children), ("also", also)):
            if not isinstance(value, list) or any(c not in CANONICAL_LEVEL2 for c in value):
                raise _fail(
                    f"{where}的 {key} 必须是规范二级名称的列表（{'、'.join(CANONICAL_LEVEL2)}）。",
                    f"[[level1]] #{n}: {key} must list canonical 二级 names "
                    f"({', '.join(CANONICAL_LEVEL2)}).",
                )
        if name in level2:
            raise _fail(f"一级“{name}”出现了两次。", f"一级 {name!r} is listed twice.")
        level2[name] = tuple(dict.fromkeys([*children, *also]))
        template[name] = tuple(children)
        if "label" in row:
            labels[name] = _text(row, "label", where)
    aliases = data.get("aliases") or {}
    if not isinstance(aliases, dict) or set(aliases) - {"level1", "level2"}:
        raise _fail(
            "aliases 只能有 level1 和 level2 两个表。", "aliases holds level1 and level2 only."
        )
    try:
        total = Decimal(str(data.get("weight_total", 100)))
    except InvalidOperation:
        total = Decimal(-1)
    if not total.is_finite() or total <= 0:
        raise _fail("weight_total 必须是正数。", "weight_total must be a positive number.")
    numbered = data.get("numbered_outputs", False)
    if not isinstance(numbered, bool):
        raise _fail(
            "numbered_outputs 必须是 true 或 false。", "numbered_outputs must be true or false."
        )
    builtin = ident in Framework._value2member_map_
    return FrameworkSpec(
        framework=Framework(ident) if builtin else FrameworkName(ident),
        title_zh=_text(data, "title_zh", "指标体系文件", ident),
        title_en=_text(data, "title_en", "指标体系文件", ident),
        level2=level2,
        numbered_outputs=numbered,
        labels=labels,
        level1_aliases=_aliases(aliases.get("level1"), frozenset(CANONICAL_LEVEL1), "level1"),
        level2_aliases=_aliases(aliases.get("level2"), frozenset(CANONICAL_LEVEL2), "level2"),
        weight_total=total,
        source=source,
        template=template,
    )


def _shipped(name: str) -> str:
    """A data file shipped beside this module. Read from the folder when the package is installed
    as files (``importlib.resources`` imports zipfile and its readers: about 5 ms of every
    start-up); through ``importlib.resources`` when it is not (a zip archive)."""
    try:
        with open(os.path.join(os.path.dirname(__file__), name), encoding="utf-8") as handle:
            return handle.read()
    except OSError:
        from importlib import resources

        return resources.files(__name__).joinpath(name).read_text("utf-8")


EVALUATION_FRAMEWORKS = ("department_evaluation",)
"""Shipped tables of evaluation rubrics rather than target forms: a declaration (or the
importer) may name them, ``perfdecl init`` does not offer them (they are not templates)."""


def _shipped_table(ident: str) -> FrameworkSpec:
    return parse_table(tomllib.loads(_shipped(f"{ident}.toml")), f"{ident}.toml")


def _builtin() -> dict[str, FrameworkSpec]:
    """The target frameworks, read at import; the evaluation tables are read by :func:`find`
    the first time a file names one (only imported rubrics do: not on every start-up)."""
    return {f.value: _shipped_table(f.value) for f in Framework}


_REGISTRY: dict[str, FrameworkSpec] = {}


def load_file(path: str | Path) -> FrameworkSpec:
    """Read one framework data file and register it; :class:`FrameworkFileError` if unusable.

    A file may not redefine a shipped framework (make a new id instead); loading the same file
    again is harmless, and a second file with an id already loaded from elsewhere is refused.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text("utf-8-sig"))
    except OSError as exc:
        raise _fail(
            f"无法读取指标体系文件：{exc.strerror}。",
            f"cannot read the framework file: {exc.strerror}.",
        ) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise _fail(
            f"指标体系文件不是有效的 UTF-8 TOML：{exc}。", f"not a valid UTF-8 TOML file: {exc}."
        ) from exc
    found = parse_table(data, str(path))
    return register(found)


def register(found: FrameworkSpec) -> FrameworkSpec:
    """Make a framework known to the model (``framework: <id>``) and the rules."""
    ident = found.id
    if ident in Framework._value2member_map_ or ident in EVALUATION_FRAMEWORKS:
        raise _fail(
            f"id“{ident}”是内置指标体系，不能重新定义；请另取一个 id。",
            f"{ident!r} is a built-in framework and cannot be redefined; choose another id.",
        )
    known = _REGISTRY.get(ident)
    if known is not None and known.source != found.source:
        raise _fail(
            f"id“{ident}”已由 {known.source} 定义。",
            f"{ident!r} is already defined by {known.source}.",
        )
    _REGISTRY[ident] = found
    return found


def known() -> tuple[str, ...]:
    """The ids a declaration may name: the shipped frameworks, then those loaded from files."""
    lazy = (e for e in EVALUATION_FRAMEWORKS if e not in FRAMEWORKS_BY_ID)
    return (*FRAMEWORKS_BY_ID, *lazy, *_REGISTRY)


def find(framework: Framework | str) -> FrameworkSpec | None:
    ident = framework.value if isinstance(framework, Framework | FrameworkName) else framework
    found = FRAMEWORKS_BY_ID.get(ident) or _REGISTRY.get(ident)
    if found is None and ident in EVALUATION_FRAMEWORKS:
        found = FRAMEWORKS_BY_ID[ident] = _shipped_table(ident)
    return found


def spec(framework: Framework | str) -> FrameworkSpec:
    """The table of a framework the model accepted (KeyError for an id never loaded)."""
    found = find(framework)
    if found is None:
        raise KeyError(str(framework))
    return found


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
    core = _level2_core(raw)
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


_TITLE_REST = re.compile(r"(?:[：:、.．\-—](?P<title>.*))?")
CANONICAL_LEVEL1 = (OUTPUT, BENEFIT, SATISFACTION_L1, COST_L1, DECISION, PROCESS)
CANONICAL_LEVEL2 = (*dict.fromkeys(LEVEL2_SYNONYMS.values()), *EVALUATION_LEVEL2)


def _level2_core(raw: str) -> str:
    text = _SPACE.sub("", raw)
    text = re.sub(r"^[0-9０-９一二三四五六七八九十]+[、.．)）]", "", text)
    text = re.sub(r"[（(][^）)]*[)）]$", "", text)
    return text.removesuffix("指标").removesuffix("类")


FRAMEWORKS_BY_ID: dict[str, FrameworkSpec] = _builtin()
FRAMEWORKS: dict[Framework, FrameworkSpec] = {f: FRAMEWORKS_BY_ID[f.value] for f in Framework}
"""The shipped frameworks, read from their data files."""


def level1_of(raw: str) -> str | None:
    return canonical_level1(raw).level1


def level2_of(raw: str) -> str | None:
    return canonical_level2(raw).level2


def allowed_level2(framework: Framework | str, level1: str) -> tuple[str, ...]:
    """The canonical 二级 a canonical 一级 may hold in ``framework`` (empty if none)."""
    return spec(framework).level2.get(level1, ())


__all__ = [
    "BENEFIT",
    "CANONICAL_LEVEL1",
    "CANONICAL_LEVEL2",
    "COST",
    "COST_L1",
    "DECISION",
    "ECOLOGICAL",
    "ECONOMIC",
    "EVALUATION_FRAMEWORKS",
    "EVALUATION_LEVEL2",
    "FRAMEWORKS",
    "FRAMEWORKS_BY_ID",
    "OUTPUT",
    "PROCESS",
    "QUALITY",
    "QUANTITY",
    "SATISFACTION",
    "SATISFACTION_L1",
    "SOCIAL",
    "SUSTAINABLE",
    "TIMELINESS",
    "FrameworkFileError",
    "FrameworkSpec",
    "Level1Name",
    "Level2Name",
    "allowed_level2",
    "canonical_level1",
    "canonical_level2",
    "chinese_number",
    "find",
    "known",
    "level1_of",
    "level2_of",
    "load_file",
    "parse_table",
    "register",
    "spec",
]
