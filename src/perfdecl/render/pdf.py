"""The HTML form printed to PDF by headless Chromium.

The page's own print styles (``templates/form.css``: A4, repeated table headers, rows that
split across pages) decide the layout; Chromium only prints it. Chromium is found as
``$PERFDECL_CHROMIUM`` or on PATH (``chromium``, ``chromium-browser``, ``google-chrome``); when
there is none, :class:`PdfUnavailable` says how to get one. Each run uses a fresh temporary
profile, no network services and no header or footer lines.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-extensions",
    "--disable-sync",
    "--disable-quic",
    "--no-pdf-header-footer",
)
TIMEOUT = 180.0


class PdfError(Exception):
    """No PDF was made; ``en`` and ``zh`` say why and what to do."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.en = en
        self.zh = zh


class PdfUnavailable(PdfError):
    """No Chromium to print with."""


def find_chromium() -> str | None:
    """The Chromium executable to print with, or None."""
    chosen = os.environ.get("PERFDECL_CHROMIUM")
    if chosen:
        return shutil.which(chosen)
    return next((p for p in map(shutil.which, NAMES) if p), None)


def unavailable() -> PdfUnavailable:
    return PdfUnavailable(
        "PDF needs headless Chromium and none was found (set PERFDECL_CHROMIUM, or install "
        "it: Debian/Ubuntu `apt-get install chromium fonts-noto-cjk`); or write HTML "
        "(-o form.html) and print it to PDF from a browser",
        "生成 PDF 需要无界面 Chromium，但未找到（可设置 PERFDECL_CHROMIUM，或安装："
        "Debian/Ubuntu 执行 `apt-get install chromium fonts-noto-cjk`）；"
        "也可输出 HTML（-o form.html）后在浏览器中打印为 PDF",
    )


def command(chromium: str, page: Path, pdf: Path, profile: Path) -> list[str]:
    """The Chromium command line that prints ``page`` to ``pdf``."""
    sandbox = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    return [
        chromium,
        *FLAGS,
        *sandbox,  # Chromium refuses to run as root with its sandbox
        f"--user-data-dir={profile}",
        f"--print-to-pdf={pdf}",
        page.as_uri(),
    ]


def html_to_pdf(html: str, *, chromium: str | None = None, timeout: float = TIMEOUT) -> bytes:
    """``html`` (a self-contained page) printed to PDF; raises :class:`PdfError`."""
    chromium = chromium or find_chromium()
    if chromium is None:
        raise unavailable()
    with tempfile.TemporaryDirectory(prefix="perfdecl-pdf-") as folder:
        work = Path(folder)
        page = work / "form.html"
        page.write_text(html, encoding="utf-8")
        pdf = work / "form.pdf"
        profile = work / "profile"
        profile.mkdir()
        try:
            done = subprocess.run(
                command(chromium, page, pdf, profile),
                capture_output=True,
                timeout=timeout,
                check=False,
                cwd=work,
            )
        except subprocess.TimeoutExpired:
            raise PdfError(
                f"Chromium did not finish printing within {timeout:.0f} s",
                f"Chromium 未在 {timeout:.0f} 秒内完成打印",
            ) from None
        except OSError as exc:
            raise PdfError(
                f"cannot run {chromium}: {exc.strerror or exc}",
                f"无法运行 {chromium}：{exc.strerror or exc}",
            ) from None
        data = pdf.read_bytes() if pdf.is_file() else b""
        if done.returncode != 0 or not data.startswith(b"%PDF-"):
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            detail = "; ".join(tail) or f"exit status {done.returncode}"
            raise PdfError(f"Chromium made no PDF ({detail})", f"Chromium 未能生成 PDF（{detail}）")
        return data


__all__ = ["PdfError", "PdfUnavailable", "find_chromium", "html_to_pdf"]
