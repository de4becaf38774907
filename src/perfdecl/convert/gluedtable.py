"""A table whose cells a text extraction ran together with no separator at all (OCR, a web page
copied as text): the header glued (``评价指标评价内容指标名称指标说明目标值分值备注``), then each row
glued (``产出数量指标享受资助人数达到预计值210010``), one row per line or the whole table on the
header's own line.

The header gives the column order (every label of ``COLUMNS``, adjacent, at least four, with a
三级 column and a figure column). Each row is then read by shape, never by a per-form rule:

* its start: the 一级/二级 names the framework tables know (``LEVEL1_NAMES``/``LEVEL2_NAMES``,
  with a score or a tag such as ``(40分)``, ``(必填)``); a name that can be both is a 二级 unless
  another level name follows; a cell that names no known level but reads as one (it holds 指标
  or 目标) glued in front of a known 二级 is the 一级 column's cell;
* its figure run: the cells of the figure columns (目标值, 分值, 实际值, 得分 …) printed without a
  separator. Each way of cutting the run into numbers (no leading zero, at most two decimals; a
  ``%``, a unit or a sign stays with its number) is weighed: a 分值/权重/得分 is a plain number up
  to 100 and a 得分 not above its 分值; a column left empty costs more when it is usually
  filled; a 实际值 equal to the 目标值 and a 得分 in proportion to them cost less; the 分值 that
  add up to the printed 总分 or to each 一级's ``(40分)`` are preferred;
* between the name and the figures, a 指标说明 column's cell starts at a word of
  ``GLUED_EXPLANATION_OPENERS`` (``达到目标值``); text after the figures goes to the last text
  column (备注, 未完成原因分析).

The result is a ruled table (cells with their columns) that the table reader reads like a
spreadsheet's. A split that another split nearly matches is kept and reported (PD414) with the
printed run; a line none of whose parts reads as a row stays as it was (reported PD401).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

from perfdecl.convert import layouts as L
from perfdecl.convert.grid import Grid, norm
from perfdecl.convert.table import column_role, ends_table, level_of, split_trailing_value
from perfdecl.convert.tokens import Row, Tok, line_cells

FIGURE_ROLES = (
    "value",
    "adjusted",
    "actual",
    "previous",
    "coefficient",
    "weight",
    "points",
    "score",
)
"""Columns whose cells are figures (read from a figure run); every other column holds text."""

_SCORE_ROLES = frozenset({"weight", "points", "score"})
_ABSENT_COST = {
    "value": 2.0,
    "points": 3.0,
    "weight": 3.0,
    "actual": 2.0,
    "score": 2.0,
}
"""What leaving a figure column empty costs: a 分值 is printed on every row of a scored table, a
目标值 or 实际值 on most."""

_REFUSED_ROLES = frozenset({"core", "nature", "unit", "period"})
"""Headers read elsewhere: an integrated-system row (是否核心指标, 指标性质, 计量单位) is split by
:mod:`perfdecl.convert.glued`."""

_SPLIT = re.compile(r"\t|[ \u00a0\u3000]{2,}")
_TAG = re.compile(r"\((?:[A-Z]|[0-9]+(?:-[0-9]+)?分?|必填[^()]{0,8}|选填[^()]{0,8})\)分?")
_NUMBER = re.compile(r"(?:0|[1-9][0-9]*)(?:\.[0-9]{1,2})?")
_MAX_RUN = 32
_MAX_OPTIONS = 400
_MAX_ROWS = 500
"""Glued rows read in one table; the lines after them are left as they are (and reported)."""


@dataclass(frozen=True, slots=True)
class Header:
    start: int  # where the header begins in the line (original text)
    end: int
    labels: tuple[tuple[str, str], ...]  # (label as printed, role)

    @property
    def roles(self) -> list[str]:
        return [role for _, role in self.labels]


@dataclass(slots=True)
class Reading:
    """One way to read a row: its name, its cells (role, text) and what the reading costs."""

    name: str
    cells: list[tuple[str, str]]
    cost: float
    run: str = ""  # the figure run as printed


@dataclass(slots=True)
class Chunk:
    """One glued row: its level cells and the ways to read the rest."""

    where: str
    l1: str | None
    l2: str | None
    options: list[Reading] = field(default_factory=list)
    doubt: str | None = None


def _mapped(text: str) -> tuple[str, list[int]]:
    """norm(text) and, per normalised character, the index of its source character."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        n = norm(ch)
        out.append(n)
        index.extend([i] * len(n))
    return "".join(out), index


