"""render --format markdown prints the project form: parties, money block, goals, and the
indicator table with the row columns the declaration has (#14)."""

from __future__ import annotations

from perfdecl.lint import DEFAULT_OPTIONS, check_path
from perfdecl.render.markdown import MarkdownRenderer

from .conftest import EXAMPLE, ROOT

FENGJIE = ROOT / "tests" / "fixtures" / "real" / "fengjie_yunwu_jgy_2023.yaml"


def _render(path: object) -> str:
    decl = check_path(path, DEFAULT_OPTIONS).declaration  # type: ignore[arg-type]
    assert decl is not None
    return MarkdownRenderer().render(decl)


def test_project_form_table_has_the_columns_given() -> None:
    text = _render(FENGJIE)
    assert "| 一级指标 | 二级指标 | 具体指标（指标内容、指标值） | 指标值 | 分值 |" in text
    assert "| 成本指标 | 经济成本指标 | 项目建设成本 | ≤65万元 | 10 |" in text
    assert "| 业务主管部门 | 县民宗委 |" in text
    assert "| 当年年度预算（万元） | 65 |" in text and "| 　其中:财政资金 | 65 |" in text
    assert "**年度主要目标和成果**" in text
    assert "2023-04 至 2024-02（2023年4月-2024年2月）" in text


def test_a_department_form_keeps_three_columns() -> None:
    text = _render(EXAMPLE)
    assert "| 一级指标 | 二级指标 | 具体指标（指标内容、指标值） |\n|---|---|---|\n" in text
    assert "## 项目资金" not in text
