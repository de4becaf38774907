"""Placing findings: ``lint.locate`` places the usual finding (characters of a one-line scalar)
without ``SourceMap.locate``, and the literal-block walk reads the lines directly; both must
give the positions the general code gives, for every pointer, offset and length."""

from __future__ import annotations

import pytest

from perfdecl.lint.locate import locate
from perfdecl.loader import SourceMap, Span, load_text
from perfdecl.problem import Message, Problem, Related, Severity
from perfdecl.rules.base import Finding

SNIPPETS = [
    "a: plain text\nb: 'single ''quoted'''\nc: \"double \\\" quoted\"\nd: 中文文本\n",
    "t: |\n  line one\n\n    indented more\n  last\nu: |-\n   three spaces\n   again\n",
    "f: >\n  folded\n  text\ng: multi\n  line plain\nh: [x, 'y', {z: w}]\n",
    "k:\n  - item\n  - key: value\n    other: |\n      block\n      lines\n  -\n",
    "e: ''\nn: ~\nl: []\nm: {}\n'quoted key': v\ntail: |\n  no final break",
    "s: |\n    a\n   \n\n    b\n  # not in the block\nr: x\n",
    "a:\r\n  b: |\r\n    crlf\r\n    text\r\n  c: x\r\n",
]


def _reference(finding: Finding, source: SourceMap, code: str, severity: Severity) -> Problem:
    """The problem as placed through SourceMap.locate for everything."""
    span = source.locate(
        finding.pointer, key=finding.key, offset=finding.offset, length=finding.length
    )
    related = []
    for pointer in finding.related:
        other = source.locate(pointer)
        related.append(Related(pointer, *other[:4]) if other else Related(pointer))
    return Problem(
        code,
        finding.severity or severity,
        finding.message,
        "f.yaml",
        *(span[:4] if span is not None else (None, None, None, None)),
        finding.pointer,
        tuple(related),
    )


@pytest.mark.parametrize("text", SNIPPETS)
def test_locate_places_every_finding_as_the_source_map_does(text: str) -> None:
    source = load_text(text, file="f.yaml").source
    pointers = [*source.values, *source.keys, "/missing", "/a/missing/0"]
    message = Message("中", "en")
    for pointer in pointers:
        for key in (False, True):
            for offset in (None, 0, 1, 3, 7, 12, 40, -1):
                for length in (0, 1, 4, -2):
                    for severity in (None, Severity.INFO):
                        finding = Finding(
                            pointer, message, offset, length, key, severity, ("/a", "/nope")
                        )
                        got = locate(finding, source, "f.yaml", "PD201", Severity.WARNING)
                        want = _reference(finding, source, "PD201", Severity.WARNING)
                        assert got == want and hash(got) == hash(want)
                        assert type(got) is Problem  # built through problem.ProblemFill


def _old_offset_position(source: SourceMap, span: Span, offset: int) -> tuple[int, int] | None:
    """SourceMap._offset_position's literal-block walk as it was before it read lines directly."""
    first = span.line + 1
    indent = None
    for n in range(first, span.end_line + 1):
        raw = source.line_text(n)
        if raw.strip():
            indent = len(raw) - len(raw.lstrip(" "))
            break
    if indent is None:
        return None
    remaining = offset
    n = first
    while n <= span.end_line:
        raw = source.line_text(n)
        content = raw[indent:] if len(raw) >= indent else ""
        if remaining <= len(content):
            return n, indent + remaining + 1
        remaining -= len(content) + 1
        n += 1
    return None


@pytest.mark.parametrize("text", SNIPPETS)
def test_the_literal_block_walk_is_unchanged(text: str) -> None:
    source = load_text(text, file="f.yaml").source
    blocks = [span for span in source.values.values() if span.style == "|"]
    for span in blocks:
        for offset in range(-2, 60):
            assert source._offset_position(span, offset) == _old_offset_position(
                source, span, offset
            )
    # a block whose span runs past the text's last line (as a hostile map could say)
    source = SourceMap(text="t: |\n  ab\n", values={"/t": Span(1, 4, 9, 1, "|")})
    for offset in range(-1, 8):
        assert source._offset_position(source.values["/t"], offset) == _old_offset_position(
            source, source.values["/t"], offset
        )
