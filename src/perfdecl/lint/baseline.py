"""Baselines: park today's findings so that CI fails only on new ones.

A finding is recorded by *what* it is, not *where* it is: the file (relative to the baseline's
folder, with forward slashes), the problem code, the JSON pointer, and a short hash of the
offending value — the text of the scalar at the pointer, or the message when the pointer names a
mapping or a list (a missing key, a sum that does not add up). Line numbers are never recorded, so
inserting lines above a finding, or reformatting a block, keeps it baselined; changing the
offending value makes it new again.

The file is JSON, sorted and stable, so that it diffs well in review::

    {
      "version": 1,
      "tool": "perfdecl",
      "findings": [
        {"file": "decl/a.yaml", "code": "PD215", "pointer": "/indicators/0/...", "hash": "…",
         "count": 1}
      ]
    }
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfdecl.lint import FileResult
from perfdecl.loader import SourceMap
from perfdecl.problem import Problem

BASELINE_VERSION = 1
MAX_DEPTH = 8
"""Deepest nesting read from a baseline (one has 3: the document, the list, a finding)."""
NEVER_BASELINED = frozenset({"PD001", "PD900"})
"""Unreadable files and internal errors are never parked: they always fail the run."""


class BaselineError(ValueError):
    """The baseline file cannot be read or is not a perfdecl baseline."""


@dataclass(frozen=True, order=True, slots=True)
class Entry:
    """One recorded finding (without its count)."""

    file: str
    code: str
    pointer: str
    hash: str

    def describe(self) -> str:
        return f"{self.file} {self.code} {self.pointer or '/'}"


def value_text(problem: Problem, source: SourceMap) -> str | None:
    """The text of the scalar at the problem's pointer, whitespace-collapsed; None if unknown."""
    if not problem.pointer:
        return None
    span = source.values.get(problem.pointer)
    if span is None:
        return None
    lines = source.lines
    if not 0 < span.line <= len(lines) or not 0 < span.end_line <= len(lines):
        return None
    if span.line == span.end_line:
        text = lines[span.line - 1][span.column - 1 : span.end_column - 1]
    else:
        parts = [lines[span.line - 1][span.column - 1 :]]
        parts.extend(lines[span.line : span.end_line - 1])
        parts.append(lines[span.end_line - 1][: span.end_column - 1])
        text = "\n".join(parts)
    return " ".join(text.split())


def value_hash(problem: Problem, source: SourceMap) -> str:
    """Twelve hex digits identifying the offending value (or the message, for collections)."""
    text = value_text(problem, source)
    basis = f"value:{text}" if text is not None else f"message:{problem.message.en}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:12]


def relative_name(file: str, root: Path) -> str:
    """``file`` relative to ``root`` with forward slashes (absolute when on another drive)."""
    try:
        rel = os.path.relpath(os.path.abspath(file), root)
    except ValueError:  # another drive on Windows
        rel = os.path.abspath(file)
    return rel.replace(os.sep, "/")


def entries_of(result: FileResult, root: Path) -> list[tuple[Entry, Problem]]:
    """The baseline entries of a result's problems (unreadable files and PD900 excluded)."""
    name = relative_name(result.file, root)
    return [
        (Entry(name, p.code, p.pointer, value_hash(p, result.source)), p)
        for p in result.problems
        if p.code not in NEVER_BASELINED
    ]


