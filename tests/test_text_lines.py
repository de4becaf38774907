"""The plain text line of a problem works out the safe form of its file name once for the
problems of one file in a row (reporters/text.py ``_shown``): whatever the order of files, each
line names its own file, made safe as every path is."""

from __future__ import annotations

from perfdecl.escape import safe
from perfdecl.problem import Message, Problem, Related, Severity
from perfdecl.reporters.text import location, plain_line


def test_each_line_names_its_own_file_made_safe() -> None:
    files = ["a.yaml", ":b.yaml", "c\x1b[2J.yaml", "a.yaml", "", "a.yaml", "d\udcff.yaml"]
    m = Message("中文\x1b", "text\nmore")
    for n, file in enumerate(files * 2):
        line = n if n % 3 else None
        p = Problem("PD201", Severity.WARNING, m, file, line, 2 if n % 2 else None)
        shown = safe(file, "path")
        where = shown if line is None else f"{shown}:{line}:{2 if n % 2 else 1}"
        assert location(p) == where
        for lang, severity, text in (("zh", "警告", "中文\\x1b"), ("en", "warning", "text\\nmore")):
            assert plain_line(p, lang) == f"{where}: PD201 {severity} {text}"  # type: ignore[arg-type]


def test_related_places_follow_on_their_own_lines() -> None:
    p = Problem(
        "PD221",
        Severity.INFO,
        Message("重复", "repeated"),
        "x.yaml",
        1,
        1,
        related=(Related("/a", 3, 4), Related("/b\x1b")),
    )
    assert plain_line(p, "en").split("\n") == [
        "x.yaml:1:1: PD221 info repeated",
        "    also at x.yaml:3:4",
        "    also at x.yaml /b\\x1b",
    ]
