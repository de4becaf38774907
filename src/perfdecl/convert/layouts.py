"""Layouts as data: the labels, column headers and families the recogniser knows.

Everything here is compared after :func:`perfdecl.convert.grid.norm` (NFKC, traditional ->
simplified, no spaces, one punctuation form), so ``部门（单位）名称``, ``部門(單位)名稱`` and
``部门 (单位) 名称`` are one label. To support a new province's form, add its spellings to these
tables (docs/import.md, "Adding a layout"): no code changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FIELD_LABELS: dict[str, tuple[str, ...]] = {
    # header of the form -> field path in the declaration
    "unit": ("部门(单位)名称", "单位名称", "部门名称", "预算单位", "单位", "部门", "预算单位名称"),
    "unit_code": ("预算编码", "单位编码", "预算单位编码"),
    "supervisor": (
        "主管部门及代码",
        "主管部门及编码",
        "项目主管部门",
        "业务主管部门",
        "主管部门",
        "地方主管部门",
    ),
    "central": ("中央主管部门",),
    "implementer": (
        "实施单位(盖章)",
        "项目实施单位",
        "项目执行单位",
        "资金使用单位",
        "实施单位",
        "执行单位",
    ),
    "project.name": ("转移支付(项目)名称", "项目名称", "专项名称"),
    "project.lead": ("项目负责人及电话", "项目负责人", "项目责任人"),
    "phone": ("联系电话", "联络电话"),
    "head": ("部门(单位)负责人", "单位负责人"),
    "filler": ("填报人",),
    "filing_date": ("填报日期",),
    "project.attribute": ("项目属性",),
    "project.category": ("项目类别", "项目分类", "项目类型"),
    "project.period": ("项目起止时间", "项目期", "建设周期", "起止时间", "实施周期", "实施期"),
    "project.basis": ("立项依据", "项目审批"),
    "project.overview": ("项目总体概况", "项目概况", "项目概述"),
    "goals.period": ("中期目标", "中长期目标", "长期目标"),
    "goals.annual": (
        "年度主要目标和成果",
        "年度绩效目标(文字)",
        "年度总体目标",
        "年度绩效目标",
        "年度目标",
        "项目年度目标",
        "预期目标",
        "总体绩效目标",
    ),
    "goals.outcome": (
        "年度总体目标完成情况",
        "年度目标完成情况",
        "全年实际完成情况",
        "实际完成情况",
        "总体目标完成情况",
        "年度部门(单位)总体运行情况及取得的成绩",
        "总体运行情况及取得的成绩",
    ),
    "functions": ("部门(单位)职能概述", "部门职能概述", "职能概述", "职能职责概述"),
    # a department-wide evaluation report's cover and 基本概况 (written to a self-evaluation only)
    "eval.method": ("评价方式",),
    "eval.evaluator": ("评价机构",),
    "eval.report_date": ("报告日期",),
    "eval.contact": ("联系人",),
    "eval.staff": ("人员编制", "编制人数"),
    "eval.staff_actual": ("实有人数",),
}
"""Field -> labels as printed (longest first where one contains another)."""

MONEY_TOTALS: tuple[str, ...] = (
    "中期资金总额",
    "年度资金总额",
    "当年资金总额",
    "年度财政资金总额",
    "资金总额",
    "项目总预算",
    "当年年度预算",
    "项目金额",
    "年度金额",
    "资金额度",
    "金额合计",
    "总额",
)
"""Labels of a money block's total."""

MONEY_SOURCES: tuple[str, ...] = (
    "其中:当年财政拨款",
    "其中:财政拨款",
    "其中:财政资金",
    "其中:其它资金",
    "其中:上级资金",
    "其中:中央资金",
    "其中:中央补助",
    "其中:当年市级财政资金",
    "当年财政拨款",
    "(一)财政拨款小计",
    "(二)自有资金小计",
    "(三)其他收入",
    "1、一般公共预算",
    "2、政府性基金",
    "3、国有资本经营预算",
    "1、事业收入",
    "2、经营性收入",
    "财政拨款",
    "财政专户管理资金",
    "单位资金",
    "财政资金",
    "上级资金",
    "上年结转资金",
    "上年结转",
    "当年其他资金",
    "其他资金",
    "其它资金",
    "地方资金",
    "中央资金",
    "中央补助",
    "基本支出",
    "项目支出",
)
"""Labels of the parts of a money block (kept verbatim as ``sources[].label``)."""

