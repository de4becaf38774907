"""Bytes -> plain data + source map, safely.

We compose YAML ourselves from the parser's event stream instead of calling
``yaml.safe_load``, because the stock composer and constructor

* silently keep the last of two duplicate keys,
* turn ``18891.87`` into a float, ``010`` into 8, ``no`` into False and ``1:30`` into 90,
* recurse (deep nesting overflows the C stack or Python's recursion limit), and
* expand aliases without a budget (billion laughs).

The event loop is iterative, keeps every node's position, and enforces limits on size, depth and
alias expansion. Plain scalars become ``None``/``bool``/``int``/``Decimal`` only when their text is
unambiguous (YAML 1.2 core forms, no exponent, no leading zeros); everything else stays the text
the user wrote.
"""

from __future__ import annotations

import codecs
import contextlib
import gc
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from yaml import events as ev

from perfdecl.loader.codes import CODES
from perfdecl.problem import Message, Problem, Severity, join_pointer, shorten, split_pointer

_CParser: Any
try:  # libyaml's C parser when PyYAML was built with it; the pure-Python parser otherwise.
    from yaml._yaml import CParser as _CParser

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - depends on the PyYAML build
    _CParser = None
    HAVE_LIBYAML = False


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


@dataclass(slots=True)
class SourceMap:
    """Where each JSON pointer of the loaded data came from in the text."""

    text: str = ""
    values: dict[str, Span] = field(default_factory=dict)
    keys: dict[str, Span] = field(default_factory=dict)
    _lines: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            # Split as YAML does (not str.splitlines, which also breaks at \v, \f and \x1c-\x1e):
            # line numbers here must be the parser's, or suppressions land on the wrong line.
            lines = _YAML_BREAK.split(self.text)
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
        if span.style in (None, "", "'", '"') and span.line == span.end_line:
            quote = 1 if span.style in ("'", '"') else 0
            return span.line, span.column + quote + offset
        if span.style == "|":
            # Content starts on the line after the header; find the block's indentation.
            first = span.line + 1
            indent = None
            for n in range(first, span.end_line + 1):
                raw = self.line_text(n)
                if raw.strip():
                    indent = len(raw) - len(raw.lstrip(" "))
                    break
            if indent is None:
                return None
            value_prefix_lines = 0
            col = 0
            # Walk the source lines, counting characters as they appear in the value.
            remaining = offset
            n = first
            while n <= span.end_line:
                raw = self.line_text(n)
                content = raw[indent:] if len(raw) >= indent else ""
                if remaining <= len(content):
                    col = indent + remaining + 1
                    return n, col
                remaining -= len(content) + 1  # the newline
                n += 1
                value_prefix_lines += 1
            return None
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


def _shown(value: str | None, limit: int = 60) -> str:
    """A value as quoted in a message: hostile files hold megabyte-long scalars."""
    return shorten(value or "", limit)


class _Abort(Exception):
    """Stop composing: the document cannot be trusted past this point."""


# --- scalars -------------------------------------------------------------------------------

_INT_RE = re.compile(r"-?(?:0|[1-9][0-9]*)")
_DEC_RE = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_YAML11_BOOLS = frozenset(
    {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO"}
    | {"on", "On", "ON", "off", "Off", "OFF"}
)
_OCTAL_LIKE = re.compile(r"[-+]?0[0-9_]+")
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")
_NUMBERISH = re.compile(
    r"[-+]?(?:\.(?:inf|Inf|INF|nan|NaN|NAN)|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?)"
)

_NUMBER_START = frozenset("+-.0123456789")
"""Every number form above, and every YAML 1.1 number trap, starts with one of these."""
_WORDS = _NULLS | _TRUE | _FALSE | _YAML11_BOOLS

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    f"{_CORE}str",
    f"{_CORE}int",
    f"{_CORE}float",
    f"{_CORE}bool",
    f"{_CORE}null",
    f"{_CORE}map",
    f"{_CORE}seq",
    "!",
}


