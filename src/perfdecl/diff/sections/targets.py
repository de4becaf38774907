"""The targets of one matched indicator: changed (with a direction), added, removed; PD306."""

from __future__ import annotations

from dataclasses import replace

from perfdecl.diff.codes import DIFF_CODES
from perfdecl.diff.direction import DIRECTION_WORDS, show_target, target_direction
from perfdecl.diff.matching import match_targets
from perfdecl.diff.records import Change, ChangeKind, Direction, TargetView
from perfdecl.diff.sections.context import Context
from perfdecl.model import Direction as Sense
from perfdecl.model.rows import IndicatorRow
from perfdecl.phrases.polarity import lower_is_better
from perfdecl.problem import Message


def targets(ctx: Context, a: IndicatorRow, b: IndicatorRow) -> None:
    ta, tb = a.item.targets, b.item.targets
    pairs = match_targets(ta, tb)
    ib = b.item
    old_id = a.item.id if a.item.id != ib.id else None
    for i, j in pairs:
        x, y = ta[i], tb[j]
        name = y.name or x.name or (ib.text if len(tb) == 1 else None)
        sense = ib.direction or a.item.direction  # the row's 指标方向, else its name's
        if sense is None and lower_is_better(name):
            sense = Sense.NEGATIVE
        direction = target_direction(x, y, ctx.shift, sense)
        if direction is None:
            continue
        code = {
            Direction.STRONGER: "PD320",
            Direction.WEAKER: "PD301",
            Direction.NOT_COMPARABLE: "PD303",
        }.get(direction, "PD321")
        name = y.name or x.name or f"#{j + 1}"
        word_zh, word_en = DIRECTION_WORDS[direction]
        sx, sy = show_target(x), show_target(y)
        change = ctx.emit(
            code,
            ChangeKind.TARGET_CHANGED,
            Message(
                f"{ib.id} {name}：{sx} → {sy}，{word_zh}。",
                f"{ib.id} {name}: {show_target(x, 'en')} -> {show_target(y, 'en')}, {word_en}.",
            ),
            direction=direction,
            old_pointer=f"{a.pointer}/targets/{i}",
            new_pointer=f"{b.pointer}/targets/{j}",
            id=ib.id,
            old_id=old_id,
            old=sx,
            new=sy,
            old_target=TargetView.of(x),
            new_target=TargetView.of(y),
        )
        _note_check(ctx, change, b)
    matched_b = {j for _, j in pairs}
    matched_a = {i for i, _ in pairs}
    for j, y in enumerate(tb):
        if j not in matched_b:
            name = y.name or f"#{j + 1}"
            ctx.emit(
                "PD322",
                ChangeKind.TARGET_ADDED,
                Message(
                    f"{ib.id} 新增指标值 {name}：{show_target(y)}。",
                    f"{ib.id}: target {name} added: {show_target(y, 'en')}.",
                ),
                direction=Direction.STRONGER,
                new_pointer=f"{b.pointer}/targets/{j}",
                id=ib.id,
                old_id=old_id,
                new=show_target(y),
                new_target=TargetView.of(y),
            )
    for i, x in enumerate(ta):
        if i not in matched_a:
            name = x.name or f"#{i + 1}"
            change = ctx.emit(
                "PD307",
                ChangeKind.TARGET_REMOVED,
                Message(
                    f"{ib.id} 删除了指标值 {name}：{show_target(x)}。",
                    f"{ib.id}: target {name} removed: {show_target(x, 'en')}.",
                ),
                direction=Direction.WEAKER,
                old_pointer=f"{a.pointer}/targets/{i}",
                anchor=b.pointer,
                id=ib.id,
                old_id=old_id,
                old=show_target(x),
                old_target=TargetView.of(x),
            )
            _note_check(ctx, change, b)


def _note_check(ctx: Context, change: Change, b: IndicatorRow) -> None:
    """PD306: a recurring target got weaker and NEW gives no note saying why."""
    if change.direction is not Direction.WEAKER or (b.item.note or "").strip():
        return
    ctx.findings.append(
        replace(
            change,
            code="PD306",
            kind=ChangeKind.FINDING,
            severity=DIFF_CODES["PD306"].severity,
            message=Message(
                f"{b.item.id}：延续的指标值降低，但未在 note（备注）中说明理由。",
                f"{b.item.id}: a recurring target got weaker and the indicator has no note "
                "explaining why.",
            ),
            wording=(),
        )
    )
