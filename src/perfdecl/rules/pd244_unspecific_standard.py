"""PD244: a quality row that cites "the relevant requirements" and names no standard."""

from __future__ import annotations

import re
from collections.abc import Iterator

from perfdecl.model import Declaration
from perfdecl.model.frameworks import QUALITY
from perfdecl.model.rows import IndicatorRow, all_indicator_rows
from perfdecl.problem import Message, Severity
from perfdecl.rules.base import Finding, Rule, RuleSettings

UNSPECIFIC = re.compile(
    r"(?:符合|达到|满足|按照|依照)[^，。；;,《》]{0,12}?(?:相关|有关)(?:政策)?(?:要求|规定|标准|政策)"
)
"""符合各级政府制定的相关政策要求, 按照有关规定, 达到相关标准: a standard referred to, not named."""

OWN_PLAN = ("方案", "计划", "合同", "协议")
"""按照项目年度实施方案中相关要求: the project's own plan or contract is a named document."""


class UnspecificStandard(Rule):
    """A 质量 (quality) target that only says it complies with "the relevant requirements"
    cannot be checked: which requirements? Name the standard (《…》), or state the measure.

    The same sentence copied onto several rows is reported once, the copies as related
    locations. A row that names its standard in 《》, or the project's own plan or contract
    (按照项目年度实施方案中相关要求), is accepted.

    Bad:

        indicators:
          - id: out1
            name: 产出指标一：做好政务信息公开
            groups:
              - name: 产出质量指标
                items:
                  - id: out1.qual.1
                    text: 信息公开符合各级政府制定的相关政策要求。

    Good:

        indicators:
          - id: out1
            name: 产出指标一：做好政务信息公开
            groups:
              - name: 产出质量指标
                items:
                  - id: out1.qual.1
                    text: 信息公开符合《中华人民共和国政府信息公开条例》，按期公开率100%。
    """

    code = "PD244"
    name = "unspecific-standard"
    severity = Severity.WARNING
    summary = Message(
        "质量指标只写“符合相关要求”，没有写明是哪项标准",
        "A quality row cites 'the relevant requirements' and names no standard",
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        copies: dict[str, list[tuple[IndicatorRow, int]]] = {}
        for row in all_indicator_rows(decl):
            if row.level2 != QUALITY or "《" in row.text:
                continue
            m = UNSPECIFIC.search(row.text[:2000])
            if m is not None and not any(w in m.group() for w in OWN_PLAN):
                copies.setdefault(m.group(), []).append((row, m.start()))
        for phrase, rows in copies.items():
            (first, offset), others = rows[0], [row for row, _ in rows[1:]]
            ids = "、".join(row.item.id for row, _ in rows)
            yield Finding(
                first.text_pointer,
                Message(
                    f"质量指标 {ids} 只写“{phrase}”，没有写明是哪项标准或规定。"
                    "请写明标准名称（《…》）或可检验的质量要求，如“按期公开率100%”。",
                    f"The quality row(s) {', '.join(r.item.id for r, _ in rows)} only say "
                    f"{phrase!r} (complies with the relevant requirements) and name no "
                    "standard; name it (《…》) or state a checkable measure.",
                ),
                offset=offset,
                length=len(phrase),
                related=tuple(row.text_pointer for row in others),
            )
