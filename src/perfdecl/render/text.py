"""The published text layout: what a 申报表 looks like when copied out of a web page or a PDF.

The layout is the seed's (``niujie_2019.txt``), line for line: every label on its own line after
a tab, its value on the next line after a tab, continuation lines of a multi-line value at the
left margin, blank lines (and lines holding a lone tab) where the published table had empty
cells, and the indicator table flattened one cell per line. ``perfdecl import`` reads this
layout, so ``render --format text`` followed by ``import`` gives back the same data.

With problems the findings follow the form after a separator; such a file is for reading, not
for importing.
"""

from __future__ import annotations

from typing import ClassVar

from perfdecl.escape import safe
from perfdecl.model import Declaration
from perfdecl.render.base import (
    FUNDS,
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
    YUAN,
    Annotations,
    Renderer,
    findings_title,
    functions_label,
    funds_of,
    goals_label,
    line_ref,
    lines,
    money,
    period_text,
    project_of,
    severity_word,
    shows_funds,
    shows_project,
    where,
)
from perfdecl.render.project import MONEY_HEADING, goal_blocks, money_lines, project_facts

TAB = "\t"
# The seed writes the funds labels exactly so: "项目支出" has no colon. Kept verbatim, since the
# importer is tested against the seed.
_FUNDS_LABELS = (
    ("total", "资金总额："),
    ("basic", "基本支出："),
    ("project", "项目支出"),
    ("other", "其他："),
)


class TextRenderer(Renderer):
    name: ClassVar[str] = "text"
    suffixes: ClassVar[tuple[str, ...]] = (".txt",)
    description: ClassVar[str] = "the published text layout, readable by perfdecl import"

    def document(self, decl: Declaration, notes: Annotations | None) -> str:
        out: list[str] = []
        if shows_project(decl):
            project = project_of(decl)
            self._field(out, PROJECT_NAME, project.name)
            out.append("")
        self._field(out, UNIT, decl.unit)
        out.append("")
        self._field(out, HEAD, decl.head)
        self._field(out, PHONE, decl.phone)
        out.append("")
        if shows_project(decl):
            project = project_of(decl)
            amount = money(project.amount)
            self._field(out, PROJECT_AMOUNT, f"{amount}{YUAN}" if amount else "")
            out.append("")
            self._field(out, PROJECT_PERIOD, period_text(project))
            out.append("")
        for fact in project_facts(decl):
            self._field(out, fact.zh, fact.value)
            out.append("")
        blocks = money_lines(decl)
        if blocks:
            out.append(TAB + MONEY_HEADING)
            for line in blocks:
                label = "　" * line.depth + line.label
                if line.depth == 0:
                    label += f"（{line.unit}）"
                self._field(out, label, money(line.amount))
            out.append("")
        if shows_funds(decl):
            self._funds(out, decl)
        self._field(out, functions_label(decl), decl.functions)
        out.append("")
        self._goals(out, decl)
        self._table(out, decl)
        self._field(out, REMARKS, decl.remarks)
        if notes is not None and notes:
            self._findings(out, decl, notes)
        return "\n".join(out) + "\n"

    @staticmethod
    def _value(out: list[str], text: str | None) -> None:
        """First line after a tab; continuation lines at the margin, as published."""
        value = [safe(line, "terminal") for line in lines(text)] or [""]
        out.append(TAB + value[0])
        out.extend(value[1:])

    def _field(self, out: list[str], label: str, text: str | None) -> None:
        out.append(TAB + safe(label, "terminal"))  # a label as printed is the file's text too
        self._value(out, text)

    def _funds(self, out: list[str], decl: Declaration) -> None:
        funds = funds_of(decl)
        out.append(TAB + FUNDS)
        for n, (part, label) in enumerate(_FUNDS_LABELS):
            if n:
                out.append(TAB)
            amount = money(getattr(funds, part))
            self._field(out, label, f"{amount}{YUAN}" if amount else "")
            out.append("")

    def _goals(self, out: list[str], decl: Declaration) -> None:
        goals = decl.goals
        paragraphs: list[str] = []
        if goals is not None:
            if goals.lead:
                paragraphs.append(goals.lead)
            paragraphs.extend(strand.text for strand in goals.strands)
        self._field(out, goals_label(decl), "\n".join(paragraphs))
        out.append("")
        for block in goal_blocks(decl):
            self._field(out, block.zh, block.text)
            out.append("")

    def _table(self, out: list[str], decl: Declaration) -> None:
        out.extend([TAB, TAB + LEVEL1, TAB + LEVEL2, TAB + LEVEL3, ""])
        for level1 in decl.indicators:
            out.extend([TAB, TAB + level1.name])
            for j, group in enumerate(level1.groups):
                if j:
                    out.extend([TAB, TAB])  # the merged 一级 cell, empty on this row
                out.append(TAB + group.name)
                self._value(out, "\n".join(item.text for item in group.items))
                out.append("")
            if not level1.groups:
                out.append("")

    def _findings(self, out: list[str], decl: Declaration, notes: Annotations) -> None:
        out.extend(["", "-" * 40, findings_title(len(notes.notes), self.lang)])
        for note in notes.notes:
            p = note.problem
            ref = line_ref(p, self.lang)
            place = where(decl, note.key) + (f"，{ref}" if ref else "")
            out.append(
                f"[{note.number}] {p.code} {severity_word(p.severity, self.lang)} "
                f"（{safe(place, 'terminal')}）{safe(p.message.text(self.lang), 'terminal')}"
            )


__all__ = ["TextRenderer"]
