"""Honest about damage: the doubts of a recognised form, each with a code, a place and a check.

Import what is certain and report the rest: a template placeholder left in a cell (PD415), a
percentage over 100 (PD413: ≥ read as a digit by OCR), a value cell holding several numbers run
together (PD414), money parts that do not add up to their total (PD412: a lost decimal point), a
value printed with no comparison (PD411, imported as ``=``), outcome columns of a
self-evaluation in a table not written as one (PD416, once per column), an indicator column
printed as one list of words (PD418), label runs glued into a name field's value (PD419), and
every cell or line that went nowhere (PD401).
"""

from __future__ import annotations

import re
from decimal import Decimal

from perfdecl.convert.assemble import Recognised, Target
from perfdecl.convert.assemble import problem_at as _problem
from perfdecl.convert.table import Item
from perfdecl.problem import Problem

_PLACEHOLDER = re.compile(r"\*\*|XX|xx|××|\*个|\*%")
_RUN = re.compile(r"[0-9][0-9.]*%?[0-9]{2,}|[0-9]+%[0-9]+")
_PERCENT = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*%")
_PART = re.compile(r"^\s*(?:[0-9]+[、.]|\(?[一二三四五六七八九十]+[)、])")


def row_problems(file: str, read: list[tuple[Item, Target | None, str]]) -> list[Problem]:
    out: list[Problem] = []
    for item, target, item_id in read:
        value = item.get("value") or ""
        where = item.where
        for text, what in ((item.name, "三级指标名称"), (value, "指标值")):
            if _PLACEHOLDER.search(text):
                out.append(
                    _problem(
                        "PD415",
                        file,
                        where,
                        f"{item_id} 的{what}“{text}”保留着模板占位符；已原样导入，请核对。",
                        f"{item_id}: the {'name' if what.startswith('三') else 'value'} '{text}' "
                        "keeps a template placeholder; imported as printed, check it.",
                    )
                )
        m = _PERCENT.search(value)
        if m and Decimal(m[1]) > 100:
            out.append(
                _problem(
                    "PD413",
                    file,
                    where,
                    f"{item_id} 的指标值“{value}”超过 100%（可能是“≥”被识别成了数字）；请核对原表。",
                    f"{item_id}: the value '{value}' is over 100% (≥ read as a digit?); check the form.",
                )
            )
        if value and target is not None and target.number is None and _RUN.search(value):
            out.append(
                _problem(
                    "PD414",
                    file,
                    where,
                    f"{item_id} 的指标值“{value}”像是几个单元格粘连在一起；未拆分，请核对。",
                    f"{item_id}: the value '{value}' looks like several cells glued together; "
                    "not split, check it.",
                )
            )
        if item.glued:
            out.append(
                _problem(
                    "PD414",
                    file,
                    where,
                    f"{item_id} 的“{item.glued}”是几个单元格粘连在一起；已按推测拆分或原样保留，请核对。",
                    f"{item_id}: '{item.glued}' is several cells run together; split by a guess "
                    "or kept whole, check it.",
                )
            )
        if item.value_by_row:
            out.append(
                _problem(
                    "PD414",
                    file,
                    where,
                    f"{item_id} 的指标值“{value}”是按行的格式推定的（该行印出一级、二级、名称后的单元格）；"
                    "请核对。",
                    f"{item_id}: the value '{value}' is read by the row's shape (the cell after the "
                    "levels and the name); check it.",
                )
            )
        for cell in item.damaged:
            out.append(
                _problem(
                    "PD414",
                    file,
                    where,
                    f"{item_id} 的“{cell}”像是被文字识别损坏的单元格（字符错乱或误读）；"
                    "已按所在位置读取，未作更正，请核对原表。",
                    f"{item_id}: '{cell}' looks like a cell damaged by text recognition "
                    "(characters out of order or misread); read by where it stands, not "
                    "corrected, check the form.",
                )
            )
        if target is not None and target.number is not None and target.comparison is None:
            out.append(
                _problem(
                    "PD411",
                    file,
                    where,
                    f"{item_id} 的指标值“{value}”没有比较符号，按“=”导入（推定）。",
                    f"{item_id}: the value '{value}' has no comparison; imported as = (implied).",
                )
            )
    return out


