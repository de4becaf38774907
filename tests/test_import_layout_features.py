"""Layout features met in published forms, each tested on a small form built in the same shape
with other words and numbers (issue 15): label words between single spaces, labels wrapped over
two cells, a header row of labels with their values in order, a phone run into the next cells."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from perfdecl.convert.glued import read_row
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
    assert data["unit"] == "某区教育局"  # the declaring unit: the 主管部门 without its code
    assert data["supervisor"] == {"name": "某区教育局", "code": "021003", "label": "主管部门及代码"}
    # the same page as HTML paragraphs
    page = "".join(f"<p>{line}</p>" for line in text.splitlines())
    html = f"<html><body>{page}</body></html>"
    assert _import(html, "form.html")["supervisor"]["label"] == "主管部门及代码"


# A .doc's text printed by columns: header cells, then the 三级 column as one list of words, the
# 一级/二级 labels in the middle of their rows (letter-spaced, split, or around a name).
COLUMN_LIST = (
    "附件 1 乡村振兴衔接资金区域绩效目标表 ( 2026 年度) 专项名称 乡村振兴衔接资金 主管部门 市农业农村局 "
    "资金额度 880 万 年度总体目标 目标 1:改造农村道路。 一级 指标 二级指标 三级指标 硬化道路里程 "
    "新建桥梁座数 绩 效 指 标 产 出 指 标 数量指标 改造危房户数 路面合格率 质量指标 工程验收合格率 "
    "效益指 标 社会效益 指标 群众出行时间缩短 满意度 指标 服务对象 受益农户满意程度 满意度指标 指标值"
)
LIST_NAMES = [
    "硬化道路里程",
    "新建桥梁座数",
    "改造危房户数",
    "路面合格率",
    "工程验收合格率",
    "群众出行时间缩短",
    "受益农户满意程度",
]


def _rows(data: dict[str, Any]) -> list[tuple[str, str, str, str | None]]:
    return [
        (l1["name"], g["name"], item["text"], item.get("value_text"))
        for l1 in data.get("indicators", [])
        for g in l1.get("groups", [])
        for item in g["items"]
    ]


def test_a_column_printed_as_a_list_of_names() -> None:
    result = import_bytes(COLUMN_LIST.encode("utf-8"), file="list.txt")
    assert result.data is not None
    rows = _rows(result.data)
    assert [r[2] for r in rows] == LIST_NAMES
    # the rows before the first label take it (a merged cell prints its label mid-rows)
    assert rows[0][:2] == ("产出指标", "数量指标") and rows[4][:2] == ("产出指标", "质量指标")
    assert rows[6][:2] == ("满意度指标", "服务对象满意度指标")  # 服务对象 … 满意度指标 put together
    assert all(r[3] is None for r in rows)  # the text is cut before the values: none invented
    doubts = [p for p in result.problems if p.code == "PD418"]
    assert len(doubts) == 1 and "no values printed" in doubts[0].message.en
    # the same text as a web page's paragraph
    page = f"<html><body><p>{COLUMN_LIST}</p></body></html>".encode()
    got = import_bytes(page, file="list.html").data
    assert got is not None and [r[2] for r in _rows(got)] == LIST_NAMES


def test_values_printed_as_a_list_pair_only_one_to_one() -> None:
    values = " ≥12公里 3座 ≥40户 ≥95% 100% 缩短10分钟 ≥90%"
    result = import_bytes((COLUMN_LIST + values).encode("utf-8"), file="list.txt")
    assert result.data is not None
    rows = _rows(result.data)
    assert [r[3] for r in rows] == values.split()
    assert any(p.code == "PD418" and "paired in order" in p.message.en for p in result.problems)
    short = import_bytes((COLUMN_LIST + " ≥12公里 3座").encode("utf-8"), file="list.txt")
    assert short.data is not None
    assert all(r[3] is None for r in _rows(short.data))  # two values for seven names: not guessed
    assert any("do not pair" in p.message.en for p in short.problems if p.code == "PD418")


@pytest.mark.parametrize(
    ("text", "name", "cells", "damaged"),
    [
        # the 指标性质 cell with its characters out of order: cut off the name, not imported
        (
            "服务规范性指定性标好好100%44否",
            "服务规范性",
            {"value": "好", "actual": "好"},
            ["指定性标"],
        ),
        # one character glued before the first value (a sign read as a character)
        (
            "开展巡查次数次达5次8次100%55是",
            "开展巡查次数",
            {"unit": "次", "value": "达5次", "actual": "8次"},
            ["达5次"],
        ),
        # a value cell of its own with a digit read as a letter
        (
            "印发手册数量册l册300册100%55否",
            "印发手册数量",
            {"unit": "册", "value": "l册", "actual": "300册"},
            ["l册"],
        ),
        # letters where the 计量单位 should be: not imported, the values carry the unit
        (
            "发布信息条数ixl余120条150条100%1010是",
            "发布信息条数",
            {"value": "120条", "actual": "150条"},
            ["ixl余"],
        ),
        # names ending in the unit and a character names end with are names
        ("受益人数300人320人100%55否", "受益人数", {"value": "300人", "actual": "320人"}, []),
        ("受益人数人300人320人100%55否", "受益人数", {"unit": "人", "value": "300人"}, []),
    ],
)
def test_a_damaged_glued_cell_is_read_where_it_stands_and_reported(
    text: str, name: str, cells: dict[str, str], damaged: list[str]
) -> None:
    row = read_row(text)
    assert row is not None
    assert row.name == name
    got = dict(row.cells)
    assert {k: got.get(k) for k in cells} == cells
    assert "unit" in cells or "unit" not in got
    assert row.damaged == damaged
    header = "指标名称计量单位指标性质年初指标值调整指标值全年完成值得分系数(%)指标权重(分)指标得分(分)是否核心指标"
    result = import_bytes(f"部门整体绩效自评表(2026年度)\n{header}{text}\n".encode(), file="x.txt")
    assert result.data is not None
    codes = [p for p in result.problems if p.code == "PD414" and "damaged" in p.message.en]
    assert len(codes) == len(damaged)


# One cell per line, every row printing its 一级 and 二级 (the long-term columns empty), the
# header cells carrying their (长期)/(年度) tags.
BY_ROW = "\n".join(
    [
        "项目支出绩效目标表",
        "(2026年度)",
        "项目名称",
        "社区养老服务站运营",
        "主管部门",
        "某区民政局",
        "一级指标",
        "二级指标(长期)",
        "三级指标(长期)",
        "指标值(长期)",
        "二级指标(年度)",
        "三级指标(年度)",
        "指标值(年度)",
        *("产出指标", "数量指标", " ", " ", "数量指标", "服务老人人次", "≥5000人次"),
        *("产出指标", "成本指标", " ", " ", "成本指标", "运营成本", "按照市级补助标准据实结算"),
        *("产出指标", "时效指标", " ", " ", "时效指标", "站点开放率", "100%"),
        *("效益指标", "社会效益指标", " ", " ", "社会效益指标", "老人生活质量", "持续改善"),
        *("满意度指标", "服务对象满意度指标", " ", " ", "服务对象满意度指标", "老人满意度", "≥95%"),
    ]
)


def _page(text: str) -> bytes:
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines())
    return f"<html><body>{paragraphs}</body></html>".encode()


def test_a_word_value_is_read_by_the_row_shape_when_every_row_prints_its_levels() -> None:
    for name, raw in (
        ("form.txt", BY_ROW.encode()),
        ("form.html", _page(BY_ROW)),
    ):
        result = import_bytes(raw, file=name)
        assert result.data is not None
        rows = _rows(result.data)
        # the tagged header cells are headers, not rows
        assert [r[2] for r in rows] == [
            "服务老人人次",
            "运营成本",
            "站点开放率",
            "老人生活质量",
            "老人满意度",
        ]
        assert rows[1][3] == "按照市级补助标准据实结算"
        assert any(p.code == "PD414" and "row's shape" in p.message.en for p in result.problems)
    # a table that does not repeat its levels keeps two names as two rows
    plain = TABLE.replace("新修水渠长度 ≥12公里", "新修水渠长度\n按照设计标准施工")
    got = _rows(_import("项目支出绩效目标表(2026年度)\n项目名称 灌区渠道维修\n" + plain))
    assert "按照设计标准施工" not in [r[3] for r in got]


def test_a_short_name_then_a_sentence_with_a_figure() -> None:
    text = (
        "项目支出绩效目标表(2026年度)\n项目名称 困难老人补助\n一级指标 二级指标 三级指标 指标值\n"
        "产出指标 成本指标 人均补助 按照每月补助标准300元/人发放到户\n"
        "满意度指标 服务对象满意度指标 老人满意度 ≥95%\n"
    )
    result = import_bytes(text.encode(), file="form.txt")
    assert result.data is not None
    row = result.data["indicators"][0]["groups"][0]["items"][0]
    assert row["text"] == "人均补助"
    assert row["value_text"] == "按照每月补助标准300元/人发放到户"
    assert row["targets"] == [{"comparison": "=", "value": Decimal("300"), "unit": "元/人"}]
    assert {p.code for p in result.problems} >= {"PD411", "PD414"}  # implied =, split by shape


def test_a_signature_box_is_a_label_and_takes_only_a_name_on_its_row() -> None:
    # 项目负责人(签字): is ink on paper: the box's mark is not the lead, nor is the next block
    blank = (
        "项目支出绩效目标申报表\n"
        "项目名称 | 乡村道路养护\n"
        "主管部门 | 某县交通运输局\n"
        "项目负责人(签字): |\n"
        "|||||\n"
        "项目概述 | 养护县乡道路。\n" + TABLE
    )
    data = _import(blank)
    assert "lead" not in data.get("project", {})
    assert data["unit"] == "某县交通运输局"
    # a name typed in the box's row is its value
    typed = blank.replace("项目负责人(签字): |", "项目负责人（签字）： | 王某某")
    assert _import(typed)["project"]["lead"] == "王某某"


def test_a_title_keeps_no_lone_character_of_the_pages_spaced_labels() -> None:
    # a web page's furniture: 标     题 <title> 文     号, its wide gaps cut cells mid-label
    text = "标     题 某区道路绩效目标表2 文     号\n项目名称 | 道路维修\n" + TABLE
    assert _import(text)["title"] == "某区道路绩效目标表2"
    assert (
        _import("某区道路绩效目标表 3\n项目名称 | 道路维修\n" + TABLE)["title"]
        == "某区道路绩效目标表 3"
    )
