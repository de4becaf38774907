"""The scoring rule as data: how many points a row earns for its verdict.

The default is the rule of 财预〔2020〕10号 as evaluators apply it: a met target earns its full
points; a missed quantitative one earns points × actual/target (target/actual for a ≤ target),
never below 0; qualitative and not comparable rows keep the unit's self-score; 预算执行 earns
10 × min(执行率, 1). Where no row of either file prints 分值, the points are assumed from the
weights 产出 50, 效益 30, 满意度 10 (预算执行 10), shared equally among the rows of each.

``[tool.perfdecl.outcome.scoring]`` (or ``[outcome.scoring]`` in .perfdecl.toml) replaces any of
these entries; docs/outcome.md lists them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from perfdecl.config.schema import OutcomeScoring


class Credit(StrEnum):
    """What a verdict earns: all the row's points, a share, none, or what the unit claimed."""

    FULL = "full"
    PROPORTIONAL = "proportional"
    ZERO = "zero"
    SELF = "self"


DEFAULT_WEIGHTS: tuple[tuple[str, Decimal], ...] = (
    ("产出", Decimal(50)),
    ("效益", Decimal(30)),
    ("满意度", Decimal(10)),
)
"""财预〔2020〕10号's weights of the indicator table (预算执行 has its own 10)."""


@dataclass(frozen=True, slots=True)
class ScoringRule:
    """One scoring rule; every field is a key of ``[outcome.scoring]`` in the configuration."""

    met: Credit = Credit.FULL
    missed: Credit = Credit.PROPORTIONAL
    qualitative: Credit = Credit.SELF
    not_comparable: Credit = Credit.SELF
    execution: Credit = Credit.PROPORTIONAL
    execution_points: Decimal = Decimal(10)
    weights: tuple[tuple[str, Decimal], ...] = field(default=DEFAULT_WEIGHTS)
    approx_tolerance: Decimal = Decimal(5)
    """Percent by which a ``~`` (约) target may be missed and still count as met."""
    score_tolerance: Decimal = Decimal("0.01")
    """Points by which a self-score may differ from the recomputed one unflagged (rounding)."""

    def weight_of(self, kind: str) -> Decimal | None:
        """The table weight of a canonical 一级 kind (产出, 效益, 满意度), None if unlisted."""
        for name, weight in self.weights:
            if name == kind:
                return weight
        return None

    def describe(self) -> dict[str, str]:
        """The rule as plain text values (the JSON report and docs show it)."""
        return {
            "met": self.met.value,
            "missed": self.missed.value,
            "qualitative": self.qualitative.value,
            "not_comparable": self.not_comparable.value,
            "execution": self.execution.value,
            "execution_points": format(self.execution_points, "f"),
            "weights": "、".join(f"{k} {format(v, 'f')}" for k, v in self.weights),
            "approx_tolerance": format(self.approx_tolerance, "f"),
            "score_tolerance": format(self.score_tolerance, "f"),
        }


DEFAULT_SCORING = ScoringRule()


def scoring_from(table: OutcomeScoring) -> ScoringRule:
    """The rule a validated ``[outcome.scoring]`` table describes (unset keys: the defaults)."""
    d = DEFAULT_SCORING
    weights = (
        tuple((k, Decimal(str(v))) for k, v in table.weights.items())
        if table.weights is not None
        else d.weights
    )
    return ScoringRule(
        met=Credit(table.met),
        missed=Credit(table.missed),
        qualitative=Credit(table.qualitative),
        not_comparable=Credit(table.not_comparable),
        execution=Credit(table.execution),
        execution_points=Decimal(str(table.execution_points)),
        weights=weights,
        approx_tolerance=Decimal(str(table.approx_tolerance)),
        score_tolerance=Decimal(str(table.score_tolerance)),
    )


def earned(
    credit: Credit, points: Decimal | None, share: Decimal, self_score: Decimal | None
) -> Decimal | None:
    """Points earned under ``credit``: ``share`` (0..1) of the points for PROPORTIONAL."""
    if credit is Credit.SELF:
        return self_score
    if points is None:
        return None
    if credit is Credit.FULL:
        return points
    if credit is Credit.ZERO:
        return Decimal(0)
    return points * min(max(share, Decimal(0)), Decimal(1))
