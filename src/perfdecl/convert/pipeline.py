"""One import: bytes -> reader -> grid -> recognised declaration (or problems).

Published text goes straight to the text importer (:func:`perfdecl.convert.importer.import_text`,
the seed's layout); every other type is read into a :class:`~perfdecl.convert.grid.Grid` by
:mod:`perfdecl.convert.readers` and laid out as text rows (cells separated by tabs) for the same
importer, each problem pointing at the cell or paragraph it came from.
"""

from __future__ import annotations

from dataclasses import replace

from perfdecl.convert.grid import Grid, Line, Table
from perfdecl.convert.seedlayout import ImportResult, import_text
from perfdecl.model import Framework
from perfdecl.problem import Message, Problem


def grid_lines(grid: Grid) -> list[tuple[str, str]]:
    """(text, where) per row: a table row's cells joined by tabs, a free line as it is."""
    out: list[tuple[str, str]] = []
    for block in grid.blocks:
        if isinstance(block, Line):
            out.append((block.text.replace("\t", " "), block.where))
            continue
        assert isinstance(block, Table)
        for row in block.rows():
            cells = [c for c in row if c.text]
            if cells:
                text = "\t".join(c.text.replace("\t", " ") for c in cells)
                out.append((text, cells[0].where))
    return out


def _relocate(problem: Problem, wheres: list[str]) -> Problem:
    """A problem on line N of the laid-out text now names the cell or paragraph it came from."""
    if problem.line is None or not 0 < problem.line <= len(wheres):
        return problem
    where = wheres[problem.line - 1]
    message = Message(f"{where}：{problem.message.zh}", f"{where}: {problem.message.en}")
    return replace(problem, message=message, line=None, column=None)


def import_document(
    raw: bytes,
    *,
    file: str = "<bytes>",
    year: int | None = None,
    framework: Framework | str | None = None,
) -> ImportResult:
    """Sniff, read and import one published file. Never raises on bad input."""
    from perfdecl.convert.readers import read_bytes, sniff

    if sniff(raw, file) == "text":
        from perfdecl.loader import decode

        text, _encoding, decoded = decode(raw, file)
        if text is None:
            return ImportResult(file, None, tuple(decoded))
        result = import_text(text, file=file, year=year, framework=framework)
        # The PD004 "save as UTF-8" advice is about YAML files; an import reads what was published.
        kept = tuple(p for p in decoded if p.code != "PD004")
        return replace(result, problems=kept + result.problems)
    read = read_bytes(raw, file)
    if read.grid is None:
        return ImportResult(file, None, read.problems)
    rows = grid_lines(read.grid)
    text = "\n".join(t for t, _ in rows)
    result = import_text(text, file=file, year=year, framework=framework)
    wheres = [w for _, w in rows]
    problems = tuple(_relocate(p, wheres) for p in result.problems)
    return replace(result, problems=read.problems + problems)


__all__ = ["grid_lines", "import_document"]
