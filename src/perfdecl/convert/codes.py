"""The problem codes of ``perfdecl import`` (PD401–PD419), reported by
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
        help=Message(
            "输入中每一行非空文字，要么放进了声明（作为值、条目、续行或成为键的标签），要么报告为 PD401 并给出行号，因此公开的内容不会被悄悄丢失。表格标题行报告为提示。",
            "Every non-blank input line is either placed in the declaration (as a value, an item, a continuation line or a label that became a key) or reported as PD401 with its line number, so nothing published is silently lost. The title line is reported as info.",
        ),
        origin="import",
    ),
    CodeInfo(
        "PD402",
        "section-missing",
        Severity.WARNING,
        Message("申报表的某一部分未找到。", "A part of the form was not found."),
        help=Message(
            "申报表的某一部分（单位名称、负责人、电话、资金、职能、目标、指标表、其他说明）没有找到；导入的声明缺少它，validate 随后也会报告（如 PD201 表头不完整）。",
            "A part of the form (unit name, head, phone, funds, functions, goals, indicator table, remarks) was not found; the imported declaration lacks it, and validate then reports it too (PD201 header incomplete, …).",
        ),
        origin="import",
    ),
    CodeInfo(
        "PD403",
        "year-unknown",
        Severity.ERROR,
        Message("无法确定申报年度。", "The declaration year cannot be told."),
        help=Message(
            "绩效目标和标题中都没有“20xx年”，无法确定申报年度：请用 --year 指定。",
            "No 20xx年 in the goals or the title, so the year cannot be told: pass --year.",
        ),
        origin="import",
    ),
    CodeInfo(
        "PD404",
        "amount-unreadable",
        Severity.WARNING,
        Message("金额无法读取为数字。", "An amount cannot be read as a number."),
        help=Message(
            "金额不是数字（或超过 40 位），该金额没有导入：请对照原表手工填写。",
            "An amount is not a number (or has more than 40 digits); it is left out: fill it in by hand from the published form.",
        ),
        origin="import",
    ),
    CodeInfo(
        "PD405",
        "layout-unknown",
        Severity.ERROR,
        Message("未能识别申报表版式（没有找到绩效指标表）。", "The layout was not recognised."),
        help=Message(
            "没有找到绩效指标表（一级/二级/三级），无法识别版式；消息列出找到和缺少的部分。",
            "No indicator table (一级/二级/三级) was found, so the layout is not recognised; the message lists the parts found and missing.",
        ),
        origin="import",
    ),
    CodeInfo(
        "PD406",
        "amount-in-yuan",
        Severity.INFO,
        Message("金额以元填写，已换算为万元。", "An amount in 元 was converted to 万元."),
        help=Message(
            "以元填写的金额（如 4767160元）已精确换算为万元；声明中的金额一律以万元计。",
            "An amount written in 元 (4767160元) was converted exactly to 万元; amounts in a declaration are in 万元.",
        ),
        origin="import",
    ),
    CodeInfo(
        "PD407",
        "framework-guessed",
        Severity.INFO,
        Message("无法从指标名称判断指标体系，已按默认处理。", "The framework was guessed."),
        help=Message(
            "无法从一级、二级指标的名称判断指标体系，已按 national_classic 处理：请核对 framework:。",
            "The framework cannot be told from the 一级 and 二级 names; national_classic is assumed: check framework:.",
        ),
        origin="import",
    ),
    CodeInfo(
        "PD408",
        "targets-skipped",
        Severity.WARNING,
        Message("某条指标的指标值未能结构化提取。", "Targets of an indicator were not extracted."),
        help=Message(
            "目标短语解析器未能从某条指标的文字中提取指标值（比较符、数值、单位）：请手工填写它的 targets。",
            "The phrase parser could not extract the targets (comparison, value, unit) of an indicator's text: add its targets by hand.",
        ),
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
            "表中有自评表的结果列（调整指标值、得分计算方法等），但未按自评表导入：该列未导入。",
            "An outcome column (adjusted value, scoring method…) in a table not imported as a "
            "self-evaluation is not imported.",
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
    CodeInfo(
        "PD418",
        "column-as-list",
        Severity.WARNING,
        Message(
            "指标表按列印成了一串词（三级指标名称连在一起）：名称已导入，一级/二级按标签位置推定，"
            "指标值未能逐行对应；请对照原表核对。",
            "The indicator table was printed column by column (the 三级 names as one list): the "
            "names are imported, the 一级/二级 inferred from where their labels stand, the values "
            "not paired row by row; check against the form.",
        ),
        origin="import",
    ),
    CodeInfo(
        "PD419",
        "labels-in-value",
        Severity.WARNING,
        Message(
            "表头一栏的值里粘着未能识别的栏目名称及其数值（如“自评总分(分)97.6”）：这部分未作为该栏的值导入；请核对原表。",
            "A header box's value holds labels perfdecl does not know, glued to their figures "
            "(such as 自评总分(分)97.6): that part is not imported as the box's value; check the form.",
        ),
        origin="import",
    ),
)
"""Import problem codes, in code order."""
