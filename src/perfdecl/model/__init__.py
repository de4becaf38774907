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
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from perfdecl.model.names import Framework, FrameworkName
from perfdecl.problem import shorten

SCHEMA_VERSION = 1


def _as_text(value: Any) -> Any:
    """Numbers the loader recognised become the text the user wrote (a phone stays "83998540")."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | Decimal):
        return str(value)
    return value


from perfdecl.model.digits import _AMOUNT, _NUMBER, _WEIGHT, numeric_text_schema  # noqa: E402
from perfdecl.model.digits import MAX_DIGITS as MAX_DIGITS  # noqa: E402  (re-exported)
from perfdecl.model.ids import Id  # noqa: E402

Text = Annotated[str, Field(coerce_numbers_to_str=True)]
"""Text; a number the loader recognised becomes the text the user wrote, as :func:`_as_text`
does, but inside pydantic-core: ``str()`` of an ``int`` or ``Decimal``, never of a ``bool``
(measured: 360 Python calls a generated declaration). Unlike :func:`_as_text` it would also
take a ``float`` as text, which the loader never makes (its numbers are ``int`` and ``Decimal``)."""
Money = Annotated[
    Decimal,
    BeforeValidator(_AMOUNT.text),
    AfterValidator(_AMOUNT.number),
    Field(
        description="金额，单位万元，精确到分（0.01 万元）/ Amount in 万元 (10,000 yuan).",
        json_schema_extra=numeric_text_schema,
    ),
]
Amount = Annotated[
    Decimal,
    BeforeValidator(_AMOUNT.text),
    AfterValidator(_AMOUNT.number),
    Field(
        description="金额，按所在资金表的单位（unit，默认万元）/ Amount in its block's unit.",
        json_schema_extra=numeric_text_schema,
    ),
]
Points = Annotated[
    Decimal,
    Field(ge=0, json_schema_extra=numeric_text_schema),
    BeforeValidator(_NUMBER.text),
    AfterValidator(_NUMBER.number),
]
Number = Annotated[
    Decimal,
    BeforeValidator(_NUMBER.text),
    AfterValidator(_NUMBER.number),
    Field(json_schema_extra=numeric_text_schema),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


def _framework(value: Any) -> Framework | FrameworkName:
    """A shipped framework becomes its :class:`Framework`; a loaded data file's id stays text."""
    if isinstance(value, Framework):
        return value
    if isinstance(value, str) and value in Framework._value2member_map_:
        return Framework(value)
    from perfdecl.model.frameworks import known

    names = known()
    if isinstance(value, str) and value in names:
        return FrameworkName(value)
    listed = "、".join(names)
    shown = shorten(str(value))
    raise PydanticCustomError(
        "perfdecl",
        "framework '{given}' is not known; expected one of {expected} (a province's table is "
        "added with the configuration's frameworks key)",
        {
            "given": shown,
            "expected": ", ".join(names),
            "zh": f"指标体系“{shown}”未定义，应为 {listed} 之一"
            "（省级表式可用配置项 frameworks 添加）。",
        },
    )


FrameworkField = Annotated[
    Framework | FrameworkName,
    PlainValidator(_framework),
    PlainSerializer(lambda v: v.value, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": [f.value for f in Framework]},
                {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,63}$"},
            ]
        }
    ),
]


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
    "═": "=",
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


def comparison_of(text: str | None) -> Comparison | None:
    """A printed 指标性质 (≥, ≧, ═, >=, 定性 …) as a :class:`Comparison`; None if unknown."""
    if text is None:
        return None
    try:
        return Comparison(_comparison(text))
    except ValueError:
        return None


