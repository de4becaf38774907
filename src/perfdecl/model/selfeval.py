"""The self-evaluation (绩效自评表, ``kind: selfeval``): the declared table with what was achieved.

A self-evaluation repeats a declaration's header and indicator table and adds, on each 三级 row,
the value achieved (实际完成值), the points (分值) and the score the unit gave itself (得分), the
reason for a shortfall (偏差原因); a 预算执行 block (全年预算数, 全年执行数, 执行率, 得分); and the
totals (总分, 自评得分, 评价等级). The models extend the declaration's, so the row walk, diff's
matching and the renderer read a self-evaluation as they read a declaration, and the rules written
for self-evaluations see every outcome field typed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, Field

import perfdecl.model as _declaration_module
from perfdecl.model import (
    Amount,
    Declaration,
    Group,
    Indicator,
    Level1,
    MoneyUnit,
    Number,
    Points,
    Text,
    _as_text,
    _Model,
    to_wan,
)

SELFEVAL_KIND = "selfeval"
"""The value of ``kind`` that makes a file a self-evaluation."""


class Survey(_Model):
    """满意度调查依据: how a satisfaction figure was measured (a 满意度 without one is a guess)."""

    model_config = ConfigDict(title="满意度调查依据 / Survey basis")

    method: Text | None = Field(
        None,
        title="调查方式 / Method",
        description="如 问卷调查、电话回访、第三方满意度调查",
    )
    sample: int | None = Field(
        None, ge=0, le=100_000_000, title="样本量 / Sample size", description="有效问卷（人）数"
    )
    text: Text | None = Field(
        None, title="调查说明（原文）/ Survey as printed", description="如 发放问卷200份，回收198份"
    )


class Result(_Model):
    """What one structured target achieved, on a row that declares several (分项实际完成值)."""

    model_config = ConfigDict(title="分项实际完成值 / Actual value of one target")

    name: Text | None = Field(
        None, title="指标名称 / Name", description="与 targets[].name 相同；不填时按顺序对应"
    )
    value: Number | None = Field(None, title="实际完成值 / Actual value")
    unit: Text | None = Field(None, title="计量单位 / Unit")
    text: Text | None = Field(None, title="实际完成情况（原文）/ As printed")


class EvalIndicator(Indicator):
    """A 三级 row of a self-evaluation: the declared fields plus the outcome columns."""

    model_config = ConfigDict(title="三级指标（自评）/ Indicator with its outcome")

    value_initial: Text | None = Field(
        None,
        title="年初指标值（原文）/ Value at the start of the year",
        description="表上同时印有年初指标值与调整（全年）指标值时的年初值；value_text 为调整后的"
        "年度指标值",
    )
    actual: Text | None = Field(
        None,
        title="实际完成值（原文）/ Actual value as printed",
        description="实际完成值、全年完成值、全年实际值一栏原文照录，如 100%、43次、有效",
    )
    actual_value: Number | None = Field(
        None,
        title="实际完成值（数值）/ Actual value (number)",
        description="可不填：不填时从 actual 读出数值",
    )
    results: list[Result] = Field(
        default_factory=list,
        title="分项实际完成值 / Actual values by target",
        description="一行有多个结构化指标值（targets）时，各自的实际完成值",
    )
    criteria: Text | None = Field(
        None,
        title="评价要点 / What is assessed",
        description="评分表（部门整体支出绩效评价自评表）的评价要点一栏，原文照录；评分标准见 scoring",
    )
    score: Points | None = Field(None, title="得分 / Score", description="单位自评的得分")
    coefficient: Number | None = Field(
        None, title="得分系数（%）/ Score coefficient", description="如 100 表示 100%"
    )
    deviation: Text | None = Field(
        None,
        title="偏差原因分析及改进措施 / Reason for a shortfall",
        description="偏差原因分析及改进措施、未完成原因分析、未完成原因和改进措施，原文照录",
    )
    survey: Survey | None = Field(
        None, title="满意度调查依据 / Survey basis", description="满意度指标的调查方式与样本量"
    )


class EvalGroup(Group):
    """二级指标 of a self-evaluation."""

    model_config = ConfigDict(title="二级指标（自评）/ Level-2 group with outcomes")

    items: list[EvalIndicator] = Field(  # type: ignore[assignment]  # read-only, narrowed
        default_factory=list, title="三级指标 / Indicators"
    )
    score: Points | None = Field(None, title="得分 / Score")


class EvalLevel1(Level1):
    """一级指标 of a self-evaluation, with its score when the form prints one."""

    model_config = ConfigDict(title="一级指标（自评）/ Level-1 group with outcomes")

    groups: list[EvalGroup] = Field(  # type: ignore[assignment]  # read-only, narrowed
        default_factory=list, title="二级指标 / Level-2 groups"
    )
    items: list[EvalIndicator] = Field(  # type: ignore[assignment]  # read-only, narrowed
        default_factory=list,
        title="三级指标（无二级）/ Indicators with no 二级",
        description="表上没有二级指标一栏时，三级指标直接列在一级下",
    )
    score: Points | None = Field(None, title="得分 / Score", description="本一级指标的得分")


class ExecutionRow(_Model):
    """One row of 预算执行情况: a source of money with its budget, spending and rate."""

    model_config = ConfigDict(title="预算执行（一行）/ Budget execution row")

    label: Text | None = Field(
        None,
        title="名称（原文）/ Label as printed",
        description="如 年度资金总额、其中：当年财政拨款、上年结转资金、其他资金",
    )
    initial: Amount | None = Field(None, title="年初预算数 / Budget at the start of the year")
    budget: Amount | None = Field(
        None,
        title="全年预算数 / Budget of the year",
        description="全年预算数、调整后预算数、预算数(A)",
    )
    spent: Amount | None = Field(
        None, title="全年执行数 / Spent", description="全年执行数、预算执行数、执行数(B)"
    )
    rate: Text | None = Field(
        None,
        title="执行率（原文）/ Rate as printed",
        description="如 100%、98.5%（应为执行数/预算数）",
    )
    points: Points | None = Field(None, title="分值 / Points", description="如 10")
    score: Points | None = Field(None, title="得分 / Score")
    reason: Text | None = Field(None, title="偏差原因 / Reason", description="执行率偏低的原因")


class Execution(ExecutionRow):
    """预算执行情况: the 年度资金总额 row, its unit and its 其中 rows."""

    model_config = ConfigDict(title="预算执行情况 / Budget execution")

    unit: Annotated[MoneyUnit, BeforeValidator(_as_text)] = Field(
        MoneyUnit.WAN, title="金额单位 / Unit", description="万元（默认）或 元"
    )
    parts: list[ExecutionRow] = Field(
        default_factory=list,
        title="其中各项 / Parts",
        description="如 其中：当年财政拨款、上年结转资金、其他资金",
    )

    def in_wan(self, amount: Decimal) -> Decimal:
        """An amount of this block in 万元, exactly."""
        return to_wan(amount, self.unit)


class SelfEvaluation(Declaration):
    """绩效自评表: a unit's (or project's) self-evaluation of a year against its targets."""

    model_config = ConfigDict(
        title="绩效自评表 / Performance self-evaluation",
        json_schema_extra={"additionalProperties": False},
    )

    kind: Literal["selfeval"] = Field(  # type: ignore[assignment]  # the third kind of file
        title="类型 / Kind", description="selfeval 绩效自评表"
    )
    indicators: list[EvalLevel1] = Field(  # type: ignore[assignment]  # read-only, narrowed
        default_factory=list, title="绩效指标（年度）/ Indicator table with outcomes"
    )
    method: Text | None = Field(
        None, title="评价方式 / Method", description="如 部门（单位）绩效自评，原文照录"
    )
    evaluator: Text | None = Field(
        None, title="评价机构 / Evaluated by", description="如 部门（单位）评价组，原文照录"
    )
    report_date: Text | None = Field(
        None, title="报告日期（原文）/ Report date as printed", description="如 2019年06月18日"
    )
    contact: Text | None = Field(None, title="联系人 / Contact person")
    staff: int | None = Field(
        None, ge=0, le=100_000_000, title="人员编制 / Staff positions", description="编制人数"
    )
    staff_actual: int | None = Field(None, ge=0, le=100_000_000, title="实有人数 / Staff in post")
    execution: Execution | None = Field(
        None,
        title="预算执行情况 / Budget execution",
        description="全年预算数、全年执行数、执行率及其分值、得分",
    )
    total_points: Points | None = Field(None, title="总分值 / Total points", description="通常 100")
    total_score: Points | None = Field(
        None, title="自评总分 / Total self-score", description="总分一栏的得分、自评得分"
    )
    grade: Text | None = Field(None, title="评价等级（原文）/ Grade", description="如 优、良")
    conclusion: Text | None = Field(None, title="评价结论 / Conclusion")
    shortcomings: Text | None = Field(None, title="存在问题 / Problems found")
    improvements: Text | None = Field(None, title="改进措施 / Improvements")


# The declaration's models name some types before defining them (PointsRange, GoalText): resolve
# the inherited annotations in that module's namespace.
for _cls in (EvalIndicator, EvalGroup, EvalLevel1, SelfEvaluation):
    _cls.model_rebuild(_types_namespace=vars(_declaration_module))


def is_selfeval(data: Any) -> bool:
    """True when plain data declares ``kind: selfeval`` (the model to build it with)."""
    return isinstance(data, dict) and data.get("kind") == SELFEVAL_KIND


def json_schema() -> dict[str, Any]:
    """The self-evaluation's JSON Schema (``perfdecl schema --kind selfeval``)."""
    schema = SelfEvaluation.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


__all__ = [
    "SELFEVAL_KIND",
    "EvalGroup",
    "EvalIndicator",
    "EvalLevel1",
    "Execution",
    "ExecutionRow",
    "Result",
    "SelfEvaluation",
    "Survey",
    "is_selfeval",
    "json_schema",
]
