"""PD270: a numbered goal of the goal cell that no indicator names."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from perfdecl.model import Declaration
from perfdecl.model.rows import all_indicator_rows
from perfdecl.phrases.measures import cjk_bigrams, numbered_goals
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import row_texts
from perfdecl.rules.base import Finding, Rule, RuleSettings
from perfdecl.rules.pd269_vague_goal import annual_goal

MIN_OWN_PAIRS = 3
"""A goal needs this many character pairs of its own (in no other goal) to be judged at all."""
MIN_JUDGED = 3
"""Goals judged before a table is: with two, one unnamed goal may be the table's wording."""
MAX_MISSING_SHARE = 3
"""At most one judged goal in this many may go unnamed: a table that misses more is worded
apart from its goals (公路 in the goal, 道路 in the rows), not short of one goal."""


def uncovered_goals(decl: Declaration, text: str) -> list[tuple[int, int, str]]:
    """(number, offset, text) of each numbered goal none of whose own words appears in any
    indicator row, when at least three goals are judged and at most a third of them go unnamed
    (a table worded apart from its goals is not matched against them word by word)."""
    goals = numbered_goals(text)
    if not goals:
        return []
    pairs = [cjk_bigrams(g) for _, g in goals]
    table: set[str] = set()
    for row in all_indicator_rows(decl):
        for t in row_texts(row):
            table |= cjk_bigrams(t[:1000])
    if not table:
        return []
    shared = Counter(pair for own in pairs for pair in own)
    missing = []
    judged = 0
    for n, ((offset, goal), own) in enumerate(zip(goals, pairs, strict=True), start=1):
        own = {pair for pair in own if shared[pair] == 1}  # in no other goal
        if len(own) < MIN_OWN_PAIRS:
            continue
        judged += 1
        if not own & table:
            missing.append((n, offset, goal))
    if not missing or judged < MIN_JUDGED or len(missing) * MAX_MISSING_SHARE > judged:
        return []
    return missing


class GoalWithoutIndicator(Rule):
    """Every numbered goal of the goal cell (目标 1: …, 1、…) needs an indicator that measures it.

    "目标 6：对农村贫困残疾人自强互助服务社给予扶持" with no row about the 互助服务社 among ten
    数量 rows cannot be evaluated at the year's end: how many were supported? The check takes the
    words each goal has of its own (character pairs in no other goal, less generic verbs such as
    提供, 给予, 扶持) and reports the goals none of whose words appears in any indicator row. It
    judges a goal only when it has at least three such pairs, and a table only when at least three
    goals are judged and at most a third of them go unnamed. Goals written as numbered strands
    with ``goal:`` links are PD225's.

    Bad:

        goals:
          annual:
            label: 年度总体目标
            text: |-
              目标 1:为残疾人提供基本康复服务。
              目标 2:补助基层残联基础设施建设。
              目标 3:对农村贫困残疾人自强互助服务社给予扶持。
        indicators:
          - id: out
            name: 产出指标
            groups:
              - name: 数量指标
                items:
                  - {id: out.qty.1, text: 基本康复服务人数, value_text: 3000人}
                  - {id: out.qty.2, text: 基层残联基础设施建设家数, value_text: 12家}

    Good:

        goals:
          annual:
            label: 年度总体目标
            text: |-
              目标 1:为残疾人提供基本康复服务。
              目标 2:补助基层残联基础设施建设。
              目标 3:对农村贫困残疾人自强互助服务社给予扶持。
        indicators:
          - id: out
            name: 产出指标
            groups:
              - name: 数量指标
                items:
                  - {id: out.qty.1, text: 基本康复服务人数, value_text: 3000人}
                  - {id: out.qty.2, text: 基层残联基础设施建设家数, value_text: 12家}
                  - {id: out.qty.3, text: 扶持农村自强互助服务社个数, value_text: 20个}
    """

    code = "PD270"
    name = "goal-without-indicator"
    severity = Severity.WARNING
    summary = Message(
        "年度目标中列出的某项目标没有对应的指标",
        "A numbered goal of the goal cell has no indicator",
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        found = annual_goal(decl)
        if found is None:
            return
        pointer, text = found
        missing = uncovered_goals(decl, text)
        if not missing:
            return
        zh = "；".join(f"目标 {n}（{goal[:20]}）" for n, _, goal in missing[:3])
        en = ", ".join(str(n) for n, _, _ in missing[:10])
        if len(missing) > 3:
            zh += f" 等 {len(missing)} 项"
        if len(missing) > 10:
            en += f" and {len(missing) - 10} more"
        yield Finding(
            pointer,
            Message(
                f"年度目标中的 {zh} 在指标表中找不到对应的指标，年终无法评价。"
                "请为其增加指标（如扶持的个数、受益人数），或说明由哪一行指标衡量。",
                f"No indicator row names goal {en} of the goal cell, so it cannot be evaluated "
                "at the year's end; add an indicator for each such goal (how many supported, how "
                "many people served) or say which row measures it.",
            ),
            offset=missing[0][1],
        )
