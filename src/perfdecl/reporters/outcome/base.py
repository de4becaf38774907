"""Outcome output formats as a name -> class table (``perfdecl outcome --format``), and the
one view of a row every format shows (verdict, targets, gap, points and scores as text)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar, TextIO

from perfdecl.outcome import FailOn, OutcomeResult, RowOutcome, Status
from perfdecl.outcome.messages import gap_text
from perfdecl.outcome.records import Change, ExecutionOutcome
from perfdecl.phrases.verdict import show_number
from perfdecl.problem import Lang
from perfdecl.reporters.base import registered

OUTCOME_REPORTERS: dict[str, str] = {
    "text": "perfdecl.reporters.outcome.text:OutcomeTextReporter",
    "json": "perfdecl.reporters.outcome.json:OutcomeJsonReporter",
    "markdown": "perfdecl.reporters.outcome.markdown:OutcomeMarkdownReporter",
    "html": "perfdecl.reporters.outcome.html:OutcomeHtmlReporter",
    "csv": "perfdecl.reporters.outcome.csv:OutcomeCsvReporter",
}


class OutcomeReporter:
    """Base class: one call to :meth:`report` with the results of every pair."""

    name: ClassVar[str]
    description: ClassVar[str] = ""

    def __init__(
        self,
        stream: TextIO,
        *,
        lang: Lang = "en",
        color: bool | None = None,
        fail_on: frozenset[FailOn] = frozenset(),
    ) -> None:
        self.stream = stream
        self.lang: Lang = lang
        self.color = color
        self.fail_on = fail_on

    def report(self, results: list[OutcomeResult]) -> None:
        raise NotImplementedError


def get_outcome_reporter(name: str) -> type[OutcomeReporter]:
    """The outcome reporter class registered under ``name`` (KeyError if there is none)."""
    return registered(OUTCOME_REPORTERS, name, OutcomeReporter)


STATUS_LABELS: dict[Status, tuple[str, str]] = {
    Status.MET: ("已完成", "met"),
    Status.MISSED: ("未完成", "missed"),
    Status.NOT_COMPARABLE: ("无法比较", "not comparable"),
    Status.QUALITATIVE: ("定性", "qualitative"),
    Status.NOT_EVALUATED: ("未自评", "not evaluated"),
    Status.UNDECLARED: ("未申报", "not declared"),
}

CHANGE_LABELS: dict[Change, tuple[str, str]] = {
    Change.SAME: ("", ""),
    Change.CHANGED: ("已改动", "changed"),
    Change.ADJUSTED: ("年中调整", "adjusted"),
}

HEADERS: tuple[tuple[str, str], ...] = (
    ("编号", "Id"),
    ("指标", "Indicator"),
    ("申报指标值", "Declared"),
    ("自评指标值", "Evaluated"),
    ("实际完成值", "Actual"),
    ("结论", "Verdict"),
    ("差距", "Gap"),
    ("分值", "Points"),
    ("自评得分", "Self-score"),
    ("重算得分", "Score"),
)


def label(status: Status, lang: Lang) -> str:
    zh, en = STATUS_LABELS[status]
    return zh if lang == "zh" else en


def score(value: Decimal | None) -> str:
    """A score or points as shown: two decimals at most, no trailing zeros ("" when None)."""
    return "" if value is None else show_number(value.quantize(Decimal("0.01")))


def percent(rate: Decimal | None) -> str:
    return "" if rate is None else f"{score(rate * 100)}%"


@dataclass(frozen=True, slots=True)
class RowView:
    """A row as every format shows it, in one language."""

    id: str
    text: str
    declared: str
    evaluated: str  # only when it differs from the declared target, with its change label
    actual: str
    status: Status
    verdict: str
    gap: str
    points: str
    self_score: str
    score: str

    def cells(self) -> tuple[str, ...]:
        return (
            self.id,
            self.text,
            self.declared,
            self.evaluated,
            self.actual,
            self.verdict,
            self.gap,
            self.points,
            self.self_score,
            self.score,
        )


def short(text: str, limit: int = 24) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first if len(first) <= limit else first[: limit - 1] + "…"


def view(row: RowOutcome, lang: Lang) -> RowView:
    zh = lang == "zh"
    gaps = [gap_text(j)[0 if zh else 1] for j in row.judged if j.status is Status.MISSED]
    if len(gaps) > 1:
        gaps = [gaps[0] + (f" 等 {len(gaps)} 项" if zh else f" and {len(gaps) - 1} more")]
    changed = CHANGE_LABELS[row.change][0 if zh else 1]
    evaluated = (
        f"{row.evaluated}（{changed}）"
        if changed and zh
        else (f"{row.evaluated} ({changed})" if changed else "")
    )
    points = score(row.points) + ("*" if row.points_assumed and row.points is not None else "")
    return RowView(
        row.id,
        short(row.text),
        short(row.declared, 30),
        short(evaluated, 30),
        short(row.actual, 30),
        row.status,
        label(row.status, lang),
        gaps[0] if gaps else "",
        points,
        score(row.self_score),
        score(row.score),
    )


def execution_line(ex: ExecutionOutcome, lang: Lang) -> str:
    """预算执行 in one sentence."""
    printed = f"（表上印 {ex.printed_rate}）" if ex.printed_rate else ""
    printed_en = f" (printed {ex.printed_rate})" if ex.printed_rate else ""
    if lang == "zh":
        return (
            f"预算执行：全年预算数 {score(ex.budget)}{ex.unit}，全年执行数 {score(ex.spent)}{ex.unit}，"
            f"执行率 {percent(ex.rate) or '—'}{printed}；分值 {score(ex.points)}，"
            f"自评 {score(ex.self_score) or '—'}，重算 {score(ex.score) or '—'}。"
        )
    return (
        f"Budget execution: budget {score(ex.budget)} {ex.unit}, spent {score(ex.spent)} {ex.unit}, "
        f"rate {percent(ex.rate) or '-'}{printed_en}; points {score(ex.points)}, self-score "
        f"{score(ex.self_score) or '-'}, recomputed {score(ex.score) or '-'}."
    )


def counts_line(result: OutcomeResult, lang: Lang) -> str:
    """How many rows of each verdict, and the totals."""
    parts = [
        f"{result.count(s)} {label(s, lang)}"
        for s in Status
        if result.count(s) or s in (Status.MET, Status.MISSED)
    ]
    total_self = score(result.self_total) or "—"
    total = score(result.total) or "—"
    partial = "" if result.complete else ("（不完整）" if lang == "zh" else " (partial)")
    if lang == "zh":
        return (
            f"{len(result.rows)} 项指标：{'，'.join(parts)}；自评总分 {total_self}，"
            f"重算总分 {total}{partial}。"
        )
    return (
        f"{len(result.rows)} indicators: {', '.join(parts)}; self-score {total_self}, "
        f"recomputed {total}{partial}."
    )


def assumed_note(result: OutcomeResult, lang: Lang) -> str | None:
    """The footnote for points assumed from the scoring rule's weights."""
    if not any(r.points_assumed for r in result.rows):
        return None
    weights = "、".join(f"{k} {show_number(v)}" for k, v in result.scoring.weights)
    if lang == "zh":
        return f"* 表上未印分值：按评分规则的权重（{weights}）平均分配到各行。"
    return f"* No points printed: the scoring rule's weights ({weights}) are shared equally."
