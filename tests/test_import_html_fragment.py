"""An HTML fragment copied from a page (no <html>, maybe a title paragraph before the table) is
read as HTML; text that only mentions a tag or prints < as a comparison stays text (issue 15)."""

from __future__ import annotations

import html

import pytest

from perfdecl.convert.importer import import_bytes
from perfdecl.convert.readers import sniff

ROWS = [
    ["项目名称", "社区养老食堂补助", "主管部门", "某区民政局"],
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "补助食堂数量", "≥14个"],
    ["产出指标", "质量指标", "餐品抽检合格率", "≥98%"],
    ["满意度指标", "服务对象满意度指标", "老年人满意度", "≥91%"],
]


def _fragment(before: str = "", attrs: str = "") -> str:
    body = "".join(
        "<tr>" + "".join(f"<td{attrs}>{html.escape(c)}</td>" for c in row) + "</tr>\n"
        for row in ROWS
    )
    return f"{before}<table class='x'>\n{body}</table>\n"


@pytest.mark.parametrize(
    "before",
    [
        "",
        "<p>社区养老食堂补助项目绩效目标表(2025年度)</p>\n",
        "附件2\n<p align='center'><b>绩效目标表(2025年度)</b></p>\n",
        "\ufeff<span>来源：某区财政局</span><br/>\n",
    ],
)
def test_a_fragment_is_read_as_html(before: str) -> None:
    raw = _fragment(before, " style='width:90px'").encode("utf-8")
    assert sniff(raw, "copied.txt") == "html"
    result = import_bytes(raw, file="copied.txt", year=2025)
    assert result.data is not None
    assert result.data["project"]["name"] == "社区养老食堂补助"
    names = [
        i["text"]
        for l1 in result.data["indicators"]
        for g in l1.get("groups", [])
        for i in g["items"]
    ]
    assert names == ["补助食堂数量", "餐品抽检合格率", "老年人满意度"]


@pytest.mark.parametrize(
    "text",
    [
        "指标值 <5% 为合格\n投诉率<3%\n响应时间<=2小时\n",
        "说明：网页表格请另存，不要复制 <table> 或 <td> 标签。\n项目名称 | 某项目\n",
        "a<b and c>d " * 50,
        "<5\n<td\n<tr>\n" + "项目名称 某项目\n" * 40,
        "<p>一段文字</p>" + "正文" * 2000,
    ],
)
def test_text_that_mentions_markup_stays_text(text: str) -> None:
    assert sniff(text.encode("utf-8"), "form.txt") == "text"


def test_hostile_fragments_never_crash() -> None:
    for raw in (
        "<td>" * 5000,
        "<tr><td>" * 300 + "</table>" * 300,
        "<td x='" + "'" * 5000 + ">",
        "<table><tr><td rowspan=99999999 colspan=99999999>x</td></tr></table>" * 3,
    ):
        result = import_bytes(raw.encode("utf-8"), file="x.txt")
        assert result.data is None or isinstance(result.data, dict)
