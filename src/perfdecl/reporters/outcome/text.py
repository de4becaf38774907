"""The outcome for people: the table of rows (verdicts coloured on a terminal), the budget
execution, the findings as ``file:line:col: CODE severity message`` lines and the counts."""

from __future__ import annotations

from typing import ClassVar

from perfdecl.escape import safe
from perfdecl.outcome import OutcomeResult, Status
from perfdecl.problem import Problem
from perfdecl.reporters.outcome.base import (
    HEADERS,
    OutcomeReporter,
    assumed_note,
    counts_line,
    execution_line,
    view,
)

_COLOURS = {
    Status.MET: "\x1b[32m",
    Status.MISSED: "\x1b[1;31m",
    Status.NOT_COMPARABLE: "\x1b[35m",
    Status.NOT_EVALUATED: "\x1b[1;31m",
    Status.UNDECLARED: "\x1b[33m",
    Status.QUALITATIVE: "",
}
_RESET = "\x1b[0m"
_COLUMNS = (0, 5, 2, 3, 4, 6, 7, 8, 9)
"""Which of the view's cells the text table shows (the indicator's wording is left out)."""


def width(text: str) -> int:
    """Display width: CJK and full-width characters take two columns."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(columns - width(text), 0)


class OutcomeTextReporter(OutcomeReporter):
    name: ClassVar[str] = "text"
    description: ClassVar[str] = "an aligned table, the findings and the counts"

    def problem_line(self, p: Problem) -> str:
        where = f"{safe(p.file, 'path')}:{p.line or 0}:{p.column or 0}"
        severity = p.severity.zh if self.lang == "zh" else p.severity.value
        return f"{where}: {p.code} {severity} {safe(p.message.text(self.lang), 'terminal')}"

    def table(self, result: OutcomeResult) -> list[str]:
        zh = self.lang == "zh"
        header = [HEADERS[k][0 if zh else 1] for k in _COLUMNS]
        rows = []
        for row in result.rows:
            shown = view(row, self.lang).cells()
            rows.append((row.status, [safe(shown[k], "terminal") for k in _COLUMNS]))
        widths = [
            max([width(header[c])] + [width(r[1][c]) for r in rows]) for c in range(len(header))
        ]
        out = ["  ".join(pad(h, widths[c]) for c, h in enumerate(header)).rstrip()]
        for status, cells in rows:
            line = "  ".join(pad(cell, widths[c]) for c, cell in enumerate(cells)).rstrip()
            colour = _COLOURS[status] if self.color else ""
            out.append(f"{colour}{line}{_RESET}" if colour else line)
        return out

    def report(self, results: list[OutcomeResult]) -> None:
        w = self.stream.write
        for n, result in enumerate(results):
            if n:
                w("\n")
            files = (
                f"{safe(result.declaration_file, 'path')} -> {safe(result.selfeval_file, 'path')}"
            )
            who = " ".join(safe(x, "terminal") for x in (result.unit, result.project) if x)
            w(f"perfdecl outcome: {files}\n{who} {result.year}\n\n".replace("\n \n", "\n"))
            for line in self.table(result):
                w(line + "\n")
            note = assumed_note(result, self.lang)
            if note:
                w(note + "\n")
            if result.execution is not None:
                w("\n" + execution_line(result.execution, self.lang) + "\n")
            if result.problems:
                w("\n")
                for p in result.problems:
                    w(self.problem_line(p) + "\n")
            w("\n" + safe(counts_line(result, self.lang), "terminal") + "\n")
