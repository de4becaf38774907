"""Plain data -> readable YAML, the way a clerk would type a declaration.

PyYAML's emitter escapes Chinese unless told otherwise, folds long lines, writes Decimals through
float and picks flow or block style by itself. Declarations are read and diffed by people, so this
writer is deliberate instead:

* block style, keys in the order given (the importer builds dicts in the schema's order);
* Chinese written as is, never escaped;
* multi-line texts as literal blocks (``|-``), so the published line breaks stay visible;
* short mappings listed under a "flow key" (``targets``) on one line, as in the example:
  ``- {name: 推送文章, comparison: "=", value: 200, unit: 条}``;
* Decimals written exactly as their text, never through float;
* a string is written plain only when perfdecl's own loader reads that plain text back as the
  same string with no remark; otherwise it is quoted. That check is the safety net against every
  YAML trap (``no``, ``010``, ``1:30``, ``: ``, `` #``, leading ``%`` …) without a list of them.

The import, render and init commands share it.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

"""The ``$id`` of the declaration schema; what the modeline points at by default."""

FLOW_WIDTH = 120
"""Longest flow mapping (in characters, indentation excluded) written on one line."""

LITERAL_AFTER = 60
"""A one-line text that needs quoting and is longer than this becomes a ``|-`` block instead."""

_INDENT = 2
_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ]|$)")
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\x00": "\\0",
    "\x07": "\\a",
    "\x08": "\\b",
    "\x0b": "\\v",
    "\x0c": "\\f",
    "\x1b": "\\e",
    "\x85": "\\N",
    "\xa0": "\\_",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


def double_quoted(text: str) -> str:
    """A YAML double-quoted scalar; only what YAML requires is escaped (Chinese stays as is)."""
    out = ['"']
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _UNPRINTABLE.match(ch):
            code = ord(ch)
            out.append(f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def _loads_as(document: str, key: str, value: str) -> bool:
    """True when perfdecl's loader reads ``document`` as ``{key: value}`` with no remark."""
    from perfdecl.loader import load_text

    loaded = load_text(document)
    return not loaded.problems and loaded.data == {key: value}


def _one_line(text: str) -> bool:
    return bool(text) and "\n" not in text and "\t" not in text and not _UNPRINTABLE.search(text)


def plain_ok(text: str, *, flow: bool = False) -> bool:
    """True when ``text`` may be written unquoted: the loader reads it back as the same str."""
    if not _one_line(text) or _TIMESTAMP.match(text):
        return False
    first = text[0]
    if (first.isascii() and not first.isalnum()) or unicodedata.category(first).startswith("P"):
        return False  # "=", "%", "“一街一品”…": quoted, as in the example and for YAML 1.1 tools
    document = f"{{k: {text}}}\n" if flow else f"k: {text}\n"
    return _loads_as(document, "k", text)


def key_ok(text: str, *, flow: bool = False) -> bool:
    """True when a mapping key may be written unquoted."""
    if not _one_line(text):
        return False
    return _loads_as(f"{{{text}: v}}\n" if flow else f"{text}: v\n", text, "v")


def _literal_ok(text: str) -> bool:
    """Texts a ``|-`` block reproduces exactly (no trailing newline, no leading blank line)."""
    if not text or text.endswith("\n") or text[0] in " \n":
        return False
    if _UNPRINTABLE.search(text) or "\r" in text:
        return False
    # Whitespace-only lines would lose their spaces; a leading tab confuses indentation.
    return all(line.strip() or not line for line in text.split("\n")) and not text.startswith("\t")


