"""The outcome as Markdown (a pull-request comment or a report): the table, then the findings."""

from __future__ import annotations

from typing import ClassVar

from perfdecl.escape import markdown_code, safe
from perfdecl.outcome import OutcomeResult, Status
from perfdecl.reporters.outcome.base import (
    HEADERS,
    OutcomeReporter,
    assumed_note,
    counts_line,
    execution_line,
    view,
)

_MARK = {
    Status.MET: "✅ ",
    Status.MISSED: "❌ ",
    Status.NOT_COMPARABLE: "≠ ",
    Status.QUALITATIVE: "",
    Status.NOT_EVALUATED: "❌ ",
    Status.UNDECLARED: "＋ ",
}


def cell(text: str) -> str:
    return safe(text, "markdown") if text else ""


class OutcomeMarkdownReporter(OutcomeReporter):
    name: ClassVar[str] = "markdown"
    description: ClassVar[str] = "a Markdown table and the findings"

    def report(self, results: list[OutcomeResult]) -> None:
        w = self.stream.write
        zh = self.lang == "zh"
        for n, result in enumerate(results):
            if n:
                w("\n")
            w(
                f"### perfdecl outcome: {markdown_code(result.declaration_file)} → "
                f"{markdown_code(result.selfeval_file)}\n\n"
            )
            who = " · ".join(cell(x) for x in (result.unit, result.project) if x)
            w(
                f"{who + ' · ' if who else ''}{result.year} · {cell(counts_line(result, self.lang))}\n\n"
            )
            w("| " + " | ".join(h[0 if zh else 1] for h in HEADERS) + " |\n")
            w("|" + "---|" * len(HEADERS) + "\n")
            for row in result.rows:
                v = view(row, self.lang)
                cells = [cell(c) for c in v.cells()]
                cells[0] = markdown_code(v.id)
                cells[5] = _MARK[row.status] + cells[5]
                w("| " + " | ".join(cells) + " |\n")
            note = assumed_note(result, self.lang)
            if note:
                w("\n" + cell(note) + "\n")
            if result.execution is not None:
                w("\n" + cell(execution_line(result.execution, self.lang)) + "\n")
            if result.problems:
                w("\n#### " + ("发现的问题" if zh else "Findings") + "\n\n")
                for p in result.problems:
                    where = markdown_code(f"{p.file}:{p.line or 0}")
                    severity = p.severity.zh if zh else p.severity.value
                    w(f"- {where} **{p.code}** {severity}: {cell(p.message.text(self.lang))}\n")
