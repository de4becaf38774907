"""The outcome as CSV for analysts: one line per indicator of every pair, every cell made safe
for a spreadsheet (a value that would run as a formula starts with ``'``)."""

from __future__ import annotations

import csv
from typing import ClassVar

from perfdecl.escape import safe
from perfdecl.outcome import OutcomeResult
from perfdecl.reporters.outcome.base import OutcomeReporter
from perfdecl.reporters.outcome.json import num

COLUMNS: tuple[str, ...] = (
    "declaration",
    "selfeval",
    "unit",
    "project",
    "year",
    "id",
    "level1",
    "category",
    "text",
    "status",
    "declared",
    "evaluated",
    "change",
    "actual",
    "shortfall",
    "points",
    "points_assumed",
    "self_score",
    "score",
    "deviation",
)
"""The header line (English keys, as in the JSON report; docs/outcome.md explains each)."""


class OutcomeCsvReporter(OutcomeReporter):
    name: ClassVar[str] = "csv"
    description: ClassVar[str] = "one CSV line per indicator (UTF-8, header line first)"

    def report(self, results: list[OutcomeResult]) -> None:
        writer = csv.writer(self.stream, lineterminator="\n")
        writer.writerow(COLUMNS)
        for result in results:
            for row in result.rows:
                values = (
                    result.declaration_file,
                    result.selfeval_file,
                    result.unit or "",
                    result.project or "",
                    str(result.year),
                    row.id,
                    row.level1,
                    row.category,
                    row.text,
                    row.status.value,
                    row.declared,
                    row.evaluated,
                    row.change.value,
                    row.actual,
                    num(row.shortfall, "0.0001") or "",
                    num(row.points) or "",
                    "true" if row.points_assumed else "false",
                    num(row.self_score) or "",
                    num(row.score) or "",
                    row.deviation or "",
                )
                writer.writerow([safe(v, "csv") for v in values])