class Direction(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"


_WORD_ALIASES = {
    "正向": "positive",
    "正向指标": "positive",
    "反向": "negative",
    "反向指标": "negative",
    "定量": "quantitative",
    "定量指标": "quantitative",
    "定性": "qualitative",
    "定性指标": "qualitative",
    "计划标准": "plan",
    "行业标准": "industry",
    "历史标准": "history",
    "其他标准": "other",
    "其他": "other",
}


def _spellings(aliases: dict[str, str], enum: type[StrEnum]) -> dict[str, Any]:
    """Field arguments: the JSON Schema of an enum field also accepts the spellings the models
    read (``≥``, ``==``, ``正向``, spaces around), so an editor never flags what perfdecl accepts."""
    words = sorted(
        {
            *(a for a, v in aliases.items() if v in enum._value2member_map_),
            *enum._value2member_map_,
        },
        key=lambda w: (-len(w), w),
    )
    special = set("\\^$.|?*+()[]{}/")
    pattern = (
        r"^\s*(?:"
        + "|".join("".join(f"\\{c}" if c in special else c for c in w) for w in words)
        + r")\s*$"
    )

    def extra(schema: dict[str, Any]) -> None:
        ref = schema.pop("$ref", None)
        if ref is not None:
            schema["anyOf"] = [{"$ref": ref}, {"type": "string", "pattern": pattern}]

    return {"json_schema_extra": extra}


def _word(value: Any) -> Any:
    """Chinese spellings of enum values (正向, 定性, 行业标准 …) read as the English value."""
    if isinstance(value, str):
        return _WORD_ALIASES.get(value.strip(), value.strip())
    return value


class IndicatorKind(StrEnum):
    QUANTITATIVE = "quantitative"
    QUALITATIVE = "qualitative"


class Standard(StrEnum):
    """绩效标准: what a value was set from (财预〔2021〕101号)."""

    PLAN = "plan"
    INDUSTRY = "industry"
    HISTORY = "history"
    OTHER = "other"


class MoneyUnit(StrEnum):
    """金额单位 as printed: 万元 (the default) or 元."""

    WAN = "万元"
    YUAN = "元"


TO_WAN: dict[MoneyUnit, Decimal] = {MoneyUnit.WAN: Decimal(1), MoneyUnit.YUAN: Decimal("0.0001")}
"""Exact factor from a printed unit to 万元 (Decimal: never through floating point)."""


def to_wan(amount: Decimal, unit: MoneyUnit | None) -> Decimal:
    """An amount as printed in ``unit`` (万元 when None), in 万元, exactly."""
    return amount * TO_WAN[unit or MoneyUnit.WAN]


DirectionField = Annotated[
    Direction, BeforeValidator(_word), Field(**_spellings(_WORD_ALIASES, Direction))
]


class Source(_Model):
    """One labelled figure of a money block: a source (财政拨款, 上级资金 …) or a part of one."""

    model_config = ConfigDict(title="资金来源 / Source of money")

    label: Text = Field(
        title="名称（原文）/ Label as printed",
        description="如 其中:财政拨款、(一)财政拨款小计、上级资金",
    )
    amount: Amount | None = Field(
        None, title="金额 / Amount", description="空栏不填 / blank cell: omit"
    )
    kind: Literal["fiscal", "superior", "own", "other", "carryover", "basic", "project"] | None = (
        Field(
            None,
            title="来源类别 / Kind",
            description="fiscal 财政拨款；superior 上级资金；own 自有/单位资金；other 其他资金；"
            "carryover 上年结转；basic 基本支出；project 项目支出",
        )
    )
    share: Number | None = Field(None, title="占比（%）/ Share", description="如 88.3 表示 88.3%")
    years: dict[int, Amount] = Field(
        default_factory=dict,
        title="近年金额 / Amounts of earlier years",
        description="年度 -> 金额",
    )
    parts: list[Source] = Field(
        default_factory=list,
        title="其中各项 / Parts",
        description="如 1、一般公共预算 2、政府性基金；各项之和应等于本项金额",
    )


class Budget(_Model):
    """A money block as printed: a total, its unit and its sources (资金情况/项目资金)."""

    model_config = ConfigDict(title="资金表 / Money block")

    label: Text | None = Field(
        None,
        title="名称（原文）/ Label as printed",
        description="如 年度资金总额、中期资金总额、项目总预算",
    )
    unit: Annotated[MoneyUnit, BeforeValidator(_as_text)] = Field(
        MoneyUnit.WAN, title="金额单位 / Unit", description="万元（默认）或 元"
    )
    total: Amount | None = Field(None, title="资金总额 / Total")
    text: Text | None = Field(
        None,
        title="金额一栏（原文）/ Amount cell as printed",
        description="如 854万(高标准农田建设400万元,示范建设295万元,畅通工程159万元)",
    )
    sources: list[Source] = Field(
        default_factory=list,
        title="资金来源 / Sources",
        description="各来源之和应等于总额（partial 为 true 时只列出其中部分）",
    )
    partial: bool = Field(
        False,
        title="仅列其中部分 / Sources listed in part",
        description="表上只印“其中：…”的一部分来源时为 true：各来源之和不超过总额即可",
    )
    execution_rate: Text | None = Field(None, title="预算执行率 / Execution rate (as printed)")
    points: Points | None = Field(None, title="分值 / Points", description="如 预算执行 10分")
    subject_code: Text | None = Field(
        None, title="财政资金科目代码 / Budget subject code", description="如 21305"
    )
    category: Text | None = Field(
        None, title="财政资金预算分类 / Budget category", description="如 一般公共预算"
    )

    def in_wan(self, amount: Decimal) -> Decimal:
        """An amount of this block in 万元, exactly."""
        return to_wan(amount, self.unit)


class Funds(_Model):
    """部门（单位）总体资金情况（万元）."""

    model_config = ConfigDict(title="资金情况（万元）/ Funds")

    total: Money | None = Field(None, title="资金总额 / Total")
    basic: Money | None = Field(None, title="基本支出 / Basic expenditure")
    project: Money | None = Field(None, title="项目支出 / Project expenditure")
    other: Money | None = Field(None, title="其他 / Other")
    income: list[Source] = Field(
        default_factory=list,
        title="收入构成 / Income by source",
        description="财政拨款、其他资金…（万元），各项之和应等于资金总额",
    )
    expenditure: list[Source] = Field(
        default_factory=list,
        title="支出构成 / Expenditure by kind",
        description="基本支出、项目支出…（万元），含占比与近年金额，各项之和应等于资金总额",
    )


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A month (``2020-01``) or a year (``2022``) where a form prints no day."""

    year: int
    month: int | None = None

    def isoformat(self) -> str:
        return f"{self.year:04d}" if self.month is None else f"{self.year:04d}-{self.month:02d}"

    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, 1)

    def last_day(self) -> datetime.date:
        if self.month is None or self.month == 12:
            return datetime.date(self.year, 12, 31)
        return datetime.date(self.year, self.month + 1, 1) - datetime.timedelta(days=1)

    def __str__(self) -> str:
        return self.isoformat()


_PARTIAL = re.compile(r"\s*([0-9]{4})(?:-([0-9]{1,2}))?\s*")


def _period_point(value: Any) -> datetime.date | PartialDate:
    """YYYY-MM-DD as a date; YYYY-MM or YYYY as a :class:`PartialDate`."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date | PartialDate):
        return value
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2199:
        return PartialDate(value)
    if isinstance(value, str):
        m = _PARTIAL.fullmatch(value)
        if m is not None and (m[2] is None or 1 <= int(m[2]) <= 12):
            return PartialDate(int(m[1]), int(m[2]) if m[2] else None)
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError(
        "date_parsing", "expected a date YYYY-MM-DD, a month YYYY-MM or a year YYYY"
    )


PeriodPoint = Annotated[
    datetime.date | PartialDate,
    PlainValidator(_period_point),
    PlainSerializer(lambda v: v.isoformat(), return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{1,2})?$"},
                {"type": "integer", "minimum": 1900, "maximum": 2199},
            ]
        }
    ),
]


