"""Where loaded data came from: limits, spans, the source map and line/column arithmetic.

Positions are 1-based and counted in characters; line breaks are counted as YAML counts them
(``\r\n``, ``\r``, ``\n``, NEL, LS and PS), so line numbers here are the parser's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple, TypeVar, overload

from perfdecl.problem import Problem, Severity, split_pointer

YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""A line break as YAML counts it: str.splitlines also breaks at \\v, \\f and \\x1c-\\x1e."""
FINAL_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029")


def split_lines(text: str) -> list[str]:
    """``YAML_BREAK.split(text)``: a plain ``str.split`` when the text breaks lines with "\\n"
    only (nearly every file), ten times cheaper than the regex on a declaration."""
    if "\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        return YAML_BREAK.split(text)
    return text.split("\n")


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that keep hostile files from exhausting time or memory."""

    max_bytes: int = 16 * 1024 * 1024
    max_depth: int = 64
    max_nodes: int = 250_000  # after alias expansion; the example has ~1,500, 5 MB of text ~70,000
    max_number_digits: int = 40


DEFAULT_LIMITS = Limits()


class Span(NamedTuple):
    """1-based, character-counted position of a node; ``style`` is the scalar style, if any.

    A named tuple rather than a frozen dataclass: a declaration has about 1,500 of them and a
    frozen dataclass costs four times as much to build (measured: 2.3 µs against 0.6 µs).
    """

    line: int
    column: int
    end_line: int
    end_column: int
    style: str | None = None


_T = TypeVar("_T")
_ABSENT: Any = object()
_NEW = tuple.__new__
"""Builds a :class:`Span` without the named tuple's Python-level ``__new__`` (half the cost)."""


class SpanTable(dict[str, Span]):
    """pointer -> :class:`Span`, a dict whose spans the fast road makes when they are read.

    libyaml's node tree knows every node's position; building a span for each of a
    generated declaration's ~1,400 keys and values was 40 % of the loader's walk, and
    ``validate`` reads about 70 of them (the findings' places and the report's). So
    :mod:`perfdecl.loader.fast` stores the node itself (the tree then lives as long as the
    table) and its span is made on first reading, then kept. Every way of reading a value goes
    through that: a lookup converts its entry; ``values()``, ``items()``, ``copy()``, comparison,
    ``repr``, pickling and ``|`` convert them all first; iteration is overridden so that ``dict()``
    and ``{**table}`` copy through lookups, not raw entries. Keys, ``len`` and ``in`` need no span.
    """

    __slots__ = ()

    def __getitem__(self, pointer: str) -> Span:
        found: Any = dict.__getitem__(self, pointer)
        return found if type(found) is Span else self._made(pointer, found)

    @overload
    def get(self, pointer: str, default: None = None, /) -> Span | None: ...
    @overload
    def get(self, pointer: str, default: Span, /) -> Span: ...
    @overload
    def get(self, pointer: str, default: _T, /) -> Span | _T: ...
    def get(self, pointer: str, default: Any = None, /) -> Any:
        found: Any = dict.get(self, pointer, _ABSENT)
        if type(found) is Span:
            return found
        return default if found is _ABSENT else self._made(pointer, found)

    def _made(self, pointer: str, node: Any) -> Any:
        """The span of a node of libyaml's tree (a scalar's style; a collection has none)."""
        try:
            s, e = node.start_mark, node.end_mark
        except AttributeError:  # not a node: whatever was stored
            return node
        style = getattr(node, "style", None) or None  # a collection node has no style
        span = _NEW(Span, (s.line + 1, s.column + 1, e.line + 1, e.column + 1, style))
        dict.__setitem__(self, pointer, span)
        return span

    def spans(self) -> None:
        """Make every span that is not made yet."""
        for pointer, found in list(dict.items(self)):
            if type(found) is not Span:
                self._made(pointer, found)

    def values(self) -> Any:
        self.spans()
        return dict.values(self)

    def items(self) -> Any:
        self.spans()
        return dict.items(self)

    def __iter__(self) -> Iterator[str]:
        # Overridden so that dict(table), {**table} and update(table) copy through __getitem__:
        # CPython copies a dict's raw entries only when its type keeps dict's own __iter__.
        return dict.__iter__(self)

    def copy(self) -> dict[str, Span]:
        self.spans()
        return dict.copy(self)

    def __eq__(self, other: object) -> bool:
        self.spans()
        if isinstance(other, SpanTable):
            other.spans()
        return dict.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __repr__(self) -> str:
        self.spans()
        return dict.__repr__(self)

    def __reduce__(self) -> tuple[Any, ...]:
        self.spans()
        return (SpanTable, (dict.copy(self),))

    def __or__(self, other: Any) -> Any:
        self.spans()
        return dict.__or__(self, other)

    def __ror__(self, other: Any) -> Any:
        self.spans()
        return dict.__ror__(self, other)

    def pop(self, pointer: str, *default: Any) -> Any:
        self.spans()
        return dict.pop(self, pointer, *default)

    def popitem(self) -> tuple[str, Span]:
        self.spans()
        return dict.popitem(self)

    def setdefault(self, pointer: str, default: Any = None, /) -> Any:
        found: Any = dict.setdefault(self, pointer, default)
        return found if type(found) is Span else self._made(pointer, found)


