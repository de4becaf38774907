"""Write real xlsx, xls, docx, HTML and PDF files from rows of cells, merged cells included.

A form is given as rows of cells; ``None`` marks a cell covered by the merge of the cell above it
(a 一级 or 二级 printed once for its group), ``""`` an empty cell. Every writer reproduces the
merges in its own format: openpyxl and xlwt merged ranges, Word vMerge, HTML rowspan, PDF table spans.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence

Rows = Sequence[Sequence[str | None]]


def _spans(rows: Rows) -> dict[tuple[int, int], int]:
    """(row, col) of each anchor -> how many rows it spans (merged with the None cells below)."""
    spans: dict[tuple[int, int], int] = {}
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            n = 1
            while r + n < len(rows) and c < len(rows[r + n]) and rows[r + n][c] is None:
                n += 1
            spans[(r, c)] = n
    return spans


def width(rows: Rows) -> int:
    return max(len(r) for r in rows)


def xlsx(rows: Rows, title: str | None = None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    offset = 0
    if title:
        sheet.cell(1, 1, title)
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width(rows))
        offset = 1
    for (r, c), n in _spans(rows).items():
        sheet.cell(r + 1 + offset, c + 1, rows[r][c])
        if n > 1:
            sheet.merge_cells(
                start_row=r + 1 + offset,
                start_column=c + 1,
                end_row=r + n + offset,
                end_column=c + 1,
            )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xls(rows: Rows, title: str | None = None) -> bytes:
    """A legacy Excel 97-2003 workbook (BIFF8), merges written as merged ranges."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    offset = 0
    if title:
        sheet.write_merge(0, 0, 0, width(rows) - 1, title)
        offset = 1
    for (r, c), n in _spans(rows).items():
        if n > 1:
            sheet.write_merge(r + offset, r + n - 1 + offset, c, c, rows[r][c])
        else:
            sheet.write(r + offset, c, rows[r][c])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def docx(rows: Rows, title: str | None = None) -> bytes:
    from docx import Document

    document = Document()
    if title:
        document.add_paragraph(title)
    table = document.add_table(rows=len(rows), cols=width(rows))
    for (r, c), n in _spans(rows).items():
        cell = table.cell(r, c)
        if n > 1:
            cell = cell.merge(table.cell(r + n - 1, c))
        cell.text = rows[r][c] or ""
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def page(rows: Rows, title: str | None = None) -> bytes:
    spans = _spans(rows)
    parts = [
        "<!DOCTYPE html><html><head><title>x</title><script>var a='<td>no</td>';</script></head>",
        "<body><nav><a href='/'>首页</a> | <a href='/x'>政务公开</a></nav>",
    ]
    if title:
        parts.append(f"<h2>{html.escape(title)}</h2>")
    parts.append("<table border='1'>")
    for r, row in enumerate(rows):
        parts.append("<tr>")
        for c, value in enumerate(row):
            if value is None:
                continue
            n = spans[(r, c)]
            rs = f" rowspan='{n}'" if n > 1 else ""
            parts.append(f"<td{rs}>{html.escape(value)}</td>")
        parts.append("</tr>")
    parts.append("</table><footer>版权所有 联系我们</footer></body></html>")
    return "".join(parts).encode("utf-8")


def pdf(rows: Rows, title: str | None = None) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))  # built in: needs no font file
    style = ParagraphStyle("cell", fontName="STSong-Light", fontSize=7, leading=9)
    n = width(rows)
    data = [
        [Paragraph(html.escape(v), style) if v else "" for v in list(row) + [""] * (n - len(row))]
        for row in rows
    ]
    commands = [
        ("FONT", (0, 0), (-1, -1), "STSong-Light", 7),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
    ]
    for (r, c), span in _spans(rows).items():
        if span > 1:
            commands.append(("SPAN", (c, r), (c, r + span - 1)))
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=landscape(A4))
    story: list[object] = []
    if title:
        story.append(Paragraph(html.escape(title), ParagraphStyle("t", fontName="STSong-Light")))
    story.append(Table(data, style=TableStyle(commands), colWidths=[760 / n] * n))
    doc.build(story)
    return out.getvalue()


def scanned_pdf() -> bytes:
    """A PDF page with drawings and no text layer, as a scanner writes."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.rect(50, 50, 400, 600)
    c.line(50, 300, 450, 300)
    c.showPage()
    c.save()
    return out.getvalue()


def text(rows: Rows, title: str | None = None) -> bytes:
    """The same form as published text: one row per line, cells separated by tabs."""
    lines = [title] if title else []
    lines += ["\t".join(v for v in row if v) for row in rows]
    return ("\n".join(line for line in lines if line) + "\n").encode("utf-8")


WRITERS = {"xlsx": xlsx, "xls": xls, "docx": docx, "html": page, "pdf": pdf}
