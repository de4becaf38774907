"""The problem codes of ``perfdecl import`` (PD401–PD408), reported by
:mod:`perfdecl.convert.importer`. Documented in docs/import.md; joined with every other layer's
table by :func:`perfdecl.catalogue.all_codes`."""

from __future__ import annotations

from perfdecl.problem import CodeInfo, Message, Severity, code_table

CODES: dict[str, CodeInfo] = code_table(
    CodeInfo(
        "PD401",
        "line-not-placed",
        Severity.WARNING,
        Message("输入中的一行未能放入声明。", "An input line was not placed in the declaration."),
        origin="import",
    ),
    CodeInfo(
        "PD402",
        "section-missing",
        Severity.WARNING,
        Message("申报表的某一部分未找到。", "A part of the form was not found."),
        origin="import",
    ),
    CodeInfo(
        "PD403",
        "year-unknown",
        Severity.ERROR,
        Message("无法确定申报年度。", "The declaration year cannot be told."),
        origin="import",
    ),
    CodeInfo(
        "PD404",
        "amount-unreadable",
        Severity.WARNING,
        Message("金额无法读取为数字。", "An amount cannot be read as a number."),
        origin="import",
    ),
    CodeInfo(
        "PD405",
        "layout-unknown",
        Severity.ERROR,
        Message("未能识别申报表版式（没有找到绩效指标表）。", "The layout was not recognised."),
        origin="import",
    ),
    CodeInfo(
        "PD406",
        "amount-in-yuan",
        Severity.INFO,
        Message("金额以元填写，已换算为万元。", "An amount in 元 was converted to 万元."),
        origin="import",
    ),
    CodeInfo(
        "PD407",
        "framework-guessed",
        Severity.INFO,
        Message("无法从指标名称判断指标体系，已按默认处理。", "The framework was guessed."),
        origin="import",
    ),
    CodeInfo(
        "PD408",
        "targets-skipped",
        Severity.WARNING,
        Message("某条指标的指标值未能结构化提取。", "Targets of an indicator were not extracted."),
        origin="import",
    ),
)
"""Import problem codes, in code order."""
