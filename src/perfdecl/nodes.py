"""The fast road through the loader: libyaml composes, we only convert clean documents.

The loader's event composer (:class:`perfdecl.loader._Composer`) pays a Python call and an event
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
from typing import TYPE_CHECKING, Any

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from perfdecl.problem import join_pointer

if TYPE_CHECKING:
    from perfdecl.loader import Limits, SourceMap, Span

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


def compose_clean(
    text: str,
    source: SourceMap,
    limits: Limits,
    resolve_plain: Callable[[str, Any, str], Any],
) -> Any:
    """Data of a clean single-document ``text``, filling ``source``; raises :class:`GiveUp`.

    ``resolve_plain(value, node, pointer)`` is the loader's own plain-scalar resolution; the
    caller gives up on the result when that resolution made a remark. An empty stream or a
    second document gives up too (rare, and the event composer words them).
    """
    from perfdecl.loader import Span

    try:
        parser = _Parser(text)
        if not parser.check_node():
            raise GiveUp  # no document at all
        root = parser.get_node()
        if parser.check_node():
            raise GiveUp  # a second document
    except GiveUp:
        raise
    except Exception:  # a syntax error (or anything libyaml dislikes): the event road words it
        raise GiveUp from None

    values: dict[str, Span] = source.values
    keys: dict[str, Span] = source.keys
    max_depth = limits.max_depth
    max_nodes = limits.max_nodes
    seen: set[int] = set()
    count = 0

    def span(node: Any, style: str | None) -> Span:
        s, e = node.start_mark, node.end_mark
        return Span(s.line + 1, s.column + 1, e.line + 1, e.column + 1, style)

    def scalar(node: ScalarNode, pointer: str) -> Any:
        tag = node.tag
        if tag == _TEXT:
            value: Any = node.value
        elif tag == _PLAIN and not node.style:
            value = resolve_plain(node.value, node, pointer)
        else:
            raise GiveUp  # an explicit tag
        values[pointer] = span(node, node.style or None)
        return value

    # Each frame: node, its container, its pointer, the items' iterator.
    stack: list[tuple[Any, Any, str, Any]] = []

    def open_(node: Any, pointer: str) -> Any:
        if node.tag != _PLAIN or len(stack) >= max_depth:
            raise GiveUp
        container: Any = {} if isinstance(node, MappingNode) else []
        stack.append((node, container, pointer, iter(node.value)))
        return container

    def enter(node: Any, pointer: str) -> tuple[bool, Any]:
        """Convert a scalar now, or open a collection frame; (is_collection, value)."""
        nonlocal count
        ident = id(node)
        if ident in seen:
            raise GiveUp  # an alias: the tree has lost where it was written
        seen.add(ident)
        count += 1
        if count > max_nodes:
            raise GiveUp
        if isinstance(node, ScalarNode):
            return False, scalar(node, pointer)
        return True, open_(node, pointer)

    is_collection, root_value = enter(root, "")
    if not is_collection:
        return root_value
    while stack:
        node, container, pointer, items = stack[-1]
        item = next(items, None)
        if item is None:
            stack.pop()
            values.setdefault(pointer, span(node, None))
            continue
        if isinstance(node, SequenceNode):
            child_pointer = join_pointer(pointer, len(container))
            is_collection, value = enter(item, child_pointer)
            container.append(value)
            continue
        key_node, value_node = item
        if not isinstance(key_node, ScalarNode) or key_node.tag not in (_PLAIN, _TEXT):
            raise GiveUp  # complex or tagged key
        key = key_node.value
        if key in container or (key == "<<" and not key_node.style) or id(key_node) in seen:
            raise GiveUp  # duplicate, merge or aliased key
        seen.add(id(key_node))
        count += 1
        child_pointer = join_pointer(pointer, key)
        keys[child_pointer] = span(key_node, key_node.style or None)
        is_collection, value = enter(value_node, child_pointer)
        container[key] = value
    return root_value