class Period(_Model):
    start: PeriodPoint = Field(
        title="开始 / Start", description="YYYY-MM-DD，或只到月 YYYY-MM、只到年 YYYY"
    )
    end: PeriodPoint = Field(
        title="结束 / End", description="YYYY-MM-DD，或只到月 YYYY-MM、只到年 YYYY"
    )
    text: Text | None = Field(
        None,
        title="实施期（原文）/ Period as printed",
        description="如 202001-202012、2023年4月-2024年2月、1年",
    )

    def first_day(self) -> datetime.date:
        """The first day the period covers (the 1st of a month, 1 January of a year)."""
        return self.start if isinstance(self.start, datetime.date) else self.start.first_day()

    def last_day(self) -> datetime.date:
        """The last day the period covers (the end of a month, 31 December of a year)."""
        return self.end if isinstance(self.end, datetime.date) else self.end.last_day()


class Party(_Model):
    """A body named on the form (主管部门, 实施单位 …): its name, code and printed label."""

    model_config = ConfigDict(title="单位 / Party")

    name: Text | None = Field(None, title="名称 / Name")
    code: Text | None = Field(
        None, title="代码/编码 / Code", description="如 [017]金寨县司法局 中的 017"
    )
    label: Text | None = Field(
        None,
        title="栏目名称（原文）/ Label as printed",
        description="如 主管部门及代码、业务主管部门、项目执行单位",
    )


