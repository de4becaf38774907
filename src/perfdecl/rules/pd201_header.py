"""PD201: a required header part is missing or empty."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfdecl.model import Declaration, Kind
from perfdecl.problem import Message, Severity
from perfdecl.rules.base import Finding, Rule, RuleSettings

_PARTS_ZH = {
    "unit": "部门（单位）名称",
    "head": "部门（单位）负责人",
    "phone": "联系电话",
    "funds": "部门（单位）总体资金情况",
    "funds/total": "资金总额",
    "funds/basic": "基本支出",
    "funds/project": "项目支出",
    "functions": "部门（单位）职能概述",
    "goals": "部门（单位）绩效目标",
    "indicators": "绩效指标表",
    "project": "项目信息",
    "project/name": "项目名称",
    "project/amount": "项目资金",
}


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def missing_parts(decl: Declaration) -> list[str]:
    """Pointer paths (without the leading slash) of required parts that are absent or blank."""
    named = decl.kind is Kind.PROJECT and any(
        party is not None and not _blank(party.name)
        for party in (decl.supervisor, decl.implementer)
    )  # a project form names its 主管部门 / 实施单位 where a department form names the unit
    missing = [part for part in ("unit",) if _blank(decl.unit) and not named]
    if decl.kind is Kind.DEPARTMENT:
        missing += [p for p, v in (("head", decl.head), ("phone", decl.phone)) if _blank(v)]
        if decl.funds is None:
            missing.append("funds")
        else:
            amounts: tuple[tuple[str, Decimal | None], ...] = (
                ("funds/total", decl.funds.total),
                ("funds/basic", decl.funds.basic),
                ("funds/project", decl.funds.project),
            )
            missing += [p for p, v in amounts if v is None]
        if _blank(decl.functions):
            missing.append("functions")
    else:
        if decl.project is None:
            missing.append("project")
        else:
            missing += [
                p
                for p, v in (
                    ("project/name", decl.project.name),
                    ("project/amount", decl.project.amount),
                )
                if _blank(v)
            ]
    goals = decl.goals
    if goals is None or (
        _blank(goals.lead)
        and not goals.strands
        and all(g is None or _blank(g.text) for g in (goals.annual, goals.period))
    ):
        missing.append("goals")
    if not decl.indicators:
        missing.append("indicators")
    return missing


class HeaderIncomplete(Rule):
    """The header of the form is incomplete: a required part is missing or empty.

    A department form needs the unit, its head and phone, the funds (total, basic and project
    expenditure), the functions, the goals and the indicator table; a project form needs the
    unit, the project name and amount, the goals and the table. The bureau returns a form with
    an empty box without reading further.

    Bad:

        head: ""
        phone:

    Good:

        head: 张三
        phone: "010-12345678"
    """

    code = "PD201"
    name = "header-incomplete"
    severity = Severity.ERROR
    summary = Message(
        "表头必填项缺失或为空（单位名称、负责人、电话、资金、职能、目标、指标表）",
        "A required header part is missing or empty (unit, head, phone, funds, functions, goals, "
        "indicator table)",
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        for part in missing_parts(decl):
            zh = _PARTS_ZH[part]
            yield Finding(
                f"/{part}",
                Message(
                    f"表头“{zh}”未填写。请补填后再报送，该项为必填项。",
                    f"The header part {part!r} ({zh}) is missing or empty; fill it in, it is "
                    "required.",
                ),
                key=True,
            )
