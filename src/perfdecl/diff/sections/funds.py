"""Money: the funds table and the project's amount (万元), with delta and percent change."""

from __future__ import annotations

from decimal import Decimal

from perfdecl.diff.direction import relative_change
from perfdecl.diff.records import ChangeKind, num, signed
from perfdecl.diff.sections.context import Context
from perfdecl.problem import Message

_FUNDS: tuple[tuple[str, str, str], ...] = (
    ("total", "资金总额", "total"),
    ("basic", "基本支出", "basic expenditure"),
    ("project", "项目支出", "project expenditure"),
    ("other", "其他", "other"),
)


def funds(ctx: Context) -> None:
    fo, fn = ctx.o.funds, ctx.n.funds
    rows: list[tuple[str, str, str, Decimal | None, Decimal | None]] = [
        (
            f"/funds/{name}",
            zh,
            en,
            getattr(fo, name) if fo else None,
            getattr(fn, name) if fn else None,
        )
        for name, zh, en in _FUNDS
    ]
    po, pn = ctx.o.project, ctx.n.project
    rows.append(
        (
            "/project/amount",
            "项目资金",
            "project amount",
            po.amount if po else None,
            pn.amount if pn else None,
        )
    )
    for pointer, zh, en, a, b in rows:
        if a == b:
            continue
        delta = percent = None
        if a is not None and b is not None:
            d = b - a
            delta = signed(d)
            p = relative_change(a, b)
            percent = None if p is None else signed(p) + "%"
        tail_zh = f"，{delta}" + (f"，{percent}" if percent else "") if delta else ""
        tail_en = f", {delta}" + (f", {percent}" if percent else "") if delta else ""
        sa = num(a) if a is not None else None
        sb = num(b) if b is not None else None
        ctx.emit(
            "PD310",
            ChangeKind.FUNDS,
            Message(
                f"{zh}（万元）：{sa or '—'} → {sb or '—'}{tail_zh}",
                f"{en} (万元): {sa or '—'} -> {sb or '—'}{tail_en}",
            ),
            old_pointer=pointer if a is not None else None,
            new_pointer=pointer if b is not None else None,
            anchor="/funds" if pointer.startswith("/funds") else "/project",
            old=sa,
            new=sb,
            delta=delta,
            percent=percent,
        )


# -- goals --
