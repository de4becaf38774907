"""The official form as the Word (.docx) and Excel (.xlsx) files clerks file.

Both follow the printed form (the same labels and order as the HTML, :mod:`perfdecl.render.base`):
the header rows, the indicator table with its 一级 and 二级 cells merged over their rows (its
header row repeated on every printed page in Word), and 其他说明的问题. Amounts are written as
in the YAML (numbers in Excel, exact: Decimal). python-docx and openpyxl are imported here only.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from perfdecl.model import Declaration
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
    functions_label,
    funds_of,
    goals_label,
    money,
    period_text,
    project_of,
    shows_funds,
    shows_project,
    title,
)

if TYPE_CHECKING:
    from docx.table import Table

FONT = "SimSun"


@dataclass(frozen=True, slots=True)
class Block:
    """One row of the indicator table: its 一级/二级 names and how many rows they span."""

    l1: str
    l1_span: int  # rows the 一级 cell covers from here, or 0 when covered by an earlier row
    l2: str
    l2_span: int
    item: str


def indicator_blocks(decl: Declaration) -> Iterator[Block]:
    """The indicator table's rows with the merged cells' spans (as the HTML's rowspans)."""
    for level1 in decl.indicators:
        heights = [max(1, len(g.items)) for g in level1.groups]
        total = max(1, sum(heights))
        if not level1.groups:
            yield Block(level1.name, 1, "", 1, "")
            continue
        first = True
        for group, height in zip(level1.groups, heights, strict=True):
            items = [item.text for item in group.items] or [""]
            for k, text in enumerate(items):
                yield Block(
                    level1.name,
                    total if first else 0,
                    group.name,
                    height if k == 0 else 0,
                    text,
                )
                first = False


@dataclass(frozen=True, slots=True)
class Field:
    """A cell of the header rows: text, columns spanned, and what it is."""

    text: str
    span: int = 1
    kind: str = "text"  # "label", "text" or "money"


def _label(text: str, span: int = 1) -> Field:
    return Field(text, span, "label")


def header_rows(decl: Declaration) -> list[list[Field]]:
    """The header rows over five columns; the funds label spans two rows (given on the first,
    an empty label on the second)."""
    rows: list[list[Field]] = []
    if shows_project(decl):
        rows.append([_label(PROJECT_NAME), Field(project_of(decl).name or "", 4)])
    rows.append([_label(UNIT), Field(decl.unit or "", 4)])
    rows.append([_label(HEAD), Field(decl.head or "", 2), _label(PHONE), Field(decl.phone or "")])
    if shows_project(decl):
        project = project_of(decl)
        rows.append(
            [
                _label(PROJECT_AMOUNT),
                Field(money(project.amount), 1, "money"),
                _label(PROJECT_PERIOD),
                Field(period_text(project), 2),
            ]
        )
    if shows_funds(decl):
        funds = funds_of(decl)
        rows.append([_label(FUNDS), *(_label(label) for _, label in FUNDS_PARTS)])
        rows.append(
            [_label(""), *(Field(money(getattr(funds, p)), 1, "money") for p, _ in FUNDS_PARTS)]
        )
    rows.append([_label(functions_label(decl)), Field(decl.functions or "", 4)])
    rows.append([_label(goals_label(decl)), Field(goals_text(decl), 4)])
    return rows


def goals_text(decl: Declaration) -> str:
    if decl.goals is None:
        return ""
    parts = ([decl.goals.lead] if decl.goals.lead else []) + [s.text for s in decl.goals.strands]
    return "\n".join(parts)


# --- Word --------------------------------------------------------------------------------


def to_docx(decl: Declaration) -> bytes:
    """The form as a Word document (A4, SimSun)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin = section.bottom_margin = Mm(18)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)

    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title(decl))
    run.bold = True
    run.font.size = Pt(16)
    year = document.add_paragraph(f"（{decl.year}年度）")
    year.alignment = WD_ALIGN_PARAGRAPH.CENTER

    rows = header_rows(decl)
    table = document.add_table(rows=len(rows), cols=5)
    table.style = "Table Grid"
    funds_row = None
    for r, row in enumerate(rows):
        col = 0
        for field in row:
            cell = table.cell(r, col)
            if field.span > 1:
                cell = cell.merge(table.cell(r, col + field.span - 1))
            _write(cell, field.text, bold=field.kind == "label")
            if field.text == FUNDS:
                funds_row = r
            col += field.span
    if funds_row is not None:
        table.cell(funds_row, 0).merge(table.cell(funds_row + 1, 0))

    blocks = list(indicator_blocks(decl))
    table = document.add_table(rows=1 + len(blocks), cols=3)
    table.style = "Table Grid"
    for c, text in enumerate((LEVEL1, LEVEL2, LEVEL3)):
        _write(table.cell(0, c), text, bold=True)
    _repeat_header(table)
    for r, block in enumerate(blocks, start=1):
        _write(table.cell(r, 2), block.item)
        if block.l1_span:
            cell = table.cell(r, 0)
            if block.l1_span > 1:
                cell = cell.merge(table.cell(r + block.l1_span - 1, 0))
            _write(cell, block.l1)
        if block.l2_span:
            cell = table.cell(r, 1)
            if block.l2_span > 1:
                cell = cell.merge(table.cell(r + block.l2_span - 1, 1))
            _write(cell, block.l2)

    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    _write(table.cell(0, 0), REMARKS, bold=True)
    _write(table.cell(0, 1), decl.remarks or "")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _write(cell: Any, text: str, *, bold: bool = False) -> None:
    """``text`` into ``cell``, one paragraph per line."""
    lines = text.replace("\r\n", "\n").split("\n") if text else [""]
    first = cell.paragraphs[0]
    for n, line in enumerate(lines):
        paragraph = first if n == 0 else cell.add_paragraph()
        if line:
            paragraph.add_run(line).bold = bold


def _repeat_header(table: Table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = table.rows[0]._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


# --- Excel -------------------------------------------------------------------------------


def _number(text: str) -> Decimal | str:
    try:
        return Decimal(text) if text else text
    except ArithmeticError:
        return text


def to_xlsx(decl: Declaration) -> bytes:
    """The form as one Excel sheet, 申报表: five columns, merged cells as on the printed form."""
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, Side

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "申报表"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for column, width in zip("ABCDE", (22, 18, 20, 20, 20), strict=True):
        sheet.column_dimensions[column].width = width

    sheet.append([title(decl)])
    sheet.merge_cells("A1:E1")
    sheet["A1"].font = Font(bold=True, size=16)
    sheet["A1"].alignment = centre
    sheet.append([f"（{decl.year}年度）"])
    sheet.merge_cells("A2:E2")
    sheet["A2"].alignment = centre

    funds_row = None
    for row in header_rows(decl):
        r = sheet.max_row + 1
        col = 1
        for field in row:
            cell = sheet.cell(r, col)
            if field.text:
                cell.value = _number(field.text) if field.kind == "money" else field.text
            cell.alignment = centre if field.kind == "label" else wrap
            cell.font = Font(bold=field.kind == "label")
            if field.span > 1:
                end = col + field.span - 1
                sheet.merge_cells(start_row=r, start_column=col, end_row=r, end_column=end)
            if field.text == FUNDS:
                funds_row = r
            col += field.span
    if funds_row is not None:
        sheet.merge_cells(start_row=funds_row, start_column=1, end_row=funds_row + 1, end_column=1)

    r = sheet.max_row + 1
    for c, text in ((1, LEVEL1), (2, LEVEL2), (3, LEVEL3)):
        sheet.cell(r, c, text).font = Font(bold=True)
        sheet.cell(r, c).alignment = centre
    sheet.merge_cells(start_row=r, start_column=3, end_row=r, end_column=5)
    sheet.print_title_rows = f"{r}:{r}"
    for block in indicator_blocks(decl):
        r += 1
        sheet.cell(r, 3, block.item or None).alignment = wrap
        sheet.merge_cells(start_row=r, start_column=3, end_row=r, end_column=5)
        if block.l1_span:
            sheet.cell(r, 1, block.l1).alignment = centre
            if block.l1_span > 1:
                sheet.merge_cells(
                    start_row=r, start_column=1, end_row=r + block.l1_span - 1, end_column=1
                )
        if block.l2_span:
            sheet.cell(r, 2, block.l2 or None).alignment = centre
            if block.l2_span > 1:
                sheet.merge_cells(
                    start_row=r, start_column=2, end_row=r + block.l2_span - 1, end_column=2
                )
    r += 1
    sheet.cell(r, 1, REMARKS).font = Font(bold=True)
    sheet.cell(r, 1).alignment = centre
    sheet.cell(r, 2, decl.remarks or None).alignment = wrap
    sheet.merge_cells(start_row=r, start_column=2, end_row=r, end_column=5)
    for row in sheet.iter_rows(min_row=3, max_row=r, max_col=5):
        for cell in row:
            cell.border = border
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


__all__ = ["indicator_blocks", "to_docx", "to_xlsx"]
