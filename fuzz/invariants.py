"""The invariants every fuzz harness and the fuzz regression tests assert.

Kept in one module so that the atheris harnesses (run from /work/fuzzvenv), the pure-Python
fallback driver and ``tests/test_fuzz_regressions.py`` check exactly the same thing: whatever the
input, perfdecl answers with well-formed, positioned problems and never an internal error.

Only the standard library and perfdecl are imported here (no pytest, no hypothesis).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from perfdecl.convert.importer import ImportResult, import_bytes
from perfdecl.convert.yamlwrite import dumps
from perfdecl.lint import FileResult, Options, check_bytes
from perfdecl.loader import Loaded, decode, load_bytes, load_text
from perfdecl.model.build import build
from perfdecl.problem import Lang, Problem, Severity

CODE = re.compile(r"PD[0-9]{3}")
# Line breaks as the YAML reader counts them (PyYAML: \r\n, \r, \n, NEL, LS, PS).
YAML_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


class InvariantError(AssertionError):
    """A harness invariant failed: this is a finding, not an expected problem."""


def _fail(what: str, problem: Problem | None = None) -> None:
    where = ""
    if problem is not None:
        where = (
            f" [{problem.code} {problem.line}:{problem.column}-{problem.end_line}:"
            f"{problem.end_column} {problem.pointer!r}: {problem.message.en}]"
        )
    raise InvariantError(what + where)


def yaml_lines(text: str) -> list[str]:
    """The lines of ``text`` as the YAML reader numbers them (1-based: index + 1)."""
    return YAML_BREAKS.split(text)


def check_problems(
    problems: Iterable[Problem],
    *,
    file: str,
    lines: list[str] | None,
    columns: bool = True,
) -> None:
    """Every problem is well formed, and its position lies inside the text.

    ``lines`` are the decoded text's lines (None when the bytes could not be decoded: then only
    the shape is checked). ``columns=False`` skips the column-within-line check, for producers
    (the importer) that report whole lines.
    """
    for p in problems:
        if not isinstance(p, Problem):
            _fail(f"not a Problem: {p!r}")
        if not CODE.fullmatch(p.code):
            _fail("malformed code", p)
        if p.code == "PD900":
            _fail("internal error (PD900)", p)
        if not isinstance(p.severity, Severity):
            _fail("severity is not a Severity", p)
        if not (isinstance(p.message.zh, str) and p.message.zh.strip()):
            _fail("empty Chinese message", p)
        if not (isinstance(p.message.en, str) and p.message.en.strip()):
            _fail("empty English message", p)
        if p.file != file:
            _fail(f"file {p.file!r} is not {file!r}", p)
        if not isinstance(p.pointer, str) or (p.pointer and not p.pointer.startswith("/")):
            _fail("pointer neither '' nor '/...'", p)
        if p.column is not None and p.line is None:
            _fail("column without a line", p)
        if (p.end_line is None) != (p.end_column is None):
            _fail("half an end position", p)
        if p.end_line is not None and p.line is None:
            _fail("end without a start", p)
        if p.line is None:
            continue
        if p.line < 1 or (p.column is not None and p.column < 1):
            _fail("line or column below 1", p)
        if p.end_line is not None and p.end_column is not None:
            if p.end_column < 1:
                _fail("end column below 1", p)
            if (p.end_line, p.end_column) < (p.line, p.column or 1):
                _fail("end before start", p)
        if lines is None:
            continue
        if p.line > len(lines) or (p.end_line is not None and p.end_line > len(lines)):
            _fail(f"line beyond the file's {len(lines)} lines", p)
        if columns and p.column is not None and p.column > len(lines[p.line - 1]) + 1:
            _fail(f"column beyond line {p.line} ({len(lines[p.line - 1])} characters)", p)
        if (
            columns
            and p.end_line is not None
            and p.end_column is not None
            and p.end_column > len(lines[p.end_line - 1]) + 1
        ):
            _fail(f"end column beyond line {p.end_line}", p)


def decoded_lines(raw: bytes) -> list[str] | None:
    """The YAML lines of ``raw`` as the loader decodes it; None when it cannot be decoded."""
    text, _encoding, _problems = decode(raw, "<fuzz>")
    return None if text is None else yaml_lines(text)


def check_loaded(loaded: Loaded, raw: bytes) -> None:
    """Loader invariants: data or an error, plain data only, well-formed problems."""
    check_problems(loaded.problems, file=loaded.file, lines=decoded_lines(raw))
    if loaded.data is not None and not isinstance(loaded.data, dict):
        _fail(f"data is a {type(loaded.data).__name__}, not a mapping")
    if loaded.data is None and not loaded.problems:
        _fail("no data and no problem")
    if loaded.data is not None:
        _check_plain(loaded.data)


def _check_plain(data: Any) -> None:
    """Only the types the loader promises: no float, no date, no tagged object."""
    stack = [data]
    seen: set[int] = set()
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            if id(value) in seen:
                continue
            seen.add(id(value))
            for k, v in value.items():
                if not isinstance(k, str):
                    _fail(f"non-text key {k!r}")
                stack.append(v)
        elif isinstance(value, list):
            if id(value) in seen:
                continue
            seen.add(id(value))
            stack.extend(value)
        elif value is not None and not isinstance(value, str | bool | int | Decimal):
            _fail(f"unexpected value type {type(value).__name__}")


def check_file_result(result: FileResult, raw: bytes) -> None:
    """Whole-pipeline invariants (loader -> structure -> rules -> suppressions)."""
    check_problems(result.problems, file=result.file, lines=decoded_lines(raw))
    if result.declaration is not None and any(p.code == "PD005" for p in result.problems):
        _fail("a declaration was built from a file with a YAML syntax error")
    if list(result.problems) != sorted(result.problems, key=Problem.sort_key):
        _fail("problems are not sorted")


def check_import(result: ImportResult, raw: bytes) -> None:
    """Importer invariants: PD4xx/PD0xx only, real line numbers, output that validates."""
    text, _encoding, _problems = decode(raw, result.file)
    lines = None
    if text is not None:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    check_problems(result.problems, file=result.file, lines=lines, columns=False)
    for p in result.problems:
        if not p.code.startswith(("PD4", "PD0")):
            _fail("the importer reported a code outside PD0xx/PD4xx", p)
    if result.data is None:
        return
    if not isinstance(result.data, dict):
        _fail("import data is not a mapping")
    data = result.data
    if "year" not in data:
        # No 20xx年 anywhere: the importer says so (PD403, or PD405 with no table) and
        # `perfdecl import` asks for --year; check the rest with the year the user would pass.
        if not any(p.code in ("PD403", "PD405") for p in result.problems):
            _fail("no year and no PD403/PD405")
        data = {"schema_version": data.get("schema_version"), "year": 2019, **data}
    written = dumps(data, comments=result.gap_comments())
    loaded = load_text(written, file="<written>")
    if loaded.problems or loaded.data is None:
        _fail(f"the written YAML does not load: {[p.message.en for p in loaded.problems]}")
    decl, problems = build(loaded.data, loaded.source, "<written>")
    if decl is None or problems:
        _fail(f"the written YAML is not a declaration: {[p.message.en for p in problems]}")
    result_check = check_bytes(written.encode("utf-8"), file="<written>")
    check_problems(result_check.problems, file="<written>", lines=yaml_lines(written))


# --- one call per harness --------------------------------------------------------------------


def run_loader(raw: bytes) -> Loaded:
    loaded = load_bytes(raw, file="<fuzz>")
    check_loaded(loaded, raw)
    _same_on_both_roads(raw, loaded)
    return loaded


def _same_on_both_roads(raw: bytes, loaded: Loaded) -> None:
    """The loader's libyaml fast road (perfdecl.loader.fast), when present, agrees with the events."""
    from perfdecl import loader

    if not getattr(loader, "USE_NODES", False):
        return
    loader.USE_NODES = False
    try:
        slow = load_bytes(raw, file="<fuzz>")
    finally:
        loader.USE_NODES = True
    if slow.data != loaded.data:
        _fail("the fast and the event roads give different data")
    if slow.problems != loaded.problems:
        _fail(f"the roads give different problems: {slow.problems} != {loaded.problems}")
    if slow.source.values != loaded.source.values or slow.source.keys != loaded.source.keys:
        _fail("the fast and the event roads give different positions")


