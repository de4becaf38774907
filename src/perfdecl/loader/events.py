"""The event composer: parser events -> plain data + :class:`SourceMap`, within limits.

We compose YAML ourselves from the parser's event stream instead of calling
``yaml.safe_load``, because the stock composer and constructor

* silently keep the last of two duplicate keys,
* turn ``18891.87`` into a float, ``010`` into 8, ``no`` into False and ``1:30`` into 90,
* recurse (deep nesting overflows the C stack or Python's recursion limit), and
* expand aliases without a budget (billion laughs).

The event loop is iterative, keeps every node's position, and enforces limits on size, depth and
alias expansion. Plain scalars become ``None``/``bool``/``int``/``Decimal`` only when their text is
unambiguous (YAML 1.2 core forms, no exponent, no leading zeros); everything else stays the text
the user wrote. Every problem found in a document's content is worded here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import yaml
from yaml import events as ev

from perfdecl.loader.codes import CODES, shown
from perfdecl.loader.source import Limits, SourceMap, Span
from perfdecl.problem import Message, Problem, join_pointer

_CParser: Any
try:  # libyaml's C parser when PyYAML was built with it; the pure-Python parser otherwise.
    from yaml._yaml import CParser as _CParser

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - depends on the PyYAML build
    _CParser = None
    HAVE_LIBYAML = False


class Abort(Exception):
    """Stop composing: the document cannot be trusted past this point."""


EMPTY = object()
"""What :meth:`Composer.compose` returns for a stream with no document or no value."""


def event_source(text: str) -> Any:
    """The parser whose ``get_event()`` the composer reads: libyaml's, else PyYAML's own."""
    if _CParser is not None:
        return _CParser(text)
    return _PyEvents(text)


def libyaml_events() -> bool:
    """True when :func:`event_source` reads with libyaml (its errors count bytes, not characters)."""
    return _CParser is not None


class _PyEvents(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """The pure-Python event source, used when PyYAML lacks libyaml."""

    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


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

_SCALAR = ev.ScalarEvent
_ALIAS = ev.AliasEvent
_MAP_START = ev.MappingStartEvent
_SEQ_START = ev.SequenceStartEvent
_MAP_END = ev.MappingEndEvent
_SEQ_END = ev.SequenceEndEvent
_STREAM_END = ev.StreamEndEvent
_DOCUMENT_START = ev.DocumentStartEvent
_FRAMING = frozenset(
    {ev.StreamStartEvent, ev.StreamEndEvent, ev.DocumentStartEvent, ev.DocumentEndEvent}
)
"""Events around the document rather than in it."""
_OPENING = (_MAP_START, _SEQ_START)


@dataclass(slots=True)
class _Frame:
    """An open mapping or sequence; ``pending`` is a mapping's key awaiting its value."""

    kind: str
    container: Any
    pointer: str
    start: Any
    anchor: str | None
    nodes_before: int
    flow: bool = False
    expect_key: bool = True
    skip_next: bool = False
    skip_value: bool = False  # the key was a collection being skipped: skip its value next
    pending: str | None = None
    seen: set[str] = field(default_factory=set)

    def child_pointer(self) -> str:
        if self.kind == "seq":
            return join_pointer(self.pointer, len(self.container))
        key = self.pending
        return join_pointer(self.pointer, key if key is not None else "")


