"""A department form's 收入构成 / 支出构成 (layout D3) imports to funds, also when a PDF's text
interleaves its cells (issue 15)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfdecl.convert.importer import import_bytes
from perfdecl.convert.yamlwrite import dumps
from perfdecl.loader import load_text
from perfdecl.model.build import build

TABLE = """部门整体支出绩效目标申报表
部门(单位)名称 | 某县卫生健康局 | 填报人 | 张三 | 联系电话 | 0722-1234567 |
部门总体资金情况(单位:万元) | | 当年金额 | 占比 | 近两年收支金额 | |
| | | | 2022 年 | 2023 年 |
收入构成 | 财政拨款 | 900 | 90% | 800 | 850 |
| 其他资金 | 100 | 10% | 50 | 60 |
| 合计 | 1000 | 100% | 850 | 910 |
支出构成 | 基本支出 | 700 | 70% | 600 | 650 |
| 项目支出 | 300 | 30% | 250 | 260 |
| 合计 | 1000 | 100% | 850 | 910 |
"""

# the same figures as a PDF's text gives them: labels and cells interleaved, one line
INTERLEAVED = (
    "部门整体支出绩效目标申报表 填报日期:2023 年 12 月 18 日 部门(单位) 名称 填报人 某县卫生健康局 "
    "当年 金额 近两年收支金额 占比 财政拨款 900 其他资金 张三 部门总体 资金情况 收入构成 支出构成 "
    "单位:万元 2022 年 2023 年 90% 800 850 100 10% 50 60 合计 1000 100% 850 910 基本支出 700 70% "
    "600 650 项目支出 300 30% 250 260 合计 1000 100% 850 910\n"
)


def _funds(text: str) -> dict[str, object]:
    result = import_bytes(text.encode(), file="dept.txt")
    assert result.data is not None, [p.message.en for p in result.problems]
    funds = result.data["funds"]
    assert isinstance(funds, dict)
    return funds


def test_a_ruled_income_and_expenditure_table_imports_with_shares_and_years() -> None:
    funds = _funds(TABLE)
    assert (funds["total"], funds["basic"], funds["project"]) == (
        Decimal("1000"),
        Decimal("700"),
        Decimal("300"),
    )
    assert funds["income"] == [
        {
            "label": "财政拨款",
            "amount": Decimal("900"),
            "share": Decimal("90"),
            "years": {2022: Decimal("800"), 2023: Decimal("850")},
        },
        {
            "label": "其他资金",
            "amount": Decimal("100"),
            "share": Decimal("10"),
            "years": {2022: Decimal("50"), 2023: Decimal("60")},
        },
        {
            "label": "合计",
            "amount": Decimal("1000"),
            "share": Decimal("100"),
            "years": {2022: Decimal("850"), 2023: Decimal("910")},
        },
    ]
    assert [r["label"] for r in funds["expenditure"]] == ["基本支出", "项目支出", "合计"]


def test_interleaved_text_completes_the_rows_a_run_of_figures_fits_exactly() -> None:
    funds = _funds(INTERLEAVED)
    income = funds["income"]
    # 财政拨款's share and years and all of 其他资金's figures are printed later, before 合计:
    # the run (90% 800 850 | 100 10% 50 60) fits the two short rows exactly, in order
    assert income[0] == {
        "label": "财政拨款",
        "amount": Decimal("900"),
        "share": Decimal("90"),
        "years": {2022: Decimal("800"), 2023: Decimal("850")},
    }
    assert income[1] == {
        "label": "其他资金",
        "amount": Decimal("100"),
        "share": Decimal("10"),
        "years": {2022: Decimal("50"), 2023: Decimal("60")},
    }
    assert [r["label"] for r in income] == ["财政拨款", "其他资金", "合计"]
    assert funds["expenditure"][0] == {
        "label": "基本支出",
        "amount": Decimal("700"),
        "share": Decimal("70"),
        "years": {2022: Decimal("600"), 2023: Decimal("650")},
    }
    # the filing date (2023 年 12 月) is not a year of the table
    assert list(funds["expenditure"][1]["years"]) == [2022, 2023]


def test_interleaved_text_guesses_nothing_when_the_run_does_not_fit() -> None:
    # one figure of the run lost: it fits the short rows no longer, they stay as printed
    funds = _funds(INTERLEAVED.replace("100 10% 50 60", "100 10% 50"))
    income = funds["income"]
    assert income[0] == {"label": "财政拨款", "amount": Decimal("900")}
    assert [r["label"] for r in income] == ["财政拨款", "合计"]


def test_the_funds_build_with_the_model() -> None:
    result = import_bytes(TABLE.encode(), file="dept.txt")
    assert result.data is not None
    loaded = load_text(dumps(result.data))
    assert isinstance(loaded.data, dict)
    decl, problems = build(loaded.data, loaded.source, "dept.yaml")
    assert decl is not None and decl.funds is not None, [p.message.en for p in problems]
    assert decl.funds.expenditure[0].years == {2022: Decimal("600"), 2023: Decimal("650")}


def test_a_project_form_gets_no_funds() -> None:
    text = "项目支出绩效目标申报表\n项目名称 | 道路 |\n一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
    result = import_bytes(text.encode(), file="p.txt")
    assert result.data is None or "funds" not in result.data


@pytest.mark.parametrize("text", [TABLE, INTERLEAVED], ids=["ruled", "interleaved"])
def test_a_department_forms_money_is_its_funds_not_a_project_budget(text: str) -> None:
    # 基本支出 and 项目支出 are the expenditure block, read whole into funds; before, they were
    # also written as the sources of a project.budget the department form does not have
    result = import_bytes(text.encode(), file="dept.txt")
    assert result.data is not None
    assert result.data["kind"] == "department" and "funds" in result.data
    assert "budget" not in result.data.get("project", {})
