"""The outcome's codes (PD5xx): what ``perfdecl outcome`` finds when a self-evaluation is read
against its declaration. Documented in docs/outcome.md; :func:`perfdecl.catalogue.all_codes`
joins this table with the other layers' tables."""

from __future__ import annotations

from perfdecl.problem import CodeInfo, Message, Severity, code_table

CODES: dict[str, CodeInfo] = code_table(
    CodeInfo(
        "PD500",
        "pair-mismatch",
        Severity.WARNING,
        Message(
            "申报表与自评表的年度、单位或项目不一致。",
            "The declaration and the self-evaluation differ in year, unit or project.",
        ),
        help=Message(
            "自评表应对应同一年度、同一单位（项目）的申报表；年度、单位名称或项目名称（编码）不同时，"
            "很可能比较错了文件，后面的结论都不可信。",
            "A self-evaluation answers the declaration of the same year and unit (project); when "
            "the year, the unit's name or the project's name (code) differ, the wrong files are "
            "probably being compared and every verdict after it is doubtful.",
        ),
        origin="outcome",
    ),
    CodeInfo(
        "PD501",
        "target-missed",
        Severity.WARNING,
        Message("指标未完成：实际完成值未达到申报的指标值。", "A declared target was missed."),
        help=Message(
            "按申报表的指标值（而不是自评表上可能改过的值）判断：≥/＞ 指标实际值低于目标、≤/＜ "
            "指标实际值高于目标即未完成；消息给出差额（指标的计量单位）和相对差距。",
            "Judged against the declared target (not the value the self-evaluation may have "
            "changed): an actual value below a >= or > target, or above a <= or < target, is a "
            "miss; the message gives the gap in the target's unit and the relative shortfall.",
        ),
        origin="outcome",
    ),
    CodeInfo(
        "PD502",
        "target-changed-after-the-fact",
        Severity.WARNING,
        Message(
            "自评表中的年度指标值与申报的不同（事后改动了目标）。",
            "The self-evaluation's target differs from the declared one (changed after the fact).",
        ),
        help=Message(
            "自评表照录的年度指标值应与批复的申报表一致；不一致而又未列出年初指标值，说明目标在年中"
            "或自评时被改动，完成情况应按申报的指标值判断。",
            "The target a self-evaluation repeats should be the approved, declared one; a "
            "different value with no 年初指标值 beside it means the target was changed during the "
            "year or at evaluation time, and the outcome is judged against the declared value.",
        ),
        origin="outcome",
    ),
    CodeInfo(
        "PD503",
        "target-adjusted",
        Severity.INFO,
        Message(
            "自评表列明了年中调整的指标值（年初指标值 → 调整指标值）。",
            "The self-evaluation shows an in-year adjustment of the target.",
        ),
        help=Message(
            "一体化系统的自评表同时印出年初指标值与调整指标值；年初值与申报一致而调整值不同，是公开的"
            "调整，应有批复依据。完成情况仍按申报的指标值判断。",
            "Integrated-system forms print the value at the start of the year beside the adjusted "
            "one; an initial value equal to the declared one with a different adjusted value is "
            "a disclosed adjustment, which needs an approval. The outcome is still judged against "
            "the declared value.",
        ),
        origin="outcome",
    ),
    CodeInfo(
        "PD504",
        "score-overstated",
        Severity.WARNING,
        Message(
            "自评得分高于按评分规则重算的得分。", "The self-score is above the recomputed one."
        ),
        help=Message(
            "按评分规则（默认：完成得满分，未完成的定量指标按实际值/目标值折算，预算执行按 10×执行率）"
            "重算，本行的自评得分偏高。",
            "Recomputed under the scoring rule (by default: full points for a met target, points "
            "times actual/target for a missed quantitative one, 10 x the execution rate for the "
            "budget), the row's self-score is too high.",
        ),
        origin="outcome",
    ),
    CodeInfo(
        "PD505",
        "score-understated",
        Severity.INFO,
        Message(
            "自评得分低于按评分规则重算的得分。", "The self-score is below the recomputed one."
        ),
        help=Message(
            "单位给自己的得分低于评分规则给出的得分：可能另有扣分理由（应写明），也可能是算错。",
            "The unit scored itself below what the scoring rule gives: there may be another "
            "reason to deduct (which should be written down), or a slip.",
        ),
        origin="outcome",
    ),
    CodeInfo(
        "PD506",
        "total-score-mismatch",
        Severity.WARNING,
        Message(
            "自评总分与按评分规则重算的总分不同。",
            "The total self-score differs from the recomputed total.",
        ),
        help=Message(
            "总分按各行重算得分与预算执行得分之和计算；定性指标与无法比较的指标沿用自评得分。",
            "The total is the sum of each row's recomputed score and the budget execution score; "
            "qualitative and not comparable rows keep their self-scores.",
        ),
        origin="outcome",
    ),
    CodeInfo(
        "PD507",
        "not-comparable",
        Severity.INFO,
        Message(
            "实际完成值无法与指标值比较。",
            "The actual value cannot be compared with the target.",
        ),
        help=Message(
            "实际完成值缺失、不是数字，或计量单位与指标值不同：无法判断是否完成，得分沿用自评得分。",
            "The actual value is missing, is not a number, or is in another unit than the "
            "target: whether the target was met cannot be told, and the row keeps its self-score.",
        ),
        origin="outcome",
    ),
    CodeInfo(
        "PD508",
        "not-evaluated",
        Severity.WARNING,
        Message(
            "申报的指标在自评表中没有出现。",
            "A declared indicator is missing from the self-evaluation.",
        ),
        help=Message(
            "每个申报的三级指标都应在自评表中给出实际完成值；漏掉的指标（按编号，再按名称和计量单位"
            "匹配）往往是没有完成的指标。",
            "Every declared indicator should appear in the self-evaluation with its actual value; "
            "one left out (matched by id, then by wording and unit) is often one that was missed.",
        ),
        origin="outcome",
    ),
    CodeInfo(
        "PD509",
        "undeclared-indicator",
        Severity.INFO,
        Message(
            "自评表中的指标在申报表中没有。",
            "An indicator of the self-evaluation was not declared.",
        ),
        help=Message(
            "自评表新增了申报表没有的指标：它不是批复的目标，不能替代申报的指标。",
            "The self-evaluation adds an indicator the declaration does not have: it was not an "
            "approved target and cannot stand in for a declared one.",
        ),
        origin="outcome",
    ),
)

OUTCOME_CODES: frozenset[str] = frozenset(CODES)
