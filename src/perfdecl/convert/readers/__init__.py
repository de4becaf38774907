"""Readers: a published file of any supported type -> one :class:`~perfdecl.convert.grid.Grid`.

The type is sniffed from the content (the extension only breaks ties between formats that share a
container): ``%PDF`` is a PDF; a zip holding ``word/document.xml`` is docx, ``xl/workbook.xml``
xlsx, an OpenDocument spreadsheet ods; an OLE2 compound file holding a ``Workbook`` stream is a
legacy xls and one holding ``WordDocument`` a .doc (also .wps); a text whose start looks like
markup is HTML (many sites serve "xls" files that are HTML tables); any other text is read as
published text. Images and scans are refused with what to do.

Each reader is imported when used, so that commands other than ``import`` never load openpyxl,
python-docx, pdfplumber or python-calamine.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass

from perfdecl.convert.codes import CODES
from perfdecl.convert.grid import Grid
from perfdecl.problem import Message, Problem

_IMAGES = (
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"BM", "BMP"),
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MARKUP = re.compile(
    r"^\s*(?:<!doctype\s+html|<html|<\?xml|<table|<head|<body|<meta|<div|<!--)", re.I
)
_TAG = re.compile(
    r"</?(?:table|tbody|thead|tfoot|tr|td|th|caption|colgroup|col|p|div|span|br|font|b|strong|"
    r"h[1-6]|ul|ol|li|center)(?:\s[^<>]{0,400})?/?>",
    re.I,
)
_CELL_TAG = re.compile(r"<(?:td|th)(?:\s[^<>]{0,400})?>", re.I)


def _markup_dominated(text: str) -> bool:
    """A fragment copied from a page (``<p>…</p><table>…``, no ``<html>``): HTML when its tags
    are many, hold table cells, and make up a good part of the text. A text that mentions a tag or
    prints ``<`` as a comparison (``<5%``) is not."""
    tags = _TAG.findall(text)
    if len(tags) < 6 or len(_CELL_TAG.findall(text)) < 2:
        return False
    body = sum(1 for ch in text if not ch.isspace())
    return sum(len(t) for t in tags) * 4 >= body


def _utf16(name: str) -> bytes:
    """An OLE2 directory entry name as stored (UTF-16 little-endian)."""
    return name.encode("utf-16-le")


@dataclass(frozen=True, slots=True)
class Read:
    """A reader's answer: the grid (None when the file cannot be read) and problems."""

    grid: Grid | None
    problems: tuple[Problem, ...] = ()


def refuse(file: str, zh: str, en: str) -> Read:
    """PD409: the file is not a form perfdecl can read as it is; the message says what to do."""
    return Read(None, (Problem("PD409", CODES["PD409"].severity, Message(zh, en), file),))


def sniff(raw: bytes, name: str = "") -> str:
    """The kind of a published file: pdf, docx, xlsx, ods, odt, xls, doc, rtf, image, html, text."""
    head = raw[:8]
    if raw[:1024].lstrip().startswith(b"%PDF"):
        return "pdf"
    for magic, _ in _IMAGES:
        if head.startswith(magic):
            return "image"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as z:
                names = set(z.namelist())
                mimetype = z.read("mimetype")[:80] if "mimetype" in names else b""
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, NotImplementedError):
            return "zip"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if b"spreadsheet" in mimetype:
            return "ods"
        if b"opendocument.text" in mimetype:
            return "odt"
        return "zip"
    if head.startswith(_OLE):
        body = raw[:2_000_000]
        if _utf16("Workbook") in body or _utf16("Book") in body:
            return "xls"
        if _utf16("WordDocument") in body:
            return "wps" if name.lower().endswith(".wps") else "doc"
        return "ole"
    if raw.lstrip()[:5] == b"{\\rtf":
        return "rtf"
    sample = raw[:4096]
    for enc in ("utf-8", "utf-16", "gb18030"):
        try:
            start = sample.decode(enc, errors="ignore")
        except LookupError:  # pragma: no cover
            continue
        if _MARKUP.match(start.lstrip("\ufeff")) or _markup_dominated(start):
            return "html"
        break
    return "text"