@dataclass(slots=True)
class Baseline:
    """A multiset of entries: the same finding may occur more than once in a file."""

    entries: Counter[Entry] = field(default_factory=Counter)

    def add(self, result: FileResult, root: Path) -> None:
        for entry, _ in entries_of(result, root):
            self.entries[entry] += 1

    def to_json(self) -> str:
        findings = [
            {
                "file": e.file,
                "code": e.code,
                "pointer": e.pointer,
                "hash": e.hash,
                "count": n,
            }
            for e, n in sorted(self.entries.items())
        ]
        document = {"version": BASELINE_VERSION, "tool": "perfdecl", "findings": findings}
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Baseline:
        from perfdecl.config import nesting_depth

        try:
            document: Any = json.loads(text)
            deep = nesting_depth(document) > MAX_DEPTH
        except json.JSONDecodeError as exc:
            raise BaselineError(f"not JSON: {exc.msg} (line {exc.lineno})") from None
        except RecursionError:
            deep = True
        if deep:
            raise BaselineError(f"nested deeper than {MAX_DEPTH} levels; not a perfdecl baseline")
        if not isinstance(document, dict) or document.get("tool") != "perfdecl":
            raise BaselineError('not a perfdecl baseline (no "tool": "perfdecl")')
        if document.get("version") != BASELINE_VERSION:
            raise BaselineError(
                f"baseline version {document.get('version')!r} is not supported "
                f"(this perfdecl reads version {BASELINE_VERSION})"
            )
        findings = document.get("findings")
        if not isinstance(findings, list):
            raise BaselineError('"findings" must be a list')
        baseline = cls()
        for n, item in enumerate(findings):
            try:
                entry = Entry(
                    str(item["file"]), str(item["code"]), str(item["pointer"]), str(item["hash"])
                )
                count = int(item.get("count", 1))
            except (KeyError, TypeError, ValueError, AttributeError):
                raise BaselineError(f"finding #{n + 1} is malformed") from None
            if count > 0:
                baseline.entries[entry] += count
        return baseline

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> Baseline:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise BaselineError("no such file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise BaselineError(str(exc)) from None
        return cls.from_json(text)


@dataclass(slots=True)
class BaselineReport:
    """What a run against a baseline found: how many were parked, how many new, which gone."""

    path: str
    suppressed: int = 0
    new: int = 0
    gone: list[tuple[Entry, int]] = field(default_factory=list)

    @property
    def gone_count(self) -> int:
        return sum(n for _, n in self.gone)

    def to_dict(self) -> dict[str, object]:
        """The ``baseline`` section of the JSON report."""
        return {
            "file": self.path,
            "suppressed": self.suppressed,
            "new": self.new,
            "gone": [
                {"file": e.file, "code": e.code, "pointer": e.pointer, "hash": e.hash, "count": n}
                for e, n in self.gone
            ],
        }


class BaselineFilter:
    """Drops baselined problems from results, counting what is left over."""

    def __init__(self, baseline: Baseline, root: Path, *, path: str = "") -> None:
        self.remaining: Counter[Entry] = Counter(baseline.entries)
        self.root = root
        self.checked: set[str] = set()
        self.report = BaselineReport(path)

    def apply(self, result: FileResult) -> FileResult:
        """The result with only its new problems."""
        self.checked.add(relative_name(result.file, self.root))
        keep: list[Problem] = []
        parked = {id(p) for entry, p in entries_of(result, self.root) if self._take(entry)}
        for p in result.problems:
            if id(p) in parked:
                self.report.suppressed += 1
            else:
                keep.append(p)
                self.report.new += 1
        if len(keep) == len(result.problems):
            return result
        return FileResult(result.file, tuple(keep), result.declaration, result.source)

    def _take(self, entry: Entry) -> bool:
        if self.remaining[entry] > 0:
            self.remaining[entry] -= 1
            return True
        return False

    def files_present(self) -> list[tuple[str, bool]]:
        """Each file the baseline names, and whether it exists: :meth:`finish` reports the
        findings of a deleted file as gone, so a stored run's output depends on it."""
        names = sorted({entry.file for entry in self.remaining})
        return [(name, (self.root / name).exists()) for name in names]

    def finish(self) -> BaselineReport:
        """Entries not matched in checked files (or whose file no longer exists) are gone."""
        for entry, count in sorted(self.remaining.items()):
            if count <= 0:
                continue
            if entry.file in self.checked or not (self.root / entry.file).exists():
                self.report.gone.append((entry, count))
        return self.report
