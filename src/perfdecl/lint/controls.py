"""PD013: a value or key that holds an invisible control character.

A YAML double-quoted string can carry ``\\e[2J``, ``\\x1b]8;;…`` or ``\\u202e``: characters that a
declaration never needs and that make a terminal, a log or an editor show something other than
what the file says. Every reporter already prints them as visible escapes (perfdecl.escape); this
check makes sure the file itself is reported, so such a value cannot pass review unnoticed.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl.escape import first_hidden_control, hides_printable_control
from perfdecl.loader import SourceMap
from perfdecl.problem import Message, Problem, Severity, join_pointer, shorten

CODE = "PD013"
MAX_FINDINGS = 100
"""At most this many PD013 findings a file: a file full of them needs no more."""


def control_problems(data: object, source: SourceMap, file: str) -> Iterator[Problem]:
    """One finding per key or value that holds a control character (tab and line breaks
    aside), located at that key or value.

    A string of the data is either text of the file or made by a double-quoted escape (``\\e``),
    so a file whose text holds neither a control character nor a backslash has none to report:
    one scan of the text instead of a walk over every node (the 5 MB file: 13 ms instead of 44).
    A text libyaml's reader read whole can hold only a few of those characters
    (SourceMap.printable): the scan then looks for these alone."""
    text = source.text
    if text and "\\" not in text:
        if source.printable:
            if not hides_printable_control(text):
                return
        elif not first_hidden_control(text):
            return
    found = 0
    stack: list[tuple[str, object]] = [("", data)]
    while stack and found < MAX_FINDINGS:
        pointer, node = stack.pop()
        if isinstance(node, dict):
            for key, value in reversed(list(node.items())):
                child = join_pointer(pointer, key)
                if isinstance(key, str) and (shown := first_hidden_control(key)):
                    found += 1
                    yield _problem(source, file, child, shown, key=True)
                stack.append((child, value))
        elif isinstance(node, list):
            stack.extend((join_pointer(pointer, i), v) for i, v in reversed(list(enumerate(node))))
        elif isinstance(node, str) and (shown := first_hidden_control(node)):
            found += 1
            yield _problem(source, file, pointer, shown, key=False)


def _problem(source: SourceMap, file: str, pointer: str, shown: str, *, key: bool) -> Problem:
    span = source.locate(pointer, key=key)
    where = shorten(pointer or "/")
    return Problem(
        code=CODE,
        severity=Severity.ERROR,
        message=Message(
            f"{where} 含有不可见的控制字符 {shown}（终端转义、双向文本控制等），"
            "会使显示内容与文件不符；请删除。",
            f"{where} holds the invisible control character {shown} (a terminal escape or a bidi "
            "override) that makes what is shown differ from the file; remove it.",
        ),
        file=file,
        line=span.line if span else None,
        column=span.column if span else None,
        end_line=span.end_line if span else None,
        end_column=span.end_column if span else None,
        pointer=pointer,
    )
