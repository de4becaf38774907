"""Inline suppressions: ``# perfdecl: ignore[PD203] reason`` in the YAML file itself.

A suppression at the end of a line covers that line; alone on its line it covers the next line
that holds YAML (blank and comment-only lines are skipped, so several can be stacked). When the
covered line opens a block scalar (``text: |``), the whole block is covered, because findings
inside a long text are reported at the line of the offending words.

The reason is required: a suppression without one is reported (PD025) and suppresses nothing. A
suppression that hides nothing is reported too (PD026), so stale ones do not pile up. Loader
and structure errors (PD0xx/PD1xx of severity error) cannot be suppressed: the file must be fixed.

Comments are found in the text, not by the YAML parser (which drops them): a ``#`` starts a
comment only at the start of a line or after a blank, outside quoted scalars and outside the
content of block scalars, whose positions the loader's source map records.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from perfdecl.config.options import Options, enabled, protected
from perfdecl.lint.codes import CODES
from perfdecl.loader import SourceMap
from perfdecl.problem import Message, Problem

_DIRECTIVE = re.compile(r"\s*perfdecl\s*:(?P<rest>.*)$")
_IGNORE = re.compile(r"\s*ignore\s*\[(?P<codes>[^\]]*)\](?P<reason>.*)$")
_CODE = re.compile(r"PD[0-9]{3}")
_REASON_LEAD = " \t-–—:：,，;；"


@dataclass(frozen=True, slots=True)
class Suppression:
    """One valid ``# perfdecl: ignore[...] reason`` comment and the lines it covers."""

    line: int
    column: int
    codes: tuple[str, ...]
    reason: str
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class _Layout:
    """What the source map tells about the text: where quotes and block scalars are."""

    block_lines: frozenset[int]
    block_ends: dict[int, int]  # header line -> last content line
    quoted: dict[int, list[tuple[tuple[int, int], tuple[int, int]]]]  # line -> sorted spans

    @classmethod
    def of(cls, source: SourceMap) -> _Layout:
        block_lines: set[int] = set()
        block_ends: dict[int, int] = {}
        quoted: dict[int, list[tuple[tuple[int, int], tuple[int, int]]]] = {}
        for span in (*source.values.values(), *source.keys.values()):
            if span.style in ("|", ">"):
                last = span.end_line if span.end_column > 1 else span.end_line - 1
                block_lines.update(range(span.line + 1, last + 1))
                block_ends[span.line] = max(last, block_ends.get(span.line, span.line))
            elif span.style in ("'", '"'):
                bounds = ((span.line, span.column), (span.end_line, span.end_column))
                for line in range(span.line, span.end_line + 1):
                    quoted.setdefault(line, []).append(bounds)
        for spans in quoted.values():
            spans.sort()
        return cls(frozenset(block_lines), block_ends, quoted)

    def in_quotes(self, line: int, column: int) -> bool:
        # Quoted scalars never overlap, so the one that could hold (line, column) is the last
        # that starts before it: a binary search (20,000 quoted " #perfdecl" texts on one line
        # took 45 s when every "#" looked at every quoted scalar of its line).
        spans = self.quoted.get(line)
        if not spans:
            return False
        here = (line, column)
        index = bisect.bisect_left(spans, (here, here)) - 1
        return index >= 0 and spans[index][0] < here < spans[index][1]


def comment_start(text: str, number: int, layout: _Layout) -> int | None:
    """Index of the ``#`` that starts a comment on line ``number`` (1-based), or None."""
    if number in layout.block_lines:
        return None
    index = text.find("#")
    while index >= 0:
        if (index == 0 or text[index - 1] in " \t") and not layout.in_quotes(number, index + 1):
            return index
        index = text.find("#", index + 1)
    return None


def _problem(code: str, file: str, line: int, column: int, zh: str, en: str) -> Problem:
    return Problem(code, CODES[code].severity, Message(zh, en), file, line=line, column=column)


_SYNTAX = "# perfdecl: ignore[PD203] 理由 / reason"


