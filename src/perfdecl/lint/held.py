"""Results that wait for the folder check (PD249), in input order, with memory bounded.

From the first department form that gives its 项目支出, a run holds every later result until
its end (:meth:`perfdecl.lint.runner.Batch._ordered`): the folder check needs every file's
ledger before the department form can be reported, and results are reported in input order. A
folder of thousands of department forms kept them all in memory, about 0.11 MB each in the
benchmark: 152 MB for 1,000 files, without bound. Two things keep that flat:

- a held result keeps only the source lines a report reads (:func:`kept`): the text and its
  lines were nearly half of a held result (174 KB against 95 KB a generated file);
- the first results, up to :data:`HOLD_PROBLEMS` problems in all, stay in memory; later ones go
  to an anonymous temporary file as tuples of plain values written with :mod:`marshal`, and are
  read back, in order, at the end. That costs about 4 M instructions a result (a tenth of
  checking the file), so the window is not smaller (BENCHMARKS.md, "Issue #18, eighth session").
"""

from __future__ import annotations

import marshal
from collections.abc import Iterator, Sequence
from operator import attrgetter
from typing import IO, TYPE_CHECKING, Any

from perfdecl.problem import SEVERITY_OF, Message, Related, made_problem

if TYPE_CHECKING:
    from perfdecl.lint import FileResult

HOLD_PROBLEMS = 8_192
"""Problems kept in memory while results wait: about 9.5 MB at the benchmark's 1.2 KB a held
problem (its message in two languages, its place, its share of the lines kept), about a hundred
files; a run of 10,000 such files then peaks at 1.2 times a run of 100."""

Waiting = tuple[Sequence["FileResult"], "FileResult | None"]
"""A task's configuration problems (usually none) and its result (None: nothing to report)."""


class Held:
    """A first-in, first-out store of :data:`Waiting` items; iterate once, at the end."""

    __slots__ = ("_file", "_memory", "_problems")

    def __init__(self) -> None:
        self._memory: list[Waiting] = []
        self._file: IO[bytes] | None = None
        self._problems = 0

    def add(self, preface: Sequence[FileResult], result: FileResult | None) -> None:
        preface = [kept(r) for r in preface]
        if result is not None:
            result = kept(result)
        if self._file is None:
            self._problems += sum(len(r.problems) for r in preface)
            self._problems += len(result.problems) if result is not None else 0
            if self._problems <= HOLD_PROBLEMS:
                self._memory.append((preface, result))
                return
            import tempfile  # only now: a run answered by the cache imports nothing it need not

            # closed by close() or when the iteration ends; removed at exit in any case
            self._file = tempfile.TemporaryFile(prefix="perfdecl-held-")  # noqa: SIM115
        rows = ([_row(r) for r in preface], None if result is None else _row(result))
        data = marshal.dumps(rows)
        # Length first, then the bytes: marshal.load() on a file reads it piece by piece
        # through the file's Python methods, several times the cost of loads() on the bytes.
        self._file.write(len(data).to_bytes(8, "little") + data)

    def __iter__(self) -> Iterator[Waiting]:
        memory, self._memory = self._memory, []
        yield from memory
        spill, self._file = self._file, None
        if spill is None:
            return
        with spill:
            spill.seek(0)
            while size := int.from_bytes(spill.read(8), "little"):
                prefaces, row = marshal.loads(spill.read(size))
                yield [_result(r) for r in prefaces], None if row is None else _result(row)

    def close(self) -> None:
        """Remove the temporary file (also done when the iteration ends or the process exits)."""
        if self._file is not None:
            self._file.close()
            self._file = None


def kept(result: FileResult) -> FileResult:
    """``result`` with only the source lines its report can read; the others read as "".

    Reporters and baselines read a line of the text at a problem's line (the text report's
    excerpt) and the lines of the value at a problem's pointer (the baseline's value hash,
    SARIF's end of a value): :func:`perfdecl.lint.baseline.value_text`, ``reporters.sarif``,
    ``reporters.text``. The line count is the text's, so every bound they check is the same.
    tests/test_held.py compares every format's report, both languages, held or not.
    """
    from perfdecl.lint import FileResult
    from perfdecl.loader.source import SourceMap

    source = result.source
    lines = source.lines
    count = len(lines)
    sparse = [""] * count
    values = source.values
    get = values.get
    for p in result.problems:
        line = p.line
        if line is not None and 0 < line <= count:
            sparse[line - 1] = lines[line - 1]
        span = get(p.pointer)
        if span is not None:  # a value's lines, copied in one slice (a literal block has many)
            first, last = max(span[0], 1) - 1, min(span[2], count)
            if first < last:
                sparse[first:last] = lines[first:last]
    return FileResult(
        result.file,
        result.problems,
        None,
        SourceMap(text="", values=values, _lines=sparse),
        result.ledger,
    )


_PLACE = attrgetter("code", "file", "line", "column", "end_line", "end_column", "pointer")
_SAID = attrgetter("severity._value_", "message.zh", "message.en")
"""A problem's fields as plain values, read in C (``_value_``: the severity's string)."""


def _row(result: FileResult) -> tuple[Any, ...]:
    """A kept result as plain values, which is all marshal writes: the problems' places and
    messages as tuples read by two ``attrgetter`` calls in C rather than Python code for each."""
    problems = result.problems
    source = result.source
    return (
        result.file,
        list(map(_PLACE, problems)),
        list(map(_SAID, problems)),
        [
            (n, [(r.pointer, r.line, r.column, r.end_line, r.end_column) for r in p.related])
            for n, p in enumerate(problems)
            if p.related
        ],
        len(source.lines),
        [(n, line) for n, line in enumerate(source.lines) if line],
        {pointer: tuple(span) for pointer, span in source.values.items()},
        None if result.ledger is None else result.ledger.to_list(),
    )


def _result(row: Sequence[Any]) -> FileResult:
    """:func:`_row` read back."""
    from perfdecl.lint import FileResult
    from perfdecl.lint.cache import ledger_from_row
    from perfdecl.loader.source import SourceMap, Span

    file, places, said, related, count, lines, spans, ledger = row
    sparse = [""] * count
    for n, line in lines:
        sparse[n] = line
    also: list[tuple[Related, ...]] = [()] * len(places)
    for n, found in related:
        also[n] = tuple(Related(*r) for r in found)
    severity = SEVERITY_OF
    new_span = tuple.__new__
    problems = tuple(
        made_problem(
            code, severity[sev], Message(zh, en), at, line, col, end_line, end_col, ptr, rel
        )
        for (code, at, line, col, end_line, end_col, ptr), (sev, zh, en), rel in zip(
            places, said, also, strict=True
        )
    )
    return FileResult(
        file,
        problems,
        None,
        SourceMap(text="", values={k: new_span(Span, v) for k, v in spans.items()}, _lines=sparse),
        ledger_from_row(ledger),
    )
