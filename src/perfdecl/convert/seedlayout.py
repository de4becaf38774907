"""The seed's layout (D0, the Beijing 2019 department form) as published text -> plain data.

Declarations are published as web pages and PDFs whose text, copied out, looks like
``../shared/seeds/niujie_2019.txt``: a label line (部门（单位）名称), its value on the next line
(often tab-indented), and the indicator table flattened one cell per line (一级, then 二级, then
the 三级 items, numbered 1． 2． …). This module reads that layout into the plain data that
:mod:`perfdecl.convert.yamlwrite` writes and :mod:`perfdecl.model.build` validates. It knows nothing of the
CLI.

Every non-blank input line is either placed in the output (as a value, an item, a continuation
line or a label that became a key) or reported as a PD401 warning with its line number, so nothing
published is silently lost. Bad input never raises: it gives problems.

Layout decisions, documented in docs/import.md:

* labels are matched after NFKC normalisation, with （单位）/(单位)/部门 and a trailing colon
  removed, so "部门（单位）名称", "部门名称：" and "单位名称:" are the same label; a value may follow
  on the label's line (after a colon or a tab) or on the next lines;
* a line that starts with an item number (1． 1. 1、 （1） 1) 一、) opens a new 三级 item when
  its numbering style is the group's and the number is larger than the last one; any other line
  continues the previous item and is joined to it with a newline, as the example does;
* ids follow examples/niujie_2019.yaml: 一级 ``out1``…``outN`` and ``eff`` (Beijing 2019), else
  ``cost``, ``out``, ``ben``, ``sat``; items ``<l1>.<l2>.<n>`` with the 二级 keys in
  :data:`LEVEL2_KEYS`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from perfdecl.convert.codes import CODES
from perfdecl.model import SCHEMA_VERSION, Framework
from perfdecl.model import frameworks as fw
from perfdecl.problem import Message, Problem, Severity

SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("unit", "部门（单位）名称", "unit name"),
    ("head", "部门（单位）负责人", "head"),
    ("phone", "联系电话", "phone"),
    ("funds", "部门（单位）总体资金情况", "funds"),
    ("functions", "部门（单位）职能概述", "functions"),
    ("goals", "部门（单位）绩效目标", "goals"),
    ("indicators", "绩效指标（一级/二级/三级）", "indicator table"),
    ("remarks", "其他说明的问题", "remarks"),
)
"""The parts of a department form, in order: key, Chinese label, English name."""

LEVEL1_KEYS: dict[str, str] = {
    fw.OUTPUT: "out",
    fw.BENEFIT: "ben",
    fw.SATISFACTION_L1: "sat",
    fw.COST_L1: "cost",
}
"""Canonical 一级 -> id stem. Beijing 2019 numbers 产出 (out1…) and calls 效果 ``eff``."""

LEVEL2_KEYS: dict[str, str] = {
    fw.QUANTITY: "qty",
    fw.QUALITY: "qual",
    fw.TIMELINESS: "time",
    fw.COST: "cost",
    fw.ECONOMIC: "econ",
    fw.SOCIAL: "soc",
    fw.ECOLOGICAL: "eco",
    fw.SUSTAINABLE: "sust",
    fw.SATISFACTION: "sat",
    fw.ECONOMIC_COST: "econ",
    fw.SOCIAL_COST: "soc",
    fw.ECOLOGICAL_COST: "eco",
}
"""Canonical 二级 -> id key; 生态效益 is ``env`` in the Beijing form (环境效益), ``eco`` elsewhere."""

_LABELS: dict[str, str] = {
    "名称": "unit",
    "负责人": "head",
    "联系电话": "phone",
    "电话": "phone",
    "总体资金情况": "funds",
    "整体资金情况": "funds",
    "资金情况": "funds",
    "资金总额": "total",
    "基本支出": "basic",
    "项目支出": "project",
    "其他": "other",
    "其它": "other",
    "其他资金": "other",
    "职能概述": "functions",
    "主要职能": "functions",
    "绩效目标": "goals",
    "整体绩效目标": "goals",
    "总体绩效目标": "goals",
    "年度绩效目标": "goals",
    "其他说明的问题": "remarks",
    "其它说明的问题": "remarks",
    "其他需要说明的问题": "remarks",
    "其他说明": "remarks",
}
"""Normalised label (部门/单位 and （单位） removed) -> field."""

_FUND_FIELDS = ("total", "basic", "project", "other")
_SINGLE_FIELDS = frozenset({"unit", "head", "phone", *_FUND_FIELDS})
_TABLE_HEADERS = frozenset(
    {"一级指标", "二级指标", "三级指标", "具体指标", "指标内容", "指标值", "指标内容、指标值"}
)
_CN = "一二三四五六七八九十"
_SPACE = re.compile(r"\s+")
_ZERO_WIDTH = "\ufeff\u200b\u200c\u200d\u2060"
_AMOUNT = re.compile(r"^(?P<num>-?[0-9]+(?:\.[0-9]+)?)(?P<unit>万元|万|元)?(?:整)?$")
_YEAR = re.compile(r"((?:19|20)[0-9]{2})\s*年")
_STRAND = re.compile(
    rf"^(?:(?P<cn>[{_CN}]{{1,3}})\s*[、.]|\((?P<cnp>[{_CN}]{{1,3}})\)"
    r"|(?P<ar>[0-9]{1,2})\s*[、.)]|\((?P<arp>[0-9]{1,2})\))"
)
_ITEM = re.compile(
    rf"^(?:\(\s*(?P<paren>[0-9]{{1,3}}|[{_CN}]{{1,3}})\s*\)"
    r"|(?P<num>[0-9]{1,3})\s*(?P<sep>[.、)])"
    rf"|(?P<cn>[{_CN}]{{1,3}})\s*、)"
)
_LEVEL1_HEAD = re.compile(
    r"^(?:社会公众或服务对象满意度|服务对象满意度|产出|效益|效果|满意度|成本)(?:指标|$)"
)


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _compact(text: str) -> str:
    """NFKC without any whitespace: what labels and level names are compared on."""
    return _SPACE.sub("", _nfkc(text))


def _problem(
    code: str,
    file: str,
    zh: str,
    en: str,
    line: int | None = None,
    severity: Severity | None = None,
) -> Problem:
    return Problem(
        code, severity or CODES[code].severity, Message(zh, en), file, line, 1 if line else None
    )


# --- lines -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Line:
    number: int  # 1-based
    text: str  # stripped, verbatim otherwise
    cells: tuple[str, ...]  # tab-separated cells, stripped, empty ones dropped


def _lines(text: str) -> list[_Line]:
    """Content lines with their numbers; CRLF, CR, tabs and zero-width marks handled."""
    out = []
    body = text.replace("\r\n", "\n").replace("\r", "\n")
    for n, raw in enumerate(body.split("\n"), start=1):
        stripped = raw.strip().strip(_ZERO_WIDTH).strip()
        if not stripped:
            continue
        parts = stripped.split("\t", MAX_CELLS)  # the last part keeps any further tabs
        cells = tuple(c.strip() for c in parts if c.strip())
        out.append(_Line(n, stripped, cells))
    return out


MAX_LINE_CHARS = 20_000
"""Longest line the importer reads; the published example's longest has 609 characters."""
MAX_CELLS = 64
"""Cells a line is split into (a row of the form has a handful): 15 MB of tab-separated cells
became 1.2 million strings and 330 MB."""


