"""Department-wide self-evaluation rubrics (部门整体支出绩效评价自评表 / 评分表) import as
``kind: selfeval`` (#20), built here in the shapes real pages print (not their words): a text
copy whose line breaks are not the form's rows, one cell per line, and a ruled HTML table with
merged 一级/二级 cells. Each row keeps its 分值, 评价要点, 评分标准, 自评得分 and 扣分原因."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from perfdecl.convert.pipeline import import_document
from perfdecl.convert.rubric import is_rubric, read_rubric, rubric_role
from perfdecl.convert.yamlwrite import dumps
from perfdecl.lint import check_path
from perfdecl.loader import load_text
from perfdecl.model.build import build
from perfdecl.model.selfeval import SelfEvaluation

TEXT = """2024年度部门整体支出绩效评价评分表
单位:某某县文化旅游局 |
序号 | 一级指标 |
二级指标 |
三级指标 |
分值 | 评价要点 | 评分标准 | 自评得分 | 扣分原因 |
1 | 投入 (20分) |
目标设定 (8分) | 绩效目标合理性 | 5 | 是否符合部门职能和年度计划 | 符合得5分,不完全符合酌情扣分 |
4 | 与年度计划衔接不够 |
2 | 绩效指标明确性 | 3 | 是否细化、量化 | 细化量化得3分 | 3 |
3 | 预算配置 (12分) | 在职人员控制率 | 6 | 在职人数与编制数之比 | ≤100%得6分,每超1%扣1分 | 6 |
4 | "三公经费"变动率 | 6 | 本年与上年三公经费之比 | ≤0得6分 |
5 | 过程 (30分) |
预算执行 (30分) | 支付进度率 | 10 | 实际支付进度与序时进度之比 | 每低1%扣0.5分 | 9.5 | 四季度集中支付 |
合计 | 30 | | 22.5 |
"""

WANT = [
    # 一级 (its printed points go to ``points``), 二级, 三级, 分值, 评价要点, 评分标准 (start), 得分,
    # 扣分原因
    ("投入", "目标设定 (8分)", "绩效目标合理性", 5, "是否符合部门职能和年度计划", "符合得5分", 4, "与年度计划衔接不够"),
    ("投入", "目标设定 (8分)", "绩效指标明确性", 3, "是否细化、量化", "细化量化得3分", 3, None),
    ("投入", "预算配置 (12分)", "在职人员控制率", 6, "在职人数与编制数之比", "≤100%得6分", 6, None),
    ("投入", "预算配置 (12分)", '"三公经费"变动率', 6, "本年与上年三公经费之比", "≤0得6分", None, None),
    ("过程", "预算执行 (30分)", "支付进度率", 10, "实际支付进度与序时进度之比", "每低1%扣0.5分", 9.5, "四季度集中支付"),
]  # fmt: skip


def _import(text: str, file: str = "rubric.txt") -> dict[str, Any]:
    result = import_document(text.encode("utf-8"), file=file)
    assert result.data is not None, [p.message.en for p in result.problems]
    assert result.ok, [p.message.en for p in result.problems]
    loaded = load_text(dumps(result.data))
    assert isinstance(loaded.data, dict)
    decl, problems = build(loaded.data, loaded.source, "rubric.yaml")
    assert isinstance(decl, SelfEvaluation), [p.message.en for p in problems]
    return result.data


def _rows(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (
            l1["name"],
            g["name"],
            r["text"],
            r.get("points"),
            r.get("criteria"),
            r.get("scoring", ""),
            r.get("score"),
            r.get("deviation"),
        )
        for l1 in data["indicators"]
        for g in l1.get("groups", [])
        for r in g["items"]
    ]


def _check(rows: list[tuple[Any, ...]]) -> None:
    assert [r[:5] for r in rows] == [w[:5] for w in WANT]
    for got, want in zip(rows, WANT, strict=True):
        assert got[5].startswith(want[5]), got
        assert got[6] == want[6] and got[7] == want[7], got


def test_a_text_rubric_whose_lines_are_not_its_rows(tmp_path: Path) -> None:
    data = _import(TEXT)
    assert (data["kind"], data["year"], data["unit"]) == ("selfeval", 2024, "某某县文化旅游局")
    _check(_rows(data))
    # 合计 | 30 | | 22.5: the totals row's two figures (the blank between them is lost in text)
    assert (data["total_points"], data["total_score"]) == (30, Decimal("22.5"))
    path = tmp_path / "rubric.yaml"
    path.write_text(dumps(data), encoding="utf-8")
    codes = {p.code for p in check_path(path).problems}
    assert not codes & {"PD260", "PD261"}, codes  # the scores add up to the printed total
    # 投入 (20分) | 过程 (30分): the names clean, the points the 一级's; a department-wide rubric's
    # stages are the evaluation table's (no PD204/PD205)
    assert [(l1["name"], l1["points"]) for l1 in data["indicators"]] == [("投入", 20), ("过程", 30)]
    assert data["framework"] == "department_evaluation"
    assert not codes & {"PD204", "PD205", "PD206"}, codes


def test_a_totals_row_with_one_figure_is_not_guessed() -> None:
    data = _import(TEXT.replace("合计 | 30 | | 22.5 |", "合计 | 22.5 |"))
    assert "total_points" not in data and "total_score" not in data


def test_one_cell_per_line() -> None:
    cells = [c.strip() for line in TEXT.splitlines()[1:] for c in line.split("|") if c.strip()]
    text = TEXT.splitlines()[0] + "\n" + "\n".join(f"{c} |" for c in cells) + "\n"
    data = _import(text)
    _check(_rows(data))


TOTAL_ROW = '<tr><td colspan="3">合计</td><td>30</td><td></td><td></td><td>22.5</td><td></td></tr>'


def _td(text: str, rowspan: int = 1) -> str:
    return f'<td rowspan="{rowspan}">{text}</td>' if rowspan > 1 else f"<td>{text}</td>"


def test_a_ruled_html_rubric_with_merged_levels() -> None:
    header = "".join(_td(h) for h in ("一级指标", "二级指标", "三级指标", "分值", "评价要点"))
    header += "".join(_td(h) for h in ("评分标准", "自评得分", "扣分原因"))
    body = []
    for k, (l1, l2, name, points, crit, rule, score, why) in enumerate(WANT):
        cells = ""
        if k in (0, 4):
            cells += _td(l1, 4 if k == 0 else 1)
        if k in (0, 2, 4):
            cells += _td(l2, 2 if k in (0, 2) else 1)
        cells += "".join(_td(str(x)) for x in (name, points, crit, rule))
        cells += _td("" if score is None else str(score)) + _td(why or "")
        body.append(f"<tr>{cells}</tr>")
    html = (
        "<html><body><p>2024年度部门整体支出绩效评价自评表</p><table>"
        f"<tr>{header}</tr>{''.join(body)}{TOTAL_ROW}</table></body></html>"
    )
    data = _import(html, "rubric.html")
    assert data["kind"] == "selfeval"
    _check(_rows(data))
    assert (data["total_points"], data["total_score"]) == (30, Decimal("22.5"))


def test_the_model_has_a_place_for_each_rubric_column() -> None:
    fields = SelfEvaluation.model_json_schema()["$defs"]["EvalIndicator"]["properties"]
    assert fields["criteria"]["title"].startswith("评价要点")
    assert fields["scoring"]["title"].startswith("评（扣）分标准")


@pytest.mark.parametrize(
    ("header", "rubric"),
    [
        (["seq", "l1", "l2", "l3", "points", "explanation", "scoring", "score"], True),
        (["l1", "l2", "criteria", "points", "score"], True),  # no 三级: the 二级 names the row
        (["l1", "l2", "l3", "value", "points", "scoring", "score"], False),  # a target table
        (["l1", "l2", "l3", "points", "score", "deviation"], False),  # no scoring rule
        (["l1", "l2", "l3", "points", "scoring"], False),  # a declaration's 评分标准
    ],
)
def test_what_makes_a_rubric(header: list[str], rubric: bool) -> None:
    assert is_rubric(header) is rubric


def test_rubric_columns_come_before_the_declarations() -> None:
    assert rubric_role("评分标准") == "scoring"  # a declaration's 评(扣)分标准 reads as basis
    assert rubric_role("指标说明及评分标准") == "scoring"
    assert rubric_role("评价要点") == "criteria"
    assert rubric_role("三级 指标") == "l3"


def test_a_declaration_with_a_scoring_column_is_not_a_rubric() -> None:
    """A project form's 分值 | 评分标准 with 指标值: read as a declaration, as before."""
    text = (
        "项目名称 | 某某项目 |\n"
        "一级指标 | 二级指标 | 三级指标 | 指标值 | 分值 | 评分标准 |\n"
        "产出指标 | 数量指标 | 培训人数 | ≥100人 | 10 | 完成得10分 |\n"
    )
    result = import_document(text.encode("utf-8"), file="decl.txt")
    assert result.data is not None and result.data["kind"] == "project"