class Project(_Model):
    """项目支出绩效目标申报表: a project form carries these instead of unit-wide funds."""

    model_config = ConfigDict(title="项目信息 / Project")

    name: Text | None = Field(None, title="项目名称 / Project name")
    code: Text | None = Field(
        None, title="项目编码 / Project code", description="如 51000021R000000019951"
    )
    amount: Money | None = Field(None, title="项目资金（万元）/ Amount")
    period: Period | None = Field(None, title="实施期限 / Period")
    lead: Text | None = Field(None, title="项目负责人 / Project lead")
    lead_phone: Text | None = Field(None, title="项目负责人电话 / Lead's phone")
    attribute: Text | None = Field(
        None,
        title="项目属性 / Attribute",
        description="原文照录，如 一次性项目、持续性项目■ 新增性项目口",
    )
    category: Text | None = Field(
        None, title="项目类别/分类 / Category", description="如 资产资源类--房屋类、基础设施建设类"
    )
    nature: Text | None = Field(
        None, title="项目性质/类型 / Nature", description="如 一次性拨付、上级专项"
    )
    basis: Text | None = Field(
        None, title="立项依据/项目审批 / Basis", description="原文照录，如 批准文件名称与文号"
    )
    overview: Text | None = Field(None, title="项目概况 / Overview")
    content: Text | None = Field(None, title="项目内容 / Content", description="如 建设内容")
    budget: Budget | None = Field(
        None,
        title="年度资金 / Annual money",
        description="年度资金总额（当年资金总额）及其来源",
    )
    budget_period: Budget | None = Field(
        None,
        title="中期资金 / Money over the whole period",
        description="中期资金总额（资金总额、项目总预算）及其来源",
    )


class Authority(_Model):
    """One rung of a transfer payment's ladder: the finance department and the supervisor."""

    level: Text = Field(title="层级 / Level", description="中央、省级、市级、县级")
    finance: Text | None = Field(None, title="财政部门 / Finance department")
    supervisor: Text | None = Field(None, title="主管部门 / Supervising department")


class Share(_Model):
    """The share of the money one level of government gives (中央资金, 地方资金 市/县 …)."""

    level: Text = Field(title="层级（原文）/ Level as printed", description="如 中央资金、市、县")
    amount: Amount | None = Field(None, title="金额 / Amount")


class Transfer(_Model):
    """转移支付区域绩效目标: the programme, the ladder of authorities, the shares, the region."""

    model_config = ConfigDict(title="转移支付 / Transfer payment")

    name: Text | None = Field(None, title="专项名称 / Programme")
    authorities: list[Authority] = Field(
        default_factory=list, title="各级财政部门与主管部门 / Authorities"
    )
    unit: Annotated[MoneyUnit, BeforeValidator(_as_text)] = Field(
        MoneyUnit.WAN, title="金额单位 / Unit"
    )
    total: Amount | None = Field(None, title="年度金额/资金额度 / Amount of the year")
    shares: list[Share] = Field(
        default_factory=list,
        title="各级资金 / Shares",
        description="中央资金、地方资金（省、市、县）、其他资金；之和应等于年度金额",
    )
    region: Text | None = Field(None, title="区域 / Region the targets cover")
    allocations: list[Allocation] = Field(
        default_factory=list, title="资金安排表 / Allocation by unit"
    )


class Allocation(_Model):
    """One row of an allocation table (资金安排表): a unit and its money."""

    unit: Text = Field(title="单位 / Unit")
    budget: Budget = Field(title="资金 / Money")


class Review(_Model):
    """审核意见: a reviewing office's opinion (usually blank, stamped on paper)."""

    by: Text = Field(
        title="审核单位（原文）/ Reviewer", description="如 财政部门绩效评价股审核意见"
    )
    text: Text | None = Field(None, title="意见 / Opinion")
    date: datetime.date | None = Field(None, title="日期 / Date")


class Strand(_Model):
    id: Id = Field(title="目标编号 / Strand id")
    text: Text = Field(title="目标内容 / Text", description="原文照录 / Verbatim published text.")


