"""PD215: vague wording with no number."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated, ClassVar

from annotated_types import MinLen

from perfdecl.model import Declaration
from perfdecl.model.frameworks import SATISFACTION
from perfdecl.model.rows import IndicatorRow, all_indicator_rows
from perfdecl.phrases.wording import duration_only, is_question, vague_summary
from perfdecl.problem import Message, Severity
from perfdecl.rules._util import QUALITATIVE_KIND, is_quantified
from perfdecl.rules.base import Finding, Rule, RuleOptions, RuleSettings
from perfdecl.rules.pd217_cost_unquantified import is_cost_row


@dataclass(frozen=True, slots=True)
class VagueOptions(RuleOptions):
    """``[tool.perfdecl.thresholds]`` keys of PD215."""

    extra_vague_words: tuple[Annotated[str, MinLen(1)], ...] = field(
        default=(),
        metadata={"description": "Words flagged as vague in addition to the built-in list."},
    )


class VagueWording(Rule):
    """An indicator that only says 进一步, 明显, 有效, 显著, 不断, 加强, 提升, 较好, 更加, 逐步 …
    and gives no number cannot be checked at the end of the year.

    Targets must be 细化量化. Say by how much and by when, or, if no number fits, say what
    observable state is reached. Extra words can be added with ``extra_vague_words``. Cost,
    satisfaction and question-form rows are left to PD217, PD222/PD223 and PD216.

    A qualitative (定性) row is read too, its 指标值 cell included: 定性 says no number is due,
    not that "稳步提高" can be judged; it needs a standard or graded levels (好/较好/一般/较差).
    A 指标值 cell that gives only a duration (长期, 长效) is read the same way: how long, not how
    well.

    Bad:

        indicators:
          - id: eff
            name: 效果指标
            groups:
              - name: 社会效益指标
                items:
                  - id: eff.soc.1
                    text: 居民阅读氛围进一步提升。

    Good:

        indicators:
          - id: eff
            name: 效果指标
            groups:
              - name: 社会效益指标
                items:
                  - id: eff.soc.1
                    text: 居民年人均借阅图书不少于2册。
    """

    code = "PD215"
    name = "vague-wording"
    severity = Severity.WARNING
    summary = Message(
        "指标用语模糊且没有数值（进一步、明显、有效……）", "Vague wording with no number"
    )

    options: ClassVar[type[RuleOptions] | None] = VagueOptions

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        extra = settings.of(VagueOptions).extra_vague_words
        for row in all_indicator_rows(decl):
            if is_quantified(row):
                continue
            if is_cost_row(row) or row.level2 == SATISFACTION:
                continue  # PD217 and PD222/PD223 say what is wrong there
            found = _vague(row, extra)
            if found is None or is_question(row.text):
                continue  # PD216 says what is wrong with a question (asked of vague rows only)
            words, offset, pointer = found
            yield Finding(
                pointer,
                _message(row.item.id, words, row.kind is QUALITATIVE_KIND),
                offset,  # offset and length by position: a keyword costs a fifth more
                len(words[0]),
            )


def _vague(row: IndicatorRow, extra: tuple[str, ...]) -> tuple[list[str], int, str] | None:
    """The distinct vague words of the wording, else of the 指标值 cell ("稳步提高"), the offset
    of the first, and the pointer."""
    found = vague_summary(row.text, extra)
    if found is not None:
        return found[0], found[1], row.text_pointer
    value = row.value_text
    if not value:
        return None
    if duration_only(value):  # "长期": how long, not how well
        return [value.strip()], len(value) - len(value.lstrip()), f"{row.pointer}/value_text"
    found = vague_summary(value, extra)
    return None if found is None else (found[0], found[1], f"{row.pointer}/value_text")


def _message(ident: str, words: list[str], qualitative: bool) -> Message:
    shown = "”“".join(words[:5])
    if qualitative:
        return Message(
            f"定性指标 {ident} 只有“{shown}”等模糊表述，没有可评判的标准。请写明评判标准，"
            "如达到的具体标准名称，或“好、较好、一般、较差”的分级及其含义。",
            f"The qualitative indicator {ident} only says {', '.join(words[:5])}, with no standard "
            "to judge it by; name the standard to reach, or grade it (好/较好/一般/较差) and say "
            "what each grade means.",
        )
    return Message(
        f"指标 {ident} 只有“{shown}”等模糊表述，没有可考核的数值。"
        "请写明具体目标值和计量单位，如“覆盖率≥95%”“不少于20场”。",
        f"{ident} only says {', '.join(words[:5])} and gives no number to check; "
        "state a target value with its unit, such as '覆盖率≥95%'.",
    )
