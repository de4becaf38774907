"""The diff's records: what changed (:class:`Change`), in which direction, the whole result, the
options and the two sides compared."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from perfdecl.loader import DEFAULT_LIMITS, Limits, SourceMap
from perfdecl.model import Declaration, Target
from perfdecl.problem import Message, Severity


class ChangeKind(StrEnum):
    """What changed; the ``kind`` field of the JSON output."""

    HEADER = "header-changed"
    FUNDS = "funds-changed"
    GOAL_ADDED = "goal-added"
    GOAL_REMOVED = "goal-removed"
    GOAL_RENAMED = "goal-renamed"
    GOAL_CHANGED = "goal-changed"
    GROUP_ADDED = "group-added"
    GROUP_REMOVED = "group-removed"
    GROUP_RENAMED = "group-renamed"
    INDICATOR_ADDED = "indicator-added"
    INDICATOR_REMOVED = "indicator-removed"
    INDICATOR_RENAMED = "indicator-renamed"
    INDICATOR_MOVED = "indicator-moved"
    INDICATOR_CHANGED = "indicator-changed"
    TARGET_ADDED = "target-added"
    TARGET_REMOVED = "target-removed"
    TARGET_CHANGED = "target-changed"
    FINDING = "finding"


class Direction(StrEnum):
    """Whether a change makes the commitments stronger or weaker."""

    STRONGER = "stronger"
    WEAKER = "weaker"
    UNKNOWN = "unknown"  # changed, but no rule says which way is better
    NOT_COMPARABLE = "not-comparable"  # the unit changed
    NONE = "none"  # not a target: header, money, wording, structure


class FailOn(StrEnum):
    """Which changes make ``perfdecl diff`` exit 1."""

    WEAKER = "weaker"
    REMOVED = "removed"
    ANY = "any"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class TargetView:
    """A target as the JSON output shows it: every number as exact decimal text."""

    name: str | None
    comparison: str
    value: str | None
    unit: str | None
    deadline: str | None
    weight: str | None
    direction: str | None

    @classmethod
    def of(cls, t: Target) -> TargetView:
        return cls(
            t.name,
            t.comparison.value,
            num(t.value) if isinstance(t.value, Decimal) else t.value,
            t.unit,
            t.deadline.isoformat() if t.deadline else None,
            num(t.weight) if t.weight is not None else None,
            t.direction.value if t.direction else None,
        )

    def to_dict(self) -> dict[str, str | None]:
        return {
            "name": self.name,
            "comparison": self.comparison,
            "value": self.value,
            "unit": self.unit,
            "deadline": self.deadline,
            "weight": self.weight,
            "direction": self.direction,
        }


Segment = tuple[str, str]
"""A piece of a wording diff: (op, text) with op "=" kept, "-" removed, "+" added."""


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between OLD and NEW (or one cross-year finding about them).

    ``id`` is the NEW side's id (OLD's for a removal), ``old_id`` the OLD side's when it
    differs. ``line``/``column`` locate the change in NEW (for a removal: the nearest kept
    container), ``old_line``/``old_column`` in OLD. ``ignored`` holds the accepted reason when
    the configuration lists the change.
    """

    code: str
    kind: ChangeKind
    direction: Direction
    severity: Severity
    message: Message
    id: str | None = None
    old_id: str | None = None
    old_pointer: str | None = None
    new_pointer: str | None = None
    old: str | None = None
    new: str | None = None
    old_target: TargetView | None = None
    new_target: TargetView | None = None
    delta: str | None = None
    percent: str | None = None
    score: float | None = None
    wording: tuple[Segment, ...] = ()
    line: int | None = None
    column: int | None = None
    old_line: int | None = None
    old_column: int | None = None
    ignored: str | None = None

    def fails(self, fail_on: FailOn) -> bool:
        """True when this change sets exit code 1 under ``--fail-on``."""
        if self.ignored is not None or fail_on is FailOn.NONE:
            return False
        if fail_on is FailOn.ANY:
            return self.code != "PD305"
        removed = self.kind in _REMOVALS
        if fail_on is FailOn.REMOVED:
            return removed
        return self.kind is not ChangeKind.FINDING and (
            removed or self.direction in (Direction.WEAKER, Direction.NOT_COMPARABLE)
        )


_REMOVALS = frozenset(
    {
        ChangeKind.INDICATOR_REMOVED,
        ChangeKind.TARGET_REMOVED,
        ChangeKind.GOAL_REMOVED,
        ChangeKind.GROUP_REMOVED,
    }
)


@dataclass(frozen=True, slots=True)
class DiffResult:
    """The changes between two declarations, and the cross-year findings about them."""

    old_file: str
    new_file: str
    old_year: int
    new_year: int
    changes: tuple[Change, ...]
    findings: tuple[Change, ...] = ()

    @property
    def all(self) -> tuple[Change, ...]:
        return self.changes + self.findings

    def failing(self, fail_on: FailOn) -> tuple[Change, ...]:
        return tuple(c for c in self.all if c.fails(fail_on))

    def exit_code(self, fail_on: FailOn) -> int:
        """0 no failing change, 1 failing changes (errors that prevent a diff exit 2 earlier)."""
        return 1 if self.failing(fail_on) else 0


@dataclass(frozen=True, slots=True)
class DiffOptions:
    """How to match and what to flag."""

    similarity: float = 0.6  # least wording similarity for a fallback match
    funds_threshold: Decimal = Decimal(20)  # percent: PD304 beyond this
    limits: Limits = DEFAULT_LIMITS


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a comparison: a loaded declaration and where it came from."""

    file: str
    declaration: Declaration
    source: SourceMap = field(default_factory=SourceMap)


def num(value: Decimal) -> str:
    """Exact decimal text without exponent: 14124.71, 15000.00, 0."""
    return format(value, "f")


def signed(value: Decimal) -> str:
    return format(value, "+f")


def summarize(result: DiffResult, fail_on: FailOn) -> dict[str, int]:
    """Counts for report footers and the JSON summary."""
    counts = {d.value: 0 for d in Direction}
    for c in result.changes:
        if c.ignored is None:
            counts[c.direction.value] += 1
    return {
        "changes": len(result.changes),
        "findings": len(result.findings),
        "stronger": counts["stronger"],
        "weaker": counts["weaker"],
        "unknown": counts["unknown"],
        "not_comparable": counts["not-comparable"],
        "ignored": sum(1 for c in result.all if c.ignored is not None),
        "failing": len(result.failing(fail_on)),
        "exit_code": result.exit_code(fail_on),
    }
