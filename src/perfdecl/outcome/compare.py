"""A declaration against its self-evaluation: rows paired, each target judged, scores recomputed.

Rows are paired as ``perfdecl diff`` pairs them (:func:`perfdecl.diff.matching.match`: by id, then
by wording within the same canonical 一级/二级). Every verdict is taken against the *declared*
target; the self-evaluation's own 年度指标值 is only compared with it (PD502, PD503).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from decimal import Decimal

from perfdecl.diff.matching import Item, match
from perfdecl.diff.records import Side
from perfdecl.diff.text import normalize
from perfdecl.model import Declaration, Indicator
from perfdecl.model.rows import IndicatorRow, indicator_rows
from perfdecl.model.selfeval import EvalIndicator, SelfEvaluation
from perfdecl.outcome.codes import CODES
from perfdecl.outcome.messages import (
    changed_message,
    missed_message,
    not_comparable_message,
    score_message,
    total_message,
)
from perfdecl.outcome.records import Change, ExecutionOutcome, OutcomeResult, RowOutcome
from perfdecl.outcome.scoring import DEFAULT_SCORING, Credit, ScoringRule, earned
from perfdecl.phrases.verdict import (
    Goal,
    Judged,
    Status,
    actuals_of,
    goals_of,
    judge,
    row_status,
    show_number,
)
from perfdecl.problem import Message, Problem, shorten

SIMILARITY = 0.6
"""Least wording similarity for rows paired without a common id (as ``perfdecl diff``)."""


class OutcomeError(ValueError):
    """The files cannot be compared: the second is not a self-evaluation, or the first is."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


class _Emit:
    """Problems located in one of the two files."""

    def __init__(self, decl: Side, selfeval: Side) -> None:
        self.sides = {"decl": decl, "eval": selfeval}
        self.problems: list[Problem] = []

    def __call__(self, code: str, message: Message, side: str, pointer: str) -> None:
        where = self.sides[side]
        _, span = where.source.nearest(pointer)
        self.problems.append(
            Problem(
                code,
                CODES[code].severity,
                message,
                where.file,
                span.line if span else None,
                span.column if span else None,
                span.end_line if span else None,
                span.end_column if span else None,
                pointer,
            )
        )

    def line(self, side: str, pointer: str) -> int | None:
        _, span = self.sides[side].source.nearest(pointer)
        return span.line if span else None


def _bucket(r: IndicatorRow) -> Hashable:
    return (r.level1 or r.group_row.parent.level1.name, r.level2 or r.group_row.group.name)


def category(r: IndicatorRow) -> str:
    """The indicator kind a summary groups by: canonical 二级, else canonical 一级, else printed."""
    return r.level2 or r.level1 or r.group_row.group.name or r.group_row.parent.level1.name


def _weight_kind(r: IndicatorRow, scoring: ScoringRule) -> str | None:
    """Which weight of the scoring rule a row shares: 满意度, 产出 (成本 with it unless listed), 效益."""
    if r.level2 == "服务对象满意度" or r.level1 == "满意度":
        return "满意度"
    if r.level1 == "成本" and scoring.weight_of("成本") is None:
        return "产出"
    return r.level1


def _assumed_points(rows: list[IndicatorRow], scoring: ScoringRule) -> dict[int, Decimal]:
    """Row index -> points, the weight of its kind shared equally (no row prints 分值)."""
    kinds = [_weight_kind(r, scoring) for r in rows]
    counts = Counter(k for k in kinds if k is not None)
    out: dict[int, Decimal] = {}
    for k, kind in enumerate(kinds):
        weight = scoring.weight_of(kind) if kind is not None else None
        if weight is not None:
            out[k] = weight / counts[kind]  # type: ignore[index]
    return out


def _show(goals: tuple[Goal, ...], fallback: str | None) -> str:
    return "；".join(g.show() for g in goals) if goals else (fallback or "")


def _actual_text(item: EvalIndicator) -> str:
    """The value achieved as shown: the printed cell, or each target's result in order."""
    if item.results:
        return "；".join(
            (r.text or "") if r.value is None else f"{show_number(r.value)}{r.unit or ''}"
            for r in item.results
        )
    if item.actual is not None:
        return item.actual
    return show_number(item.actual_value) if item.actual_value is not None else ""


