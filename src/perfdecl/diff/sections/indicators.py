"""The indicator table: 一级 and 二级 groups (groups.py), then the indicator rows, matched by id
and by wording within the same canonical 一级/二级; each matched row's fields and targets."""

from __future__ import annotations

from collections.abc import Hashable

from perfdecl.diff.direction import kind_zh
from perfdecl.diff.matching import Item, Pair, match
from perfdecl.diff.records import ChangeKind, Direction
from perfdecl.diff.sections.context import Context
from perfdecl.diff.sections.groups import GroupMap, level1, level2
from perfdecl.diff.sections.project_form import row_columns
from perfdecl.diff.sections.targets import targets
from perfdecl.diff.text import pct, short, word_diff
from perfdecl.model import IndicatorKind
from perfdecl.model.rows import GroupRow, IndicatorRow, Level1Row, indicator_rows
from perfdecl.problem import Message


def table(ctx: Context) -> None:
    """The whole indicator table: groups first, then the rows inside them."""
    lo, ln, l1_pairs = level1(ctx)
    group_map = level2(ctx, lo, ln, l1_pairs)
    start = len(ctx.changes)
    indicators(ctx, group_map, {p.old: p.new for p in l1_pairs}, ln)
    # Removals and additions sit where they happened, not after every kept row.
    ctx.changes[start:] = sorted(ctx.changes[start:], key=lambda c: c.line or 0)


def _where(g: GroupRow) -> tuple[int, int]:
    return (g.parent.index, g.index)


def _bucket(r: IndicatorRow) -> Hashable:
    """Fallback matching stays within one canonical 一级/二级."""
    return (r.level1 or r.group_row.parent.level1.name, r.level2 or r.group_row.group.name)


def indicators(
    ctx: Context, group_map: GroupMap, l1_map: dict[int, int], ln: list[Level1Row]
) -> None:
    """Match the indicator rows; report moved, renamed, changed, added and removed ones."""
    ro = list(indicator_rows(ctx.o))
    rn = list(indicator_rows(ctx.n))
    old_items = [
        Item(
            r.item.id,
            ctx.text_key(r.item.text, "old"),
            _bucket(r),
            group_map.get(_where(r.group_row)),
            k,
        )
        for k, r in enumerate(ro)
    ]
    new_items = [
        Item(r.item.id, ctx.text_key(r.item.text, "new"), _bucket(r), _where(r.group_row), k)
        for k, r in enumerate(rn)
    ]
    pairs = match(old_items, new_items, ctx.options.similarity)
    matched_old = {p.old for p in pairs}
    matched_new = {p.new for p in pairs}
    removed_or_added: list[tuple[int, bool]] = [
        (j, True) for j in range(len(rn)) if j not in matched_new
    ]
    removed_or_added += [(i, False) for i in range(len(ro)) if i not in matched_old]

    for p in pairs:
        moved = old_items[p.old].home != new_items[p.new].home
        _kept(ctx, ro[p.old], rn[p.new], p, moved=moved)
    for k, is_new in removed_or_added:
        if is_new:
            _added(ctx, rn[k])
        else:
            r = ro[k]
            target = group_map.get(_where(r.group_row))
            if target is not None:
                anchor = f"/indicators/{target[0]}/groups/{target[1]}"
            elif r.group_row.parent.index in l1_map:
                anchor = ln[l1_map[r.group_row.parent.index]].pointer
            else:
                anchor = "/indicators"
            _removed(ctx, r, anchor)


