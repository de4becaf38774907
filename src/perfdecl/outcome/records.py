"""The outcome's records: one :class:`RowOutcome` per indicator, the budget execution, the
totals, and the whole :class:`OutcomeResult` that the reporters render."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from perfdecl.outcome.scoring import ScoringRule
from perfdecl.phrases.verdict import Judged, Status
from perfdecl.problem import Problem


class FailOn(StrEnum):
    """What makes ``perfdecl outcome`` exit 1 (``--fail-on``, repeatable)."""

    MISSED = "missed"  # a declared target missed, or a declared indicator not evaluated
    CHANGED = "changed"  # a target changed or adjusted between declaration and self-evaluation
    SCORE = "score"  # a self-score above the recomputed one, or a total that differs
    NONE = "none"


FAIL_CODES: dict[FailOn, frozenset[str]] = {
    FailOn.MISSED: frozenset({"PD501", "PD508"}),
    FailOn.CHANGED: frozenset({"PD502", "PD503"}),
    FailOn.SCORE: frozenset({"PD504", "PD506"}),
    FailOn.NONE: frozenset(),
}
"""The codes each ``--fail-on`` value fails on (docs/outcome.md, "Exit codes")."""


class Change(StrEnum):
    """How the self-evaluation's target relates to the declared one."""

    SAME = "same"
    CHANGED = "changed"  # differs, no 年初指标值 shown: changed after the fact
    ADJUSTED = "adjusted"  # 年初 = declared, 调整 differs: a disclosed adjustment


@dataclass(frozen=True, slots=True)
class RowOutcome:
    """One indicator: its declared and evaluated target, the verdict and the scores."""

    id: str
    text: str
    level1: str
    category: str  # canonical 二级 (数量, 质量, 时效 …), else the 一级: the summary's kind
    status: Status
    judged: tuple[Judged, ...]
    declared: str  # the declared target(s) as shown, "" for none
    evaluated: str  # the target the self-evaluation prints
    actual: str  # the value achieved as printed
    change: Change
    points: Decimal | None
    points_assumed: bool
    self_score: Decimal | None
    score: Decimal | None
    deviation: str | None
    declaration_pointer: str | None
    selfeval_pointer: str | None
    declaration_line: int | None
    selfeval_line: int | None

    @property
    def shortfall(self) -> Decimal | None:
        """The largest relative shortfall of the row's missed targets (0.08 = 8%)."""
        found = [j.shortfall for j in self.judged if j.shortfall is not None]
        return max(found) if found else None


@dataclass(frozen=True, slots=True)
class ExecutionOutcome:
    """预算执行: the money, the rate computed from it and the points."""

    unit: str
    budget: Decimal | None
    spent: Decimal | None
    rate: Decimal | None  # spent / budget (0.96 = 96%)
    printed_rate: str | None
    points: Decimal
    self_score: Decimal | None
    score: Decimal | None


@dataclass(frozen=True, slots=True)
class OutcomeResult:
    """A declaration read against its self-evaluation."""

    declaration_file: str
    selfeval_file: str
    unit: str | None
    project: str | None
    year: int
    rows: tuple[RowOutcome, ...]
    execution: ExecutionOutcome | None
    total_points: Decimal | None
    self_total: Decimal | None
    total: Decimal | None
    complete: bool  # every row has a recomputed score
    problems: tuple[Problem, ...]
    scoring: ScoringRule

    def count(self, status: Status) -> int:
        return sum(1 for r in self.rows if r.status is status)

    def failing(self, fail_on: frozenset[FailOn]) -> tuple[Problem, ...]:
        """The problems that make the run fail under ``fail_on``."""
        codes = frozenset().union(*(FAIL_CODES[f] for f in fail_on)) if fail_on else frozenset()
        return tuple(p for p in self.problems if p.code in codes)

    def exit_code(self, fail_on: frozenset[FailOn]) -> int:
        return 1 if self.failing(fail_on) else 0
