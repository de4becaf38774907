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
        origin="diff",
    ),
    CodeInfo(
        "PD313",
        "indicator-moved",
        Severity.INFO,
        Message("指标移到了另一个一级/二级指标下。", "An indicator moved to another group."),
        origin="diff",
    ),
    CodeInfo(
        "PD314",
        "indicator-changed",
        Severity.INFO,
        Message("指标文字、性质或备注变化。", "An indicator's wording, kind or note changed."),
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
        origin="diff",
    ),
)
"""Every diff code with its default severity; documented in docs/diff.md."""

DIFF_CODES = CODES
"""The same table under the name the diff's callers and tests have always used."""