def scan(source: SourceMap, file: str) -> tuple[list[Suppression], list[Problem]]:
    """Find the suppression comments of a file; malformed ones become problems."""
    if "perfdecl" not in source.text:  # the common case: one substring search per file
        return [], []
    lines = source.lines
    layout = _Layout.of(source)
    following: list[int] | None = None  # the next YAML line after each line, built once
    found: list[Suppression] = []
    problems: list[Problem] = []
    for number, text in enumerate(lines, start=1):
        if "perfdecl" not in text:
            continue
        start = comment_start(text, number, layout)
        if start is None:
            continue
        directive = _DIRECTIVE.match(text, start + 1)
        if directive is None:
            continue
        column = start + 1
        parsed = _IGNORE.match(directive["rest"])
        codes = (
            tuple(c.strip().upper() for c in re.split(r"[,\s]+", parsed["codes"]) if c.strip())
            if parsed
            else ()
        )
        bad = [c for c in codes if not _CODE.fullmatch(c)]
        if parsed is None or not codes or bad:
            detail = f"“{'、'.join(bad)}”不是问题代码；" if bad else ""
            detail_en = f"{', '.join(map(repr, bad))} is not a problem code; " if bad else ""
            problems.append(
                _problem(
                    "PD024",
                    file,
                    number,
                    column,
                    f"无法识别的 perfdecl 注释：{detail}写法为 {_SYNTAX}。",
                    f"perfdecl comment not understood: {detail_en}write {_SYNTAX}.",
                )
            )
            continue
        reason = parsed["reason"].strip().lstrip(_REASON_LEAD).strip()
        if not reason:
            problems.append(
                _problem(
                    "PD025",
                    file,
                    number,
                    column,
                    f"忽略 {', '.join(codes)} 时必须写明理由（例如 {_SYNTAX}）；"
                    "没有理由的忽略不生效。",
                    f"a suppression of {', '.join(codes)} needs a reason after the brackets "
                    f"({_SYNTAX}); without one it suppresses nothing.",
                )
            )
            continue
        target = number
        if not text[:start].strip():
            if following is None:
                following = _next_yaml_lines(lines, layout)
            target = following[number]
        last = layout.block_ends.get(target, target)
        found.append(Suppression(number, column, codes, reason, target, last))
    return found, problems


def _next_yaml_lines(lines: list[str], layout: _Layout) -> list[int]:
    """For each line number, the line a standalone comment there refers to: the next one
    holding YAML (itself at the end of the file). One backward pass: a file of 20,000 stacked
    suppression comments took 33 s when each comment searched forward on its own."""
    count = len(lines)
    following = [0] * (count + 2)
    nearest = 0
    for n in range(count, 0, -1):
        following[n] = nearest or n  # a comment at the end covers nothing but itself
        stripped = lines[n - 1].strip()
        if stripped and (n in layout.block_lines or not stripped.startswith("#")):
            nearest = n
    return following


def suppressible(problem: Problem) -> bool:
    """Loader and structure errors (PD0xx/PD1xx, severity error) cannot be suppressed: the
    file must be fixed."""
    return not protected(problem.code, problem.severity)


def apply_suppressions(
    problems: Iterable[Problem], source: SourceMap, file: str, options: Options
) -> list[Problem]:
    """Drop the problems that suppression comments cover; add PD024-PD026 about the comments.

    Runs before select/ignore filtering, so a suppression of a code ignored by configuration
    still counts as used; unused codes are reported only when the code is enabled.
    """
    suppressions, notes = scan(source, file)
    if not suppressions and not notes:
        return list(problems)
    by_line: dict[int, list[int]] = {}
    for index, suppression in enumerate(suppressions):
        for line in range(suppression.first, suppression.last + 1):
            by_line.setdefault(line, []).append(index)
    used: list[set[str]] = [set() for _ in suppressions]
    blocked: list[set[str]] = [set() for _ in suppressions]
    kept: list[Problem] = []
    for problem in problems:
        hits = [
            i for i in by_line.get(problem.line or 0, ()) if problem.code in suppressions[i].codes
        ]
        if not hits:
            kept.append(problem)
            continue
        if not suppressible(problem):
            for i in hits:
                blocked[i].add(problem.code)
            kept.append(problem)
            continue
        for i in hits:
            used[i].add(problem.code)
    for suppression, codes_used, codes_blocked in zip(suppressions, used, blocked, strict=True):
        for code in codes_blocked - codes_used:
            notes.append(
                _problem(
                    "PD026",
                    file,
                    suppression.line,
                    suppression.column,
                    f"{code} 是读取错误，不能用注释忽略，必须修正文件。",
                    f"{code} is a loader error and cannot be suppressed: fix the file.",
                )
            )
        if not options.run_rules:
            continue
        unused = [
            c
            for c in suppression.codes
            if c not in codes_used and c not in codes_blocked and enabled(c, options)
        ]
        if unused:
            notes.append(
                _problem(
                    "PD026",
                    file,
                    suppression.line,
                    suppression.column,
                    f"此处没有 {'、'.join(unused)} 问题，忽略注释未起作用，可以删除。",
                    f"unused suppression: no {', '.join(unused)} here; remove it.",
                )
            )
    return kept + notes
