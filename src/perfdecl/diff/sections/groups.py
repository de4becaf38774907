"""The indicator table's groups: 一级 matched by id then wording, 二级 by canonical name inside
matched 一级."""

from __future__ import annotations

from perfdecl.diff.matching import Item, Pair, match
from perfdecl.diff.records import ChangeKind
from perfdecl.diff.sections.context import Context
from perfdecl.diff.text import pct
from perfdecl.model.rows import GroupRow, Level1Row, group_rows, level1_rows
from perfdecl.problem import Message

GroupMap = dict[tuple[int, int], tuple[int, int]]
"""(一级 index, 二级 index) in OLD -> the same in NEW, for matched 二级 groups."""


def level1(ctx: Context) -> tuple[list[Level1Row], list[Level1Row], list[Pair]]:
    """Match the 一级 rows and report renamed, added and removed ones."""
    lo = list(level1_rows(ctx.o))
    ln = list(level1_rows(ctx.n))

    def l1_item(row: Level1Row, side: str, position: int) -> Item:
        title = row.name.title or row.level1.name
        return Item(
            row.level1.id,
            ctx.text_key(title, side),
            row.canonical or row.level1.name,
            position=position,
        )

    l1_pairs = match(
        [l1_item(r, "old", i) for i, r in enumerate(lo)],
        [l1_item(r, "new", j) for j, r in enumerate(ln)],
        ctx.options.similarity,
    )
    l1_map = {p.old: p.new for p in l1_pairs}
    for p in l1_pairs:
        _level1_pair(ctx, lo[p.old], ln[p.new], p)
    for j, r in enumerate(ln):
        if j not in l1_map.values():
            ctx.emit(
                "PD340",
                ChangeKind.GROUP_ADDED,
                Message(
                    f"新增一级指标 {r.level1.id}：{r.level1.name}",
                    f"level-1 {r.level1.id} added: {r.level1.name}",
                ),
                new_pointer=r.pointer,
                id=r.level1.id,
                new=r.level1.name,
            )
    for i, r in enumerate(lo):
        if i not in l1_map:
            ctx.emit(
                "PD341",
                ChangeKind.GROUP_REMOVED,
                Message(
                    f"删除了一级指标 {r.level1.id}：{r.level1.name}",
                    f"level-1 {r.level1.id} removed: {r.level1.name}",
                ),
                old_pointer=r.pointer,
                anchor="/indicators",
                id=r.level1.id,
                old=r.level1.name,
            )
    return lo, ln, l1_pairs


def _level1_pair(ctx: Context, a: Level1Row, b: Level1Row, p: Pair) -> None:
    """PD342 for a matched 一级 whose id, name or goal changed."""
    notes_zh: list[str] = []
    notes_en: list[str] = []
    if a.level1.id != b.level1.id:
        notes_zh.append(f"编号 {a.level1.id} → {b.level1.id}（相似度 {pct(p.score)}）")
        notes_en.append(f"id {a.level1.id} -> {b.level1.id} (similarity {pct(p.score)})")
    if ctx.text_key(a.level1.name, "old") != ctx.text_key(b.level1.name, "new"):
        notes_zh.append(f"名称 {a.level1.name} → {b.level1.name}")
        notes_en.append(f"name {a.level1.name} -> {b.level1.name}")
    goal_a = ctx.goal_map.get(a.level1.goal, a.level1.goal) if a.level1.goal else None
    if goal_a != b.level1.goal:
        notes_zh.append(f"对应目标 {a.level1.goal or '—'} → {b.level1.goal or '—'}")
        notes_en.append(f"goal {a.level1.goal or '—'} -> {b.level1.goal or '—'}")
    if notes_zh:
        ctx.emit(
            "PD342",
            ChangeKind.GROUP_RENAMED,
            Message(
                f"一级指标 {b.level1.id}：" + "；".join(notes_zh) + "。",
                f"level-1 {b.level1.id}: " + "; ".join(notes_en) + ".",
            ),
            old_pointer=a.pointer,
            new_pointer=b.pointer,
            id=b.level1.id,
            old_id=a.level1.id if a.level1.id != b.level1.id else None,
            old=a.level1.name,
            new=b.level1.name,
            score=p.score,
        )


def level2(
    ctx: Context, lo: list[Level1Row], ln: list[Level1Row], l1_pairs: list[Pair]
) -> GroupMap:
    """Match the 二级 groups inside each matched 一级; report renamed, added and removed ones."""
    go = list(group_rows(ctx.o))
    gn = list(group_rows(ctx.n))
    group_map: GroupMap = {}
    for p in l1_pairs:
        olds = [g for g in go if g.parent.index == p.old]
        news = [g for g in gn if g.parent.index == p.new]
        _level2_within(ctx, olds, news, lo[p.old], ln[p.new], group_map)
    return group_map


def _level2_within(
    ctx: Context,
    olds: list[GroupRow],
    news: list[GroupRow],
    old_l1: Level1Row,
    new_l1: Level1Row,
    group_map: GroupMap,
) -> None:
    """The 二级 groups of one matched 一级, by canonical name (any similarity)."""
    pairs = match(
        [Item(None, g.group.name, g.canonical or g.group.name, position=g.index) for g in olds],
        [Item(None, g.group.name, g.canonical or g.group.name, position=g.index) for g in news],
        0.0,
    )
    for gp in pairs:
        ga, gb = olds[gp.old], news[gp.new]
        group_map[(ga.parent.index, ga.index)] = (gb.parent.index, gb.index)
        if ga.group.name != gb.group.name:
            ctx.emit(
                "PD342",
                ChangeKind.GROUP_RENAMED,
                Message(
                    f"二级指标更名：{ga.group.name} → {gb.group.name}（{new_l1.level1.name}）",
                    f"level-2 renamed: {ga.group.name} -> {gb.group.name} ({new_l1.level1.id})",
                ),
                old_pointer=f"{ga.pointer}/name",
                new_pointer=f"{gb.pointer}/name",
                id=new_l1.level1.id,
                old=ga.group.name,
                new=gb.group.name,
            )
    kept_new = {gp.new for gp in pairs}
    kept_old = {gp.old for gp in pairs}
    for k, g in enumerate(news):
        if k not in kept_new:
            ctx.emit(
                "PD340",
                ChangeKind.GROUP_ADDED,
                Message(
                    f"新增二级指标：{g.group.name}（{new_l1.level1.name}）",
                    f"level-2 added: {g.group.name} ({new_l1.level1.id})",
                ),
                new_pointer=g.pointer,
                id=new_l1.level1.id,
                new=g.group.name,
            )
    for k, g in enumerate(olds):
        if k not in kept_old:
            ctx.emit(
                "PD341",
                ChangeKind.GROUP_REMOVED,
                Message(
                    f"删除了二级指标：{g.group.name}（{old_l1.level1.name}）",
                    f"level-2 removed: {g.group.name} ({old_l1.level1.id})",
                ),
                old_pointer=g.pointer,
                anchor=new_l1.pointer,
                id=new_l1.level1.id,
                old=g.group.name,
            )
