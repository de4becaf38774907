"""A folder of pairs: which self-evaluation answers which declaration, and a summary per unit and
per indicator kind (share of targets met, mean relative shortfall) for analysts.

Pairing needs no naming convention: a self-evaluation answers the declaration of the same year,
unit and project (by project code when both have one, else by project name); a self-evaluation
that matches no declaration, or more than one, is reported and left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from perfdecl.diff.records import Side
from perfdecl.diff.text import normalize
from perfdecl.model import Declaration
from perfdecl.model.selfeval import SelfEvaluation
from perfdecl.outcome.records import OutcomeResult
from perfdecl.phrases.verdict import Status


def _key(d: Declaration) -> tuple[int, str, str]:
    project = d.project
    code = (project.code or "").strip() if project else ""
    name = normalize(project.name) if project and project.name else ""
    return (d.year, normalize(d.unit or ""), f"code:{code}" if code else f"name:{name}")


@dataclass(frozen=True, slots=True)
class Pairing:
    """Declarations and self-evaluations of a folder, paired; what could not be paired."""

    pairs: tuple[tuple[Side, Side], ...]
    unpaired: tuple[Side, ...]  # self-evaluations with no declaration
    ambiguous: tuple[Side, ...]  # self-evaluations with several


def pair_sides(sides: Iterable[Side]) -> Pairing:
    """Pair every self-evaluation with the one declaration of the same year, unit and project."""
    declarations: dict[tuple[int, str, str], list[Side]] = defaultdict(list)
    evaluations: list[Side] = []
    for side in sides:
        if isinstance(side.declaration, SelfEvaluation):
            evaluations.append(side)
        else:
            declarations[_key(side.declaration)].append(side)
    pairs, unpaired, ambiguous = [], [], []
    for ev in evaluations:
        found = declarations.get(_key(ev.declaration), [])
        if len(found) == 1:
            pairs.append((found[0], ev))
        elif found:
            ambiguous.append(ev)
        else:
            unpaired.append(ev)
    pairs.sort(key=lambda p: (p[1].file, p[0].file))
    return Pairing(tuple(pairs), tuple(unpaired), tuple(ambiguous))


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One group of rows (a unit, or an indicator kind) over every pair of a folder."""

    group: str  # "unit" or "kind"
    name: str
    indicators: int
    comparable: int  # met + missed
    met: int
    missed: int
    not_comparable: int
    qualitative: int
    not_evaluated: int
    mean_shortfall: Decimal | None  # over the missed rows (0.07 = 7%)
    self_score: Decimal | None
    score: Decimal | None

    @property
    def share_met(self) -> Decimal | None:
        """Met targets as a share of those that could be judged (met + missed + not evaluated)."""
        judged = self.comparable + self.not_evaluated
        return Decimal(self.met) / judged if judged else None


def _summarise(group: str, name: str, results: list[tuple[OutcomeResult, list[int]]]) -> SummaryRow:
    counts: dict[Status, int] = defaultdict(int)
    shortfalls: list[Decimal] = []
    self_score = score = Decimal(0)
    have_self = have_score = False
    total = 0
    for result, indexes in results:
        for k in indexes:
            row = result.rows[k]
            total += 1
            counts[row.status] += 1
            if row.status is Status.MISSED and row.shortfall is not None:
                shortfalls.append(row.shortfall)
            if row.self_score is not None:
                self_score += row.self_score
                have_self = True
            if row.score is not None:
                score += row.score
                have_score = True
    return SummaryRow(
        group,
        name,
        total,
        counts[Status.MET] + counts[Status.MISSED],
        counts[Status.MET],
        counts[Status.MISSED],
        counts[Status.NOT_COMPARABLE],
        counts[Status.QUALITATIVE],
        counts[Status.NOT_EVALUATED],
        sum(shortfalls, Decimal(0)) / len(shortfalls) if shortfalls else None,
        self_score if have_self else None,
        score if have_score else None,
    )


def summarise(results: list[OutcomeResult]) -> tuple[SummaryRow, ...]:
    """One row per unit (sorted by name), then one per indicator kind (sorted by name)."""
    by_unit: dict[str, list[tuple[OutcomeResult, list[int]]]] = defaultdict(list)
    by_kind: dict[str, list[tuple[OutcomeResult, list[int]]]] = defaultdict(list)
    for result in results:
        by_unit[result.unit or "?"].append((result, list(range(len(result.rows)))))
        kinds: dict[str, list[int]] = defaultdict(list)
        for k, row in enumerate(result.rows):
            kinds[row.category or "?"].append(k)
        for kind, indexes in kinds.items():
            by_kind[kind].append((result, indexes))
    return tuple(
        [_summarise("unit", name, by_unit[name]) for name in sorted(by_unit)]
        + [_summarise("kind", name, by_kind[name]) for name in sorted(by_kind)]
    )
