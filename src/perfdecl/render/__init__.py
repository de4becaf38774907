"""Renderers as a name -> class table; ``perfdecl render --format`` choices are its keys.

Each renderer shows the same official form (see :mod:`perfdecl.render.base` for the shared
labels and the problem-to-cell mapping). Markdown and text use only the standard library;
HTML is laid out by Jinja2 templates (:mod:`perfdecl.render.jinja`), imported on first use.
"""

from __future__ import annotations

from collections.abc import Sequence

from perfdecl.model import Declaration
from perfdecl.problem import Lang, Problem
from perfdecl.render.base import Annotations, Renderer
from perfdecl.render.html import HtmlRenderer
from perfdecl.render.markdown import MarkdownRenderer
from perfdecl.render.text import TextRenderer

RENDERERS: dict[str, type[Renderer]] = {
    "html": HtmlRenderer,
    "markdown": MarkdownRenderer,
    "text": TextRenderer,
}


# Formats written as files of their own (bytes): name -> (suffixes, description).
DOCUMENTS: dict[str, tuple[tuple[str, ...], str]] = {
    "pdf": ((".pdf",), "the html form printed to A4 PDF by headless Chromium"),
    "docx": ((".docx",), "the official form as a Word document (python-docx)"),
    "xlsx": ((".xlsx",), "the official form as an Excel sheet (openpyxl)"),
}

# Every name ``perfdecl render --format`` takes.
FORMATS: tuple[str, ...] = (*RENDERERS, *DOCUMENTS)


def format_for_suffix(suffix: str) -> str | None:
    """The format an output file's suffix implies (".pdf" -> "pdf", ".md" -> "markdown")."""
    for name, (suffixes, _) in DOCUMENTS.items():
        if suffix.lower() in suffixes:
            return name
    return renderer_for_suffix(suffix)


def render_document(
    decl: Declaration,
    format: str,
    *,
    problems: Sequence[Problem] | None = None,
    lang: Lang = "zh",
) -> bytes:
    """A file format of :data:`DOCUMENTS`; raises :class:`perfdecl.render.pdf.PdfError`."""
    if format == "pdf":
        from perfdecl.render.pdf import html_to_pdf

        return html_to_pdf(render(decl, "html", problems=problems, lang=lang))
    if format in ("docx", "xlsx"):
        from perfdecl.render.office import to_docx, to_xlsx

        return to_docx(decl) if format == "docx" else to_xlsx(decl)
    raise ValueError(f"unknown document format {format!r}")


def renderer_for_suffix(suffix: str) -> str | None:
    """The renderer name an output file's suffix implies (".md" -> "markdown"), if any."""
    for name, cls in RENDERERS.items():
        if suffix.lower() in cls.suffixes:
            return name
    return None


def render(
    decl: Declaration,
    format: str = "html",
    *,
    problems: Sequence[Problem] | None = None,
    lang: Lang = "zh",
) -> str:
    """Render ``decl`` in ``format``; with ``problems`` the findings are laid over the form."""
    return RENDERERS[format](lang=lang).render(decl, problems)


__all__ = [
    "DOCUMENTS",
    "FORMATS",
    "RENDERERS",
    "Annotations",
    "Renderer",
    "format_for_suffix",
    "render",
    "render_document",
    "renderer_for_suffix",
]