def list_problems(file: str, rec: Recognised) -> list[Problem]:
    """PD418 for each indicator column printed as one list of words: the levels are inferred
    from where their labels stand, the values paired only when they match one to one."""
    out: list[Problem] = []
    for where, names, paired in rec.table.lists:
        if paired > 0:
            zh = f"指标值按顺序一一对应（{paired} 个）"
            en = f"the values paired in order, one to one ({paired})"
        elif paired < 0:
            zh, en = "指标值与名称个数不符，未导入", "the values do not pair one to one (left out)"
        else:
            zh, en = "列表后没有印出指标值", "no values printed after the list"
        out.append(
            _problem(
                "PD418",
                file,
                where,
                f"指标表按列印成了一串词：读出 {names} 个三级指标名称，一级/二级按标签所在位置推定，"
                f"{zh}；请对照原表核对。",
                f"the indicator table is printed column by column: {names} 三级 names read from "
                f"one list, their 一级/二级 inferred from where the labels stand, {en}; check "
                "them against the form.",
            )
        )
    return out


def money_problems(file: str, rec: Recognised) -> list[Problem]:
    """PD412 when the top-level parts of a money block do not add up to its total."""
    out: list[Problem] = []
    money = rec.fields.money
    totals = [i for i, m in enumerate(money) if _is_total(m.label)]
    for n, i in enumerate(totals):
        end = totals[n + 1] if n + 1 < len(totals) else len(money)
        parts = [m for m in money[i + 1 : end] if not _PART.match(m.label)]
        total = money[i].value
        values = [m.value for m in parts]
        if total is None or len(parts) < 2 or any(v is None for v in values):
            continue
        got = sum((v for v in values if v is not None), Decimal(0))
        if got != total:
            out.append(
                _problem(
                    "PD412",
                    file,
                    money[i].where,
                    f"“{money[i].label}”为 {money[i].amount}，各分项之和为 {got}；可能丢失了小数点，请核对原表。",
                    f"'{money[i].label}' is {money[i].amount} but its parts add up to {got}; "
                    "a lost decimal point? Check the form.",
                )
            )
    return out


def _is_total(label: str) -> bool:
    from perfdecl.convert import layouts as L
    from perfdecl.convert.grid import norm

    return norm(label).rstrip(":") in {norm(t) for t in L.MONEY_TOTALS}


def outcome_problems(file: str, rec: Recognised) -> list[Problem]:
    """PD416 once per outcome column of a table that is not written as a self-evaluation."""
    from perfdecl.convert import layouts as L
    from perfdecl.convert.assemble import is_selfeval

    out: list[Problem] = []
    if is_selfeval(rec):
        return out  # kind: selfeval has a home for every outcome column
    seen: set[str] = set()
    for role, text in zip(rec.table.header, rec.table.header_text, strict=False):
        if role in L.OUTCOME_ROLES and text not in seen:
            seen.add(text)
            out.append(
                _problem(
                    "PD416",
                    file,
                    "",
                    f"“{text}”是自评表的结果列，但本表未按自评表导入：该列未导入。",
                    f"'{text}' is a self-evaluation's outcome column, but this table is not "
                    "imported as a self-evaluation: the column is not imported.",
                )
            )
    return out


def glued_label_problems(file: str, rec: Recognised) -> list[Problem]:
    """PD419 for each piece of a name field's value that holds labels we do not know."""
    return [
        _problem(
            "PD419",
            file,
            where,
            f"“{label}”的值里粘着未能识别的栏目及其数值：“{run}”，未作为“{label}”的值导入；请核对原表。",
            f"the value of '{label}' holds labels perfdecl does not know, glued to their "
            f"figures: '{run}'; not imported as the value of '{label}'. Check the form.",
        )
        for label, run, where in rec.fields.glued
    ]


def unplaced_problems(file: str, rec: Recognised) -> list[Problem]:
    """PD401 for each row of the document none of whose cells was read."""
    out: list[Problem] = []
    used_rows = set(rec.table.placed) | {i for i, _ in rec.fields.placed}
    for i, row in enumerate(rec.rows):
        texts = [t for t in row.toks if t.text]
        if not texts or i in used_rows:
            continue
        shown = " ".join(t.text for t in texts)
        shown = shown if len(shown) <= 40 else shown[:40] + "…"
        out.append(
            _problem(
                "PD401",
                file,
                texts[0].where,
                f"未能放入声明：{shown}",
                f"not placed in the declaration: {shown}",
            )
        )
    return out


__all__ = [
    "glued_label_problems",
    "list_problems",
    "money_problems",
    "outcome_problems",
    "row_problems",
    "unplaced_problems",
]
