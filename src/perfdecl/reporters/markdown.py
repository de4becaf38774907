"""Markdown: a summary for a GitHub step summary (``$GITHUB_STEP_SUMMARY``) or a PR comment.

Totals first, then one table per file with problems. Table cells escape ``|`` and never hold a
line break, so a message cannot break the table; the report stops listing rows after
:data:`MAX_ROWS` (a pull-request comment holds at most 65,536 characters).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from perfdecl.escape import markdown_code, safe
from perfdecl.problem import Problem
from perfdecl.reporters.base import Reporter, Summary, noun, totals_en

if TYPE_CHECKING:
    from perfdecl.lint import FileResult

MAX_ROWS = 300


def cell(text: str) -> str:
    """Text safe inside a table cell (and a heading): no link, image, HTML or border."""
    return safe(text, "markdown")


def code_span(text: str) -> str:
    return markdown_code(text)


class MarkdownReporter(Reporter):
    name: ClassVar[str] = "markdown"
    description: ClassVar[str] = "a Markdown summary for a step summary or a pull-request comment"

    def begin(self) -> None:
        self._files: list[FileResult] = []

    def file(self, result: FileResult) -> None:
        if result.problems:
            self._files.append(result)

    def end(self, summary: Summary) -> None:
        zh = self.lang == "zh"
        out: list[str] = []
        status = "✅" if summary.exit_code == 0 else "❌"
        out.append(f"## {status} perfdecl\n")
        if zh:
            out.append(
                f"已检查 **{summary.files}** 个文件：**{summary.errors}** 个错误，"
                f"**{summary.warnings}** 个警告，**{summary.infos}** 个提示。\n"
            )
        else:
            out.append(
                f"Checked **{summary.files}** {noun(summary.files, 'file')}: "
                f"{totals_en(summary, bold=True)}.\n"
            )
        if summary.baseline is not None:
            b = summary.baseline
            if zh:
                out.append(
                    f"基线 `{cell(b.path)}`：已忽略 {b.suppressed} 个既有问题，"
                    f"{b.gone_count} 个已修复（可从基线中删除）。\n"
                )
            else:
                out.append(
                    f"Baseline `{cell(b.path)}`: {b.suppressed} known {noun(b.suppressed, 'finding')} hidden, "
                    f"{b.gone_count} gone (fixed; can be removed from the baseline).\n"
                )
        if self._files:
            head = (
                ("文件", "错误", "警告", "提示") if zh else ("File", "Errors", "Warnings", "Info")
            )
            out.append(f"| {' | '.join(head)} |\n|---|---:|---:|---:|")
            for r in self._files:
                counts = [sum(1 for p in r.problems if p.severity.value == s) for s in _LEVELS]
                out.append(f"| {code_span(r.file)} | {' | '.join(str(n) for n in counts)} |")
            out.append("")
        rows = 0
        for r in self._files:
            out.append(f"### {cell(r.file)}\n")
            head = ("行", "代码", "级别", "说明") if zh else ("Line", "Code", "Severity", "Message")
            out.append(f"| {' | '.join(head)} |\n|---:|---|---|---|")
            for p in r.problems:
                if rows >= MAX_ROWS:
                    break
                out.append(self._row(p))
                rows += 1
            out.append("")
            if rows >= MAX_ROWS:
                total = sum(len(f.problems) for f in self._files)
                out.append(
                    f"… 另有 {total - rows} 个问题未列出。\n"
                    if zh
                    else f"… {total - rows} more {noun(total - rows, 'problem')} not listed.\n"
                )
                break
        self.stream.write("\n".join(out).rstrip("\n") + "\n")

    def _row(self, p: Problem) -> str:
        line = "" if p.line is None else str(p.line)
        severity = p.severity.zh if self.lang == "zh" else p.severity.value
        return f"| {line} | {cell(p.code)} | {severity} | {cell(p.message.text(self.lang))} |"


_LEVELS = ("error", "warning", "info")
