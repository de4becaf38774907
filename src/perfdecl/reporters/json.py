"""JSON output: a stable, documented shape for CI and other tools (see README, "JSON output").

Written file by file so that memory stays flat on large runs; UTF-8 with Chinese unescaped.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, ClassVar

from perfdecl.reporters.base import Reporter, Summary
from perfdecl.version import __version__

if TYPE_CHECKING:
    from perfdecl.lint import FileResult

JSON_FORMAT_VERSION = 1


class JsonReporter(Reporter):
    name: ClassVar[str] = "json"
    description: ClassVar[str] = "one JSON document: version, files with their problems, summary"

    _first = True

    def begin(self) -> None:
        head = {
            "version": JSON_FORMAT_VERSION,
            "tool": {"name": "perfdecl", "version": __version__},
        }
        self.stream.write(json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ',\n  "files": [')
        self._first = True

    def file(self, result: FileResult) -> None:
        # One problem per line: readable, greppable, and written by json's C encoder (an
        # ``indent`` makes json fall back to its pure-Python encoder, which cost 15% of a
        # 200-file run).
        lines = ",\n        ".join(
            json.dumps(p.to_dict(self.lang), ensure_ascii=False) for p in result.problems
        )
        problems = f"[\n        {lines}\n      ]" if lines else "[]"
        name = json.dumps(result.file, ensure_ascii=False)
        self.stream.write(
            ("\n    " if self._first else ",\n    ")
            + f'{{\n      "file": {name},\n      "problems": {problems}\n    }}'
        )
        self._first = False

    def end(self, summary: Summary) -> None:
        totals = {
            "files": summary.files,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
            "exit_code": summary.exit_code,
            **({"configurations": summary.configurations} if summary.configurations else {}),
        }
        closing = "\n  ]" if not self._first else "]"
        body = json.dumps(totals, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        if summary.baseline is not None:
            section = json.dumps(summary.baseline.to_dict(), ensure_ascii=False, indent=2)
            body += ',\n  "baseline": ' + section.replace("\n", "\n  ")
        self.stream.write(f'{closing},\n  "summary": {body}\n}}\n')
