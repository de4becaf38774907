"""New declaration skeletons: the right 一级/二级 rows of a framework, with placeholders.

``perfdecl init`` writes what this module builds. A skeleton is structurally valid (it loads and
matches the schema: no PD0xx/PD1xx problems), so an editor with yaml-language-server completes it
from the first keystroke; every blank is a ``待填：…`` placeholder, which the review rules (PD231)
keep reporting until the clerk has replaced them all.
"""

from __future__ import annotations

import datetime
import json
import os
from decimal import Decimal
from pathlib import Path

from perfdecl.model import Framework, Kind
from perfdecl.model.frameworks import (
    BENEFIT,
    COST_L1,
    ECOLOGICAL,
    ECOLOGICAL_COST,
    ECONOMIC,
    ECONOMIC_COST,
    OUTPUT,
    QUALITY,
    QUANTITY,
    SATISFACTION,
    SATISFACTION_L1,
    SOCIAL,
    SOCIAL_COST,
    SUSTAINABLE,
    TIMELINESS,
    FrameworkSpec,
    spec,
)
from perfdecl.model.frameworks import COST as COST_L2

SCHEMA_FILE = "schemas/declaration.schema.json"
"""The schema's ``$id``; used in the modeline when no local copy is found."""

MODELINE_PREFIX = "# yaml-language-server: $schema="

_ID = {
    OUTPUT: "out",
    BENEFIT: "eff",
    SATISFACTION_L1: "sat",
    COST_L1: "cost",
    QUANTITY: "qty",
    QUALITY: "qual",
    TIMELINESS: "time",
    COST_L2: "cost",
    ECONOMIC: "econ",
    SOCIAL: "soc",
    ECOLOGICAL: "env",
    SUSTAINABLE: "sust",
    SATISFACTION: "sat",
    ECONOMIC_COST: "econ",
    SOCIAL_COST: "soc",
    ECOLOGICAL_COST: "env",
}

_HINT = {
    QUANTITY: "全年发放借书证不少于50张",
    QUALITY: "党建活动覆盖率达到100%",
    TIMELINESS: "截止{year}年12月31日前全部完成",
    COST_L2: "总成本控制在120万元以内",
    ECONOMIC: "带动辖区就业不少于200人",
    SOCIAL: "受益居民不少于5000人次",
    ECOLOGICAL: "绿化覆盖率达到35%",
    SUSTAINABLE: "长效机制覆盖全部10个社区",
    SATISFACTION: "服务对象满意度不低于90%",
    ECONOMIC_COST: "项目总成本不超过120万元",
    SOCIAL_COST: "征收拆迁户数不超过10户",
    ECOLOGICAL_COST: "新增碳排放不超过50吨",
}

_ORDINALS = "一二三四五六七八九"


def _beijing_level2(level2: str) -> str:
    """The Beijing 2019 form's own wording of an 二级 row."""
    if level2 in (QUANTITY, QUALITY, COST_L2):
        return f"产出{level2}指标"
    if level2 == TIMELINESS:
        return "产出进度指标"
    if level2 == ECOLOGICAL:
        return "环境效益指标"
    return f"{level2}指标"


def _level2_label(framework: Framework, level2: str) -> str:
    if framework is Framework.BEIJING_2019:
        return _beijing_level2(level2)
    return f"{level2}指标"


def _quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _upward(target: str | os.PathLike[str]) -> tuple[Path, Path | None, Path | None]:
    """One walk from the file's folder up to the repository root (``.git``/``.hg``): the
    folder, the first ``schemas/declaration.schema.json`` found, and the root (None: none)."""
    folder = Path(os.path.abspath(target)).parent
    found = None
    for candidate in (folder, *folder.parents):
        if found is None and (candidate / SCHEMA_FILE).is_file():
            found = candidate / SCHEMA_FILE
        if (candidate / ".git").exists() or (candidate / ".hg").exists():
            return folder, found, candidate
    return folder, found, None


def schema_reference(target: str | os.PathLike[str]) -> str | None:
    """Where the modeline points: the repository's ``schemas/declaration.schema.json`` found
    above the file (relative, as in the examples), or None when there is none (perfdecl's schema
    is not published at any URL: a modeline must point at a file that exists)."""
    folder, found, _ = _upward(target)
    return None if found is None else os.path.relpath(found, folder).replace(os.sep, "/")