def run_validate(raw: bytes, options: Options | None = None) -> FileResult:
    result = check_bytes(raw, file="<fuzz>", options=options or Options())
    check_file_result(result, raw)
    return result


def run_import(raw: bytes) -> ImportResult:
    result = import_bytes(raw, file="<fuzz>")
    check_import(result, raw)
    return result


def run_outputs(result: FileResult, variant: int = 0) -> None:
    """Every validate reporter over one result, and a renderer when a declaration was built.

    ``variant`` picks the language and the renderer, so one input exercises one combination.
    """
    import io

    from perfdecl.render import RENDERERS, render
    from perfdecl.reporters import REPORTERS, Summary, get_reporter

    lang: Lang = "zh" if variant % 2 else "en"
    summary = Summary()
    summary.add(result)
    for name in REPORTERS:
        stream = io.StringIO()
        reporter = get_reporter(name)(stream, lang=lang, color=bool(variant % 3))
        reporter.begin()
        reporter.file(result)
        reporter.end(summary)
        check_sink(name, stream.getvalue(), color=bool(variant % 3))
    if result.declaration is not None:
        formats = sorted(RENDERERS)
        render(
            result.declaration,
            formats[variant % len(formats)],
            problems=result.problems,
            lang=lang,
        )


# Characters no log, terminal or Markdown output may carry (C0, DEL, C1, bidi overrides).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
COMMAND_LINE = re.compile(r"^::(error|warning|notice) [^\n]*?::")


