"""PD238: a money block's sources (or a source's parts, shares or year columns) do not add up."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfdecl.model import Budget, Declaration, Source
from perfdecl.problem import Message, Severity, shorten
from perfdecl.rules._util import fmt
from perfdecl.rules.base import ALL_KINDS, Finding, Rule, RuleSettings

SHARE_TOLERANCE = Decimal("0.1")
"""Printed shares (占比) are rounded: 33.3 + 33.3 + 33.3 is 99.9 and still right."""


def _sum(sources: list[Source]) -> Decimal | None:
    """The sum of the amounts given (blank cells count as nothing), None if none is given."""
    amounts = [s.amount for s in sources if s.amount is not None]
    return sum(amounts, Decimal(0)) if amounts else None


def _parts(sources: list[Source], pointer: str, unit: str) -> Iterator[Finding]:
    """Each source with parts: the parts add up to it; recursively."""
    for n, source in enumerate(sources):
        here = f"{pointer}/{n}"
        parts = _sum(source.parts)
        if source.amount is not None and parts is not None and parts != source.amount:
            label = shorten(source.label)
            yield Finding(
                f"{here}/amount",
                Message(
                    f"“{label}”为 {fmt(source.amount)} {unit}，其下各项之和为 {fmt(parts)} {unit}"
                    f"（相差 {fmt(source.amount - parts)}）。请核对各项金额。",
                    f"{label!r} is {fmt(source.amount)} {unit} but its parts add up to "
                    f"{fmt(parts)} (a difference of {fmt(source.amount - parts)}); check the figures.",
                ),
            )
        yield from _parts(source.parts, f"{here}/parts", unit)


def _budget(budget: Budget, pointer: str) -> Iterator[Finding]:
    unit = budget.unit.value
    listed = _sum(budget.sources)
    if budget.total is not None and listed is not None:
        over = listed > budget.total
        if over or (listed != budget.total and not budget.partial):
            label = shorten(budget.label or "资金总额")
            yield Finding(
                f"{pointer}/total",
                Message(
                    f"“{label}”为 {fmt(budget.total)} {unit}，各来源之和为 {fmt(listed)} {unit}"
                    f"（相差 {fmt(budget.total - listed)}）。请核对金额"
                    + ("。" if over else "；表上只列其中部分来源时写 partial: true。"),
                    f"{label!r} is {fmt(budget.total)} {unit} but its sources add up to "
                    f"{fmt(listed)} (a difference of {fmt(budget.total - listed)}); check the figures"
                    + ("." if over else ", or write partial: true when only some are printed."),
                ),
            )
    yield from _parts(budget.sources, f"{pointer}/sources", unit)


def _rows(
    decl: Declaration, name: str, rows: list[Source], total: Decimal | None
) -> Iterator[Finding]:
    pointer = f"/funds/{name}"
    listed = _sum(rows)
    if total is not None and listed is not None and listed != total:
        yield Finding(
            pointer,
            Message(
                f"资金总额为 {fmt(total)} 万元，{_ROWS_ZH[name]}各项之和为 {fmt(listed)} 万元"
                f"（相差 {fmt(total - listed)}）。请核对金额。",
                f"total funds are {fmt(total)} 万元 but the {name} rows add up to {fmt(listed)} "
                f"(a difference of {fmt(total - listed)}); check the figures.",
            ),
            key=True,
        )
    shares = [r.share for r in rows if r.share is not None]
    if shares and len(shares) == len(rows):
        summed = sum(shares, Decimal(0))
        if abs(summed - 100) > SHARE_TOLERANCE:
            yield Finding(
                pointer,
                Message(
                    f"{_ROWS_ZH[name]}的占比合计为 {fmt(summed)}%，应为 100%。",
                    f"the shares of the {name} rows add up to {fmt(summed)}%, not 100%.",
                ),
                key=True,
            )
    yield from _parts(rows, pointer, "万元")


_ROWS_ZH = {"income": "收入构成", "expenditure": "支出构成"}


def _years(decl: Declaration) -> Iterator[Finding]:
    """Income and expenditure of the same earlier year have one 合计: their sums agree."""
    funds = decl.funds
    if funds is None or not funds.income or not funds.expenditure:
        return
    for year in sorted(set().union(*(r.years for r in funds.income))):
        income = [r.years[year] for r in funds.income if year in r.years]
        spent = [r.years[year] for r in funds.expenditure if year in r.years]
        if len(income) < len(funds.income) or len(spent) < len(funds.expenditure):
            continue
        a, b = sum(income, Decimal(0)), sum(spent, Decimal(0))
        if a != b:
            yield Finding(
                "/funds/expenditure",
                Message(
                    f"{year}年的收入构成合计 {fmt(a)} 万元与支出构成合计 {fmt(b)} 万元不等"
                    f"（相差 {fmt(a - b)}）。请核对该年各项金额。",
                    f"in {year} the income rows add up to {fmt(a)} 万元 and the expenditure rows "
                    f"to {fmt(b)} (a difference of {fmt(a - b)}); check that year's figures.",
                ),
                key=True,
            )


class MoneyDoesNotAddUp(Rule):
    """A money block adds up: its sources make its total, each source's parts make the source.

    年度资金总额 = 财政拨款 + 其他资金 (+ 上年结转 …), (一)财政拨款小计 = 一般公共预算 + 政府性基金 +
    国有资本经营预算, and a department's 收入构成 and 支出构成 each make the 资金总额 with shares
    adding up to 100%. A form that prints only "其中：" some of the sources says so with
    ``partial: true``; the listed sources then only may not exceed the total. Amounts are compared
    exactly, in the block's own unit (元 or 万元).

    Bad:

        kind: project
        project:
          name: 法治宣传经费
          amount: 50.00
          budget:
            label: 年度资金总额
            total: 50.00
            sources:
              - {label: 其中:财政拨款, amount: 45.00}
              - {label: 其他资金, amount: 0.00}

    Good:

        kind: project
        project:
          name: 法治宣传经费
          amount: 50.00
          budget:
            label: 年度资金总额
            total: 50.00
            sources:
              - {label: 其中:财政拨款, amount: 50.00}
              - {label: 其他资金, amount: 0.00}
    """

    code = "PD238"
    kinds = ALL_KINDS
    name = "money-sum"
    severity = Severity.ERROR
    summary = Message(
        "资金来源（或其中各项、占比）之和与合计不符",
        "Money sources (or their parts, shares) do not add up",
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        project = decl.project
        if project is not None:
            for key in ("budget", "budget_period"):
                budget = getattr(project, key)
                if budget is not None:
                    yield from _budget(budget, f"/project/{key}")
        if decl.transfer is not None:
            for n, allocation in enumerate(decl.transfer.allocations):
                yield from _budget(allocation.budget, f"/transfer/allocations/{n}/budget")
        if decl.funds is not None:
            yield from _rows(decl, "income", decl.funds.income, decl.funds.total)
            yield from _rows(decl, "expenditure", decl.funds.expenditure, decl.funds.total)
            yield from _years(decl)
