"""The official form as one self-contained HTML page, ready to print on A4.

The markup lives in Jinja2 templates shipped with the package (``templates/form.html.j2``,
``form-macros.html.j2``, ``form.css``, ``funds-chart.svg.j2``), rendered with autoescape on:
this module works out what the form shows (labels, rows, merged cells, findings) and the
templates decide how it looks. A folder of adapted copies can replace any of them
(``HtmlRenderer(template_dir=...)``).

No scripts, no external assets: the CSS is inline, the funds chart is inline SVG and every link
is an in-page anchor, so the file can be mailed, archived or opened offline. The indicator table
merges its 一级 and 二级 cells (``rowspan``) as the printed form does, and its header row repeats
on every printed page.

With problems, each cell a finding concerns is highlighted (class ``has-finding`` plus a
background, and a border style and numbered marker that survive greyscale printing) and links
to its entries in the findings list at the end; each entry links back to its cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from perfdecl.model import Declaration, Level1
from perfdecl.problem import Lang, Severity
from perfdecl.render.base import (
    FUNDS,
    FUNDS_PARTS,
    HEAD,
    LEVEL1,
    LEVEL2,
    LEVEL3,
    PHONE,
    PROJECT_AMOUNT,
    PROJECT_NAME,
    PROJECT_PERIOD,
    REMARKS,
    UNIT,
    Annotations,
    Note,
    Renderer,
    findings_title,
    functions_label,
    funds_of,
    goals_label,
    line_ref,
    money,
    period_text,
    project_of,
    severity_word,
    shows_funds,
    shows_project,
    title,
    where,
)
from perfdecl.render.project import (
    MONEY_HEADING,
    Fact,
    GoalBlock,
    goal_blocks,
    money_lines,
    project_facts,
)
from perfdecl.render.svg import Chart, chart_data

# The fixed labels the template prints, by the names perfdecl.render.base gives them; "\n"
# marks where a label may break (each label cell is otherwise one line, its column wide enough).
LABELS: dict[str, str] = {
    "UNIT": UNIT,
    "HEAD": HEAD,
    "PHONE": PHONE,
    "FUNDS": FUNDS.replace("总体", "\n总体"),  # two lines in its two-row cell, split at a word
    "PROJECT_NAME": PROJECT_NAME,
    "PROJECT_AMOUNT": PROJECT_AMOUNT,
    "PROJECT_PERIOD": PROJECT_PERIOD,
    "LEVEL1": LEVEL1,
    "LEVEL2": LEVEL2,
    "LEVEL3": LEVEL3,
    "REMARKS": REMARKS,
}


@dataclass(frozen=True, slots=True)
class Marks:
    """The findings laid over one cell and the classes that highlight it (falsy when none)."""

    notes: tuple[Note, ...] = ()
    classes: str = ""

    def __bool__(self) -> bool:
        return bool(self.notes)


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell of the indicator table: anchor key, text, rows it spans, JSON pointer."""

    key: str
    text: str | None
    rowspan: int
    pointer: str


@dataclass(frozen=True, slots=True)
class Row:
    """One printed row: the 一级 and 二级 cells only on the first row they span."""

    l1: Cell | None = None
    l2: Cell | None = None
    item: Cell | None = None


@dataclass(frozen=True, slots=True)
class FundsPart:
    name: str
    label: str
    amount: str


@dataclass(frozen=True, slots=True)
class Finding:
    """A finding as the list after the form shows it."""

    note: Note
    severity: str
    place: str
    message: str


@dataclass(frozen=True, slots=True)
class Form:
    """Everything ``form.html.j2`` shows beyond the declaration's own fields."""

    heading: str
    doc_title: str
    annotated: bool
    shows_project: bool
    project_name: str | None
    project_amount: str
    project_period: str
    funds: tuple[FundsPart, ...]
    chart: Chart | None
    functions_label: str
    goals_label: str
    goals: tuple[tuple[str, str | None], ...]
    facts: tuple[Fact, ...]
    money_heading: str
    money: tuple[tuple[str, str], ...]
    goal_blocks: tuple[GoalBlock, ...]
    rows: tuple[Row, ...]
    findings: tuple[Finding, ...]
    findings_title: str