def _cut(text: str, index: list[int], start: int, end: int) -> str:
    """The source text behind the normalised span [start, end)."""
    if start >= end:
        return ""
    a = index[start]
    b = index[end] if end < len(index) else len(text)
    return text[a:b].strip()


# --- the header ---------------------------------------------------------------------------------


@cache
def _label_pattern() -> re.Pattern[str]:
    labels = {norm(label) for labels in L.COLUMNS.values() for label in labels}
    ordered = sorted(labels, key=len, reverse=True)
    return re.compile("(?:" + "|".join(re.escape(w) for w in ordered) + r")(?:\([A-Z]\))?")


def find_header(text: str) -> Header | None:
    """The longest run of adjacent column headers in a line, when it makes an indicator table's
    header (at least four, a 三级 column and a figure column; none read elsewhere)."""
    if len(text) > 20_000:
        return None
    key, index = _mapped(text)
    best: list[re.Match[str]] = []
    chain: list[re.Match[str]] = []
    for m in _label_pattern().finditer(key):
        if chain and chain[-1].end() == m.start() and _touch(index, chain[-1].end(), m.start()):
            chain.append(m)
            continue
        best = chain if _fits(chain) and len(chain) > len(best) else best
        chain = [m]
    best = chain if _fits(chain) and len(chain) > len(best) else best
    if not best:
        return None
    labels = tuple(
        (_cut(text, index, m.start(), m.end()), column_role(m.group(0)) or "") for m in best
    )
    return Header(index[best[0].start()], _end(text, index, best[-1].end()), labels)


def _touch(index: list[int], end: int, start: int) -> bool:
    """Two labels printed with nothing between them (not even a space): the header is glued."""
    return index[start] == index[end - 1] + 1


def _end(text: str, index: list[int], end: int) -> int:
    return index[end] if end < len(index) else len(text)


def _fits(chain: list[re.Match[str]]) -> bool:
    roles = [column_role(m.group(0)) for m in chain]
    if len(chain) < 4 or None in roles or _REFUSED_ROLES & set(roles):
        return False
    return "l3" in roles and any(r in FIGURE_ROLES for r in roles)


# --- rows: levels ----------------------------------------------------------------------------------


@cache
def _level_pattern() -> re.Pattern[str]:
    names = {norm(n) for n in (*L.LEVEL1_NAMES, *L.LEVEL2_NAMES) if norm(n).endswith("指标")}
    ordered = sorted(names, key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in ordered)
    return re.compile(f"(?:{alternation})(?:{_TAG.pattern})?")


_BOUNDARY = re.compile(r"[0-9%‰,，;；。、:)）]")
_LEVEL_WORDS = ("指标", "目标")


def _level_spans(key: str) -> list[tuple[int, int]]:
    """Level names that start a row: at the start, after a figure or a punctuation mark, right
    after another level name, or anywhere when a score or tag (``(40分)``, ``(必填)``) or a second
    level name follows them."""
    found = list(_level_pattern().finditer(key))
    out: list[tuple[int, int]] = []
    for n, m in enumerate(found):
        p = m.start()
        chained = n + 1 < len(found) and found[n + 1].start() == m.end()
        tagged = m.group(0) != m.group(0).split("(")[0]
        if p == 0 or _BOUNDARY.match(key[p - 1]) or (out and out[-1][1] == p) or chained or tagged:
            out.append((p, m.end()))
    return out


