"""Header boxes printed blank (项目负责人, 主管部门, 实施单位, 预算单位) are recorded as blank, so
that validate reports them (PD268); a value is never invented for them (issue 15).

Every form here is built for the test: its own words and figures, in each input type."""

from __future__ import annotations

from typing import Any

import pytest

from perfdecl.convert.importer import import_bytes
from perfdecl.convert.yamlwrite import dumps
from perfdecl.lint import check_bytes

from . import import_builders as build_file

TITLE = "项目支出绩效目标申报表(2025年度)"
TABLE: list[list[str | None]] = [
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "新建蓄水池数量", "≥8座"],
    [None, "质量指标", "验收合格率", "100%"],
    ["满意度指标", "服务对象满意度指标", "受益农户满意度", "≥93%"],
]
BLANK: list[list[str | None]] = [
    ["项目名称", "山塘蓄水池建设", "项目负责人", ""],
    ["主管部门", "", "实施单位", "某乡农业服务站"],
    ["项目资金(万元)", "58", "", ""],
    *TABLE,
]


def _import(raw: bytes, name: str) -> dict[str, Any]:
    result = import_bytes(raw, file=name)
    assert result.data is not None, [p.message.en for p in result.problems]
    return result.data


def _pd268(data: dict[str, Any]) -> list[str]:
    findings = check_bytes(dumps(data).encode(), file="form.yaml").problems
    return [p.pointer for p in findings if p.code == "PD268"]


@pytest.mark.parametrize("kind", ["text", "pipe", *sorted(build_file.WRITERS)])
def test_blank_boxes_are_recorded_in_every_input_type(kind: str) -> None:
    if kind == "pipe":
        raw = "\n".join([TITLE, *(" | ".join(c or "" for c in r) for r in BLANK)]).encode()
    elif kind == "text":
        raw = build_file.text(BLANK, TITLE)  # tabs: the empty boxes leave no trace
    else:
        raw = build_file.WRITERS[kind](BLANK, TITLE)
    data = _import(raw, f"form.{'txt' if kind in ('text', 'pipe') else kind}")
    assert data["project"]["name"] == "山塘蓄水池建设"
    if kind == "text":
        # tab-separated text loses the empty cells: 主管部门 | 实施单位 | 某乡农业服务站 reads as
        # a row of labels and their values, and no box can be said to be blank; the lead is
        # left out rather than given the next row's value
        assert "lead" not in data["project"]
        assert "" not in (data.get("unit"), data.get("supervisor", {}).get("name"))
        return
    assert data["implementer"]["name"] == "某乡农业服务站"
    assert data["project"]["lead"] == ""
    assert data["supervisor"] == {"label": "主管部门"}
    assert data["unit"] == "某乡农业服务站"  # the form's unit is its implementer's name
    assert _pd268(data) == ["/project/lead"]


def test_one_label_per_line_with_an_empty_box() -> None:
    lines = [
        TITLE,
        "项目名称：库区移民培训",
        "项目负责人：",
        "预算单位：某县移民事务中心",
        "主管部门",
        "实施单位 某县移民事务中心",
        "一级指标 二级指标 三级指标 指标值",
        "产出指标 数量指标 培训人次 ≥400人次",
    ]
    data = _import("\n".join(lines).encode(), "form.txt")
    assert data["project"]["lead"] == ""
    assert data["supervisor"] == {"label": "主管部门"}
    assert data["unit"] == "某县移民事务中心"
    # the value of the label after a blank box stays that label's
    assert data["implementer"]["name"] == "某县移民事务中心"


def test_a_blank_unit_box_is_not_filled_with_another_partys_name() -> None:
    rows: list[list[str | None]] = [
        ["项目名称", "河道保洁", "预算单位", ""],
        ["主管部门", "某区水务局", "实施单位", "某区河道所"],
        *TABLE,
    ]
    data = _import(build_file.xlsx(rows, TITLE), "form.xlsx")
    assert data["unit"] == ""
    assert data["supervisor"]["name"] == "某区水务局"


def test_no_blank_without_evidence() -> None:
    # labels in a row with their values in the next row: nothing is blank
    header = "项目名称 项目负责人 主管部门\n堤防加固 李某 某县水利局\n"
    data = _import(
        (
            TITLE + "\n" + header + "一级指标 二级指标 三级指标 指标值\n"
            "产出指标 数量指标 加固长度 ≥3公里\n"
        ).encode(),
        "form.txt",
    )
    assert data["project"].get("lead") != ""
    assert "label" not in data.get("supervisor", {}) or data["supervisor"].get("name")
    # a label followed by its value on the next line (the seed's shape) is not blank
    seed = f"{TITLE}\n项目负责人\n李某\n主管部门\n某县水利局\n" + (
        "一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 加固长度 ≥3公里\n"
    )
    data = _import(seed.encode(), "form.txt")
    assert data["project"]["lead"] == "李某"
    assert data["supervisor"]["name"] == "某县水利局"


def test_a_signature_box_or_an_unknown_label_is_not_a_value() -> None:
    # the sign-off lines at the foot of a form: ink, and a label we do not know
    text = (
        f"{TITLE}\n项目名称 | 渡口改造\n主管部门 | 某县交通局\n"
        "一级指标 | 二级指标 | 三级指标 | 指标值\n产出指标 | 数量指标 | 改造渡口 | 2个\n"
        "项目负责人: |\n复核人: |\n|\n"
    )
    data = _import(text.encode(), "form.txt")
    assert data["project"].get("lead") in (None, "")
    assert "复核人" not in dumps(data)


@pytest.mark.parametrize(
    "cell",
    ["", " ", "\u3000", "\t", "——", "<script>x</script>"],
)
def test_hostile_boxes(cell: str) -> None:
    rows: list[list[str | None]] = [
        ["项目名称", "村道亮化", "项目负责人", cell],
        ["主管部门", "某镇人民政府", "", ""],
        *TABLE,
    ]
    data = _import(build_file.page(rows, TITLE), "form.html")
    lead = data["project"].get("lead")
    if cell.strip() in ("", "\u3000"):
        assert lead == ""
    else:
        assert lead == cell.strip()  # a printed mark is a value as printed, never dropped
