"""Readers: every file type becomes one grid (cells, spans, free text); wrong types get messages."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfdecl.convert.grid import Table, norm
from perfdecl.convert.importer import import_bytes, import_path, iter_texts
from perfdecl.convert.readers import read_bytes, sniff

from . import import_builders as build
from .conftest import SEED, needs_shared

MERGED = [
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "培训人次", "≥280人次"],
    [None, None, "授课人次", "25人次"],
    [None, "质量指标", "培训完成率", "100%"],
    ["满意度指标", "服务对象满意度指标", "学员满意度", "≥95%"],
]


def seed_rows() -> list[list[str | None]]:
    rows: list[list[str | None]] = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.split("\t") if c.strip()]
        if cells:
            rows.append(list(cells))
    return rows


@pytest.mark.parametrize("kind", sorted(build.WRITERS))
def test_merged_cells_become_spans(kind: str) -> None:
    raw = build.WRITERS[kind](MERGED)
    assert sniff(raw, "form.bin") == kind
    read = read_bytes(raw, f"form.{kind}")
    assert read.grid is not None, read.problems
    tables = [t for t in read.grid.tables if t.cells]
    assert len(tables) == 1
    table: Table = tables[0]
    matrix = table.matrix()
    filled = [[c.text if c else "" for c in row] for row in matrix]
    expected = [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "培训人次", "≥280人次"],
        ["产出指标", "数量指标", "授课人次", "25人次"],
        ["产出指标", "质量指标", "培训完成率", "100%"],
        ["满意度指标", "服务对象满意度指标", "学员满意度", "≥95%"],
    ]
    assert [[norm(v) for v in row] for row in filled] == [
        [norm(v) for v in row] for row in expected
    ]
    anchor = next(c for c in table.cells if c.text == "产出指标")
    assert anchor.rowspan == 3
    assert all(c.where for c in table.cells)


def test_html_ignores_page_furniture() -> None:
    read = read_bytes(build.page(MERGED, title="项目支出绩效目标表"), "page.html")
    assert read.grid is not None
    texts = " ".join(line.text for line in read.grid.lines)
    assert "项目支出绩效目标表" in texts
    assert "首页" not in texts and "版权所有" not in texts and "<td>" not in texts


@needs_shared()
@pytest.mark.parametrize("kind", ["xlsx", "docx", "html"])
def test_the_seed_in_every_format_imports_to_the_same_data(kind: str) -> None:
    expected = import_path(SEED)
    assert expected.ok and expected.data is not None
    result = import_bytes(build.WRITERS[kind](seed_rows()), file=f"seed.{kind}")
    assert result.ok, [p.message.en for p in result.problems][:5]
    assert result.data == expected.data


@needs_shared()
def test_the_seed_as_pdf_keeps_header_funds_ids_and_texts() -> None:
    expected = import_path(SEED)
    assert expected.data is not None
    result = import_bytes(build.pdf(seed_rows()), file="seed.pdf")
    assert result.ok and result.data is not None
    got = result.data
    for key in ("unit", "head", "phone", "funds", "year", "framework"):
        assert got[key] == expected.data[key], key

    def ids(data: dict[str, object]) -> list[str]:
        return re.findall(r"'id': '([^']+)'", str(data["indicators"]))

    assert ids(got) == ids(expected.data)
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731 - a PDF wraps long cells
    assert [squash(t) for t in iter_texts(got)] == [squash(t) for t in iter_texts(expected.data)]


def _cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "perfdecl", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_a_scan_says_run_ocr_first_and_exits_2(tmp_path: Path) -> None:
    form = tmp_path / "form.pdf"
    form.write_bytes(build.scanned_pdf())
    done = _cli(["import", "--lang", "en", str(form)], tmp_path)
    assert done.returncode == 2, done.stderr
    assert "PD409" in done.stderr and "no text layer: run OCR first" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


WRONG_TYPES = {
    "image.png": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "run OCR first"),
    "archive.zip": (b"", "archive"),
    "form.doc": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"),
        "LibreOffice",
    ),
    "broken.xlsx": (b"PK\x03\x04" + b"\x00" * 30, "archive"),
}


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "hello")
    return out.getvalue()


@pytest.mark.parametrize("name", sorted(WRONG_TYPES))
def test_a_wrong_type_gets_a_message_and_exit_2(name: str, tmp_path: Path) -> None:
    raw, hint = WRONG_TYPES[name]
    if name == "archive.zip":
        raw = _zip()
    if name == "form.doc" and (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice is installed: the .doc is converted instead")
    (tmp_path / name).write_bytes(raw)
    done = _cli(["import", "--lang", "en", name], tmp_path)
    assert done.returncode == 2, done.stderr
    assert "PD409" in done.stderr and hint in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_type_is_sniffed_by_content_not_extension(tmp_path: Path) -> None:
    html_as_xls = build.page(MERGED)
    assert sniff(html_as_xls, "export.xls") == "html"
    assert sniff(build.xlsx(MERGED), "form.txt") == "xlsx"
    assert sniff(build.docx(MERGED), "form.pdf") == "docx"
    assert sniff("一级指标\t二级指标\n".encode("gb18030"), "form.pdf") == "text"


MAGICS = [
    b"",
    b"%PDF-1.4\n",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"<html><table><tr><td rowspan='99999999'>",
    b"{\\rtf1",
    b"\x89PNG",
]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(MAGICS), st.binary(max_size=600))
def test_no_bytes_of_any_type_raise(magic: bytes, tail: bytes) -> None:
    result = import_bytes(magic + tail, file="fuzz.bin")
    assert all(p.code.startswith(("PD0", "PD4")) for p in result.problems)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(build.WRITERS)), st.integers(min_value=0, max_value=2000))
def test_truncated_real_files_never_raise(kind: str, cut: int) -> None:
    raw = build.WRITERS[kind](MERGED)
    result = import_bytes(raw[: len(raw) * cut // 2000], file=f"cut.{kind}")
    assert all(p.code.startswith(("PD0", "PD4")) for p in result.problems)


def test_a_truncated_xls_is_refused_without_a_library_panic(
    capfd: pytest.CaptureFixture[str],
) -> None:
    """python-calamine panics (in Rust, printing a backtrace) on an OLE file cut short; the
    header is checked first, so every cut gives PD409 and nothing on standard error."""
    from .test_import_layouts import CLASSIC, TITLE

    raw = build.xls(CLASSIC, TITLE)
    for cut in range(0, len(raw), max(1, len(raw) // 97)):
        result = import_bytes(raw[:cut], file="cut.xls")
        assert result.data is None
        assert any(p.code == "PD409" for p in result.problems) or cut < 8
    assert "panicked" not in capfd.readouterr().err
    assert import_bytes(raw, file="whole.xls").data is not None