def _chunks(key: str) -> list[tuple[list[tuple[int, int]], int, int]]:
    """The rows of a glued text: (level spans, body start, body end) in normalised positions.

    A row starts at a level name; consecutive level names belong to one row (一级 then 二级).
    The text before the first level name is a row of its own unless it reads as a level (it holds
    指标 or 目标, has no figure, and a level name follows it at once: the 一级 column's cell)."""
    spans = _level_spans(key)
    groups: list[list[tuple[int, int]]] = []
    for span in spans:
        if groups and groups[-1][-1][1] == span[0]:
            groups[-1].append(span)
        else:
            groups.append([span])
    out: list[tuple[list[tuple[int, int]], int, int]] = []
    starts = [g[0][0] for g in groups] + [len(key)]
    lead = key[: starts[0]]
    if lead.strip():
        if groups and _reads_as_level(lead):
            groups[0].insert(0, (0, starts[0]))
            starts[0] = 0
        else:
            out.append(([], 0, starts[0]))
    for n, group in enumerate(groups):
        out.append((group, group[-1][1], starts[n + 1]))
    return out


def _reads_as_level(text: str) -> bool:
    bare = re.sub(r"\([^()]*\)", "", text)
    return (
        len(text) <= 40 and any(w in text for w in _LEVEL_WORDS) and not re.search(r"[0-9]", bare)
    )


def _assign_levels(names: list[str], has_l1: bool) -> tuple[str | None, str | None]:
    """Level cells in front of a row -> (一级, 二级); one name that can be both is a 二级."""
    if not names:
        return None, None
    if len(names) >= 2:
        return names[-2], names[-1]
    can1, can2 = level_of(names[0])
    if can1 and not can2:
        return names[0], None
    if not can1 and not can2:
        return (names[0], None) if has_l1 else (None, names[0])
    return None, names[0]


# --- rows: the figure run ----------------------------------------------------------------------------


@cache
def _run_pattern() -> re.Pattern[str]:
    units = sorted({norm(u) for u in L.GLUED_UNITS}, key=len, reverse=True)
    unit = "|".join(re.escape(u) for u in units)
    cell = rf"(?:[≥≤<>=]=?)?[0-9][0-9.]*(?:{unit})?(?:以上|以下|以内)?"
    return re.compile(f"(?:{cell})+")


_PIECE = re.compile(r"(?P<sign>(?:[≥≤<>=]=?)?)(?P<digits>[0-9][0-9.]*)(?P<tail>[^0-9≥≤<>=]*)")


def _numbers(digits: str, limit: int) -> list[list[str]]:
    """Every way to cut a run of digits into at most ``limit`` well-formed numbers."""
    out: list[list[str]] = []

    def walk(pos: int, acc: list[str]) -> None:
        left = len(digits) - pos
        if len(out) >= _MAX_OPTIONS or left > (limit - len(acc)) * 9:
            return  # found enough, or what is left cannot fit in the cells left
        if left == 0:
            out.append(list(acc))
            return
        for end in range(pos + 1, min(len(digits), pos + 9) + 1):
            m = _NUMBER.fullmatch(digits, pos, end)
            if m is not None and (end == len(digits) or digits[end] != "."):
                acc.append(digits[pos:end])
                walk(end, acc)
                acc.pop()

    if len(digits) <= _MAX_RUN:
        walk(0, [])
    return out


def _cell_lists(run: str, limit: int) -> list[list[str]]:
    """The ways to read a figure run as at most ``limit`` cells: a sign stays with the first
    number of its piece, a unit or ``%`` with the last."""
    pieces = list(_PIECE.finditer(run))
    if not pieces or len(pieces) > limit:
        return []
    out: list[list[str]] = []

    def walk(n: int, acc: list[str]) -> None:
        if len(out) >= _MAX_OPTIONS:
            return
        if n == len(pieces):
            out.append(list(acc))
            return
        p = pieces[n]
        room = limit - len(acc) - (len(pieces) - n - 1)
        for nums in _numbers(p["digits"], room):
            cells = list(nums)
            cells[0] = p["sign"] + cells[0]
            cells[-1] = cells[-1] + p["tail"]
            walk(n + 1, acc + cells)

    walk(0, [])
    return out


def _dec(text: str) -> Decimal | None:
    try:
        return Decimal(re.sub(r"[^0-9.]", "", text) or "x")
    except InvalidOperation:
        return None


