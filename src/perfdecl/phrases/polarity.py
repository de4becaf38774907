"""Whether an indicator's name says lower is better (调整率, 投诉率, 事故率, 成本 …).

A target printed as a bare value or ``=`` ("预算调整率 3%") does not say whether it is a floor
or a ceiling. Most indicators are floors (完成率, 覆盖率, 满意度), but a rate of something the
unit should avoid is a ceiling: 3% 预算调整率 is met by 0%. The met/missed verdict
(:mod:`perfdecl.phrases.verdict`) and diff's direction of a changed target
(:mod:`perfdecl.diff.direction`) read such a name alike, from the tables below. A row's own
指标方向 (正向/反向) and an explicit ≥ or ≤ always win over the name.

The words are data: :data:`LOWER_IS_BETTER` names what should be low (the 部门整体支出
共性指标 of 财预〔2013〕53号 — 预算调整率, 结转结余率, 公用经费控制率, 三公经费变动率,
财政供养人员控制率 — and the usual rates of bad events); :data:`NOT_LOWER` holds words that turn
the name round ("成本降低率", "投诉率下降", "成本节约率": a fall is the achievement, higher is
better) and compounds where a listed word is not the measure ("成本效益", "成本回收率").
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

LOWER_IS_BETTER: Final[tuple[str, ...]] = (
    # budget management (部门整体支出共性指标)
    "调整率",
    "结转结余率",
    "结余率",
    "结转率",
    "经费控制率",
    "人员控制率",
    "成本控制率",
    "支出控制率",
    "经费变动率",
    "超支率",
    "超支",
    # bad events and errors
    "投诉率",
    "投诉量",
    "投诉次数",
    "事故率",
    "事故次数",
    "事故起数",
    "发生率",
    "发病率",
    "患病率",
    "死亡率",
    "病死率",
    "犯罪率",
    "差错率",
    "出错率",
    "错误率",
    "失误率",
    "误报率",
    "漏报率",
    "故障率",
    "失败率",
    "返工率",
    "返修率",
    "不合格率",
    "不良率",
    "违约率",
    "逾期率",
    "流失率",
    "辍学率",
    "空置率",
    "闲置率",
    "损耗率",
    "损失率",
    "复发率",
    # cost
    "成本",
)
"""Words that make an indicator's name a ceiling (lower is better)."""

NOT_LOWER: Final[tuple[str, ...]] = (
    "降低",
    "下降",
    "减少",
    "降幅",
    "减幅",
    "节约",
    "节省",
    "压减",
    "压缩",
    "缩减",
    "缩短",
    "控制在",
    "回收",
    "收益",
    "效益",
    "效率",
    "成本指标",
)
"""Words that leave the name's sense to its comparison: a fall, a saving, a return on cost
("控制在" writes its own ceiling, "成本指标" is the 二级 group's name, not a measure)."""

_SPACE: Final = re.compile(r"\s+")


def lower_is_better(name: str | None) -> bool:
    """True when an indicator's name (or its published wording) says lower is better.

    Only the name is read: callers let an explicit direction or comparison win.
    """
    if not name:
        return False
    text = _SPACE.sub("", unicodedata.normalize("NFKC", name[:200]))
    if any(word in text for word in NOT_LOWER):
        return False
    return any(word in text for word in LOWER_IS_BETTER)


__all__ = ["LOWER_IS_BETTER", "NOT_LOWER", "lower_is_better"]