def indicator_rows(decl: Declaration) -> tuple[Row, ...]:
    """The table's rows, with the merged 一级 and 二级 cells on the first row they span."""
    rows: list[Row] = []
    for i, level1 in enumerate(decl.indicators):
        rows.extend(_level1_rows(i, level1))
    return tuple(rows)


def _level1_rows(i: int, level1: Level1) -> list[Row]:
    heights = [max(1, len(group.items)) for group in level1.groups]
    l1 = Cell(f"l1-{i}", level1.name, max(1, sum(heights)), f"/indicators/{i}")
    if not level1.groups:
        return [Row(l1=l1)]
    rows = []
    for j, group in enumerate(level1.groups):
        pointer = f"/indicators/{i}/groups/{j}"
        l2 = Cell(f"l2-{i}-{j}", group.name, heights[j], pointer)
        lead = l1 if j == 0 else None
        if not group.items:
            rows.append(Row(l1=lead, l2=l2))
            continue
        for k, item in enumerate(group.items):
            cell = Cell(f"item-{i}-{j}-{k}", item.text, 1, f"{pointer}/items/{k}")
            rows.append(Row(l1=lead, l2=l2, item=cell) if k == 0 else Row(item=cell))
    return rows


def _findings(decl: Declaration, notes: Annotations, lang: Lang) -> tuple[Finding, ...]:
    found = []
    for note in notes.notes:
        ref = line_ref(note.problem, lang)
        found.append(
            Finding(
                note,
                severity_word(note.problem.severity, lang),
                where(decl, note.key) + (f"，{ref}" if ref else ""),
                note.problem.message.text(lang),
            )
        )
    return tuple(found)


def build_form(decl: Declaration, notes: Annotations | None, lang: Lang) -> Form:
    """What the page shows, worked out once; the template only lays it out."""
    heading = title(decl)
    project = project_of(decl)
    funds = funds_of(decl) if shows_funds(decl) else None
    goals: list[tuple[str, str | None]] = []
    if decl.goals is not None:
        if decl.goals.lead:
            goals.append(("goals-lead", decl.goals.lead))
        goals.extend((f"goals-strand-{n}", s.text) for n, s in enumerate(decl.goals.strands))
    return Form(
        heading=heading,
        doc_title=" ".join(x for x in (decl.unit, f"{decl.year}年度{heading}") if x),
        annotated=notes is not None,
        shows_project=shows_project(decl),
        project_name=project.name,
        project_amount=money(project.amount),
        project_period=period_text(project),
        funds=()
        if funds is None
        else tuple(
            FundsPart(part, label, money(getattr(funds, part))) for part, label in FUNDS_PARTS
        ),
        chart=None if funds is None else chart_data(funds),
        functions_label=functions_label(decl),
        goals_label=goals_label(decl),
        goals=tuple(goals),
        facts=project_facts(decl),
        money_heading=MONEY_HEADING,
        money=tuple(
            ("　" * m.depth + m.label + (f"（{m.unit}）" if m.depth == 0 else ""), money(m.amount))
            for m in money_lines(decl)
        ),
        goal_blocks=goal_blocks(decl),
        rows=indicator_rows(decl),
        findings=() if notes is None else _findings(decl, notes, lang),
        findings_title=findings_title(len(notes.notes) if notes else 0, lang),
    )


class HtmlRenderer(Renderer):
    name: ClassVar[str] = "html"
    suffixes: ClassVar[tuple[str, ...]] = (".html", ".htm")
    description: ClassVar[str] = "the official table layout, self-contained and print-ready (A4)"

    def __init__(self, *, lang: Lang = "zh", template_dir: Path | None = None) -> None:
        super().__init__(lang=lang)
        self.template_dir = template_dir

    def document(self, decl: Declaration, notes: Annotations | None) -> str:
        from perfdecl.render.jinja import render_template

        def marks(key: str) -> Marks:
            found = notes.at(key) if notes is not None else ()
            if not found:
                return Marks()
            worst = (notes.worst(key) if notes else None) or Severity.INFO
            return Marks(found, f"has-finding sev-{worst.value}")

        return render_template(
            "form.html.j2",
            self.template_dir,
            decl=decl,
            form=build_form(decl, notes, self.lang),
            lang=self.lang,
            labels=LABELS,
            css="form.css",
            marks=marks,
        )


__all__ = ["LABELS", "Form", "HtmlRenderer", "build_form", "indicator_rows"]
