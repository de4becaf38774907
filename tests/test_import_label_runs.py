"""Label runs glued into a header value: labels we do not know, followed by their figures, are not
a unit's or a person's name (issue 15). Known labels inside the run are read, the rest reported
(PD419). Forms built for the test, in text and HTML."""

from __future__ import annotations

from typing import Any

import pytest

from perfdecl.convert.fields import glued_value
from perfdecl.convert.importer import import_bytes

from . import import_builders as build_file

TITLE = "项目支出绩效目标表(2025年度)"
TABLE = (
    "一级指标 | 二级指标 | 三级指标 | 指标值\n"
    "产出指标 | 数量指标 | 储备救生衣数量 | ≥600件\n"
    "满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90%\n"
)


def _result(text: str, name: str = "form.txt") -> tuple[dict[str, Any], list[str]]:
    result = import_bytes(text.encode("utf-8"), file=name)
    assert result.data is not None, [p.message.en for p in result.problems]
    return result.data, [p.message.en for p in result.problems if p.code == "PD419"]


def test_unknown_labels_glued_after_a_label_are_not_the_unit() -> None:
    text = (
        f"{TITLE}\n项目名称 | 防汛物资储备\n主管部门考核办初评分值(分)88.5单位联系人钱某某\n"
        + TABLE
    )
    data, glued = _result(text)
    assert "supervisor" not in data and "unit" not in data
    assert len(glued) == 1 and "初评分值(分)88.5" in glued[0]


def test_known_labels_inside_the_run_split_it() -> None:
    # the name comes first, then a person's label and a phone's: each goes to its own field
    text = (
        f"{TITLE}\n项目名称 | 防汛物资储备\n项目负责人 | 周某某联系电话0710-5550188\n主管部门 | 某县应急管理局\n"
        + TABLE
    )
    data, glued = _result(text)
    assert data["project"]["lead"] == "周某某"
    assert data["phone"] == "0710-5550188"
    assert data["supervisor"]["name"] == "某县应急管理局"
    assert glued == []


def test_html_cell_with_a_glued_run() -> None:
    rows: list[list[str | None]] = [
        ["项目名称", "防汛物资储备", "", ""],
        ["主管部门", "某县应急管理局联系人吴某", "实施单位", "某县物资储备站评审得分(分)91"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "储备救生衣数量", "≥600件"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
    ]
    result = import_bytes(build_file.page(rows, TITLE), file="form.html")
    data = result.data
    assert data is not None
    assert data["supervisor"]["name"] == "某县应急管理局"  # the name before a known label
    assert "implementer" not in data  # where the unknown label starts cannot be told
    assert data["unit"] == "某县应急管理局"
    glued = [p for p in result.problems if p.code == "PD419"]
    assert len(glued) == 1 and "评审得分(分)91" in glued[0].message.en


def test_a_phone_box_holding_words_is_not_a_phone() -> None:
    text = (
        f"{TITLE}\n项目名称 | 防汛物资储备\n主管部门 | 某县应急管理局\n联系电话 | 预算执行情况见下表\n"
        + TABLE
    )
    data, glued = _result(text)
    assert "phone" not in data
    assert glued and "预算执行情况见下表" in glued[0]


@pytest.mark.parametrize(
    "name",
    [
        "某县电话局",  # 电话 inside a name, no number after it
        "某县(区)财政局",
        "某市第2人民医院",
        "[015001]某区教育局",
        "某县人民政府(本级)",
        "某县负责人培训中心",  # 负责人 is also a word of names
    ],
)
def test_plain_names_are_untouched(name: str) -> None:
    assert glued_value(name) is None
    text = f"{TITLE}\n项目名称 | 防汛物资储备\n主管部门 | {name}\n" + TABLE
    data, glued = _result(text)
    assert data["supervisor"]["name"] in (name, name.removeprefix("[015001]"))
    assert glued == []


@pytest.mark.parametrize(
    "run",
    [
        "(分)1" * 2000,
        "联系人" * 500,
        "某局自评总分(分)9" + "\u202e" * 50 + "联系人\x1b[31m某",
        "主管部门(分)1主管部门(分)2实施单位(万元)3",
    ],
)
def test_hostile_runs_never_crash(run: str) -> None:
    text = f"{TITLE}\n主管部门 | {run}\n" + TABLE
    result = import_bytes(text.encode("utf-8"), file="form.txt")
    assert result.data is not None
    assert "\x1b" not in str(result.data.get("supervisor", ""))
