"""The result cache: a file checked once is not checked again until something that decides its
result changes.

A CI job or a pre-commit hook checks the same hundreds of declarations over and over; most have
not changed. Each result is stored under a key made of

* the file's bytes (its SHA-256 is part of the key, so an edited file is a miss),
* the name it is shown under (problems carry it),
* the effective options of that file (limits, select/ignore/severity, every rule's typed
  options and the expected framework, as resolved from configuration and flags),
* perfdecl's version and a fingerprint of its installed modules and data files (size and
  modification time of every file of the package: the framework tables and the rules included),
  so that an upgrade or an edited checkout never reads an older run's results.

One entry is one small file of three JSON lines, ``<key[:2]>/<key>.json``, holding what the
reporters and the baseline read from a checked file (:func:`perfdecl.lint.runner.slim`): the
problems (their messages on a line per language, parsed only for the language printed), and the
spans of their pointers; the text for excerpts is the file's own bytes (stored only when decoding them
is not plain UTF-8). Entries are written atomically (:func:`perfdecl.files.write_atomic`), so
parallel runs never see half an entry; an entry that cannot be read or parsed, or that does not
have the expected shape, is a miss. The folder is kept under a size bound: when a run has added
entries and the folder holds more than the bound, the oldest entries (by modification time)
are removed.

The cache lives in the user's cache folder (``$XDG_CACHE_HOME/perfdecl`` or
``~/.cache/perfdecl``) or in the folder named by ``--cache-dir`` or ``PERFDECL_CACHE_DIR``; a
folder from the environment that lies inside a checked file's repository is not used (a
checked-out tree cannot bring its own results), only one named with ``--cache-dir``.

This module imports neither the models nor the rules: a run where every file hits needs neither.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from perfdecl.config.options import Options
from perfdecl.lint import FileResult
from perfdecl.lint.folder import Ledger
from perfdecl.loader.source import SourceMap, Span
from perfdecl.problem import SEVERITY_OF, Message, Problem, Related
from perfdecl.version import __version__

CACHE_ENV = "PERFDECL_CACHE_DIR"
FORMAT = 3
"""The entry format; part of every key."""
DEFAULT_MAX_MB = 256
"""The folder is pruned back under this size (MiB) after a run that added entries."""
PRUNE_TO = 0.8
"""Pruning removes the oldest entries until the folder is at this share of the bound."""
_SUFFIX = ".json"
RUN_SUFFIX = ".run"
"""A whole run's output (perfdecl.cli.run_cache), kept in the same folder and pruned with it."""
_ROOT_MARKERS = (".git", ".hg")


def user_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/perfdecl``, else ``~/.cache/perfdecl``."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not base or not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "perfdecl"


def repository_of(path: str) -> Path | None:
    """The nearest folder at or above ``path`` that holds ``.git`` or ``.hg``."""
    here = Path(os.path.abspath(path))
    for folder in (here, *here.parents):
        if any(os.path.exists(folder / marker) for marker in _ROOT_MARKERS):
            return folder
    return None


def inside(child: Path, parent: Path) -> bool:
    """Whether ``child`` is ``parent`` or below it (both made absolute, links resolved)."""
    try:
        Path(os.path.realpath(child)).relative_to(os.path.realpath(parent))
    except ValueError:
        return False
    return True


def choose_dir(explicit: str | None, *, disabled: bool, checked: Sequence[str]) -> Path | None:
    """The cache folder of a run, or None for no cache.

    ``--cache-dir`` (``explicit``) is used as given. Otherwise ``PERFDECL_CACHE_DIR``, else the
    user cache folder; either is dropped when it lies inside the repository (the nearest folder
    with ``.git`` or ``.hg``) of a file being checked: a checked tree cannot bring its own cache.
    """
    if disabled:
        return None
    if explicit:
        return Path(explicit)
    folder = Path(os.environ.get(CACHE_ENV) or user_cache_dir())
    folders = {os.path.dirname(os.path.abspath(name)) for name in checked}
    roots = {repository_of(f) for f in folders}
    if any(root is not None and inside(folder, root) for root in roots):
        return None
    return folder


_FINGERPRINT: list[str] = []