EXECUTION_COLUMNS: dict[str, tuple[str, ...]] = {
    # a self-evaluation's 预算执行情况 column header -> role (model: selfeval Execution)
    "initial": ("年初预算数", "年初预算"),
    "budget": ("全年预算数", "全年预算数(A)", "调整后预算数", "预算数(A)", "全年(调整)预算数"),
    "spent": ("全年执行数", "全年执行数(B)", "预算执行数", "执行数(B)", "实际执行数"),
    "rate": (
        "执行率",
        "预算执行率",
        "预算执行率(B/A)",
        "执行率(B/A)",
        "执行率(%)",
        "执行率(全年执行数/全年预算数)",
    ),
    "points": ("分值", "权重", "执行率权重"),
    "score": ("得分", "执行率得分", "执行率得分(分)"),
}
"""预算执行情况 columns. A money label's figures are placed by shape in this order: amounts under
the budget columns (two figures are 全年预算数 | 全年执行数), the percentage under 执行率, small
numbers under 分值/得分 as the header orders them."""

FUNDS_ROWS: dict[str, tuple[str, ...]] = {
    # a department form's 部门总体资金情况: row labels of 收入构成 and 支出构成
    "income": ("财政拨款", "其他资金", "其它资金", "上级补助收入", "事业收入"),
    "expenditure": ("基本支出", "项目支出"),
    "total": ("合计", "总计"),
}
FUNDS_MARKS: tuple[str, ...] = ("收入构成", "支出构成", "近两年收支金额", "部门总体资金情况")
"""A department's 收入构成/支出构成 table (layout D3): each row prints 当年金额 | 占比 | the amounts of
earlier years (近两年收支金额: 2021年 | 2022年). A 合计 row closes the income or the expenditure."""

MONEY_BLOCKS: tuple[str, ...] = (
    "项目资金",
    "资金情况",
    "总体资金情况",
    "部门总体资金情况",
    "预算执行情况",
    "年度预算数",
)
"""Labels that open a money block; a unit in them (``(万元)``, ``(元)``) applies to the block."""

COLUMNS: dict[str, tuple[str, ...]] = {
    # indicator table column header -> role
    "l1": ("一级指标", "一级目标", "一级", "评价指标"),
    "l2": ("二级指标", "二级", "评价内容"),
    "l3": ("三级指标", "具体指标", "指标内容", "指标名称", "三级"),
    "value": (
        "年度指标值",
        "指标值(包含数字及文字描述)",
        "指标值",
        "目标值",
        "年初指标值",
        "预期指标值",
    ),
    "nature": ("指标性质",),
    "unit": ("度量单位", "计量单位"),
    "weight": ("指标权重(分)", "指标权重", "权重"),
    "points": ("指标分值", "分值"),
    "explanation": ("指标解释", "指标说明"),
    "basis": ("指标标准或依据", "绩效标准", "评(扣)分标准", "评分标准"),
    "note": ("备注",),
    "core": ("是否核心指标",),
    # a self-evaluation's outcome columns
    "actual": (
        "全年实际完成值",
        "实际完成值",
        "全年实际值",
        "全年完成值",
        "完成值",
    ),
    "adjusted": ("调整指标值", "调整后指标值"),
    "coefficient": ("得分系数(%)", "得分系数"),
    "score": ("指标得分(分)", "指标得分", "自评得分", "得分"),
    "scoring": ("得分计算方法",),
    "deviation": (
        "偏差原因分析及改进措施",
        "未完成原因和改进措施",
        "未完成原因分析",
        "未达到指标值原因",
        "偏差原因",
    ),
}
"""Column role -> headers as printed. The roles of ``OUTCOME_ROLES`` belong to self-evaluations."""

UNSPLIT_COLUMNS: tuple[str, ...] = ("评价指标", "评价内容")
"""Column headers that are also words of a title (``…绩效评价指标表``): recognised as a cell or in
a glued header, never cut out of a longer text."""

OUTCOME_ROLES: tuple[str, ...] = (
    "actual",
    "adjusted",
    "coefficient",
    "score",
    "scoring",
    "deviation",
)
"""Columns a self-evaluation adds to the declared table (written only to a ``kind: selfeval``)."""