def _label(line: _Line) -> tuple[str, str] | None:
    """(field, inline value) when the line is a label, else None."""
    first = line.cells[0]
    rest = "\t".join(line.cells[1:])
    head, value = first, ""
    for colon in ("：", ":"):
        if colon in first:
            head, _, value = first.partition(colon)
            break
    key = _compact(head).replace("(单位)", "")
    for suffix in ("(万元)", "万元"):
        key = key.removesuffix(suffix)
    for prefix in ("部门", "单位"):
        key = key.removeprefix(prefix)
    found = _LABELS.get(key)
    if found is None:
        return None
    value = value.strip()
    if rest:
        value = f"{value}\t{rest}" if value else rest
    return found, value


def _is_table_header(line: _Line) -> bool:
    for cell in line.cells:
        c = _compact(cell)
        if c in _TABLE_HEADERS or c.startswith(("具体指标(", "三级指标(", "指标内容(")):
            continue
        return False
    return True


def _is_title(line: _Line) -> bool:
    c = _compact(line.text)
    return len(c) <= 60 and c.endswith(("申报表", "目标表", "绩效目标申报"))


def _level1(text: str) -> fw.Level1Name | None:
    if not _LEVEL1_HEAD.match(_compact(text)) and not re.match(
        rf"^(?:产出|效益|效果|成本|满意度)(?:[{_CN}]+|[0-9]+)\s*[:：]", _nfkc(text)
    ):
        return None
    parsed = fw.canonical_level1(text)
    return parsed if parsed.level1 is not None else None


