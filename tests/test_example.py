"""The bundled example carries the published declaration verbatim and validates."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from perfdecl.lint import Options, check_path, load_declaration
from perfdecl.model import Framework, Kind
from perfdecl.problem import Severity

from .conftest import EXAMPLE, SEED, needs_shared

# Form labels of the published layout: structure, not content.
LABELS = {
    "部门（单位）名称",
    "部门（单位）负责人",
    "联系电话",
    "部门（单位）总体资金情况（万元）",
    "资金总额：",
    "基本支出：",
    "项目支出",
    "其他：",
    "部门（单位）职能概述",
    "部门（单位）绩效目标",
    "一级指标",
    "二级指标",
    "具体指标（指标内容、指标值）",
    "其他说明的问题",
}


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


@needs_shared()
def test_every_content_line_of_the_seed_is_carried_verbatim() -> None:
    decl = load_declaration(EXAMPLE)
    carried: list[str] = []
    for text in _strings(decl.model_dump(mode="python")):
        carried.extend(line.strip() for line in text.split("\n"))
    remaining = list(carried)
    missing = []
    for raw in SEED.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line in LABELS or line.endswith("万元"):
            continue
        if line in remaining:
            remaining.remove(line)  # each occurrence is carried once (the deadline row: 5 times)
        else:
            missing.append(line)
    assert missing == []


def test_funds_are_exact_decimals() -> None:
    decl = load_declaration(EXAMPLE)
    assert decl.funds is not None
    assert decl.funds.total == Decimal("18891.87")
    assert decl.funds.basic == Decimal("4767.16")
    assert decl.funds.project == Decimal("14124.71")
    assert decl.funds.other == Decimal("0")
    for amount in (decl.funds.total, decl.funds.basic, decl.funds.project, decl.funds.other):
        assert isinstance(amount, Decimal)


def test_header_and_structure() -> None:
    decl = load_declaration(EXAMPLE)
    assert (decl.year, decl.framework, decl.kind) == (2019, Framework.BEIJING_2019, Kind.DEPARTMENT)
    assert decl.phone == "83998540"
    assert [level1.id for level1 in decl.indicators] == [
        "out1",
        "out2",
        "out3",
        "out4",
        "out5",
        "eff",
    ]
    ids = [item.id for l1 in decl.indicators for g in l1.groups for item in g.items]
    assert len(ids) == len(set(ids)) == 93
    assert "诸多6.重大节点" in next(
        item.text
        for l1 in decl.indicators
        for g in l1.groups
        for item in g.items
        if item.id == "out2.qty.5"
    )


def test_example_has_no_errors() -> None:
    result = check_path(EXAMPLE, Options())
    assert [p for p in result.problems if p.severity is Severity.ERROR] == []


@pytest.mark.parametrize(
    ("needle", "replacement", "code"),
    [
        ("schema_version: 1", "schema_version: 2", "PD105"),
        ("kind: department", "kind: ministry", "PD104"),
        ("year: 2019", "year: 二〇一九", "PD103"),
        ('comparison: "=", value: 200', 'comparison: "=", value: 很多', "PD104"),
        ("deadline: 2019-12-31", "deadline: 2019-13-45", "PD103"),
        ("- id: out1.qty.1", "- id: 'out 1'", "PD104"),
    ],
)
def test_model_errors_are_rewritten(needle: str, replacement: str, code: str) -> None:
    from perfdecl.lint import check_bytes

    text = EXAMPLE.read_text(encoding="utf-8")
    assert needle in text
    line = text[: text.index(needle)].count("\n") + 1
    result = check_bytes(text.replace(needle, replacement, 1).encode(), file="x.yaml")
    found = [(p.code, p.line) for p in result.problems if p.severity is Severity.ERROR]
    assert (code, line) in found, found
    for p in result.problems:
        assert "validation error" not in p.message.en and "pydantic" not in p.message.en.lower()