RUBRIC_COLUMNS: dict[str, tuple[str, ...]] = {
    # a department-wide self-evaluation rubric (部门整体支出绩效评价自评表/评分表): its columns,
    # read before COLUMNS (评分标准 is a rubric's scoring rule, a declaration's basis)
    "seq": ("序号", "编号"),
    "criteria": ("评价要点", "考核要点", "考核内容"),
    "scoring": (
        "指标说明及评分标准",
        "评分标准及说明",
        "评分标准",
        "评(扣)分标准",
        "评分细则",
        "评分办法",
        "计分方法",
        "评价标准",
        "考核标准",
    ),
    "score": ("自评得分", "评价得分", "实际得分", "得分"),
    "deviation": ("扣分原因", "扣分理由", "扣分说明", "失分原因", "评分说明", "得分说明"),
}
"""Rubric column role -> headers as printed. A table is a rubric when its header has a 三级 (or
二级) column, a score column and a scoring-rule or 评价要点 column, and no 指标值 column: its
rows carry 分值, 得分 and the rule, not targets (:mod:`perfdecl.convert.rubric`)."""

COLUMN_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^预期(?:19|20)\d\d年实现值$"), "value"),
    (re.compile(r"^(?:19|20)\d\d年实际实现值$"), "previous"),
    (re.compile(r"^(?:二级|三级)指标\((?:长期|中期)\)$"), "period"),
    (re.compile(r"^指标值\((?:长期|中期)\)$"), "period"),
    (re.compile(r"^(二级|三级)指标\(年度\)$"), "level-annual"),
    (re.compile(r"^指标值\(年度\)$"), "value"),
    (re.compile(r"^指标值\([A-Z]\)$"), "value"),
    (re.compile(r"^全年实际值\([A-Z]\)$"), "actual"),
)
"""Headers with a year or a tag in them."""

GLUED_TAIL: dict[str, re.Pattern[str]] = {
    # the shape of a cell at the end of what is left of a glued row, read right to left
    "coefficient": re.compile(r"(?:100|[0-9]{1,2})(?:\.[0-9]+)?%$"),
    "value": re.compile(
        r"(?:[≥≤<>=≧≦]=?)?[0-9]+(?:\.[0-9]+)?(?:%|‰|[\u4e00-\u9fff]{1,2}(?:/[\u4e00-\u9fff]{1,2})?)?$"
    ),
    "nature": re.compile(r"(?:定量指标|定性指标|定量|定性)$"),
}
"""Cells of an integrated-system row glued by a text extraction (:mod:`perfdecl.convert.glued`)."""

GLUED_SCRAMBLED: tuple[str, ...] = ("定性指标", "定量指标")
"""指标性质 cells an OCR may print with their characters out of order (性标定指): recognised by
their characters, reported, not imported."""

NAME_END_CHARS: str = "数量率度额值比性"
"""Characters an indicator name commonly ends with (受益人数, 完成率): a glued row's name ending
in the values' unit and one of these is a name (受益人 + 数), not a name, a unit cell and a
damaged value cell (某某次数次 + 到0次)."""

GLUED_UNITS: tuple[str, ...] = (
    "%",
    "‰",
    "个百分点",
    "百分点",
    "万元",
    "亿元",
    "元",
    "人次",
    "户次",
    "人",
    "个",
    "名",
    "户",
    "家",
    "所",
    "项",
    "件",
    "次",
    "场",
    "套",
    "台",
    "辆",
    "册",
    "份",
    "篇",
    "期",
    "批",
    "座",
    "处",
    "株",
    "头",
    "亩",
    "公顷",
    "平方米",
    "立方米",
    "公里",
    "千米",
    "米",
    "吨",
    "公斤",
    "天",
    "个月",
    "小时",
    "个工作日",
    "工作日",
    "分",
)
"""Units a figure of a glued row may carry (``2100人10`` is 2100人 | 10). Calendar words (年, 月, 日)
are left out: ``2022年12月底前`` is a name's text, not two figures."""

GLUED_EXPLANATION_OPENERS: tuple[str, ...] = (
    "达到",
    "不低于",
    "不少于",
    "不高于",
    "不超过",
    "控制在",
    "反映",
    "考察",
    "衡量",
)
"""Words that open a 指标说明/指标解释 cell glued after the 三级 name (``享受资助人数达到预计值``:
享受资助人数 | 达到预计值), when the header prints that column between the name and the figures."""

