"""Targets written as running text (a 公示 notice, layout P8) import row by row (issue 15)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from perfdecl.convert.grid import Grid, Line
from perfdecl.convert.importer import import_bytes
from perfdecl.convert.prose import read_prose
from perfdecl.loader import load_text
from perfdecl.model.build import build

# Not a training file: another county, other spellings (目标 for 指标, full-width colons,
# a target with no placeholder, a qualitative phrase, ★ marks, a comma inside one item).
NOTICE = """关于某某村道路硬化项目绩效目标的公示
根据有关文件，安排资金120.5万元，实施某某县某某村道路硬化项目，项目负责人李四，建设村道3公里。
一、产出指标
数量指标：★硬化道路长度(≥**公里)≥3公里；新建会车平台数量,含错车道(≥**个)≥4个。质量指标：验收合格率100%；
时效指标：完工时间(≤**月)≤10月。
二、效益指标
社会效益目标：★★★受益群众人数(≥**人)≥1200人，出行条件明显改善。
三、满意度指标
服务对象满意度指标，受益群众满意度≥90%。
某某县某某镇人民政府
2024年5月6日
"""


def _rows(data: dict[str, Any]) -> list[tuple[str | None, str | None, str, dict[str, Any]]]:
    out = []
    for l1 in data["indicators"]:
        for g in l1.get("groups", []):
            for item in g["items"]:
                out.append((l1["name"], g["name"], item["text"], item))
    return out


def test_a_notice_imports_its_rows_levels_values_and_header() -> None:
    result = import_bytes(NOTICE.encode(), file="notice.txt")
    assert result.data is not None
    data = result.data
    assert data["year"] == 2024
    assert data["unit"] == "某某县某某镇人民政府"
    assert data["project"]["name"] == "某某县某某村道路硬化项目"
    assert data["project"]["lead"] == "李四"
    assert data["project"]["budget"]["total"] == Decimal("120.5")
    assert data["project"]["budget"]["unit"] == "万元"
    rows = _rows(data)
    got = [(l1, l2, text, item.get("value_text")) for l1, l2, text, item in rows]
    assert got == [
        ("产出指标", "数量指标", "★硬化道路长度(≥**公里)", "≥3公里"),
        ("产出指标", "数量指标", "新建会车平台数量,含错车道(≥**个)", "≥4个"),
        ("产出指标", "质量指标", "验收合格率", "100%"),
        ("产出指标", "时效指标", "完工时间(≤**月)", "≤10月"),
        ("效益指标", "社会效益目标", "★★★受益群众人数(≥**人)", "≥1200人"),
        ("效益指标", "社会效益目标", "出行条件明显改善", None),
        ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%"),
    ]
    by_text = {text: item for _, _, text, item in rows}
    assert by_text["★硬化道路长度(≥**公里)"]["core_mark"] == "★"
    assert by_text["★★★受益群众人数(≥**人)"]["core"] is True
    assert "core" not in by_text["验收合格率"]
    assert by_text["出行条件明显改善"]["kind"] == "qualitative"
    assert by_text["受益群众满意度"]["targets"] == [
        {"comparison": ">=", "value": Decimal("90"), "unit": "%"}
    ]
    # the headings and the signature are placed, so only the title and the date are left over
    unplaced = [p for p in result.problems if p.code == "PD401"]
    assert len(unplaced) <= 2, [p.message.en for p in unplaced]


def test_the_imported_notice_is_a_valid_declaration() -> None:
    from perfdecl.convert.yamlwrite import dumps

    result = import_bytes(NOTICE.encode(), file="notice.txt")
    assert result.data is not None
    loaded = load_text(dumps(result.data))
    assert isinstance(loaded.data, dict)
    decl, problems = build(loaded.data, loaded.source, "notice.yaml")
    assert decl is not None, [p.message.en for p in problems]


def test_prose_without_level_headings_is_not_read_as_targets() -> None:
    grid = Grid("x.txt", "text")
    for n, text in enumerate(["本项目总投资50万元，计划建设道路3公里。", "2024年5月6日"], 1):
        grid.blocks.append(Line(text, f"line {n}", n))
    items, header = read_prose(grid)
    assert items == []
    assert header.name is None


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(alphabet="一二、产出指标数量:：;；。,，≥**()个0123456789效益满意度 ", max_size=60),
        max_size=12,
    )
)
def test_prose_reader_never_crashes(lines: list[str]) -> None:
    grid = Grid("x.txt", "text")
    for n, text in enumerate(lines, 1):
        if text.strip():
            grid.blocks.append(Line(text.strip(), f"line {n}", n))
    items, _ = read_prose(grid)
    for item in items:
        assert item.name.strip()
