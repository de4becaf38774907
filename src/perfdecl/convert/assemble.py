"""Recognised parts -> declaration data (schema order), problems, and the explanation.

:func:`recognise` runs the readers of the form (:mod:`perfdecl.convert.fields`) and of the
indicator table (:mod:`perfdecl.convert.table`) over a grid's rows, scores every family of
:data:`perfdecl.convert.layouts.FAMILIES` by the labels found, and builds the plain data
:mod:`perfdecl.convert.yamlwrite` writes. Values are kept verbatim; the structured target of each
row (comparison, number, unit) is read from its value cell and columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from perfdecl.convert import layouts as L
from perfdecl.convert.codes import CODES
from perfdecl.convert.evaluation import department_wide, evaluation_framework, level1_points
from perfdecl.convert.fields import Fields, Money, read_fields
from perfdecl.convert.grid import Grid, decimal_text, norm
from perfdecl.convert.rubric import read_rubric
from perfdecl.convert.table import Item, Parsed, level_key, read_table
from perfdecl.convert.tokens import Row, rows_of
from perfdecl.model import SCHEMA_VERSION
from perfdecl.model.digits import MAX_DIGITS
from perfdecl.problem import Message, Problem

_PHONE = re.compile(r"^[0-9+()（）-]{5,}(?:[ -][0-9]{3,})?(?=\s+\S)")
_VALUE = re.compile(
    r"^(?P<cmp>[≥≤<>=≧≦═＞＜＝]=?|>=|<=|约|不低于|不少于|不高于|不超过|不大于|不小于|大于|小于|达到)?\s*"
    r"(?P<num>[-+]?[0-9][0-9,]*(?:\.[0-9]+)?)\s*(?P<unit>[^0-9\s]{0,12}?)\s*"
    r"(?P<tail>以上|以下|以内|及以上|及以下)?$"
)
_CMP = {
    "≥": ">=",
    "≧": ">=",
    ">=": ">=",
    "＞＝": ">=",
    "不低于": ">=",
    "不少于": ">=",
    "达到": ">=",
    "≤": "<=",
    "≦": "<=",
    "<=": "<=",
    "不高于": "<=",
    "不超过": "<=",
    "不大于": "<=",
    "=": "=",
    "═": "=",
    "＝": "=",
    ">": ">",
    "＞": ">",
    "大于": ">",
    "<": "<",
    "＜": "<",
    "小于": "<",
    "约": "~",
    "不小于": ">=",
    "以上": ">=",
    "及以上": ">=",
    "以下": "<=",
    "及以下": "<=",
    "以内": "<=",
}
_PLACEHOLDER = re.compile(r"\*\*|XX|xx|××")
_CODE_BRACKET = re.compile(r"^\s*\[([0-9A-Za-z]+)\]\s*(.+)$")
_CODE_TAIL = re.compile(r"^(.*?[^0-9])([0-9]{6,})$")
_CLAUSE_END = re.compile(r"[,，;；。]")
_TITLE_NAME = re.compile(
    r"^(?:(?:19|20)[0-9]{2}年度?)?(?P<name>[^\s:]{2,40}?项目)(?:支出)?绩效"
    r"(?:评价指标|目标(?:申报|审批|自评)?)表$"
)
_PHONE_TAIL = re.compile(r"^(.*?)(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$")


@dataclass(frozen=True, slots=True)
class Target:
    comparison: str | None  # normalised, None when not printed (implied =)
    printed: str | None
    number: str | None
    unit: str | None
    qualitative: bool = False


def read_value(value: str | None, nature: str | None, unit_col: str | None) -> Target | None:
    """The structured target of a row from its value cell (and 指标性质/度量单位 columns)."""
    printed = nature.strip() if nature and nature.strip() else None
    cmp = _CMP.get(norm(printed)) if printed else None
    if printed and norm(printed) in ("定性", "定性指标"):
        return Target("定性", printed, None, unit_col, qualitative=True)
    if value is None or not value.strip():
        return None
    m = _VALUE.match(value.strip())
    if m is None:
        if _PLACEHOLDER.search(value):
            return None
        quantity = _one_quantity(value)
        if quantity is not None and printed is None:
            return quantity
        return Target("定性", printed, None, unit_col, qualitative=True)
    sign = m["cmp"] or m["tail"]
    if sign:
        printed = printed or sign
        cmp = cmp or _CMP.get(sign)
    unit = m["unit"] or unit_col or None
    return Target(cmp, printed, m["num"], unit)


def _one_quantity(value: str) -> Target | None:
    """A value written as a sentence holding exactly one quantity with its unit
    (``严格按照预算标准1000元/人兑付``): that quantity, its comparison only when one is written."""
    from perfdecl.phrases import parse_targets

    if len(value) > 200:
        return None
    found = parse_targets(value)
    if len(found) != 1 or not found[0].unit:
        return None
    target = found[0]
    span = value[target.start : target.end]
    signed = target.comparison != "=" or any(c in span for c in "=＝═")
    cmp = target.comparison if signed else None
    return Target(cmp, None, str(target.value), target.unit)


@dataclass(slots=True)
class Recognised:
    """What :func:`recognise` found: fields, money, the table, scores and problems."""

    fields: Fields
    table: Parsed
    rows: list[Row]
    scores: list[tuple[str, str, float, list[str], list[str]]] = field(default_factory=list)
    family: str | None = None
    problems: list[Problem] = field(default_factory=list)
    totals: dict[str, str] = field(default_factory=dict)  # a rubric's 合计 row: points, score


def problem_at(code: str, file: str, where: str, zh: str, en: str) -> Problem:
    prefix_zh = f"{where}：" if where else ""
    prefix_en = f"{where}: " if where else ""
    return Problem(code, CODES[code].severity, Message(prefix_zh + zh, prefix_en + en), file)


def _score(rows: list[Row]) -> list[tuple[str, str, float, list[str], list[str]]]:
    keys = {norm(t.text) for r in rows for t in r.toks if t.text}
    blob = "".join(norm(t.text) for r in rows for t in r.toks)
    out = []
    for fam in L.FAMILIES:
        found: list[str] = []
        missing: list[str] = []
        for label in fam.labels:
            k = norm(label)
            (found if k in keys or (len(k) >= 4 and k in blob) else missing).append(label)
        out.append((fam.key, fam.name, len(found) / len(fam.labels), found, missing))
    return sorted(out, key=lambda s: -s[2])


def recognise(grid: Grid) -> Recognised:
    from perfdecl.convert.gluedtable import regroup

    rows = regroup(grid, rows_of(grid))
    rubric = read_rubric(grid)
    table = rubric.parsed(rows) if rubric is not None else read_table(rows)
    fields = read_fields(rows, table.placed, table.free_before)
    if not table.items:
        _prose(grid, rows, table, fields)
    rec = Recognised(fields, table, rows, _score(rows))
    if rubric is not None:
        rec.totals = rubric.totals
    rec.family = rec.scores[0][0] if rec.scores and rec.scores[0][2] > 0 else None
    return rec


def _prose(grid: Grid, rows: list[Row], table: Parsed, fields: Fields) -> None:
    """No table: targets written as sentences (a notice), with the header its prose gives."""
    from perfdecl.convert.prose import read_prose

    items, header = read_prose(grid)
    if not items:
        return
    table.items = items
    table.found = True
    wheres = {i.where for i in items}
    table.placed |= {n for n, r in enumerate(rows) if any(t.where in wheres for t in r.toks)}
    if header.name and "project.name" not in fields.values:
        fields.values["project.name"] = ("实施", header.name[0], header.name[1])
    if header.unit and "unit" not in fields.values:
        fields.values["unit"] = ("", header.unit[0], header.unit[1])
    if header.money and not fields.money:
        amount, unit, where = header.money
        fields.money.append(Money("资金", amount, unit, where, total=True))
    goal = fields.values.get("goals.annual")
    if goal and _LEAD_WORD.match(goal[1]):
        fields.values["goals.annual"] = (goal[0], _LEAD_WORD.sub("", goal[1]), goal[2])
    used = set(header.placed) | ({header.unit[1]} if header.unit else set())
    fields.placed |= {(n, 0) for n, r in enumerate(rows) if any(t.where in used for t in r.toks)}


_LEAD_WORD = re.compile(r"^\s*[是为][:：]\s*")
_CORE_MARK = re.compile(r"^\s*([★☆]+)")


# --- building the data -------------------------------------------------------------------------


def _party(text: str) -> dict[str, Any]:
    m = _CODE_BRACKET.match(text)
    if m:
        return {"name": m[2].strip(), "code": m[1]}
    m = _CODE_TAIL.match(text.strip())
    if m:
        return {"name": m[1].strip(), "code": m[2]}
    return {"name": text.strip()}


def _decimal(text: str | None) -> Decimal | None:
    """A cell's number, or None when it is none or longer than a declaration may hold (the
    loader reads a longer plain number as text, PD007: the cell's text is kept instead)."""
    if text is None:
        return None
    value = decimal_text(text)
    if value is None:
        return None
    digits, exponent = len(value.as_tuple().digits), value.as_tuple().exponent
    assert isinstance(exponent, int)  # finite
    if max(digits + exponent, -exponent) > MAX_DIGITS:
        return None
    return value