class _Composer:
    """Turns parser events into plain Python data plus a :class:`SourceMap`."""

    def __init__(self, file: str, text: str, limits: Limits) -> None:
        self.file = file
        self.text = text
        self.limits = limits
        self.source = SourceMap(text=text)
        self.problems: list[Problem] = []
        self.nodes = 0
        self.expanded = 0  # nodes that aliases added: tells a billion-laughs file from a huge one
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()

    # -- problems --
    def problem(
        self, code: str, zh: str, en: str, mark: Any = None, end: Any = None, pointer: str = ""
    ) -> None:
        line = column = end_line = end_column = None
        if mark is not None:
            line, column = mark.line + 1, mark.column + 1
            if end is not None:
                end_line, end_column = end.line + 1, end.column + 1
        self.problems.append(
            Problem(
                code=code,
                severity=CODES[code].severity,
                message=Message(zh, en),
                file=self.file,
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                pointer=pointer,
            )
        )

    def span(self, event: Any, style: str | None = None) -> Span:
        s, e = event.start_mark, event.end_mark
        return Span(s.line + 1, s.column + 1, e.line + 1, e.column + 1, style)

    def count(self, n: int, event: Any) -> None:
        self.nodes += n
        if self.nodes > self.limits.max_nodes:
            if self.expanded:
                self.problem(
                    "PD008",
                    f"节点数超过上限 {self.limits.max_nodes}（别名展开过多，可能是“十亿笑声”攻击）。",
                    f"more than {self.limits.max_nodes} nodes after alias expansion "
                    "(a 'billion laughs' document?); the file is rejected.",
                    event.start_mark,
                )
            else:  # no alias: simply far more keys and values than any declaration holds
                self.problem(
                    "PD002",
                    f"文件包含的键和值超过 {self.limits.max_nodes} 个（一份申报表通常只有几千个），"
                    "文件被拒绝。",
                    f"the file holds more than {self.limits.max_nodes} keys and values (a "
                    "declaration has a few thousand); the file is rejected.",
                    event.start_mark,
                )
            raise _Abort

    # -- scalars --
    def scalar(self, event: ev.ScalarEvent, pointer: str) -> Any:
        value: str = event.value
        tag = event.tag
        plain = event.implicit[0] and not event.style
        if tag is not None and tag != "!":
            if tag not in _ALLOWED_TAGS:
                self.problem(
                    "PD007",
                    f"不允许使用标签 {_shown(tag)}：声明文件只能包含普通的文本、数字、列表和映射。",
                    f"tag {_shown(tag)} is not allowed: a declaration holds only plain text, numbers, "
                    "lists and mappings.",
                    event.start_mark,
                    event.end_mark,
                    pointer,
                )
                return value
            if tag == f"{_CORE}str":
                return value
            return self.plain(value, event, pointer, explicit=tag)
        if not plain:
            return value
        return self.plain(value, event, pointer)

    def plain(self, value: str, event: Any, pointer: str, explicit: str | None = None) -> Any:
        if explicit is None and value[:1] not in _NUMBER_START and value not in _WORDS:
            return value  # ordinary text (most of a declaration): no number or keyword
        if value in _NULLS and explicit in (None, f"{_CORE}null"):
            return None
        if value in _TRUE and explicit in (None, f"{_CORE}bool"):
            return True
        if value in _FALSE and explicit in (None, f"{_CORE}bool"):
            return False
        digits = len(value.lstrip("-"))
        if _INT_RE.fullmatch(value) and explicit in (None, f"{_CORE}int", f"{_CORE}float"):
            if digits > self.limits.max_number_digits:
                return self.too_long(value, event, pointer)
            return int(value) if explicit != f"{_CORE}float" else Decimal(value)
        if _DEC_RE.fullmatch(value) and explicit in (None, f"{_CORE}float"):
            if digits > self.limits.max_number_digits:
                return self.too_long(value, event, pointer)
            return Decimal(value)
        if explicit is not None:
            self.problem(
                "PD007",
                f"“{_shown(value)}”不能按标签 {explicit} 读取。",
                f"{_shown(value)!r} cannot be read as {explicit}.",
                event.start_mark,
                event.end_mark,
                pointer,
            )
            return value
        self.trap(value, event, pointer)
        return value

    def too_long(self, value: str, event: Any, pointer: str) -> str:
        self.problem(
            "PD007",
            f"数字过长（{len(value)} 位，上限 {self.limits.max_number_digits} 位），按文本读取。",
            f"number too long ({len(value)} digits, limit {self.limits.max_number_digits}); "
            "read as text.",
            event.start_mark,
            event.end_mark,
            pointer,
        )
        return value

    def trap(self, value: str, event: Any, pointer: str) -> None:
        """Plain scalars that YAML 1.1 tools would convert: we keep the text and say so."""
        if value in _YAML11_BOOLS:
            what_zh, what_en = "布尔值", "a boolean"
        elif _OCTAL_LIKE.fullmatch(value):
            what_zh, what_en = "八进制数", "an octal number"
        elif _SEXAGESIMAL.fullmatch(value):
            what_zh, what_en = "六十进制数（如时间）", "a base-60 number"
        elif _NUMBERISH.fullmatch(value):
            what_zh, what_en = "浮点数", "a float"
        else:
            return
        self.problem(
            "PD012",
            f"“{_shown(value)}”按原文读取为文本；其他 YAML 1.1 工具会把它当作{what_zh}。请加引号。",
            f"{_shown(value)!r} is read as the text you wrote; YAML 1.1 tools would read it as "
            f"{what_en}. Quote it to make that explicit.",
            event.start_mark,
            event.end_mark,
            pointer,
        )

    # -- composition --
    def compose(self, events: Any) -> Any:
        """Iteratively build data from events; returns the document's root value."""
        stack: list[_Frame] = []
        root: Any = None
        have_root = False
        documents = 0
        pending_key: list[str | None] = []  # per mapping frame: the key awaiting its value
        skip = 0  # >0 while skipping a rejected node (complex key or its value)
        skip_value_next: list[bool] = []

        def attach(value: Any, span: Span, event: Any, size: int) -> None:
            nonlocal root, have_root
            if not stack:
                root, have_root = value, True
                return
            top = stack[-1]
            if top.kind == "seq":
                top.container.append(value)
            else:
                key = pending_key[-1]
                pending_key[-1] = None
                if key is None:
                    return
                top.container[key] = value

        while True:
            event = events.get_event()
            if isinstance(event, ev.StreamEndEvent):
                break
            if isinstance(event, ev.StreamStartEvent | ev.DocumentEndEvent):
                continue
            if isinstance(event, ev.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.problem(
                        "PD010",
                        "一个文件只能包含一份声明（一个 YAML 文档）；请删除第二个“---”之后的内容，"
                        "或拆分为多个文件。",
                        "a file holds one declaration (one YAML document); split the documents "
                        "after this '---' into separate files.",
                        event.start_mark,
                    )
                    break
                continue

            if skip:
                if isinstance(event, ev.MappingStartEvent | ev.SequenceStartEvent):
                    skip += 1
                elif isinstance(event, ev.MappingEndEvent | ev.SequenceEndEvent):
                    skip -= 1
                if skip == 1 and not isinstance(
                    event, ev.MappingStartEvent | ev.SequenceStartEvent
                ):
                    # finished a whole skipped node (scalar, alias or closed collection)
                    skip = 0
                    self._after_skipped(stack, pending_key, skip_value_next)
                    if skip_value_next and skip_value_next[-1]:
                        skip_value_next[-1] = False
                        skip = 1
                continue

            # A mapping frame expecting a key?
            if (
                stack
                and stack[-1].kind == "map"
                and pending_key[-1] is None
                and not isinstance(event, ev.MappingEndEvent)
            ) and stack[-1].expect_key:
                self.key(event, stack, pending_key, skip_value_next)
                if stack[-1].skip_next:
                    stack[-1].skip_next = False
                    stack[-1].expect_key = True
                    skip = 1
                    if isinstance(event, ev.MappingStartEvent | ev.SequenceStartEvent):
                        skip = 2
                        # the key itself is a collection: skip it, then its value
                        skip_value_next[-1] = True
                continue
                # value for a rejected key: skip handled via skip_next above

            top_pointer = (
                stack[-1].child_pointer(pending_key[-1] if pending_key else None) if stack else ""
            )

            if isinstance(event, ev.ScalarEvent):
                self.count(1, event)
                value = self.scalar(event, top_pointer)
                span = self.span(event, event.style or None)
                self.source.values[top_pointer] = span
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1)
                attach(value, span, event, 1)
                self._value_done(stack)
            elif isinstance(event, ev.AliasEvent):
                anchor = event.anchor
                if anchor in self.open_anchors:
                    self.problem(
                        "PD008",
                        f"别名 *{_shown(anchor)} 引用了自身（递归别名），无法读取。",
                        f"alias *{_shown(anchor)} refers to a node that contains it (recursive alias).",
                        event.start_mark,
                        event.end_mark,
                        top_pointer,
                    )
                    raise _Abort
                if anchor not in self.anchors:
                    self.problem(
                        "PD008",
                        f"别名 *{_shown(anchor)} 没有对应的锚点 &{_shown(anchor)}。",
                        f"alias *{_shown(anchor)} has no anchor &{_shown(anchor)} before it.",
                        event.start_mark,
                        event.end_mark,
                        top_pointer,
                    )
                    raise _Abort
                value, size = self.anchors[anchor]
                self.expanded += size
                self.count(size, event)
                self.source.values[top_pointer] = self.span(event)
                attach(value, self.span(event), event, size)
                self._value_done(stack)
            elif isinstance(event, ev.MappingStartEvent | ev.SequenceStartEvent):
                if event.tag not in (None, "!") and event.tag not in _ALLOWED_TAGS:
                    self.problem(
                        "PD007",
                        f"不允许使用标签 {_shown(str(event.tag))}：声明文件只能包含普通的文本、数字、列表和映射。",
                        f"tag {_shown(str(event.tag))} is not allowed: a declaration holds only plain text, "
                        "numbers, lists and mappings.",
                        event.start_mark,
                        event.end_mark,
                        top_pointer,
                    )
                    raise _Abort
                if len(stack) >= self.limits.max_depth:
                    self.problem(
                        "PD009",
                        f"嵌套层级超过上限 {self.limits.max_depth}。",
                        f"nesting deeper than {self.limits.max_depth} levels; the file is rejected.",
                        event.start_mark,
                        pointer=top_pointer,
                    )
                    raise _Abort
                self.count(1, event)
                is_map = isinstance(event, ev.MappingStartEvent)
                frame = _Frame(
                    kind="map" if is_map else "seq",
                    container={} if is_map else [],
                    pointer=top_pointer,
                    start=event.start_mark,
                    anchor=event.anchor,
                    nodes_before=self.nodes - 1,
                    flow=bool(event.flow_style),
                )
                if event.anchor:
                    self.open_anchors.add(event.anchor)
                stack.append(frame)
                pending_key.append(None)
                skip_value_next.append(False)
            elif isinstance(event, ev.MappingEndEvent | ev.SequenceEndEvent):
                frame = stack.pop()
                pending_key.pop()
                skip_value_next.pop()
                size = self.nodes - frame.nodes_before
                end_mark: Any = event.end_mark
                span = Span(
                    frame.start.line + 1,
                    frame.start.column + 1,
                    end_mark.line + 1,
                    end_mark.column + 1,
                )
                self.source.values.setdefault(frame.pointer, span)
                if frame.anchor:
                    self.open_anchors.discard(frame.anchor)
                    self.anchors[frame.anchor] = (frame.container, size)
                attach(frame.container, span, event, size)
                self._value_done(stack)
        if documents == 0 or not have_root:
            return _EMPTY
        return root

    def _value_done(self, stack: list[_Frame]) -> None:
        if stack and stack[-1].kind == "map":
            stack[-1].expect_key = True

    def _after_skipped(
        self, stack: list[_Frame], pending_key: list[str | None], skip_value_next: list[bool]
    ) -> None:
        if stack and stack[-1].kind == "map":
            stack[-1].expect_key = True
            pending_key[-1] = None

    def key(
        self,
        event: Any,
        stack: list[_Frame],
        pending_key: list[str | None],
        skip_value_next: list[bool],
    ) -> None:
        frame = stack[-1]
        frame.expect_key = False
        if not isinstance(event, ev.ScalarEvent):
            self.problem(
                "PD011",
                "键必须是简单文本，不能是列表、映射或别名。",
                "a key must be plain text, not a list, a mapping or an alias.",
                event.start_mark,
                event.end_mark,
                frame.pointer,
            )
            frame.skip_next = True
            return
        if event.tag not in (None, "!") and event.tag not in _ALLOWED_TAGS:
            self.problem(
                "PD007",
                f"不允许使用标签 {_shown(str(event.tag))}。",
                f"tag {_shown(str(event.tag))} is not allowed.",
                event.start_mark,
                event.end_mark,
                frame.pointer,
            )
            frame.skip_next = True
            return
        key = event.value
        pointer = join_pointer(frame.pointer, key)
        if key == "<<" and not event.style:
            self.problem(
                "PD011",
                "不支持合并键“<<”：请把内容直接写出来。",
                "merge keys ('<<') are not supported: write the keys out.",
                event.start_mark,
                event.end_mark,
                frame.pointer,
            )
            frame.skip_next = True
            return
        if key in frame.container or key in frame.seen:
            first = self.source.keys.get(pointer)
            where_zh = f"（第一次出现在第 {first.line} 行）" if first else ""
            where_en = f" (first at line {first.line})" if first else ""
            self.problem(
                "PD006",
                f"重复的键“{_shown(key)}”{where_zh}：YAML 会静默丢弃其中一个值。请合并或删除重复项。",
                f"duplicate key {_shown(key)!r}{where_en}: YAML tools silently keep only one of the "
                "values. Merge or remove the duplicate.",
                event.start_mark,
                event.end_mark,
                pointer,
            )
            frame.skip_next = True
            return
        self.count(1, event)
        frame.seen.add(key)
        self.source.keys[pointer] = self.span(event, event.style or None)
        pending_key[-1] = key


