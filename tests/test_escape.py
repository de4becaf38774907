"""perfdecl.escape: each sink's rule, and properties that hold for any string (hypothesis)."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfdecl.escape import first_hidden_control, safe

CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("牛街街道", "牛街街道"),
        ("a\x1b[2Jb", "a\\x1b[2Jb"),
        ("\x1b]8;;http://x\x07link", "\\x1b]8;;http://x\\x07link"),
        ("a\n::stop-commands::x", "a\\n::stop-commands::x"),
        ("a\r\nb", "a\\r\\nb"),
        ("left\u202eright", "left\\u202eright"),
        ("bad\udcff.yaml", "bad\\xff.yaml"),
        ("tab\tkept", "tab\tkept"),
        ("\x9b31m", "\\x9b31m"),
    ],
)
def test_terminal(text: str, expected: str) -> None:
    assert safe(text, "terminal") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("::error file=x::forged", "./::error file=x::forged"),
        ("decl/a.yaml", "decl/a.yaml"),
        ("x\n::warning::y.yaml", "x\\n::warning::y.yaml"),
        ("\udcc3\udca9.yaml", "\\xc3\\xa9.yaml"),
    ],
)
def test_path(text: str, expected: str) -> None:
    assert safe(text, "path") == expected


def test_github() -> None:
    assert safe("50% done\r\nnext", "github-data") == "50%25 done%0D%0Anext"
    assert safe("a\x1b[2J", "github-data") == "a\\x1b[2J"
    assert safe("a:b,c\nd", "github-property") == "a%3Ab%2Cc%0Ad"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[x](http://evil)", "\\[x\\](http\\://evil)"),
        ("![i](u)", "!\\[i\\](u)"),
        ("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert(1)>"),
        ("<details><summary>x", "\\<details>\\<summary>x"),
        ("a|b", "a\\|b"),
        ("*em* _em_ `code` ~~del~~ $x$", "\\*em\\* \\_em\\_ \\`code\\` \\~\\~del\\~\\~ \\$x\\$"),
        ("&#x3C;script&#x3E;", "\\&#x3C;script\\&#x3E;"),
        ("visit www.evil.example", "visit www\\.evil.example"),
        ("two\nlines", "two lines"),
        ("1. not a list", "1. not a list"),
    ],
)
def test_markdown(text: str, expected: str) -> None:
    assert safe(text, "markdown") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1. first", "1\\. first"), ("# head", "\\# head"), ("- item", "\\- item"), ("> q", "\\> q")],
)
def test_markdown_line(text: str, expected: str) -> None:
    assert safe(text, "markdown-line") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("＝1+1", "'＝1+1"),
        ("-5.2", "-5.2"),
        ("+3", "+3"),
        ("=", "="),
        ("牛街", "牛街"),
    ],
)
def test_csv(text: str, expected: str) -> None:
    assert safe(text, "csv") == expected


def test_hidden_control() -> None:
    assert first_hidden_control("line one\nline two\ttab") == ""
    assert first_hidden_control("a\x1b[2J") == "\\x1b"
    assert first_hidden_control("a\u2066b") == "\\u2066"
    assert first_hidden_control("a\rb") == "\\r"


texts = st.text(
    alphabet=st.characters(codec=None, exclude_categories=()),  # every code point, surrogates too
    max_size=80,
)


@given(texts)
def test_terminal_never_lets_a_control_through(text: str) -> None:
    out = safe(text, "terminal")
    assert CONTROL.search(out) is None
    out.encode("utf-8")  # no lone surrogate left


@given(texts)
def test_github_data_is_one_line(text: str) -> None:
    out = safe(text, "github-data")
    assert "\n" not in out and "\r" not in out and CONTROL.search(out) is None
    assert re.search(r"%(?!25|0D|0A)", out) is None  # every % is an escape of ours


@given(texts)
def test_markdown_has_no_live_syntax(text: str) -> None:
    out = safe(text, "markdown")
    assert "\n" not in out and CONTROL.search(out) is None
    unescaped = re.sub(r"\\.", "", out)  # drop every backslash escape
    for live in ("[", "]", "<", "`", "|", "*", "_", "://"):
        assert live not in unescaped, (text, out)


@given(texts)
def test_xml_sink_parses(text: str) -> None:
    element = ET.Element("e", {"a": safe(text, "xml")})
    element.text = safe(text, "xml")
    ET.fromstring(ET.tostring(element, encoding="unicode"))


@given(texts)
def test_csv_cell_never_starts_a_formula(text: str) -> None:
    out = safe(text, "csv")
    buffer = io.StringIO()
    csv.writer(buffer).writerow([out])
    (cell,) = next(csv.reader(io.StringIO(buffer.getvalue())))
    number = re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", cell)
    if len(cell) > 1 and number is None:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠"))
    cell.encode("utf-8")