def _level2(text: str) -> fw.Level2Name | None:
    c = _compact(text)
    if len(c) > 24 or (_ITEM.match(c) and not c.endswith("指标")):
        return None
    parsed = fw.canonical_level2(text)
    if parsed.level2 is None:
        return None
    return parsed


def _item_number(text: str) -> tuple[int, str] | None:
    """(number, numbering style) of a line that starts with an item number."""
    m = _ITEM.match(_nfkc(text))
    if m is None:
        return None
    if m["paren"] is not None:
        value = fw.chinese_number(m["paren"])
        style = "paren" if m["paren"].isdigit() else "cn-paren"
    elif m["num"] is not None:
        value = int(m["num"])
        style = "close" if m["sep"] == ")" else "dot"
    else:
        value = fw.chinese_number(m["cn"])
        style = "cn"
    return (value, style) if value is not None else None


def _strand_number(text: str) -> int | None:
    m = _STRAND.match(_nfkc(text))
    if m is None:
        return None
    token = m["cn"] or m["cnp"] or m["ar"] or m["arp"]
    return fw.chinese_number(token) if token else None


_MAX_AMOUNT_DIGITS = 40
"""As the loader's ``Limits.max_number_digits``: an amount no declaration can hold."""


def parse_amount(text: str) -> tuple[Decimal, bool] | None:
    """ "18891.87万元" -> (Decimal("18891.87"), False); yuan amounts are converted (True)."""
    c = _compact(text).replace(",", "")
    m = _AMOUNT.match(c)
    if m is None or len(m["num"].lstrip("-").replace(".", "")) > _MAX_AMOUNT_DIGITS:
        return None  # validate would refuse a longer number (PD007): report it here instead
    try:
        value = Decimal(m["num"])
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        return None
    if m["unit"] == "元":
        return value.scaleb(-4).normalize(), True
    return value, False


# --- the document being built ------------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    lines: list[str]


@dataclass(slots=True)
class _Group:
    name: str
    parsed: fw.Level2Name
    items: list[_Item] = field(default_factory=list)
    style: str | None = None
    last: int = 0


@dataclass(slots=True)
class _Level1:
    name: str
    parsed: fw.Level1Name
    groups: list[_Group] = field(default_factory=list)


@dataclass(slots=True)
class _Parsed:
    header: dict[str, tuple[str, int]] = field(default_factory=dict)
    funds: dict[str, Decimal] = field(default_factory=dict)
    funds_seen: bool = False
    functions: list[str] = field(default_factory=list)
    goals_seen: bool = False
    lead: list[str] = field(default_factory=list)
    strands: list[list[str]] = field(default_factory=list)
    table: list[_Level1] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    remarks_seen: bool = False
    titles: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import produced: data in schema order (None if nothing usable) and problems."""

    file: str
    data: dict[str, Any] | None
    problems: tuple[Problem, ...]
    found: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the layout was recognised (no error); warnings may remain."""
        return self.data is not None and not any(
            p.severity is Severity.ERROR for p in self.problems
        )

    def gap_comments(self) -> list[str]:
        """YAML comment lines noting the gaps, written at the top of a (partial) import."""
        notes = []
        labels = {key: zh for key, zh, _ in SECTIONS}
        if self.missing:
            names = "、".join(labels.get(m, m) for m in self.missing)
            notes.append(
                f"perfdecl import: 未找到 / not found: {names} ({', '.join(self.missing)})"
            )
        unplaced = sorted({p.line for p in self.problems if p.code == "PD401" and p.line})
        if unplaced:
            shown = ", ".join(str(n) for n in unplaced[:20])
            more = " …" if len(unplaced) > 20 else ""
            notes.append(f"perfdecl import: 未放入的输入行 / input lines not placed: {shown}{more}")
        for p in self.problems:
            if p.code in ("PD403", "PD405"):
                notes.append(f"perfdecl import: {p.code} {p.message.zh} / {p.message.en}")
        return notes