SIGNATURE_MARKS: tuple[str, ...] = ("(签字)", "(签名)")
"""Marks printed after a label for a handwritten signature (项目责任人(签字):): part of the label,
never its value (normalised: half-width brackets). A seal box (实施单位(盖章)) is left out: forms
type the unit's name in it."""

BLANK_FIELDS: tuple[str, ...] = ("unit", "supervisor", "implementer", "project.lead")
"""Header boxes whose printing blank is recorded (``supervisor: {label: 主管部门}``, ``lead: ""``)
so that validate can say nobody answers for the project (PD268); only labels of four characters
or more (主管部门, 预算单位; not 单位, which also heads a column of units)."""

GLUED_VALUE_FIELDS: tuple[str, ...] = (
    "unit",
    "supervisor",
    "implementer",
    "head",
    "filler",
    "project.lead",
    "eval.contact",
)
"""Header fields whose value is a name (of a body or a person): checked for label runs glued to
it (``财政处室自评总分(分)97.6部门联系人某某`` after 主管部门 is labels and values, not a name)."""

LABEL_RUN_MARKS: tuple[str, ...] = (
    r"[(（](?:分|万元|元|%|％|人|个|次|年)[)）]\s*[-+]?[0-9]",
    r"(?<=[\u4e00-\u9fff])联系人(?=[\u4e00-\u9fff])",
    r"(?<=[\u4e00-\u9fff])(?:联系电话|电话|手机)(?=[0-9])",
)
"""What shows a label inside a name field's value: a label's unit in brackets with a figure after
it (``自评总分(分)97.6``), or a person's or a phone's label inside the text with its value after it
(``…部门联系人某某``, ``…电话0710…``; 电话局 and 负责人培训中心 are names). A name never holds
them."""

MEASURED_ENDINGS: tuple[str, ...] = (
    "数",
    "率",
    "度",
    "量",
    "额",
    "次",
    "值",
    "比",
    "时间",
    "时限",
    "期限",
    "成本",
    "面积",
    "长度",
    "收入",
    "水平",
    "情况",
    "标准",
    "规模",
    "周期",
)
"""How a 三级 name that says what is measured ends (人数, 达标率, 满意度, 收入 …). In a column printed
as a list, a long name that does not end so, followed by a short one that does, is one name
wrapped over two lines (``…基地项目补助`` / ``基地个数``)."""

NAME_ENDINGS: dict[str, tuple[str, ...]] = {"项目名称": ("项目",)}
"""The natural ending of a label's value (normalised label -> endings): when the label glued
after the value may also be read with that ending (项目主管部门 or 主管部门 in
``某改造项目主管部门``), the value keeps its ending and the label is the shorter known one."""

SECTION_LABELS: tuple[str, ...] = ("绩效指标", "年度绩效指标", "中期绩效指标", "年度绩效目标")
"""The label of the indicator table's section (a merged cell left of its header; a score such as
(90分) may follow): not a value of the field before it."""

TABLE_END: tuple[str, ...] = (
    "合计",
    "总分",
    "评价结论",
    "存在问题",
    "改进措施",
    "其他需要说明事项",
    "其他说明的问题",
    "说明",
    "注:",
    "审核意见",
    "财政部门",
    "财政资金管理科室",
    "项目负责人:",
    "附件",
)
"""A cell starting with one of these ends the indicator table."""

LEVEL1_NAMES: tuple[str, ...] = (
    "产出指标",
    "效益指标",
    "效果指标",
    "满意度指标",
    "成本指标",
    "项目完成指标",
    "项目效益指标",
    "产出",
    "效益",
    "效果",
    "满意度",
    "成本",
)
"""一级 names (a score suffix such as (40分) or (0-20)分 may follow)."""

LEVEL2_NAMES: tuple[str, ...] = (
    "数量指标",
    "质量指标",
    "时效指标",
    "进度指标",
    "成本指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "环境效益指标",
    "可持续影响指标",
    "社会公众或服务对象满意度指标",
    "服务对象满意度指标",
    "满意度指标",
    "产出数量指标",
    "产出质量指标",
    "产出进度指标",
    "产出时效指标",
    "产出成本指标",
    "制度指标",
    "经济效益",
    "社会效益",
    "生态效益",
    "可持续影响",
    "服务对象满意度",
)
"""二级 names (a tag such as (必填硬性指标) or a trailing 等 may follow)."""