class Goals(_Model):
    model_config = ConfigDict(title="绩效目标 / Goals")

    lead: Text | None = Field(None, title="总体目标 / Lead paragraph")
    strands: list[Strand] = Field(default_factory=list, title="分项目标 / Numbered strands")
    period: GoalText | None = Field(
        None, title="中期目标 / Multi-year goal", description="中期（中长期）目标，原文照录"
    )
    annual: GoalText | None = Field(
        None, title="年度目标 / Annual goal", description="年度（总体）目标，原文照录"
    )
    outcome: Text | None = Field(
        None, title="年度总体目标完成情况 / Outcome", description="申报时通常为空"
    )


class GoalText(_Model):
    """A goal cell as printed, with its column label (中期目标(2024年—2024年), 年度目标)."""

    label: Text | None = Field(None, title="栏目名称（原文）/ Label as printed")
    text: Text | None = Field(None, title="目标内容（原文）/ Text")


Weight = Annotated[
    Decimal,
    Field(ge=0, le=100, json_schema_extra=numeric_text_schema),
    BeforeValidator(_WEIGHT.text),
    AfterValidator(_WEIGHT.number),
]


class Target(_Model):
    """A structured target: what a budget system stores for a 三级 indicator."""

    model_config = ConfigDict(title="结构化指标值 / Structured target")

    name: Text | None = Field(None, title="指标名称 / Name")
    comparison: Annotated[Comparison, BeforeValidator(_comparison)] = Field(
        **_spellings(_COMPARISON_ALIASES, Comparison),
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
    weight: Weight | None = Field(None, title="权重 / Weight")
    direction: DirectionField | None = Field(None, title="指标方向 / Direction (正向/反向)")

    @field_validator("value", mode="after")
    @classmethod
    def _value_digits(cls, value: Decimal | str | None) -> Decimal | str | None:
        """A number too long for :data:`Number` falls back to text: refuse it as a number. (A
        ``Decimal`` came through :data:`Number`, whose own validator checked its digits.)"""
        if isinstance(value, str):
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
    kind: (
        Annotated[
            IndicatorKind, BeforeValidator(_word), Field(**_spellings(_WORD_ALIASES, IndicatorKind))
        ]
        | None
    ) = Field(None, title="定量/定性 / Kind (quantitative/qualitative)")
    value_text: Text | None = Field(
        None,
        title="指标值（原文）/ Value cell as printed",
        description="指标值一栏原文照录，如 ≥100公里、1600元/亩、巩固提高",
    )
    unit: Text | None = Field(None, title="计量单位/度量单位 / Unit", description="如 人、%、万元")
    nature: Text | None = Field(
        None,
        title="指标性质（原文）/ Comparison as printed",
        description="指标性质一栏的符号原文照录：≥ ≤ = > < 或 定性（也见 ≧ ═）",
    )
    direction: DirectionField | None = Field(
        None, title="指标方向 / Direction", description="positive 正向；negative 反向"
    )
    weight: Weight | None = Field(
        None,
        title="权重 / Weight",
        description="本表各三级指标权重之和应等于指标体系的合计（通常 100）",
    )
    points: Points | None = Field(None, title="分值 / Points")
    explanation: Text | None = Field(None, title="指标解释 / Explanation")
    scoring: Text | None = Field(
        None,
        title="评（扣）分标准 / Scoring rule",
        description="如 得分计算方法、指标说明及评分标准",
    )
    standard: (
        Annotated[Standard, BeforeValidator(_word), Field(**_spellings(_WORD_ALIASES, Standard))]
        | None
    ) = Field(
        None,
        title="绩效标准 / Standard",
        description="plan 计划标准；industry 行业标准；history 历史标准；other 其他标准",
    )
    basis: Text | None = Field(
        None, title="指标标准或依据 / Basis of the value", description="原文照录"
    )
    previous: Text | None = Field(
        None,
        title="上年实际值 / Last year's actual value",
        description="如 2021年实际实现值，原文照录",
    )
    core: bool | None = Field(None, title="是否核心指标 / Core indicator")
    core_mark: Text | None = Field(
        None, title="核心指标标记（原文）/ Core mark as printed", description="如 ★、★★★"
    )
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
    points: Points | None = Field(
        None, title="分值 / Points", description="本一级指标的分值，如 产出指标(40分)"
    )
    points_range: PointsRange | None = Field(
        None, title="分值区间 / Range of points", description="如 成本指标(0-20)分"
    )
    groups: list[Group] = Field(default_factory=list, title="二级指标 / Level-2 groups")
    items: list[Indicator] = Field(
        default_factory=list,
        title="三级指标（无二级）/ Indicators with no 二级",
        description="表上没有二级指标一栏时，三级指标直接列在一级下",
    )


class PointsRange(_Model):
    """分值区间 printed beside a 一级, such as 成本指标(0-20)分."""

    min: Points = Field(title="下限 / Minimum")
    max: Points = Field(title="上限 / Maximum")


class Declaration(_Model):
    """绩效目标申报表: one unit's (or project's) performance-target declaration for a year."""

    model_config = ConfigDict(
        title="绩效目标申报表 / Performance-target declaration",
        json_schema_extra={"additionalProperties": False},
    )

    schema_version: Literal[1] = Field(title="格式版本 / Format version")
    year: int = Field(ge=1990, le=2100, title="年度 / Year")
    framework: FrameworkField = Field(
        title="指标体系 / Framework",
        description="beijing_2019 北京2019年表式；national_classic 财预〔2015〕88号；"
        "central_2021 财预〔2021〕101号；或配置项 frameworks 添加的省级表式的 id",
    )
    kind: Kind = Field(title="申报类型 / Kind", description="department 部门整体；project 项目")
    title: Text | None = Field(
        None,
        title="表名（原文）/ Form title as printed",
        description="如 项目支出绩效目标批复表、绩效目标申报表(基础设施建设类)",
    )
    unit: Text | None = Field(
        None,
        title="部门（单位）名称/预算单位 / Unit",
        description="部门整体表的单位；项目表的预算单位",
    )
    unit_code: Text | None = Field(None, title="单位编码/预算编码 / Unit code")
    head: Text | None = Field(None, title="部门（单位）负责人 / Head")
    phone: Text | None = Field(None, title="联系电话 / Phone", description="文本，勿写成数字")
    supervisor: Party | None = Field(
        None, title="主管部门（及代码）/ Supervising department", description="如 [017]金寨县司法局"
    )
    implementer: Party | None = Field(
        None,
        title="实施单位 / Implementing unit",
        description="实施单位、项目执行单位、资金使用单位",
    )
    filler: Text | None = Field(
        None, title="填报人 / Filled in by", description="填表的人，不是负责人"
    )
    filing_date: datetime.date | None = Field(None, title="填报日期 / Date filed")
    funds: Funds | None = Field(None, title="部门（单位）总体资金情况（万元）/ Funds")
    project: Project | None = Field(None, title="项目信息 / Project")
    transfer: Transfer | None = Field(None, title="转移支付 / Transfer payment")
    functions: Text | None = Field(None, title="部门（单位）职能概述 / Functions")
    goals: Goals | None = Field(None, title="绩效目标 / Goals")
    indicators_points: Points | None = Field(
        None,
        title="绩效指标分值 / Points of the indicator table",
        description="如 年度绩效目标(90分)",
    )
    indicators: list[Level1] = Field(
        default_factory=list, title="绩效指标（年度）/ Indicator table (annual)"
    )
    indicators_period: list[Level1] = Field(
        default_factory=list,
        title="中期绩效指标 / Indicator table of the whole period",
        description="表上另列中期（长期）指标时；结构同 indicators",
    )
    remarks: Text | None = Field(None, title="其他说明的问题 / Remarks")
    reviews: list[Review] = Field(
        default_factory=list,
        title="审核意见 / Reviews",
        description="如 财政部门绩效评价股审核意见",
    )


def json_schema() -> dict[str, Any]:
    """The JSON Schema editors use (yaml-language-server). It has no ``$id``: perfdecl's schema
    is not published at a URL; it ships in the package (``perfdecl schema -o PATH`` writes it)
    and modelines point at the repository's copy."""
    schema = Declaration.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


__all__ = [
    "SCHEMA_VERSION",
    "TO_WAN",
    "Allocation",
    "Authority",
    "Budget",
    "Comparison",
    "Declaration",
    "Direction",
    "Framework",
    "FrameworkName",
    "Funds",
    "GoalText",
    "Goals",
    "Group",
    "Indicator",
    "IndicatorKind",
    "Kind",
    "Level1",
    "MoneyUnit",
    "PartialDate",
    "Party",
    "Period",
    "PointsRange",
    "Project",
    "Review",
    "Share",
    "Source",
    "Standard",
    "Strand",
    "Target",
    "Transfer",
    "comparison_of",
    "json_schema",
    "to_wan",
]