def schema_home(target: str | os.PathLike[str]) -> Path:
    """Where ``perfdecl init`` puts the schema when the repository has none: the repository
    root above the file (``.git``/``.hg``), else the file's own folder."""
    folder, _, root = _upward(target)
    return (root or folder) / SCHEMA_FILE


def skeleton(
    *,
    framework: Framework = Framework.BEIJING_2019,
    kind: Kind = Kind.DEPARTMENT,
    year: int | None = None,
    schema: str | None = None,
    strands: int = 2,
) -> str:
    """The YAML text of a new declaration for ``framework`` and ``kind``."""
    year = year if year is not None else datetime.date.today().year
    fw = spec(framework)
    lines = [f"{MODELINE_PREFIX}{schema}"] if schema else []
    lines += [
        f"# 绩效目标申报表（{fw.title_zh}）：由 perfdecl init 生成。",
        "# 请把每个“待填：…”替换为实际内容，删去不需要的示例行，然后运行 perfdecl validate 检查。",
        "schema_version: 1",
        f"year: {year}",
        f"framework: {framework.value}",
        f"kind: {kind.value}",
    ]
    if kind is Kind.DEPARTMENT:
        lines += [
            "unit: 待填：部门（单位）名称",
            "head: 待填：部门（单位）负责人",
            'phone: "待填：联系电话"',
            "funds:  # 万元，精确到分；资金总额 = 基本支出 + 项目支出 + 其他",
            "  total: 0.00",
            "  basic: 0.00",
            "  project: 0.00",
            "  other: 0.00",
            "functions: |-",
            "  待填：部门（单位）职能概述。",
        ]
    else:
        lines += _project_header(year)
    strand_count = strands if fw.numbered_outputs else 1
    project = kind is Kind.PROJECT
    lines.append("goals:")
    if project:
        lines += [
            "  period: {label: 中期目标, text: 待填：中期（中长期）目标。}",
            f"  annual: {{label: 年度目标, text: 待填：{year}年度目标。}}",
        ]
    if not project or fw.numbered_outputs:
        lines += [f"  lead: 待填：{year}年总体绩效目标。", "  strands:"]
        for n in range(1, strand_count + 1):
            lines += [
                f"    - id: g{n}",
                f"      text: {_ORDINALS[n - 1]}、待填：第{_ORDINALS[n - 1]}项分目标。",
            ]
    rows = _Rows(fw.weight_total, _row_count(fw, strand_count)) if project else None
    if rows is not None:
        lines.append(f"indicators_points: {rows.total}  # 绩效指标分值 = 各一级指标分值之和")
    lines.append("indicators:")
    for level1 in fw.level1:
        if level1 == OUTPUT and fw.numbered_outputs:
            for n in range(1, strand_count + 1):
                lines += _level1_block(
                    framework,
                    f"{_ID[OUTPUT]}{n}",
                    f"产出指标{_ORDINALS[n - 1]}：待填：分目标名称",
                    fw.printed(level1),
                    year,
                    goal=f"g{n}",
                    rows=rows,
                )
        else:
            lines += _level1_block(
                framework, _ID[level1], fw.label(level1), fw.printed(level1), year, rows=rows
            )
    lines.append("remarks: 无")
    if project:
        lines += [
            "indicators_period: []  # 中期绩效指标：表上另列中期（长期）指标时填写，结构同 indicators",
            "reviews: []  # 审核意见，如 - {by: 财政部门绩效评价股审核意见, text: …, date: …}",
            "# 转移支付区域绩效目标表另有：",
            "# transfer: {name: 专项名称, authorities: [{level: 省级, finance: …, supervisor: …}],",
            "#            unit: 万元, total: 0.00, shares: [{level: 中央资金, amount: 0.00}], region: …}",
        ]
    return "\n".join(lines) + "\n"


