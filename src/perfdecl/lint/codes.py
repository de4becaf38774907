"""The problem codes of checking one file: inline suppressions (PD024–PD026, see
docs/configuration.md) and the internal error (PD900). Joined with every other layer's table by
:func:`perfdecl.catalogue.all_codes`."""

from __future__ import annotations

from perfdecl.problem import CodeInfo, Message, Severity, code_table

CODES: dict[str, CodeInfo] = code_table(
    CodeInfo(
        "PD024",
        "suppression-malformed",
        Severity.WARNING,
        Message("无法识别的 perfdecl 注释。", "A perfdecl comment that is not understood."),
        help=Message(
            "以 # perfdecl: 开头的注释不是 ignore[代码] 理由 的形式，因而不起作用。",
            "A comment that starts # perfdecl: but is not ignore[CODES] reason, so it has no effect.",
        ),
        origin="suppression",
    ),
    CodeInfo(
        "PD025",
        "suppression-without-reason",
        Severity.WARNING,
        Message(
            "忽略注释没有写理由，不生效。", "A suppression without a reason; it has no effect."
        ),
        help=Message(
            "忽略注释必须写明理由：# perfdecl: ignore[PD203] 单独出现时不忽略任何问题。理由让后来的人知道这个问题是有意接受的。",
            "A suppression must give its reason: # perfdecl: ignore[PD203] alone suppresses nothing. The reason tells the next reader that the finding was accepted on purpose.",
        ),
        origin="suppression",
    ),
    CodeInfo(
        "PD026",
        "suppression-unused",
        Severity.INFO,
        Message("忽略注释没有起作用。", "A suppression that hides nothing."),
        help=Message(
            "忽略注释没有忽略任何问题（或试图忽略无法忽略的读取错误）：删除过时的忽略注释。被 select/ignore 关闭的代码不算未使用。",
            "A suppression that hides nothing (or tries to hide a loader error, which cannot be suppressed): remove stale ones. Codes disabled by select/ignore are not reported as unused.",
        ),
        origin="suppression",
    ),
    CodeInfo(
        "PD900",
        "internal-error",
        Severity.ERROR,
        Message("perfdecl 内部错误。", "Internal error in perfdecl."),
        Message(
            "检查此文件时 perfdecl 自身出错。请附上文件提交问题报告。",
            "perfdecl itself failed while checking the file. Please report it with the file "
            "attached.",
        ),
        origin="internal",
    ),
    CodeInfo(
        "PD249",
        "projects-off-department-total",
        Severity.WARNING,
        Message(
            "同一单位同一年度的项目申报表金额合计与部门表的项目支出不符。",
            "The project declarations of a unit and year do not add up to its department "
            "form's project expenditure.",
        ),
        help=Message(
            "一次检查的文件中，同一单位、同一年度有一份部门整体申报表（写明项目支出）和若干项目"
            "申报表（写明项目资金）时，各项目资金之和应等于部门表的项目支出（万元，按 Decimal 精确"
            "比较）。不等时在部门表的项目支出处报告，列出参与合计的项目文件：多出说明某个项目金额"
            "有误或部门表漏列，不足说明金额有误或有项目的申报表不在本次检查的文件中。同一单位同一"
            "年度有两份部门表时不比较。单位按名称比较（忽略空白，全角括号视同半角）。",
            "When the files of one run hold, for one unit and year, a department form that gives "
            "its project expenditure (funds.project, or the expenditure row of kind project) and "
            "project forms that give their money (project.amount or the annual budget's total), "
            "the projects must add up to the department's figure (in 万元, compared exactly). "
            "The finding is placed on the department form's figure and names the project files: "
            "more means a project's amount is wrong or the department form leaves some out; less "
            "means an amount is wrong or a project's declaration is not among the files checked. "
            "Two department forms of one unit and year are not compared. Units are matched by "
            "name (spaces ignored, full-width brackets as ASCII).",
        ),
        origin="folder",
    ),
)
"""Suppression, internal-error and folder-check codes, in code order."""
