"""Comparison words: before a number (不低于, 达到, 约) and after it (以上, 以内, 左右)."""

from __future__ import annotations

from typing import Final

from perfdecl.phrases.base import Comparison, _is_cjk, _longest_first

_PREFIX_WORDS: Final[dict[str, Comparison]] = {
    "不低于": ">=",
    "不少于": ">=",
    "不小于": ">=",
    "至少": ">=",
    "最少": ">=",
    "达到": ">=",
    "达": ">=",
    ">=": ">=",
    "=>": ">=",
    "≥": ">=",
    "不高于": "<=",
    "不超过": "<=",
    "不大于": "<=",
    "不多于": "<=",
    "最多": "<=",
    "至多": "<=",
    "控制在": "<=",
    "<=": "<=",
    "=<": "<=",
    "≤": "<=",
    "超过": ">",
    "高于": ">",
    "大于": ">",
    "多于": ">",
    ">": ">",
    "低于": "<",
    "少于": "<",
    "小于": "<",
    "<": "<",
    "大约": "~",
    "约为": "~",
    "约": "~",
    "≈": "~",
    "~": "~",
    "=": "=",
}
# Weak words count only right before the number and yield to everything else.
_WEAK_WORDS: Final = frozenset({"达到", "达", "大约", "约为", "约", "≈", "~"})
# Strong words may stand a few characters before their number ("高于公益金总额的30%").
_STRONG_WORDS: Final = tuple(w for w in _PREFIX_WORDS if w not in _WEAK_WORDS and _is_cjk(w[0]))
_PREFIX_ORDER: Final = _longest_first(_PREFIX_WORDS)
_STRONG_GAP: Final = 12
_SUFFIX_WORDS: Final[dict[str, Comparison]] = {
    "及以上": ">=",
    "或以上": ">=",
    "以上": ">=",
    "及以下": "<=",
    "或以下": "<=",
    "以下": "<=",
    "以内": "<=",
    "之内": "<=",
    "内": "<=",
    "左右": "~",
}
_SUFFIX_ORDER: Final = _longest_first(_SUFFIX_WORDS)
_RANGE_SEPARATORS: Final = frozenset({"-", "~", "—", "至", "到"})
