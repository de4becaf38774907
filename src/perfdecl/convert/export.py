"""Declarations -> flat tables for analysts (pandas, spreadsheets).

Two tables:

* indicator rows: one row per structured target; an indicator without structured targets gets
  one row with the target columns empty, so every published indicator is counted;
* funds rows: one row per declaration (unit and year) with the four amounts, the project's
  amount and its annual money block (unit, total, labelled sources), and a department's income
  and expenditure rows.

Values stay exact: Decimals are written as their fixed-point text, never through float. CSV is
UTF-8 with a byte-order mark so that Excel opens Chinese correctly, with Chinese headers under
``--lang zh`` (:data:`LABELS_ZH`); JSON Lines is UTF-8 without one, with the English column
names as keys and numbers as JSON numbers written digit for digit from the Decimal (never
rounded through float). The columns are documented in docs/import.md and listed in
:data:`ROW_COLUMNS` / :data:`FUNDS_COLUMNS`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from perfdecl.escape import safe
from perfdecl.model import Declaration, Indicator, Source
from perfdecl.model.rows import indicator_rows

ROW_COLUMNS: tuple[str, ...] = (
    "file",
    "unit",
    "year",
    "framework",
    "kind",
    "level1",
    "level1_canonical",
    "level2",
    "level2_canonical",
    "indicator_id",
    "text",
    "target_name",
    "comparison",
    "value",
    "target_unit",
    "deadline",
    "value_text",
    "indicator_unit",
    "nature",
    "direction",
    "weight",
    "points",
    "standard",
    "core",
    "target_weight",
    "target_direction",
)
"""Columns of the indicator table, in order (the project form's row columns last)."""

FUNDS_COLUMNS: tuple[str, ...] = (
    "file",
    "unit",
    "year",
    "total",
    "basic",
    "project",
    "other",
    "project_amount",
    "budget_unit",
    "budget_total",
    "budget_sources",
    "income",
    "expenditure",
)
"""Columns of the funds table, in order."""

LABELS_ZH: dict[str, str] = {
    "file": "文件",
    "unit": "单位名称",
    "year": "年度",
    "framework": "指标体系",
    "kind": "申报类型",
    "level1": "一级指标",
    "level1_canonical": "一级指标（规范名称）",
    "level2": "二级指标",
    "level2_canonical": "二级指标（规范名称）",
    "indicator_id": "三级指标编号",
    "text": "三级指标内容",
    "target_name": "目标名称",
    "comparison": "比较符",
    "value": "指标值",
    "target_unit": "目标计量单位",
    "deadline": "完成时限",
    "value_text": "指标值（原文）",
    "indicator_unit": "计量单位",
    "nature": "指标性质",
    "direction": "指标方向",
    "weight": "权重",
    "points": "分值",
    "standard": "绩效标准",
    "core": "是否核心指标",
    "target_weight": "目标权重",
    "target_direction": "目标指标方向",
    "total": "资金总额（万元）",
    "basic": "基本支出（万元）",
    "project": "项目支出（万元）",
    "other": "其他（万元）",
    "project_amount": "项目资金（万元）",
    "budget_unit": "年度资金单位",
    "budget_total": "年度资金合计",
    "budget_sources": "年度资金来源",
    "income": "收入构成",
    "expenditure": "支出构成",
}
"""CSV headers under ``--lang zh``: every column of both tables, each label distinct."""

Row = dict[str, Any]


class Exact(str):
    """A Decimal's fixed-point text: a string everywhere (CSV cells, comparisons), and a JSON
    number in JSON Lines, written digit for digit (18891.87 stays 18891.87, 0.1 never becomes
    0.1000000000000000055…)."""

    __slots__ = ()


def _number(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return Exact(format(value, "f")) if value.is_finite() else str(value)


def indicator_table(decl: Declaration, file: str) -> Iterator[Row]:
    """Rows of one declaration, in table order."""
    base = {
        "file": file,
        "unit": decl.unit,
        "year": decl.year,
        "framework": decl.framework.value,
        "kind": decl.kind.value,
    }
    for row in indicator_rows(decl):
        common = {
            **base,
            "level1": row.group_row.parent.level1.name,
            "level1_canonical": row.level1,
            "level2": row.group_row.group.name,
            "level2_canonical": row.level2,
            "indicator_id": row.item.id,
            "text": row.item.text,
        }
        columns = _row_columns(row.item)
        empty = {
            "target_name": None,
            "comparison": None,
            "value": None,
            "target_unit": None,
            "deadline": None,
        }
        if not row.targets:
            yield {**common, **empty, **columns, "target_weight": None, "target_direction": None}
            continue
        for t in row.targets:
            value = t.value
            yield {
                **common,
                "target_name": t.name,
                "comparison": t.comparison.value,
                "value": _number(value) if isinstance(value, Decimal) else value,
                "target_unit": t.unit,
                "deadline": t.deadline.isoformat() if t.deadline else None,
                **columns,
                "target_weight": _number(t.weight),
                "target_direction": t.direction.value if t.direction else None,
            }


def _row_columns(item: Indicator) -> Row:
    """The project form's columns of a 三级 row, as written (enums as their English value)."""
    return {
        "value_text": item.value_text,
        "indicator_unit": item.unit,
        "nature": item.nature,
        "direction": item.direction.value if item.direction else None,
        "weight": _number(item.weight),
        "points": _number(item.points),
        "standard": item.standard.value if item.standard else None,
        "core": None if item.core is None else str(item.core).lower(),
    }


def _sources(sources: list[Source]) -> str | None:
    """Labelled amounts as one cell: "其中:财政拨款=50.00; 其他资金=0.00" (parts in brackets)."""
    if not sources:
        return None
    cells = []
    for source in sources:
        cell = f"{source.label}={_number(source.amount) or ''}"
        parts = _sources(source.parts)
        cells.append(f"{cell} [{parts}]" if parts else cell)
    return "; ".join(cells)


def funds_row(decl: Declaration, file: str) -> Row:
    funds, project = decl.funds, decl.project
    budget = project.budget if project else None
    return {
        "file": file,
        "unit": decl.unit,
        "year": decl.year,
        "total": _number(funds.total) if funds else None,
        "basic": _number(funds.basic) if funds else None,
        "project": _number(funds.project) if funds else None,
        "other": _number(funds.other) if funds else None,
        "project_amount": _number(project.amount) if project else None,
        "budget_unit": budget.unit.value if budget else None,
        "budget_total": _number(budget.total) if budget else None,
        "budget_sources": _sources(budget.sources) if budget else None,
        "income": _sources(funds.income) if funds else None,
        "expenditure": _sources(funds.expenditure) if funds else None,
    }


def _cell(value: object) -> str:
    """A CSV cell as a spreadsheet opens it: text that would run as a formula is defused."""
    if value is None:
        return ""
    return safe(str(value), "csv")


def to_csv(rows: Iterable[Row], columns: tuple[str, ...], lang: str = "en") -> str:
    """CSV text (the caller writes it as UTF-8 with BOM); missing values are empty cells; the
    header row in Chinese when ``lang`` is zh."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([LABELS_ZH[c] for c in columns] if lang == "zh" else columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return buffer.getvalue()


def _json_value(value: object) -> str:
    if isinstance(value, Exact):
        return str.__str__(value)  # a JSON number, exactly the Decimal's digits
    return json.dumps(value, ensure_ascii=False)


def to_jsonl(rows: Iterable[Row], columns: tuple[str, ...]) -> str:
    """JSON Lines text; missing values are null, numbers are JSON numbers (exact)."""
    return "".join(
        "{" + ", ".join(f"{json.dumps(c)}: {_json_value(row.get(c))}" for c in columns) + "}\n"
        for row in rows
    )


ENCODINGS = {"csv": "utf-8-sig", "jsonl": "utf-8"}
"""How each format is encoded when written to a file or standard output."""


def render(rows: Iterable[Row], columns: tuple[str, ...], fmt: str, lang: str = "en") -> str:
    return to_csv(rows, columns, lang) if fmt == "csv" else to_jsonl(rows, columns)


__all__ = [
    "ENCODINGS",
    "FUNDS_COLUMNS",
    "LABELS_ZH",
    "ROW_COLUMNS",
    "funds_row",
    "indicator_table",
    "render",
    "to_csv",
    "to_jsonl",
]
