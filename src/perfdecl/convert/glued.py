"""Rows of an integrated-system table whose cells were glued together by a text extraction.

An integrated-system (预算管理一体化) self-evaluation prints, per row, 指标名称 | 计量单位 |
指标性质 | 年初指标值 | 调整指标值 | 全年完成值 | 得分系数(%) | 指标权重(分) | 指标得分(分) |
是否核心指标. Copied out of a PDF viewer the whole table becomes one run of text::

    财政供养人员控制率%定量指标100%92%100%22否“三公经费变动率%100%22否基础信息完善%…

Empty cells leave no trace, so the row is read from its two ends, by the shape of each cell
(:data:`perfdecl.convert.layouts.GLUED_TAIL`): a row ends at 是/否 (是否核心指标) after a figure;
before it, the weight and the score run together (``22`` is 2 | 2, ``1010`` is 10 | 10; ``107.6``
is 10 | 7.6 when that is the one split with a score not above its weight, reported as a guess; a
run with no such split is kept whole and reported), then the 得分系数 percentage; then up to three
value cells (年初指标值, 调整指标值, 全年完成值) from the right; what is left is the name, with the
指标性质 and the 计量单位 the values repeat (``次数次26次12次`` -> 次数 | 次) split off its end.
Every cell stays a slice of the printed text. Cells an OCR damaged (a 指标性质 with its
characters out of order, a sign or digit read as a letter or character) are read by where they
stand and listed in ``GluedRow.damaged`` for the report (PD414), never corrected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from perfdecl.convert import layouts as L

ROW_END = re.compile(r"(?<=[0-9%])[是否]")
_WEIGHT_SCORE = re.compile(r"[0-9]+(?:\.[0-9]+)?$")
_PAGE_MARK = re.compile(r"^[0-9]{1,2}、(?=\S)")


@dataclass(slots=True)
class GluedRow:
    """One row read from glued text: (role, text) pairs besides the name."""

    name: str
    cells: list[tuple[str, str]] = field(default_factory=list)
    doubtful: str | None = None  # weight and score split by a guess, or kept whole
    damaged: list[str] = field(default_factory=list)  # cells an OCR damaged (reported)


def _halves(run: str) -> tuple[str, str] | None:
    """``1010`` -> (10, 10); ``107.6`` -> (10, 7.6): the weight and a score not above it."""
    if len(run) % 2 == 0 and run[: len(run) // 2] == run[len(run) // 2 :]:
        return run[: len(run) // 2], run[len(run) // 2 :]
    fits = []
    for cut in range(1, len(run)):
        weight, score = run[:cut], run[cut:]
        if "." in weight or (score.startswith(("0", ".")) and score != "0") or score.endswith("."):
            continue
        try:
            if float(score) <= float(weight):
                fits.append((weight, score))
        except ValueError:
            continue
    return fits[0] if len(fits) == 1 else None


def _peel(text: str, pattern: re.Pattern[str]) -> tuple[str, str | None]:
    m = pattern.search(text)
    if m is None:
        return text, None
    return text[: m.start()], m.group(0)


def read_row(text: str) -> GluedRow | None:
    """One glued row (ending in 是/否) into its cells; None when no name is left."""
    body = text.strip()
    if not body or body[-1] not in "是否":
        return None
    cells: list[tuple[str, str]] = [("core", body[-1])]
    body = body[:-1]
    body, run = _peel(body, _WEIGHT_SCORE)
    doubtful = None
    if run:
        halves = _halves(run)
        if halves:
            cells += [("score", halves[1]), ("weight", halves[0])]
            if halves[0] != halves[1]:
                doubtful = run  # 107.6 as 10 | 7.6 is a guess: say so
        else:
            cells.append(("weight", run))
            doubtful = run
    body, coefficient = _peel(body, L.GLUED_TAIL["coefficient"])
    if coefficient:
        cells.append(("coefficient", coefficient))
    values: list[str] = []
    for _ in range(3):
        body, value = _peel(body, L.GLUED_TAIL["value"])
        if value is None or not body:
            body = body + (value or "")
            break
        values.insert(0, value)
    if not values:
        for _ in range(3):
            word = next((q for q in L.QUALITATIVE_VALUES if len(q) == 1 and body.endswith(q)), None)
            if word is None or len(body) <= 2:
                break
            values.insert(0, word)
            body = body[:-1]
    body, nature = _peel(body, L.GLUED_TAIL["nature"])
    damage: list[str] = []
    if nature:
        cells.append(("nature", nature))
    elif (scrambled := _scrambled(body)) is not None:
        body = body[: -len(scrambled)]
        damage.append(scrambled)  # 性标定指: the 指标性质 cell with its characters out of order
    body, unit, values, hurt = _damaged(body, values)
    damage += hurt
    for role, value in zip(_value_roles(len(values)), values, strict=True):
        cells.append((role, value))
    if unit:
        body = body[: -len(unit)]
        cells.append(("unit", unit))
    name = _PAGE_MARK.sub("", body).strip()
    if not name:
        return None
    return GluedRow(name, cells[::-1], doubtful, damage)


def _value_roles(n: int) -> list[str]:
    return {0: [], 1: ["value"], 2: ["value", "actual"], 3: ["value", "adjusted", "actual"]}[n]


def _unit(body: str, values: list[str]) -> str | None:
    """The 计量单位 cell at the end of the name: the unit the values repeat, or ``%``."""
    tails = {re.sub(r"^[^0-9]*[0-9.]+", "", v) for v in values if re.search(r"[0-9]", v)}
    for tail in sorted(tails, key=len, reverse=True):
        if tail and body.endswith(tail) and len(body) > len(tail) + 1:
            return tail
    if body.endswith(("%", "％")) and len(body) > 2:
        return body[-1]
    return None


def _scrambled(body: str) -> str | None:
    """The end of a name that holds a 指标性质 cell's characters out of order (性标定指)."""
    for label in L.GLUED_SCRAMBLED:
        tail = body[-len(label) :]
        if len(body) > len(label) + 1 and tail != label and sorted(tail) == sorted(label):
            return tail
    return None


