"""The 财政部门审核意见 a reviewer sends back: drafted from one declaration's findings.

Above :mod:`perfdecl.lint` (it reads a :class:`~perfdecl.lint.FileResult`), below the CLI. The
structure is fixed: the addressee (the unit) and the form reviewed; parts numbered 一、二、… by
part of the form (header and money, goals, the indicator table as a whole, then each 一级);
items numbered 1. 2. … citing the row (一级 / 二级 / id) and saying what to change; then a
conclusion taken from :data:`CONCLUSIONS` by the worst severity found.

:func:`draft` builds the :class:`Opinion`; :func:`markdown` writes it as text;
:mod:`perfdecl.opinion.docx` writes a Word file (python-docx, imported there only).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from perfdecl.lint import FileResult
from perfdecl.model import Declaration
from perfdecl.model.rows import IndicatorRow, indicator_rows
from perfdecl.problem import Lang, Problem, Severity, split_pointer

CONCLUSIONS: dict[str, tuple[str, str, str]] = {
    "error": (
        "退回",
        "returned",
        "表中存在错误（如金额不符、必填项缺失），请修改后重新报送。",
    ),
    "warning": (
        "修改后通过",
        "approved after changes",
        "请按上述意见修改完善后报送，经复核无误后予以通过。",
    ),
    "none": ("通过", "approved", "经审核，该绩效目标申报表符合要求，予以通过。"),
}
"""The conclusion by the worst severity found: an error returns the form (退回), a warning asks
for changes (修改后通过), nothing but infos approves it (通过). Documented in docs/review.md."""

_NUMERALS = "一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 21 -> 二十一 (parts never run past 99)."""
    if n <= 10:
        return _NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _NUMERALS[tens - 1]
    return f"{head}十{_NUMERALS[ones - 1] if ones else ''}"


@dataclass(slots=True)
class Part:
    """One part of the opinion: a heading and its numbered items."""

    heading_zh: str
    heading_en: str
    items: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Opinion:
    addressee: str
    form: str
    year: int
    parts: list[Part]
    conclusion: str  # a key of CONCLUSIONS


def _part_key(p: Problem) -> tuple[int, str]:
    """Where a problem goes: (order, key). Header and money first, goals, the table, each 一级."""
    tokens = split_pointer(p.pointer)
    if tokens[:1] == ["goals"]:
        return 1, "goals"
    if tokens[:1] == ["indicators"]:
        if len(tokens) >= 2 and tokens[1].isdigit():
            return 3 + int(tokens[1]), f"l1:{tokens[1]}"
        return 2, "table"
    return 0, "header"


def _row_of(pointer: str, rows: dict[str, IndicatorRow]) -> IndicatorRow | None:
    for key, row in rows.items():
        if pointer == key or pointer.startswith(f"{key}/"):
            return row
    return None


def _cite(p: Problem, rows: dict[str, IndicatorRow], lang: Lang) -> str:
    row = _row_of(p.pointer, rows)
    message = p.message.text(lang).rstrip("。.")
    ending = "。" if lang == "zh" else "."
    if row is None:
        return f"{message}{ending}"
    level1 = row.group_row.parent.level1.name
    where = f"{level1} / {row.group_row.group.name} / {row.item.id}"
    also = [r for r in (_row_of(x.pointer, rows) for x in p.related) if r is not None]
    also = [r for r in also if r.item.id not in message]  # the message may list them already
    tail = ""
    if also:
        ids = ("、" if lang == "zh" else ", ").join(r.item.id for r in also)
        tail = f"（同样见于 {ids}）" if lang == "zh" else f" (also {ids})"
    return (
        f"【{where}】{message}{tail}{ending}"
        if lang == "zh"
        else f"[{where}] {message}{tail}{ending}"
    )


def draft(result: FileResult, lang: Lang = "zh") -> Opinion:
    """The opinion on one checked declaration (``result.declaration`` may be None: unreadable)."""
    decl: Declaration | None = result.declaration
    rows = {row.pointer: row for row in indicator_rows(decl)} if decl is not None else {}
    worst = max((p.severity for p in result.problems), default=None)
    conclusion = (
        "error" if worst is Severity.ERROR else "warning" if worst is Severity.WARNING else "none"
    )
    grouped: dict[tuple[int, str], list[Problem]] = {}
    for p in result.problems:
        if p.severity is Severity.INFO:
            continue  # an info is a hint for the clerk, not a point of the reply
        grouped.setdefault(_part_key(p), []).append(p)
    parts = []
    for (_, key), problems in sorted(grouped.items()):
        zh, en = _heading(key, decl)
        parts.append(Part(zh, en, [_cite(p, rows, lang) for p in problems]))
    unit = (decl.unit if decl is not None else None) or ("（单位）" if lang == "zh" else "(unit)")
    form = (decl.title if decl is not None else None) or (
        f"{decl.year}年度绩效目标申报表" if decl is not None else result.file
    )
    return Opinion(unit, form, decl.year if decl is not None else 0, parts, conclusion)


def _heading(key: str, decl: Declaration | None) -> tuple[str, str]:
    if key == "header":
        return "关于表头和资金", "Header and funds"
    if key == "goals":
        return "关于绩效目标", "Performance goals"
    if key == "table":
        return "关于指标体系整体", "The indicator table as a whole"
    index = int(key.split(":")[1])
    name = decl.indicators[index].name if decl is not None and index < len(decl.indicators) else ""
    return f"关于“{name}”", f"Indicator {name}"


def markdown(opinion: Opinion, lang: Lang = "zh") -> str:
    """The opinion as Markdown, ready to paste into the official reply."""
    verdict_zh, verdict_en, closing = CONCLUSIONS[opinion.conclusion]
    if lang == "zh":
        lines = [
            f"# 关于《{opinion.form}》的财政部门审核意见",
            "",
            f"{opinion.addressee}：",
            "",
            f"你单位报送的《{opinion.form}》收悉。经审核，提出以下意见：",
        ]
    else:
        lines = [
            f'# Finance bureau\'s review of "{opinion.form}"',
            "",
            f"To: {opinion.addressee}",
            "",
            f'We have reviewed "{opinion.form}" ({opinion.year}). Our comments:',
        ]
    for n, part in enumerate(opinion.parts, start=1):
        heading = part.heading_zh if lang == "zh" else part.heading_en
        number = f"{chinese_number(n)}、" if lang == "zh" else f"{n}. "
        lines += ["", f"## {number}{heading}", ""]
        lines += [f"{i}. {item}" for i, item in enumerate(part.items, start=1)]
    if not opinion.parts:
        lines += ["", "未发现需要修改的问题。" if lang == "zh" else "No change is needed."]
    if lang == "zh":
        lines += ["", f"**审核结论：{verdict_zh}。**{closing}", ""]
    else:
        lines += ["", f"**Conclusion: {verdict_en}.**", ""]
    return "\n".join(lines)
