"""Read Chinese target phrases (指标值) into comparison, value, unit and dates.

Published declarations fold an indicator's name, comparison, value and unit into
one sentence ("全年发放借书证（张）不低于50张"). The rules need those parts back,
and need to tell a target number from a list number, a year, a date, an address
or a document number. Everything here is pure stdlib, compiled once at import,
and total: no public function raises on any ``str``.

Conventions, decided once and applied everywhere:

* 达/达到 before a number mean ``>=`` ("达到100%" is met by 100%).
* 余/多 after a number mean ``>``, the value kept as written ("570余人次" ->
  ``>`` 570 人次; "千余张" -> ``>`` 1000 张).
* 万/亿 after an Arabic number stay in the unit and the value is kept as written
  ("23.5万余平米" -> ``>`` 23.5 万平米, "4767.16万元" -> 4767.16 万元); 千/百
  after an Arabic number multiply the value unless they begin a unit (千米, 千克,
  千瓦, 千元, 百分点).
* 以上 means ``>=``; 以下/以内/之内 (and 内 after a time unit) mean ``<=``;
  约/大约/左右 mean ``~``; an explicit comparison before the number wins over one
  after it, which wins over 余/多, which win over 达/达到 and 约.
* "5-10人" / "5至10人" is a range: two targets, ``>=`` 5 人 and ``<=`` 10 人
  ("约20-30人" too: the range says more than the 约).
* A full-width comma is a clause break, never a thousands separator: "1,200人"
  is 1200 人, "1，200人" is 200 人.
* A target's span runs from its comparison word (when one is written before the
  number) to the end of its unit or trailing comparison word.
* A line-start "1." / "1、" / "1)" / "(1)" is a list marker, never a target. At
  line start "6.10个社区" reads as marker 6 then 10 个 when the decimal reading
  would give a count a fraction, or the rest is a year ("3.2019年"). A line
  starts at the text start or after a newline or a tab (a table cell).
* Years ("2019年", "2018年度") are years, never counts, and alone do not make a
  text quantified; full dates, month ends and year ends do. A month without a
  day is its first day, or its last day when it is a deadline (截止/前/底).
* Chinese numerals count only right before a measure word ("两次", "二十余人"),
  never after 第/每, inside quotes, or in words such as 一次性.
* A text is read up to ``MAX_TEXT`` characters (all but ``normalize``): a real
  indicator is under 1,000, and a hostile one of 15 MB took 4 s. Rule PD237 says
  which texts were not read to the end.

The parsers live in one module per section, lowest first: :mod:`.base` (results, helpers),
:mod:`.normalize`, :mod:`.numbers` (units, Chinese numerals), :mod:`.dates`, :mod:`.markers`
(list and item numbers), :mod:`.comparisons`, :mod:`.targets`, :mod:`.wording` (vague words,
questions, relative-only targets) and :mod:`.measures` (rates and shares, the budget's own
execution, who a satisfaction survey asks); this module re-exports the most used names.
"""

from __future__ import annotations

from perfdecl.phrases.base import MAX_TEXT, Comparison, ParsedDate, ParsedTarget
from perfdecl.phrases.dates import _date_hits, parse_dates, states_period, years_mentioned
from perfdecl.phrases.markers import _item_spans, item_number_inside
from perfdecl.phrases.normalize import normalize
from perfdecl.phrases.targets import _parse_targets, is_quantified, parse_targets
from perfdecl.phrases.wording import VAGUE_WORDS, is_question, relative_only, vague_words

__all__ = [
    "MAX_TEXT",
    "VAGUE_WORDS",
    "Comparison",
    "ParsedDate",
    "ParsedTarget",
    "is_quantified",
    "is_question",
    "item_number_inside",
    "normalize",
    "parse_dates",
    "parse_targets",
    "relative_only",
    "states_period",
    "vague_words",
    "years_mentioned",
]

KEEP_BETWEEN_FILES = 4096
"""Texts the parsers remember (see :func:`trim_caches`)."""

_CACHES = (normalize, _date_hits, _parse_targets, is_quantified, _item_spans)


def trim_caches(keep: int = KEEP_BETWEEN_FILES) -> None:
    """Forget remembered texts once there are more than ``keep``; called between files.

    Rules ask about the same indicator text many times (about 200 parses per declaration
    without the caches), so within one file every text is remembered: a bounded LRU thrashed
    on a 5 MB declaration's 4,600 texts (1.4 -> 6 s). Between files the caches are emptied when
    they outgrow ``keep``, which keeps memory flat over thousands of files while consecutive
    declarations of a unit still share their repeated wording.
    """
    if normalize.cache_info().currsize > keep:
        for cached in _CACHES:
            cached.cache_clear()
