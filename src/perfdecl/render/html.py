"""The official form as one self-contained HTML page, ready to print on A4.

No scripts, no external assets: the CSS is inline, the funds chart is inline SVG and every link
is an in-page anchor, so the file can be mailed, archived or opened offline. The indicator table
merges its 一级 and 二级 cells (``rowspan``) as the printed form does, and its header row repeats
on every printed page.

With problems, each cell a finding concerns is highlighted (class ``has-finding`` plus a
background, and a border style and numbered marker that survive greyscale printing) and links
to its entries in the findings list at the end; each entry links back to its cell.
"""

from __future__ import annotations

from html import escape
from typing import ClassVar

from perfdecl.model import Declaration, Level1
from perfdecl.problem import Severity
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
    title,
    where,
)
from perfdecl.render.svg import funds_chart

FONTS = '"SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif'

CSS = f"""
@page {{ size: A4; margin: 18mm 15mm 18mm 15mm; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ margin: 0; background: #fff; color: #000; font-family: {FONTS};
  font-size: 10.5pt; line-height: 1.5; }}
.sheet {{ max-width: 180mm; margin: 0 auto; padding: 10mm 0; }}
@media print {{ .sheet {{ max-width: none; padding: 0; }} }}
h1 {{ font-size: 16pt; text-align: center; margin: 0; letter-spacing: 1pt; }}
.year {{ text-align: center; margin: 2pt 0 8pt; }}
table.form {{ width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0; }}
table.form + table.form {{ margin-top: -0.75pt; }}
th, td {{ border: 0.75pt solid #000; padding: 3pt 5pt; vertical-align: top; text-align: left;
  overflow-wrap: anywhere; }}
th {{ background: #f0f0f0; font-weight: bold; text-align: center; vertical-align: middle; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
td.l1, td.l2 {{ text-align: center; vertical-align: middle; }}
td.chart {{ text-align: center; }}
td.chart svg {{ max-width: 100%; height: auto; }}
thead {{ display: table-header-group; }}
tr, th, td {{ page-break-inside: avoid; break-inside: avoid; }}
p {{ margin: 0 0 3pt; }}
p:last-child {{ margin-bottom: 0; }}
caption {{ caption-side: top; text-align: left; padding: 2pt 0; }}
.notice {{ border: 0.75pt solid #000; padding: 4pt 6pt; margin: 0 0 8pt; }}
.has-finding {{ background: #fff3b0; }}
.has-finding.sev-error {{ background: #ffd6d6; border-left: 3pt solid #000; }}
.has-finding.sev-warning {{ background: #fff3b0; border-left: 3pt dashed #000; }}
.has-finding.sev-info {{ background: #e2eeff; border-left: 3pt dotted #000; }}
p.has-finding {{ padding-left: 3pt; }}
sup.refs {{ font-size: 8pt; line-height: 0; white-space: nowrap; }}
sup.refs a {{ color: #000; font-weight: bold; text-decoration: none; }}
.findings {{ margin-top: 12pt; }}
.findings h2 {{ font-size: 12pt; margin: 0 0 4pt; }}
.findings ol {{ margin: 0; padding-left: 2.2em; }}
.findings li {{ margin: 0 0 3pt; padding-left: 3pt; break-inside: avoid; }}
.findings .code {{ font-family: monospace; font-weight: bold; }}
.findings a.back {{ color: #000; text-decoration: none; }}
:target {{ outline: 2pt solid #000; }}
""".strip()


def _text(text: str | None) -> str:
    """Escaped text with its line breaks kept."""
    return "<br>".join(escape(line) for line in lines(text))


def _attrs(**attrs: str | int | None) -> str:
    """HTML attributes from keywords (``class_`` for class); None values are left out."""
    out = []
    for name, value in attrs.items():
        if value is None:
            continue
        out.append(f' {name.rstrip("_").replace("_", "-")}="{escape(str(value))}"')
    return "".join(out)


