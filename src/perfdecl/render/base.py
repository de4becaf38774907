"""What every renderer shares: the form's labels and layout, money formatting, and the mapping
of validation problems onto the cells of the form.

The three formats (HTML, Markdown, text) show the same form; keeping its labels, its order and
the "which cell does this problem belong to" logic here means they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import ClassVar

from perfdecl.model import Declaration, Funds, Kind, Project
from perfdecl.problem import Lang, Problem, Severity, split_pointer

# Labels as printed on the official forms (the seed niujie_2019.txt for the department form).
DEPT_TITLE = "部门（单位）整体绩效目标申报表"
PROJECT_TITLE = "项目支出绩效目标申报表"
UNIT = "部门（单位）名称"
HEAD = "部门（单位）负责人"
PHONE = "联系电话"
FUNDS = "部门（单位）总体资金情况（万元）"
FUNDS_PARTS: tuple[tuple[str, str], ...] = (
    ("total", "资金总额"),
    ("basic", "基本支出"),
    ("project", "项目支出"),
    ("other", "其他"),
)
PROJECT_NAME = "项目名称"
PROJECT_AMOUNT = "项目资金（万元）"
PROJECT_PERIOD = "实施期限"
FUNCTIONS = "部门（单位）职能概述"
PROJECT_FUNCTIONS = "项目概况"
GOALS = "部门（单位）绩效目标"
PROJECT_GOALS = "项目绩效目标"
LEVEL1 = "一级指标"
LEVEL2 = "二级指标"
LEVEL3 = "具体指标（指标内容、指标值）"
REMARKS = "其他说明的问题"
YUAN = "万元"

# Anchor keys that are not tied to a row of the form.
DOC = "doc"
INDICATORS = "indicators"


def money(value: Decimal | None) -> str:
    """An amount as written, never in exponent notation ("0", "18891.87"); "" when absent."""
    if value is None:
        return ""
    text = format(value, "f")
    return "0" if text in ("-0", "") else text


def percent(part: Decimal, whole: Decimal) -> Decimal:
    """``part`` as a percentage of ``whole`` to one decimal place, computed in Decimal."""
    if whole == 0:
        return Decimal(0)
    return (part * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def lines(text: str | None) -> list[str]:
    """A text's lines (``\\r\\n`` tolerated); an absent text has none."""
    if not text:
        return []
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def shows_funds(decl: Declaration) -> bool:
    """A department form always has the funds rows; a project form only when it carries funds."""
    return decl.kind is Kind.DEPARTMENT or decl.funds is not None


def shows_project(decl: Declaration) -> bool:
    return decl.kind is Kind.PROJECT or decl.project is not None


def title(decl: Declaration) -> str:
    return PROJECT_TITLE if decl.kind is Kind.PROJECT else DEPT_TITLE


def functions_label(decl: Declaration) -> str:
    return PROJECT_FUNCTIONS if decl.kind is Kind.PROJECT else FUNCTIONS


def goals_label(decl: Declaration) -> str:
    return PROJECT_GOALS if decl.kind is Kind.PROJECT else GOALS


def funds_of(decl: Declaration) -> Funds:
    return decl.funds if decl.funds is not None else Funds()


def project_of(decl: Declaration) -> Project:
    return decl.project if decl.project is not None else Project()


def period_text(project: Project) -> str:
    if project.period is None:
        return ""
    return f"{project.period.start.isoformat()} 至 {project.period.end.isoformat()}"


def _index(token: str, size: int) -> int | None:
    if token.isdigit() and int(token) < size:
        return int(token)
    return None


def anchor_key(decl: Declaration, pointer: str) -> str:
    """The cell of the form a problem at ``pointer`` belongs to.

    The most specific rendered cell wins: ``/indicators/0/groups/1/items/2/targets/0/value``
    lands on that indicator's row, ``/indicators/0/groups/1/name`` on the 二级 cell,
    ``/funds/total`` on the 资金总额 cell; a pointer past the end of a list falls back to the
    enclosing cell (``/indicators/99`` to the table). Anything without a cell (``/year``,
    ``/framework``, funds on a project form without funds) belongs to the whole document.
    """
    parts = split_pointer(pointer)
    if not parts:
        return DOC
    head, rest = parts[0], parts[1:]
    if head in ("unit", "head", "phone", "functions", "remarks"):
        return head
    if head == "funds":
        if not shows_funds(decl):
            return DOC
        if rest and rest[0] in dict(FUNDS_PARTS):
            return f"funds-{rest[0]}"
        return "funds"
    if head == "project":
        if not shows_project(decl):
            return DOC
        if rest and rest[0] in ("name", "amount", "period"):
            return f"project-{rest[0]}"
        return "project"
    if head == "goals":
        goals = decl.goals
        if goals is not None and rest[:1] == ["lead"] and goals.lead:
            return "goals-lead"
        if goals is not None and rest[:1] == ["strands"] and len(rest) > 1:
            n = _index(rest[1], len(goals.strands))
            if n is not None:
                return f"goals-strand-{n}"
        return "goals"
    if head == "indicators":
        return _indicator_key(decl, rest)
    return DOC


