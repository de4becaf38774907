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
    spec,
)
from perfdecl.model.frameworks import COST as COST_L2

SCHEMA_FILE = "schemas/declaration.schema.json"
SCHEMA_URL = "https://perfdecl.dev/schemas/declaration.schema.json"
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


def schema_reference(target: str | os.PathLike[str]) -> str:
    """Where the modeline points: a local ``schemas/declaration.schema.json`` above the file
    (relative, as in the examples), else the schema's published URL."""
    folder = Path(os.path.abspath(target)).parent
    for candidate in (folder, *folder.parents):
        local = candidate / SCHEMA_FILE
        if local.is_file():
            return os.path.relpath(local, folder).replace(os.sep, "/")
        if (candidate / ".git").exists() or (candidate / ".hg").exists():
            break
    return SCHEMA_URL


def skeleton(
    *,
    framework: Framework = Framework.BEIJING_2019,
    kind: Kind = Kind.DEPARTMENT,
    year: int | None = None,
    schema: str = SCHEMA_URL,
    strands: int = 2,
) -> str:
    """The YAML text of a new declaration for ``framework`` and ``kind``."""
    year = year if year is not None else datetime.date.today().year
    fw = spec(framework)
    lines = [
        f"{MODELINE_PREFIX}{schema}",
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
        lines += [
            "unit: 待填：项目单位名称",
            "head: 待填：项目负责人",
            'phone: "待填：联系电话"',
            "project:",
            "  name: 待填：项目名称",
            "  amount: 0.00  # 万元",
            "  period:",
            f"    start: {year}-01-01",
            f"    end: {year}-12-31",
        ]
    strand_count = strands if fw.numbered_outputs else 1
    lines += [
        "goals:",
        f"  lead: 待填：{year}年总体绩效目标。",
        "  strands:",
    ]
    for n in range(1, strand_count + 1):
        lines += [
            f"    - id: g{n}",
            f"      text: {_ORDINALS[n - 1]}、待填：第{_ORDINALS[n - 1]}项分目标。",
        ]
    lines.append("indicators:")
    for level1 in fw.level1:
        if level1 == OUTPUT and fw.numbered_outputs:
            for n in range(1, strand_count + 1):
                lines += _level1_block(
                    framework,
                    f"{_ID[OUTPUT]}{n}",
                    f"产出指标{_ORDINALS[n - 1]}：待填：分目标名称",
                    fw.level2[level1],
                    year,
                    goal=f"g{n}",
                )
        else:
            lines += _level1_block(
                framework, _ID[level1], fw.label(level1), fw.level2[level1], year
            )
    lines.append("remarks: 无")
    return "\n".join(lines) + "\n"


def _level1_block(
    framework: Framework,
    ident: str,
    name: str,
    level2s: tuple[str, ...],
    year: int,
    *,
    goal: str | None = None,
) -> list[str]:
    out = [f"  - id: {ident}", f"    name: {name}"]
    if goal is not None:
        out.append(f"    goal: {goal}")
    out.append("    groups:")
    short = name.split("：", 1)[0]
    for level2 in level2s:
        label = _level2_label(framework, level2)
        hint = _HINT[level2].format(year=year)
        # The example stays in a comment: in the text, rules would read it as a real target.
        out += [
            f"      - name: {label}",
            "        items:",
            f"          - id: {ident}.{_ID[level2]}.1",
            f"            text: {_quote(f'1.待填：{short}·{label}的具体指标')}  # 如：{hint}",
        ]
    return out
