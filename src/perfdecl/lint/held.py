"""Results that wait for the folder check (PD249), in input order, with memory bounded.

From the first department form that gives its 项目支出, a run holds every later result until
its end (:meth:`perfdecl.lint.runner.Batch._ordered`): the folder check needs every file's
ledger before the department form can be reported, and results are reported in input order. A
folder of thousands of department forms kept them all in memory, about 0.1 MB each in the
benchmark (messages in two languages, and the text that excerpts are cut from): 152 MB for
1,000 files, without bound. The first results, up to :data:`HOLD_PROBLEMS` problems in all,
stay in memory as they are; later ones go to an anonymous temporary file as rows of plain values
(the result cache's rows, :mod:`perfdecl.lint.cache`, written with :mod:`marshal`) and are read
back, in order, at the end. A result that goes through the file costs about 3 ms more (writing
and reading its rows, BENCHMARKS.md, seventh session: a third of a file's check), so the window
is large enough that runs of a few hundred files never use the file, and small enough that
memory stays under 100 MB however many files follow.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from perfdecl.lint import FileResult

HOLD_PROBLEMS = 32_768
"""Problems kept in memory while results wait: about 35 MB at the benchmark's 1.1 KB a held
problem (its message in two languages, its share of the file's text)."""

Waiting = tuple[list["FileResult"], "FileResult | None"]
"""A task's configuration problems (usually none) and its result (None: nothing to report)."""


class Held:
    """A first-in, first-out store of :data:`Waiting` items; iterate once, at the end."""

    __slots__ = ("_file", "_memory", "_problems")

    def __init__(self) -> None:
        self._memory: list[Waiting] = []
        self._file: IO[bytes] | None = None
        self._problems = 0

    def add(self, preface: list[FileResult], result: FileResult | None) -> None:
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
        marshal.dump(rows, self._file)

    def __iter__(self) -> Iterator[Waiting]:
        memory, self._memory = self._memory, []
        yield from memory
        spill, self._file = self._file, None
        if spill is None:
            return
        with spill:
            spill.seek(0)
            while True:
                try:
                    prefaces, row = marshal.load(spill)
                except EOFError:
                    return
                yield [_result(r) for r in prefaces], None if row is None else _result(row)

    def close(self) -> None:
        """Remove the temporary file (also done when the iteration ends or the process exits)."""
        if self._file is not None:
            self._file.close()
            self._file = None


def _row(result: FileResult) -> tuple[Any, ...]:
    from perfdecl.lint.cache import problem_row

    source = result.source
    return (
        result.file,
        [(*problem_row(p), p.message.zh, p.message.en) for p in result.problems],
        source.text,
        [(pointer, *span) for pointer, span in source.values.items()],
        None if result.ledger is None else result.ledger.to_list(),
    )


def _result(row: Sequence[Any]) -> FileResult:
    from perfdecl.lint import FileResult
    from perfdecl.lint.cache import ledger_of, problem_of
    from perfdecl.loader.source import SourceMap, Span
    from perfdecl.problem import Message

    file, problems, text, spans, ledger = row
    return FileResult(
        file,
        tuple(problem_of(p[:9], Message(p[9], p[10])) for p in problems),
        None,
        SourceMap(text=text, values={s[0]: Span(*s[1:]) for s in spans}),
        ledger_of(ledger),
    )
