"""Pydantic models: the declaration's structure, one source of truth.

The JSON Schema in ``schemas/`` is generated from these models (``perfdecl schema``), so the
Chinese titles and descriptions below are what editors show while a declaration is typed.

Structure is checked here; substance (sums, coverage, vague wording) is left to the rules, so
header parts are optional in the model and reported by a rule when missing: a clerk then sees
every defect at once instead of a model that refuses to load.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from perfdecl.problem import shorten

SCHEMA_VERSION = 1


def _as_text(value: Any) -> Any:
    """Numbers the loader recognised become the text the user wrote (a phone stays "83998540")."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | Decimal):
        return str(value)
    return value


MAX_DIGITS = 40
"""Digits a number may have before the point, and after it: as the loader's
``Limits.max_number_digits``, which only bounds plain scalars. A quoted "999…" or "1e5000" is
numeric text the model would otherwise take at any length (and a rule then quote whole)."""

_NUMBER_TEXT = re.compile(r"\s*[+-]?([0-9]*)(?:\.([0-9]*))?\s*")
_LONG_TEXT = 4 * MAX_DIGITS
"""Longer numeric text is counted as text, before Decimal reads it (15 MB of digits: 0.5 s)."""


@dataclass(frozen=True, slots=True)
class _DigitBound:
    """At most ``MAX_DIGITS`` digits on either side of the point, else a clerk's error (PD104)
    naming what was given ("金额/amount", "数值/number") and how many digits it has."""

    zh: str
    en: str

    def fail(self, before: int, after: int) -> None:
        if before <= MAX_DIGITS and after <= MAX_DIGITS:
            return
        side_zh, side_en, count = (
            ("整数部分", "before the point", before)
            if before > MAX_DIGITS
            else ("小数部分", "after the point", after)
        )
        raise PydanticCustomError(
            "perfdecl",
            "{what} has too many digits ({count} {side}, at most {limit}); check the figure.",
            {
                "what": self.en,
                "count": f"{count:,}",
                "side": side_en,
                "limit": MAX_DIGITS,
                "zh": f"{self.zh}位数过多（{side_zh} {count:,} 位，最多 {MAX_DIGITS} 位），"
                "请核对数字。",
            },
        )

    def text(self, value: Any) -> Any:
        """Before parsing: long numeric text is refused by counting its digits."""
        if isinstance(value, str) and len(value) > _LONG_TEXT:
            m = _NUMBER_TEXT.fullmatch(value)
            if m is not None and (m[1] or m[2]):
                self.fail(len(m[1].lstrip("0")), len(m[2] or ""))
        return value

    def number(self, value: Decimal) -> Decimal:
        """After parsing: exponents count too ("1e5000" has 5,001 digits before the point)."""
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int):  # finite: pydantic refuses NaN and infinity first
            before = max(value.adjusted() + 1, 0) if value else 0
            self.fail(before, max(-exponent, 0))
        return value

    def check(self, value: Decimal | str) -> None:
        """For a target's value that fell back to text: refuse it if it is a long number."""
        if isinstance(value, Decimal):
            self.number(value)
            return
        self.text(value)
        if value.strip()[:1] in tuple("+-.0123456789"):
            try:
                number = Decimal(value.strip())
            except ArithmeticError:
                return
            self.number(number)


_AMOUNT = _DigitBound("金额", "amount")
_NUMBER = _DigitBound("数值", "number")
_WEIGHT = _DigitBound("权重", "weight")

Text = Annotated[str, BeforeValidator(_as_text)]
Money = Annotated[
    Decimal,
    BeforeValidator(_AMOUNT.text),
    AfterValidator(_AMOUNT.number),
    Field(description="金额，单位万元，精确到分（0.01 万元）/ Amount in 万元 (10,000 yuan)."),
]
Number = Annotated[Decimal, BeforeValidator(_NUMBER.text), AfterValidator(_NUMBER.number)]
Id = Annotated[
    str,
    BeforeValidator(_as_text),
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$",
        max_length=64,
        description="稳定标识，文件内唯一，跨年度比对时据此匹配 / Stable id, unique in the file; "
        "diff matches on it.",
    ),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Framework(StrEnum):
    """Which indicator framework the table follows (see docs/format.md)."""

    BEIJING_2019 = "beijing_2019"
    NATIONAL_CLASSIC = "national_classic"
    CENTRAL_2021 = "central_2021"


