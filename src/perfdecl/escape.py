"""The one place where an untrusted string is made safe for the place it is written to.

Declarations, file names and configurations come from other people's pull requests; every value,
key or path that perfdecl quotes may carry terminal escapes, newlines that start a GitHub workflow
command, Markdown links, characters XML cannot hold, spreadsheet formulas, or bytes that are not
UTF-8. Reporters and messages never write such a string raw: they call :func:`safe` with the sink
they write to. Each sink's rule is small and tested on its own (tests/test_escape.py).

Invisible and control characters are shown as visible escapes (``\\x1b``, ``\\n``, ``\\u202e``),
never dropped, so a reviewer sees that they are there; a file name byte that is not UTF-8 (held by
Python as a surrogate escape) is shown as ``\\xNN`` in every sink alike.
"""

from __future__ import annotations

import re
from typing import Literal

Sink = Literal[
    "terminal",
    "github-data",
    "github-property",
    "markdown",
    "markdown-line",
    "xml",
    "csv",
    "path",
    "json",
]

# C0 controls but tab, DEL, C1 controls, bidirectional overrides and isolates, line and paragraph
# separators, and lone surrogates (a file name's undecodable bytes under surrogateescape).
_UNSAFE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _visible(char: str) -> str:
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def terminal(text: str) -> str:
    """One line for a terminal or a CI log: controls, newlines and bidi marks made visible."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(lambda m: _visible(m.group()), text)


def has_controls(text: str) -> bool:
    """Whether :func:`terminal` would change ``text`` (tabs aside)."""
    return _UNSAFE.search(text) is not None


_HIDDEN = re.compile(_UNSAFE.pattern.replace("\x0a-\x1f", "\x0b-\x1f"))


def first_hidden_control(text: str) -> str:
    """The first control character of ``text`` as a visible escape (tab and line feed, which
    multi-line values hold, aside), or "" when it has none."""
    found = _HIDDEN.search(text)
    return _visible(found.group()) if found else ""


HIDDEN_PRINTABLE = (
    "\r\x85\u061c\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
"""The characters :func:`first_hidden_control` shows that YAML's printable set (c-printable:
tab, line feed, carriage return, U+0020-U+007E, NEL, U+00A0-U+D7FF, U+E000-U+FFFD and above)
allows: the only ones a text libyaml's reader accepted can hold (tests/test_escape.py derives
them from both sets)."""


def hides_printable_control(text: str) -> bool:
    """Whether ``first_hidden_control(text)`` finds something, for a text that YAML's reader
    accepted whole (see :data:`HIDDEN_PRINTABLE`). Sixteen searches for one character each
    cost a quarter of the regular expression's one pass (about 1.1 M instructions over a
    30 kB declaration, which every checked file paid)."""
    return any(char in text for char in HIDDEN_PRINTABLE)


def json_text(text: str) -> str:
    """A JSON string value: the encoder escapes controls itself; only lone surrogates (which no
    UTF-8 output can hold) become ``\\xNN``."""
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(lambda m: _visible(m.group()), text)


def path(text: str) -> str:
    """A file name as shown anywhere: :func:`terminal`, and a relative name that starts with
    ``:`` gets ``./`` so that a line starting with it is never read as a workflow command."""
    shown = terminal(text)
    return f"./{shown}" if shown.startswith(":") else shown


_UNSAFE_BUT_LINES = re.compile(_UNSAFE.pattern.replace("\x0a-\x1f", "\x0b\x0c\x0e-\x1f"))


def github_data(text: str) -> str:
    """The message part of a GitHub workflow command (``::error …::DATA``): line breaks as the
    Actions toolkit encodes them (``%0A``, so no line of ours can start a command), every other
    control character made visible."""
    text = _UNSAFE_BUT_LINES.sub(lambda m: _visible(m.group()), text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value of a workflow command (``file=``, ``title=``): ``:`` and ``,`` too."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]|~$<])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_MARKDOWN_LINE_START = re.compile(r"^([#+\-=!.>:]|\d+(?=[.)]))")
_AUTOLINK = re.compile(r"(?i)(://|www\.)")


def markdown(text: str) -> str:
    """Inline Markdown text (a table cell, a heading's text): nothing in it forms a link, an
    image, an emphasis, HTML, an autolink, maths or a table border, and it stays on one line."""
    text = terminal(" ".join(text.split()))  # line breaks are whitespace in a cell
    text = _ENTITY.sub(r"\\&", _MARKDOWN_INLINE.sub(r"\\\1", text))
    return _AUTOLINK.sub(_defang, text)


def _defang(match: re.Match[str]) -> str:
    return "\\://" if match.group() == "://" else match.group()[:3] + "\\."


def markdown_line(text: str) -> str:
    """A line that starts a Markdown block (a paragraph): :func:`markdown`, and "1." "#" "-"
    ">" at its start do not make a list, heading or quote."""
    text = markdown(text)
    start = _MARKDOWN_LINE_START.match(text)
    if start is None:
        return text
    if start.group()[0].isdigit():  # "1." would start a list: escape the dot
        return f"{start.group()}\\{text[start.end() :]}"
    return f"\\{text}"


def markdown_code(text: str) -> str:
    """Text shown as inline code: a backtick-free span, or escaped text when it holds one."""
    shown = terminal(text)
    if "`" in shown or not shown.strip():
        return markdown(text)
    return f"`{shown}`"


def xml(text: str) -> str:
    """Character data or an attribute value in XML 1.0, which cannot hold most control
    characters even escaped: they are shown as ``\\xNN`` (the caller's XML writer escapes
    ``& < > "``)."""
    return terminal(text)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def csv(text: str) -> str:
    """A spreadsheet cell: a text that a spreadsheet would run as a formula starts with ``'``
    (a plain number such as ``-5.2``, or a lone sign such as the comparison ``=``, is left as
    it is: neither can run anything)."""
    text = json_text(text)
    if len(text) > 1 and text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


_SINKS = {
    "terminal": terminal,
    "github-data": github_data,
    "github-property": github_property,
    "markdown": markdown,
    "markdown-line": markdown_line,
    "xml": xml,
    "csv": csv,
    "path": path,
    "json": json_text,
}


def safe(text: str, sink: Sink) -> str:
    """``text`` made safe for ``sink``: the one entry point every writer goes through."""
    return _SINKS[sink](text)
