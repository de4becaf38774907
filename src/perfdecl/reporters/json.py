"""JSON output: a stable, documented shape for CI and other tools (see README, "JSON output").

Written file by file so that memory stays flat on large runs; UTF-8 with Chinese unescaped.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, ClassVar

from perfdecl.reporters.base import Reporter, Summary
from perfdecl.version import __version__

if TYPE_CHECKING:
    from perfdecl.lint import FileResult
    from perfdecl.problem import Lang, Problem, Related, Severity

JSON_FORMAT_VERSION = 1


_HEADS: dict[tuple[str, Severity], str] = {}
"""``{"code": …, "severity": …, "message": `` for each code and severity met (a few dozen)."""
_FILES: list[tuple[str, str]] = [("", '""')]
"""The last file name and its JSON string: every problem of a file repeats it."""
_DIGITS: dict[int, str] = {}
"""``str(int(n))`` for the line and column numbers met (a few hundred): four a problem, and
``int()`` then ``str`` cost six times a lookup."""
_number = _DIGITS.get


def _digits(n: int) -> str:
    """``str(int(n))``, remembered for ints (bounded: hostile files have millions of lines)."""
    shown = str(int(n))
    if type(n) is int and len(_DIGITS) < 8192:
        _DIGITS[n] = shown
    return shown


def problem_line(problem: Problem, lang: Lang) -> str:
    """``json.dumps(problem.to_dict(lang), ensure_ascii=False)``, written out field by field.

    A run from the cache is mostly this: json.dumps builds an encoder for every call, which
    cost a third of a fully cached 200-file run. Strings go through json's own C string encoder,
    so the bytes are the same (tested against json.dumps); the code and severity, and the file
    name, are encoded once, not once a problem. Related places are written the same way: one
    problem in nine has some, and handing those to json.dumps cost as much as all the others
    (1 % of a 200-file run).
    """
    p = problem
    head = _HEADS.get((p.code, p.severity))
    if head is None:
        if len(_HEADS) > 1024:  # codes come from the registries; a stray one cannot grow this
            _HEADS.clear()
        head = _HEADS[(p.code, p.severity)] = (
            f'{{"code": {encode_basestring(p.code)}, '
            f'"severity": {encode_basestring(p.severity.value)}, "message": '
        )
    name, shown = _FILES[0]
    if name != p.file:
        name, shown = p.file, encode_basestring(p.file)
        _FILES[0] = (name, shown)
    line, column, end_line, end_column = p.line, p.column, p.end_line, p.end_column
    return (
        f"{head}{encode_basestring(p.message.zh if lang == 'zh' else p.message.en)}, "
        f'"file": {shown}, '
        f'"line": {"null" if line is None else _number(line) or _digits(line)}, '
        f'"column": {"null" if column is None else _number(column) or _digits(column)}, '
        f'"end_line": {"null" if end_line is None else _number(end_line) or _digits(end_line)}, '
        f'"end_column": '
        f"{'null' if end_column is None else _number(end_column) or _digits(end_column)}, "
        f'"pointer": {encode_basestring(p.pointer)}'
        f"{_related(p.related) if p.related else ''}}}"
    )


def _related(related: tuple[Related, ...]) -> str:
    """``, "related": [...]``: each place as json.dumps writes ``Related.to_dict()``."""
    places = ", ".join(
        f'{{"line": {"null" if r.line is None else int(r.line)}, '
        f'"column": {"null" if r.column is None else int(r.column)}, '
        f'"end_line": {"null" if r.end_line is None else int(r.end_line)}, '
        f'"end_column": {"null" if r.end_column is None else int(r.end_column)}, '
        f'"pointer": {encode_basestring(r.pointer)}}}'
        for r in related
    )
    return f', "related": [{places}]'


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
        # One problem per line: readable, greppable, and written without json's pure-Python
        # encoder, which an ``indent`` makes it fall back to (15% of a 200-file run).
        lines = ",\n        ".join(problem_line(p, self.lang) for p in result.problems)
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
