"""The form as GitHub-flavoured Markdown, for a README or a pull request.

Markdown tables cannot merge cells, so the 一级 and 二级 names are written on the first row of
their block and the cells below them are left blank: the table reads like the printed form,
and each name appears once (``perfdecl export`` gives one self-contained row per indicator
for machines). Multi-line texts are joined with ``<br>``; all text is escaped so that a ``|``,
a ``*`` or a ``1.`` at the start of a paragraph stays literal.

With problems, each concerned cell or paragraph carries footnote markers (``[^3]``) whose
definitions, after the form, give the code, severity, place and message.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from perfdecl.escape import safe
from perfdecl.model import Declaration, Indicator
from perfdecl.render.base import (
    DOC,
    FUNDS,
    FUNDS_PARTS,
    HEAD,
    INDICATORS,
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
    percent,
    period_text,
    project_of,
    severity_word,
    shows_funds,
    shows_project,
    title,
    where,
)
from perfdecl.render.project import MONEY_HEADING, goal_blocks, money_lines, project_facts
from perfdecl.render.svg import funds_parts


def inline(text: str) -> str:
    """One line of text with Markdown's syntax escaped (the one Markdown sink of escape.py)."""
    return safe(text, "markdown")


def paragraph_line(text: str) -> str:
    """A line that starts a paragraph: "1." or "#" do not start a list or heading either."""
    return safe(text, "markdown-line")


def _row(*cells: str) -> str:
    return "|" + "|".join(f" {c} " if c else " " for c in cells) + "|"


def cell(text: str | None) -> str:
    """A table cell: escaped, line breaks as ``<br>``."""
    return "<br>".join(inline(line) for line in lines(text))


_ROW_COLUMNS: tuple[tuple[str, str], ...] = (
    ("value_text", "指标值"),
    ("unit", "计量单位"),
    ("nature", "指标性质"),
    ("direction", "指标方向"),
    ("weight", "权重"),
    ("points", "分值"),
    ("standard", "绩效标准"),
    ("basis", "指标标准或依据"),
    ("previous", "上年实际值"),
    ("explanation", "指标解释"),
    ("scoring", "评（扣）分标准"),
    ("core", "核心指标"),
)
"""The project form's columns of a 三级 row, printed when any row of the table gives them."""

_WORDS = {
    "positive": "正向",
    "negative": "反向",
    "plan": "计划标准",
    "industry": "行业标准",
    "history": "历史标准",
    "other": "其他标准",
}


def _column(item: Indicator, key: str) -> str:
    value = getattr(item, key)
    if value is None:
        return ""
    if isinstance(value, bool):
        return (item.core_mark or "是") if value else "否"
    if isinstance(value, Decimal):
        return money(value)
    text = str(getattr(value, "value", value))
    return cell(_WORDS.get(text, text))


def _budgets(decl: Declaration) -> list[str]:
    """The project's money blocks (中期 and 年度) as one table, when given."""
    rows = money_lines(decl)
    if not rows:
        return []
    out = [f"## {MONEY_HEADING}", "", "| 项目 | 金额 |", "|---|---:|"]
    for line in rows:
        label = "　" * line.depth + cell(line.label)
        if line.depth == 0:
            label += f"（{line.unit}）"
        out.append(_row(label, money(line.amount)))
    return [*out, ""]


