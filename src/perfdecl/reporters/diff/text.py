"""Diff for people: a side-by-side table on a terminal, plain lines elsewhere.

Plain lines (logs, pipes, golden tests) read ``NEW:line:col: CODE direction message`` with the
wording diff in git's ``[-old-]{+new+}`` notation on the next line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TextIO

from perfdecl.diff import Change, DiffResult, Direction, FailOn
from perfdecl.escape import safe
from perfdecl.problem import Lang, Severity
from perfdecl.reporters.diff.base import (
    DiffReporter,
    condensed,
    direction_label,
    location,
    plain_wording,
    summary_text,
)
from perfdecl.reporters.text import fancy_console, terminal_layout

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

_STYLE = {
    Direction.STRONGER: "green",
    Direction.WEAKER: "bold red",
    Direction.UNKNOWN: "yellow",
    Direction.NOT_COMPARABLE: "magenta",
    Direction.NONE: "",
}


class DiffTextReporter(DiffReporter):
    name: ClassVar[str] = "text"
    description: ClassVar[str] = "a table on a terminal, plain lines otherwise"

    def __init__(
        self,
        stream: TextIO,
        *,
        lang: Lang = "en",
        color: bool | None = None,
        fail_on: FailOn = FailOn.WEAKER,
    ) -> None:
        super().__init__(stream, lang=lang, color=color, fail_on=fail_on)
        self.console: Console = fancy_console(stream, color)
        self.fancy = terminal_layout(stream, color)

    def plain_line(self, change: Change, new_file: str) -> str:
        label = direction_label(change.direction, self.lang)
        if not label:
            label = change.severity.zh if self.lang == "zh" else change.severity.value
        line = (
            f"{location(change, new_file)}: {safe(change.code, 'terminal')} {label} "
            f"{safe(change.message.text(self.lang), 'terminal')}"
        )
        if change.fails(self.fail_on):
            line += " [不通过]" if self.lang == "zh" else " [failing]"
        if change.ignored is not None:
            line += (
                f" [已接受：{safe(change.ignored, 'terminal')}]"
                if self.lang == "zh"
                else f" [accepted: {safe(change.ignored, 'terminal')}]"
            )
        return line

    def report(self, result: DiffResult) -> None:
        if self.fancy:
            self._table(result)
            return
        out = self.console.out
        out(f"--- {safe(result.old_file, 'path')} ({result.old_year})", highlight=False)
        out(f"+++ {safe(result.new_file, 'path')} ({result.new_year})", highlight=False)
        for change in result.all:
            out(self.plain_line(change, result.new_file), highlight=False)
            if change.wording:
                out(f"    {plain_wording(change.wording)}", highlight=False)
        out(summary_text(result, self.fail_on, self.lang), highlight=False)

    def _table(self, result: DiffResult) -> None:
        from rich.markup import escape
        from rich.table import Table
        from rich.text import Text

        zh = self.lang == "zh"
        table = Table(
            title=f"{escape(safe(result.old_file, 'path'))} ({result.old_year}) → "
            f"{escape(safe(result.new_file, 'path'))} ({result.new_year})",
            show_lines=True,
            expand=False,
        )
        table.add_column("")
        table.add_column("代码" if zh else "Code", no_wrap=True)
        table.add_column("编号" if zh else "Id", no_wrap=True)
        table.add_column(f"{result.old_year}", ratio=1)
        table.add_column(f"{result.new_year}", ratio=1)
        table.add_column("说明" if zh else "Change", ratio=2)
        for change in result.all:
            style = _STYLE[change.direction]
            if change.kind.value == "finding":
                style = "yellow"
            mark = direction_label(change.direction, self.lang)
            if change.fails(self.fail_on):
                mark = f"✗ {mark}".strip()
            what = Text(safe(change.message.text(self.lang), "terminal"))
            if change.ignored is not None:
                what.stylize("dim")
                accepted = safe(change.ignored, "terminal")
                what.append(f"\n({'已接受' if zh else 'accepted'}: {accepted})", "dim")
            if change.wording:
                old_cell: Text | str = self._wording_side(change, "-")
                new_cell: Text | str = self._wording_side(change, "+")
            else:
                old_cell = Text(safe(change.old or "", "terminal"))
                new_cell = Text(safe(change.new or "", "terminal"))
            table.add_row(
                Text(mark, style=style),
                Text(change.code, style="bold" if change.severity is Severity.WARNING else ""),
                Text(safe(change.id or "", "terminal")),
                old_cell,
                new_cell,
                what,
            )
        self.console.print(table)
        line = summary_text(result, self.fail_on, self.lang)
        failing = result.exit_code(self.fail_on)
        self.console.print(Text(line, style="bold red" if failing else "bold green"))

    def _wording_side(self, change: Change, side: str) -> Text:
        """One side of a wording diff: what stayed plus what that side alone has, highlighted."""
        from rich.text import Text

        text = Text()
        for op, piece in condensed(change.wording):
            if op == "=":
                text.append(safe(piece, "terminal"))
            elif op == side:
                text.append(
                    safe(piece, "terminal"), style="bold red" if side == "-" else "bold green"
                )
        return text
