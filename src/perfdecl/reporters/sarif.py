"""SARIF 2.1.0: the format of GitHub code scanning (``github/codeql-action/upload-sarif``).

The rule table (``tool.driver.rules``) is :func:`perfdecl.catalogue.all_codes`, every code of every
layer with its help text in the ``--lang`` language, plus any code a result uses that the registry
lacks, so no result points at an undeclared rule. Results carry regions in the same 1-based
character columns perfdecl uses everywhere, declared as ``columnKind: unicodeCodePoints``; a
problem that marks only a point (a finding on a whole text) gets the span of the value at its
pointer, so the region covers the offending value. URIs are relative to the working folder under
``%SRCROOT%`` (GitHub resolves them against the checkout). ``partialFingerprints`` hash file, code,
pointer and offending value — not the line — so code scanning keeps tracking a finding when lines
move. The document is written at the end (it is one JSON object) in UTF-8 with Chinese unescaped.
"""

from __future__ import annotations

import hashlib
import json
import os
from json.encoder import encode_basestring
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple
from urllib.parse import quote

from perfdecl.problem import CodeInfo, Lang, Problem, Related, Severity
from perfdecl.reporters.base import Reporter, Summary
from perfdecl.version import __version__

if TYPE_CHECKING:
    from perfdecl.lint import FileResult
    from perfdecl.loader import SourceMap

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
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


def _zero_width(p: Problem) -> bool:
    if p.end_line is None or p.end_column is None:
        return True
    return p.end_line == p.line and (p.column is None or p.end_column <= p.column)


def _value_end(p: Problem, source: SourceMap) -> tuple[int, int, int, int] | None:
    """Start and end of the value at ``p.pointer`` when ``p`` starts inside it (or has no
    position at all); the end is pulled back from the start of the next line (a block scalar's
    end) to the end of the value's last line."""
    span = source.values.get(p.pointer)
    if span is None:
        return None
    if p.line is None:
        line, column = span.line, span.column
    elif p.column is not None and (span.line, span.column) <= (p.line, p.column):
        line, column = p.line, p.column
    else:
        return None
    end_line, end_column = span.end_line, span.end_column
    if end_column == 1 and end_line > line:
        end_line -= 1
        end_column = len(source.line_text(end_line)) + 1
    if (end_line, end_column) <= (line, column):
        return None
    return line, column, end_line, end_column


def region(p: Problem, source: SourceMap | None = None) -> dict[str, int] | None:
    """The SARIF region of ``p``: its own span when it has a width; otherwise, given the file's
    source map, the span of the offending value at its pointer (a finding on a whole text spans
    the text, not an empty point at its start)."""
    line, column, end_line, end_column = p.line, p.column, p.end_line, p.end_column
    if source is not None and p.pointer and _zero_width(p):
        found = _value_end(p, source)
        if found is not None:
            line, column, end_line, end_column = found
    if line is None or line < 1:
        return None
    out = {"startLine": line}
    if column is not None and column >= 1:
        out["startColumn"] = column
    if end_line is not None and end_line >= line:
        out["endLine"] = end_line
        start = out.get("startColumn")
        if (
            start is not None
            and end_column is not None
            and (end_line > line or end_column >= start)
        ):
            out["endColumn"] = end_column
    return out


class SarifReporter(Reporter):
    name: ClassVar[str] = "sarif"
    description: ClassVar[str] = "SARIF 2.1.0 for GitHub code scanning and other SARIF viewers"

    def begin(self) -> None:
        from perfdecl.catalogue import all_codes

        self._codes: dict[str, CodeInfo] = all_codes()
        self._results: list[_Result] = []
        self._extra: dict[str, CodeInfo] = {}
        self._artifacts: dict[str, dict[str, str]] = {}

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

        lang = self.lang
        for p in result.problems:
            if p.code not in self._codes and p.code not in self._extra:
                self._extra[p.code] = describe(p.code)
            artifact = self._artifacts.get(p.file)
            if artifact is None:  # once a file, not once a problem (pathlib is slow)
                artifact = self._artifacts[p.file] = artifact_location(p.file)
            basis = "\0".join((artifact["uri"], p.code, p.pointer, value_hash(p, result.source)))
            related = (
                [_related_location(n, r, artifact, lang) for n, r in enumerate(p.related, start=1)]
                if p.related
                else None
            )
            self._results.append(
                _Result(
                    p.code,
                    LEVELS[p.severity],
                    p.message.text(lang),
                    artifact,
                    region(p, result.source),
                    hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32],
                    p.pointer,
                    related,
                )
            )

    def end(self, summary: Summary) -> None:
        table = dict(sorted({**self._codes, **self._extra}.items()))
        index = {code: n for n, code in enumerate(table)}
        results = _Results(self._results, index)
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "perfdecl",
                    "version": __version__,
                    "semanticVersion": __version__,
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
        text = indented_json(document)
        if text is None:  # something json.dumps writes its own way: it writes the document
            run["results"] = results.dicts()
            text = json.dumps(document, ensure_ascii=False, indent=2)
        self.stream.write(text + "\n")


class _Result(NamedTuple):
    """One SARIF result as :meth:`SarifReporter.file` saw it (its rule index comes at the end,
    once every code of the run is known)."""

    code: str
    level: str
    text: str
    artifact: dict[str, str]
    region: dict[str, int] | None
    fingerprint: str
    pointer: str
    related: list[dict[str, Any]] | None

    def as_dict(self, index: int) -> dict[str, Any]:
        """The result object of the SARIF document."""
        location: dict[str, Any] = {"artifactLocation": self.artifact}
        if self.region is not None:
            location["region"] = self.region
        entry: dict[str, Any] = {
            "ruleId": self.code,
            "ruleIndex": index,
            "level": self.level,
            "message": {"text": self.text},
            "locations": [{"physicalLocation": location}],
            "partialFingerprints": {FINGERPRINT_KEY: self.fingerprint},
        }
        if self.pointer:
            entry["properties"] = {"pointer": self.pointer}
        if self.related is not None:
            entry["relatedLocations"] = self.related
        return entry


