"""The Fix page's edits written back into the clerk's own YAML text.

A clerk's file has comments (who filled in what, which figure is provisional), a key order and a
layout of its own; a fresh dump of the edited data loses all of them. When the edit changed only
scalar values (no row or field added or removed), each changed value is replaced at the span the
loader's source map gives for it, and nothing else in the text moves. The replacement is PyYAML's
own quoting of the value (so ``a: b``, ``#``, line breaks, leading ``*``/``&``/``!``, control
characters and look-alike numbers are quoted), checked by loading it back with perfdecl's loader.
The patched text as a whole is loaded again and compared with the edited data: if anything
differs (an alias, a merge key, a span the loader could not give), the answer is a fresh dump
instead, and the page says so.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from perfdecl.loader import Span, load_text

Layout = Literal["kept", "structure", "unsafe", "fresh"]
"""How the YAML text was written: the original with values replaced in place (``kept``), or
anew because rows or fields were added or removed (``structure``), because writing in place
would not have loaded back as the edited data (``unsafe``), or because there was no original
text to keep (``fresh``)."""

_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""A line break as YAML (and so the loader's line numbers) counts it."""
_WIDE = 2**30
_BLOCK = ("|", ">")


class Structural(ValueError):
    """The edit added or removed a row or field, or turned a value into a list or mapping."""


@dataclass(frozen=True, slots=True)
class Patched:
    """The YAML text for the edited data and how it was written."""

    text: str
    layout: Layout


def page_value(value: Any) -> Any:
    """A leaf as the page sees it (numbers by their text), so that a value sent back unchanged
    compares equal to the loaded one (a date travels as its text, 15000.00 stays 15000.00)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return ("num", format(value, "f")) if value.is_finite() else str(value)
    if isinstance(value, int):
        return ("num", str(value))
    return str(value)


def same(a: Any, b: Any) -> bool:
    """Whether two loaded documents are the same data as the page sees it."""
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return {str(k) for k in a} == {str(k) for k in b} and all(
            same(v, _get(b, k)) for k, v in a.items()
        )
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, Mapping | list) or isinstance(b, Mapping | list):
        return False
    return bool(page_value(a) == page_value(b))


def _get(mapping: Mapping[Any, Any], key: Any) -> Any:
    return mapping[key] if key in mapping else mapping.get(str(key))


def _token(key: Any) -> str:
    return str(key).replace("~", "~0").replace("/", "~1")


def changes(original: Any, edited: Any, pointer: str = "") -> list[tuple[str, Any]]:
    """(JSON pointer, new value) of every scalar the edit changed, in document order; raises
    :class:`Structural` when the edit is more than new scalar values."""
    found: list[tuple[str, Any]] = []
    stack: list[tuple[Any, Any, str]] = [(original, edited, pointer)]
    while stack:
        a, b, where = stack.pop()
        if isinstance(a, Mapping) and isinstance(b, Mapping):
            if {str(k) for k in a} != {str(k) for k in b} or len(a) != len(b):
                raise Structural(where)
            stack.extend((v, _get(b, k), f"{where}/{_token(k)}") for k, v in a.items())
        elif isinstance(a, list) and isinstance(b, list):
            if len(a) != len(b):
                raise Structural(where)
            stack.extend((x, y, f"{where}/{i}") for i, (x, y) in enumerate(zip(a, b, strict=True)))
        elif isinstance(a, Mapping | list) or isinstance(b, Mapping | list):
            raise Structural(where)
        elif page_value(a) != page_value(b):
            found.append((where, b))
    return found


# --- one scalar as YAML text -------------------------------------------------------------------


def _reads_back(text: str, value: Any) -> bool:
    """Whether ``text`` as a value reads back, through perfdecl's loader, as ``value``."""
    loaded = load_text(f"v: {text}\n", file="<value>")
    if not isinstance(loaded.data, dict) or not loaded.ok:
        return False
    return "v" in loaded.data and same({"v": loaded.data["v"]}, {"v": value})


def _dumped(value: Any, style: str | None = None) -> str:
    """PyYAML's text for one scalar in flow context (an item of ``[…]``), on one line."""
    import yaml

    text = yaml.safe_dump(
        [value], default_flow_style=True, allow_unicode=True, width=_WIDE, default_style=style
    ).strip()
    if not (text.startswith("[") and text.endswith("]")):
        raise ValueError(text[:40])
    return text[1:-1]


