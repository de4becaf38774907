"""PD269: an annual goal that names no output, figure or result."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl import phrases
from perfdecl.model import Declaration
from perfdecl.phrases.measures import procedure_only
from perfdecl.problem import Message, Severity
from perfdecl.rules.base import Finding, Rule, RuleSettings


def annual_goal(decl: Declaration) -> tuple[str, str] | None:
    """(pointer, text) of the year's goal: the 年度目标 cell, or the lead paragraph of a form
    that has neither numbered strands nor a 年度目标 cell."""
    goals = decl.goals
    if goals is None:
        return None
    if goals.annual is not None and goals.annual.text and goals.annual.text.strip():
        return "/goals/annual/text", goals.annual.text
    if goals.lead and goals.lead.strip() and not goals.strands:
        return "/goals/lead", goals.lead
    return None


class VagueGoal(Rule):
    """The annual goal says what the money will deliver and what it will change; "按工作计划完成
    教育局重点项目建设经费预算安排" says only that the budget will be spent as planned.

    A goal that names no output, no figure and no result gives the reviewer nothing to set the
    indicators against: for 10000万元, what is built, how much, and to what end? The check reads
    the goal clause by clause and reports it when it states no figure and every clause ends in the
    work or the money itself (完成, 落实, 各项工作, 预算安排, 资金到位 …). A goal naming a result,
    however vague (改善办学条件), is left to the reviewer.

    Bad:

        goals:
          annual:
            label: 年度目标
            text: 按工作计划完成教育局重点项目建设经费预算安排

    Good:

        goals:
          annual:
            label: 年度目标
            text: 完成3所学校校舍改造共1200平方米，消除D级危房，改善2000名学生的就学条件。
    """

    code = "PD269"
    name = "vague-goal"
    severity = Severity.WARNING
    summary = Message(
        "年度目标只写了按计划完成工作或预算，没有写产出、数量或效果",
        "The annual goal names no output, figure or result (only that the work or budget is "
        "carried out)",
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        found = annual_goal(decl)
        if found is None:
            return
        pointer, text = found
        if phrases.is_quantified(text) or not procedure_only(text):
            return
        yield Finding(
            pointer,
            Message(
                "年度目标只写了按计划完成工作或预算，没有写明资金要交付什么（产出及数量）、"
                "带来什么效果。请写明主要产出、数量和预期效果，如“完成3所学校校舍改造共1200"
                "平方米，改善2000名学生的就学条件”。",
                "The annual goal only says the work or the budget will be carried out; it names "
                "no output, no figure and no result. State what the money delivers, how much, "
                "and what it changes (such as 完成3所学校校舍改造共1200平方米，改善2000名学生的"
                "就学条件).",
            ),
            offset=0,
        )
