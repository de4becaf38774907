"""The outcome as JSON: the stable, documented schema of docs/outcome.md ("JSON output").

Numbers are exact decimal text ("98.33", "0.0714"), never floats; every key is always present.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, ClassVar

from perfdecl.outcome import OutcomeResult, RowOutcome, Status
from perfdecl.phrases.verdict import Judged
from perfdecl.reporters.outcome.base import OutcomeReporter
from perfdecl.version import __version__

OUTCOME_JSON_VERSION = 1


def num(value: Decimal | None, places: str = "0.01") -> str | None:
    """Exact decimal text rounded to ``places`` (None stays None)."""
    if value is None:
        return None
    return format(value.quantize(Decimal(places)), "f")


def _target(j: Judged) -> dict[str, Any]:
    g, a = j.goal, j.actual
    return {
        "name": g.name,
        "comparison": g.comparison.value,
        "value": None if g.value is None else format(g.value, "f"),
        "unit": g.unit,
        "deadline": g.deadline.isoformat() if g.deadline else None,
        "actual": None if a is None or a.value is None else format(a.value, "f"),
        "actual_date": a.date.isoformat() if a is not None and a.date else None,
        "status": j.status.value,
        "gap": num(j.gap),
        "shortfall": num(j.shortfall, "0.0001"),
        "not_comparable_because": j.why,
    }


def row_dict(row: RowOutcome) -> dict[str, Any]:
    """One row in the documented shape."""
    return {
        "id": row.id,
        "text": row.text,
        "level1": row.level1,
        "category": row.category,
        "status": row.status.value,
        "declared": row.declared,
        "evaluated": row.evaluated,
        "change": row.change.value,
        "actual": row.actual,
        "targets": [_target(j) for j in row.judged],
        "shortfall": num(row.shortfall, "0.0001"),
        "points": num(row.points),
        "points_assumed": row.points_assumed,
        "self_score": num(row.self_score),
        "score": num(row.score),
        "deviation": row.deviation,
        "pointer": {"declaration": row.declaration_pointer, "selfeval": row.selfeval_pointer},
        "line": {"declaration": row.declaration_line, "selfeval": row.selfeval_line},
    }


def result_dict(result: OutcomeResult, lang: str, fail_on: frozenset[Any]) -> dict[str, Any]:
    ex = result.execution
    return {
        "declaration": result.declaration_file,
        "selfeval": result.selfeval_file,
        "unit": result.unit,
        "project": result.project,
        "year": result.year,
        "rows": [row_dict(r) for r in result.rows],
        "execution": None
        if ex is None
        else {
            "unit": ex.unit,
            "budget": num(ex.budget),
            "spent": num(ex.spent),
            "rate": num(ex.rate, "0.0001"),
            "printed_rate": ex.printed_rate,
            "points": num(ex.points),
            "self_score": num(ex.self_score),
            "score": num(ex.score),
        },
        "totals": {
            "points": num(result.total_points),
            "self_score": num(result.self_total),
            "score": num(result.total),
            "complete": result.complete,
        },
        "counts": {s.value: result.count(s) for s in Status},
        "problems": [p.to_dict(lang) for p in result.problems],  # type: ignore[arg-type]
        "exit_code": result.exit_code(fail_on),
    }


class OutcomeJsonReporter(OutcomeReporter):
    name: ClassVar[str] = "json"
    description: ClassVar[str] = "one JSON document (docs/outcome.md)"

    def report(self, results: list[OutcomeResult]) -> None:
        scoring = results[0].scoring.describe() if results else None
        doc = {
            "version": OUTCOME_JSON_VERSION,
            "tool": {"name": "perfdecl", "version": __version__},
            "scoring": scoring,
            "fail_on": sorted(f.value for f in self.fail_on),
            "pairs": [result_dict(r, self.lang, self.fail_on) for r in results],
            "summary": {
                "pairs": len(results),
                "exit_code": max((r.exit_code(self.fail_on) for r in results), default=0),
            },
        }
        self.stream.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
