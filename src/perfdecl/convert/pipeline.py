"""One import: bytes -> reader -> grid -> recognised declaration (or problems).

Published text goes straight to the text importer (:func:`perfdecl.convert.importer.import_text`,
the seed's layout); every other type is read into a :class:`~perfdecl.convert.grid.Grid` by
:mod:`perfdecl.convert.readers` and laid out as text rows (cells separated by tabs) for the same
importer, each problem pointing at the cell or paragraph it came from.
"""

from __future__ import annotations

from dataclasses import replace

from perfdecl.convert.grid import Grid, Line, Table, norm
from perfdecl.convert.seedlayout import MAX_LINES, ImportResult, import_text
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


def _seed_fits(result: ImportResult) -> bool:
    """The seed's layout read this form: a table and most of the department form's parts."""
    return result.ok and len(result.found) >= 4


def _no_table(result: ImportResult) -> bool:
    """The layouts found nothing at all (no table, no field) where the seed's reader may have."""
    codes = {p.code for p in result.problems}
    return "PD405" in codes and "PD417" not in codes and result.data is None


def recognised_import(
    grid: Grid,
    *,
    year: int | None = None,
    framework: Framework | str | None = None,
) -> ImportResult:
    """The layouts of :mod:`perfdecl.convert.layouts` over a grid: data and problems."""
    from perfdecl.convert.assemble import (
        build_data,
        indicators,
        is_selfeval,
        problem_at,
        recognise,
    )
    from perfdecl.convert.review import (
        glued_label_problems,
        list_problems,
        money_problems,
        outcome_problems,
        row_problems,
        unplaced_problems,
    )

    file = grid.file
    rec = recognise(grid)
    fw = Framework(framework).value if framework is not None else None
    problems: list[Problem] = []
    if not rec.table.items:
        if rec.family in ("rubric", "selfeval") or is_selfeval(rec):
            problems.append(
                problem_at(
                    "PD417",
                    file,
                    "",
                    "这是没有绩效目标表的自评报告或评分表：没有可导入的目标。",
                    "a self-evaluation report or scoring rubric with no target table: there are "
                    "no targets to import.",
                )
            )
        else:
            best = rec.scores[0] if rec.scores else None
            hint_zh = f"最接近的版式：{best[1]}（{best[2]:.0%}）" if best else ""
            hint_en = f"closest layout: {best[0]} ({best[2]:.0%})" if best else ""
            labels = sorted({v[0] for v in rec.fields.values.values()})
            found_zh = "、".join(labels) or "无"
            found_en = ", ".join(labels) or "none"
            problems.append(
                problem_at(
                    "PD405",
                    file,
                    "",
                    f"未能识别申报表版式：没有找到绩效指标表（一级/二级/三级指标）。已找到：{found_zh}；"
                    f"缺少：绩效指标表。{hint_zh}；用 --explain 查看原因。",
                    f"the layout was not recognised: no indicator table (一级/二级/三级) was "
                    f"found. Found: {found_en}; missing: indicator table. {hint_en}. Run with "
                    "--explain to see why.",
                )
            )
        data = build_data(rec, year, fw) if rec.fields.values else None
        return ImportResult(file, data, tuple(problems), (), ("indicators",))
    data = build_data(rec, year, fw)
    _, read = indicators(rec.table.items)
    problems += row_problems(file, read)
    problems += list_problems(file, rec)
    problems += money_problems(file, rec)
    problems += outcome_problems(file, rec)
    problems += glued_label_problems(file, rec)
    problems += unplaced_problems(file, rec)
    if "year" not in data:
        problems.append(
            problem_at(
                "PD403",
                file,
                "",
                "无法确定申报年度：表中没有“20xx年度”。请用 --year 指定。",
                "the declaration year cannot be told: the form shows no 20xx年度. Pass --year.",
            )
        )
    found = tuple(k for k in ("unit", "project", "goals", "indicators") if k in data)
    missing = tuple(k for k in ("unit", "project", "goals", "indicators") if k not in data)
    return ImportResult(file, data, tuple(problems), found, missing)


def import_document(
    raw: bytes,
    *,
    file: str = "<bytes>",
    year: int | None = None,
    framework: Framework | str | None = None,
) -> ImportResult:
    """Sniff, read and import one published file. Never raises on bad input."""
    from perfdecl.convert.readers import read_bytes, sniff

    kind = sniff(raw, file)
    if kind == "text":
        from perfdecl.loader import decode

        text, _encoding, decoded = decode(raw, file)
        if text is None:
            return ImportResult(file, None, tuple(decoded))
        # The PD004 "save as UTF-8" advice is about YAML files; an import reads what was published.
        kept = tuple(p for p in decoded if p.code != "PD004")
        result = import_text(text, file=file, year=year, framework=framework)
        if _seed_fits(result) or text.count("\n") > MAX_LINES or not text.strip():
            return replace(result, problems=kept + result.problems)
        from perfdecl.convert.readers.text import read_text

        other = recognised_import(read_text(text, file), year=year, framework=framework)
        if _no_table(other):
            return replace(result, problems=kept + result.problems)
        return replace(other, problems=kept + other.problems)
    read = read_bytes(raw, file)
    if read.grid is None:
        return ImportResult(file, None, read.problems)
    rows = grid_lines(read.grid)
    text = "\n".join(t for t, _ in rows)
    result = import_text(text, file=file, year=year, framework=framework)
    if _seed_fits(result):
        wheres = [w for _, w in rows]
        problems = tuple(_relocate(p, wheres) for p in result.problems)
        return replace(result, problems=read.problems + problems)
    other = recognised_import(read.grid, year=year, framework=framework)
    if _no_table(other):
        wheres = [w for _, w in rows]
        problems = tuple(_relocate(p, wheres) for p in result.problems)
        return replace(result, problems=read.problems + problems)
    return replace(other, problems=read.problems + other.problems)