def _change(declared: Indicator, evaluated: EvalIndicator) -> Change:
    """Whether the self-evaluation repeats the declared target (PD502/PD503)."""
    mine, theirs = goals_of(declared), goals_of(evaluated)
    if not theirs and not evaluated.value_text and not evaluated.targets:
        return Change.SAME  # the form does not repeat the target: nothing to compare
    if mine or theirs:
        same = Counter(g.key() for g in mine) == Counter(g.key() for g in theirs)
    else:
        same = normalize(declared.value_text) == normalize(evaluated.value_text)
    if same:
        return Change.SAME
    if evaluated.value_initial is not None:
        initial = EvalIndicator(
            id=evaluated.id,
            text=evaluated.text,  # the name may say lower is better (= read as at most)
            value_text=evaluated.value_initial,
            nature=evaluated.nature,
            unit=evaluated.unit,
            direction=evaluated.direction,
        )
        if Counter(g.key() for g in goals_of(initial)) == Counter(g.key() for g in mine):
            return Change.ADJUSTED
    return Change.CHANGED


def _score(
    status: Status,
    judged: list[Judged],
    points: Decimal | None,
    self_score: Decimal | None,
    scoring: ScoringRule,
) -> Decimal | None:
    credit = {
        Status.MET: scoring.met,
        Status.MISSED: scoring.missed,
        Status.QUALITATIVE: scoring.qualitative,
        Status.NOT_COMPARABLE: scoring.not_comparable,
    }[status]
    if credit is Credit.SELF and self_score is None:
        return None
    comparable = [j.share for j in judged if j.status in (Status.MET, Status.MISSED)]
    share = sum(comparable, Decimal(0)) / len(comparable) if comparable else Decimal(1)
    return earned(credit, points, share, self_score)