def _budget(money: list[Money]) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """(annual budget, period budget) from the money figures, labels verbatim.

    A total labelled 年度/当年 is the year's; 中期资金总额, 项目总预算 or a bare 资金总额 printed
    beside a year's total is the whole period's; a lone total is the year's.
    """
    totals = {norm(t) for t in L.MONEY_TOTALS}
    blocks: list[dict[str, Any]] = []
    breakdowns: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
    current: dict[str, Any] | None = None
    for m in money:
        value = _decimal(m.amount)
        if value is None:
            continue
        key = norm(m.label).rstrip(":")
        parts = [
            {"label": label, "amount": Decimal(amount.replace(",", ""))}
            for label, amount in m.parts
        ]
        if key in totals or m.total:
            current = {"label": m.label, "unit": m.unit or "万元", "total": value}
            if m.text:
                current["text"] = m.text
            current["sources"] = []
            breakdowns.append((current, parts))
            blocks.append(current)
            continue
        if current is None:
            current = {"label": "资金", "unit": m.unit or "万元", "sources": []}
            blocks.append(current)
        if not any(s["label"] == m.label for s in current["sources"]):
            source: dict[str, Any] = {"label": m.label, "amount": value}
            if parts:
                source["parts"] = parts
            current["sources"].append(source)
    for block, parts in breakdowns:
        # a total's cell printing its parts in brackets: they are its sources unless a source
        # of the block prints them again
        if parts and not any(s.get("parts") for s in block["sources"]):
            block["sources"] = block["sources"] or parts
    annual = next((b for b in blocks if "年度" in b["label"] or "当年" in b["label"]), None)
    rest = [b for b in blocks if b is not annual]
    if annual is None and rest:
        annual = rest.pop(0)
    period = rest[0] if rest else None
    return annual, period


