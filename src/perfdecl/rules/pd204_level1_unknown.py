"""PD204: a 一级 indicator that the declared framework does not have."""

from __future__ import annotations

from collections.abc import Iterator

from perfdecl.model import Declaration
from perfdecl.model.frameworks import spec
from perfdecl.model.rows import all_level1_rows
from perfdecl.problem import Message, Severity, shorten
from perfdecl.rules.base import ALL_KINDS, Finding, Rule, RuleSettings


class Level1OutsideFramework(Rule):
    """Every 一级 must be one the declared framework defines (synonyms allowed).

    The Beijing 2019 form has 产出指标一…N and 效果指标; the classic national framework has
    产出, 效益 and 满意度; the central 2021 guideline adds 成本. A 一级 outside the framework
    (or one the framework lacks, such as 成本指标 in the Beijing form) will not load into the
    budget system. Synonyms seen in real forms are accepted: 效果指标 = 效益指标.

    Bad:

        indicators:
          - id: x
            name: 管理指标
            groups: []

    Good:

        indicators:
          - id: eff
            name: 效果指标
            groups: []
    """

    code = "PD204"
    kinds = ALL_KINDS
    name = "level1-outside-framework"
    severity = Severity.ERROR
    summary = Message(
        "一级指标不属于所申报的指标体系", "A 一级 indicator is not in the declared framework"
    )

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        fw = spec(decl.framework)
        for row in all_level1_rows(decl):
            if row.canonical in fw.level2:
                continue
            allowed = "、".join(fw.label(level1) for level1 in fw.level1)  # only for a finding
            yield Finding(
                f"{row.pointer}/name",
                Message(
                    f"一级指标“{shorten(row.level1.name)}”不属于{fw.title_zh}。该体系的一级指标为：{allowed}。"
                    "请改用其中之一，或把 framework 改为实际采用的指标体系。",
                    f"The 一级 indicator {shorten(row.level1.name)!r} is not part of the {fw.title_en}; "
                    f"its 一级 are {allowed}. Use one of them, or set framework to the one "
                    "the table follows.",
                ),
            )
