"""Which way a bare or ``=`` target points (#20): a name that says lower is better (预算调整率,
投诉率, 成本) makes it a ceiling for the met/missed verdict and for diff's direction of a change;
a row's 指标方向 and an explicit ≥ or ≤ win over the name."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from perfdecl.diff.direction import target_direction
from perfdecl.diff.records import Direction as Change
from perfdecl.model import Comparison, Direction, Target
from perfdecl.model.selfeval import EvalIndicator
from perfdecl.phrases.polarity import LOWER_IS_BETTER, NOT_LOWER, lower_is_better
from perfdecl.phrases.verdict import Status, goals_of, row_verdict


@pytest.mark.parametrize(
    "name",
    [
        "预算调整率",
        "结转结余率",
        "公用经费控制率",
        "“三公”经费变动率",
        "财政供养人员控制率",
        "群众投诉率",
        "安全生产事故发生率",
        "档案整理差错率",
        "单位运行成本",
        "项目超支率",
        "预算 调整 率",  # extraction spaces
        "ＰＭ事故率",  # full-width letters
    ],
)
def test_names_that_say_lower_is_better(name: str) -> None:
    assert lower_is_better(name)


@pytest.mark.parametrize(
    "name",
    [
        "预算执行率",
        "政府采购执行率",
        "投诉处理率",  # handling complaints: higher is better
        "成本降低率",  # a fall is the achievement
        "投诉率下降幅度",
        "成本节约率",
        "成本回收率",
        "成本效益",
        "成本控制在预算内",
        "成本指标",  # the 二级 group's name
        "合格率",
        "群众满意度",
        "",
        None,
    ],
)
def test_names_that_do_not(name: str | None) -> None:
    assert not lower_is_better(name)


def test_the_tables_are_data_without_overlap() -> None:
    assert len(set(LOWER_IS_BETTER)) == len(LOWER_IS_BETTER)
    assert not set(LOWER_IS_BETTER) & set(NOT_LOWER)


def _row(text: str, actual: str, **fields: Any) -> EvalIndicator:
    return EvalIndicator(id="r.1", text=text, actual=actual, **fields)


@pytest.mark.parametrize(
    ("text", "fields", "actual", "status"),
    [
        # a bare value on a lower-is-better name: at most
        ("预算调整率", {"value_text": "3%", "unit": "%"}, "0", Status.MET),
        ("预算调整率", {"value_text": "3%", "unit": "%"}, "3%", Status.MET),
        ("预算调整率", {"value_text": "3%", "unit": "%"}, "5%", Status.MISSED),
        # 指标性质 '=' too
        ("安全事故发生率", {"value_text": "0", "nature": "=", "unit": "%"}, "0", Status.MET),
        ("安全事故发生率", {"value_text": "0", "nature": "=", "unit": "%"}, "1", Status.MISSED),
        # an explicit ≥ wins over the name (the form says a floor, PD242's business)
        ("预算调整率", {"value_text": "3%", "nature": "≥", "unit": "%"}, "0", Status.MISSED),
        ("预算调整率", {"value_text": "≥3%"}, "0", Status.MISSED),
        # an explicit ≤ reads as before
        ("预算执行率", {"value_text": "≤100%"}, "90%", Status.MET),
        # the row's 指标方向 wins over the name
        ("预算调整率", {"value_text": "3%", "unit": "%", "direction": "正向"}, "0", Status.MISSED),
        ("预算执行率", {"value_text": "3%", "unit": "%", "direction": "反向"}, "0", Status.MET),
        # names that do not say it keep = as at least
        ("成本降低率", {"value_text": "5%", "unit": "%"}, "3%", Status.MISSED),
        ("政府采购执行率", {"value_text": "100%", "unit": "%"}, "72.74%", Status.MISSED),
        ("政府采购执行率", {"value_text": "100%", "unit": "%"}, "100%", Status.MET),
    ],
)
def test_the_verdict_reads_the_name(
    text: str, fields: dict[str, Any], actual: str, status: Status
) -> None:
    got, judged = row_verdict(_row(text, actual, **fields))
    assert got is status, [(j.goal, j.actual) for j in judged]


def test_a_missed_ceiling_reports_the_excess() -> None:
    _, [judged] = row_verdict(_row("群众投诉率", "5%", value_text="2%", unit="%"))
    assert judged.status is Status.MISSED
    assert judged.goal.upper and judged.goal.direction is Direction.NEGATIVE
    assert judged.gap == Decimal(3)  # 3 百分点 over
    assert judged.share == Decimal(2) / Decimal(5)  # target / actual, as for a ≤ target


def test_structured_targets_read_their_own_names() -> None:
    item = _row(
        "投诉与满意度",
        "",
        targets=[
            {"name": "投诉率", "comparison": "=", "value": 1, "unit": "%"},
            {"name": "满意度", "comparison": "=", "value": 90, "unit": "%"},
            {"comparison": "=", "value": 5, "unit": "件"},  # no name on a row of several
        ],
    )
    goals = goals_of(item)
    assert [g.upper for g in goals] == [True, False, False]
    one = _row("结转结余率", "0", targets=[{"comparison": "=", "value": 2, "unit": "%"}])
    assert [g.upper for g in goals_of(one)] == [True]  # one target: the row's name


def test_declared_and_evaluated_keys_agree_on_a_ceiling() -> None:
    """``=`` and ``≤`` on a lower-is-better row are one target (not a PD502 change)."""
    bare = _row("预算调整率", "0", value_text="3%", unit="%")
    explicit = _row("预算调整率", "0", value_text="≤3%")
    assert [g.key() for g in goals_of(bare)] == [g.key() for g in goals_of(explicit)]


def _t(value: int, comparison: str = "=", **fields: Any) -> Target:
    return Target(comparison=Comparison(comparison), value=value, unit="%", **fields)


def test_diff_reads_a_lower_is_better_point_target_as_a_ceiling() -> None:
    assert target_direction(_t(5), _t(3)) is Change.UNKNOWN  # no name: no order
    lower = Direction.NEGATIVE
    assert target_direction(_t(5), _t(3), row_direction=lower) is Change.STRONGER
    assert target_direction(_t(3), _t(5), row_direction=lower) is Change.WEAKER
    # the target's own direction or bound wins
    positive = {"direction": "positive"}
    assert target_direction(_t(5, **positive), _t(3, **positive), row_direction=lower) is (
        Change.WEAKER
    )
    assert target_direction(_t(5, ">="), _t(3, ">="), row_direction=lower) is Change.WEAKER


def test_diff_of_two_declarations_reads_the_rows_name() -> None:
    """A 预算调整率 row whose ``=`` target goes from 3% to 5% got weaker (PD301, and PD306 with no
    note); from 3% to 1%, stronger (PD320). Before, both were PD321 (direction unknown)."""
    from perfdecl.diff import diff
    from perfdecl.lint import load_declaration
    from perfdecl.model import Declaration

    from .conftest import EXAMPLE

    base = load_declaration(EXAMPLE).model_dump(mode="python")
    item = base["indicators"][0]["groups"][0]["items"][0]
    item.update(text="预算调整率", targets=[{"comparison": "=", "value": Decimal(3), "unit": "%"}])
    old = Declaration.model_validate(base)
    for value, code in ((5, "PD301"), (1, "PD320")):
        item["targets"][0]["value"] = Decimal(value)
        result = diff(old, Declaration.model_validate(base))
        assert [c.code for c in result.changes] == [code]
    item["direction"] = "正向"  # the row's 指标方向 wins over the name: 3% -> 1% is weaker
    item["targets"][0]["value"] = Decimal(3)
    old = Declaration.model_validate(base)
    item["targets"][0]["value"] = Decimal(1)
    assert [c.code for c in diff(old, Declaration.model_validate(base)).changes] == ["PD301"]