class HtmlRenderer(Renderer):
    name: ClassVar[str] = "html"
    suffixes: ClassVar[tuple[str, ...]] = (".html", ".htm")
    description: ClassVar[str] = "the official table layout, self-contained and print-ready (A4)"

    notes: Annotations | None = None

    def document(self, decl: Declaration, notes: Annotations | None) -> str:
        self.notes = notes
        heading = title(decl)
        doc_title = " ".join(x for x in (decl.unit, f"{decl.year}年度{heading}") if x)
        parts = [
            "<!DOCTYPE html>",
            '<html lang="zh-CN">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="perfdecl">',
            f"<title>{escape(doc_title)}</title>",
            f"<style>\n{CSS}\n</style>",
            "</head>",
            "<body>",
            '<main class="sheet">',
            f"<h1>{escape(heading)}</h1>",
            f'<p class="year">（{decl.year}年度）</p>',
        ]
        if notes is not None:
            parts.append(self._notice(notes))
        parts.append(self._header(decl))
        parts.append(self._indicators(decl))
        parts.append(
            '<table class="form remarks">\n<colgroup><col style="width:20%"><col></colgroup>\n'
            f'<tr><th scope="row">{REMARKS}</th>'
            f"{self._cell('remarks', _text(decl.remarks))}</tr>\n</table>"
        )
        if notes is not None and notes:
            parts.append(self._findings(decl, notes))
        parts.extend(["</main>", "</body>", "</html>", ""])
        return "\n".join(parts)

    # --- cells and markers -------------------------------------------------------------------

    def _marks(self, key: str) -> tuple[str, str]:
        """(extra classes, marker links) for the element anchored at ``key``."""
        if self.notes is None:
            return "", ""
        found = self.notes.at(key)
        if not found:
            return "", ""
        worst = self.notes.worst(key) or Severity.INFO
        links = "".join(
            f'<a class="fref" href="#{n.anchor}" title="{escape(n.problem.code)}">[{n.number}]</a>'
            for n in found
        )
        return f" has-finding sev-{worst.value}", f'<sup class="refs">{links}</sup>'

    def _cell(
        self,
        key: str,
        content: str,
        *,
        tag: str = "td",
        cls: str = "",
        colspan: int | None = None,
        rowspan: int | None = None,
        pointer: str | None = None,
    ) -> str:
        extra, refs = self._marks(key)
        classes = (cls + extra).strip() or None
        attrs = _attrs(
            id=f"at-{key}",
            class_=classes,
            colspan=colspan if colspan and colspan > 1 else None,
            rowspan=rowspan if rowspan and rowspan > 1 else None,
            data_pointer=pointer,
        )
        return f"<{tag}{attrs}>{content}{refs}</{tag}>"

    def _para(self, key: str, text: str | None) -> str:
        extra, refs = self._marks(key)
        return f"<p{_attrs(id=f'at-{key}', class_=extra.strip() or None)}>{_text(text)}{refs}</p>"

    # --- sections ----------------------------------------------------------------------------

    def _notice(self, notes: Annotations) -> str:
        count = len(notes.notes)
        if self.lang == "zh":
            text = (
                f"本表附有 {count} 条审核意见，相关单元格已标出，详见"
                '<a href="#findings">表后清单</a>。'
                if count
                else "未发现问题。"
            )
        else:
            text = (
                f"{count} finding(s) are marked on the form; see "
                '<a href="#findings">the list after the form</a>.'
                if count
                else "No problems found."
            )
        extra, refs = self._marks(DOC)
        return f'<p id="at-{DOC}" class="notice{extra}">{text}{refs}</p>'

    def _header(self, decl: Declaration) -> str:
        rows = []
        if shows_project(decl):
            project = project_of(decl)
            rows.append(
                f"<tr>{self._cell('project', PROJECT_NAME, tag='th')}"
                f"{self._cell('project-name', _text(project.name), colspan=4)}</tr>"
            )
        rows.append(
            f'<tr><th scope="row">{UNIT}</th>{self._cell("unit", _text(decl.unit), colspan=4)}</tr>'
        )
        rows.append(
            f'<tr><th scope="row">{HEAD}</th>{self._cell("head", _text(decl.head), colspan=2)}'
            f'<th scope="row">{PHONE}</th>{self._cell("phone", _text(decl.phone))}</tr>'
        )
        if shows_project(decl):
            project = project_of(decl)
            rows.append(
                f'<tr><th scope="row">{PROJECT_AMOUNT}</th>'
                f"{self._cell('project-amount', escape(money(project.amount)), cls='num')}"
                f'<th scope="row">{PROJECT_PERIOD}</th>'
                f"{self._cell('project-period', escape(period_text(project)), colspan=2)}</tr>"
            )
        if shows_funds(decl):
            rows.extend(self._funds(decl))
        rows.append(
            f'<tr><th scope="row">{functions_label(decl)}</th>'
            f"{self._cell('functions', _text(decl.functions), colspan=4)}</tr>"
        )
        goals = decl.goals
        paragraphs = []
        if goals is not None:
            if goals.lead:
                paragraphs.append(self._para("goals-lead", goals.lead))
            paragraphs.extend(
                self._para(f"goals-strand-{n}", strand.text)
                for n, strand in enumerate(goals.strands)
            )
        rows.append(
            f'<tr><th scope="row">{goals_label(decl)}</th>'
            f"{self._cell('goals', chr(10).join(paragraphs), colspan=4)}</tr>"
        )
        return (
            '<table class="form header">\n<colgroup><col style="width:20%">'
            + "<col>" * 4
            + "</colgroup>\n<tbody>\n"
            + "\n".join(rows)
            + "\n</tbody>\n</table>"
        )

    def _funds(self, decl: Declaration) -> list[str]:
        funds = funds_of(decl)
        labels = "".join(f'<th scope="col">{label}</th>' for _, label in FUNDS_PARTS)
        values = "".join(
            self._cell(f"funds-{part}", escape(money(getattr(funds, part))), cls="num")
            for part, _ in FUNDS_PARTS
        )
        rows = [
            f"<tr>{self._cell('funds', FUNDS, tag='th', rowspan=2)}{labels}</tr>",
            f"<tr>{values}</tr>",
        ]
        chart = funds_chart(funds)
        if chart is not None:
            rows.append(
                f'<tr><th scope="row">资金构成</th><td class="chart" colspan="4">{chart}</td></tr>'
            )
        return rows

    def _indicators(self, decl: Declaration) -> str:
        body: list[str] = []
        for i, level1 in enumerate(decl.indicators):
            body.extend(self._level1_rows(i, level1))
        caption = ""
        if self.notes is not None and self.notes.at(INDICATORS):
            extra, refs = self._marks(INDICATORS)
            caption = f'<caption class="{extra.strip()}">绩效指标{refs}</caption>\n'
        return (
            f'<table class="form indicators" id="at-{INDICATORS}">\n{caption}'
            '<colgroup><col style="width:17%"><col style="width:13%"><col></colgroup>\n'
            f'<thead><tr><th scope="col">{LEVEL1}</th><th scope="col">{LEVEL2}</th>'
            f'<th scope="col">{LEVEL3}</th></tr></thead>\n<tbody>\n'
            + "\n".join(body)
            + "\n</tbody>\n</table>"
        )

    def _level1_rows(self, i: int, level1: Level1) -> list[str]:
        heights = [max(1, len(group.items)) for group in level1.groups]
        l1_cell = self._cell(
            f"l1-{i}",
            _text(level1.name),
            cls="l1",
            rowspan=max(1, sum(heights)),
            pointer=f"/indicators/{i}",
        )
        if not level1.groups:
            return [f'<tr>{l1_cell}<td class="l2 empty"></td><td class="item empty"></td></tr>']
        rows = []
        for j, group in enumerate(level1.groups):
            l2_cell = self._cell(
                f"l2-{i}-{j}",
                _text(group.name),
                cls="l2",
                rowspan=heights[j],
                pointer=f"/indicators/{i}/groups/{j}",
            )
            lead = (l1_cell if j == 0 else "") + l2_cell
            if not group.items:
                rows.append(f'<tr>{lead}<td class="item empty"></td></tr>')
                continue
            for k, item in enumerate(group.items):
                cell = self._cell(
                    f"item-{i}-{j}-{k}",
                    f'<span class="t">{_text(item.text)}</span>',
                    cls="item",
                    pointer=f"/indicators/{i}/groups/{j}/items/{k}",
                )
                rows.append(f"<tr>{lead if k == 0 else ''}{cell}</tr>")
        return rows

    def _findings(self, decl: Declaration, notes: Annotations) -> str:
        items = []
        for note in notes.notes:
            p = note.problem
            ref = line_ref(p, self.lang)
            place = where(decl, note.key) + (f"，{ref}" if ref else "")
            back = "返回" if self.lang == "zh" else "back"
            items.append(
                f'<li id="{note.anchor}" class="finding sev-{p.severity.value}">'
                f'<a class="back" href="#at-{note.key}" title="{back}">↑</a> '
                f'<span class="code">{escape(p.code)}</span> '
                f'<span class="sev">{escape(severity_word(p.severity, self.lang))}</span> '
                f'<span class="where">（{escape(place)}）</span> '
                f'<span class="msg">{escape(p.message.text(self.lang))}</span></li>'
            )
        return (
            '<section class="findings" id="findings">\n'
            f"<h2>{escape(findings_title(len(notes.notes), self.lang))}</h2>\n<ol>\n"
            + "\n".join(items)
            + "\n</ol>\n</section>"
        )


__all__ = ["CSS", "FONTS", "HtmlRenderer"]