_LEVEL1_IDS = {
    "产出": "out",
    "效益": "ben",
    "效果": "ben",
    "满意度": "sat",
    "成本": "cost",
    "项目完成": "out",
    "项目效益": "ben",
}
_LEVEL2_IDS = {
    "数量": "qty",
    "质量": "qual",
    "时效": "time",
    "进度": "time",
    "成本": "cost",
    "经济效益": "econ",
    "社会效益": "soc",
    "生态效益": "eco",
    "环境效益": "eco",
    "可持续影响": "sust",
    "满意度": "sat",
    "服务对象满意度": "sat",
    "经济成本": "econ",
    "社会成本": "soc",
    "生态环境成本": "eco",
}


def _stem(name: str | None, table: dict[str, str], default: str) -> str:
    key = level_key(name or "").removesuffix("指标")
    for prefix in ("产出", "社会公众或"):
        if key.startswith(prefix) and key != prefix and key.removeprefix(prefix) in table:
            key = key.removeprefix(prefix)
    return table.get(key, default)


def _item_data(
    item: Item, item_id: str, selfeval: bool = False
) -> tuple[dict[str, Any], Target | None]:
    row: dict[str, Any] = {"id": item_id, "text": item.name}
    mark = _CORE_MARK.match(item.name)
    core = item.get("core")
    if mark:
        row["core"] = True
        row["core_mark"] = mark[1]
    elif core and norm(core) in ("是", "否"):
        row["core"] = norm(core) == "是"
    value = item.get("value")
    initial = None
    if selfeval and item.get("adjusted"):
        # 年初指标值 | 调整指标值: the adjusted value is the year's target, the first is kept
        initial, value = value, item.get("adjusted")
    nature = item.get("nature")
    unit_col = item.get("unit")
    if value is not None:
        row["value_text"] = value
    if unit_col:
        row["unit"] = unit_col
    if nature:
        row["nature"] = nature
    for role, key in (("weight", "weight"), ("points", "points")):
        got = _decimal(item.get(role))
        if got is not None and 0 <= got <= 100:
            row[key] = got
    for role in ("explanation", "basis", "previous", "note"):
        text = item.get(role)
        if text:
            row[role] = text
    target = read_value(value, nature, unit_col)
    number = _decimal(target.number) if target is not None else None
    if target is not None and number is not None:
        t: dict[str, Any] = {"comparison": target.comparison or "=", "value": number}
        if target.unit:
            t["unit"] = target.unit
        row["targets"] = [t]
    elif (target is not None and target.qualitative and value) or (
        target is None and item.qualitative
    ):
        row["kind"] = "qualitative"
    if selfeval:
        row.update(_outcome(item, initial))
    return row, target


