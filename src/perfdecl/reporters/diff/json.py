"""Diff as JSON: the stable, documented schema of docs/diff.md ("JSON output")."""

from __future__ import annotations

import json
from typing import Any, ClassVar

from perfdecl.diff import Change, DiffResult, FailOn, summarize
from perfdecl.reporters.diff.base import DiffReporter
from perfdecl.version import __version__

DIFF_JSON_VERSION = 1


def change_dict(change: Change, fail_on: FailOn) -> dict[str, Any]:
    """One change in the documented shape; every key is always present."""
    return {
        "code": change.code,
        "kind": change.kind.value,
        "severity": change.severity.value,
        "direction": change.direction.value,
        "id": change.id,
        "old_id": change.old_id,
        "pointer": {"old": change.old_pointer, "new": change.new_pointer},
        "location": {
            "old": {"line": change.old_line, "column": change.old_column},
            "new": {"line": change.line, "column": change.column},
        },
        "old": change.old,
        "new": change.new,
        "target": {
            "old": change.old_target.to_dict() if change.old_target else None,
            "new": change.new_target.to_dict() if change.new_target else None,
        },
        "delta": change.delta,
        "percent": change.percent,
        "score": change.score,
        "wording": [[op, text] for op, text in change.wording],
        "message": {"zh": change.message.zh, "en": change.message.en},
        "ignored": change.ignored,
        "failing": change.fails(fail_on),
    }


def result_dict(result: DiffResult, fail_on: FailOn) -> dict[str, Any]:
    return {
        "version": DIFF_JSON_VERSION,
        "tool": {"name": "perfdecl", "version": __version__},
        "old": {"file": result.old_file, "year": result.old_year},
        "new": {"file": result.new_file, "year": result.new_year},
        "fail_on": fail_on.value,
        "changes": [change_dict(c, fail_on) for c in result.changes],
        "findings": [change_dict(c, fail_on) for c in result.findings],
        "summary": summarize(result, fail_on),
    }


class DiffJsonReporter(DiffReporter):
    name: ClassVar[str] = "json"
    description: ClassVar[str] = "one JSON document (schema in docs/diff.md)"

    def report(self, result: DiffResult) -> None:
        text = json.dumps(result_dict(result, self.fail_on), ensure_ascii=False, indent=2)
        self.stream.write(text + "\n")