@dataclass(slots=True)
class SourceMap:
    """Where each JSON pointer of the loaded data came from in the text."""

    text: str = ""
    values: dict[str, Span] = field(default_factory=dict)  # the fast road's is a SpanTable
    keys: dict[str, Span] = field(default_factory=dict)
    _lines: list[str] | None = None
    branches: set[str] | None = field(default=None, compare=False)
    """The pointers of the values that hold others (non-empty mappings and sequences), when the
    loader's fast road recorded them; None otherwise. A report keeps the spans of its problems'
    leaves (runner.slim): telling a leaf from this set costs a lookup, where working out every
    pointer's parent cost 1.5 % of a 200-file run."""
    printable: bool = field(default=False, compare=False)
    """True when libyaml's reader has read the whole text (the fast road), which it does only
    when every character is one YAML allows (c-printable): no C0 control but tab and line
    breaks, no DEL, no C1 control but NEL, no surrogate, no U+FFFE or U+FFFF. The check for
    hidden controls (lint/controls.py) then looks only for the few others."""

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            # Split as YAML does (not str.splitlines, which also breaks at \v, \f and \x1c-\x1e):
            # line numbers here must be the parser's, or suppressions land on the wrong line.
            lines = split_lines(self.text)
            if lines[-1] == "":
                lines.pop()  # a final line break ends the last line; it does not start a new one
            self._lines = lines
        return self._lines

    def line_text(self, line: int) -> str:
        lines = self.lines
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def nearest(self, pointer: str, *, key: bool = False) -> tuple[str, Span | None]:
        """The span of ``pointer`` or of its closest located ancestor."""
        span = (self.keys.get(pointer) if key else None) or self.values.get(pointer)
        if span is not None:  # the usual case: no need to take the pointer apart
            return pointer, span
        tokens = split_pointer(pointer)
        while True:
            current = "".join(f"/{t.replace('~', '~0').replace('/', '~1')}" for t in tokens)
            span = (self.keys.get(current) if key else None) or self.values.get(current)
            if span is not None or not tokens:
                return current, span
            tokens.pop()

    def locate(
        self, pointer: str, *, key: bool = False, offset: int | None = None, length: int = 0
    ) -> Span | None:
        """Span of a node, or of ``length`` characters at ``offset`` inside a scalar's value.

        Offsets are resolved exactly for literal blocks and single-line scalars, which is how
        declarations are written; other styles fall back to the scalar's own span.
        """
        found, span = self.nearest(pointer, key=key)
        if span is None or offset is None or found != pointer:
            return span
        start = self._offset_position(span, offset)
        if start is None:
            return span
        end = self._offset_position(span, offset + max(length, 0)) or start
        return Span(start[0], start[1], end[0], end[1], span.style)

    def _offset_position(self, span: Span, offset: int) -> tuple[int, int] | None:
        position = one_line_position(span, offset)
        if position is not None:
            return position
        if span.style == "|":
            # Content starts on the line after the header; find the block's indentation.
            # (The lines are read from the list directly, as line_text would read them: this
            # walk runs for every finding inside a literal block, eight a generated file.)
            lines = self.lines
            count = len(lines)
            first = span.line + 1
            last = span.end_line
            indent = None
            for n in range(first, last + 1):
                raw = lines[n - 1] if 0 < n <= count else ""
                if raw.strip():
                    indent = len(raw) - len(raw.lstrip(" "))
                    break
            if indent is None:
                return None
            # Walk the source lines, counting characters as they appear in the value: a line
            # holds len(raw) - indent of them (none when shorter than the indentation), then
            # its line break.
            remaining = offset
            for n in range(first, last + 1):
                size = (len(lines[n - 1]) if 0 < n <= count else 0) - indent
                if size < 0:
                    size = 0
                if remaining <= size:
                    return n, indent + remaining + 1
                remaining -= size + 1
            return None
        return None


