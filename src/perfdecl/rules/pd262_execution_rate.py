"""PD262: the printed 执行率 is not 全年执行数 / 全年预算数."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from perfdecl.model import Declaration
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import fmt
from perfdecl.rules.base import SELFEVAL_KINDS, Finding, Rule, RuleSettings
from perfdecl.rules.pd261_scores_sum import printed_places

_RATE = re.compile(r"\s*(\d{1,4}(?:\.\d{1,6})?)\s*[%％]\s*")


def printed_rate(text: str | None) -> Decimal | None:
    """The percentage a 执行率 cell prints (98.5% -> 98.5), or None for anything else."""
    found = _RATE.fullmatch(text or "")
    return Decimal(found.group(1)) if found else None


class ExecutionRateMismatch(Rule):
    """The 执行率 printed is not 全年执行数 / 全年预算数 (to the printed precision).

    预算执行率 earns 10 points of a self-evaluation; a rate that the money printed beside it
    does not give was rounded up by hand or copied from another year. The rate is compared at
    the precision it is printed with (98% for anything from 97.5% to 98.5%), on the 年度资金总额
    row and on each 其中 row.

    Bad:

        kind: selfeval
        execution:
          budget: 18891.87
          spent: 18135.44
          rate: 98%

    Good:

        kind: selfeval
        execution:
          budget: 18891.87
          spent: 18135.44
          rate: 96%
    """

    code = "PD262"
    name = "execution-rate"
    severity = Severity.ERROR
    kinds = SELFEVAL_KINDS
    summary = Message(
        "执行率与全年执行数/全年预算数不符",
        "The budget execution rate does not match spent / budget",
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        execution = getattr(decl, "execution", None)
        if execution is None:
            return
        rows = [("/execution", execution)]
        rows += [(f"/execution/parts/{i}", part) for i, part in enumerate(execution.parts)]
        for pointer, row in rows:
            printed = printed_rate(row.rate)
            budget = row.budget if row.budget is not None else row.initial
            if printed is None or budget is None or row.spent is None or budget <= 0:
                continue
            computed = row.spent / budget * 100
            half = Decimal(5).scaleb(-printed_places(printed) - 1)
            if abs(computed - printed) <= half:
                continue
            shown = fmt(computed.quantize(Decimal("0.01")))
            name = row.label or "年度资金总额"
            yield Finding(
                f"{pointer}/rate",
                Message(
                    f"{name} 的执行率印为 {fmt(printed)}%，而全年执行数 {fmt(row.spent)} ÷ "
                    f"全年预算数 {fmt(budget)} = {shown}%。请按执行数和预算数重新计算执行率。",
                    f"{name}: the execution rate is printed as {fmt(printed)}%, but spent "
                    f"{fmt(row.spent)} / budget {fmt(budget)} = {shown}%; recompute the rate "
                    "from the money.",
                ),
            )
