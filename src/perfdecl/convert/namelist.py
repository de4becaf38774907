"""An indicator table printed column after column: the 三级 names as one list of words.

Text extracted from some Word files (.doc) prints a table by columns, not rows: the header cells,
then every cell of the 三级 column one after another, separated by single spaces, with the 一级
and 二级 labels standing in the middle of the rows they head (a merged cell's text is printed at
its vertical middle), sometimes letter-spaced (``产 出 指 标``) or split (``效果指 标``,
``服务对象 <a name> 满意度指标``)::

    一级 指标 二级指标 三级指标 受理案件数 调解成功数 绩 效 指 标 产 出 指 标 数量指标 … 指标值

:func:`list_words` turns such a cell back into cells: the names, and the level labels put back
together. The table reader (:mod:`perfdecl.convert.table`) reads them as rows; what the text
cannot say (which 一级/二级 the rows around a label belong to, the values when the 指标值 column
is cut or does not pair one to one) is reported, never guessed silently (PD418).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_SINGLE = re.compile(r"^[\u4e00-\u9fff]$")
MAX_WORDS = 2000
"""A longer cell is not read as a list (it is prose)."""

Known = Callable[[str], bool]


def _letter_spaced(words: list[str], known: Known) -> list[str]:
    """``绩 效 指 标 产 出 指 标`` -> 绩效指标 | 产出指标: single characters joined until they
    make a known label; characters that make none are joined as they stand."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.append("".join(run))
            run.clear()

    for word in words:
        if not _SINGLE.match(word):
            flush()
            out.append(word)
            continue
        run.append(word)
        if known("".join(run)):
            flush()
    flush()
    return out


def list_words(text: str, is_level: Known, is_label: Known) -> list[tuple[str, str]]:
    """The cells of a column printed as one list: (kind, text) with kind ``level`` (a 一级/二级
    label, put back together), ``label`` (the table's section label) or ``name``.

    ``is_level`` tells a level name, ``is_label`` the section label (绩效指标)."""
    words = text.split()[:MAX_WORDS]
    words = _letter_spaced(words, lambda w: is_level(w) or is_label(w))
    out: list[tuple[str, str]] = []
    n = 0
    while n < len(words):
        word = words[n]
        nxt = words[n + 1] if n + 1 < len(words) else ""
        after = words[n + 2] if n + 2 < len(words) else ""
        if is_label(word):
            out.append(("label", word))
        elif nxt and is_level(word + nxt):
            out.append(("level", word + nxt))  # 效果指 / 标, 社会效益 / 指标
            n += 1
        elif is_level(word):
            out.append(("level", word))
        elif after and len(word) <= 6 and not is_level(nxt) and is_level(word + after):
            # 服务对象 <name> 满意度指标: the label printed around the name of its first row
            out += [("level", word + after), ("name", nxt)]
            n += 2
        elif word != "指标":
            out.append(("name", word))
        n += 1
    return out


def _measured(name: str, endings: tuple[str, ...]) -> bool:
    return name.endswith(endings)


def join_wrapped(
    words: list[tuple[str, str]], values: int, endings: tuple[str, ...]
) -> list[tuple[str, str]]:
    """Names wrapped over two lines in their cell, put back together: ``…基地项目补助`` then
    ``基地个数`` is one 三级 name.

    Two names are joined only when nothing else can explain them: the first is as long as the
    longest name of the list (a line wraps where the cell ends) and at least ten characters, and
    does not end as a measured name does (``endings``: 数, 率, 度 …); the second is short (two to
    six characters) and does; and the values printed as a list do not already pair one to one
    with the names (``values`` is their count, 0 when none): then two real rows would each have a
    value. When the values are printed, the joins must make them pair exactly.
    """
    names = [t for k, t in words if k == "name"]
    if len(names) < 3:
        return words
    widest = max(len(t) for t in names)
    joins: set[int] = set()
    for n in range(len(words) - 1):
        (k1, a), (k2, b) = words[n], words[n + 1]
        if k1 != "name" or k2 != "name" or n in joins or (n - 1) in joins:
            continue
        cut = len(a) >= max(10, widest - 1) and not _measured(a, endings)
        if cut and 2 <= len(b) <= 6 and _measured(b, endings):
            joins.add(n)
    if not joins or values == len(names):
        return words
    if values and values != len(names) - len(joins):
        return words
    out: list[tuple[str, str]] = []
    skip = False
    for n, (kind, text) in enumerate(words):
        if skip:
            skip = False
            continue
        if n in joins:
            out.append((kind, text + words[n + 1][1]))
            skip = True
        else:
            out.append((kind, text))
    return out


def is_list(text: str, is_level: Known, between: bool) -> bool:
    """A cell that holds a column printed as a list: at least three words, one of them a level
    label unless the cell stands between two header cells (三级指标 | <list> | 指标值)."""
    words = text.split()
    if len(words) < 3 or len(words) > MAX_WORDS:
        return False
    kinds = list_words(text, is_level, lambda _w: False)
    names = sum(k == "name" for k, _ in kinds)
    return names >= 2 and (between or any(k == "level" for k, _ in kinds))


__all__ = ["MAX_WORDS", "is_list", "join_wrapped", "list_words"]
