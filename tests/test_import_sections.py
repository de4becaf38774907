"""The table's section label (绩效指标, a merged cell left of the levels) is neither a level nor a
row, also when a text extraction glues it to the 一级 cell (issue 15)."""

from __future__ import annotations

from perfdecl.convert.importer import import_bytes

FORM = """项目支出绩效目标申报表(2021年度)
项目名称 乡村道路养护
绩效指标 一级指标 二级指标 三级指标 指标值
绩效指标 项目完成
指标
数量指标 养护道路里程 63公里
时效指标 完工时间 2021年12月
项目效益
指标
社会效益
指标
群众出行便利程度 提高
"""


def test_the_section_label_glued_to_a_level_is_dropped() -> None:
    result = import_bytes(FORM.encode(), file="form.txt")
    assert result.data is not None
    table = [
        (l1["name"], g["name"], i["text"], i.get("value_text"))
        for l1 in result.data["indicators"]
        for g in l1.get("groups", [])
        for i in g["items"]
    ]
    assert table == [
        ("项目完成指标", "数量指标", "养护道路里程", "63公里"),
        ("项目完成指标", "时效指标", "完工时间", "2021年12月"),
        ("项目效益指标", "社会效益指标", "群众出行便利程度", "提高"),
    ]