class _Importer:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.placed: set[int] = set()
        self.doc = _Parsed()

    # -- reading --
    def run(self, lines: list[_Line]) -> None:
        mode: str | None = None  # the field value lines go to
        filled: set[str] = set()
        for i, line in enumerate(lines):
            if mode == "table":
                label = _label(line)
                if label is not None and label[0] == "remarks":
                    mode = self.start_field("remarks", label[1], line, filled)
                    continue
                self.table_line(line, lines[i + 1] if i + 1 < len(lines) else None)
                continue
            label = _label(line)
            if label is not None:
                mode = self.start_field(label[0], label[1], line, filled)
                continue
            if _is_table_header(line) or _level1(line.text) is not None:
                mode = "table"
                if _is_table_header(line):
                    self.placed.add(line.number)
                else:
                    self.table_line(line, lines[i + 1] if i + 1 < len(lines) else None)
                continue
            if mode is None:
                if _is_title(line):
                    self.doc.titles.append(line.text)
                    self.problems.append(
                        _problem(
                            "PD401",
                            self.file,
                            f"第 {line.number} 行是表名，未放入声明：{line.text}",
                            f"line {line.number} is the form's title; not placed: {line.text}",
                            line.number,
                            Severity.INFO,
                        )
                    )
                    self.placed.add(line.number)
                continue
            self.value_line(mode, line, filled)

    def start_field(self, name: str, inline: str, line: _Line, filled: set[str]) -> str:
        self.placed.add(line.number)
        if name in _FUND_FIELDS or name == "funds":
            self.doc.funds_seen = True
        if name == "goals":
            self.doc.goals_seen = True
        if name == "remarks":
            self.doc.remarks_seen = True
        if inline:
            self.value_line(name, _Line(line.number, inline, (inline,)), filled, keep_placed=True)
        return name

    def value_line(
        self, mode: str, line: _Line, filled: set[str], *, keep_placed: bool = False
    ) -> None:
        text = line.text
        if mode in _SINGLE_FIELDS:
            if mode in filled:
                if not keep_placed:
                    return  # reported as not placed at the end
                self.placed.discard(line.number)
                return
            if mode in _FUND_FIELDS:
                amount = parse_amount(text)
                if amount is None:
                    shown = text if len(text) <= 40 else f"{text[:40]}…"
                    self.problems.append(
                        _problem(
                            "PD404",
                            self.file,
                            f"第 {line.number} 行的金额“{shown}”无法读取为数字"
                            f"（应如 18891.87万元，至多 {_MAX_AMOUNT_DIGITS} 位数字）。",
                            f"line {line.number}: the amount {shown!r} is not a number "
                            f"(expected e.g. 18891.87万元, at most {_MAX_AMOUNT_DIGITS} digits).",
                            line.number,
                        )
                    )
                    if keep_placed:
                        self.placed.discard(line.number)
                    return
                value, converted = amount
                if converted:
                    self.problems.append(
                        _problem(
                            "PD406",
                            self.file,
                            f"第 {line.number} 行的金额以元填写，已换算为 {value} 万元。",
                            f"line {line.number}: the amount is in 元; written as {value} 万元.",
                            line.number,
                        )
                    )
                self.doc.funds[mode] = value
            else:
                self.doc.header[mode] = (text, line.number)
            filled.add(mode)
            self.placed.add(line.number)
            return
        if mode == "functions":
            self.doc.functions.append(text)
        elif mode == "goals":
            number = _strand_number(text)
            if number is not None and number == len(self.doc.strands) + 1:
                self.doc.strands.append([text])
            elif self.doc.strands:
                self.doc.strands[-1].append(text)
            else:
                self.doc.lead.append(text)
        elif mode == "remarks":
            self.doc.remarks.append(text)
        else:  # "funds" header with a stray value
            if keep_placed:
                self.placed.discard(line.number)
            return
        self.placed.add(line.number)

    def table_line(self, line: _Line, following: _Line | None) -> None:
        if _is_table_header(line):
            self.placed.add(line.number)
            return
        table = self.doc.table
        l1 = _level1(line.text)
        l2 = _level2(line.text)
        if l1 is not None and l2 is not None and table:
            # "服务对象满意度指标" is a 二级 of 效果 in Beijing and a 一级 in the classic table; a
            # 一级 is followed by its 二级, a 二级 by its items.
            nxt = following.text if following is not None else ""
            if _level2(nxt) is None:
                l1 = None
        if l1 is not None:
            table.append(_Level1(line.text, l1))
            self.placed.add(line.number)
            return
        if l2 is not None and table:
            table[-1].groups.append(_Group(line.text, l2))
            self.placed.add(line.number)
            return
        if not table or not table[-1].groups:
            return  # an item outside any 一级/二级: reported as not placed
        group = table[-1].groups[-1]
        numbered = _item_number(line.text)
        if not group.items:
            new = True
        elif numbered is None:
            new = False
        else:
            value, style = numbered
            new = (group.style is None or style == group.style) and value > group.last
        if new:
            group.items.append(_Item([line.text]))
            if numbered is not None:
                group.last, group.style = numbered[0], numbered[1]
        else:
            group.items[-1].lines.append(line.text)
        self.placed.add(line.number)