_PERCENT_CELL = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*%?\s*$")


def _outcome(item: Item, initial: str | None) -> dict[str, Any]:
    """A self-evaluation row's outcome cells (年初指标值 when adjusted, 实际完成值, 得分 …)."""
    out: dict[str, Any] = {}
    if initial:
        out["value_initial"] = initial
    actual = item.get("actual")
    if actual:
        out["actual"] = actual
    score = _decimal(item.get("score"))
    if score is not None and 0 <= score <= 1000:
        out["score"] = score
    m = _PERCENT_CELL.match(item.get("coefficient") or "")
    if m:
        out["coefficient"] = Decimal(m[1])
    if item.get("deviation"):
        out["deviation"] = item.get("deviation")
    if item.get("scoring"):
        out["scoring"] = item.get("scoring")
    if item.get("criteria"):
        out["criteria"] = item.get("criteria")
    return out


def indicators(
    items: list[Item], selfeval: bool = False
) -> tuple[list[dict[str, Any]], list[tuple[Item, Target | None, str]]]:
    """Items grouped by 一级 and 二级 as printed, with ids, and each item's target."""
    out: list[dict[str, Any]] = []
    used: set[str] = set()
    read: list[tuple[Item, Target | None, str]] = []
    l1_entry: dict[str, Any] | None = None
    group: dict[str, Any] | None = None
    counters: dict[str, int] = {}
    for item in items:
        l1_name = item.l1 or "绩效指标"
        if l1_entry is None or l1_entry["printed"] != l1_name:
            stem = _stem(item.l1, _LEVEL1_IDS, "l1")
            lid, n = stem, 2
            while lid in used:
                lid, n = f"{stem}{n}", n + 1
            used.add(lid)
            clean, points = level1_points(l1_name)  # 规划 (15分): name 规划, points 15
            l1_entry = {"id": lid, "name": clean, "printed": l1_name}
            if points is not None:
                l1_entry["points"] = points
            l1_entry["groups"] = []
            out.append(l1_entry)
            group = None
        if item.l2 is None:
            target_list = l1_entry.setdefault("items", [])
            gkey = "i"
        else:
            if group is None or group["name"] != item.l2:
                group = {"name": item.l2, "items": []}
                l1_entry["groups"].append(group)
            target_list = group["items"]
            gkey = _stem(item.l2, _LEVEL2_IDS, f"g{len(l1_entry['groups'])}")
        base = f"{l1_entry['id']}.{gkey}"
        counters[base] = counters.get(base, 0) + 1
        row, target = _item_data(item, f"{base}.{counters[base]}", selfeval)
        target_list.append(row)
        read.append((item, target, row["id"]))
    for entry in out:
        entry.pop("printed", None)
        if not entry["groups"]:
            del entry["groups"]
    return out, read


