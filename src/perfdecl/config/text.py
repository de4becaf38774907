"""What the configuration's two halves (discovery in :mod:`perfdecl.config`, the pydantic schema in
:mod:`perfdecl.config.schema`) share: the code pattern, the configuration problem codes, and the
helpers that turn a TOML key into a positioned problem. Imports nothing above :mod:`perfdecl.problem`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from perfdecl.config.codes import CODES
from perfdecl.problem import Message, Problem, nearest

CODE_PATTERN = re.compile(r"PD[0-9]{0,3}")
"""A problem code (``PD203``) or a prefix of one (``PD2``, ``PD20``); ``PD`` alone means all."""


def display(path: Path) -> str:
    """A configuration path as the user would write it: relative to the working folder."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def problem(code: str, file: str, zh: str, en: str, where: tuple[int, int] | None) -> Problem:
    return Problem(
        code,
        CODES[code].severity,
        Message(zh, en),
        file,
        line=where[0] if where else None,
        column=where[1] if where else None,
    )


def nearest_key(key: str, valid: Iterable[str]) -> str | None:
    """The valid key closest to a misspelt one (``per-file-ignore`` -> ``per_file_ignores``)."""
    choices = list(valid)
    normal = key.replace("-", "_").lower()
    for choice in choices:
        if choice == normal:
            return choice
    return nearest(normal, choices)


_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_ASSIGN = re.compile(rf"^\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*=")


def _split_key(dotted: str) -> list[str]:
    parts = re.findall(_KEY_PART, dotted)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


def find_line(text: str, path: Sequence[str | int]) -> tuple[int, int] | None:
    """Line and column of the TOML key at ``path`` (table headers and dotted keys included).

    TOML parsers do not report positions of valid keys, so we scan the text, tracking the current
    table header (``[[array]]`` headers are numbered, so ``diff.ignore.2`` finds the third one);
    the deepest key found along the path is reported.
    """
    best: tuple[int, int] | None = None
    best_depth = -1
    table: list[str | int] = []
    target = list(path)
    arrays: dict[tuple[str, ...], int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header and not _ASSIGN.match(line):
            names = _split_key(header[1])
            table = list(names)
            if line.lstrip().startswith("[["):
                index = arrays[tuple(names)] = arrays.get(tuple(names), -1) + 1
                table.append(index)
            depth = _prefix_depth(table, target)
            if depth > best_depth and depth == len(table):
                best, best_depth = (number, line.index("[") + 1), depth
            continue
        assign = _ASSIGN.match(line)
        if not assign:
            continue
        full = table + _split_key(assign[1])
        depth = _prefix_depth(full, target)
        if depth > len(table) and depth > best_depth:
            best, best_depth = (number, len(line) - len(line.lstrip()) + 1), depth
            if depth == len(target):
                break
    return best


def _prefix_depth(found: Sequence[str | int], target: Sequence[str | int]) -> int:
    depth = 0
    for a, b in zip(found, target, strict=False):
        if a != b:
            break
        depth += 1
    return depth if depth == min(len(found), len(target)) else -1
