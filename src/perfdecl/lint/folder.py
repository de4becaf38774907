"""Checks across the declarations of one run: the project forms of a unit and year against its
department form (PD249).

One file cannot know whether its projects add up to the department's 项目支出: the other forms
are in other files. Each file's check leaves a small :class:`Ledger` on its result (its kind,
unit, year and amount, with the amount's place), which survives the slim result and the result
cache; a run adds them to :class:`Ledgers` as files are checked and, once every file is in,
adds its findings to the department form's result, at the place of its 项目支出.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

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


def _names(files: Sequence[str], count: int) -> str:
    """The first files' names, and how many others there are of ``count`` in all."""
    shown = [safe(os.path.basename(f) or f, "path") for f in files[:MAX_NAMED]]
    more = count - len(shown)
    return "、".join(shown) + (f" …（+{more}）" if more else "")


def _problem(file: str, ledger: Ledger, projects: _Projects) -> Problem:
    total = projects.total
    diff = total - ledger.amount
    n = projects.count
    names = _names(projects.files, n)
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


class _Projects:
    """The project forms of one unit and year, as the check reads them: their number, the sum of
    their money (added in input order) and the first :data:`MAX_NAMED` files. (A plain class:
    building a dataclass costs every start of perfdecl a few hundred microseconds.)"""

    __slots__ = ("count", "files", "total")

    def __init__(self) -> None:
        self.count = 0
        self.total = Decimal(0)
        self.files: list[str] = []


_DEPARTMENT = "department"

_TWO = None
"""A unit and year with more than one department form: nothing to compare against."""


class Ledgers:
    """The folder check's accumulator: ledgers are added as files are checked, in input order,
    and :meth:`problems` gives PD249 per department file once every file is in.

    A run of many files keeps what the check needs and no more: each department form's ledger
    and options, and for each unit and year of project forms a count, a sum and a few names
    (the message names five), not a ledger per project form.
    """

    __slots__ = ("_departments", "_projects")

    def __init__(self) -> None:
        self._departments: dict[tuple[str, int], tuple[str, Ledger, Options] | None] = {}
        self._projects: dict[tuple[str, int], _Projects] = {}

    def add(self, file: str, ledger: Ledger, options: Options) -> None:
        """A checked file's ledger, with the options the file was checked under."""
        key = (ledger.unit, ledger.year)
        if ledger.kind == "department":
            if ledger.kind is not _DEPARTMENT:  # unpickled from a worker: its own copies
                ledger = replace(ledger, kind=_DEPARTMENT, pointer=sys.intern(ledger.pointer))
            self._departments[key] = (
                (file, ledger, options) if key not in self._departments else _TWO
            )
            return
        projects = self._projects.get(key)
        if projects is None:
            projects = self._projects[key] = _Projects()
        projects.count += 1
        projects.total += ledger.amount
        if len(projects.files) < MAX_NAMED:
            projects.files.append(file)

    def problems(self) -> dict[str, list[Problem]]:
        """PD249 per department file: for each unit and year with exactly one department form
        that gives its 项目支出 and at least one project form that gives its money, the sum
        against it. Select, ignore and severity apply as to any code, from the department
        form's options."""
        found: dict[str, list[Problem]] = {}
        for key, department in self._departments.items():
            projects = self._projects.get(key)
            if department is None or projects is None:
                continue
            dept, ledger, options = department
            if projects.total == ledger.amount:
                continue
            if not enabled(CODE, options) or options.protected_only or not options.run_rules:
                continue
            problem = _problem(dept, ledger, projects)
            override = longest(CODE, options.severity)
            found.setdefault(dept, []).append(
                replace(problem, severity=override or problem.severity)
            )
        return found