_ONE_LINE_STYLES = (None, "", "'", '"')
_QUOTES = ("'", '"')


def one_line_position(span: Span, offset: int) -> tuple[int, int] | None:
    """(line, column) of character ``offset`` of a scalar's value written on one line (plain or
    quoted: the value's characters are the line's, after the opening quote), or None for any
    other span. ``SourceMap.locate``'s first case, also read directly by ``lint.locate`` for the
    most common finding, so that a finding is placed without building a :class:`Span`."""
    style = span[4]
    if style in _ONE_LINE_STYLES and span[0] == span[2]:
        return span[0], span[1] + (1 if style in _QUOTES else 0) + offset
    return None


@dataclass(slots=True)
class Loaded:
    """Result of loading: data is ``None`` when the file could not be read as one mapping."""

    file: str
    data: Any
    source: SourceMap
    problems: list[Problem]
    encoding: str | None = None

    @property
    def ok(self) -> bool:
        return self.data is not None and not any(
            p.severity is Severity.ERROR for p in self.problems
        )


def line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index, counting line breaks as YAML does."""
    before = text[:index]
    breaks = list(YAML_BREAK.finditer(before))
    start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, index - start + 1


def clamp(text: str, line: int, column: int) -> tuple[int, int]:
    """A position inside the text: libyaml marks errors at the end of a file without a final
    line break one line past the last line, which editors and CI annotations cannot show."""
    lines = split_lines(text)
    if line > len(lines):
        return len(lines), len(lines[-1]) + 1
    return line, min(column, len(lines[line - 1]) + 1)


def clamp_to_end(source: SourceMap, problems: list[Problem], text: str) -> None:
    """Keep every position inside a text that has no final line break.

    libyaml ends the last collection (and places end-of-stream marks) at column 1 of a line after
    the last one, so a file cut short was reported at a line it does not have.
    """
    lines = split_lines(text)
    last = (len(lines), len(lines[-1]) + 1)
    for table in (source.values, source.keys):
        for pointer, span in table.items():
            if (span.end_line, span.end_column) > last or (span.line, span.column) > last:
                start = min((span.line, span.column), last)
                table[pointer] = Span(start[0], start[1], last[0], last[1], span.style)
    for n, p in enumerate(problems):
        if p.line is None or p.column is None:
            continue
        start = min((p.line, p.column), last)
        end = (p.end_line, p.end_column)
        if p.end_line is not None and p.end_column is not None:
            end = min((p.end_line, p.end_column), last)
        if start != (p.line, p.column) or end != (p.end_line, p.end_column):
            problems[n] = replace(
                p, line=start[0], column=start[1], end_line=end[0], end_column=end[1]
            )