@dataclass(slots=True)
class _Frame:
    kind: str
    container: Any
    pointer: str
    start: Any
    anchor: str | None
    nodes_before: int
    flow: bool = False
    expect_key: bool = True
    skip_next: bool = False
    seen: set[str] = field(default_factory=set)

    def child_pointer(self, key: str | None) -> str:
        if self.kind == "seq":
            return join_pointer(self.pointer, len(self.container))
        return join_pointer(self.pointer, key if key is not None else "")


_EMPTY = object()


# --- decoding ------------------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _line_col_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    last = before.rfind(b"\n")
    col = len(before[last + 1 :].decode("utf-8", errors="replace")) + 1
    return line, col


def decode(raw: bytes, file: str) -> tuple[str | None, str | None, list[Problem]]:
    """Bytes -> text. UTF-8 (BOM optional), UTF-16/32 with BOM, GB18030 with a warning."""

    def err(code: str, zh: str, en: str, offset: int | None = None) -> Problem:
        line = col = None
        if offset is not None:
            line, col = _line_col_of_byte(raw, offset)
        sev = CODES[code].severity
        return Problem(code, sev, Message(zh, en), file, line, col)

    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding).lstrip("\ufeff"), encoding, []
            except UnicodeDecodeError as exc:
                return (
                    None,
                    None,
                    [
                        err(
                            "PD003",
                            f"文件以 {encoding} 字节序标记开头，但第 {exc.start} 字节处无法解码。",
                            f"the file starts with a {encoding} byte-order mark but byte offset "
                            f"{exc.start} cannot be decoded.",
                        )
                    ],
                )
    nul = raw.find(b"\x00")
    if nul >= 0:
        return (
            None,
            None,
            [
                err(
                    "PD003",
                    f"第 {nul} 字节处有 NUL 字节：这是二进制文件，或没有字节序标记的 UTF-16 文件。"
                    "请另存为 UTF-8。",
                    f"NUL byte at byte offset {nul}: a binary file, or UTF-16 without a "
                    "byte-order mark. Save it as UTF-8.",
                    nul,
                )
            ],
        )
    try:
        return raw.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible_chinese(text):
        return (
            text,
            "gb18030",
            [
                err(
                    "PD004",
                    "文件不是 UTF-8 编码，已按 GB18030/GBK 读取。请另存为 UTF-8，以便在各种工具中正确显示。",
                    "the file is not UTF-8; it was read as GB18030/GBK. Save it as UTF-8 so that "
                    "every tool shows it correctly.",
                )
            ],
        )
    bad = raw[utf8_error.start : utf8_error.start + 4].hex(" ")
    return (
        None,
        None,
        [
            err(
                "PD003",
                f"第 {utf8_error.start} 字节处无法按 UTF-8 解码（字节 {bad}）。请另存为 UTF-8。",
                f"bytes at offset {utf8_error.start} are not valid UTF-8 ({bad}); save the file "
                "as UTF-8.",
                utf8_error.start,
            )
        ],
    )


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _plausible_chinese(text: str) -> bool:
    """GB18030 decodes most byte soup; accept it only when it reads like Chinese text."""
    if any(ord(c) < 32 and c not in "\t\r\n" for c in text):
        return False
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return False
    return sum(1 for c in non_ascii if _CJK.match(c)) / len(non_ascii) > 0.8


