"""The project form's own parts, worked out once for every renderer (HTML, Markdown, text).

A project declaration carries rows the department form has not: the parties (主管部门,
实施单位, 填报人 …), the project's facts (项目属性, 立项依据, 项目概况 …), its money blocks
(中期 and 年度, each a labelled total in its unit with its sources) and its multi-year and
annual goals. Each renderer only escapes and lays out these rows, so the three formats show
the same fields in the same order. Values are raw text here: escaping is the sink's business.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from perfdecl.model import Declaration, Source


@dataclass(frozen=True, slots=True)
class Fact:
    """One labelled row of the project header: the label as printed (or the form's), its
    value, and the anchor key whose findings it shares ("unit" or "project")."""

    zh: str
    en: str
    value: str
    key: str


@dataclass(frozen=True, slots=True)
class MoneyLine:
    """A money figure: a block's total (depth 0, with its unit) or a source under it."""

    label: str
    amount: Decimal | None
    unit: str
    depth: int


@dataclass(frozen=True, slots=True)
class GoalBlock:
    """The multi-year (中期) or annual (年度) goal with its column label as printed."""

    zh: str
    en: str
    text: str


# The project's facts in the order of the form; data, so the renderers cannot drift apart.
FACTS: tuple[tuple[str, str, str], ...] = (
    ("lead", "项目负责人", "Project lead"),
    ("lead_phone", "项目负责人电话", "Project lead's phone"),
    ("attribute", "项目属性", "Project attribute"),
    ("category", "项目类别", "Project category"),
    ("nature", "项目性质", "Project nature"),
    ("basis", "立项依据", "Legal basis"),
    ("overview", "项目概况", "Project overview"),
    ("content", "项目内容", "Project content"),
)
PARTIES: tuple[tuple[str, str, str], ...] = (
    ("supervisor", "主管部门", "Supervising department"),
    ("implementer", "实施单位", "Implementing unit"),
)
BUDGETS: tuple[tuple[str, str], ...] = (
    ("budget_period", "中期资金总额"),
    ("budget", "年度资金总额"),
)
MONEY_HEADING = "项目资金"
GOALS: tuple[tuple[str, str, str], ...] = (
    ("period", "中期目标", "Multi-year goal"),
    ("annual", "年度目标", "Annual goal"),
)


def project_facts(decl: Declaration) -> tuple[Fact, ...]:
    """The parties, the project's facts, 填报人 and 填报日期, each only when given."""
    rows: list[Fact] = []
    for attr, zh, en in PARTIES:
        party = getattr(decl, attr)
        if party is not None and (party.name or party.code):
            name = f"[{party.code}]{party.name or ''}" if party.code else party.name
            rows.append(Fact(party.label or zh, en, name, "unit"))
    project = decl.project
    for key, zh, en in FACTS:
        value = getattr(project, key) if project is not None else None
        if value:
            rows.append(Fact(zh, en, str(value), "project"))
    if decl.filler:
        rows.append(Fact("填报人", "Filled in by", decl.filler, "unit"))
    if decl.filing_date is not None:
        rows.append(Fact("填报日期", "Date filed", decl.filing_date.isoformat(), "unit"))
    return tuple(rows)


def _sources(sources: list[Source], unit: str, depth: int) -> list[MoneyLine]:
    out: list[MoneyLine] = []
    for source in sources:
        out.append(MoneyLine(source.label, source.amount, unit, depth))
        out.extend(_sources(source.parts, unit, depth + 1))
    return out


def money_lines(decl: Declaration) -> tuple[MoneyLine, ...]:
    """The 中期 and 年度 money blocks: each total in its unit, then its sources, nested."""
    project = decl.project
    out: list[MoneyLine] = []
    for attr, default in BUDGETS:
        budget = getattr(project, attr) if project is not None else None
        if budget is None:
            continue
        unit = budget.unit.value
        out.append(MoneyLine(budget.label or default, budget.total, unit, 0))
        out.extend(_sources(budget.sources, unit, 1))
    return tuple(out)


def goal_blocks(decl: Declaration) -> tuple[GoalBlock, ...]:
    """The multi-year then the annual goal, each only when it has a text."""
    goals = decl.goals
    out: list[GoalBlock] = []
    for attr, zh, en in GOALS:
        goal = getattr(goals, attr) if goals is not None else None
        if goal is not None and goal.text:
            out.append(GoalBlock(goal.label or zh, en, goal.text))
    return tuple(out)


__all__ = [
    "MONEY_HEADING",
    "Fact",
    "GoalBlock",
    "MoneyLine",
    "goal_blocks",
    "money_lines",
    "project_facts",
]