class _Comparison:
    """The state of one comparison while rows are judged."""

    def __init__(self, decl: Side, selfeval: Side, scoring: ScoringRule) -> None:
        self.d = decl.declaration
        evaluated = selfeval.declaration
        assert isinstance(evaluated, SelfEvaluation)
        self.s = evaluated
        self.scoring = scoring
        self.emit = _Emit(decl, selfeval)
        self.rows_d = list(indicator_rows(self.d))
        self.rows_s = list(indicator_rows(self.s))
        printed = any(r.item.points is not None for r in (*self.rows_d, *self.rows_s))
        self.assumed = {} if printed else _assumed_points(self.rows_d, scoring)

    def pair(self) -> list[tuple[int | None, int | None]]:
        year = self.d.year
        old = [
            Item(r.item.id, normalize(r.item.text, year), _bucket(r), None, k)
            for k, r in enumerate(self.rows_d)
        ]
        new = [
            Item(r.item.id, normalize(r.item.text, self.s.year), _bucket(r), None, k)
            for k, r in enumerate(self.rows_s)
        ]
        pairs = match(old, new, SIMILARITY)
        out: list[tuple[int | None, int | None]] = [(p.old, p.new) for p in pairs]
        matched_d = {p.old for p in pairs}
        matched_s = {p.new for p in pairs}
        out += [(k, None) for k in range(len(self.rows_d)) if k not in matched_d]
        out += [(None, k) for k in range(len(self.rows_s)) if k not in matched_s]
        # the declaration's order; rows only the self-evaluation has come last
        return sorted(out, key=lambda p: (0, p[0]) if p[0] is not None else (1, p[1] or 0))

    def row(self, i: int | None, j: int | None) -> RowOutcome:
        rd = self.rows_d[i] if i is not None else None
        rs = self.rows_s[j] if j is not None else None
        if rs is None:
            assert rd is not None and i is not None
            return self._not_evaluated(rd, i)
        item = rs.item
        assert isinstance(item, EvalIndicator)
        if rd is None:
            return self._undeclared(rs, item)
        assert i is not None
        goals = goals_of(rd.item)
        qualitative = not goals
        judged = [
            judge(g, a, self.scoring.approx_tolerance)
            for g, a in zip(goals, actuals_of(item, goals), strict=True)
        ]
        status = row_status(judged, qualitative)
        points = item.points if item.points is not None else rd.item.points
        assumed = points is None and i in self.assumed
        if assumed:
            points = self.assumed[i]
        score = _score(status, judged, points, item.score, self.scoring)
        change = _change(rd.item, item)
        self._findings(rd, rs, item, status, judged, change, score)
        return RowOutcome(
            item.id,
            item.text,
            rs.group_row.parent.level1.name,
            category(rd),
            status,
            tuple(judged),
            _show(goals, rd.item.value_text),
            _show(goals_of(item), item.value_text),
            _actual_text(item),
            change,
            points,
            assumed,
            item.score,
            score,
            item.deviation,
            rd.pointer,
            rs.pointer,
            self.emit.line("decl", rd.pointer),
            self.emit.line("eval", rs.pointer),
        )

    def _findings(
        self,
        rd: IndicatorRow,
        rs: IndicatorRow,
        item: EvalIndicator,
        status: Status,
        judged: list[Judged],
        change: Change,
        score: Decimal | None,
    ) -> None:
        emit = self.emit
        if change is not Change.SAME:
            where = f"{rs.pointer}/value_text" if item.value_text else f"{rs.pointer}/targets"
            code = "PD502" if change is Change.CHANGED else "PD503"
            emit(
                code,
                changed_message(
                    item,
                    _show(goals_of(rd.item), rd.item.value_text),
                    _show(goals_of(item), item.value_text),
                    change,
                ),
                "eval",
                where,
            )
        if status is Status.MISSED:
            emit(
                "PD501",
                missed_message(item.id, [j for j in judged if j.status is Status.MISSED]),
                "eval",
                f"{rs.pointer}/results"
                if item.results
                else f"{rs.pointer}/actual"
                if item.actual is not None
                else rs.pointer,
            )
        elif status is Status.NOT_COMPARABLE:
            emit("PD507", not_comparable_message(item.id, judged), "eval", rs.pointer)
        recomputed = status in (Status.MET, Status.MISSED) and item.score is not None
        if recomputed and score is not None and item.score is not None:
            delta = item.score - score
            if abs(delta) > self.scoring.score_tolerance:
                code = "PD504" if delta > 0 else "PD505"
                emit(
                    code,
                    score_message(item.id, item.score, score, status),
                    "eval",
                    f"{rs.pointer}/score",
                )

    def _not_evaluated(self, rd: IndicatorRow, i: int) -> RowOutcome:
        self.emit(
            "PD508",
            Message(
                f"申报的指标 {rd.item.id}（{shorten(rd.item.text, 30)}）在自评表中没有出现。",
                f"declared indicator {rd.item.id} ({shorten(rd.item.text, 30)}) is missing from the "
                "self-evaluation.",
            ),
            "decl",
            rd.pointer,
        )
        points = rd.item.points if rd.item.points is not None else self.assumed.get(i)
        goals = goals_of(rd.item)
        return RowOutcome(
            rd.item.id,
            rd.item.text,
            rd.group_row.parent.level1.name,
            category(rd),
            Status.NOT_EVALUATED,
            (),
            _show(goals, rd.item.value_text),
            "",
            "",
            Change.SAME,
            points,
            rd.item.points is None and points is not None,
            None,
            Decimal(0) if points is not None else None,
            None,
            rd.pointer,
            None,
            self.emit.line("decl", rd.pointer),
            None,
        )

    def _undeclared(self, rs: IndicatorRow, item: EvalIndicator) -> RowOutcome:
        self.emit(
            "PD509",
            Message(
                f"自评表的指标 {item.id}（{shorten(item.text, 30)}）在申报表中没有。",
                f"indicator {item.id} ({shorten(item.text, 30)}) of the self-evaluation was not "
                "declared.",
            ),
            "eval",
            rs.pointer,
        )
        return RowOutcome(
            item.id,
            item.text,
            rs.group_row.parent.level1.name,
            category(rs),
            Status.UNDECLARED,
            (),
            "",
            _show(goals_of(item), item.value_text),
            _actual_text(item),
            Change.SAME,
            item.points,
            False,
            item.score,
            item.score,
            item.deviation,
            None,
            rs.pointer,
            None,
            self.emit.line("eval", rs.pointer),
        )

    def execution(self) -> ExecutionOutcome | None:
        ex = self.s.execution
        if ex is None:
            return None
        budget = ex.budget if ex.budget is not None else ex.initial
        rate = ex.spent / budget if budget and ex.spent is not None and budget > 0 else None
        points = ex.points if ex.points is not None else self.scoring.execution_points
        if rate is None:
            score = ex.score if self.scoring.execution is Credit.SELF else None
        else:
            score = earned(self.scoring.execution, points, rate, ex.score)
        if score is not None and ex.score is not None:
            delta = ex.score - score
            if abs(delta) > self.scoring.score_tolerance:
                self.emit(
                    "PD504" if delta > 0 else "PD505",
                    Message(
                        f"预算执行自评 {_n(ex.score)} 分，按执行率"
                        f"{'' if rate is None else ' ' + _pct(rate) + ' '}应得 {_n(score)} 分。",
                        f"budget execution self-scored {_n(ex.score)}; the rate"
                        f"{'' if rate is None else ' of ' + _pct(rate)} earns {_n(score)}.",
                    ),
                    "eval",
                    "/execution/score",
                )
        return ExecutionOutcome(
            ex.unit.value, budget, ex.spent, rate, ex.rate, points, ex.score, score
        )

    def header(self) -> None:
        d, s = self.d, self.s
        diffs: list[tuple[str, str, str]] = []
        if d.year != s.year:
            diffs.append(("年度", str(d.year), str(s.year)))
        if d.unit and s.unit and normalize(d.unit) != normalize(s.unit):
            diffs.append(("单位", d.unit, s.unit))
        dp, sp = d.project, s.project
        if dp and sp and dp.name and sp.name and normalize(dp.name) != normalize(sp.name):
            diffs.append(("项目", dp.name, sp.name))
        if dp and sp and dp.code and sp.code and dp.code.strip() != sp.code.strip():
            diffs.append(("项目编码", dp.code, sp.code))
        if diffs:
            zh = "；".join(
                f"{k}：申报“{shorten(a, 30)}”，自评“{shorten(b, 30)}”" for k, a, b in diffs
            )
            en_names = {
                "年度": "year",
                "单位": "unit",
                "项目": "project",
                "项目编码": "project code",
            }
            en = "; ".join(
                f"{en_names[k]}: declared {shorten(a, 30)!r}, evaluated {shorten(b, 30)!r}"
                for k, a, b in diffs
            )
            self.emit(
                "PD500",
                Message(f"两份文件可能不是一对：{zh}。", f"the files may not be a pair: {en}."),
                "eval",
                "",
            )