# --- entry points --------------------------------------------------------------------------


def _events(text: str) -> Any:
    if _CParser is not None:
        return _CParser(text)
    return _PyEvents(text)


class _PyEvents(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """The pure-Python event source, used when PyYAML lacks libyaml."""

    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _reader_index(exc: yaml.reader.ReaderError, text: str) -> int:
    """The character index of a reader error.

    libyaml's reader reports a byte offset into the UTF-8 encoding of the text (the pure-Python
    reader a character index): without the conversion, a control character after Chinese text
    was reported lines and columns too far on.
    """
    if _CParser is None:
        return int(exc.position)
    return len(text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore"))


def _line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index, counting line breaks as YAML does."""
    before = text[:index]
    breaks = list(_YAML_BREAK.finditer(before))
    start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, index - start + 1


def _clamp(text: str, line: int, column: int) -> tuple[int, int]:
    """A position inside the text: libyaml marks errors at the end of a file without a final
    line break one line past the last line, which editors and CI annotations cannot show."""
    lines = _YAML_BREAK.split(text)
    if line > len(lines):
        return len(lines), len(lines[-1]) + 1
    return line, min(column, len(lines[line - 1]) + 1)


def _syntax_problem(exc: yaml.YAMLError, file: str, text: str) -> Problem:
    line = column = None
    detail = str(exc)
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        mark: Any = exc.problem_mark
        line, column = mark.line + 1, mark.column + 1
        detail = exc.problem or detail
        if exc.context:
            detail = f"{detail} ({exc.context})"
    elif isinstance(exc, yaml.reader.ReaderError):
        line, column = _line_column(text, _reader_index(exc, text))
        detail = (
            f"unacceptable character U+{exc.character:04X}"
            if isinstance(exc.character, int)
            else detail
        )
    if line is not None and column is not None:
        line, column = _clamp(text, line, column)
    hint_zh, hint_en = "", ""
    text_lines = _YAML_BREAK.split(text)
    source_line = text_lines[line - 1] if line and line <= len(text_lines) else ""
    if "\t" in detail or "'\\t'" in detail or ("\t" in source_line[: (column or 1)]):
        hint_zh = "YAML 不能用制表符（Tab）缩进，请改用空格。"
        hint_en = " YAML does not allow tabs for indentation: use spaces."
    elif "unacceptable character" in detail or "special characters" in detail:
        hint_zh = "文件中有不可见的控制字符，请删除。"
        hint_en = " The file contains an invisible control character: remove it."
    elif ": " in source_line and "mapping values are not allowed" in detail:
        hint_zh = "文本中含有“: ”时，请给整段文本加引号。"
        hint_en = ' A text containing ": " must be quoted.'
    if "nesting depth" in detail:
        return Problem(
            "PD009",
            Severity.ERROR,
            Message(
                "嵌套层级过深，文件被拒绝。", f"nesting too deep: {detail}; the file is rejected."
            ),
            file,
            line,
            column,
        )
    return Problem(
        "PD005",
        Severity.ERROR,
        Message(f"YAML 语法错误：{detail}。{hint_zh}", f"YAML syntax error: {detail}.{hint_en}"),
        file,
        line,
        column,
    )


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while one file is loaded or checked.

    Checking a file allocates a node, two marks and a span per value, then models, findings and
    problems, and frees little: the collector would walk the growing heap again and again for
    nothing (the data hold no cycles; any cycle made is collected after, once it resumes).
    Measured: loading the example 12.6 -> 8.7 ms; checking a 5 MB declaration 2.2-2.9 ->
    1.1-1.4 s (CPU, busy machine).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


USE_NODES = True
"""Take :mod:`perfdecl.loader.fast`' fast road for clean documents (tests turn it off to compare)."""
_NOT_CLEAN = object()


def _may_exceed(text: str, limits: Limits) -> bool:
    """True when ``text`` might hold more than ``limits.max_nodes`` nodes.

    libyaml composes the whole tree before :mod:`perfdecl.loader.fast` can count it: 16 MB of small
    keys took 24 s and 800 MB that way. Every node but the first two follows a line break, ``:``,
    ``-``, ``?`` or ``[`` (a flow entry without ``:`` makes two nodes after ``,`` or ``{``), so
    counting those characters (C speed) bounds the nodes; the event composer, which stops at the
    limit, takes the files above it.
    """
    if len(text) < limits.max_nodes:  # a node takes a character at least
        return False
    bound = 2
    for chars, weight in (("\n:-", 1), (",{", 2), ("\r\x85\u2028\u2029?[", 1)):
        for c in chars:
            bound += weight * text.count(c)
            if bound > limits.max_nodes:  # usually on the first count or two
                return True
    return False


def _count_nodes(composer: _Composer, text: str) -> None:
    """Count nodes from libyaml's events without composing; raise _Abort when over the limit.

    For texts the character bound cannot clear. Counting costs about a microsecond a node
    against ten for the event composer, so a 16 MB file of tiny keys is turned away in a
    fraction of a second, with the composer's own problem (PD002, or PD008 when aliases
    expanded past the limit, raised by :meth:`_Composer.count`). Anything unusual — a syntax
    error, an undefined or recursive alias, a second document — returns: the event composer
    then words it, and stops at the limit itself.
    """
    limit = composer.limits.max_nodes
    parser = _CParser(text)
    sizes: dict[str, int] = {}
    open_: list[tuple[str | None, int]] = []
    count = expanded = documents = 0
    try:
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind is ev.ScalarEvent:
                count += 1
                if event.anchor is not None:
                    sizes[event.anchor] = 1
            elif kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
                count += 1
                open_.append((event.anchor, count - 1))
            elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
                anchor, start = open_.pop()
                if anchor is not None:
                    sizes[anchor] = count - start
            elif kind is ev.AliasEvent:
                size = sizes.get(event.anchor)
                if size is None:
                    return
                count += size
                expanded += size
            elif kind is ev.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    return
            elif kind is ev.StreamEndEvent:
                return
            if count > limit:
                composer.expanded = expanded
                composer.count(count - composer.nodes, event)  # raises _Abort with the problem
    except yaml.YAMLError:
        return


def _compose_clean(composer: _Composer, text: str) -> Any:
    """The document's data when libyaml's node tree converts cleanly, else ``_NOT_CLEAN``."""
    from perfdecl.loader import fast as nodes

    if not (USE_NODES and nodes.AVAILABLE):
        return _NOT_CLEAN
    if _may_exceed(text, composer.limits):
        # Big: turn it away quickly if it is over the limit (raises _Abort), else let the event
        # composer take it — for flat texts of this size it is no slower than libyaml's tree,
        # and it does not pay twice when the text turns out to need a remark.
        _count_nodes(composer, text)
        return _NOT_CLEAN
    try:
        data = nodes.compose_clean(text, composer.source, composer.limits, composer.plain)
    except nodes.GiveUp:
        return _NOT_CLEAN
    return _NOT_CLEAN if composer.problems else data


def load_text(text: str, *, file: str = "<text>", limits: Limits = DEFAULT_LIMITS) -> Loaded:
    """Compose one YAML document from text, never raising on bad input."""
    composer = _Composer(file, text, limits)
    data: Any = None
    with gc_paused():  # see gc_paused: composing frees nothing for the collector to find
        try:
            data = _compose_clean(composer, text)
            if data is _NOT_CLEAN:  # compose again from events: every problem is worded there
                composer = _Composer(file, text, limits)
                data = composer.compose(_events(text))
        except _Abort:
            data = None
        except yaml.YAMLError as exc:
            composer.problems.append(_syntax_problem(exc, file, text))
            data = None
        except UnicodeEncodeError as exc:  # a lone surrogate in text handed to libyaml
            line, column = _line_column(text, exc.start)
            composer.problems.append(
                Problem(
                    "PD003",
                    Severity.ERROR,
                    Message(
                        f"第 {line} 行第 {column} 列有无效的 Unicode 字符（单独的代理项）。",
                        f"invalid Unicode character (a lone surrogate) at line {line}, column "
                        f"{column}.",
                    ),
                    file,
                    line,
                    column,
                )
            )
            data = None
        except RecursionError:  # pragma: no cover - the loop is iterative; belt and braces
            composer.problem("PD009", "嵌套层级过深。", "nesting too deep.")
            data = None
    if data is _EMPTY:
        composer.problems.append(
            Problem(
                "PD010",
                Severity.ERROR,
                Message(
                    "文件是空的：没有任何声明内容。",
                    "the file is empty: there is no declaration in it.",
                ),
                file,
                1,
                1,
            )
        )
        data = None
    elif data is not None and not isinstance(data, dict):
        kind_zh, kind_en = (
            ("列表", "a list") if isinstance(data, list) else ("单个值", "a single value")
        )
        span = composer.source.values.get("")
        composer.problems.append(
            Problem(
                "PD010",
                Severity.ERROR,
                Message(
                    f"文件顶层是{kind_zh}，应为包含 schema_version、year 等键的映射。",
                    f"the top level is {kind_en}; a declaration is a mapping with keys such as "
                    "schema_version and year.",
                ),
                file,
                span.line if span else 1,
                span.column if span else 1,
            )
        )
        data = None
    elif data is None and not composer.problems:
        composer.problems.append(
            Problem(
                "PD010",
                Severity.ERROR,
                Message(
                    "文件只有空值（~ 或 null），没有声明内容。", "the document is empty (null)."
                ),
                file,
                1,
                1,
            )
        )
    if any(p.severity is Severity.ERROR and p.code in _FATAL for p in composer.problems):
        data = None
    if text and not text.endswith(_FINAL_BREAKS):
        _clamp_to_end(composer.source, composer.problems, text)
    return Loaded(file, data, composer.source, composer.problems)


_FATAL = frozenset({"PD005", "PD008", "PD009", "PD010"})
_FINAL_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029")


def _clamp_to_end(source: SourceMap, problems: list[Problem], text: str) -> None:
    """Keep every position inside a text that has no final line break.

    libyaml ends the last collection (and places end-of-stream marks) at column 1 of a line after
    the last one, so a file cut short was reported at a line it does not have.
    """
    lines = _YAML_BREAK.split(text)
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


def load_bytes(raw: bytes, *, file: str = "<bytes>", limits: Limits = DEFAULT_LIMITS) -> Loaded:
    """Decode and compose; every failure is a :class:`Problem`, never an exception."""
    if len(raw) > limits.max_bytes:
        return Loaded(file, None, SourceMap(), [_too_large(file, len(raw), limits)])
    text, encoding, problems = decode(raw, file)
    if text is None:
        return Loaded(file, None, SourceMap(), problems)
    loaded = load_text(text, file=file, limits=limits)
    loaded.problems[:0] = problems
    loaded.encoding = encoding
    return loaded


def _too_large(file: str, size: int, limits: Limits) -> Problem:
    return Problem(
        "PD002",
        Severity.ERROR,
        Message(
            f"文件过大（{size} 字节，上限 {limits.max_bytes} 字节）。",
            f"the file is too large ({size} bytes; the limit is {limits.max_bytes}).",
        ),
        file,
    )


def unreadable(file: str, zh: str, en: str) -> Problem:
    """A PD001 problem: the path cannot be read at all (the CLI exits 2 on these)."""
    return Problem("PD001", Severity.ERROR, Message(zh, en), file)


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once instead of waiting for a writer
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)


def _os_problem(name: str, exc: OSError) -> Problem:
    """PD001 for an ``OSError`` raised while opening or reading ``name``."""
    if isinstance(exc, FileNotFoundError):
        if os.path.islink(name):
            return unreadable(
                name,
                f"符号链接指向的文件不存在（{os.readlink(name)}）。",
                f"a symbolic link to a file that does not exist ({os.readlink(name)}).",
            )
        return unreadable(name, "文件不存在。", "no such file.")
    if isinstance(exc, IsADirectoryError) or os.path.isdir(name):
        return _directory(name)
    if isinstance(exc, PermissionError):
        return unreadable(name, "没有读取权限。", "permission denied.")
    reason = exc.strerror or type(exc).__name__
    return unreadable(name, f"无法读取：{reason}。", f"cannot read: {reason}.")


def _directory(name: str) -> Problem:
    return unreadable(name, "这是一个目录，不是文件。", "this is a directory, not a file.")


def read_path(
    path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS
) -> tuple[bytes | None, list[Problem]]:
    """Read a regular file's bytes within the size limit; refuse FIFOs, devices and folders.

    The path is opened first (non-blocking) and the open descriptor is checked with ``fstat``:
    what is checked is what is read, so a file swapped for a FIFO after a folder was listed is
    refused instead of hanging the run, and one deleted meanwhile is reported, not raised.
    """
    name = os.fspath(path)
    try:
        fd = os.open(name, _OPEN_FLAGS)
    except OSError as exc:
        return None, [_os_problem(name, exc)]
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            return None, [_directory(name)]
        if not stat.S_ISREG(st.st_mode):
            return None, [
                unreadable(
                    name,
                    "这不是普通文件（可能是管道或设备），已跳过。",
                    "not a regular file (a FIFO or a device); skipped.",
                )
            ]
        if st.st_size > limits.max_bytes:
            return None, [_too_large(name, st.st_size, limits)]
        with os.fdopen(fd, "rb") as fh:
            fd = -1  # the file object closes it
            raw = fh.read(limits.max_bytes + 1)
    except OSError as exc:
        return None, [_os_problem(name, exc)]
    finally:
        if fd >= 0:
            os.close(fd)
    if len(raw) > limits.max_bytes:
        return None, [_too_large(name, len(raw), limits)]
    return raw, []


def load_path(path: str | os.PathLike[str] | Path, *, limits: Limits = DEFAULT_LIMITS) -> Loaded:
    """Read and load a file; unreadable paths give a PD001 problem."""
    name = os.fspath(path)
    raw, problems = read_path(name, limits=limits)
    if raw is None:
        return Loaded(name, None, SourceMap(), problems)
    return load_bytes(raw, file=name, limits=limits)
