"""PD236: the same id used twice."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl.model import Declaration
from perfdecl.problem import Message, Severity
from perfdecl.rules.base import ALL_KINDS, Finding, Rule, RuleSettings


class DuplicateId(Rule):
    """Ids of goals, 一级 rows and indicators are unique in the file: diff matches rows by id
    across years, and a repeated id makes one row shadow another.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出数量指标
                items:
                  - id: out1.qty.1
                    text: 全年发放借书证不低于50张；
                  - id: out1.qty.1
                    text: 全年开展培训不少于25场；

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好图书借阅服务
            groups:
              - name: 产出数量指标
                items:
                  - id: out1.qty.1
                    text: 全年发放借书证不低于50张；
                  - id: out1.qty.2
                    text: 全年开展培训不少于25场；
    """

    code = "PD236"
    kinds = ALL_KINDS
    name = "duplicate-id"
    severity = Severity.ERROR
    summary = Message("编号重复", "An id is used twice")

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        if not _repeats(decl):
            return  # most files: no id is used twice, known from the ids alone
        # Where each id stands, as indices: a pointer is written only for a repeated id and
        # the place it was first seen (formatting one for every row was most of the rule).
        ids: list[tuple[str, tuple[int, ...]]] = []
        if decl.goals is not None:
            ids += [(s.id, (i,)) for i, s in enumerate(decl.goals.strands)]
        for i, l1 in enumerate(decl.indicators):
            ids.append((l1.id, (i, -1)))
            for j, group in enumerate(l1.groups):
                ids += [(item.id, (i, j, k)) for k, item in enumerate(group.items)]
        seen: dict[str, tuple[int, ...]] = {}
        for ident, place in ids:
            first = seen.get(ident)
            if first is None:
                seen[ident] = place
                continue
            pointer, first_pointer = _pointer(place), _pointer(first)
            yield Finding(
                pointer,
                Message(
                    f"编号 {ident} 重复（首次出现于 {first_pointer}）。请改用唯一的编号，"
                    "跨年度比对依靠编号匹配。",
                    f"The id {ident!r} is used again (first at {first_pointer}); ids must be "
                    "unique, diff matches rows by id.",
                ),
            )


def _repeats(decl: Declaration) -> bool:
    """True when some id of the goal strands, the 一级 rows and their indicators (the ids the
    rule compares) is used twice."""
    ids = [s.id for s in decl.goals.strands] if decl.goals is not None else []
    for l1 in decl.indicators:
        ids.append(l1.id)
        for group in l1.groups:
            ids += [item.id for item in group.items]
    return len(set(ids)) != len(ids)


def _pointer(place: tuple[int, ...]) -> str:
    """The JSON pointer of the id at ``place``: (i,) a goal strand, (i, -1) a 一级 indicator,
    (i, j, k) an indicator row."""
    if len(place) == 1:
        return f"/goals/strands/{place[0]}/id"
    if len(place) == 2:
        return f"/indicators/{place[0]}/id"
    return f"/indicators/{place[0]}/groups/{place[1]}/items/{place[2]}/id"