class _Results:
    """The run's results, written by :func:`indented_json` without building their dicts."""

    def __init__(self, results: list[_Result], index: dict[str, int]) -> None:
        self.results = results
        self.index = index

    def dicts(self) -> list[dict[str, Any]]:
        return [r.as_dict(self.index[r.code]) for r in self.results]

    def emit(self, out: list[str], newline: str) -> None:
        """Append the results as ``_emit`` would append :meth:`dicts`: the scaffolding of a
        result is the same text every time, only its values differ."""
        if not self.results:
            out.append("[]")
            return
        a = newline + "  "  # a result's braces
        b = a + "  "  # its keys
        c = b + "  "
        d = c + "  "
        e = d + "  "  # the keys of a physicalLocation
        f = e + "  "  # the keys of a region
        index = self.index
        artifacts: dict[int, str] = {}  # id of a file's artifact dict (one a file) -> its text
        separator = "[" + a
        for r in self.results:
            out.append(
                f'{separator}{{{b}"ruleId": {encode_basestring(r.code)},'
                f'{b}"ruleIndex": {int(index[r.code])},'
                f'{b}"level": {encode_basestring(r.level)},'
                f'{b}"message": {{{c}"text": {encode_basestring(r.text)}{b}}},'
                f'{b}"locations": [{c}{{{d}"physicalLocation": {{{e}"artifactLocation": '
            )
            separator = "," + a
            artifact = artifacts.get(id(r.artifact))
            if artifact is None:
                written: list[str] = []
                _emit(r.artifact, written, e)
                artifact = artifacts[id(r.artifact)] = "".join(written)
            out.append(artifact)
            region = r.region
            if region is not None:
                out.append(f',{e}"region": ')
                if all(type(v) is int for v in region.values()):  # as region() makes them
                    fields = ",".join(f"{f}{_key(k)}: {v}" for k, v in region.items())
                    out.append(f"{{{fields}{e}}}" if region else "{}")
                else:
                    _emit(region, out, e)
            out.append(
                f'{d}}}{c}}}{b}],{b}"partialFingerprints": '
                f"{{{c}{_FINGERPRINT_KEY}: {encode_basestring(r.fingerprint)}{b}}}"
            )
            if r.pointer:
                out.append(f',{b}"properties": {{{c}"pointer": {encode_basestring(r.pointer)}{b}}}')
            if r.related is not None:
                out.append(f',{b}"relatedLocations": ')
                _emit(r.related, out, b)
            out.append(a + "}")
        out.append(newline + "]")


_FINGERPRINT_KEY = encode_basestring(FINGERPRINT_KEY)
_REGION_KEYS = {
    k: encode_basestring(k) for k in ("startLine", "startColumn", "endLine", "endColumn")
}


def _key(name: str) -> str:
    """A region's key as JSON text."""
    return _REGION_KEYS.get(name) or encode_basestring(name)


def _related_location(
    n: int, related: Related, artifact: dict[str, Any], lang: Lang
) -> dict[str, Any]:
    """A SARIF relatedLocation: another copy of the same finding, in the same file."""
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if related.line is not None:
        reg: dict[str, Any] = {"startLine": related.line, "startColumn": related.column or 1}
        if related.end_line is not None:
            reg["endLine"] = related.end_line
            if related.end_column is not None:
                reg["endColumn"] = related.end_column
        physical["region"] = reg
    text = "同一问题的另一处" if lang == "zh" else "another place with the same problem"
    return {
        "id": n,
        "physicalLocation": physical,
        "message": {"text": text},
        "properties": {"pointer": related.pointer},
    }


class _Unusual(Exception):
    """A value :func:`indented_json` leaves to json.dumps."""


def indented_json(document: object) -> str | None:
    """``json.dumps(document, ensure_ascii=False, indent=2)``, three times faster, or None.

    With ``indent`` json.dumps leaves its C encoder for a generator-based one in Python, which
    took a fifth of a SARIF run over 200 files (16,000 results). This writes the same text for
    what a SARIF document holds (dicts with text keys, lists, text, integers, booleans and
    None), strings through json's own C string encoder; for anything else (a float, a tuple, a
    subclass, a key that is not text) it returns None, and the caller asks json.dumps.
    Tested against json.dumps.
    """
    out: list[str] = []
    try:
        _emit(document, out, "\n")
    except (_Unusual, RecursionError):
        return None
    return "".join(out)


def _emit(value: object, out: list[str], newline: str) -> None:
    """Append ``value`` as indented JSON; ``newline`` is a line break and its indentation."""
    kind = type(value)
    if kind is str:
        out.append(encode_basestring(value))  # type: ignore[arg-type]
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():  # type: ignore[attr-defined]
            if type(key) is not str:
                raise _Unusual
            out.append(f"{separator}{encode_basestring(key)}: ")
            separator = "," + inner
            _emit(item, out, inner)
        out.append(newline + "}")
    elif kind is list:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:  # type: ignore[attr-defined]
            out.append(separator)
            separator = "," + inner
            _emit(item, out, inner)
        out.append(newline + "]")
    elif kind is int:
        out.append(int.__repr__(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, _Results) and kind is _Results:
        value.emit(out, newline)
    else:
        raise _Unusual