class Composer:
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
        # The composition's state (see compose):
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.have_root = False
        self.documents = 0
        self.skip = 0  # >0 while skipping a rejected node (complex key or its value)

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
            raise Abort

    # -- scalars --
    def scalar(self, event: ev.ScalarEvent, pointer: str) -> Any:
        value: str = event.value
        tag = event.tag
        plain = event.implicit[0] and not event.style
        if tag is not None and tag != "!":
            if tag not in _ALLOWED_TAGS:
                self.problem(
                    "PD007",
                    f"不允许使用标签 {shown(tag)}：声明文件只能包含普通的文本、数字、列表和映射。",
                    f"tag {shown(tag)} is not allowed: a declaration holds only plain text, numbers, "
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
        if explicit is None:
            if (value[:1] not in _NUMBER_START or not value.isascii()) and value not in _WORDS:
                return value  # ordinary text (most of a declaration): every number form is ASCII
            if (
                value.isdigit()
                and (value[0] != "0" or len(value) == 1)
                and len(value) <= self.limits.max_number_digits
            ):
                # The usual number, a whole one (64 of 69 a generated file): what _INT_RE's
                # branch below gives it, without two regular expressions and a few f-strings
                # (8.3 k instructions a number; tests/test_loader_scalars.py compares).
                return int(value)
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
                f"“{shown(value)}”不能按标签 {explicit} 读取。",
                f"{shown(value)!r} cannot be read as {explicit}.",
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
            self._leading_zero(value, event, pointer)
            return
        elif _SEXAGESIMAL.fullmatch(value):
            what_zh, what_en = "六十进制数（如时间）", "a base-60 number"
        elif _NUMBERISH.fullmatch(value):
            what_zh, what_en = "浮点数", "a float"
        else:
            return
        self.problem(
            "PD012",
            f"“{shown(value)}”按原文读取为文本；其他 YAML 1.1 工具会把它当作{what_zh}。请加引号。",
            f"{shown(value)!r} is read as the text you wrote; YAML 1.1 tools would read it as "
            f"{what_en}. Quote it to make that explicit.",
            event.start_mark,
            event.end_mark,
            pointer,
        )

    def _leading_zero(self, value: str, event: Any, pointer: str) -> None:
        """A number with a leading zero (a phone such as 01083998540). PyYAML and perfdecl read
        the text; the real risk is YAML 1.2 tools (an editor's language server, JavaScript and
        Go parsers), which read an integer and drop the zero; YAML 1.1 tools read 0-7 digits
        as octal. The message says which, with what they would get (counted from the text:
        a 200,000-digit value is never converted)."""
        digits = value.lstrip("+-")
        sign = "-" if value.startswith("-") else ""
        notes_zh: list[str] = []
        notes_en: list[str] = []
        if "_" not in digits:
            number = shown(sign + (digits.lstrip("0") or "0"))
            notes_zh.append(
                f"YAML 1.2 工具（如编辑器的语言服务器）会把它读成整数 {number}，丢掉开头的 0"
            )
            notes_en.append(
                f"YAML 1.2 tools (such as the editor's language server) read it as the integer "
                f"{number}, dropping the leading zero"
            )
        if set(digits) <= set("01234567_"):
            octal = digits.replace("_", "")
            eight = f"（即 {sign}{int(octal, 8)}）" if len(octal) <= 30 else ""
            eight_en = f" ({sign}{int(octal, 8)})" if len(octal) <= 30 else ""
            notes_zh.append(f"YAML 1.1 工具会把它当作八进制数{eight}")
            notes_en.append(f"YAML 1.1 tools read it as an octal number{eight_en}")
        if not notes_en:  # such as 0_9: text for every YAML tool
            return
        self.problem(
            "PD012",
            f"“{shown(value)}”按原文读取为文本，但{'；'.join(notes_zh)}。请加引号。",
            f"{shown(value)!r} is read as the text you wrote, but {'; '.join(notes_en)}. "
            "Quote it to make that explicit.",
            event.start_mark,
            event.end_mark,
            pointer,
        )

    # -- composition --
    def compose(self, events: Any) -> Any:
        """Iteratively build data from events; returns the document's root value (or EMPTY).

        One step per event: framing events (stream and document), events inside a node being
        skipped, a mapping's key, and the node events (scalar, alias, opening, closing).
        """
        stack = self.stack
        on_node = {
            _SCALAR: self._scalar_event,
            _ALIAS: self._alias_event,
            _MAP_START: self._open,
            _SEQ_START: self._open,
        }
        get_event = events.get_event
        while True:
            event = get_event()
            kind = type(event)
            if kind in _FRAMING:
                if kind is _STREAM_END or (kind is _DOCUMENT_START and not self._document(event)):
                    break
                continue
            if self.skip:
                self._skip_event(kind)
                continue
            if stack:
                top = stack[-1]
                if kind is _MAP_END or kind is _SEQ_END:
                    self._close(event)
                    continue
                if top.expect_key and top.kind == "map" and top.pending is None:
                    self._key_event(event, top)
                    continue
                on_node[kind](event, top.child_pointer())
            else:
                on_node[kind](event, "")
        if self.documents == 0 or not self.have_root:
            return EMPTY
        return self.root

    def _document(self, event: Any) -> bool:
        """Count a document; False (with PD010) at the second, which ends composition."""
        self.documents += 1
        if self.documents > 1:
            self.problem(
                "PD010",
                "一个文件只能包含一份声明（一个 YAML 文档）；请删除第二个“---”之后的内容，"
                "或拆分为多个文件。",
                "a file holds one declaration (one YAML document); split the documents "
                "after this '---' into separate files.",
                event.start_mark,
            )
            return False
        return True

    def _skip_event(self, kind: type) -> None:
        """One event inside a rejected node (a complex key, or the value of a rejected key)."""
        opening = kind is _MAP_START or kind is _SEQ_START
        if opening:
            self.skip += 1
        elif kind is _MAP_END or kind is _SEQ_END:
            self.skip -= 1
        if self.skip == 1 and not opening:
            # finished a whole skipped node (scalar, alias or closed collection)
            self.skip = 0
            stack = self.stack
            if stack and stack[-1].kind == "map":
                top = stack[-1]
                top.expect_key = True
                top.pending = None
                if top.skip_value:
                    top.skip_value = False
                    self.skip = 1

    def _key_event(self, event: Any, top: _Frame) -> None:
        """The event where a mapping expects a key: accept it, or skip it and its value."""
        self.key(event, top)
        if top.skip_next:
            top.skip_next = False
            top.expect_key = True
            self.skip = 1
            if type(event) in _OPENING:
                # the key itself is a collection: skip it, then its value
                self.skip = 2
                top.skip_value = True

    def _attach(self, value: Any) -> None:
        """Put a finished value in its parent (or make it the root); a mapping then wants a key."""
        stack = self.stack
        if not stack:
            self.root, self.have_root = value, True
            return
        top = stack[-1]
        if top.kind == "seq":
            top.container.append(value)
            return
        key = top.pending
        top.pending = None
        if key is not None:
            top.container[key] = value
        top.expect_key = True

    def _scalar_event(self, event: Any, pointer: str) -> None:
        self.count(1, event)
        value = self.scalar(event, pointer)
        self.source.values[pointer] = self.span(event, event.style or None)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self._attach(value)

    def _alias_event(self, event: Any, pointer: str) -> None:
        anchor = event.anchor
        if anchor in self.open_anchors:
            self.problem(
                "PD008",
                f"别名 *{shown(anchor)} 引用了自身（递归别名），无法读取。",
                f"alias *{shown(anchor)} refers to a node that contains it (recursive alias).",
                event.start_mark,
                event.end_mark,
                pointer,
            )
            raise Abort
        if anchor not in self.anchors:
            self.problem(
                "PD008",
                f"别名 *{shown(anchor)} 没有对应的锚点 &{shown(anchor)}。",
                f"alias *{shown(anchor)} has no anchor &{shown(anchor)} before it.",
                event.start_mark,
                event.end_mark,
                pointer,
            )
            raise Abort
        value, size = self.anchors[anchor]
        self.expanded += size
        self.count(size, event)
        self.source.values[pointer] = self.span(event)
        self._attach(value)

    def _open(self, event: Any, pointer: str) -> None:
        """A mapping or sequence starts: check its tag and the depth, push a frame."""
        if event.tag not in (None, "!") and event.tag not in _ALLOWED_TAGS:
            self.problem(
                "PD007",
                f"不允许使用标签 {shown(str(event.tag))}：声明文件只能包含普通的文本、数字、列表和映射。",
                f"tag {shown(str(event.tag))} is not allowed: a declaration holds only plain text, "
                "numbers, lists and mappings.",
                event.start_mark,
                event.end_mark,
                pointer,
            )
            raise Abort
        if len(self.stack) >= self.limits.max_depth:
            self.problem(
                "PD009",
                f"嵌套层级超过上限 {self.limits.max_depth}。",
                f"nesting deeper than {self.limits.max_depth} levels; the file is rejected.",
                event.start_mark,
                pointer=pointer,
            )
            raise Abort
        self.count(1, event)
        is_map = type(event) is _MAP_START
        if event.anchor:
            self.open_anchors.add(event.anchor)
        self.stack.append(
            _Frame(
                kind="map" if is_map else "seq",
                container={} if is_map else [],
                pointer=pointer,
                start=event.start_mark,
                anchor=event.anchor,
                nodes_before=self.nodes - 1,
                flow=bool(event.flow_style),
            )
        )

    def _close(self, event: Any) -> None:
        """A mapping or sequence ends: record its span (and anchor), attach it to its parent."""
        frame = self.stack.pop()
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
        self._attach(frame.container)

    def key(self, event: Any, frame: _Frame) -> None:
        """Accept a mapping's key (recording its span) or mark the frame to skip it."""
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
                f"不允许使用标签 {shown(str(event.tag))}。",
                f"tag {shown(str(event.tag))} is not allowed.",
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
                f"重复的键“{shown(key)}”{where_zh}：YAML 会静默丢弃其中一个值。请合并或删除重复项。",
                f"duplicate key {shown(key)!r}{where_en}: YAML tools silently keep only one of the "
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
        frame.pending = key