def _indicator_key(decl: Declaration, rest: list[str]) -> str:
    i = _index(rest[0], len(decl.indicators)) if rest else None
    if i is None:
        return INDICATORS
    level1 = decl.indicators[i]
    j = _index(rest[2], len(level1.groups)) if len(rest) > 2 and rest[1] == "groups" else None
    if j is None:
        return f"l1-{i}"
    group = level1.groups[j]
    k = _index(rest[4], len(group.items)) if len(rest) > 4 and rest[3] == "items" else None
    if k is None:
        return f"l2-{i}-{j}"
    return f"item-{i}-{j}-{k}"


def where(decl: Declaration, key: str) -> str:
    """A clerk's name for a cell: "产出指标一：… / 产出数量指标 / 第2项"."""
    fixed = {
        DOC: "整份文件",
        INDICATORS: "绩效指标表",
        "unit": UNIT,
        "head": HEAD,
        "phone": PHONE,
        "funds": FUNDS,
        "project": "项目信息",
        "project-name": PROJECT_NAME,
        "project-amount": PROJECT_AMOUNT,
        "project-period": PROJECT_PERIOD,
        "functions": functions_label(decl),
        "goals": goals_label(decl),
        "goals-lead": f"{goals_label(decl)} / 总体目标",
        "remarks": REMARKS,
    }
    fixed.update({f"funds-{k}": f"{FUNDS} / {label}" for k, label in FUNDS_PARTS})
    if key in fixed:
        return fixed[key]
    if key.startswith("goals-strand-"):
        return f"{goals_label(decl)} / 第{int(key.rsplit('-', 1)[1]) + 1}段"
    prefix, *idx = key.split("-")
    pos = [int(n) for n in idx]
    level1 = decl.indicators[pos[0]]
    if prefix == "l1":
        return level1.name
    group = level1.groups[pos[1]]
    if prefix == "l2":
        return f"{level1.name} / {group.name}"
    return f"{level1.name} / {group.name} / 第{pos[2] + 1}项"


@dataclass(frozen=True, slots=True)
class Note:
    """One problem as the form shows it: its number in the findings list and its cell."""

    number: int
    key: str
    problem: Problem

    @property
    def anchor(self) -> str:
        """The id of the finding in the findings list (``f1``, ``f2``, …)."""
        return f"f{self.number}"


_SEVERITY_EN = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


@dataclass(frozen=True, slots=True)
class Annotations:
    """Problems laid over the form: numbered in file order and grouped by cell."""

    notes: tuple[Note, ...] = ()
    by_key: dict[str, tuple[Note, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, decl: Declaration, problems: Iterable[Problem]) -> Annotations:
        ordered = sorted(problems, key=Problem.sort_key)
        notes = tuple(
            Note(n, anchor_key(decl, p.pointer), p) for n, p in enumerate(ordered, start=1)
        )
        grouped: dict[str, list[Note]] = {}
        for note in notes:
            grouped.setdefault(note.key, []).append(note)
        return cls(notes, {k: tuple(v) for k, v in grouped.items()})

    def at(self, key: str) -> tuple[Note, ...]:
        return self.by_key.get(key, ())

    def __bool__(self) -> bool:
        return bool(self.notes)

    def worst(self, key: str) -> Severity | None:
        notes = self.at(key)
        return max((n.problem.severity for n in notes), default=None)


def severity_word(severity: Severity, lang: Lang) -> str:
    return severity.zh if lang == "zh" else _SEVERITY_EN[severity]


def findings_title(count: int, lang: Lang) -> str:
    return f"审核意见（{count} 条）" if lang == "zh" else f"Findings ({count})"


def line_ref(problem: Problem, lang: Lang) -> str:
    """ "第12行" / "line 12", or "" when the problem has no position."""
    if not problem.line:
        return ""
    return f"第{problem.line}行" if lang == "zh" else f"line {problem.line}"


class Renderer:
    """A renderer turns a declaration (and, optionally, its problems) into one document."""

    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = ""

    def __init__(self, *, lang: Lang = "zh") -> None:
        self.lang: Lang = lang

    def render(self, decl: Declaration, problems: Sequence[Problem] | None = None) -> str:
        """The document; with ``problems`` (even an empty list) the findings are laid over it."""
        notes = Annotations.build(decl, problems) if problems is not None else None
        return self.document(decl, notes)

    def document(self, decl: Declaration, notes: Annotations | None) -> str:
        raise NotImplementedError


__all__ = [
    "DOC",
    "INDICATORS",
    "Annotations",
    "Note",
    "Renderer",
    "anchor_key",
    "lines",
    "money",
    "percent",
    "where",
]
