"""The opinion as a Word file: python-docx is imported here only."""

from __future__ import annotations

import io

from perfdecl.opinion import Opinion, markdown
from perfdecl.problem import Lang


def to_docx(opinion: Opinion, lang: Lang = "zh") -> bytes:
    """The opinion as .docx bytes: title, addressee, parts as headings, items as paragraphs."""
    from docx import Document

    doc = Document()
    for line in markdown(opinion, lang).splitlines():
        if not line.strip():
            continue
        if line.startswith("# "):
            doc.add_heading(line[2:], level=1)
        elif line.startswith("## "):
            doc.add_heading(line[3:], level=2)
        elif line.startswith("**"):
            text = line.replace("**", "")
            paragraph = doc.add_paragraph()
            paragraph.add_run(text).bold = True
        else:
            doc.add_paragraph(line)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
