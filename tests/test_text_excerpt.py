"""The text reporter's source excerpt on a terminal: the problem's line, a caret under it.

A line can be megabytes long (a 5 MB scalar took 3.2 s to print on a terminal): the excerpt is a
window of at most ``EXCERPT_CELLS`` display cells around the problem, with "…" where the line
was cut, and the caret still under the problem's first character (CJK characters are two cells
wide). Normal lines print exactly as before: the example's golden file is the same output as
before windowing. Goldens are rewritten only with ``PERFDECL_UPDATE_GOLDEN=1``.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from perfdecl.lint import FileResult, check_bytes, check_path
from perfdecl.problem import Message, Problem, Severity
from perfdecl.reporters.text import EXCERPT_CELLS, TextReporter, excerpt_window

from .conftest import EXAMPLE, ROOT, golden_checker

GOLDEN = Path(__file__).parent / "golden" / "excerpt"


golden = golden_checker(GOLDEN)


def terminal_output(result: FileResult, lang: str = "en") -> str:
    """What a terminal shows, without colour codes (rich decides the layout as on a tty)."""
    stream = io.StringIO()
    reporter = TextReporter(stream, lang="en" if lang == "en" else "zh", color=False)
    reporter.fancy = True
    reporter.console = Console(
        file=stream, width=100, color_system=None, highlight=False, soft_wrap=True, emoji=False
    )
    reporter.file(result)
    return stream.getvalue()


def one_problem(text: str, line: int, column: int, end_column: int | None = None) -> FileResult:
    """A result for ``text`` with one problem at ``line``:``column`` (1-based, characters)."""
    result = check_bytes(text.encode("utf-8"), file="long.yaml")
    problem = Problem(
        code="PD231",
        severity=Severity.WARNING,
        message=Message("这里留有占位符“XX”。", "A placeholder 'XX' is left here."),
        file="long.yaml",
        line=line,
        column=column,
        end_line=line if end_column else None,
        end_column=end_column,
    )
    return FileResult("long.yaml", (problem,), result.declaration, result.source)


def caret_column(out: str) -> tuple[str, int]:
    """(source line of the excerpt, display cell of the caret inside it)."""
    lines = out.splitlines()
    source = next(line for line in lines if line.lstrip().split(" ", 1)[0].isdigit())
    caret = lines[lines.index(source) + 1]
    return source, cell_len(caret[: caret.index("^")])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_example_excerpts_unchanged(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = check_path(EXAMPLE.relative_to(ROOT))
    golden(f"example.{lang}.txt", terminal_output(result, lang))


def test_long_ascii_line_is_windowed() -> None:
    text = "remarks: " + "a" * 3000 + "XX" + "b" * 3000 + "\n"
    out = terminal_output(one_problem(text, 1, 3010, 3012))
    golden("long-ascii.txt", out)
    source, caret = caret_column(out)
    body = source.split("| ", 1)[1]
    assert body.startswith("…") and body.endswith("…")
    assert cell_len(body) <= EXCERPT_CELLS
    gutter = len(source) - len(body)
    assert body[caret - gutter : caret - gutter + 2] == "XX"
    assert "^^" in out and "^^^" not in out


def test_long_cjk_line_is_windowed_by_cells() -> None:
    text = "remarks: " + "牛街" * 2000 + "XX" + "街道" * 2000 + "\n"
    out = terminal_output(one_problem(text, 1, 4010, 4012))
    golden("long-cjk.txt", out)
    source, caret = caret_column(out)
    body = source.split("| ", 1)[1]
    assert body.startswith("…") and body.endswith("…")
    assert cell_len(body) <= EXCERPT_CELLS
    gutter = cell_len(source) - cell_len(body)
    # The caret's cell is where "XX" starts: count the cells of what precedes it.
    assert cell_len(body[: body.index("XX")]) == caret - gutter


def test_problem_at_the_start_or_end_of_a_long_line() -> None:
    text = "remarks: " + "牛" * 5000 + "\n"
    start = terminal_output(one_problem(text, 1, 1))
    source, caret = caret_column(start)
    body = source.split("| ", 1)[1]
    assert body.startswith("remarks: 牛") and body.endswith("…") and not body.startswith("…")
    assert caret == cell_len(source) - cell_len(body)
    end = terminal_output(one_problem(text, 1, 5009))
    source, caret = caret_column(end)
    body = source.split("| ", 1)[1]
    assert body.startswith("…") and body.endswith("牛") and cell_len(body) <= EXCERPT_CELLS
    assert caret == cell_len(source) - 2  # under the last (two-cell) character


def test_underline_is_capped_to_the_window() -> None:
    text = "remarks: " + "牛" * 5000 + "\n"
    out = terminal_output(one_problem(text, 1, 10, 5009))
    source, caret = caret_column(out)
    underline = out.splitlines()[out.splitlines().index(source) + 1].strip().lstrip("|").strip()
    assert set(underline) == {"^"}
    assert caret + len(underline) <= cell_len(source)


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [
        ("short line", 2, 2),
        ("牛街 short", 1, 3),
        ("a" * 500, 250, 254),
        ("牛" * 500, 0, 0),
        ("牛" * 500, 499, 500),
        ("a" * 500, 0, 500),
        ("牛a" * 300 + "\u0301" * 1000, 400, 430),
        ("\u0301" * 5000 + "牛", 4000, 4001),
    ],
)
def test_excerpt_window_properties(line: str, start: int, end: int) -> None:
    shown, before, width = excerpt_window(line, start, end)
    if len(line) <= 4 * EXCERPT_CELLS and cell_len(line) <= EXCERPT_CELLS:
        assert (shown, before) == (line, cell_len(line[:start]))  # whole, as before windowing
        assert width == (cell_len(line[start:end]) or 1)
        return
    assert cell_len(shown) <= EXCERPT_CELLS
    assert shown.startswith("…") or line.startswith(shown[:20])
    assert shown.endswith("…") or line.endswith(shown[-20:])
    assert width >= 1 and before + width <= cell_len(shown)
    inner = shown.removeprefix("…") if shown.startswith("…") and start > 0 else shown
    assert line[start:end][:5] in inner  # the problem itself is in the window


def test_five_megabyte_line_in_a_real_terminal_process(tmp_path: Path) -> None:
    """FORCE_COLOR makes the CLI print excerpts as on a terminal; the 6 MB line is windowed."""
    path = tmp_path / "long.yaml"
    path.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace(
            "head: 李丽京", "head: " + "李" * 1_000_000 + "XX" + "丽" * 1_000_000, 1
        ),
        encoding="utf-8",
    )
    env = {**os.environ, "FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "100"}
    done = subprocess.run(
        [sys.executable, "-m", "perfdecl", "validate", "--lang", "en", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "PD237" in done.stdout  # at the 20,001st character of the 2,000,008-character line
    assert max(len(line) for line in done.stdout.splitlines()) < 400
