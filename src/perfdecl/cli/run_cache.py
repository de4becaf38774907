"""The run cache: a ``perfdecl validate`` run repeated over unchanged inputs prints the report it
printed before, without reading a finding.

The result cache (:mod:`perfdecl.lint.cache`) answers each unchanged file from its entry, but a
run over hundreds of files still rebuilt, filtered and rendered every finding (about 15 µs each,
16,000 on the benchmark's 200 files). A CI job or a hook re-runs the *same command* over the
same files, so this module keeps the run's rendered output whole, under a key made of

* everything the per-file key holds, for every file of the run, in order (each file's name,
  bytes, effective options and configuration bytes, perfdecl's code fingerprint):
  :func:`perfdecl.lint.cache.entry_key`;
* the command's arguments (formats, ``--output`` paths, language, colour, filters, ``--strict``,
  ``--quiet``, ``--statistics``, ``--verbose`` ...), except ``--jobs`` and the cache's folder;
* the baseline's absolute path and bytes, the working folder (SARIF and GitHub paths are
  relative to it), the problems of the configuration and the inputs that named nothing.

Only runs whose output depends on nothing else use it: not on a terminal (colour, excerpts,
progress bar), never with ``--color always``, ``--write-baseline``, a GitHub job summary,
unreadable input, or a result that holds an internal error. An entry is stored only when the
files read after the run give the key read before it (a file edited during the run is never
stored under the bytes it no longer has). The entry lives in the result cache's folder (same
rules: outside the checked repository unless ``--cache-dir`` names it, pruned with it) as
``<key[:2]>/<key>.run``: one JSON line (the summary, the ``--output`` reports, and the SHA-256
of the rest), then the standard output exactly as written. A damaged entry is a miss.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

from perfdecl.cli.options import ValidateArgs
from perfdecl.lint import FileResult
from perfdecl.lint.cache import RUN_SUFFIX
from perfdecl.lint.runner import Batch, Task
from perfdecl.reporters.base import Summary

RUN_FORMAT = 1
Shown = tuple[list[str], list[tuple[str, str]], str, bool | None]
"""Formats on standard output, ``--output`` reports, language, colour: as the run settled them."""


def _results_repr(results: Sequence[FileResult]) -> str:
    return repr([(r.file, r.problems) for r in results])


def _task_keys(tasks: Sequence[Task]) -> list[str] | None:
    """Each task's result-cache key, or None when one cannot be read (no run cache then)."""
    from perfdecl.lint.cache import entry_key
    from perfdecl.lint.runner import task_bytes

    keys = []
    for task in tasks:
        if task.error is not None:
            return None
        data = task_bytes(task)
        if data is None:
            return None
        keys.append(f"{int(task.excluded)}{entry_key(task.name, data, task.options)}")
    return keys


@dataclass(slots=True)
class RunKey:
    """A run's key, and what is needed to compute it again after the run."""

    fixed: bytes
    tasks: Sequence[Task]
    config_error: tuple[bool, list[tuple[str, bool]] | None]
    value: str = ""

    def compute(self) -> str | None:
        keys = _task_keys(self.tasks)
        if keys is None:
            return None
        digest = hashlib.sha256(self.fixed)
        for key in keys:
            digest.update(key.encode())
        return digest.hexdigest()


def run_key(
    args: ValidateArgs,
    shown: Shown,
    batch: Batch,
    config_error: tuple[bool, list[tuple[str, bool]] | None],
    *,
    terminal: bool,
) -> RunKey | None:
    """The key of this run's output, or None when the run is not one the cache may answer.

    ``shown``: what the run settled from the arguments and the environment (the formats on
    standard output, the parsed ``--output`` reports, the language, the colour);
    ``config_error``: whether a configuration of the run is broken, and which of the files the
    baseline names exist (their findings are gone when they do not)."""
    from perfdecl.lint.cache import code_fingerprint

    formats, _, _, color = shown
    if terminal or color is True or args.write_baseline:
        return None
    if "github" in formats and os.environ.get("GITHUB_STEP_SUMMARY"):
        return None
    stream = stdout_encoding()
    if stream is None:
        return None
    plain = replace(args, jobs=None, cache_dir=None, force=False)  # none changes the output
    baseline = b""
    if args.baseline is not None:
        try:
            baseline = Path(args.baseline).read_bytes()
        except OSError:
            return None
        where = os.path.abspath(args.baseline).encode("utf-8", "surrogateescape")
        baseline = where + b"\0" + baseline
    parts = [
        f"perfdecl run {RUN_FORMAT} {code_fingerprint()}",
        repr(plain),
        repr((shown, config_error, stream)),
        os.getcwd(),
        _results_repr(batch.head),
        repr([_results_repr(p) for p in batch.prefaces]),
    ]
    digest = hashlib.sha256()
    for part in [*(p.encode("utf-8", "surrogateescape") for p in parts), baseline]:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    key = RunKey(digest.digest(), batch.tasks, config_error)
    value = key.compute()
    if value is None:
        return None
    key.value = value
    return key