SGR = re.compile("\x1b\\[[0-9;]*m")


def check_sink(name: str, out: str, *, color: bool = False) -> None:
    """What a reporter wrote is safe for its sink, whatever the input held (#17): a log (text,
    github) has no control character and no line that starts a workflow command other than an
    annotation perfdecl writes; Markdown has no live link, image or HTML; JSON, SARIF and JUnit
    parse. With ``color`` (the terminal layout, forced) the colour codes perfdecl writes itself
    are allowed; a hostile value's escapes never reach the output raw."""
    import json
    import xml.etree.ElementTree as ET

    if color and name == "text":
        out = SGR.sub("", out)
    if name in ("text", "github", "markdown"):
        hit = CONTROL.search(out)
        if hit is not None:
            _fail(f"{name} output holds control character {hit.group()!r}")
    if name in ("text", "github"):
        for line in out.splitlines():
            if line.startswith("::") and (
                not COMMAND_LINE.match(line) or "stop-commands" in line.split("::", 2)[1]
            ):
                _fail(f"{name} output starts a workflow command: {line[:120]!r}")
    elif name == "markdown":
        unescaped = re.sub(r"\\.", "", out)
        if re.search(r"\]\(|<(img|a|details|script|summary)\b", unescaped, re.I):
            _fail("markdown output holds a live link, image or HTML")
    elif name in ("json", "sarif"):
        json.loads(out)
    elif name == "junit":
        ET.fromstring(out)


def run_diff(old: bytes, new: bytes, *, reports: bool = False) -> None:
    """What ``perfdecl diff`` does with two byte strings, minus the files: never an error."""
    import io

    from perfdecl.diff import DiffOptions, FailOn, Side, diff_sides, summarize
    from perfdecl.reporters.diff.base import DIFF_REPORTERS, get_diff_reporter

    sides = []
    for name, raw in (("<old>", old), ("<new>", new)):
        result = check_bytes(raw, file=name, options=Options(run_rules=False))
        check_problems(result.problems, file=name, lines=decoded_lines(raw))
        if result.declaration is None or any(p.severity is Severity.ERROR for p in result.problems):
            return  # load_side raises SideError here: a clear "not a valid declaration"
        sides.append(Side(name, result.declaration, result.source))
    diff_result = diff_sides(sides[0], sides[1], DiffOptions())
    for change in diff_result.all:
        if not CODE.fullmatch(change.code):
            _fail(f"malformed change code {change.code!r}")
        if change.code == "PD900":
            _fail("internal error in diff")
    for fail_on in FailOn:
        summarize(diff_result, fail_on)
        diff_result.exit_code(fail_on)
    if reports:
        for n, name in enumerate(sorted(DIFF_REPORTERS)):
            reporter = get_diff_reporter(name)(
                io.StringIO(), lang="zh" if n % 2 else "en", color=bool(n % 3)
            )
            reporter.report(diff_result)


__all__ = [
    "InvariantError",
    "check_file_result",
    "check_import",
    "check_loaded",
    "check_problems",
    "check_sink",
    "decoded_lines",
    "run_diff",
    "run_import",
    "run_loader",
    "run_outputs",
    "run_validate",
    "yaml_lines",
]
