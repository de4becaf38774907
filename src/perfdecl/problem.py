"""The one problem record every part of perfdecl produces and every reporter reads.

Loader errors, schema errors and rule findings all become a :class:`Problem` before any
reporter sees them, so that reporters never repeat logic (the flake8 ``Violation`` habit).
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any, Literal

Lang = Literal["zh", "en"]


class Severity(enum.Enum):
    """How bad a problem is; ordered so that ``max()`` gives the worst."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    # The members are singletons, equal only to themselves: hashing by identity agrees with
    # equality, through a C slot instead of Enum's Python-level __hash__ (hash of the name),
    # which every dict keyed by a severity paid (2.1 k instructions a hash; the JSON report
    # looks one up for each problem).
    __hash__ = object.__hash__

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    @property
    def zh(self) -> str:
        return _ZH[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
SEVERITY_OF = {s.value: s for s in Severity}
"""A severity by its value ("error"): a dict lookup where ``Severity(value)`` is a Python call
(the result cache and the held results read every stored problem's severity back)."""
_ZH = {Severity.INFO: "提示", Severity.WARNING: "警告", Severity.ERROR: "错误"}


@dataclass(frozen=True, slots=True)
class Message:
    """A message in both languages: a clerk reads Chinese, a CI log may want English."""

    zh: str
    en: str

    def __init__(self, zh: str, en: str) -> None:
        # Filled through the slots' descriptors, like Problem (see there): every finding's
        # message is built, about a hundred a file in the 200-file benchmark.
        fill = _MESSAGE_SLOTS
        fill[0](self, zh)
        fill[1](self, en)

    def text(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en


Origin = Literal[
    "loader",
    "structure",
    "rule",
    "config",
    "suppression",
    "diff",
    "import",
    "outcome",
    "internal",
    "folder",
]
"""The layer that reports a code: its ``CODES`` table is where the code is registered."""


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """What a problem code means: short name, default severity, one-line summary, rationale.

    Every layer that reports problems keeps its codes in one table of this shape (``CODES`` in
    ``loader/codes.py``, ``model/codes.py``, ``rules/codes.py``, ``config/codes.py``,
    ``lint/codes.py``, ``diff/codes.py``, ``convert/codes.py``); :func:`perfdecl.catalogue.all_codes`
    joins them for ``perfdecl rules``, ``perfdecl explain`` and SARIF.
    """

    code: str
    name: str
    severity: Severity
    summary: Message
    help: Message | None = None  # rationale; None when the summary says it all
    origin: Origin = "rule"


def code_table(*infos: CodeInfo) -> dict[str, CodeInfo]:
    """A layer's ``CODES``: code -> :class:`CodeInfo`, in the order given."""
    return {info.code: info for info in infos}


@dataclass(frozen=True, slots=True)
class Related:
    """Another place a problem applies to (a copy of the same boilerplate): SARIF's
    ``relatedLocations``, the JSON report's ``related``, the text view's "also at" lines."""

    pointer: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None

    def __init__(
        self,
        pointer: str,
        line: int | None = None,
        column: int | None = None,
        end_line: int | None = None,
        end_column: int | None = None,
    ) -> None:
        # Filled through the slots' descriptors, like Problem (see there).
        fill = _RELATED_SLOTS
        fill[0](self, pointer)
        fill[1](self, line)
        fill[2](self, column)
        fill[3](self, end_line)
        fill[4](self, end_column)

    def to_dict(self) -> dict[str, object]:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "pointer": self.pointer,
        }


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding, located in a file.

    ``line`` and ``column`` are 1-based and count characters, not bytes; ``pointer`` is an
    RFC 6901 JSON pointer into the declaration ("" for the whole document).
    """

    code: str
    severity: Severity
    message: Message
    file: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    pointer: str = ""
    related: tuple[Related, ...] = ()

    def __init__(
        self,
        code: str,
        severity: Severity,
        message: Message,
        file: str,
        line: int | None = None,
        column: int | None = None,
        end_line: int | None = None,
        end_column: int | None = None,
        pointer: str = "",
        related: tuple[Related, ...] = (),
    ) -> None:
        # The generated __init__ of a frozen dataclass sets each field through
        # object.__setattr__; the slots' own descriptors do the same for 40% less, and a run
        # builds a problem for every finding (80 a file in the 200-file benchmark).
        # tests/test_problem_init.py keeps this signature the fields'.
        fill = _PROBLEM_SLOTS
        fill[0](self, code)
        fill[1](self, severity)
        fill[2](self, message)
        fill[3](self, file)
        fill[4](self, line)
        fill[5](self, column)
        fill[6](self, end_line)
        fill[7](self, end_column)
        fill[8](self, pointer)
        fill[9](self, related)

    def with_severity(self, severity: Severity) -> Problem:
        return replace(self, severity=severity)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line or 0, self.column or 0, self.code, self.pointer)

    def to_dict(self, lang: Lang) -> dict[str, object]:
        """The documented JSON shape of a problem (see README, "JSON output")."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message.text(lang),
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "pointer": self.pointer,
            **({"related": [r.to_dict() for r in self.related]} if self.related else {}),
        }