def test_a_huge_rubric_is_read_in_bounded_time() -> None:
    rows = "".join(f"{k} | 名称{k} | 3 | 要点 | 标准 | 2 |\n" for k in range(1, 10_000))
    text = (
        "评分表\n序号 | 一级指标 |\n二级指标 |\n三级指标 |\n分值 | 评价要点 | 评分标准 | 得分 |\n"
    )
    from perfdecl.convert.readers.text import read_text

    started = time.monotonic()
    got = read_rubric(read_text(text + rows, "big.txt"))
    assert got is not None and 1_000 < len(got.items) < 9_999  # MAX_CELLS: 50,000 cells
    assert time.monotonic() - started < 20


COVER = """某市2023年度部门整体支出
绩效评价自评报告
部门(单位)名称:  某市气象服务中心
预 算 编 码:   123456
评价方式:部门(单位)绩效自评
评价机构:第三方评价机构
报告日期:2024年05月20日
一、部门(单位)基本概况
联系人
张三
联络电话
0730-1234567
人员编制
35
实有人数
33人
职能职责概述
负责全市气象服务工作。
"""


def test_an_evaluation_report_cover_is_a_selfeval_header() -> None:
    """The cover and 基本概况 of a 部门整体支出绩效评价自评报告, no table: not written without
    --partial (PD417); what it prints goes to the self-evaluation's header."""
    result = import_document(COVER.encode("utf-8"), file="cover.txt")
    assert result.data is not None and not result.ok
    assert any(p.code == "PD417" for p in result.problems)
    got = {k: v for k, v in result.data.items() if k not in ("schema_version", "framework")}
    assert got == {
        "year": 2023,
        "kind": "selfeval",
        "unit": "某市气象服务中心",
        "unit_code": "123456",
        "phone": "0730-1234567",
        "method": "部门(单位)绩效自评",
        "evaluator": "第三方评价机构",
        "report_date": "2024年05月20日",
        "contact": "张三",
        "staff": 35,
        "staff_actual": 33,
        "functions": "负责全市气象服务工作。",
    }
    loaded = load_text(dumps(result.data))
    assert isinstance(loaded.data, dict)
    decl, _ = build(loaded.data, loaded.source, "cover.yaml")
    assert isinstance(decl, SelfEvaluation) and decl.staff == 35


def test_an_unknown_column_between_known_ones_keeps_the_others_in_place() -> None:
    """考评方法 is no known header: a text column of its own, not imported, and the 自评得分 and
    扣分原因 after it are still read."""
    text = TEXT.replace("评分标准 | 自评得分 |", "评分标准 | 考评方法 | 自评得分 |")
    for old, new in (
        ("酌情扣分 |\n4 |", "酌情扣分 | 查阅资料 |\n4 |"),
        ("细化量化得3分 | 3 |", "细化量化得3分 | 查阅资料 | 3 |"),
        ("每超1%扣1分 | 6 |", "每超1%扣1分 | 核对人数 | 6 |"),
        ("≤0得6分 |", "≤0得6分 | 核对账目 |"),
        ("扣0.5分 | 9.5 |", "扣0.5分 | 核对账目 | 9.5 |"),
    ):
        assert old in text
        text = text.replace(old, new)
    data = _import(text)
    _check(_rows(data))
    assert "查阅资料" not in dumps(data)