class MarkdownRenderer(Renderer):
    name: ClassVar[str] = "markdown"
    suffixes: ClassVar[tuple[str, ...]] = (".md", ".markdown")
    description: ClassVar[str] = "the same form as GitHub-flavoured Markdown tables"

    notes: Annotations | None = None

    def document(self, decl: Declaration, notes: Annotations | None) -> str:
        self.notes = notes
        out = [f"# {title(decl)}", "", f"（{decl.year}年度）", ""]
        if notes is not None:
            count = len(notes.notes)
            if self.lang == "zh":
                text = (
                    f"本表附有 {count} 条审核意见，以脚注标在相关栏目旁。"
                    if count
                    else "未发现问题。"
                )
            else:
                text = (
                    f"{count} finding(s) are marked as footnotes."
                    if count
                    else "No problems found."
                )
            out.extend([f"> {text}{self._refs(DOC)}", ""])
        out.extend(self._header(decl))
        if shows_funds(decl):
            out.extend(self._funds(decl))
        out.extend(_budgets(decl))
        out.extend(self._section(functions_label(decl), "functions", [decl.functions]))
        goals = decl.goals
        out.extend([f"## {goals_label(decl)}{self._refs('goals')}", ""])
        if goals is not None:
            if goals.lead:
                out.extend(self._paragraphs(goals.lead, "goals-lead"))
            for n, strand in enumerate(goals.strands):
                out.extend(self._paragraphs(strand.text, f"goals-strand-{n}"))
            for block in goal_blocks(decl):
                out.extend([f"**{inline(block.zh)}**", ""])
                out.extend(self._paragraphs(block.text, "goals"))
        out.extend(self._table(decl))
        out.extend(self._section(REMARKS, "remarks", [decl.remarks]))
        if notes is not None and notes:
            out.extend(self._findings(decl, notes))
        while out and out[-1] == "":
            out.pop()
        return "\n".join(out) + "\n"

    def _refs(self, key: str) -> str:
        if self.notes is None:
            return ""
        return "".join(f"[^{n.number}]" for n in self.notes.at(key))

    def _paragraphs(self, text: str | None, key: str) -> list[str]:
        """Each line its own paragraph; the markers follow the last one."""
        body = [paragraph_line(line) for line in lines(text) if line.strip()]
        if not body:
            body = [""]
        body[-1] += self._refs(key)
        out: list[str] = []
        for line in body:
            if line:
                out.extend([line, ""])
        return out

    def _section(self, label: str, key: str, texts: list[str | None]) -> list[str]:
        out = [f"## {label}", ""]
        for text in texts:
            out.extend(self._paragraphs(text, key))
        return out

    def _header(self, decl: Declaration) -> list[str]:
        rows: list[tuple[str, str, str]] = []
        project = project_of(decl)
        if shows_project(decl):
            rows.append((PROJECT_NAME + self._refs("project"), "project-name", cell(project.name)))
        rows.extend(
            [
                (UNIT, "unit", cell(decl.unit)),
                (HEAD, "head", cell(decl.head)),
                (PHONE, "phone", cell(decl.phone)),
            ]
        )
        if shows_project(decl):
            amount = money(project.amount)
            rows.append((PROJECT_AMOUNT, "project-amount", amount))
            period = project.period.text if project.period and project.period.text else ""
            shown = period_text(project) + (f"（{cell(period)}）" if period else "")
            rows.append((PROJECT_PERIOD, "project-period", shown))
        rows.extend((cell(f.zh), f.key, cell(f.value)) for f in project_facts(decl))
        out = [_row("栏目", "内容"), "|---|---|"]
        out.extend(_row(label, value + self._refs(key)) for label, key, value in rows)
        return [*out, ""]

    def _funds(self, decl: Declaration) -> list[str]:
        funds = funds_of(decl)
        out = [
            f"## {FUNDS}{self._refs('funds')}",
            "",
            "| " + " | ".join(label for _, label in FUNDS_PARTS) + " |",
            "|" + "---:|" * len(FUNDS_PARTS),
            "| "
            + " | ".join(
                money(getattr(funds, part)) + self._refs(f"funds-{part}") for part, _ in FUNDS_PARTS
            )
            + " |",
            "",
        ]
        parts = funds_parts(funds)
        if parts is not None:
            whole = sum((amount for *_, amount in parts), Decimal(0))
            shares = "；".join(
                f"{label} {money(amount)} {YUAN}（{percent(amount, whole)}%）"
                for _, label, _, amount in parts
            )
            out.extend([f"资金构成：{shares}", ""])
        return out

    def _table(self, decl: Declaration) -> list[str]:
        items = [
            item
            for l1 in decl.indicators
            for item in (*(i for g in l1.groups for i in g.items), *l1.items)
        ]
        columns = [
            (k, label) for k, label in _ROW_COLUMNS if any(getattr(i, k) is not None for i in items)
        ]
        head = [LEVEL1, LEVEL2, LEVEL3, *(label for _, label in columns)]
        out = [
            f"## 绩效指标{self._refs(INDICATORS)}",
            "",
            "| " + " | ".join(head) + " |",
            "|" + "---|" * len(head),
        ]
        blank = [""] * len(columns)
        for i, level1 in enumerate(decl.indicators):
            points = f"（{money(level1.points)}分）" if level1.points is not None else ""
            first1 = cell(level1.name) + points + self._refs(f"l1-{i}")
            if not level1.groups and not level1.items:
                out.append(_row(first1, "", "", *blank))
            for j, group in enumerate(level1.groups):
                first2 = cell(group.name) + self._refs(f"l2-{i}-{j}")
                rows = [
                    [cell(item.text) + self._refs(f"item-{i}-{j}-{k}")]
                    + [_column(item, key) for key, _ in columns]
                    for k, item in enumerate(group.items)
                ] or [["", *blank]]
                for k, row in enumerate(rows):
                    c1 = first1 if j == 0 and k == 0 else ""
                    c2 = first2 if k == 0 else ""
                    out.append(_row(c1, c2, *row))
            for k, item in enumerate(level1.items):
                c1 = first1 if not level1.groups and k == 0 else ""
                out.append(
                    _row(c1, "", cell(item.text), *(_column(item, key) for key, _ in columns))
                )
        return [*out, ""]

    def _findings(self, decl: Declaration, notes: Annotations) -> list[str]:
        out = [f"## {findings_title(len(notes.notes), self.lang)}", ""]
        for note in notes.notes:
            p = note.problem
            ref = line_ref(p, self.lang)
            place = where(decl, note.key) + (f"，{ref}" if ref else "")
            out.append(
                f"[^{note.number}]: **{p.code}** {severity_word(p.severity, self.lang)}"
                f"（{inline(place)}）{inline(p.message.text(self.lang))}"
            )
        return [*out, ""]


__all__ = ["MarkdownRenderer", "cell", "inline", "paragraph_line"]