def _weigh(assigned: dict[str, str], figure_roles: tuple[str, ...]) -> float | None:
    """What a reading of the figure columns costs; None when it cannot be."""
    cost = sum(_ABSENT_COST.get(r, 0.5) for r in figure_roles if r not in assigned)
    for role, cell in assigned.items():
        if role in _SCORE_ROLES:
            if not re.fullmatch(r"[0-9.]+分?", cell):
                return None
            number = _dec(cell)
            if number is None or number > 100:
                return None
            if role != "score" and number == 0:
                cost += 4
        if role == "coefficient" and (_dec(cell) or 0) > 100:
            return None
    points = _dec(assigned.get("points") or assigned.get("weight") or "")
    score = _dec(assigned.get("score") or "")
    if points is not None and score is not None and score > points:
        return None
    value = _dec(assigned.get("value") or "")
    actual = _dec(assigned.get("actual") or "")
    if value is not None and actual is not None:
        if value != actual:
            cost += 1
        if not value or not actual or not Decimal("0.1") <= actual / value <= 10:
            cost += 1  # a value and its outcome are of one order
        elif points and score is not None:
            off = abs(float(score / points) - min(float(actual / value), 1.0))
            # a 得分 in proportion to the outcome (to the printed rounding) confirms the cut
            cost += -1.0 if off * float(points) < 0.01 and actual != value else 2 * off
    return cost


@lru_cache(maxsize=512)
def _readings(
    run: str, figure_roles: tuple[str, ...]
) -> tuple[tuple[tuple[tuple[str, str], ...], float], ...]:
    """Cells of a figure run placed on the figure columns in order, cheapest first."""
    out: list[tuple[tuple[tuple[str, str], ...], float]] = []
    for cells in _cell_lists(run, len(figure_roles)):
        if len(cells) > len(figure_roles):
            continue
        for chosen in itertools.combinations(range(len(figure_roles)), len(cells)):
            roles = [figure_roles[k] for k in chosen]
            if any("%" in c and r in _SCORE_ROLES for c, r in zip(cells, roles, strict=True)):
                continue
            assigned = dict(zip(roles, cells, strict=True))
            cost = _weigh(assigned, figure_roles)
            if cost is not None:
                out.append((tuple(zip(roles, cells, strict=True)), cost))
    out.sort(key=lambda x: x[1])
    return tuple(out[:12])


# --- one row ---------------------------------------------------------------------------------------


@cache
def _openers() -> tuple[str, ...]:
    return tuple(sorted(L.GLUED_EXPLANATION_OPENERS, key=len, reverse=True))


def _split_lead(lead: str, text_roles: list[str]) -> tuple[str, list[tuple[str, str]]]:
    """The name and, when a text column stands between it and the figures, that column's cell
    (``享受资助人数达到预计值`` -> 享受资助人数 | 达到预计值)."""
    name = lead.strip()
    if not text_roles:
        return name, []
    cut = max((name.rfind(w) for w in _openers()), default=-1)
    if cut < 2 or re.search(r"[0-9]", name[cut:]):
        return name, []
    return name[:cut], [(text_roles[-1], name[cut:])]


def _row_options(body: str, header: Header) -> list[Reading]:
    """The ways to read a row's text after its level cells."""
    roles = header.roles
    after = roles[roles.index("l3") + 1 :] if "l3" in roles else roles
    figure_roles = [r for r in after if r in FIGURE_ROLES]
    first_figure = next((n for n, r in enumerate(after) if r in FIGURE_ROLES), len(after))
    last_figure = max((n for n, r in enumerate(after) if r in FIGURE_ROLES), default=-1)
    inner = [r for r in after[:first_figure] if r not in FIGURE_ROLES]
    trailing = [r for r in after[last_figure + 1 :] if r not in FIGURE_ROLES]
    options: list[Reading] = []
    runs = [m for m in _run_pattern().finditer(body) if re.search(r"[0-9]", m.group(0))]
    runs = sorted(runs, key=lambda m: len(m.group(0)), reverse=True)[:3]
    for m in runs:
        for give in range(0, 3):
            options += _around(body, m, give, figure_roles, inner, trailing)
    if not options:
        lead, word = _word_value(body, figure_roles)
        name, cells = _split_lead(lead, inner)
        cells += [("value", word)] if word else []
        return [Reading(name, cells, 0.0)] if name else []
    options.sort(key=lambda r: r.cost)
    return options[:12]