def _office(raw: bytes, file: str, kind: str) -> Read:
    from perfdecl.convert.readers import office

    if kind == "xlsx":
        return Read(office.read_xlsx(raw, file))
    if kind == "docx":
        return Read(office.read_docx(raw, file))
    return Read(office.read_calamine(raw, file, kind))


def _libreoffice(raw: bytes, file: str, kind: str) -> Read:
    """.doc/.wps/.rtf/.odt through LibreOffice (headless) into docx, when it is installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return refuse(
            file,
            f"这是 {kind} 文件：perfdecl 通过 LibreOffice 转换读取，但本机未安装 LibreOffice。"
            "请安装 LibreOffice（如 apt-get install libreoffice-writer），或在 Word/WPS 中另存为 .docx 后再导入。",
            f"this is a {kind} file: perfdecl reads it by converting it with LibreOffice, which is "
            "not installed. Install LibreOffice (e.g. apt-get install libreoffice-writer) or save "
            "it as .docx in Word/WPS, then import the .docx.",
        )
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, f"form.{kind}")
        with open(source, "wb") as fh:
            fh.write(raw)
        try:
            subprocess.run(
                [soffice, "--headless", "--convert-to", "docx", "--outdir", tmp, source],
                check=True,
                capture_output=True,
                timeout=120,
            )
            with open(os.path.join(tmp, "form.docx"), "rb") as fh:
                converted = fh.read()
        except (OSError, subprocess.SubprocessError):
            return refuse(
                file,
                f"LibreOffice 未能转换此 {kind} 文件；请在 Word/WPS 中另存为 .docx 后再导入。",
                f"LibreOffice could not convert this {kind} file; save it as .docx in Word/WPS "
                "and import that.",
            )
    return _office(converted, file, "docx")


def _decode_text(raw: bytes, file: str) -> tuple[str | None, tuple[Problem, ...]]:
    from perfdecl.loader import decode

    text, _encoding, problems = decode(raw, file)
    return text, tuple(p for p in problems if p.code != "PD004")


def read_bytes(raw: bytes, file: str) -> Read:
    """Sniff and read. Library errors on a damaged file become PD409, never an exception."""
    kind = sniff(raw, file)
    if kind == "image":
        return refuse(
            file,
            "这是一张图片（扫描件）：没有文字层，请先做 OCR 识别为文字后再导入。",
            "this is an image (a scan): there is no text layer; run OCR first, then import the text.",
        )
    if kind in ("zip", "ole"):
        return refuse(
            file,
            "这是一个压缩包或未知的 Office 文件，不是申报表；请解压或另存为 .xlsx/.docx/.pdf/.txt 后导入。",
            "this is an archive or an unknown Office file, not a form; unpack it or save it as "
            ".xlsx/.docx/.pdf/.txt, then import that.",
        )
    try:
        if kind == "pdf":
            from perfdecl.convert.readers.pdf import NoTextLayer, read_pdf

            try:
                return Read(read_pdf(raw, file))
            except NoTextLayer:
                return refuse(
                    file,
                    "PDF 没有文字层（扫描件）：请先做 OCR 识别后再导入。",
                    "no text layer: run OCR first (the PDF is a scan), then import the result.",
                )
        if kind in ("xlsx", "docx", "xls", "ods"):
            return _office(raw, file, kind)
        if kind in ("doc", "wps", "rtf", "odt"):
            return _libreoffice(raw, file, kind)
    except Exception as exc:  # a damaged or hostile file: a message, never a traceback
        return refuse(
            file,
            f"无法读取此 {kind} 文件（{type(exc).__name__}）：文件可能已损坏或加密；请用原程序打开并另存后再导入。",
            f"cannot read this {kind} file ({type(exc).__name__}): it may be damaged or "
            "encrypted; open it in its program, save it again and import that.",
        )
    text, problems = _decode_text(raw, file)
    if text is None:
        return Read(None, problems)
    if kind == "html":
        from perfdecl.convert.readers.html import read_html

        return Read(read_html(text, file), problems)
    from perfdecl.convert.readers.text import read_text

    return Read(read_text(text, file), problems)


__all__ = ["Read", "read_bytes", "refuse", "sniff"]