# --- building the data -------------------------------------------------------------------------


def detect_framework(names: list[fw.Level1Name]) -> Framework | None:
    """Beijing 2019 (产出指标一… or 效果指标), central 2021 (a 成本 一级), classic (满意度 一级)."""
    canon = {n.level1 for n in names}
    if fw.COST_L1 in canon:
        return Framework.CENTRAL_2021
    if any(n.synonym == "效果" for n in names) or any(
        n.level1 == fw.OUTPUT and n.ordinal is not None for n in names
    ):
        return Framework.BEIJING_2019
    if fw.SATISFACTION_L1 in canon:
        return Framework.NATIONAL_CLASSIC
    return None


def _year_from(texts: list[str]) -> int | None:
    for text in texts:
        m = _YEAR.search(_nfkc(text))
        if m:
            return int(m[1])
    return None


def _targets(text: str, level2: str | None) -> list[dict[str, Any]]:
    """Structured targets of one item, via the target-phrase parser."""
    from perfdecl.phrases import parse_dates, parse_targets

    out: list[dict[str, Any]] = []
    for t in parse_targets(text):
        target: dict[str, Any] = {}
        if t.subject:
            target["name"] = t.subject
        target["comparison"] = t.comparison
        target["value"] = t.value
        if t.unit:
            target["unit"] = t.unit
        out.append(target)
    if level2 == fw.TIMELINESS:
        for d in parse_dates(text):
            out.append({"name": "完成时间", "comparison": "<=", "deadline": d.date})
    return out