def _around(
    body: str,
    m: re.Match[str],
    give: int,
    figure_roles: list[str],
    inner: list[str],
    trailing: list[str],
) -> list[Reading]:
    """Readings that take ``m`` as the figure run, the first ``give`` pieces of it staying in the
    name (``38.75万元1038.75…``: the name is 38.75万元)."""
    pieces = list(_PIECE.finditer(m.group(0)))
    if give >= len(pieces):
        return []
    start = m.start() + (pieces[give].start() if give else 0)
    lead, tail = body[:start], body[m.end() :]
    if not lead.strip():
        return []
    run = body[start : m.end()]
    out = _read(lead, run, tail, figure_roles, inner, trailing, give)
    for back in _dates(run, tail):
        # ``9.342021年底…``: a date starts the text after the figures (年, 月, 日 are no units)
        out += _read(lead, run[:-back], run[-back:] + tail, figure_roles, inner, trailing, give)
    return out


def _dates(run: str, tail: str) -> list[int]:
    """How many digits at the end of a run may start a date in the text after it."""
    if tail.startswith("年") and re.search(r"[^.](?:19|20)[0-9]{2}$", run):
        return [4]
    if tail.startswith(("月", "日")):
        return [k for k in (1, 2) if re.search(rf"[^.][0-9]{{{k}}}$", run)]
    return []


def _read(
    lead: str,
    run: str,
    tail: str,
    figure_roles: list[str],
    inner: list[str],
    trailing: list[str],
    extra: float,
) -> list[Reading]:
    name, cells = _split_lead(lead, inner)
    if not name or not re.search(r"[0-9]", run):
        return []
    rest = tail.strip().lstrip(",，;；、")
    if rest and not trailing:
        return []
    out: list[Reading] = []
    for found, cost in _readings(run, tuple(figure_roles))[:6]:
        figures = list(found)
        more = [(trailing[-1], rest)] if rest else []
        out.append(Reading(name, cells + figures + more, cost + extra, run))
        if "value" in dict(figures):
            continue
        head, word = _word_value(lead, figure_roles)
        if word:
            # ``…发展情况稳步提高10``: a word target before the figures
            w_name, w_cells = _split_lead(head, inner)
            word_cells = [*w_cells, ("value", word), *figures, *more]
            out.append(Reading(w_name, word_cells, cost + extra - _ABSENT_COST["value"], run))
    return out


def _word_value(lead: str, figure_roles: list[str]) -> tuple[str, str | None]:
    """A word target (``稳步提高``) at the end of the text before the figures, when the table
    has a 指标值 column: (the rest, the word)."""
    if "value" not in figure_roles:
        return lead, None
    split = split_trailing_value(lead.strip())
    if split is None or re.search(r"[0-9]", split[1]):
        return lead, None
    return split


# --- the table ------------------------------------------------------------------------------------


def read_chunks(text: str, where: str, header: Header) -> list[Chunk]:
    """The glued rows of a text (one line, or what follows the header on its line)."""
    key, index = _mapped(text)
    has_l1 = "l1" in header.roles
    out: list[Chunk] = []
    found = _chunks(key)
    if len(found) > _MAX_ROWS:
        return out  # left as printed (reported) rather than read for minutes
    for spans, start, end in found:
        names = [_cut(text, index, a, b) for a, b in spans]
        l1, l2 = _assign_levels(names, has_l1)
        body = _cut(text, index, start, end)
        parts, judged = _row_texts(body, header)
        for n, part in enumerate(parts):
            chunk = Chunk(where, l1 if n == 0 else None, l2 if n == 0 else None)
            chunk.options = _row_options(part, header) if part else []
            if judged and chunk.options:
                chunk.doubt = chunk.options[0].run or part
            if chunk.options or (names and n == 0):
                out.append(chunk)
    return out


