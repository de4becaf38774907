"""Layout features met in published forms, each tested on a small form built in the same shape
with other words and numbers (issue 15): label words between single spaces, labels wrapped over
two cells, a header row of labels with their values in order, a phone run into the next cells."""

from __future__ import annotations

from typing import Any

from perfdecl.convert.importer import import_bytes
from perfdecl.convert.tokens import line_cells

TABLE = (
    "一级指标 二级指标 三级指标 指标值\n"
    "产出指标 数量指标 新修水渠长度 ≥12公里\n"
    "满意度指标 服务对象满意度指标 农户满意度 ≥92%\n"
)


def _import(text: str, name: str = "form.txt") -> dict[str, Any]:
    result = import_bytes(text.encode("utf-8"), file=name)
    assert result.data is not None, [p.message.en for p in result.problems]
    return result.data


def test_a_label_word_between_single_spaces_is_a_cell() -> None:
    # a PDF's text keeps one space between cells: the label words are cells of their own
    assert line_cells("主管部门 某县水务局 项目资金(万元) 实施单位 某县灌区中心") == [
        "主管部门",
        "某县水务局",
        "项目资金(万元)",
        "实施单位",
        "某县灌区中心",
    ]
    # money words that are also ordinary words stay inside their sentence
    assert line_cells("统筹 财政拨款 与自筹资金") == ["统筹 财政拨款 与自筹资金"]
    text = (
        "项目支出绩效目标表(2026年度)\n"
        "项目名称 灌区渠道维修 主管部门 某县水务局 项目资金(万元)\n实施单位 某县灌区中心\n" + TABLE
    )
    data = _import(text)
    assert data["unit"] == "某县水务局"
    assert data["implementer"]["name"] == "某县灌区中心"


def test_labels_printed_as_a_row_take_their_values_in_order() -> None:
    # 部门名称 | 填报人 | <the unit> | 联系电话 | <phone>: the wrapped 名称 cell printed first
    text = (
        "部门整体支出绩效目标申报表(2026年度)\n"
        "部门(单位) 名称 填报人 某市林业局 联系电话 0391-5550123 当年 金额\n"
        "年度总体目标 完成造林任务。\n" + TABLE
    )
    data = _import(text)
    assert data["unit"] == "某市林业局"
    assert data.get("filler") != "某市林业局"
    assert data["phone"] == "0391-5550123"  # the cells run on after the phone are not the phone


def test_a_label_wrapped_over_two_lines_is_one_label() -> None:
    text = (
        "项目支出绩效目标表\n(2026年度)\n项目名称\n校舍维修\n主管部门\n及代码\n[021003]某区教育局\n"
        "实施单位\n某区第三小学\n" + TABLE
    )
    data = _import(text)
    assert data["unit"] == "[021003]某区教育局"
    assert data["supervisor"] == {"name": "某区教育局", "code": "021003", "label": "主管部门及代码"}
    # the same page as HTML paragraphs
    page = "".join(f"<p>{line}</p>" for line in text.splitlines())
    html = f"<html><body>{page}</body></html>"
    assert _import(html, "form.html")["unit"] == "[021003]某区教育局"
