"""SARIF 2.1.0: the format of GitHub code scanning (``github/codeql-action/upload-sarif``).

Rules come from :func:`perfdecl.catalogue.all_codes` (loader, structure and review codes with their
help text); results carry regions in the same 1-based character columns perfdecl uses everywhere,
declared as ``columnKind: unicodeCodePoints``. URIs are relative to the working folder under
``%SRCROOT%`` (GitHub resolves them against the checkout). ``partialFingerprints`` hash file, code,
pointer and offending value — not the line — so code scanning keeps tracking a finding when lines
move. The document is written at the end (it is one JSON object) in UTF-8 with Chinese unescaped.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import quote

from perfdecl.problem import CodeInfo, Problem, Severity
from perfdecl.reporters.base import Reporter, Summary
from perfdecl.version import __version__

if TYPE_CHECKING:
    from perfdecl.lint import FileResult

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://perfdecl.dev"
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "perfdeclFinding/v1"


def artifact_location(file: str) -> dict[str, str]:
    """A relative URI under %SRCROOT% for files below the working folder, else a file: URI."""
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return {"uri": path.as_uri()}
    rel = os.path.normpath(path).replace(os.sep, "/")
    if rel.startswith("../") or rel == "..":
        return {"uri": Path(os.path.abspath(file)).as_uri()}
    return {"uri": quote(rel, safe="/"), "uriBaseId": SRCROOT}


def region(p: Problem) -> dict[str, int] | None:
    if p.line is None or p.line < 1:
        return None
    out = {"startLine": p.line}
    if p.column is not None and p.column >= 1:
        out["startColumn"] = p.column
    if p.end_line is not None and p.end_line >= p.line:
        out["endLine"] = p.end_line
        start = out.get("startColumn")
        end = p.end_column
        if start is not None and end is not None and (p.end_line > p.line or end >= start):
            out["endColumn"] = end
    return out


class SarifReporter(Reporter):
    name: ClassVar[str] = "sarif"
    description: ClassVar[str] = "SARIF 2.1.0 for GitHub code scanning and other SARIF viewers"

    def begin(self) -> None:
        from perfdecl.catalogue import all_codes

        self._codes: dict[str, CodeInfo] = all_codes()
        self._results: list[dict[str, Any]] = []
        self._extra: dict[str, CodeInfo] = {}

    def _rule(self, info: CodeInfo) -> dict[str, Any]:
        summary = info.summary.text(self.lang)
        full = info.help.text(self.lang) if info.help is not None else summary
        return {
            "id": info.code,
            "name": info.name,
            "shortDescription": {"text": summary},
            "fullDescription": {"text": full},
            "help": {"text": full},
            "defaultConfiguration": {"level": LEVELS[info.severity]},
            "properties": {"tags": ["perfdecl", info.origin]},
        }

    def file(self, result: FileResult) -> None:
        from perfdecl.catalogue import describe
        from perfdecl.lint.baseline import value_hash

        for p in result.problems:
            if p.code not in self._codes and p.code not in self._extra:
                self._extra[p.code] = describe(p.code)
            location: dict[str, Any] = {"artifactLocation": artifact_location(p.file)}
            found = region(p)
            if found is not None:
                location["region"] = found
            uri = location["artifactLocation"]["uri"]
            basis = "\0".join((uri, p.code, p.pointer, value_hash(p, result.source)))
            entry: dict[str, Any] = {
                "ruleId": p.code,
                "level": LEVELS[p.severity],
                "message": {"text": p.message.text(self.lang)},
                "locations": [{"physicalLocation": location}],
                "partialFingerprints": {
                    FINGERPRINT_KEY: hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]
                },
            }
            if p.pointer:
                entry["properties"] = {"pointer": p.pointer}
            self._results.append(entry)

    def end(self, summary: Summary) -> None:
        table = dict(sorted({**self._codes, **self._extra}.items()))
        index = {code: n for n, code in enumerate(table)}
        results = [
            {"ruleId": entry["ruleId"], "ruleIndex": index[entry["ruleId"]], **entry}
            for entry in self._results
        ]
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "perfdecl",
                    "version": __version__,
                    "semanticVersion": __version__,
                    "informationUri": INFORMATION_URI,
                    "rules": [self._rule(info) for info in table.values()],
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
            "invocations": [
                {"executionSuccessful": summary.unreadable == 0, "exitCode": summary.exit_code}
            ],
        }
        document = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
        self.stream.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