def _n(value: Decimal) -> str:

    return show_number(value.quantize(Decimal("0.01")))


def _pct(rate: Decimal) -> str:
    return f"{_n(rate * 100)}%"


def compare(decl: Side, selfeval: Side, scoring: ScoringRule = DEFAULT_SCORING) -> OutcomeResult:
    """Read ``selfeval`` against ``decl``; raises :class:`OutcomeError` for the wrong kinds."""
    if not isinstance(selfeval.declaration, SelfEvaluation):
        raise OutcomeError(
            Message(
                f"{selfeval.file} 不是自评表（kind: selfeval）。",
                f"{selfeval.file} is not a self-evaluation (kind: selfeval).",
            )
        )
    if isinstance(decl.declaration, SelfEvaluation):
        raise OutcomeError(
            Message(
                f"{decl.file} 是自评表，应先给申报表，再给自评表。",
                f"{decl.file} is a self-evaluation; give the declaration first, then the "
                "self-evaluation.",
            )
        )
    c = _Comparison(decl, selfeval, scoring)
    c.header()
    rows = tuple(c.row(i, j) for i, j in c.pair())
    execution = c.execution()
    scored = [r.score for r in rows]
    complete = all(s is not None for s in scored)
    total = sum((s for s in scored if s is not None), Decimal(0))
    if execution is not None and execution.score is not None:
        total += execution.score
    elif execution is not None:
        complete = False
    s = c.s
    self_total = s.total_score
    if self_total is None and rows and all(r.self_score is not None for r in rows):
        self_total = sum((r.self_score for r in rows if r.self_score is not None), Decimal(0))
        if execution is not None and execution.self_score is not None:
            self_total += execution.self_score
    if complete and self_total is not None and abs(self_total - total) > scoring.score_tolerance:
        c.emit(
            "PD506",
            total_message(self_total, total),
            "eval",
            "/total_score" if s.total_score is not None else "",
        )
    return OutcomeResult(
        decl.file,
        selfeval.file,
        s.unit or _declared_unit(c.d),
        s.project.name if s.project else None,
        s.year,
        rows,
        execution,
        s.total_points,
        self_total,
        total if rows or execution else None,
        complete,
        tuple(sorted(c.emit.problems, key=Problem.sort_key)),
        scoring,
    )


def _declared_unit(d: Declaration) -> str | None:
    return d.unit
