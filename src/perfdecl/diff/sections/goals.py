"""Goal strands (绩效目标): matched by id, then by wording; renamed, changed, added, removed."""

from __future__ import annotations

from perfdecl.diff.matching import Item, match
from perfdecl.diff.records import ChangeKind, Direction
from perfdecl.diff.sections.context import Context
from perfdecl.diff.text import pct, short, word_diff
from perfdecl.problem import Message


def goals(ctx: Context) -> None:
    so = ctx.o.goals.strands if ctx.o.goals else []
    sn = ctx.n.goals.strands if ctx.n.goals else []
    old_items = [
        Item(s.id, ctx.text_key(s.text, "old"), None, position=i) for i, s in enumerate(so)
    ]
    new_items = [
        Item(s.id, ctx.text_key(s.text, "new"), None, position=j) for j, s in enumerate(sn)
    ]
    pairs = match(old_items, new_items, ctx.options.similarity)
    matched_old = {p.old for p in pairs}
    matched_new = {p.new for p in pairs}
    for p in pairs:
        a, b = so[p.old], sn[p.new]
        ctx.goal_map[a.id] = b.id
        op, np_ = f"/goals/strands/{p.old}", f"/goals/strands/{p.new}"
        if a.id != b.id:
            ctx.emit(
                "PD332",
                ChangeKind.GOAL_RENAMED,
                Message(
                    f"绩效目标编号 {a.id} → {b.id}（文字相似度 {pct(p.score)}）。",
                    f"goal strand id {a.id} -> {b.id} (wording similarity {pct(p.score)}).",
                ),
                old_pointer=op,
                new_pointer=np_,
                id=b.id,
                old_id=a.id,
                old=a.id,
                new=b.id,
                score=p.score,
            )
        if old_items[p.old].text != new_items[p.new].text:
            ctx.emit(
                "PD333",
                ChangeKind.GOAL_CHANGED,
                Message(f"绩效目标 {b.id} 文字变化。", f"goal strand {b.id}: wording changed."),
                old_pointer=f"{op}/text",
                new_pointer=f"{np_}/text",
                id=b.id,
                old_id=a.id if a.id != b.id else None,
                old=a.text,
                new=b.text,
                wording=word_diff(a.text, b.text),
            )
    for j, s in enumerate(sn):
        if j not in matched_new:
            ctx.emit(
                "PD330",
                ChangeKind.GOAL_ADDED,
                Message(
                    f"新增绩效目标 {s.id}：{short(s.text)}",
                    f"goal strand {s.id} added: {short(s.text)}",
                ),
                new_pointer=f"/goals/strands/{j}",
                id=s.id,
                new=s.text,
            )
    for i, s in enumerate(so):
        if i not in matched_old:
            ctx.emit(
                "PD331",
                ChangeKind.GOAL_REMOVED,
                Message(
                    f"删除了绩效目标 {s.id}：{short(s.text)}",
                    f"goal strand {s.id} removed: {short(s.text)}",
                ),
                direction=Direction.WEAKER,
                old_pointer=f"/goals/strands/{i}",
                anchor="/goals/strands" if sn else "",
                id=s.id,
                old=s.text,
            )


# -- the indicator table --
