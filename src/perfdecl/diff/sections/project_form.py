"""The project form's own fields (#14): parties, project facts, money blocks and their sources,
and the columns of each 三级 row (weight, points, direction, 指标值 …). Only what changed is
reported; a weight that moved says so with the figures."""

from __future__ import annotations

from decimal import Decimal

from perfdecl.diff.records import ChangeKind, Direction, num, signed
from perfdecl.diff.sections.context import Context
from perfdecl.model import Budget, Source
from perfdecl.model.rows import IndicatorRow
from perfdecl.problem import Message

_TOP: tuple[tuple[str, str, str], ...] = (
    ("title", "表名", "form title"),
    ("unit_code", "单位编码", "unit code"),
    ("filler", "填报人", "filled in by"),
    ("filing_date", "填报日期", "date filed"),
    ("supervisor/name", "主管部门", "supervising department"),
    ("supervisor/code", "主管部门代码", "supervisor's code"),
    ("implementer/name", "实施单位", "implementing unit"),
    ("implementer/code", "实施单位代码", "implementer's code"),
    ("project/code", "项目编码", "project code"),
    ("project/lead", "项目负责人", "project lead"),
    ("project/lead_phone", "项目负责人电话", "lead's phone"),
    ("project/attribute", "项目属性", "project attribute"),
    ("project/category", "项目类别", "project category"),
    ("project/nature", "项目性质", "project nature"),
    ("project/basis", "立项依据", "basis"),
    ("project/overview", "项目概况", "overview"),
    ("project/content", "项目内容", "content"),
    ("project/period/text", "实施期（原文）", "period as printed"),
    ("goals/period/text", "中期目标", "multi-year goal"),
    ("goals/annual/text", "年度目标", "annual goal"),
    ("transfer/name", "专项名称", "programme"),
    ("transfer/region", "区域", "region"),
)

_ROW: tuple[tuple[str, str, str], ...] = (
    ("value_text", "指标值", "value"),
    ("unit", "计量单位", "unit"),
    ("nature", "指标性质", "comparison"),
    ("direction", "指标方向", "direction"),
    ("points", "分值", "points"),
    ("standard", "绩效标准", "standard"),
    ("basis", "指标标准或依据", "basis of the value"),
    ("previous", "上年实际值", "last year's value"),
    ("explanation", "指标解释", "explanation"),
    ("scoring", "评（扣）分标准", "scoring rule"),
    ("core", "是否核心指标", "core indicator"),
)


def _get(obj: object, path: str) -> object:
    for part in path.split("/"):
        if obj is None:
            return None
        obj = getattr(obj, part, None)
    return obj


