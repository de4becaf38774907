"""Human output: ``path:line:col: CODE severity message``, grouped per file.

On a terminal: colour, and the offending source line with a caret under the column (CJK
characters are two cells wide, so the caret is placed by cell width, not by character count).
Elsewhere: plain lines, stable for logs and golden tests.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, ClassVar, TextIO

from perfdecl.problem import Lang, Problem, Severity
from perfdecl.reporters.base import Reporter, Summary

if TYPE_CHECKING:
    from rich.console import Console

    from perfdecl.lint import FileResult

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def location(p: Problem) -> str:
    if p.line is None:
        return p.file
    return f"{p.file}:{p.line}:{p.column or 1}"


def plain_line(p: Problem, lang: Lang) -> str:
    severity = p.severity.zh if lang == "zh" else p.severity.value
    return f"{location(p)}: {p.code} {severity} {p.message.text(lang)}"


def summary_line(summary: Summary, lang: Lang) -> str:
    if lang == "zh":
        return (
            f"已检查 {summary.files} 个文件：{summary.errors} 个错误，"
            f"{summary.warnings} 个警告，{summary.infos} 个提示。"
        )
    files = "file" if summary.files == 1 else "files"
    return (
        f"Checked {summary.files} {files}: {summary.errors} error(s), "
        f"{summary.warnings} warning(s), {summary.infos} info."
    )


def baseline_lines(summary: Summary, lang: Lang) -> list[str]:
    """With --baseline: how many known findings were hidden, and which are gone (fixed)."""
    b = summary.baseline
    if b is None:
        return []
    if lang == "zh":
        lines = [
            f"基线 {b.path}：已忽略 {b.suppressed} 个既有问题；{b.gone_count} 个已不存在"
            "（已修复，可重新生成基线将其删除）。"
        ]
        lines += [f"  已不存在：{e.describe()}" for e, _ in b.gone]
    else:
        lines = [
            f"Baseline {b.path}: {b.suppressed} known finding(s) hidden; {b.gone_count} gone "
            "(fixed; regenerate the baseline to drop them)."
        ]
        lines += [f"  gone: {e.describe()}" for e, _ in b.gone]
    return lines


def _is_terminal(stream: TextIO) -> bool:
    """Whether ``stream`` is a terminal, decided as rich decides it (FORCE_COLOR counts)."""
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):  # closed, detached or not a real stream
        return False


class TextReporter(Reporter):
    name: ClassVar[str] = "text"
    description: ClassVar[str] = "human-readable lines, with source excerpts on a terminal"

    def __init__(
        self, stream: TextIO, *, lang: Lang = "en", color: bool | None = None, quiet: bool = False
    ) -> None:
        super().__init__(stream, lang=lang, color=color, quiet=quiet)
        self.fancy = _is_terminal(stream)
        if not self.fancy:
            return  # plain lines: written directly, without importing rich (start-up of hooks)
        from rich.console import Console

        self.console: Console = Console(
            file=stream,
            no_color=color is False,
            highlight=False,
            soft_wrap=True,
            emoji=False,
        )

    def file(self, result: FileResult) -> None:
        if not result.problems:
            return
        if not self.fancy:
            self.stream.write("".join(plain_line(p, self.lang) + "\n" for p in result.problems))
            return
        from rich.markup import escape

        if self.fancy and not self.quiet:
            self.console.print(f"[bold underline]{escape(result.file)}[/]")
        for p in result.problems:
            severity = p.severity.zh if self.lang == "zh" else p.severity.value
            self.console.print(
                f"[bold]{escape(location(p))}[/]: [{_STYLE[p.severity]}]{p.code} {severity}[/] "
                f"{escape(p.message.text(self.lang))}"
            )
            if not self.quiet:
                self._excerpt(result, p)
        if self.fancy and not self.quiet:
            self.console.print()

    def _excerpt(self, result: FileResult, p: Problem) -> None:
        from rich.cells import cell_len
        from rich.markup import escape

        if p.line is None:
            return
        source = result.source.line_text(p.line)
        if not source.strip():
            return
        col = max((p.column or 1) - 1, 0)
        width = 1
        if p.end_line == p.line and p.end_column and p.end_column > (p.column or 1):
            width = cell_len(source[col : p.end_column - 1]) or 1
        gutter = f"{p.line:>5} | "
        pad = " " * cell_len(source[:col])
        self.console.print(f"[dim]{gutter}[/]{escape(source)}")
        self.console.print(
            f"[dim]{' ' * (len(gutter) - 2)}| [/]{pad}[{_STYLE[p.severity]}]{'^' * min(width, 80)}[/]"
        )

    def end(self, summary: Summary) -> None:
        if self.quiet:
            return
        lines = [*baseline_lines(summary, self.lang), summary_line(summary, self.lang)]
        if not self.fancy:
            self.stream.write("".join(f"{line}\n" for line in lines))
            return
        for extra in lines[:-1]:
            self.console.out(extra, highlight=False)
        style = "bold red" if summary.exit_code else "bold green"
        self.console.print(f"[{style}]{lines[-1]}[/]")
