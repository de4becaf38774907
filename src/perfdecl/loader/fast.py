"""The fast road through the loader: libyaml composes, we only convert clean documents.

The loader's event composer (:class:`perfdecl.loader.events.Composer`) pays a Python call and an event
object for every token, which made loading cost several times what parsing does. libyaml can
compose the whole node tree in C instead (nesting is bounded by libyaml itself at 1,000 levels,
so its recursion is safe), and walking that tree is cheap.

This module handles only what is *clean*: one document, untagged values, plain-text keys with no
duplicates, no aliases, scalars that resolve without a remark, within the depth and node limits.
At the first thing that is not — anything that would give a problem, or that the tree no longer
shows (an alias's own position) — it gives up and the loader composes the text again from events,
so every problem, message and position comes from one place. A test runs both roads over every
fixture and generated documents and checks they agree exactly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from yaml import events as ev
from yaml.nodes import MappingNode, ScalarNode

from perfdecl.loader.events import _NUMBER_START, _WORDS, Composer
from perfdecl.loader.source import Limits, SourceMap, Span, SpanTable
from perfdecl.problem import escape_pointer_token

CParser: Any
try:
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - depends on the PyYAML build
    CParser = None

_PLAIN = ""
"""Tag given to untagged plain scalars (and untagged collections)."""
_TEXT = "!"
"""Tag given to untagged quoted or block scalars, and to the non-specific tag ``!``."""

AVAILABLE = CParser is not None


class GiveUp(Exception):
    """Not clean: compose this text from events instead."""


if CParser is not None:

    class _Parser(CParser):  # type: ignore[misc]
        """libyaml's composer with our own tag resolution: we only need to know what was implicit."""

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            if kind is ScalarNode:
                return _PLAIN if implicit[0] else _TEXT
            return _PLAIN

        def descend_resolver(self, parent: Any, index: Any) -> None:
            return None

        def ascend_resolver(self) -> None:
            return None

    class _UntaggedParser(CParser):  # type: ignore[misc]
        """For a text without ``!``, which therefore has no tag: libyaml calls these three for
        every node, and C built-ins that accept the arguments cost a fraction of a Python call.
        The nodes' tags are then meaningless (a slice) and never read: a scalar is plain exactly
        when its style is plain."""

        resolve = slice
        descend_resolver: Any = {}.get
        ascend_resolver = tuple


def _compose(text: str, utf8: bytes | None = None) -> tuple[Any, bool]:
    """libyaml's node tree of the one document of ``text``, and whether it may hold tags.

    ``utf8``, when given, is ``text`` encoded as UTF-8 without a byte-order mark (the file's own
    bytes): libyaml reads that, which spares PyYAML encoding the text again (0.3 M instructions
    a 30 kB declaration); the characters libyaml reads, its marks and the values are the same."""
    tagged = "!" in text  # every tag, shorthand or verbatim, is written with "!"
    try:
        parser = (_Parser if tagged else _UntaggedParser)(text if utf8 is None else utf8)
        if not parser.check_node():
            raise GiveUp  # no document at all
        root = parser.get_node()
        if parser.check_node():
            raise GiveUp  # a second document
    except GiveUp:
        raise
    except Exception:  # a syntax error (or anything libyaml dislikes): the event road words it
        raise GiveUp from None
    return root, tagged


def _root_scalar(node: Any, tagged: bool, source: SourceMap, resolve_plain: Any) -> Any:
    """A document that is one scalar (rare: the loader then says it is not a mapping)."""
    value, style = node.value, node.style
    if tagged and node.tag not in (_PLAIN, _TEXT):
        raise GiveUp  # an explicit tag
    if not style and (not tagged or node.tag == _PLAIN):  # "! |" is tagged "" yet not plain
        value = resolve_plain(value, node, "")
    s, e = node.start_mark, node.end_mark
    source.values[""] = Span(s.line + 1, s.column + 1, e.line + 1, e.column + 1, style or None)
    return value


_INDEXES = tuple(f"/{n}" for n in range(64))
"""The pointer tokens of a sequence's first items: ``pointer + _INDEXES[n]`` is
``f"{pointer}/{n}"`` without formatting the number."""