QUALITATIVE_VALUES: tuple[str, ...] = (
    "稳步提高",
    "巩固提高",
    "持续改善",
    "持续发展",
    "明显提高",
    "有所提高",
    "逐步提高",
    "显著提高",
    "提高",
    "改善",
    "有效",
    "长期",
    "达标",
    "合格",
    "良好",
    "优良",
    "优秀",
    "高",
    "好",
    "是",
    "否",
)
"""Values that are words (compared after norm), recognised at the end of a glued cell."""


@dataclass(frozen=True, slots=True)
class Family:
    """A layout family: the labels that show it (for the score ``--explain`` prints)."""

    key: str
    name: str
    kind: str  # project, department, transfer, selfeval
    labels: tuple[str, ...]


FAMILIES: tuple[Family, ...] = (
    Family(
        "department-beijing",
        "部门（单位）整体绩效目标申报表（北京2019，种子版式）",
        "department",
        (
            "部门(单位)名称",
            "部门(单位)负责人",
            "部门(单位)总体资金情况",
            "部门(单位)职能概述",
            "部门(单位)绩效目标",
            "具体指标(指标内容、指标值)",
        ),
    ),
    Family(
        "department",
        "部门整体支出绩效目标申报表（年度主要任务、收入/支出构成）",
        "department",
        (
            "部门整体支出",
            "部门(单位)名称",
            "年度主要任务",
            "收入构成",
            "支出构成",
            "部门职能概述",
            "年度总体目标",
            "填报人",
        ),
    ),
    Family(
        "project-classic",
        "项目支出绩效目标申报表（一级|二级|三级|指标值）",
        "project",
        (
            "项目名称",
            "主管部门",
            "实施单位",
            "年度资金总额",
            "总体目标",
            "年度目标",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
        ),
    ),
    Family(
        "integrated",
        "预算管理一体化导出（指标性质|指标值|度量单位|权重）",
        "project",
        ("项目名称", "一级指标", "三级指标", "指标性质", "指标值", "度量单位", "计量单位", "权重"),
    ),
    Family(
        "transfer",
        "转移支付区域绩效目标表",
        "transfer",
        (
            "专项名称",
            "中央主管部门",
            "地方主管部门",
            "资金情况",
            "中央资金",
            "年度金额",
            "资金额度",
            "年度总体目标",
        ),
    ),
    Family(
        "central-2021",
        "财预〔2021〕101号框架（成本指标为一级）",
        "project",
        ("成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标", "分值", "指标解释"),
    ),
    Family(
        "selfeval",
        "项目支出绩效自评表（年度指标值|实际完成值|分值|得分）",
        "selfeval",
        (
            "自评表",
            "年度指标值",
            "实际完成值",
            "全年执行数",
            "年初预算数",
            "得分",
            "偏差原因分析及改进措施",
        ),
    ),
    Family(
        "rubric",
        "部门整体支出绩效评价自评报告/评分表（指标分值|评分标准|自评得分）",
        "selfeval",
        (
            "自评报告",
            "评价方式",
            "评价机构",
            "指标分值",
            "指标说明及评分标准",
            "自评得分",
            "人员编制",
            "实有人数",
        ),
    ),
)
"""The families, in the order ``--explain`` lists them."""


__all__ = [
    "BLANK_FIELDS",
    "COLUMNS",
    "COLUMN_PATTERNS",
    "EXECUTION_COLUMNS",
    "FAMILIES",
    "FIELD_LABELS",
    "FUNDS_MARKS",
    "FUNDS_ROWS",
    "GLUED_EXPLANATION_OPENERS",
    "GLUED_SCRAMBLED",
    "GLUED_TAIL",
    "GLUED_UNITS",
    "GLUED_VALUE_FIELDS",
    "LABEL_RUN_MARKS",
    "LEVEL1_NAMES",
    "LEVEL2_NAMES",
    "MEASURED_ENDINGS",
    "MONEY_BLOCKS",
    "MONEY_SOURCES",
    "MONEY_TOTALS",
    "NAME_ENDINGS",
    "NAME_END_CHARS",
    "OUTCOME_ROLES",
    "QUALITATIVE_VALUES",
    "RUBRIC_COLUMNS",
    "SECTION_LABELS",
    "SIGNATURE_MARKS",
    "TABLE_END",
    "UNSPLIT_COLUMNS",
    "Family",
]