def _figure_roles(header: Header) -> tuple[str, ...]:
    roles = header.roles
    after = roles[roles.index("l3") + 1 :] if "l3" in roles else roles
    return tuple(r for r in after if r in FIGURE_ROLES)


def _row_texts(body: str, header: Header) -> tuple[list[str], bool]:
    """Several rows of one 二级 run together (name, figures, name, figures …): the text is cut
    after each full figure run (two figures or more read at a cost of at most 1, not a date). Where a row
    ends is a judgement when a text column (备注, 未完成原因) follows the figures: (texts, judged)."""
    figure_roles = _figure_roles(header)
    ends: list[int] = []
    for m in _run_pattern().finditer(body):
        run = m.group(0)
        if m.start() == 0 or not re.search(r"[0-9]", run) or body[m.end() : m.end() + 1] in _DATE:
            continue
        best = _readings(run, figure_roles)
        if best and len(best[0][0]) >= 2 and best[0][1] <= 1:
            ends.append(m.end())
    if len(ends) < 2 or len(ends) > _MAX_ROWS:
        return [body], False
    cuts = [0, *ends[:-1], len(body)]
    roles = header.roles
    last_figure = max(n for n, r in enumerate(roles) if r in FIGURE_ROLES)
    judged = any(r not in FIGURE_ROLES for r in roles[last_figure + 1 :])
    return [body[a:b] for a, b in itertools.pairwise(cuts)], judged


_DATE = ("年", "月", "日")


def _total(rows: list[Row], start: int) -> Decimal | None:
    """The printed 总分/合计 after the table: a number in the row that ends it or the next one."""
    for i in range(start, min(start + 2, len(rows))):
        text = "".join(t.text for t in rows[i].toks)
        if i == start and not ends_table(text):
            return None
        m = re.search(r"(?<![0-9.])([0-9]{2,3})(?:分)?$", text)
        if m:
            return Decimal(m[1])
    return None


def _group_total(l1: str | None) -> Decimal | None:
    m = re.search(r"\(([0-9]{1,3})分?\)分?$", norm(l1 or ""))
    return Decimal(m[1]) if m else None


def _points(reading: Reading) -> Decimal:
    cells = dict(reading.cells)
    return _dec(cells.get("points") or cells.get("weight") or "0") or Decimal(0)


def solve(chunks: list[Chunk], total: Decimal | None) -> None:
    """Pick one reading per row: the cheapest, the 分值 adding up to the printed totals preferred
    (the 总分 after the table, each 一级's ``(40分)``); a row whose pick another reading nearly
    matches keeps its doubt."""
    scored = [c for c in chunks if c.options]
    choices = [[o for o in c.options if o.cost <= c.options[0].cost + 1][:4] for c in scored]
    groups: list[str | None] = []
    current: str | None = None
    for c in scored:
        current = c.l1 or current
        groups.append(current if _group_total(current) is not None else None)
    targets = {g: _group_total(g) for g in set(groups) if g is not None}

    def misses(pick: list[Reading]) -> int:
        sums: dict[str | None, Decimal] = {}
        for reading, group in zip(pick, groups, strict=True):
            sums[group] = sums.get(group, Decimal(0)) + _points(reading)
        wrong = sum(1 for g, want in targets.items() if sums.get(g, Decimal(0)) != want)
        return wrong + (total is not None and sum(sums.values(), Decimal(0)) != total)

    def objective(pick: list[Reading]) -> float:
        return sum(r.cost for r in pick) + 3 * misses(pick)

    open_rows = [n for n, c in enumerate(choices) if len(c) > 1]
    best = [c[0] for c in choices]
    doubtful: set[int] = set()
    size = 1
    for n in open_rows:
        size *= len(choices[n])
    if open_rows and size <= 4096:
        seen: list[tuple[float, list[Reading]]] = []
        for combo in itertools.product(*(choices[n] for n in open_rows)):
            pick = list(best)
            for n, reading in zip(open_rows, combo, strict=True):
                pick[n] = reading
            seen.append((objective(pick), pick))
        low, best = min(seen, key=lambda x: x[0])
        for value, pick in seen:
            if value < low + 1:
                # another reading of the whole table nearly as good: its rows are in doubt
                doubtful |= {n for n in open_rows if dict(pick[n].cells) != dict(best[n].cells)}
    else:
        for n in open_rows:
            if any(o.cost < best[n].cost + 1 for o in choices[n][1:]):
                doubtful.add(n)
    for n, chunk in enumerate(scored):
        chunk.options = [best[n]] + [o for o in chunk.options if o is not best[n]]
        if n in doubtful:
            chunk.doubt = best[n].run or None