_LATIN_CELL = re.compile(r"(?<=[\u4e00-\u9fff])[a-z]{2,4}[\u4e00-\u9fff]?$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]")


def _damaged(body: str, values: list[str]) -> tuple[str, str | None, list[str], list[str]]:
    """The 计量单位 cell and the first value cell when an OCR damaged them (reported, PD414).

    The values repeat their unit (``0次``, ``43次``), so the 计量单位 cell is that unit printed
    before them; what stands between it and the values was a value cell or its sign:

    * ``…数量份第O份`` before ``20份``: a value cell of its own (``第O份``: a digit read as a
      letter), so the row has one value more;
    * ``…次数次到`` before ``0次``: one character glued to the first value (``到0次``: a sign read
      as a character), unless it is a character names end with (``受益人`` + ``数``, unit 人);
    * ``…数量tot扁``: lower-case letters where the unit should be: a damaged 计量单位 cell, not
      imported (the values carry the unit).

    Otherwise the unit cell is the one :func:`_unit` finds. Returns (body with the name and the
    unit cell, the unit cell, the values, the damaged cells).
    """
    tails = {re.sub(r"^[^0-9]*[0-9.]+", "", v) for v in values if re.search(r"[0-9]", v)}
    unit = tails.pop() if len(tails) == 1 else ""
    if not unit or not _CJK.match(unit):
        return body, _unit(body, values), values, []
    at = body.rfind(unit, 0, len(body) - len(unit))
    cell = body[at + len(unit) :] if at > 1 else ""
    sign = cell[: -len(unit)]
    odd = bool(_NOT_CJK.search(sign)) and not re.search(r"[0-9]", sign)
    if body.endswith(unit) and 1 <= len(sign) <= 2 and len(values) < 3 and odd:
        return body[: at + len(unit)], unit, [cell, *values], [cell]
    found = _unit(body, values)
    if found is not None:
        return body, found, values, []
    if at > 1 and len(cell) == 1 and cell not in L.NAME_END_CHARS and not cell.isdigit():
        return body[: at + len(unit)], unit, [cell + values[0], *values[1:]], [cell + values[0]]
    m = _LATIN_CELL.search(body)
    if m is not None and len(body) - len(m[0]) > 1:
        return body[: m.start()], None, values, [m[0]]
    return body, None, values, []


def split_rows(text: str) -> tuple[list[str], str]:
    """Glued text -> the rows it holds (each ending in 是/否) and the rest after the last one."""
    rows: list[str] = []
    start = 0
    for m in ROW_END.finditer(text):
        rows.append(text[start : m.end()])
        start = m.end()
    return rows, text[start:]


__all__ = ["ROW_END", "GluedRow", "read_row", "split_rows"]