def scalar_text(value: Any) -> str:
    """One scalar as YAML text that fits on one line wherever a flow value may stand and reads
    back as ``value``: numbers as plain decimal notation, text as PyYAML quotes it (double
    quotes, every special character escaped, when anything else would not read back)."""
    if isinstance(value, Decimal) and value.is_finite():
        candidates = [format(value, "f")]
    elif isinstance(value, bool) or value is None or isinstance(value, int):
        candidates = [_dumped(value)]
    else:
        plain = value if isinstance(value, str) else str(value)
        candidates = [_dumped(plain), _dumped(plain, '"')]
        value = plain
    for text in candidates:
        if "\n" not in text and "\r" not in text and _reads_back(text, value):
            return text
    raise ValueError("no safe spelling")


def literal_text(value: str, indent: int) -> str | None:
    """A literal block (``|``) for a multi-line text replacing one, indented ``indent`` spaces,
    or None when the text cannot be written as one (controls, leading spaces, trailing blanks)."""
    if "\n" not in value.rstrip("\n") or value.endswith("\n\n"):
        return None
    body = value[:-1] if value.endswith("\n") else value
    lines = body.split("\n")
    if any(
        line != line.rstrip(" \t") or line.startswith((" ", "\t")) or not line.isprintable()
        for line in lines
    ):
        return None
    chomp = "" if value.endswith("\n") else "-"
    pad = " " * indent
    return f"|{chomp}\n" + "".join(f"{pad}{line}\n" if line else "\n" for line in lines)


# --- the text patched ---------------------------------------------------------------------------


def _starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _BREAK.finditer(text))]


def _index(starts: list[int], line: int, column: int) -> int:
    return starts[line - 1] + column - 1


def _block_indent(text: str, starts: list[int], span: Span) -> int:
    """The content indentation of a block scalar (that of its first non-blank line)."""
    for line in range(span.line + 1, min(span.end_line, len(starts)) + 1):
        end = starts[line] if line < len(starts) else len(text)
        raw = _BREAK.sub("", text[starts[line - 1] : end])
        if raw.strip():
            return len(raw) - len(raw.lstrip(" "))
    return 2


def replacement(text: str, starts: list[int], span: Span, value: Any) -> str:
    """The new text for the span of one value."""
    old = text[
        _index(starts, span.line, span.column) : _index(starts, span.end_line, span.end_column)
    ]
    if span.style in _BLOCK:
        if isinstance(value, str):
            block = literal_text(value, _block_indent(text, starts, span))
            if block is not None:
                return block
        new = scalar_text(value)
        ends_line = span.end_line > span.line and span.end_column == 1  # it took the line break
        return new + "\n" if ends_line else new
    new = scalar_text(value)
    return new if old else " " + new  # an empty value (``key:``) needs a space before its text


def patch(original: str, edited: Mapping[str, Any]) -> Patched:
    """``original`` with the scalars ``edited`` changes replaced in place, or a fresh dump when
    the edit is structural or the patched text would not load back as ``edited``."""
    loaded = load_text(original, file="<original>")
    if not isinstance(loaded.data, Mapping) or not loaded.ok:
        return Patched(_fresh(edited), "unsafe")
    try:
        edits = changes(loaded.data, edited)
    except Structural:
        return Patched(_fresh(edited), "structure")
    if not edits:
        return Patched(original, "kept")
    starts = _starts(original)
    pieces: list[tuple[int, int, str]] = []
    try:
        for pointer, value in edits:
            span = loaded.source.values.get(pointer)
            if span is None:
                raise ValueError(pointer)
            start = _index(starts, span.line, span.column)
            end = _index(starts, span.end_line, span.end_column)
            if original[start:end].lstrip()[:1] in ("*", "&", "!"):
                raise ValueError(pointer)  # an alias, an anchor or a tag: not one place
            pieces.append((start, end, replacement(original, starts, span, value)))
    except (ValueError, IndexError):
        return Patched(_fresh(edited), "unsafe")
    pieces.sort()
    if any(a[1] > b[0] for a, b in itertools.pairwise(pieces)):
        return Patched(_fresh(edited), "unsafe")
    text = original
    for start, end, new in reversed(pieces):
        text = text[:start] + new + text[end:]
    check = load_text(text, file="<patched>")
    if not check.ok or not same(check.data, edited):
        return Patched(_fresh(edited), "unsafe")
    return Patched(text, "kept")


def _fresh(edited: Mapping[str, Any]) -> str:
    from perfdecl.convert.yamlwrite import dumps

    return dumps(edited)