def _project_header(year: int) -> list[str]:
    """The header and money block of a project form (项目支出绩效目标申报表)."""
    money = [
        "    unit: 万元  # 金额单位：万元 或 元",
        "    total: 0.00",
        "    sources:  # 各来源之和 = 合计；只印“其中”部分来源时加 partial: true",
        "      - {label: 其中:财政拨款, kind: fiscal, amount: 0.00}",
        "      - {label: 其他资金, kind: other, amount: 0.00}",
    ]
    return [
        "title: 项目支出绩效目标申报表",
        "unit: 待填：预算单位",
        'unit_code: "待填：单位编码"',
        "supervisor: {label: 主管部门及代码, name: 待填：主管部门, code: 待填：代码}",
        "implementer: {label: 实施单位, name: 待填：实施单位}",
        "filler: 待填：填报人",
        f"filing_date: {datetime.date.today().isoformat()}  # 填报日期",
        'phone: "待填：联系电话"',
        "project:",
        "  name: 待填：项目名称",
        '  code: "待填：项目编码"',
        "  lead: 待填：项目负责人",
        '  lead_phone: "待填：项目负责人电话"',
        "  attribute: 待填：项目属性（如 一次性项目、持续性项目）",
        "  category: 待填：项目类别",
        "  nature: 待填：项目性质",
        "  basis: 待填：立项依据（文件名称与文号）",
        "  overview: 待填：项目概况",
        "  content: 待填：项目内容",
        "  amount: 0.00  # 万元：年度资金总额",
        "  period:  # 实施期：YYYY-MM-DD，或只到月 YYYY-MM、只到年 YYYY",
        f"    start: {year}-01",
        f"    end: {year}-12",
        "    text: 待填：项目期（原文，如 1年）",
        "  budget_period:  # 中期资金",
        "    label: 中期资金总额",
        *money,
        "  budget:  # 年度资金",
        "    label: 年度资金总额",
        *money,
    ]


def _row_count(fw: FrameworkSpec, strands: int) -> int:
    return sum(
        len(fw.printed(level1)) * (strands if level1 == OUTPUT and fw.numbered_outputs else 1)
        for level1 in fw.level1
    )


class _Rows:
    """Weights (and points) of a project skeleton's rows: equal shares making the framework's
    total exactly (the first rows take the remainder)."""

    def __init__(self, total: Decimal, count: int) -> None:
        self.total = int(total)
        self._base, self._extra = divmod(self.total, max(count, 1))
        self._given = 0

    def next(self) -> int:
        self._given += 1
        return self._base + (1 if self._given <= self._extra else 0)


def _level1_block(
    framework: Framework,
    ident: str,
    name: str,
    level2s: tuple[str, ...],
    year: int,
    *,
    goal: str | None = None,
    rows: _Rows | None = None,
) -> list[str]:
    out = [f"  - id: {ident}", f"    name: {name}"]
    if goal is not None:
        out.append(f"    goal: {goal}")
    body: list[str] = []
    points = 0
    short = name.split("：", 1)[0]
    for level2 in level2s:
        label = _level2_label(framework, level2)
        hint = _HINT[level2].format(year=year)
        # The example stays in a comment: in the text, rules would read it as a real target.
        body += [
            f"      - name: {label}",
            "        items:",
            f"          - id: {ident}.{_ID[level2]}.1",
            f"            text: {_quote(f'1.待填：{short}·{label}的具体指标')}  # 如：{hint}",
        ]
        if rows is not None:
            weight = rows.next()
            points += weight
            body += _row_columns(level2, weight)
    if rows is not None:
        out.append(f"    points: {points}  # 分值 = 其三级指标分值之和")
    return [*out, "    groups:", *body]


def _row_columns(level2: str, weight: int) -> list[str]:
    """The columns of a project form's 三级 row (一体化 systems store each of them)."""
    lower = level2 in (COST_L2, ECONOMIC_COST, SOCIAL_COST, ECOLOGICAL_COST)
    return [
        "            value_text: 待填：指标值（原文）",
        "            unit: 待填：计量单位",
        f'            nature: "{"≤" if lower else "≥"}"  # 指标性质：≥ ≤ = 或 定性',
        f"            direction: {'反向' if lower else '正向'}  # 指标方向",
        f"            weight: {weight}  # 权重：全表合计 100",
        f"            points: {weight}  # 分值",
        "            explanation: 待填：指标解释",
        "            scoring: 待填：评（扣）分标准",
        "            standard: 计划标准  # 绩效标准：计划标准、行业标准、历史标准、其他标准",
        "            basis: 待填：指标值的依据",
        "            previous: 待填：上年实际值",
        "            core: false  # 是否核心指标",
    ]