class Kind(StrEnum):
    DEPARTMENT = "department"
    PROJECT = "project"


class Comparison(StrEnum):
    """Comparison of a structured target; ``~`` is 约 (approximately)."""

    GE = ">="
    LE = "<="
    EQ = "="
    GT = ">"
    LT = "<"
    APPROX = "~"
    QUALITATIVE = "qualitative"


_COMPARISON_ALIASES = {
    "≥": ">=",
    "≧": ">=",
    "＞＝": ">=",
    "≤": "<=",
    "≦": "<=",
    "＜＝": "<=",
    "＝": "=",
    "==": "=",
    "＞": ">",
    "＜": "<",
    "≈": "~",
    "约": "~",
    "定性": "qualitative",
}


def _comparison(value: Any) -> Any:
    if isinstance(value, str):
        return _COMPARISON_ALIASES.get(value.strip(), value.strip())
    return value


class Direction(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"


class IndicatorKind(StrEnum):
    QUANTITATIVE = "quantitative"
    QUALITATIVE = "qualitative"


class Funds(_Model):
    """部门（单位）总体资金情况（万元）."""

    model_config = ConfigDict(title="资金情况（万元）/ Funds")

    total: Money | None = Field(None, title="资金总额 / Total")
    basic: Money | None = Field(None, title="基本支出 / Basic expenditure")
    project: Money | None = Field(None, title="项目支出 / Project expenditure")
    other: Money | None = Field(None, title="其他 / Other")


class Period(_Model):
    start: datetime.date = Field(title="开始日期 / Start", description="YYYY-MM-DD")
    end: datetime.date = Field(title="结束日期 / End", description="YYYY-MM-DD")


class Project(_Model):
    """项目支出绩效目标申报表: a project form carries these instead of unit-wide funds."""

    model_config = ConfigDict(title="项目信息 / Project")

    name: Text | None = Field(None, title="项目名称 / Project name")
    amount: Money | None = Field(None, title="项目资金（万元）/ Amount")
    period: Period | None = Field(None, title="实施期限 / Period")


class Strand(_Model):
    id: Id = Field(title="目标编号 / Strand id")
    text: Text = Field(title="目标内容 / Text", description="原文照录 / Verbatim published text.")


class Goals(_Model):
    model_config = ConfigDict(title="部门（单位）绩效目标 / Goals")

    lead: Text | None = Field(None, title="总体目标 / Lead paragraph")
    strands: list[Strand] = Field(default_factory=list, title="分项目标 / Numbered strands")


class Target(_Model):
    """A structured target: what a budget system stores for a 三级 indicator."""

    model_config = ConfigDict(title="结构化指标值 / Structured target")

    name: Text | None = Field(None, title="指标名称 / Name")
    comparison: Annotated[Comparison, BeforeValidator(_comparison)] = Field(
        title="比较符 / Comparison",
        description=">= <= = > < ~（约）或 qualitative（定性）；也接受 ≥ ≤ ≈ 定性。",
    )
    value: Number | str | None = Field(
        None,
        union_mode="left_to_right",
        title="指标值 / Value",
        description="定量为数字，定性可为文字 / A number, or text for a qualitative target.",
    )
    unit: Text | None = Field(None, title="计量单位 / Unit", description="如 张、%、万元、人次")
    deadline: datetime.date | None = Field(
        None, title="完成时限 / Deadline", description="YYYY-MM-DD（如 截止2019年12月31日）"
    )
    weight: (
        Annotated[
            Decimal,
            Field(ge=0, le=100),
            BeforeValidator(_WEIGHT.text),
            AfterValidator(_WEIGHT.number),
        ]
        | None
    ) = Field(None, title="权重 / Weight")
    direction: Direction | None = Field(None, title="指标方向 / Direction (正向/反向)")

    @field_validator("value", mode="after")
    @classmethod
    def _value_digits(cls, value: Decimal | str | None) -> Decimal | str | None:
        """A number too long for :data:`Number` falls back to text: refuse it as a number."""
        if value is not None:
            _NUMBER.check(value)
        return value

    @model_validator(mode="after")
    def _value_fits_comparison(self) -> Target:
        quantitative = self.comparison is not Comparison.QUALITATIVE
        if quantitative and self.value is None and self.deadline is None:
            raise PydanticCustomError(
                "perfdecl",
                "a {comparison} target needs a numeric value or a deadline",
                {
                    "comparison": self.comparison.value,
                    "zh": f"比较符为 {self.comparison.value} 的指标需要数值（value）或时限（deadline）。",
                },
            )
        if quantitative and isinstance(self.value, str):
            raise PydanticCustomError(
                "perfdecl",
                "value '{value}' must be a number for comparison {comparison}",
                {
                    "value": shorten(self.value),
                    "comparison": self.comparison.value,
                    "zh": f"比较符为 {self.comparison.value} 时，指标值必须是数字，"
                    f"而不是“{shorten(self.value)}”。",
                },
            )
        return self


class Indicator(_Model):
    """三级指标: the published wording, verbatim, plus structured targets."""

    model_config = ConfigDict(title="三级指标 / Indicator")

    id: Id = Field(title="指标编号 / Id")
    text: Text = Field(
        title="指标内容（原文）/ Published wording",
        description="原文照录，含编号与标点 / Verbatim, numbering and punctuation included.",
    )
    kind: IndicatorKind | None = Field(None, title="指标性质 / Kind (定量/定性)")
    targets: list[Target] = Field(default_factory=list, title="结构化指标值 / Targets")
    note: Text | None = Field(None, title="备注 / Note")


class Group(_Model):
    """二级指标 (数量, 质量, 时效/进度, 成本, 经济效益 …)."""

    model_config = ConfigDict(title="二级指标 / Level-2 group")

    name: Text = Field(
        title="二级指标名称（原文）/ Name as published", description="如 产出数量指标"
    )
    items: list[Indicator] = Field(default_factory=list, title="三级指标 / Indicators")


class Level1(_Model):
    """一级指标 (产出, 效益/效果, 满意度, 成本)."""

    model_config = ConfigDict(title="一级指标 / Level-1 group")

    id: Id = Field(title="一级指标编号 / Id")
    name: Text = Field(
        title="一级指标名称（原文）/ Name as published",
        description="如 产出指标一：强化党的领导、统筹辖区工作",
    )
    goal: Id | None = Field(None, title="对应目标 / Goal strand id")
    groups: list[Group] = Field(default_factory=list, title="二级指标 / Level-2 groups")


class Declaration(_Model):
    """绩效目标申报表: one unit's (or project's) performance-target declaration for a year."""

    model_config = ConfigDict(
        title="绩效目标申报表 / Performance-target declaration",
        json_schema_extra={"additionalProperties": False},
    )

    schema_version: Literal[1] = Field(title="格式版本 / Format version")
    year: int = Field(ge=1990, le=2100, title="年度 / Year")
    framework: Framework = Field(
        title="指标体系 / Framework",
        description="beijing_2019 北京2019年表式；national_classic 财预〔2015〕88号；"
        "central_2021 财预〔2021〕101号",
    )
    kind: Kind = Field(title="申报类型 / Kind", description="department 部门整体；project 项目")
    unit: Text | None = Field(None, title="部门（单位）名称 / Unit")
    head: Text | None = Field(None, title="部门（单位）负责人 / Head")
    phone: Text | None = Field(None, title="联系电话 / Phone", description="文本，勿写成数字")
    funds: Funds | None = Field(None, title="部门（单位）总体资金情况（万元）/ Funds")
    project: Project | None = Field(None, title="项目信息 / Project")
    functions: Text | None = Field(None, title="部门（单位）职能概述 / Functions")
    goals: Goals | None = Field(None, title="部门（单位）绩效目标 / Goals")
    indicators: list[Level1] = Field(default_factory=list, title="绩效指标 / Indicator table")
    remarks: Text | None = Field(None, title="其他说明的问题 / Remarks")


def json_schema() -> dict[str, Any]:
    """The JSON Schema editors use (yaml-language-server), with a stable ``$id``."""
    schema = Declaration.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://perfdecl.dev/schemas/declaration.schema.json",
        **schema,
    }


__all__ = [
    "SCHEMA_VERSION",
    "Comparison",
    "Declaration",
    "Direction",
    "Framework",
    "Funds",
    "Goals",
    "Group",
    "Indicator",
    "IndicatorKind",
    "Kind",
    "Level1",
    "Period",
    "Project",
    "Strand",
    "Target",
    "json_schema",
]