def _starts_project(block: Line | Table) -> bool:
    from perfdecl.convert.tokens import split_glued

    texts = [block.text] if isinstance(block, Line) else [c.text for c in block.cells[:12]]
    keys = {norm(part) for t in texts for part in split_glued(t)}
    return bool(keys & _PROJECT_LABELS)


def _has_table(block: Line | Table) -> bool:
    from perfdecl.convert.table import column_role

    cells = block.text.split() if isinstance(block, Line) else [c.text for c in block.cells]
    return sum(1 for c in cells if column_role(c) in ("l1", "l3")) >= 1


_PROJECT_LABELS = frozenset(norm(x) for x in ("项目名称", "专项名称", "转移支付(项目)名称"))


def split_projects(grid: Grid) -> list[Grid]:
    """One grid per project: a block naming a project after an indicator table starts the next."""
    chunks: list[Grid] = [Grid(grid.file, grid.kind)]
    seen_table = False
    for block in grid.blocks:
        if seen_table and _starts_project(block):
            chunks.append(Grid(grid.file, grid.kind))
            seen_table = False
        chunks[-1].blocks.append(block)
        seen_table = seen_table or _has_table(block)
    return [c for c in chunks if not c.is_empty()]


def import_all(
    raw: bytes,
    *,
    file: str = "<bytes>",
    year: int | None = None,
    framework: Framework | str | None = None,
) -> list[ImportResult]:
    """Every project a file holds, one result each (one result when it holds one, or none)."""
    first = import_document(raw, file=file, year=year, framework=framework)
    if (
        first.data is None
        or "indicators" not in first.data
        or first.data.get("kind") == "department"
    ):
        return [first]
    from perfdecl.convert.readers import read_bytes

    read = read_bytes(raw, file)
    if read.grid is None:
        return [first]
    chunks = split_projects(read.grid)
    if len(chunks) < 2:
        return [first]
    results = [recognised_import(g, year=year, framework=framework) for g in chunks]
    kept = [r for r in results if r.data is not None and "indicators" in r.data]
    return kept if len(kept) >= 2 else [first]


def explain(raw: bytes, file: str) -> str:
    """Which reader and layout matched and why: scores per family, labels found and missing."""
    from perfdecl.convert.assemble import recognise
    from perfdecl.convert.readers import read_bytes, sniff

    kind = sniff(raw, file)
    lines = [f"{file}: type {kind} (sniffed from the content)"]
    read = read_bytes(raw, file)
    for p in read.problems:
        lines.append(f"  {p.code} {p.message.en}")
    if read.grid is None:
        return "\n".join(lines) + "\n"
    grid = read.grid
    lines.append(f"  read: {len(grid.tables)} table(s), {len(grid.lines)} free line(s)")
    seed = import_text("\n".join(t for t, _ in grid_lines(grid)), file=file)
    fits = _seed_fits(seed)
    lines.append(
        "  seed layout (Beijing 2019 department form): "
        + ("matched" if fits else "not matched")
        + f"; parts found: {', '.join(seed.found) or 'none'}"
    )
    rec = recognise(grid)
    lines.append("  families (share of their labels found):")
    for key, _name, score, found, missing in rec.scores:
        lines.append(f"    {score:5.0%}  {key}")
        lines.append(f"           found:   {', '.join(found) or '-'}")
        lines.append(f"           missing: {', '.join(missing) or '-'}")
    table = rec.table
    header = ", ".join(f"{t} ({r})" for t, r in zip(table.header_text, table.header, strict=False))
    lines.append(
        f"  indicator table: {'found' if table.found else 'not found'}; columns: {header or '-'}"
    )
    lines.append(f"  rows read: {len(table.items)}")
    fields = ", ".join(f"{v[0]}" for v in rec.fields.values.values())
    lines.append(f"  header labels read: {fields or '-'}")
    lines.append(f"  money figures read: {len(rec.fields.money)}")
    chosen = "seed layout" if fits else (rec.family or "none")
    lines.append(f"  used: {chosen}")
    return "\n".join(lines) + "\n"


__all__ = [
    "explain",
    "grid_lines",
    "import_all",
    "import_document",
    "recognised_import",
    "split_projects",
]
