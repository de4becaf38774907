"""The diff's codes (PD3xx): each with its name, default severity and one-line summary.

Documented in docs/diff.md; :func:`perfdecl.catalogue.all_codes` joins this table with the other
layers' tables.
"""

from __future__ import annotations

from perfdecl.problem import CodeInfo, Message, Severity, code_table

CODES: dict[str, CodeInfo] = code_table(
    CodeInfo(
        "PD300",
        "header-changed",
        Severity.INFO,
        Message("表头字段变化。", "A header field changed."),
        help=Message(
            "表头字段变化：年度、指标体系、类型、单位、负责人、电话、职能、其他说明、总体目标、项目名称或期限。",
            "A header field changed: year, framework, kind, unit, head, phone, functions, remarks, the goals' lead, the project's name or period.",
        ),
        origin="diff",
    ),
    CodeInfo(
        "PD301",
        "target-weakened",
        Severity.WARNING,
        Message("指标值降低（更宽松）。", "A target got weaker."),
        origin="diff",
    ),
    CodeInfo(
        "PD302",
        "indicator-removed",
        Severity.WARNING,
        Message("删除了指标。", "An indicator was removed."),
        help=Message(
            "上一年度的指标在新表中不见了（连同它的指标值）：删除指标会降低目标，默认是警告。",
            "An indicator of the old form is gone from the new one (its targets with it): removing an indicator weakens the targets, so it is a warning by default.",
        ),
        origin="diff",
    ),
    CodeInfo(
        "PD303",
        "unit-changed",
        Severity.WARNING,
        Message("计量单位变化，无法比较。", "The unit changed; not comparable."),
        origin="diff",
    ),
    CodeInfo(
        "PD304",
        "funds-without-targets",
        Severity.WARNING,
        Message(
            "资金变化较大而指标未变（目标与资金不匹配）。",
            "Funds moved a lot while every target stayed the same.",
        ),
        help=Message(
            "资金总额（或项目金额）变化超过 --funds-threshold 百分比，而没有任何指标值或指标被增加、删除或修改：目标与资金不匹配。",
            "Total funds (or the project amount) moved by more than --funds-threshold percent while no target, and no indicator, was added, removed or changed: the targets are not matched to the money.",
        ),
        origin="diff",
    ),
    CodeInfo(
        "PD305",
        "year-order",
        Severity.WARNING,
        Message(
            "比较的年度相同，或旧文件年度更新。",
            "Same year on both sides, or OLD is newer than NEW.",
        ),
        help=Message(
            "两边是同一年度（同一年的两个版本），或旧文件的年度比新文件更新：请检查比较的顺序。",
            "Both sides are for the same year (two versions of one year), or OLD is newer than NEW: check the order of the comparison.",
        ),
        origin="diff",
    ),
    CodeInfo(
        "PD306",
        "weakened-without-note",
        Severity.WARNING,
        Message(
            "延续的指标降低但未说明理由（note）。",
            "A recurring target got weaker with no note.",
        ),
        help=Message(
            "延续的指标值降低（或被删除），而该指标的 note 没有说明理由。",
            "A recurring target got weaker (or was removed) and the indicator's note does not say why.",
        ),
        origin="diff",
    ),
    CodeInfo(
        "PD307",
        "target-removed",
        Severity.WARNING,
        Message("保留的指标删除了指标值。", "A target was removed from a kept indicator."),
        origin="diff",
    ),
    CodeInfo(
        "PD310",
        "funds-changed",
        Severity.INFO,
        Message("资金变化。", "Funds changed."),
        help=Message(
            "某项资金数字变化：给出绝对变化和相对变化（精确计算，百分比四舍五入到 0.1）。",
            "A funds figure changed: the absolute and relative change (exact, the percentage rounded half-up to 0.1).",
        ),
        origin="diff",
    ),
    CodeInfo(
        "PD311",
        "indicator-added",
        Severity.INFO,
        Message("新增指标。", "An indicator was added."),
        origin="diff",
    ),
    CodeInfo(
        "PD312",
        "indicator-renamed",
        Severity.INFO,
        Message("指标编号变化（按文字匹配）。", "An indicator's id changed (matched by wording)."),
        help=Message(
            "同一条指标换了编号（按文字匹配，并给出相似度）。",
            "The same indicator under another id (matched by wording, with the score).",
        ),
        origin="diff",
    ),
    CodeInfo(
        "PD313",
        "indicator-moved",
        Severity.INFO,
        Message("指标移到了另一个一级/二级指标下。", "An indicator moved to another group."),
        help=Message(
            "指标移到了另一个一级/二级指标下（编号也可能变了）。",
            "The indicator sits under another 一级/二级 (its id may have changed too).",
        ),
        origin="diff",
    ),
    CodeInfo(
        "PD314",
        "indicator-changed",
        Severity.INFO,
        Message("指标文字、性质或备注变化。", "An indicator's wording, kind or note changed."),
        help=Message(
            "指标的文字（附逐词差异）、性质（定性 → 定量 为更严格）或 note 变化。",
            "The indicator's wording (with a word-level diff), kind (定性 -> 定量 is stronger) or note changed.",
        ),
        origin="diff",
    ),
    CodeInfo(
        "PD320",
        "target-strengthened",
        Severity.INFO,
        Message("指标值提高（更严格）。", "A target got stronger."),
        origin="diff",
    ),
    CodeInfo(
        "PD321",
        "target-changed",
        Severity.INFO,
        Message("指标值变化，方向无法判断。", "A target changed; direction unknown."),
        origin="diff",
    ),
    CodeInfo(
        "PD322",
        "target-added",
        Severity.INFO,
        Message("保留的指标新增了指标值。", "A target was added to a kept indicator."),
        origin="diff",
    ),
    CodeInfo(
        "PD330",
        "goal-added",
        Severity.INFO,
        Message("新增绩效目标。", "A goal strand was added."),
        origin="diff",
    ),
    CodeInfo(
        "PD331",
        "goal-removed",
        Severity.WARNING,
        Message("删除了绩效目标。", "A goal strand was removed."),
        origin="diff",
    ),
    CodeInfo(
        "PD332",
        "goal-renamed",
        Severity.INFO,
        Message("绩效目标编号变化。", "A goal strand's id changed."),
        origin="diff",
    ),
    CodeInfo(
        "PD333",
        "goal-changed",
        Severity.INFO,
        Message("绩效目标文字变化。", "A goal strand's wording changed."),
        origin="diff",
    ),
    CodeInfo(
        "PD340",
        "group-added",
        Severity.INFO,
        Message("新增一级或二级指标。", "A level-1 or level-2 group was added."),
        origin="diff",
    ),
    CodeInfo(
        "PD341",
        "group-removed",
        Severity.WARNING,
        Message("删除了一级或二级指标。", "A level-1 or level-2 group was removed."),
        origin="diff",
    ),
    CodeInfo(
        "PD342",
        "group-renamed",
        Severity.INFO,
        Message(
            "一级或二级指标的名称、编号或对应目标变化。", "A group's name, id or goal changed."
        ),
        help=Message(
            "一级指标的编号、名称或对应目标变化，或二级指标的名称变化。",
            "A 一级's id, name or goal, or a 二级's name, changed.",
        ),
        origin="diff",
    ),
)
"""Every diff code with its default severity; documented in docs/diff.md."""

DIFF_CODES = CODES
"""The same table under the name the diff's callers and tests have always used."""
