"""The problem codes of ``perfdecl import`` (PD401–PD417), reported by
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
    CodeInfo(
        "PD409",
        "document-unreadable",
        Severity.ERROR,
        Message(
            "文件类型无法直接导入（扫描件、图片、损坏或需转换的文件）；消息说明如何处理。",
            "The file cannot be imported as it is (a scan, an image, damaged, or needs converting).",
        ),
        origin="import",
    ),
    CodeInfo(
        "PD410",
        "several-projects",
        Severity.ERROR,
        Message(
            "文件含有多个项目；用 -o 目录/ 每个项目写一个文件，或用 --project N 选一个。",
            "The file holds several projects; write one file each with -o DIR/ or pick one with --project N.",
        ),
        origin="import",
    ),
    CodeInfo(
        "PD411",
        "comparison-implied",
        Severity.INFO,
        Message(
            "指标值没有写比较符号，按“=”导入并标记为推定。",
            "A value printed without a comparison was imported as = and marked implied.",
        ),
        origin="import",
    ),
    CodeInfo(
        "PD412",
        "sums-disagree",
        Severity.WARNING,
        Message(
            "资金分项之和与合计不符（可能丢失了小数点）；请核对原表。",
            "Money parts do not add up to the total (a lost decimal point?); check the form.",
        ),
        origin="import",
    ),
    CodeInfo(
        "PD413",
        "percentage-over-100",
        Severity.WARNING,
        Message(
            "百分比超过 100%（“≥”可能被识别成了数字）；请核对原表。",
            "A percentage over 100% (≥ read as a digit by OCR?); check the form.",
        ),
        origin="import",
    ),
    CodeInfo(
        "PD414",
        "cells-glued",
        Severity.WARNING,
        Message(
            "几个单元格的文字粘连在一起，拆分无法确定；请核对原表。",
            "Several cells were glued together and cannot be split with certainty; check the form.",
        ),
        origin="import",
    ),
    CodeInfo(
        "PD415",
        "template-placeholder",
        Severity.WARNING,
        Message(
            "单元格里保留着模板占位符（如“≥**个”）；请核对原表。",
            "A cell still holds a template placeholder (such as ≥**个); check the form.",
        ),
        origin="import",
    ),
    CodeInfo(
        "PD416",
        "outcome-column",
        Severity.INFO,
        Message(
            "自评表的实际完成列（完成值、得分等）暂不导入。",
            "An outcome column of a self-evaluation (actual value, score…) is not imported yet.",
        ),
        origin="import",
    ),
    CodeInfo(
        "PD417",
        "no-target-table",
        Severity.ERROR,
        Message(
            "这是没有目标表的自评报告或评分表，没有可导入的绩效目标。",
            "A self-evaluation report or scoring rubric with no target table: nothing to import.",
        ),
        origin="import",
    ),
)
"""Import problem codes, in code order."""
