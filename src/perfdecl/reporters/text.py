"""Human output: ``path:line:col: CODE severity message``, grouped per file.

On a terminal: colour, and the offending source line with a caret under the column (CJK
characters are two cells wide, so the caret is placed by cell width, not by character count);
a line wider than ``EXCERPT_CELLS`` is shown as a window around the problem, cut with "…" (a
5 MB line took 3.2 s to print). Elsewhere: plain lines, stable for logs and golden tests.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, ClassVar, TextIO

from perfdecl.escape import safe
from perfdecl.problem import Lang, Problem, Severity
from perfdecl.reporters.base import Reporter, Summary, counted, noun, totals_en

if TYPE_CHECKING:
    from rich.console import Console

    from perfdecl.lint import FileResult

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}

EXCERPT_CELLS = 120
"""Widest source excerpt, in terminal cells; a longer line is shown as a window around the
problem. Lines up to this width print whole, as they always did."""


def excerpt_window(
    line: str, start: int, end: int, cells: int = EXCERPT_CELLS
) -> tuple[str, int, int]:
    """(text to show, cells before the caret, caret width in cells) for the characters
    ``line[start:end]``.

    A line that fits is shown whole. A longer one is cut to at most ``cells`` cells: half the
    room before the problem (less at the line's start, the rest after it), "…" where it was cut.
    Only the characters near the problem are measured, so a megabyte-long line costs as much as
    a short one.
    """
    from rich.cells import cell_len, get_character_cell_size

    start = min(max(start, 0), len(line))
    end = min(max(end, start), len(line))
    if len(line) <= 4 * cells and cell_len(line) <= cells:
        return line, cell_len(line[:start]), cell_len(line[start:end]) or 1
    room = cells - 2  # two cells for the "…" marks
    reach = 4 * cells  # characters looked at on each side (zero-width ones take no room)
    left = right = start
    used = 0
    while left > max(start - reach, 0):
        size = get_character_cell_size(line[left - 1])
        if used + size > room // 2:
            break
        left -= 1
        used += size
    while right < min(start + reach, len(line)):
        size = get_character_cell_size(line[right])
        if used + size > room:
            break
        right += 1
        used += size
    while left > max(start - reach, 0):  # near the line's end: give the rest of the room back
        size = get_character_cell_size(line[left - 1])
        if used + size > room:
            break
        left -= 1
        used += size
    before = ("…" if left > 0 else "") + line[left:start]
    shown = before + line[start:right] + ("…" if right < len(line) else "")
    return shown, cell_len(before), cell_len(line[start : min(end, right)]) or 1


_SHOWN: list[tuple[str, str]] = [("", "")]
"""The last file name and its safe form: every problem of a file repeats it."""


def _shown(file: str) -> str:
    """``safe(file, "path")``, worked out once for the problems of one file in a row."""
    name, shown = _SHOWN[0]
    if name != file:
        shown = safe(file, "path")
        _SHOWN[0] = (file, shown)
    return shown


def location(p: Problem) -> str:
    """``path:line:col``, the path shown safely (no control characters, never a leading ``:``)."""
    if p.line is None:
        return _shown(p.file)
    return f"{_shown(p.file)}:{p.line}:{p.column or 1}"


def plain_line(p: Problem, lang: Lang) -> str:
    severity = p.severity.zh if lang == "zh" else p.severity.value
    line = f"{location(p)}: {safe(p.code, 'terminal')} {severity} {safe(p.message.text(lang), 'terminal')}"
    if not p.related:
        return line
    return "\n".join([line, *related_lines(p, lang)])


def related_lines(p: Problem, lang: Lang) -> list[str]:
    """The other places of a finding with related locations, one indented line each."""
    label = "另见" if lang == "zh" else "also at"
    return [
        f"    {label} {safe(p.file, 'path')}:{r.line}:{r.column or 1}"
        if r.line is not None
        else f"    {label} {safe(p.file, 'path')} {safe(r.pointer, 'terminal')}"
        for r in p.related
    ]


def summary_line(summary: Summary, lang: Lang) -> str:
    if lang == "zh":
        return (
            f"已检查 {summary.files} 个文件：{summary.errors} 个错误，"
            f"{summary.warnings} 个警告，{summary.infos} 个提示。"
        )
    return f"Checked {counted(summary.files, 'file')}: {totals_en(summary)}."


def baseline_lines(summary: Summary, lang: Lang) -> list[str]:
    """With --baseline: how many known findings were hidden, and which are gone (fixed)."""
    b = summary.baseline
    if b is None:
        return []
    if lang == "zh":
        lines = [
            f"基线 {safe(b.path, 'path')}：已忽略 {b.suppressed} 个既有问题；{b.gone_count} 个已不存在"
            "（已修复，可重新生成基线将其删除）。"
        ]
        lines += [f"  已不存在：{safe(e.describe(), 'terminal')}" for e, _ in b.gone]
    else:
        lines = [
            f"Baseline {safe(b.path, 'path')}: {b.suppressed} known {noun(b.suppressed, 'finding')} hidden; {b.gone_count} gone "
            "(fixed; regenerate the baseline to drop them)."
        ]
        lines += [f"  gone: {safe(e.describe(), 'terminal')}" for e, _ in b.gone]
    return lines


def env_color() -> bool | None:
    """The environment's say on colour, as users of other tools expect: ``NO_COLOR`` set and
    not empty turns it off (no-color.org); else ``FORCE_COLOR`` set and not empty, whatever
    its value, turns it on (force-color.org, as rich reads it: CI logs that render ANSI
    colours); else None (no say)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return None


def terminal_layout(stream: TextIO, color: bool | None = None) -> bool:
    """Whether to lay out for a terminal: ``--color always`` (``color`` True), FORCE_COLOR when
    nothing was decided (``color`` None), or ``stream`` is one."""
    if color is True or (color is None and env_color() is True):
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):  # closed, detached or not a real stream
        return False


