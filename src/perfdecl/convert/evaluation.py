"""What an imported self-evaluation's 一级 print: their points, and which framework they follow.

A 一级 cell may carry its points in its name (规划 (15分), 产出指标（40分）): the name is written
clean and the figure becomes the 一级's ``points``. A department-wide self-evaluation whose 一级 are
stages of the budget's use (决策/投入/规划, 过程/执行: a 部门整体支出绩效评价 rubric) follows the
shipped ``department_evaluation`` table, not a target framework, so the rules read its names
against that table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from perfdecl.convert.grid import norm
from perfdecl.model.frameworks import DECISION, PROCESS, find

_POINTS = re.compile(
    r"^(?P<name>.*?\S)\s*[（(]\s*(?P<points>[0-9]{1,3}(?:\.[0-9]{1,2})?)\s*分\s*[)）]\s*$"
)
DEPARTMENT_WIDE = ("部门整体", "单位整体", "整体支出", "部门(单位)整体")
"""Words of a title that make a self-evaluation department-wide (部门整体支出绩效评价自评表,
部门整体绩效自评表, 单位整体支出 …), compared after :func:`norm`."""
EVALUATION_FRAMEWORK = "department_evaluation"


def level1_points(name: str) -> tuple[str, Decimal | None]:
    """``规划 (15分)`` -> (``规划``, 15): a 一级 name and the points printed in it (0 < p ≤ 100);
    the name unchanged and None when it prints none."""
    m = _POINTS.match(name)
    if m is None:
        return name, None
    points = Decimal(m["points"])
    if not 0 < points <= 100:
        return name, None
    return m["name"], points


def department_wide(texts: Iterable[str]) -> bool:
    """A title (or a heading before the table) names the unit as a whole."""
    return any(word in norm(text) for text in texts for word in _WORDS)


_WORDS = tuple(norm(w) for w in DEPARTMENT_WIDE)


def evaluation_framework(level1_names: Iterable[str]) -> str | None:
    """``department_evaluation`` when a 一级 is a budgeting stage that table knows (决策, 投入,
    规划, 过程, 执行); None for a table of targets (产出, 效益 … alone)."""
    table = find(EVALUATION_FRAMEWORK)
    if table is None:
        return None
    for raw in level1_names:
        name, _ = level1_points(raw)
        if table.level1_name(name).level1 in (DECISION, PROCESS):
            return EVALUATION_FRAMEWORK
    return None


__all__ = [
    "DEPARTMENT_WIDE",
    "EVALUATION_FRAMEWORK",
    "department_wide",
    "evaluation_framework",
    "level1_points",
]