def _kept(ctx: Context, a: IndicatorRow, b: IndicatorRow, p: Pair, *, moved: bool) -> None:
    """A matched row: PD313 moved or PD312 renamed, then its fields and targets."""
    ia, ib = a.item, b.item
    how_zh = f"（文字相似度 {pct(p.score)}）" if p.score is not None else ""
    how_en = f" (wording similarity {pct(p.score)})" if p.score is not None else ""
    place_a = f"{a.group_row.parent.level1.name} / {a.group_row.group.name}"
    place_b = f"{b.group_row.parent.level1.name} / {b.group_row.group.name}"
    if moved:
        ids_zh = f"{ia.id} → {ib.id}" if ia.id != ib.id else ib.id
        ctx.emit(
            "PD313",
            ChangeKind.INDICATOR_MOVED,
            Message(
                f"指标 {ids_zh} 从“{place_a}”移到“{place_b}”{how_zh}。",
                f"indicator {ids_zh.replace('→', '->')} moved from {place_a} to {place_b}{how_en}.",
            ),
            old_pointer=a.pointer,
            new_pointer=b.pointer,
            id=ib.id,
            old_id=ia.id if ia.id != ib.id else None,
            old=place_a,
            new=place_b,
            score=p.score,
        )
    elif ia.id != ib.id:
        ctx.emit(
            "PD312",
            ChangeKind.INDICATOR_RENAMED,
            Message(
                f"指标编号 {ia.id} → {ib.id}{how_zh}。",
                f"indicator id {ia.id} -> {ib.id}{how_en}.",
            ),
            old_pointer=a.pointer,
            new_pointer=b.pointer,
            id=ib.id,
            old_id=ia.id,
            old=ia.id,
            new=ib.id,
            score=p.score,
        )
    indicator_fields(ctx, a, b)
    row_columns(ctx, a, b)
    targets(ctx, a, b)


def _added(ctx: Context, r: IndicatorRow) -> None:
    ctx.emit(
        "PD311",
        ChangeKind.INDICATOR_ADDED,
        Message(
            f"新增指标 {r.item.id}：{short(r.item.text)}",
            f"indicator {r.item.id} added: {short(r.item.text)}",
        ),
        direction=Direction.STRONGER,
        new_pointer=r.pointer,
        id=r.item.id,
        new=r.item.text,
    )


def _removed(ctx: Context, r: IndicatorRow, anchor: str) -> None:
    ctx.emit(
        "PD302",
        ChangeKind.INDICATOR_REMOVED,
        Message(
            f"删除了指标 {r.item.id}：{short(r.item.text)}",
            f"indicator {r.item.id} removed: {short(r.item.text)}",
        ),
        direction=Direction.WEAKER,
        old_pointer=r.pointer,
        anchor=anchor,
        id=r.item.id,
        old=r.item.text,
    )


def indicator_fields(ctx: Context, a: IndicatorRow, b: IndicatorRow) -> None:
    """PD314: wording, kind or note of a matched row."""
    ia, ib = a.item, b.item
    old_id = ia.id if ia.id != ib.id else None
    if ctx.text_key(ia.text, "old") != ctx.text_key(ib.text, "new"):
        ctx.emit(
            "PD314",
            ChangeKind.INDICATOR_CHANGED,
            Message(f"指标 {ib.id} 文字变化。", f"indicator {ib.id}: wording changed."),
            old_pointer=f"{a.pointer}/text",
            new_pointer=f"{b.pointer}/text",
            id=ib.id,
            old_id=old_id,
            old=ia.text,
            new=ib.text,
            wording=word_diff(ia.text, ib.text),
        )
    if ia.kind != ib.kind:
        direction = Direction.UNKNOWN
        if ia.kind is not None and ib.kind is not None:
            direction = (
                Direction.STRONGER if ib.kind is IndicatorKind.QUANTITATIVE else Direction.WEAKER
            )
        ka = ia.kind.value if ia.kind else None
        kb = ib.kind.value if ib.kind else None
        ctx.emit(
            "PD314",
            ChangeKind.INDICATOR_CHANGED,
            Message(
                f"指标 {ib.id} 性质：{kind_zh(ia.kind)} → {kind_zh(ib.kind)}。",
                f"indicator {ib.id}: kind {ka or '—'} -> {kb or '—'}.",
            ),
            direction=direction,
            old_pointer=f"{a.pointer}/kind" if ia.kind else a.pointer,
            new_pointer=f"{b.pointer}/kind" if ib.kind else b.pointer,
            id=ib.id,
            old_id=old_id,
            old=ka,
            new=kb,
        )
    if (ia.note or "") != (ib.note or ""):
        ctx.emit(
            "PD314",
            ChangeKind.INDICATOR_CHANGED,
            Message(
                f"指标 {ib.id} 备注：{ia.note or '—'} → {ib.note or '—'}",
                f"indicator {ib.id}: note {ia.note or '—'} -> {ib.note or '—'}",
            ),
            old_pointer=f"{a.pointer}/note" if ia.note else a.pointer,
            new_pointer=f"{b.pointer}/note" if ib.note else b.pointer,
            id=ib.id,
            old_id=old_id,
            old=ia.note,
            new=ib.note,
        )
