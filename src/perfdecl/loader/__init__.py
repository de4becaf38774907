"""Bytes -> plain data + source map, safely: the loader's public API.

The rooms of the loader, lowest first:

* :mod:`~perfdecl.loader.source`: :class:`Limits`, :class:`Span`, :class:`SourceMap`,
  :class:`Loaded` and line/column arithmetic;
* :mod:`~perfdecl.loader.codes`: the loader's problem codes (PD001-PD012) and the problems about
  a file as a whole;
* :mod:`~perfdecl.loader.read`: reading a file's bytes and decoding them;
* :mod:`~perfdecl.loader.events`: the event composer, which enforces the limits and words every
  problem in a document (duplicate keys, tags, aliases, YAML 1.1 traps...);
* :mod:`~perfdecl.loader.fast`: libyaml's node tree, taken for clean documents only.

This module chooses the road (:func:`load_text`) and holds the entry points.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfdecl.loader.codes import (
    CODES,
    FATAL,
    empty_file,
    lone_surrogate,
    not_a_mapping,
    null_document,
    syntax_problem,
    too_large,
    unreadable,
)
from perfdecl.loader.read import decode, read_path
from perfdecl.loader.source import (
    DEFAULT_LIMITS,
    FINAL_BREAKS,
    Limits,
    Loaded,
    SourceMap,
    Span,
    clamp_to_end,
)
from perfdecl.problem import Severity

if TYPE_CHECKING:  # imported on first use (see __getattr__): a cached run parses no YAML
    from perfdecl.loader.events import HAVE_LIBYAML, Composer

__all__ = [
    "CODES",
    "DEFAULT_LIMITS",
    "HAVE_LIBYAML",
    "Limits",
    "Loaded",
    "SourceMap",
    "Span",
    "decode",
    "gc_paused",
    "load_bytes",
    "load_path",
    "load_text",
    "read_path",
    "unreadable",
]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while one file is loaded or checked.

    Checking a file allocates a node, two marks and a span per value, then models, findings and
    problems, and frees little: the collector would walk the growing heap again and again for
    nothing (the data hold no cycles; any cycle made is collected after, once it resumes).
    Measured: loading the example 12.6 -> 8.7 ms; checking a 5 MB declaration 2.2-2.9 ->
    1.1-1.4 s (CPU, busy machine).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


USE_NODES = True
"""Take :mod:`perfdecl.loader.fast`' fast road for clean documents (tests turn it off to compare)."""
_NOT_CLEAN = object()


def __getattr__(name: str) -> Any:
    """``HAVE_LIBYAML``, from the module that imports PyYAML, on use."""
    if name == "HAVE_LIBYAML":
        from perfdecl.loader.events import HAVE_LIBYAML

        return HAVE_LIBYAML
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _may_exceed(text: str, limits: Limits) -> bool:
    from perfdecl.loader.fast import may_exceed

    return may_exceed(text, limits)


def _count_nodes(composer: Composer, text: str) -> None:
    from perfdecl.loader.fast import count_nodes

    count_nodes(composer, text)


def _events(text: str) -> Any:
    from perfdecl.loader.events import event_source

    return event_source(text)


def _compose_clean(composer: Composer, text: str, utf8: bytes | None) -> Any:
    """The document's data when libyaml's node tree converts cleanly, else ``_NOT_CLEAN``."""
    from perfdecl.loader import fast

    if not (USE_NODES and fast.AVAILABLE):
        return _NOT_CLEAN
    if _may_exceed(text, composer.limits):
        # Big: turn it away quickly if it is over the limit (raises Abort), else let the event
        # composer take it — for flat texts of this size it is no slower than libyaml's tree,
        # and it does not pay twice when the text turns out to need a remark.
        _count_nodes(composer, text)
        return _NOT_CLEAN
    try:
        data = fast.compose_clean(text, composer.source, composer.limits, composer.plain, utf8)
    except fast.GiveUp:
        return _NOT_CLEAN
    return _NOT_CLEAN if composer.problems else data


def load_text(text: str, *, file: str = "<text>", limits: Limits = DEFAULT_LIMITS) -> Loaded:
    """Compose one YAML document from text, never raising on bad input."""
    return _load(text, None, file, limits)


def _load(text: str, utf8: bytes | None, file: str, limits: Limits) -> Loaded:
    """:func:`load_text`; ``utf8`` is the text's UTF-8 bytes when the file was exactly those
    (no byte-order mark), which libyaml's fast road then reads instead of encoding the text."""
    import yaml

    from perfdecl.loader.events import EMPTY, Abort, Composer, libyaml_events

    composer = Composer(file, text, limits)
    data: Any = None
    with gc_paused():  # see gc_paused: composing frees nothing for the collector to find
        try:
            data = _compose_clean(composer, text, utf8)
            if data is _NOT_CLEAN:  # compose again from events: every problem is worded there
                composer = Composer(file, text, limits)
                data = composer.compose(_events(text))
        except Abort:
            data = None
        except yaml.YAMLError as exc:
            composer.problems.append(syntax_problem(exc, file, text, libyaml=libyaml_events()))
            data = None
        except UnicodeEncodeError as exc:  # a lone surrogate in text handed to libyaml
            composer.problems.append(lone_surrogate(file, text, exc.start))
            data = None
        except RecursionError:  # pragma: no cover - the loop is iterative; belt and braces
            composer.problem("PD009", "嵌套层级过深。", "nesting too deep.")
            data = None
    problems = composer.problems
    if data is EMPTY:
        problems.append(empty_file(file))
        data = None
    elif data is not None and not isinstance(data, dict):
        problems.append(not_a_mapping(file, data, composer.source))
        data = None
    elif data is None and not problems:
        problems.append(null_document(file))
    if any(p.severity is Severity.ERROR and p.code in FATAL for p in problems):
        data = None
    if text and not text.endswith(FINAL_BREAKS):
        clamp_to_end(composer.source, problems, text)
    return Loaded(file, data, composer.source, problems)


def load_bytes(raw: bytes, *, file: str = "<bytes>", limits: Limits = DEFAULT_LIMITS) -> Loaded:
    """Decode and compose; every failure is a :class:`Problem`, never an exception."""
    if len(raw) > limits.max_bytes:
        return Loaded(file, None, SourceMap(), [too_large(file, len(raw), limits)])
    text, encoding, problems = decode(raw, file)
    if text is None:
        return Loaded(file, None, SourceMap(), problems)
    loaded = _load(text, raw if encoding == "utf-8" else None, file, limits)
    loaded.problems[:0] = problems
    loaded.encoding = encoding
    return loaded


def load_path(path: str | os.PathLike[str] | Path, *, limits: Limits = DEFAULT_LIMITS) -> Loaded:
    """Read and load a file; unreadable paths give a PD001 problem."""
    name = os.fspath(path)
    raw, problems = read_path(name, limits=limits)
    if raw is None:
        return Loaded(name, None, SourceMap(), problems)
    return load_bytes(raw, file=name, limits=limits)