def compose_clean(
    text: str,
    source: SourceMap,
    limits: Limits,
    resolve_plain: Callable[[str, Any, str], Any],
    utf8: bytes | None = None,
) -> Any:
    """Data of a clean single-document ``text``, filling ``source``; raises :class:`GiveUp`.

    ``resolve_plain(value, node, pointer)`` is the loader's own plain-scalar resolution, called
    once per distinct plain scalar that may be something other than text (a number, null, a
    boolean or a YAML 1.1 trap: ASCII, every such form is); the caller gives up on the result
    when that resolution made a remark. An
    empty stream or a second document gives up too (rare, and the event composer words them).
    ``utf8``: the text's UTF-8 bytes, when the caller has them (see :func:`_compose`).
    """
    root, tagged = _compose(text, utf8)
    if type(root) is ScalarNode:
        return _root_scalar(root, tagged, source, resolve_plain)
    # Nodes go into the tables as they are: a SpanTable makes a node's Span when it is read.
    if type(source.values) is not SpanTable:
        source.values = SpanTable(source.values)
    if type(source.keys) is not SpanTable:
        source.keys = SpanTable(source.keys)
    if (tagged and root.tag != _PLAIN) or limits.max_depth <= 0:
        raise GiveUp  # a tagged collection, or too deep
    shared = "&" in text  # a node met twice is an alias, and an alias needs an anchor
    data, branches = _walk(root, source, limits, resolve_plain, tagged, shared)
    source.branches = branches
    source.printable = True  # _compose had libyaml read the text to its end
    return data


def _walk(
    root: Any,
    source: SourceMap,
    limits: Limits,
    resolve_plain: Callable[[str, Any, str], Any],
    tagged: bool,
    shared: bool,
) -> tuple[Any, set[str]]:
    """The data of libyaml's tree and the pointers of its non-empty collections, filling the
    source map's tables; any tag, alias or limit that needs a remark raises GiveUp.

    Nearly every declaration has neither ``!`` (no tag) nor ``&`` (no anchor, so no alias): the
    checks of those are behind ``tagged`` and ``shared``, a mapping's items and a sequence's are
    walked by loops of their own, and the nodes are counted a collection at a time (the total
    decides, as item by item: over the limit, the event composer words it)."""
    values: dict[str, Any] = source.values
    keys: dict[str, Any] = source.keys
    max_depth, max_nodes = limits.max_depth, limits.max_nodes
    mapping, scalar = MappingNode, ScalarNode
    number_start, words, indexes = _NUMBER_START, _WORDS, _INDEXES
    seen: set[int] = {id(root)}  # (with ``shared``) nodes met: one met again is an alias
    read: dict[str, Any] = {}  # plain text -> what resolve_plain read it as
    branches: set[str] = set()  # pointers of non-empty collections (SourceMap.branches)
    branch = branches.add
    is_map = type(root) is mapping
    root_value: Any = {} if is_map else []
    count = 1 + (2 if is_map else 1) * len(root.value)  # the root, its keys and values
    if count > max_nodes:
        raise GiveUp
    # Each frame: node, its container, its pointer, the items' iterator, whether a mapping.
    stack: list[tuple[Any, Any, str, Any, bool]] = [
        (root, root_value, "", iter(root.value), is_map)
    ]
    while stack:
        node, container, pointer, items, is_map = stack[-1]
        child: Any = None
        if is_map:
            for key_node, child in items:
                if type(key_node) is not scalar or (tagged and key_node.tag not in (_PLAIN, _TEXT)):
                    raise GiveUp  # complex or tagged key
                key = key_node.value
                if key in container or (key == "<<" and not key_node.style):
                    raise GiveUp  # duplicate or merge key
                if shared:
                    _first_meeting(seen, key_node, child)
                token = key if "~" not in key and "/" not in key else escape_pointer_token(key)
                child_pointer = f"{pointer}/{token}"
                keys[child_pointer] = key_node  # its Span is made when read (SpanTable)
                if type(child) is scalar:
                    value = child.value
                    # (isascii first: it reads a flag, where value[:1] may build a string)
                    if (_plain(child) if tagged else not child.style) and (
                        (value.isascii() and value[:1] in number_start) or value in words
                    ):
                        # The same text reads the same everywhere; a reading that made a remark
                        # is thrown away with the whole tree (the caller composes from events).
                        if value in read:
                            value = read[value]
                        else:
                            value = read[value] = resolve_plain(value, child, child_pointer)
                    values[child_pointer] = child
                    container[key] = value
                    continue
                break
            else:
                child = None
        else:
            for child in items:
                n = len(container)
                child_pointer = pointer + indexes[n] if n < 64 else f"{pointer}/{n}"
                if shared:
                    _first_meeting(seen, child)
                if type(child) is scalar:
                    value = child.value
                    if (_plain(child) if tagged else not child.style) and (
                        (value.isascii() and value[:1] in number_start) or value in words
                    ):
                        if value in read:
                            value = read[value]
                        else:
                            value = read[value] = resolve_plain(value, child, child_pointer)
                    values[child_pointer] = child
                    container.append(value)
                    continue
                break
            else:
                child = None
        if child is None:  # every item walked
            stack.pop()
            if pointer not in values:
                values[pointer] = node
            if node.value:
                branch(pointer)
            continue
        if (tagged and child.tag != _PLAIN) or len(stack) >= max_depth:
            raise GiveUp  # a tagged collection, or too deep
        opened = type(child) is mapping
        count += (2 if opened else 1) * len(child.value)
        if count > max_nodes:
            raise GiveUp
        value = {} if opened else []
        if is_map:
            container[key] = value
        else:
            container.append(value)
        stack.append((child, value, child_pointer, iter(child.value), opened))
    return root_value, branches