def scalar(value: Any, *, flow: bool = False) -> str:
    """One-line representation of a scalar (strings that need a block are not handled here)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        if value.is_finite():
            return format(value, "f")
        return double_quoted(str(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):  # never produced by perfdecl; written exactly as repr
        return repr(value) if value == value and abs(value) != float("inf") else f'"{value}"'
    if isinstance(value, datetime.datetime):
        return double_quoted(value.isoformat())
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    return text if plain_ok(text, flow=flow) else double_quoted(text)


def _key(key: Any, *, flow: bool = False) -> str:
    text = str(key)
    return text if key_ok(text, flow=flow) else double_quoted(text)


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, Mapping | list | tuple)


def _flow_mapping(value: Mapping[str, Any]) -> str | None:
    """``{a: 1, b: x}`` when every value is a one-line scalar and the result is short."""
    parts = []
    for k, v in value.items():
        if not _is_scalar(v) or (isinstance(v, str) and "\n" in v):
            return None
        parts.append(f"{_key(k, flow=True)}: {scalar(v, flow=True)}")
    text = "{" + ", ".join(parts) + "}"
    return text if len(text) <= FLOW_WIDTH else None


class _Writer:
    def __init__(self, flow_keys: frozenset[str]) -> None:
        self.flow_keys = flow_keys
        self.lines: list[str] = []

    def string_after(self, prefix: str, text: str, indent: int) -> None:
        """``prefix`` is ``key:`` or ``-``; the string follows on the line or as a block."""
        multi = "\n" in text
        if not multi and plain_ok(text):
            self.lines.append(f"{prefix} {text}")
            return
        if (multi or len(text) > LITERAL_AFTER) and _literal_ok(text):
            self.lines.append(f"{prefix} |-")
            pad = " " * (indent + _INDENT)
            self.lines.extend(f"{pad}{line}" if line else "" for line in text.split("\n"))
            return
        self.lines.append(f"{prefix} {double_quoted(text)}")

    def value_after(self, prefix: str, value: Any, indent: int, key: str | None) -> None:
        if isinstance(value, str):
            self.string_after(prefix, value, indent)
        elif isinstance(value, Mapping):
            if not value:
                self.lines.append(f"{prefix} {{}}")
            else:
                self.lines.append(prefix)
                self.mapping(value, indent + _INDENT)
        elif isinstance(value, list | tuple):
            if not value:
                self.lines.append(f"{prefix} []")
            else:
                self.lines.append(prefix)
                self.sequence(value, indent + _INDENT, flow=key in self.flow_keys)
        else:
            self.lines.append(f"{prefix} {scalar(value)}")

    def mapping(self, value: Mapping[str, Any], indent: int, first_prefix: str = "") -> None:
        pad = " " * indent
        for n, (k, v) in enumerate(value.items()):
            lead = first_prefix if n == 0 and first_prefix else pad
            self.value_after(f"{lead}{_key(k)}:", v, indent, str(k))

    def sequence(self, items: Sequence[Any], indent: int, *, flow: bool) -> None:
        pad = " " * indent
        for item in items:
            if isinstance(item, Mapping) and item:
                inline = _flow_mapping(item) if flow else None
                if inline is not None:
                    self.lines.append(f"{pad}- {inline}")
                else:
                    self.mapping(item, indent + _INDENT, first_prefix=f"{pad}- ")
            elif isinstance(item, list | tuple) and item:
                self.lines.append(f"{pad}-")
                self.sequence(item, indent + _INDENT, flow=False)
            else:
                self.value_after(f"{pad}-", item, indent, None)


def dumps(
    data: Mapping[str, Any],
    *,
    schema: str | None = None,
    comments: Iterable[str] = (),
    flow_keys: Iterable[str] = ("targets",),
) -> str:
    """The YAML text of ``data`` (a mapping), with the schema modeline on the first line.

    ``comments`` are written as ``# …`` lines after the modeline (the importer notes gaps there).
    Lists are indented under their key, as in ``examples/niujie_2019.yaml``.
    """
    writer = _Writer(frozenset(flow_keys))
    if schema:
        writer.lines.append(f"# yaml-language-server: $schema={schema}")
    for comment in comments:
        for line in str(comment).splitlines() or [""]:
            writer.lines.append(f"# {line}".rstrip())
    writer.mapping(data, 0)
    return "\n".join(writer.lines) + "\n"


__all__ = ["FLOW_WIDTH", "double_quoted", "dumps", "key_ok", "plain_ok", "scalar"]