def _valid_targets(targets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from perfdecl.model import Target

    kept = []
    for t in targets:
        try:
            Target.model_validate(t)
        except ValueError:
            continue
        kept.append(t)
    return kept


class _Builder:
    def __init__(self, importer: _Importer, framework: Framework) -> None:
        self.importer = importer
        self.framework = framework
        self.used: set[str] = set()

    def unique(self, stem: str) -> str:
        candidate, n = stem, 2
        while candidate in self.used:
            candidate, n = f"{stem}-{n}", n + 1
        self.used.add(candidate)
        return candidate

    def level1_id(self, l1: _Level1, outputs: int, position: int) -> str:
        canonical = l1.parsed.level1
        beijing = self.framework is Framework.BEIJING_2019
        if canonical == fw.OUTPUT and (beijing or outputs > 1):
            ordinal = l1.parsed.ordinal
            stem = f"out{ordinal}" if ordinal and f"out{ordinal}" not in self.used else None
            return self.unique(stem or f"out{position}")
        if canonical == fw.BENEFIT and beijing:
            return self.unique("eff")
        return self.unique(LEVEL1_KEYS.get(canonical or "", "l1"))

    def level2_key(self, group: _Group, index: int) -> str:
        canonical = group.parsed.level2
        if canonical == fw.ECOLOGICAL and self.framework is Framework.BEIJING_2019:
            return "env"
        return LEVEL2_KEYS.get(canonical or "", f"g{index + 1}")

    def indicators(self, strands: int) -> list[dict[str, Any]]:
        table = self.importer.doc.table
        outputs = sum(1 for l1 in table if l1.parsed.level1 == fw.OUTPUT)
        out = []
        position = 0
        for l1 in table:
            if l1.parsed.level1 == fw.OUTPUT:
                position += 1
            lid = self.level1_id(l1, outputs, position)
            entry: dict[str, Any] = {"id": lid, "name": l1.name}
            ordinal = l1.parsed.ordinal
            if (
                self.framework is Framework.BEIJING_2019
                and l1.parsed.level1 == fw.OUTPUT
                and ordinal
                and ordinal <= strands
            ):
                entry["goal"] = f"g{ordinal}"
            counters: dict[str, int] = {}
            groups = []
            for j, group in enumerate(l1.groups):
                key = self.level2_key(group, j)
                items = []
                for item in group.items:
                    counters[key] = counters.get(key, 0) + 1
                    text = "\n".join(item.lines)
                    row: dict[str, Any] = {"id": f"{lid}.{key}.{counters[key]}", "text": text}
                    targets = self.targets(text, group.parsed.level2, row["id"])
                    if targets:
                        row["targets"] = targets
                    items.append(row)
                groups.append({"name": group.name, "items": items})
            entry["groups"] = groups
            out.append(entry)
        return out

    def targets(self, text: str, level2: str | None, item_id: str) -> list[dict[str, Any]]:
        try:
            return _valid_targets(_targets(text, level2))
        except ImportError:
            return []
        except Exception as exc:  # the phrase parser must never stop an import
            self.importer.problems.append(
                _problem(
                    "PD408",
                    self.importer.file,
                    f"指标 {item_id} 的指标值未能提取（{type(exc).__name__}），请手工补充 targets。",
                    f"targets of {item_id} could not be extracted ({type(exc).__name__}); "
                    "add them by hand.",
                )
            )
            return []


MAX_LINES = 20_000
"""Longest input :func:`import_text` reads; the published example has 268 lines."""


def import_text(
    text: str,
    *,
    file: str = "<text>",
    year: int | None = None,
    framework: Framework | str | None = None,
) -> ImportResult:
    """Read the published layout from text. Never raises on bad input."""
    count = max(text.count("\n"), text.count("\r")) + 1
    if count > MAX_LINES:  # checked before splitting: each line costs ~20 µs to classify
        return ImportResult(
            file,
            None,
            (
                Problem(
                    "PD002",
                    Severity.ERROR,
                    Message(
                        f"输入有 {count} 行，超过导入上限 {MAX_LINES} 行（一份申报表只有几百行）。",
                        f"the text has {count} lines, more than the {MAX_LINES} an import reads "
                        "(a published form has a few hundred).",
                    ),
                    file,
                ),
            ),
        )
    importer = _Importer(file)
    lines = _lines(text)
    # Longer lines are left out (reported as not placed below): classifying them normalises the
    # whole line several times, which took seconds and hundreds of MB on 15 MB of cells.
    importer.run([line for line in lines if len(line.text) <= MAX_LINE_CHARS])
    doc = importer.doc

    names = [l1.parsed for l1 in doc.table]
    chosen = Framework(framework) if framework is not None else detect_framework(names)
    if chosen is None:
        chosen = Framework.NATIONAL_CLASSIC
        if doc.table:
            importer.problems.append(
                _problem(
                    "PD407",
                    file,
                    "无法从一级/二级指标名称判断指标体系，按 national_classic 处理；可用 --framework 指定。",
                    "the framework cannot be told from the 一级/二级 names; national_classic is "
                    "assumed. Pass --framework to choose.",
                )
            )

    goal_texts = doc.lead + ["\n".join(s) for s in doc.strands]
    found_year = year if year is not None else _year_from(goal_texts) or _year_from(doc.titles)

    kind = "project" if any("项目" in t for t in doc.titles) else "department"
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    if found_year is not None:
        data["year"] = found_year
    data["framework"] = chosen.value
    data["kind"] = kind
    for key in ("unit", "head", "phone"):
        if key in doc.header:
            data[key] = doc.header[key][0]
    if doc.funds:
        data["funds"] = {k: doc.funds[k] for k in _FUND_FIELDS if k in doc.funds}
    if doc.functions:
        data["functions"] = "\n".join(doc.functions)
    if doc.lead or doc.strands:
        goals: dict[str, Any] = {}
        if doc.lead:
            goals["lead"] = "\n".join(doc.lead)
        if doc.strands:
            goals["strands"] = [
                {"id": f"g{n}", "text": "\n".join(s)} for n, s in enumerate(doc.strands, 1)
            ]
        data["goals"] = goals
    builder = _Builder(importer, chosen)
    indicators = builder.indicators(len(doc.strands))
    has_items = any(g["items"] for l1 in indicators for g in l1["groups"])
    if indicators:
        data["indicators"] = indicators
    if doc.remarks:
        data["remarks"] = "\n".join(doc.remarks)

    present = {
        "unit": "unit" in data,
        "head": "head" in data,
        "phone": "phone" in data,
        "funds": "funds" in data,
        "functions": "functions" in data,
        "goals": "goals" in data,
        "indicators": has_items,
        "remarks": "remarks" in data,
    }
    found = tuple(k for k, _, _ in SECTIONS if present[k])
    missing = tuple(k for k, _, _ in SECTIONS if not present[k])
    problems = importer.problems
    _report_gaps(problems, file, lines, importer.placed, present, found, missing, found_year)
    problems.sort(key=lambda p: (p.line or 0, p.code))
    usable = bool(found) or bool(doc.table)
    return ImportResult(file, data if usable else None, tuple(problems), found, missing)


def _report_gaps(
    problems: list[Problem],
    file: str,
    lines: list[Any],
    placed: set[int],
    present: dict[str, bool],
    found: tuple[str, ...],
    missing: tuple[str, ...],
    found_year: int | None,
) -> None:
    """What the import could not do, as problems: lines not placed (PD401), no indicator table
    (PD405) or missing parts (PD402), no year (PD403)."""
    for line in lines:
        if line.number not in placed:
            shown = line.text if len(line.text) <= 40 else line.text[:40] + "…"
            problems.append(
                _problem(
                    "PD401",
                    file,
                    f"第 {line.number} 行未能放入声明：{shown}",
                    f"line {line.number} was not placed in the declaration: {shown}",
                    line.number,
                )
            )
    labels = {key: (zh, en) for key, zh, en in SECTIONS}
    if not present["indicators"]:
        found_zh = "、".join(labels[k][0] for k in found) or "无"
        found_en = ", ".join(labels[k][1] for k in found) or "none"
        missing_zh = "、".join(labels[k][0] for k in missing)
        missing_en = ", ".join(labels[k][1] for k in missing)
        problems.append(
            _problem(
                "PD405",
                file,
                f"未能识别申报表版式：没有找到绩效指标表（一级/二级/三级指标）。已找到：{found_zh}；"
                f"缺少：{missing_zh}。",
                f"the layout was not recognised: no indicator table (一级/二级/三级) was found. "
                f"Found: {found_en}; missing: {missing_en}.",
            )
        )
    else:
        for key in missing:
            zh, en = labels[key]
            problems.append(
                _problem(
                    "PD402",
                    file,
                    f"未找到“{zh}”部分；validate 会报告缺项。",
                    f"the {en} part ({zh}) was not found; validate will report it as missing.",
                )
            )
    if found_year is None and present["indicators"]:
        problems.append(
            _problem(
                "PD403",
                file,
                "无法确定申报年度：绩效目标中没有“20xx年”。请用 --year 指定，如 --year 2019。",
                "the declaration year cannot be told: the goals mention no 20xx年. Pass --year, "
                "for example --year 2019.",
            )
        )


def iter_texts(data: dict[str, Any]) -> Iterator[str]:
    """Every verbatim text of imported data (for checks that no input was lost)."""
    for key in ("unit", "head", "phone", "functions", "remarks"):
        if isinstance(data.get(key), str):
            yield data[key]
    goals = data.get("goals") or {}
    if goals.get("lead"):
        yield goals["lead"]
    for s in goals.get("strands", []):
        yield s["text"]
    for l1 in data.get("indicators", []):
        yield l1["name"]
        for g in l1["groups"]:
            yield g["name"]
            for item in g["items"]:
                yield item["text"]


__all__ = [
    "LEVEL1_KEYS",
    "LEVEL2_KEYS",
    "SECTIONS",
    "ImportResult",
    "detect_framework",
    "import_text",
    "iter_texts",
    "parse_amount",
]