def build_data(rec: Recognised, year: int | None, framework: str | None) -> dict[str, Any]:
    f = rec.fields
    values = {k: v[1] for k, v in f.values.items()}
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    found_year = year or f.year
    if found_year is not None:
        data["year"] = found_year
    l1_keys = {level_key(i.l1 or "").removesuffix("指标") for i in rec.table.items}
    family_kind = next((fam.kind for fam in L.FAMILIES if fam.key == rec.family), "project")
    selfeval = is_selfeval(rec)
    evaluation = None
    if selfeval and department_wide(
        [f.title or "", *(t.text for r in rec.rows[:5] for t in r.toks)]
    ):
        evaluation = evaluation_framework(i.l1 for i in rec.table.items if i.l1)
    data["framework"] = (
        framework or evaluation or ("central_2021" if "成本" in l1_keys else "national_classic")
    )
    data["kind"] = (
        "selfeval" if selfeval else "department" if family_kind == "department" else "project"
    )
    if f.title:
        data["title"] = f.title
    unit = values.get("unit")
    party = values.get("supervisor") or values.get("implementer")
    if not unit and "unit" in f.blank:
        data["unit"] = ""  # 预算单位 printed with an empty box: blank, not another party's name
    elif unit or party:
        # a form with no unit cell declares its 主管部门 (or 实施单位): its name, without the
        # code glued to it ([017]某县司法局 -> 某县司法局; the code stays on supervisor.code)
        data["unit"] = unit or _party(party or "")["name"]
    for key in ("unit_code", "head", "phone"):
        if values.get(key):
            data[key] = values[key]
    phone = _PHONE.match(data.get("phone", ""))
    if phone:
        data["phone"] = phone[0]  # 0722-6233407 当年 金额 …: a PDF ran the next cells on
    for key in ("supervisor", "implementer"):
        if values.get(key):
            data[key] = {**_party(values[key]), "label": f.values[key][0]}
        elif key in f.blank:
            data[key] = {"label": f.blank[key][0]}  # the box printed empty (PD268)
    if values.get("filler"):
        data["filler"] = values["filler"]
    if selfeval:
        data.update(_report(values))
    project: dict[str, Any] = {}
    if values.get("project.name"):
        project["name"] = values["project.name"]
    elif f.title and family_kind == "project" and (m := _TITLE_NAME.match(norm(f.title))):
        project["name"] = m["name"]  # 2019年度…项目绩效评价指标表 with no 项目名称 label
    lead = values.get("project.lead")
    if lead:
        lead = _CLAUSE_END.split(lead, maxsplit=1)[0].strip() or lead
        m = _PHONE_TAIL.match(lead)
        project["lead"] = m[1].strip() if m and m[1].strip() else lead
        if m and m[1].strip():
            project["lead_phone"] = m[2]
    elif "project.lead" in f.blank:
        project["lead"] = ""  # 项目负责人 printed with an empty box (PD268)
    for key in ("attribute", "category", "basis", "overview"):
        if values.get(f"project.{key}"):
            project[key] = values[f"project.{key}"]
    annual, period = _budget(f.money)
    exec_block: dict[str, Any] | None = None
    if selfeval:
        from perfdecl.convert.execution import execution

        exec_block, _glued = execution(f)
        if exec_block is not None:
            annual, period = None, None
    if data["kind"] == "department":
        from perfdecl.convert.funds import funds

        found = funds(rec.rows)
        if found:
            # the money lines are the department's 收入/支出 blocks, read whole into funds: not
            # a project's budget as well (基本支出 and 项目支出 were read as its sources)
            data["funds"] = found
            annual, period = None, None
    if annual:
        project["budget"] = annual
        if annual.get("total") is not None and "amount" not in project:
            factor = Decimal("0.0001") if annual["unit"] == "元" else Decimal(1)
            project["amount"] = annual["total"] * factor
    if period:
        project["budget_period"] = period
    if project:
        data["project"] = project
    if family_kind == "transfer" or values.get("central"):
        from perfdecl.convert.allocation import allocations

        rows = allocations(rec.rows)
        if rows:
            data["transfer"] = {"allocations": rows}
    if exec_block is not None:
        data["execution"] = exec_block
    if values.get("functions"):
        data["functions"] = values["functions"]
    goals: dict[str, Any] = {}
    for key, out_key in (("goals.period", "period"), ("goals.annual", "annual")):
        if values.get(key):
            goals[out_key] = {"label": f.values[key][0], "text": values[key]}
    if goals:
        data["goals"] = goals
    if selfeval and values.get("goals.outcome"):
        data.setdefault("goals", {})["outcome"] = values["goals.outcome"]
    table, _ = indicators(rec.table.items, selfeval)
    printed = _decimal(rec.table.total_points)
    if table and not selfeval and printed is not None and 0 < printed <= 100:
        data["indicators_points"] = printed  # 总分 100 after the table: validate checks the sum
    if table:
        data["indicators"] = table
    for role, key in (("points", "total_points"), ("score", "total_score")):
        total = _decimal(rec.totals.get(role))
        if selfeval and total is not None and 0 <= total <= 1000:
            data[key] = total
    return data


