"""render -o x.pdf: a real PDF through headless Chromium, the print layout measured.

The browser tests skip with a reason where Chromium (Debian: chromium, fonts-noto-cjk) or
poppler-utils (pdfinfo, pdftotext) are missing; .ci/run installs them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfdecl.cli.app import app
from perfdecl.lint import load_declaration
from perfdecl.render import DOCUMENTS, FORMATS, format_for_suffix, render
from perfdecl.render.pdf import PdfUnavailable, find_chromium, html_to_pdf

from .conftest import EXAMPLE

runner = CliRunner()
CHROMIUM = find_chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on PATH (Debian: apt-get install chromium fonts-noto-cjk)"
)
needs_poppler = pytest.mark.skipif(
    shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None,
    reason="no pdfinfo/pdftotext (Debian: apt-get install poppler-utils)",
)


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(
        app, ["render", *args], env={"LANG": "C", "NO_COLOR": "1", **(env or {})}
    )
    return result.exit_code, result.stdout, result.stderr


def test_formats_and_suffixes() -> None:
    assert FORMATS == ("html", "markdown", "text", "pdf", "docx", "xlsx")
    assert set(DOCUMENTS) == {"pdf", "docx", "xlsx"}
    assert format_for_suffix(".PDF") == "pdf"
    assert format_for_suffix(".md") == "markdown"
    assert format_for_suffix(".docx") == "docx"
    assert format_for_suffix(".doc") is None


@pytest.mark.parametrize("fmt", ["html", "markdown", "text"])
def test_a_text_format_into_a_pdf_file_is_refused(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / "form.pdf"
    code, out, err = run(str(EXAMPLE), "-f", fmt, "-o", str(target), "--lang", "en")
    assert code == 2, err
    assert f"names a pdf file, not {fmt}" in err and "--format pdf" in err
    assert not target.exists() and out == ""


def test_pdf_into_a_text_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "form.html"
    code, _, err = run(str(EXAMPLE), "-f", "pdf", "-o", str(target), "--lang", "zh")
    assert code == 2 and "不是 pdf" in err
    assert not target.exists()


def test_without_chromium_says_how_to_get_one(tmp_path: Path) -> None:
    target = tmp_path / "form.pdf"
    env = {"PERFDECL_CHROMIUM": str(tmp_path / "no-such-browser")}
    code, out, err = run(str(EXAMPLE), "-o", str(target), "--lang", "en", env=env)
    assert code == 2 and out == ""
    assert "PDF needs headless Chromium" in err and "apt-get install chromium" in err
    assert "-o form.html" in err
    assert not target.exists()
    code, _, err = run(str(EXAMPLE), "-f", "pdf", "-o", str(target), "--lang", "zh", env=env)
    assert code == 2 and "需要无界面 Chromium" in err


def test_html_to_pdf_without_chromium_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PERFDECL_CHROMIUM", str(tmp_path / "none"))
    assert find_chromium() is None
    with pytest.raises(PdfUnavailable) as caught:
        html_to_pdf("<p>x</p>")
    assert "apt-get install chromium" in caught.value.en and "Chromium" in caught.value.zh


def test_the_form_is_chinese_by_default() -> None:
    """Without --lang the notice and findings follow the form (zh), whatever the locale."""
    code, out, _ = run(str(EXAMPLE), "--with-problems")
    assert code == 0
    assert "本表附有" in out and "审核意见（" in out and "finding(s)" not in out
    code, out, _ = run(str(EXAMPLE), "--with-problems", "--lang", "en")
    assert code == 0 and "finding(s) are marked" in out


def test_funds_chart_is_an_appendix_not_part_of_the_form() -> None:
    html = render(load_declaration(EXAMPLE), "html")
    form, _, after = html.partition('<section class="appendix" id="appendix-funds">')
    assert "<svg" not in form and "资金构成" not in form
    assert "<h2>附：资金构成</h2>" in after and "<svg" in after and "不属于申报表" in after


# --- a real browser ----------------------------------------------------------------------


def pages_of(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    (count,) = re.findall(r"^Pages:\s+(\d+)$", info.stdout, flags=re.M)
    return int(count)


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[: pages_of(pdf)]


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if CHROMIUM is None:
        pytest.skip("no chromium on PATH (Debian: apt-get install chromium fonts-noto-cjk)")
    target = tmp_path_factory.mktemp("pdf") / "form.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "perfdecl", "render", str(EXAMPLE), "-o", str(target)],
        capture_output=True,
        env={**os.environ, "LANG": "C"},
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return target


@pytest.mark.slow
@needs_chromium
def test_render_o_pdf_writes_a_real_pdf(example_pdf: Path, tmp_path: Path) -> None:
    assert example_pdf.read_bytes().startswith(b"%PDF-")
    code, _, err = run(str(EXAMPLE), "-o", str(example_pdf), "--lang", "en")
    assert code == 2 and "--force" in err  # an existing PDF is not replaced silently
    code, _, err = run(str(EXAMPLE), "-f", "pdf", "-o", str(tmp_path / "f.pdf"), "--lang", "en")
    assert code == 0, err
    assert (tmp_path / "f.pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.slow
@needs_chromium
@needs_poppler
def test_the_example_prints_on_at_most_ten_a4_pages(example_pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(example_pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)", info), info
    assert pages_of(example_pdf) <= 10  # 12 before the print styles split long rows


@pytest.mark.slow
@needs_chromium
@needs_poppler
def test_no_half_empty_first_page_and_no_orphan_table_header(example_pdf: Path) -> None:
    texts = page_texts(example_pdf)
    # The goals row splits instead of moving whole to page 2.
    assert "部门（单位）绩效目标" in texts[0]
    goals_start = "2019年，牛街街道将以习近平新时代中国特色社会主义思想为指引"
    assert goals_start in texts[0].replace(" ", "").replace("\n", "")
    # Wherever the indicator table's header is printed, a row follows it on the same page.
    header = "具体指标（指标内容、指标值）"
    with_header = [n for n, t in enumerate(texts) if header in t]
    assert len(with_header) >= 3  # repeated on every page the table spans
    for n in with_header:
        after = texts[n].rsplit(header, 1)[1]
        assert len(re.sub(r"\s", "", after)) > 20, f"header alone at the foot of page {n + 1}"
    # The chart is after the form (an appendix), not inside it.
    remarks = next(n for n, t in enumerate(texts) if "其他说明的问题" in t)
    assert any("附：资金构成" in t for t in texts[remarks:])


MEASURE = """
<script>
const lines = (el) => {
  const tops = new Set();
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
  }
  return tops.size;
};
const out = [...document.querySelectorAll(
  "table.header th, table.remarks th, table.indicators thead th")].map((el) => ({
  text: el.textContent, lines: lines(el), breaks: el.querySelectorAll("br").length,
  width: el.getBoundingClientRect().width,
}));
const pre = document.createElement("pre");
pre.id = "measured";
pre.textContent = JSON.stringify(out);
document.body.appendChild(pre);
</script>
"""


@pytest.mark.slow
@needs_chromium
def test_label_cells_are_one_line_high_measured_in_the_dom(tmp_path: Path) -> None:
    """Every label of the form fits its cell: as many lines as it has written lines (one, or
    two for the funds label, split at a word), measured by Chromium in the laid-out page."""
    page = tmp_path / "measure.html"
    html = render(load_declaration(EXAMPLE), "html")
    page.write_text(html.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    profile = tmp_path / "profile"
    profile.mkdir()
    done = subprocess.run(
        [
            CHROMIUM or "chromium",
            "--headless",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            *(["--no-sandbox"] if os.geteuid() == 0 else []),
            f"--user-data-dir={profile}",
            "--window-size=1240,1754",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    dom = done.stdout.decode("utf-8")
    (raw,) = re.findall(r'<pre id="measured">(.*?)</pre>', dom, flags=re.S)
    measured = json.loads(raw.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
    labels = {m["text"]: m for m in measured}
    assert {
        "部门（单位）负责人",
        "部门（单位）职能概述",
        "部门（单位）绩效目标",
        "一级指标",
    } <= set(labels)
    assert labels["部门（单位）总体资金情况（万元）"]["breaks"] == 1
    for m in measured:
        assert m["lines"] == m["breaks"] + 1, f"{m['text']} wraps: {m['lines']} lines"