def _first_meeting(seen: set[int], *met: Any) -> None:
    """Remember nodes of a text with an anchor; a node met again is an alias (or an aliased
    key), whose own position the tree has lost: GiveUp."""
    for node in met:
        if id(node) in seen:
            raise GiveUp
        seen.add(id(node))


def _plain(node: Any) -> bool:
    """Whether a scalar of a text that may hold tags is plain; GiveUp at an explicit tag."""
    tag = node.tag
    if tag != _PLAIN and tag != _TEXT:
        raise GiveUp  # an explicit tag
    return tag == _PLAIN and not node.style  # libyaml reads "! |" as implicit


def may_exceed(text: str, limits: Limits) -> bool:
    """True when ``text`` might hold more than ``limits.max_nodes`` nodes.

    libyaml composes the whole tree before this module can count it: 16 MB of small
    keys took 24 s and 800 MB that way. Every node but the first two follows a line break, ``:``,
    ``-``, ``?`` or ``[`` (a flow entry without ``:`` makes two nodes after ``,`` or ``{``), so
    counting those characters (C speed) bounds the nodes; the event composer, which stops at the
    limit, takes the files above it.

    Each count reads the whole text; most of these characters are absent from a declaration,
    which ``in`` tells several times faster (all eleven were counted for a 5 MB declaration,
    which holds fewer nodes than the limit).
    """
    if len(text) < limits.max_nodes:  # a node takes a character at least
        return False
    bound = 2
    for chars, weight in (("\n:-", 1), (",{", 2), ("\r\x85\u2028\u2029?[", 1)):
        for c in chars:
            if c in text:
                bound += weight * text.count(c)
                if bound > limits.max_nodes:  # usually on the first count or two
                    return True
    return False


def count_nodes(composer: Composer, text: str) -> None:
    """Count nodes from libyaml's events without composing; raise Abort when over the limit.

    For texts the character bound cannot clear. Counting costs about a microsecond a node
    against ten for the event composer, so a 16 MB file of tiny keys is turned away in a
    fraction of a second, with the composer's own problem (PD002, or PD008 when aliases
    expanded past the limit, raised by :meth:`Composer.count`). Anything unusual — a syntax
    error, an undefined or recursive alias, a second document — returns: the event composer
    then words it, and stops at the limit itself.
    """
    limit = composer.limits.max_nodes
    parser = CParser(text)
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
                composer.count(count - composer.nodes, event)  # raises Abort with the problem
    except yaml.YAMLError:
        return