def _shown(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return num(value)
    return str(getattr(value, "value", value))


def _field(ctx: Context, pointer: str, zh: str, en: str, a: object, b: object) -> None:
    sa, sb = _shown(a), _shown(b)
    if (sa or "") == (sb or ""):
        return
    ctx.emit(
        "PD300",
        ChangeKind.HEADER,
        Message(f"{zh}：{sa or '—'} → {sb or '—'}", f"{en}: {sa or '—'} -> {sb or '—'}"),
        old_pointer=pointer if sa is not None else None,
        new_pointer=pointer if sb is not None else None,
        anchor="",
        old=sa,
        new=sb,
    )


def project_form(ctx: Context) -> None:
    """Parties, project facts and goals; then the money blocks, source by source."""
    for path, zh, en in _TOP:
        _field(ctx, f"/{path}", zh, en, _get(ctx.o, path), _get(ctx.n, path))
    for key, zh, en in (
        ("budget", "年度资金", "annual money"),
        ("budget_period", "中期资金", "money over the period"),
    ):
        _budget(
            ctx,
            f"/project/{key}",
            zh,
            en,
            _get(ctx.o, f"project/{key}"),
            _get(ctx.n, f"project/{key}"),
        )
    _amount(
        ctx,
        "/indicators_points",
        "绩效指标分值",
        "points of the table",
        ctx.o.indicators_points,
        ctx.n.indicators_points,
        ChangeKind.HEADER,
    )


def _budget(ctx: Context, pointer: str, zh: str, en: str, a: object, b: object) -> None:
    ba = a if isinstance(a, Budget) else None
    bb = b if isinstance(b, Budget) else None
    ref = bb if bb is not None else ba
    if ref is None:
        return
    unit = ref.unit.value
    _amount(
        ctx,
        f"{pointer}/total",
        f"{zh}合计（{unit}）",
        f"{en} total ({unit})",
        ba.total if ba else None,
        bb.total if bb else None,
        ChangeKind.FUNDS,
    )
    old = _by_label(ba.sources if ba else [])
    new = _by_label(bb.sources if bb else [])
    for label in dict.fromkeys([*old, *new]):
        i, sa = old.get(label, (None, None))
        j, sb = new.get(label, (None, None))
        _amount(
            ctx,
            f"{pointer}/sources/{j if j is not None else i}/amount",
            f"{zh}·{label}（{unit}）",
            f"{en}: {label} ({unit})",
            sa.amount if sa else None,
            sb.amount if sb else None,
            ChangeKind.FUNDS,
            in_new=j is not None,
        )


def _by_label(sources: list[Source]) -> dict[str, tuple[int, Source]]:
    return {s.label.replace(" ", ""): (n, s) for n, s in enumerate(sources)}


def _amount(
    ctx: Context,
    pointer: str,
    zh: str,
    en: str,
    a: Decimal | None,
    b: Decimal | None,
    kind: ChangeKind,
    *,
    in_new: bool = True,
) -> None:
    if a == b:
        return
    delta = signed(b - a) if a is not None and b is not None else None
    sa, sb = (num(v) if v is not None else None for v in (a, b))
    tail = f", {delta}" if delta else ""
    ctx.emit(
        "PD310" if kind is ChangeKind.FUNDS else "PD300",
        kind,
        Message(
            f"{zh}：{sa or '—'} → {sb or '—'}{tail.replace(', ', '，')}",
            f"{en}: {sa or '—'} -> {sb or '—'}{tail}",
        ),
        old_pointer=pointer if a is not None else None,
        new_pointer=pointer if b is not None and in_new else None,
        anchor="",
        old=sa,
        new=sb,
        delta=delta,
    )


def row_columns(ctx: Context, a: IndicatorRow, b: IndicatorRow) -> None:
    """PD314: the columns of a matched 三级 row; a weight that moved is named as such."""
    ia, ib = a.item, b.item
    old_id = ia.id if ia.id != ib.id else None
    if ia.weight != ib.weight:
        _weight(ctx, a, b, old_id)
    for key, zh, en in _ROW:
        sa, sb = _shown(getattr(ia, key)), _shown(getattr(ib, key))
        if (sa or "") == (sb or ""):
            continue
        ctx.emit(
            "PD314",
            ChangeKind.INDICATOR_CHANGED,
            Message(
                f"指标 {ib.id} {zh}：{sa or '—'} → {sb or '—'}",
                f"indicator {ib.id}: {en} {sa or '—'} -> {sb or '—'}",
            ),
            old_pointer=f"{a.pointer}/{key}" if sa is not None else a.pointer,
            new_pointer=f"{b.pointer}/{key}" if sb is not None else b.pointer,
            id=ib.id,
            old_id=old_id,
            old=sa,
            new=sb,
        )


def _weight(ctx: Context, a: IndicatorRow, b: IndicatorRow, old_id: str | None) -> None:
    wa, wb = a.item.weight, b.item.weight
    sa, sb = _shown(wa), _shown(wb)
    delta = signed(wb - wa) if wa is not None and wb is not None else None
    if wa is None or wb is None:
        zh = f"指标 {b.item.id} 权重：{sa or '—'} → {sb or '—'}"
        en = f"indicator {b.item.id}: weight {sa or '—'} -> {sb or '—'}"
    else:
        zh = f"指标 {b.item.id} 权重由 {sa} 调整为 {sb}（{delta}）"
        en = f"indicator {b.item.id}: weight moved from {sa} to {sb} ({delta})"
    ctx.emit(
        "PD314",
        ChangeKind.INDICATOR_CHANGED,
        Message(zh, en),
        direction=Direction.NONE,
        old_pointer=f"{a.pointer}/weight" if wa is not None else a.pointer,
        new_pointer=f"{b.pointer}/weight" if wb is not None else b.pointer,
        id=b.item.id,
        old_id=old_id,
        old=sa,
        new=sb,
        delta=delta,
    )


__all__ = ["project_form", "row_columns"]
