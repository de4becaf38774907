"""Every fuzzer finding, replayed: tests/fuzz_regressions/<harness>-<what>.<ext>.

Each input is a minimised finding of the atheris harnesses under fuzz/ (or of the Hypothesis
corruption tests); fuzz/README.md lists them with the fix. Each is replayed through the loader,
the whole validate pipeline (with every reporter and a renderer), diff against the example both
ways, and the importer, under the harnesses' invariants (fuzz/invariants.py); and the problems
the finding is about are asserted exactly, so the fix cannot silently regress.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from perfdecl.loader import load_text

from .conftest import EXAMPLE, fuzz_invariants

FOLDER = Path(__file__).parent / "fuzz_regressions"


inv = fuzz_invariants()

Position = tuple[str, int | None, int | None]

# file -> the (code, line, column) of the problems the finding is about, from the harness named
# by the file's prefix (loader: load_bytes; validate: check_bytes; importer: import_bytes).
EXPECTED: dict[str, list[Position]] = {
    # libyaml reports a reader error's byte offset; it was taken as a character index, so a
    # control character after Chinese text was placed lines and columns too far on.
    "loader-control-char-after-chinese.yaml": [("PD005", 1, 11)],
    # libyaml marks an error at the end of a file without a final line break one line past the
    # last line; clamped to the end of the last line.
    "loader-error-past-last-line.yaml": [("PD005", 2, 5)],
    # A file cut short: the root mapping's end (and so PD102's end) lay on a line that does not
    # exist; every span is now clamped to the text.
    "validate-truncated-end-past-last-line.yaml": [("PD102", 1, 1), ("PD103", 2, 6)],
    # SourceMap.lines used str.splitlines, which also breaks at \f and \x1c-\x1e: a suppression
    # comment after such a character was reported lines below the end of the file.
    "validate-suppression-line-after-control-char.yaml": [
        ("PD024", 1, 20),
        ("PD005", 1, 31),
        ("PD024", 3, 1),
    ],
}


def _files() -> list[Path]:
    return sorted(p for p in FOLDER.iterdir() if p.is_file() and not p.name.startswith("."))


def test_every_regression_file_has_an_expectation() -> None:
    names = {p.name for p in _files()}
    assert names == set(EXPECTED), names ^ set(EXPECTED)


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_regression_input(path: Path) -> None:
    raw = path.read_bytes()
    loaded = inv.run_loader(raw)
    result = inv.run_validate(raw)
    inv.run_outputs(result, variant=0)
    inv.run_outputs(result, variant=1)
    example = EXAMPLE.read_bytes()
    inv.run_diff(example, raw, reports=True)
    inv.run_diff(raw, example, reports=True)
    imported = inv.run_import(raw)

    harness = path.name.split("-", 1)[0]
    problems = {
        "loader": loaded.problems,
        "validate": result.problems,
        "importer": imported.problems,
    }[harness]
    got = [(p.code, p.line, p.column) for p in problems]
    assert got == EXPECTED[path.name]


def test_lone_surrogate_in_text_is_a_problem() -> None:
    """load_text on a str with a lone surrogate: libyaml's UTF-8 encoding raised through."""
    loaded = load_text("a: 牛\nb: x\ud800", file="<t>")
    assert loaded.data is None
    assert [(p.code, p.line, p.column) for p in loaded.problems] == [("PD003", 2, 5)]
    inv.check_problems(loaded.problems, file="<t>", lines=inv.yaml_lines("a: 牛\nb: x\ud800"))


def test_quoted_hash_texts_do_not_make_suppression_scan_quadratic() -> None:
    """Every "#" inside a quoted text was checked against every quoted scalar of the file.

    A file of 8,000 quoted "… # perfdecl …" texts took ten seconds (a 16 MB one would take
    hours). Generated here, not committed; the check is on the work done, not on time.
    """
    from perfdecl.lint.suppress import _Layout, scan
    from perfdecl.loader import load_bytes

    lines = [f'k{i}: "a # perfdecl: ignore[PD201] x"\n' for i in range(3000)]
    loaded = load_bytes("".join(lines).encode("utf-8"))
    assert scan(loaded.source, "<big>") == ([], [])  # inside quotes: not comments
    layout = _Layout.of(loaded.source)
    assert max(len(spans) for spans in layout.quoted.values()) == 1  # one scalar per line looked at


def test_command_line_answers_every_finding_without_a_traceback() -> None:
    """The real executable over all the findings: exit 1 (bad content), problems, no traceback;
    diff refuses a damaged side with exit 2."""
    import subprocess

    files = [str(p) for p in _files()]
    done = subprocess.run(
        [sys.executable, "-m", "perfdecl", "validate", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "PD900" not in done.stdout
    for name in files:
        assert Path(name).name in done.stdout
    damaged = str(FOLDER / "validate-truncated-end-past-last-line.yaml")
    diffed = subprocess.run(
        [sys.executable, "-m", "perfdecl", "diff", str(EXAMPLE), damaged],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert diffed.returncode == 2, diffed.stderr
    assert "Traceback" not in diffed.stderr
    assert "PD102" in diffed.stderr