def code_fingerprint() -> str:
    """perfdecl's version and the size and modification time of each of its installed files."""
    if _FINGERPRINT:
        return _FINGERPRINT[0]
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(f"perfdecl {__version__} format {FORMAT}".encode())
    for root, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(root, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            rel = os.path.relpath(path, package)
            digest.update(f"\0{rel}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    _FINGERPRINT.append(digest.hexdigest())
    return _FINGERPRINT[0]


def entry_key(name: str, data: bytes, options: Options) -> str:
    """The key of one file's result (hex SHA-256)."""
    digest = hashlib.sha256(code_fingerprint().encode())
    # repr of the frozen dataclasses is deterministic: limits, codes, severities, each rule's
    # typed options and the framework; debug changes nothing that is stored.
    shown = repr((options.limits, options.settings, options.select, options.ignore))
    shown += repr((sorted(options.severity.items()), options.run_rules, options.protected_only))
    shown += repr(options.config_key)  # the configuration's and its framework files' bytes
    for part in (name.encode("utf-8", "surrogateescape"), shown.encode(), data):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def _problem_row(p: Problem) -> list[Any]:
    return [
        p.code,
        p.severity.value,
        p.file,
        p.line,
        p.column,
        p.end_line,
        p.end_column,
        p.pointer,
        [[r.pointer, r.line, r.column, r.end_line, r.end_column] for r in p.related],
    ]


def encode(result: FileResult, data: bytes) -> str:
    """A slim result as one entry: three lines of JSON.

    The first holds the problems without their messages, the text (when it is not the file's
    bytes as UTF-8) and the spans, and the SHA-256 of the other two lines; the second the Chinese
    messages, the third the English ones. A run prints one language, so only that line is ever
    parsed (:class:`_Messages`): the messages are most of an entry, and parsing them was most of
    a cached run.
    """
    text: str | None = result.source.text
    try:
        if text == data.decode("utf-8"):
            text = None  # rebuilt from the file's bytes
    except UnicodeDecodeError:
        pass
    zh = json.dumps([p.message.zh for p in result.problems], ensure_ascii=False)
    en = json.dumps([p.message.en for p in result.problems], ensure_ascii=False)
    entry = {
        "format": FORMAT,
        "file": result.file,
        "problems": [_problem_row(p) for p in result.problems],
        "text": text,
        "spans": {k: list(v) for k, v in result.source.values.items()},
        "messages": [_digest(zh), _digest(en)],
        "ledger": None if result.ledger is None else result.ledger.to_list(),
    }
    head = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    return f"{head}\n{zh}\n{en}"  # json.dumps escapes every line break inside a string


def _digest(line: str | bytes) -> str:
    """SHA-256 of a line as stored (UTF-8)."""
    if isinstance(line, str):
        line = line.encode("utf-8", "surrogatepass")
    return hashlib.sha256(line).hexdigest()


class _Messages:
    """The messages of one entry in both languages, each parsed on its first use.

    Both lines were checked against their digests when the entry was read, so a damaged entry is
    a miss before any of it is used; a line that still does not parse into one string a problem
    could only have been written by hand with matching digests, and reads as empty messages.
    """

    __slots__ = ("_count", "_parsed", "_raw")

    def __init__(self, zh: str | bytes, en: str | bytes, count: int) -> None:
        self._raw = (zh, en)
        self._parsed: list[list[str] | None] = [None, None]
        self._count = count

    def text(self, which: int, index: int) -> str:
        parsed = self._parsed[which]
        if parsed is None:
            try:
                items = json.loads(self._raw[which])
            except ValueError:
                items = None
            ok = isinstance(items, list) and len(items) == self._count
            if not ok or not all(type(item) is str for item in items):
                items = [""] * self._count
            parsed = self._parsed[which] = items
        return parsed[index]


class _StoredMessage(Message):
    """A :class:`Message` whose texts stay in the entry until a reporter reads them."""

    __slots__ = ("_index", "_messages")
    _index: int
    _messages: _Messages

    def __init__(self, messages: _Messages, index: int) -> None:
        object.__setattr__(self, "_messages", messages)
        object.__setattr__(self, "_index", index)

    @property
    def zh(self) -> str:
        return self._messages.text(0, self._index)

    @property
    def en(self) -> str:
        return self._messages.text(1, self._index)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return (self.zh, self.en) == (other.zh, other.en)

    def __hash__(self) -> int:
        return hash((self.zh, self.en))

    def __repr__(self) -> str:
        return f"Message(zh={self.zh!r}, en={self.en!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Message, (self.zh, self.en))


def _opt_int(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ValueError("not an integer")


def _str(value: object) -> str:
    if isinstance(value, str):
        return value
    raise ValueError("not a string")


def _problem_of(row: Sequence[Any], message: Message) -> Problem:
    """One stored problem row back into a :class:`Problem`; ValueError when it is not one.

    The types are checked inline (``type(x) is``): a cached run decodes tens of thousands of
    rows, and a check per field through a helper cost as much as the rest of the run.
    """
    code, sev, file, line, col, end_line, end_col, pointer, related = row
    if not (
        type(code) is str
        and type(file) is str
        and type(pointer) is str
        and (line is None or type(line) is int)
        and (col is None or type(col) is int)
        and (end_line is None or type(end_line) is int)
        and (end_col is None or type(end_col) is int)
    ):
        raise ValueError("not a problem row")
    also = (
        tuple(
            Related(_str(r[0]), _opt_int(r[1]), _opt_int(r[2]), _opt_int(r[3]), _opt_int(r[4]))
            for r in related
        )
        if related
        else ()
    )
    return Problem(
        code, SEVERITY_OF[sev], message, file, line, col, end_line, end_col, pointer, also
    )


def decode(raw: str | bytes, data: bytes) -> FileResult:
    """An entry (as read: bytes) back into the slim result; raises ValueError (or KeyError,
    TypeError) on anything that is not an entry of this format. The message lines stay bytes
    until a language is read."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    head, zh, en = raw.split(b"\n")
    entry = json.loads(head)
    if not isinstance(entry, dict) or entry.get("format") != FORMAT:
        raise ValueError("not an entry of this format")
    if entry["messages"] != [_digest(zh), _digest(en)]:
        raise ValueError("damaged messages")
    rows = entry["problems"]
    messages = _Messages(zh, en, len(rows))
    problems = [_problem_of(row, _StoredMessage(messages, i)) for i, row in enumerate(rows)]
    text = entry["text"]
    if text is None:
        text = data.decode("utf-8")
    spans: dict[str, Span] = {}
    for pointer, span in entry["spans"].items():
        line, col, end_line, end_col, style = span
        if style is not None:
            style = _str(style)
        spans[_str(pointer)] = Span(int(line), int(col), int(end_line), int(end_col), style)
    return FileResult(
        _str(entry["file"]),
        tuple(problems),
        None,
        SourceMap(text=_str(text), values=spans),
        ledger_from_row(entry.get("ledger")),
    )


def ledger_from_row(row: object) -> Ledger | None:
    """A cached ledger (lint/folder.py), or None; raises ValueError on a malformed one."""
    if row is None:
        return None
    if not isinstance(row, list) or len(row) != 9:
        raise ValueError("not a ledger")
    kind, unit, year, amount, pointer, line, col, end_line, end_col = row
    if kind not in ("project", "department") or isinstance(year, bool) or not isinstance(year, int):
        raise ValueError("not a ledger")
    try:
        money = Decimal(_str(amount))
    except InvalidOperation as exc:
        raise ValueError("not an amount") from exc
    if not money.is_finite():
        raise ValueError("not an amount")
    return Ledger(
        _str(kind),
        _str(unit),
        year,
        money,
        _str(pointer),
        _opt_int(line),
        _opt_int(col),
        _opt_int(end_line),
        _opt_int(end_col),
    )


@dataclass(slots=True)
class ResultCache:
    """One folder of entries; counts what a run found and added."""

    folder: Path
    max_bytes: int = DEFAULT_MAX_MB * 1024 * 1024
    hits: int = 0
    misses: int = 0
    added: int = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / (key + _SUFFIX)

    def has(self, key: str) -> bool:
        """Whether an entry exists for ``key`` (it may still prove corrupt: then a miss)."""
        return self._path(key).is_file()

    def get(self, key: str, data: bytes) -> FileResult | None:
        """The stored result, or None (absent, unreadable or corrupt: a miss)."""
        try:
            result = decode(self._path(key).read_bytes(), data)
        except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, key: str, result: FileResult, data: bytes) -> None:
        """Store a slim result; a cache that cannot be written is no cache (never an error)."""
        if any(p.code == "PD900" for p in result.problems):
            return  # an internal error is not a result
        from perfdecl.files import write_atomic

        try:
            path = self._path(key)
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, encode(result, data), force=True)
        except (OSError, ValueError):
            return
        self.added += 1

    def prune(self) -> None:
        """Remove the oldest entries while the folder holds more than the bound."""
        if not self.added:
            return
        entries: list[tuple[int, int, str]] = []
        total = 0
        try:
            shards = list(os.scandir(self.folder))
        except OSError:
            return
        for shard in shards:
            if not shard.is_dir(follow_symlinks=False) or len(shard.name) != 2:
                continue
            try:
                for item in os.scandir(shard.path):
                    if item.name.endswith((_SUFFIX, RUN_SUFFIX)) and item.is_file(
                        follow_symlinks=False
                    ):
                        st = item.stat(follow_symlinks=False)
                        entries.append((st.st_mtime_ns, st.st_size, item.path))
                        total += st.st_size
            except OSError:
                continue
        if total <= self.max_bytes:
            return
        entries.sort()
        goal = int(self.max_bytes * PRUNE_TO)
        for _, size, path in entries:
            if total <= goal:
                break
            try:
                os.unlink(path)
            except OSError:
                continue
            total -= size