def _row(chunk: Chunk, cols: dict[str, int]) -> Row | None:
    toks: list[Tok] = []
    if chunk.l1 and "l1" in cols:
        toks.append(Tok(chunk.l1, chunk.where, cols["l1"]))
    elif chunk.l1 and "l2" in cols and not chunk.l2:
        toks.append(Tok(chunk.l1, chunk.where, cols["l2"]))
    if chunk.l2 and "l2" in cols:
        toks.append(Tok(chunk.l2, chunk.where, cols["l2"]))
    if chunk.options:
        reading = chunk.options[0]
        toks.append(Tok(reading.name, chunk.where, cols["l3"]))
        for role, text in reading.cells:
            if role in cols and text:
                toks.append(Tok(text, chunk.where, cols[role]))
    if not toks:
        return None
    return Row(toks, ruled=True, doubt=chunk.doubt)


def _line_text(row: Row, lines: dict[str, str]) -> str | None:
    """The printed line behind a row of free text when its cells were glued (no tab, no wide
    space): None otherwise."""
    if row.ruled or row.stream or not row.toks:
        return None
    wheres = {t.where for t in row.toks}
    if len(wheres) != 1:
        return None
    text = lines.get(next(iter(wheres)))
    if text is None or _SPLIT.search(text):
        return None
    return text


def regroup(grid: Grid, rows: list[Row]) -> list[Row]:
    """Rows with a glued indicator table rebuilt as a ruled one (unchanged when there is none)."""
    lines = {b.where: b.text for b in grid.lines}
    for i, row in enumerate(rows):
        text = _line_text(row, lines)
        header = find_header(text) if text else None
        if text is None or header is None or "l3" not in header.roles:
            continue
        return _rebuild(rows, i, text, header, lines)
    return rows


def _rebuild(
    rows: list[Row], i: int, text: str, header: Header, lines: dict[str, str]
) -> list[Row]:
    where = rows[i].toks[0].where
    out = list(rows[:i])
    before = text[: header.start].strip()
    if before:
        out.append(Row([Tok(c, where) for c in line_cells(before)], ruled=False))
    cols: dict[str, int] = {}
    for n, (_, role) in enumerate(header.labels):
        cols.setdefault(role, n)
    out.append(
        Row([Tok(label, where, n) for n, (label, _) in enumerate(header.labels)], ruled=True)
    )
    chunks: list[tuple[int | None, Chunk]] = []
    kept: dict[int | None, Row] = {}
    rest = text[header.end :].strip()
    if rest:
        chunks += [(None, c) for c in read_chunks(rest, where, header)]
        if not chunks:
            kept[None] = Row([Tok(c, where) for c in line_cells(rest)], ruled=False)
    j = i + 1
    while j < len(rows) and len(chunks) < _MAX_ROWS:
        line = _line_text(rows[j], lines)
        if line is None or ends_table(line):
            break
        found = read_chunks(line, rows[j].toks[0].where, header)
        if found:
            chunks += [(j, c) for c in found]
        else:
            kept[j] = rows[j]
        j += 1
    solve([c for _, c in chunks], _total(rows, j))
    for origin in [None, *range(i + 1, j)]:
        if origin in kept:
            out.append(kept[origin])
            continue
        for source, chunk in chunks:
            row = _row(chunk, cols) if source == origin else None
            if row is not None:
                out.append(row)
    out.extend(rows[j:])
    return out


__all__ = ["FIGURE_ROLES", "Header", "find_header", "read_chunks", "regroup", "solve"]
