"""Checks across the declarations of one run: the project forms of a unit and year against its
department form (PD249).

One file cannot know whether its projects add up to the department's 项目支出: the other forms
are in other files. Each file's check leaves a small :class:`Ledger` on its result (its kind,
unit, year and amount, with the amount's place), which survives the slim result and the result
cache; once every file of a run is checked, :func:`folder_problems` compares the ledgers and
adds the findings to the department form's result, at the place of its 项目支出.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple, Protocol

from perfdecl.config.options import Options, enabled, longest
from perfdecl.escape import safe
from perfdecl.problem import Message, Problem, Severity

if TYPE_CHECKING:
    from perfdecl.loader import SourceMap
    from perfdecl.model import Declaration

CODE = "PD249"
MAX_NAMED = 5
"""Project files named in a message; the rest are counted."""

_SPACE = re.compile(r"[\s\u3000]+")


@dataclass(frozen=True, slots=True)
class Ledger:
    """What the folder check needs of one declaration: no model, cheap to pickle and cache."""

    kind: str  # "project" or "department"
    unit: str  # the unit's name, spaces and full-width brackets folded
    year: int
    amount: Decimal  # the project's money, or the department's 项目支出, in 万元
    pointer: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None

    def to_list(self) -> list[object]:
        """The cache entry's form (amount as text: exact)."""
        return [
            self.kind,
            self.unit,
            self.year,
            str(self.amount),
            self.pointer,
            self.line,
            self.column,
            self.end_line,
            self.end_column,
        ]


class Checked(Protocol):
    """A checked file's result as the folder check reads it (lint.FileResult)."""

    @property
    def file(self) -> str: ...

    @property
    def ledger(self) -> Ledger | None: ...


class Ledgered(NamedTuple):
    """A file's ledger without the rest of its result: what a run keeps of every file for the
    folder check, so that memory does not grow with the results (lint.runner)."""

    file: str
    ledger: Ledger


def unit_key(name: str) -> str:
    """A unit's name as compared: no spaces, full-width brackets as ASCII."""
    return _SPACE.sub("", name).replace("（", "(").replace("）", ")")


def _money(decl: Declaration) -> tuple[Decimal, str] | None:
    """(amount in 万元, pointer): a project's money, or a department's 项目支出."""
    if decl.kind.value == "project":
        project = decl.project
        if project is None:
            return None
        if project.amount is not None:
            return project.amount, "/project/amount"
        if project.budget is not None and project.budget.total is not None:
            return project.budget.in_wan(project.budget.total), "/project/budget/total"
        return None
    funds = decl.funds
    if funds is None:
        return None
    if funds.project is not None:
        return funds.project, "/funds/project"
    for i, source in enumerate(funds.expenditure):
        if source.kind == "project" and source.amount is not None:
            return source.amount, f"/funds/expenditure/{i}/amount"
    return None


def ledger_of(decl: Declaration, source: SourceMap) -> Ledger | None:
    """The declaration's ledger, or None when it names no unit or no amount (or is not a
    project or department form: a self-evaluation has no place in the sum)."""
    if getattr(decl.kind, "value", None) not in ("project", "department"):
        return None
    name = decl.unit or (decl.implementer.name if decl.implementer is not None else None)
    money = _money(decl)
    if not name or not unit_key(name) or money is None:
        return None
    amount, pointer = money
    span = source.locate(pointer)
    return Ledger(
        decl.kind.value,
        unit_key(name),
        decl.year,
        amount,
        pointer,
        span.line if span else None,
        span.column if span else None,
        span.end_line if span else None,
        span.end_column if span else None,
    )


def _fmt(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _names(files: Sequence[str]) -> str:
    shown = [safe(os.path.basename(f) or f, "path") for f in files[:MAX_NAMED]]
    more = len(files) - len(shown)
    return "、".join(shown) + (f" …（+{more}）" if more else "")


def _problem(file: str, ledger: Ledger, projects: Sequence[tuple[str, Ledger]]) -> Problem:
    total = sum((lg.amount for _, lg in projects), Decimal(0))
    diff = total - ledger.amount
    files = [f for f, _ in projects]
    n = len(projects)
    names = _names(files)
    if diff > 0:
        zh_why = "项目申报表合计超过部门项目支出：某个项目的金额有误，或部门表漏列了项目支出"
        en_why = "more than the department's project expenditure: a project's amount is wrong"
        en_why += " or the department form leaves some out"
    else:
        zh_why = (
            "项目申报表合计少于部门项目支出：某个项目的金额有误，或有项目的申报表不在本次检查中"
        )
        en_why = "less than the department's project expenditure: a project's amount is wrong"
        en_why += " or a project's declaration is not among the files checked"
    sign = "+" if diff > 0 else ""
    return Problem(
        code=CODE,
        severity=Severity.WARNING,
        message=Message(
            f"本单位 {ledger.year} 年的 {n} 份项目申报表（{names}）金额合计 {_fmt(total)} 万元，"
            f"部门表的项目支出为 {_fmt(ledger.amount)} 万元，相差 {sign}{_fmt(diff)} 万元。"
            f"{zh_why}。",
            f"The {n} project declaration{'s' if n != 1 else ''} of this unit for {ledger.year} "
            f"({names}) add up to {_fmt(total)} 万元 and the department form's project "
            f"expenditure is {_fmt(ledger.amount)} 万元, a difference of {sign}{_fmt(diff)}: "
            f"{en_why}.",
        ),
        file=file,
        line=ledger.line,
        column=ledger.column,
        end_line=ledger.end_line,
        end_column=ledger.end_column,
        pointer=ledger.pointer,
    )


def folder_problems(
    results: Iterable[Checked], options_for: Callable[[str], Options]
) -> dict[str, list[Problem]]:
    """PD249 per department file: for each unit and year with exactly one department form that
    gives its 项目支出 and at least one project form that gives its money, the sum against it.
    ``options_for`` gives a file's options (select, ignore and severity apply as to any code)."""
    departments: dict[tuple[str, int], list[tuple[str, Ledger]]] = {}
    projects: dict[tuple[str, int], list[tuple[str, Ledger]]] = {}
    for result in results:
        ledger = result.ledger
        if ledger is None:
            continue
        key = (ledger.unit, ledger.year)
        if ledger.kind == "department":
            departments.setdefault(key, []).append((result.file, ledger))
        else:
            projects.setdefault(key, []).append((result.file, ledger))
    found: dict[str, list[Problem]] = {}
    for key, depts in departments.items():
        mine = projects.get(key)
        if len(depts) != 1 or not mine:
            continue  # two department forms of one unit and year: nothing to compare against
        dept, ledger = depts[0]
        if sum((lg.amount for _, lg in mine), Decimal(0)) == ledger.amount:
            continue
        options = options_for(dept)
        if not enabled(CODE, options) or options.protected_only or not options.run_rules:
            continue
        problem = _problem(dept, ledger, mine)
        override = longest(CODE, options.severity)
        found.setdefault(dept, []).append(replace(problem, severity=override or problem.severity))
    return found