def slot_setters(cls: type) -> tuple[Callable[[object, object], None], ...]:
    """The ``__set__`` of each field's slot of the dataclass ``cls``, in field order: how a
    frozen, slotted dataclass's own ``__init__`` fills its fields at the cost of a plain one
    (Problem, Finding, IndicatorRow)."""
    return tuple(cls.__dict__[f.name].__set__ for f in dataclasses.fields(cls))


_PROBLEM_SLOTS = slot_setters(Problem)
_MESSAGE_SLOTS = slot_setters(Message)
_RELATED_SLOTS = slot_setters(Related)


def fill_twin(cls: type) -> type:
    """A mutable twin of the frozen, slotted dataclass ``cls``: a class of the same slots, in the
    same order. An object made of it (``object.__new__``) and filled by plain attribute stores
    becomes a ``cls`` through :data:`become`, which Python allows between classes of the same
    slots; the frozen class's ``__init__`` calls each slot's ``__set__`` instead, about twice the
    cost. For the few objects made by the hundred a file: a problem per finding (lint.locate,
    4.1 k instructions against 10.4 k), a finding (rules.base), a row of the rows table
    (model.rows). Set every field before the class changes; tests compare each result with
    ``cls(...)`` field for field (tests/test_problem_init.py, test_locate.py, test_period_rows.py)."""
    slots = cls.__dict__["__slots__"]
    return type(f"{cls.__name__}Fill", (), {"__slots__": slots, "__module__": __name__})


become: Callable[[object, type], None] = object.__dict__["__class__"].__set__
"""``become(obj, cls)``: gives a filled :func:`fill_twin` object the class ``cls``."""

ProblemFill = fill_twin(Problem)
"""Problem's mutable twin (see :func:`made_problem`)."""
_new_object = object.__new__


def made_problem(
    code: str,
    severity: Severity,
    message: Message,
    file: str,
    line: int | None,
    column: int | None,
    end_line: int | None,
    end_column: int | None,
    pointer: str,
    related: tuple[Related, ...],
) -> Problem:
    """``Problem(...)`` from fields known to be right, through its mutable twin: 4.1 k
    instructions against 10.4 k (lint.locate makes every finding's problem with it, lint.held
    every problem read back from its file)."""
    problem: Any = _new_object(ProblemFill)
    problem.code = code
    problem.severity = severity
    problem.message = message
    problem.file = file
    problem.line = line
    problem.column = column
    problem.end_line = end_line
    problem.end_column = end_column
    problem.pointer = pointer
    problem.related = related
    become(problem, Problem)
    return problem  # type: ignore[no-any-return]


def shorten(text: str, limit: int = 60) -> str:
    """``text`` as quoted in a message: at most ``limit`` characters, then "…".

    Hostile files hold megabyte-long values; a message quotes enough to find the place, never
    the whole value (every message stays short whatever the input).
    """
    return text if len(text) <= limit else f"{text[:limit]}…"


def escape_pointer_token(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def join_pointer(parent: str, token: str | int) -> str:
    return f"{parent}/{escape_pointer_token(token)}"


def split_pointer(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]


def nearest(word: str, choices: Iterable[str], cutoff: float = 0.5) -> str | None:
    """The choice closest to ``word`` (difflib's ratio at least ``cutoff``), or None.

    Bounded by construction: a choice less than ``cutoff / (2 - cutoff)`` times as long as the
    word (or the reverse) can never reach the cutoff, so it is not compared; a megabyte-long key
    in a hostile file is compared with nothing (it took 820 MB when difflib indexed it).
    """
    import difflib

    limit = cutoff / (2 - cutoff) if cutoff < 2 else 1.0
    fitting = [c for c in choices if min(len(c), len(word)) >= limit * max(len(c), len(word))]
    if not fitting:
        return None
    found = difflib.get_close_matches(word, fitting, n=1, cutoff=cutoff)
    return found[0] if found else None