def stdout_encoding() -> tuple[str, str] | None:
    """Standard output's encoding and error handler: the output is stored as the bytes they
    made of it, and both are part of the key."""
    encoding = getattr(sys.stdout, "encoding", None)
    errors = getattr(sys.stdout, "errors", None) or "strict"
    if not isinstance(encoding, str) or not isinstance(errors, str):
        return None
    return encoding, errors


def write_stdout(data: bytes) -> None:
    """Stored output back onto standard output: the bytes themselves where the text layer
    would write them unchanged (no newline translation), else decoded and written as text."""
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if os.linesep == "\n" and isinstance(out, io.TextIOWrapper) and buffer is not None:
        out.flush()
        buffer.write(data)
        return
    encoding, errors = stdout_encoding() or ("utf-8", "strict")
    out.write(data.decode(encoding, errors))


class Tee(io.TextIOBase):
    """Standard output for a run that may be stored: written through, and kept."""

    def __init__(self, target: TextIO) -> None:
        self._target = target
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return self._target.write(text)

    def flush(self) -> None:
        self._target.flush()

    def isatty(self) -> bool:
        return False  # a run that may be stored never writes to a terminal

    def encoded(self) -> bytes:
        """What was written, as the bytes standard output's encoding made of it."""
        encoding, errors = stdout_encoding() or ("utf-8", "strict")
        return "".join(self.parts).encode(encoding, errors)

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self._target, "encoding", "utf-8"))


@dataclass(slots=True)
class Stored:
    """One run's output, as stored."""

    stdout: bytes  # as standard output's encoding wrote it
    summary: Summary
    reports: list[str] = field(default_factory=list)  # the --output files' texts, in order


_SUMMARY = ("files", "errors", "warnings", "infos", "unreadable", "strict", "config_error")


def encode(stored: Stored) -> bytes:
    body = stored.stdout
    head: dict[str, Any] = {
        "format": RUN_FORMAT,
        "summary": [getattr(stored.summary, name) for name in _SUMMARY],
        "configurations": stored.summary.configurations,
        "reports": stored.reports,
        "sha256": hashlib.sha256(body).hexdigest(),
    }
    line = json.dumps(head, ensure_ascii=True, separators=(",", ":")).encode()
    return line + b"\n" + body


def decode(raw: bytes) -> Stored:
    """An entry back into the output it holds; ValueError (KeyError, TypeError) when it is not
    an intact entry of this format."""
    end = raw.find(b"\n")
    if end < 0:
        raise ValueError("not a run entry")
    head = json.loads(raw[:end])
    body = raw[end + 1 :]
    if not isinstance(head, dict) or head.get("format") != RUN_FORMAT:
        raise ValueError("not a run entry of this format")
    if head["sha256"] != hashlib.sha256(body).hexdigest():
        raise ValueError("damaged entry")
    values = head["summary"]
    configurations = head["configurations"]
    reports = head["reports"]
    if not (
        isinstance(values, list)
        and len(values) == len(_SUMMARY)
        and all(type(v) is int for v in values[:5])
        and all(type(v) is bool for v in values[5:])
        and isinstance(configurations, list)
        and all(type(c) is str for c in configurations)
        and isinstance(reports, list)
        and all(type(r) is str for r in reports)
    ):
        raise ValueError("not a run entry")
    summary = Summary(**dict(zip(_SUMMARY, values, strict=True)))
    summary.configurations = configurations
    return Stored(body, summary, reports)


def _path(folder: Path, key: str) -> Path:
    return folder / key[:2] / (key + RUN_SUFFIX)


def load(folder: Path, key: str) -> Stored | None:
    """The stored output of a run, or None (absent, unreadable or damaged: a miss)."""
    try:
        return decode(_path(folder, key).read_bytes())
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None


def store(folder: Path, key: RunKey, stored: Stored) -> None:
    """Keep a run's output when its files still give the key they gave before the run; a cache
    that cannot be written is no cache (never an error)."""
    if key.compute() != key.value:
        return
    from perfdecl.files import write_atomic
    from perfdecl.lint.cache import ResultCache

    try:
        path = _path(folder, key.value)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, encode(stored), force=True)
    except (OSError, ValueError):
        return
    ResultCache(folder, added=1).prune()
