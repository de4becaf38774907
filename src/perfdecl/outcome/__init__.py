"""Outcomes: a declaration read against its self-evaluation (the library behind
``perfdecl outcome``).

Which targets were met, which missed and by how much (in the target's unit and direction),
which were changed between declaration and self-evaluation, and whether the self-score follows
the scoring rule (:mod:`~perfdecl.outcome.scoring`, replaceable in the configuration). The
package, by job: :mod:`~perfdecl.outcome.codes` (PD5xx), :mod:`~perfdecl.phrases.verdict`
(one target against one value), :mod:`~perfdecl.outcome.compare` (rows paired with diff's
matcher, scores recomputed), :mod:`~perfdecl.outcome.records`, :mod:`~perfdecl.outcome.messages`
and :mod:`~perfdecl.outcome.summary` (a folder of pairs, per unit and per indicator kind).
"""

from perfdecl.outcome.codes import CODES, OUTCOME_CODES
from perfdecl.outcome.compare import OutcomeError, compare
from perfdecl.outcome.records import (
    FAIL_CODES,
    Change,
    ExecutionOutcome,
    FailOn,
    OutcomeResult,
    RowOutcome,
)
from perfdecl.outcome.scoring import DEFAULT_SCORING, Credit, ScoringRule, scoring_from
from perfdecl.phrases.verdict import Status

__all__ = [
    "CODES",
    "DEFAULT_SCORING",
    "FAIL_CODES",
    "OUTCOME_CODES",
    "Change",
    "Credit",
    "ExecutionOutcome",
    "FailOn",
    "OutcomeError",
    "OutcomeResult",
    "RowOutcome",
    "ScoringRule",
    "Status",
    "compare",
    "scoring_from",
]