_COUNT = re.compile(r"^\s*([0-9]{1,9})\s*人?\s*$")


def _report(values: dict[str, str]) -> dict[str, Any]:
    """A department-wide evaluation report's cover: 评价方式, 评价机构, 报告日期, 联系人 (text as
    printed) and 人员编制, 实有人数 (whole numbers, left out when not one)."""
    out: dict[str, Any] = {}
    for key in ("method", "evaluator", "report_date", "contact"):
        if values.get(f"eval.{key}"):
            out[key] = values[f"eval.{key}"]
    for key in ("staff", "staff_actual"):
        m = _COUNT.match(values.get(f"eval.{key}") or "")
        if m:
            out[key] = int(m[1])
    return out


_EVALUATION_LABELS = frozenset(norm(x) for x in ("自评报告", "评价方式", "评价机构", "自评得分"))


def is_selfeval(rec: Recognised) -> bool:
    """A self-evaluation: its table has outcome columns (实际完成值, 得分 …), the labels of a
    department-wide evaluation's report or rubric lead (评价方式, 自评得分 …), or its title says
    自评表 and it prints a 预算执行 block (全年执行数, 执行率)."""
    roles = set(rec.table.header) | {r for i in rec.table.items for r, _, _ in i.values}
    if roles & {"actual", "score", "coefficient", "deviation"}:
        return True
    if rec.family == "rubric":
        # a department-wide evaluation's report or rubric, when a label says it is an evaluation
        # (人员编制, 指标分值 alone are also printed on declarations)
        found = next((s[3] for s in rec.scores if s[0] == "rubric"), [])
        if {norm(x) for x in found} & _EVALUATION_LABELS:
            return True
    if not {"spent", "rate"} <= set(rec.fields.execution_header):
        return False
    if "自评" in norm(rec.fields.title or ""):
        return True
    heads = (norm(t.text) for r in rec.rows[:40] for t in r.toks[:40])
    return any("自评表" in h or "自评报告" in h for h in heads)


__all__ = [
    "Recognised",
    "Target",
    "build_data",
    "indicators",
    "is_selfeval",
    "problem_at",
    "read_value",
    "recognise",
]
