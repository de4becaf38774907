"""The department-wide evaluation table (``department_evaluation``): a 部门整体支出绩效评价 rubric's
stages (决策/投入/规划, 过程/执行, 产出, 效益/效果) are its 一级, so PD204/PD205 are silent on a
sound rubric and still report a name outside it; the importer names the table for a
department-wide self-evaluation whose 一级 are such stages, and only then."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfdecl.convert.evaluation import department_wide, evaluation_framework, level1_points
from perfdecl.convert.pipeline import import_document
from perfdecl.lint import check_path
from perfdecl.model import frameworks as fw

RUBRIC = """\
schema_version: 1
year: 2023
framework: {framework}
kind: selfeval
title: 2023年度部门整体支出绩效评价自评表
indicators:
  - id: a
    name: {l1}
    points: 20
    groups:
      - name: {l2}
        items:
          - {{id: a.1, text: 年度绩效目标合理性, points: 4, score: 4}}
  - id: b
    name: 执行
    groups:
      - name: 预算执行 (18分)
        items:
          - {{id: b.1, text: 预算执行率, points: 5, score: 5}}
      - name: 资产管理
        items:
          - {{id: b.2, text: 固定资产利用率, points: 2, score: 2}}
  - id: c
    name: 效果
    groups:
      - name: 履职效益
        items:
          - {{id: c.1, text: 社会效益, points: 5, score: 5}}
      - name: 服务对象满意度
        items:
          - {{id: c.2, text: 服务对象满意度, points: 5, score: 5}}
"""


def _codes(tmp_path: Path, **fields: str) -> list[str]:
    values = {"framework": "department_evaluation", "l1": "规划", "l2": "绩效目标 (6分)"} | fields
    path = tmp_path / "rubric.yaml"
    path.write_text(RUBRIC.format(**values), encoding="utf-8")
    result = check_path(path)
    assert result.declaration is not None, [p.message.en for p in result.problems]
    return [p.code for p in result.problems if p.code in ("PD204", "PD205", "PD206")]


@pytest.mark.parametrize(
    ("l1", "l2"), [("规划", "绩效目标 (6分)"), ("投入", "目标设定"), ("决策", "预算编制")]
)
def test_a_sound_rubric_has_no_framework_finding(tmp_path: Path, l1: str, l2: str) -> None:
    assert _codes(tmp_path, l1=l1, l2=l2) == []


def test_the_same_rubric_under_a_target_framework_is_reported(tmp_path: Path) -> None:
    codes = _codes(tmp_path, framework="national_classic")
    assert codes.count("PD204") == 2 and codes.count("PD205") >= 3  # 规划, 执行; stage 二级


@pytest.mark.parametrize(
    ("l1", "l2", "code"),
    [
        ("管理", "绩效目标", "PD204"),  # no such stage
        ("规划", "规模指标", "PD205"),  # no such 二级
        ("规划", "数量指标", "PD206"),  # a target 二级 under a budgeting stage
        ("产出", "预算执行", "PD206"),  # a budgeting 二级 under 产出
    ],
)
def test_a_misfiling_is_still_reported(tmp_path: Path, l1: str, l2: str, code: str) -> None:
    assert _codes(tmp_path, l1=l1, l2=l2) == [code]


def test_the_table_is_shipped_not_a_template() -> None:
    table = fw.spec("department_evaluation")
    assert table.level1 == (fw.DECISION, fw.PROCESS, fw.OUTPUT, fw.BENEFIT, fw.SATISFACTION_L1)
    assert "department_evaluation" in fw.known()
    assert "department_evaluation" not in {f.value for f in fw.Framework}  # not for perfdecl init
    # the stage words are this table's, not the built-in vocabulary of the target frameworks
    assert fw.canonical_level1("规划").level1 is None
    assert fw.spec("national_classic").level2_name("预算执行").level2 is None


@pytest.mark.parametrize(
    ("name", "clean", "points"),
    [
        ("规划 (15分)", "规划", 15),
        ("产出指标（40分）", "产出指标", 40),
        ("效益 ( 2.5 分 )", "效益", 2.5),
        ("产出指标", "产出指标", None),
        ("产出指标(0分)", "产出指标(0分)", None),  # no points: kept as printed
        ("成本指标(0-20)分", "成本指标(0-20)分", None),  # a range, not points
        ("(15分)", "(15分)", None),  # nothing but the points
    ],
)
def test_points_printed_in_a_level1_name(name: str, clean: str, points: float | None) -> None:
    got_name, got_points = level1_points(name)
    assert got_name == clean
    assert (None if got_points is None else float(got_points)) == points


def test_which_self_evaluations_follow_the_table() -> None:
    assert department_wide(["2023年度部门整体支出绩效评价自评表"])
    assert department_wide(["部门（单位）整体支出绩效自评表"])
    assert not department_wide(["2022年度项目支出绩效自评表"])
    assert evaluation_framework(["规划 (15分)", "执行 (35分)"]) == "department_evaluation"
    assert evaluation_framework(["产出指标", "效益指标", "满意度指标"]) is None


TEXT = """{title}
序号 | 一级指标 |
二级指标 |
三级指标 |
分值 | 评价要点 | 评分标准 | 自评得分 |
1 | 决策 (20分) |
目标设定 (20分) | 绩效目标合理性 | 20 | 是否符合部门职能 | 符合得20分 | 18 |
2 | 过程 (30分) |
预算执行 (30分) | 支付进度率 | 30 | 实际支付进度与序时进度之比 | 每低1%扣0.5分 | 29 |
"""


@pytest.mark.parametrize(
    ("title", "framework"),
    [
        ("2024年度部门整体支出绩效评价评分表", "department_evaluation"),
        ("2024年度单位整体支出绩效自评表", "department_evaluation"),
        ("2024年度项目支出绩效评价评分表", "national_classic"),  # not department-wide
    ],
)
def test_the_importer_names_the_table_for_department_wide_rubrics(
    title: str, framework: str
) -> None:
    result = import_document(TEXT.format(title=title).encode("utf-8"), file="rubric.txt")
    assert result.data is not None
    assert result.data["kind"] == "selfeval"
    assert result.data["framework"] == framework
    assert [(l1["name"], l1["points"]) for l1 in result.data["indicators"]] == [
        ("决策", 20),
        ("过程", 30),
    ]