def fancy_console(stream: TextIO, color: bool | None) -> Console:
    """A rich console on ``stream`` for the terminal layout: ``color`` True forces colour (even
    into a pipe, and with the standard 16 colours when TERM says nothing), False forbids it,
    None leaves it to the terminal. The caller has already read NO_COLOR and FORCE_COLOR
    (:func:`perfdecl.cli._env.use_color`); a library caller passing None gets rich's reading."""
    from rich.console import Console

    return Console(
        file=stream,
        force_terminal=True if color is True else None,
        no_color=color is False if color is not None else env_color() is False,
        color_system="standard" if color is True and _dumb() else "auto",
        highlight=False,
        soft_wrap=True,
        emoji=False,
    )


def _dumb() -> bool:
    return os.environ.get("TERM", "dumb") in ("", "dumb", "unknown")


class TextReporter(Reporter):
    name: ClassVar[str] = "text"
    description: ClassVar[str] = "human-readable lines, with source excerpts on a terminal"

    def __init__(
        self, stream: TextIO, *, lang: Lang = "en", color: bool | None = None, quiet: bool = False
    ) -> None:
        super().__init__(stream, lang=lang, color=color, quiet=quiet)
        self.fancy = terminal_layout(stream, color)
        if not self.fancy:
            return  # plain lines: written directly, without importing rich (start-up of hooks)
        self.console: Console = fancy_console(stream, color)

    def file(self, result: FileResult) -> None:
        if not result.problems:
            return
        if not self.fancy:
            self.stream.write("".join(plain_line(p, self.lang) + "\n" for p in result.problems))
            return
        from rich.markup import escape

        if self.fancy and not self.quiet:
            self.console.print(f"[bold underline]{escape(safe(result.file, 'path'))}[/]")
        for p in result.problems:
            severity = p.severity.zh if self.lang == "zh" else p.severity.value
            self.console.print(
                f"[bold]{escape(location(p))}[/]: "
                f"[{_STYLE[p.severity]}]{escape(safe(p.code, 'terminal'))} {severity}[/] "
                f"{escape(safe(p.message.text(self.lang), 'terminal'))}"
            )
            for extra in related_lines(p, self.lang):
                self.console.print(f"[dim]{escape(extra)}[/]")
            if not self.quiet:
                self._excerpt(result, p)
        if self.fancy and not self.quiet:
            self.console.print()

    def _excerpt(self, result: FileResult, p: Problem) -> None:
        from rich.markup import escape

        if p.line is None:
            return
        source = result.source.line_text(p.line)
        if not source.strip():
            return
        col = max((p.column or 1) - 1, 0)
        end = col  # no end: a one-cell caret
        if p.end_line == p.line and p.end_column and p.end_column > (p.column or 1):
            end = p.end_column - 1
        shown, before, width = excerpt_window(source, col, end)
        shown = safe(shown, "terminal")
        gutter = f"{p.line:>5} | "
        pad = " " * before
        self.console.print(f"[dim]{gutter}[/]{escape(shown)}")
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
