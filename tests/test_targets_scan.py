"""The one-scan target parser (issue #18) reads every text as the parser before it did.

``tests/targets_reference.py`` is the parser as it was (with the old ``normalize``, year scan and
item-number scan); every test here compares it with the shipped one, result for result:
the texts of the examples, the fixtures, the rule goldens and the real published training
files, a large generated declaration, and generated strings that mix the things the scan must
tell apart (numbers, Chinese numerals, units, comparison words, ranges, dates, quotes, markers).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from perfdecl.phrases import normalize
from perfdecl.phrases.comparisons import _PREFIX_WORDS, _RANGE_SEPARATORS, _SUFFIX_WORDS
from perfdecl.phrases.dates import _date_hits, _DateHit
from perfdecl.phrases.markers import _item_spans, _marker_spans
from perfdecl.phrases.numbers import _ALL_UNITS, _CN_NUMERALS
from perfdecl.phrases.targets import _parse_targets
from tests import targets_reference as reference
from tests.conftest import ROOT, SHARED

CORPUS_DIRS = (ROOT / "examples", ROOT / "tests" / "fixtures", ROOT / "tests" / "rules")
TRAIN = SHARED / "corpus" / "train"


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)


def _texts_of(path: Path) -> Iterator[str]:
    """A file's lines, its tab-separated cells, its YAML strings (when it is YAML) and itself."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return
    yield raw
    for line in raw.splitlines():
        yield line
        yield from line.split("\t")
    if path.suffix in (".yaml", ".yml"):
        with contextlib.suppress(yaml.YAMLError):
            yield from _strings(yaml.safe_load(raw))


def _hits(hits: tuple[_DateHit, ...]) -> list[tuple[object, ...]]:
    return [(h.start, h.end, h.mention, h.date) for h in hits]


def _same(text: str) -> None:
    """The shipped parser and its pieces give what the reference gives for ``text``."""
    norm = normalize(text)
    assert norm == reference.normalize(text), text
    assert _hits(_date_hits.__wrapped__(norm)) == _hits(reference._date_hits(norm)), text  # type: ignore[attr-defined]
    assert _item_spans.__wrapped__(norm) == reference._item_spans(norm), text  # type: ignore[attr-defined]
    assert _marker_spans(norm) == reference._marker_spans(norm), text
    assert _parse_targets.__wrapped__(text) == reference._parse_targets(text), text  # type: ignore[attr-defined]


@functools.cache
def _corpus() -> tuple[str, ...]:
    files = [p for d in CORPUS_DIRS for p in sorted(d.rglob("*")) if p.is_file()]
    if TRAIN.exists():
        files.extend(sorted(TRAIN.rglob("*.txt")))
    return tuple(dict.fromkeys(t for p in files for t in _texts_of(p)))


def test_the_corpus_reads_as_before() -> None:
    texts = _corpus()
    assert len(texts) > 1000
    found = 0
    for text in texts:
        _same(text)
        found += len(reference._parse_targets(text))
    assert found > 1000  # the comparison is of targets, not of empty results


@pytest.mark.skipif(not TRAIN.exists(), reason="../shared/ is not beside the clone")
def test_the_training_files_are_read() -> None:
    assert len(list(TRAIN.rglob("*.txt"))) >= 22


def test_a_large_generated_declaration_reads_as_before(tmp_path: Path) -> None:
    """bench/gen.py's large declaration (seed 0, about 0.5 MB): the texts the 5 MB one repeats."""
    import subprocess
    import sys

    out = tmp_path / "big"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "gen.py"), "--big", "0.5", str(out)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    (path,) = out.glob("*.yaml")
    texts = set(_strings(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)))
    assert len(texts) > 500
    for text in texts:
        _same(text)


def test_the_reference_is_the_old_reading() -> None:
    """The oracle reads what the parser's documented conventions say (so a broken copy shows)."""
    (target,) = reference._parse_targets("全年发放借书证（张）不低于50张")
    assert (target.comparison, str(target.value), target.unit) == (">=", "50", "张")
    assert [t.comparison for t in reference._parse_targets("5-10人")] == [">=", "<="]
    assert reference._parse_targets("1.2019年完成") == ()


_CJK = "的是在和全年开展活动培训覆盖率满意度社区居民项目资金建设完成发放借书证家长"
_TOKENS = sorted(
    {
        *_CJK,
        *"0123456789０９",
        *_CN_NUMERALS,
        *_ALL_UNITS,
        *_PREFIX_WORDS,
        *_SUFFIX_WORDS,
        *_RANGE_SEPARATORS,
        *("以上", "以内", "不低于", "不超过", "达到", "≥", "≤", "＞", "～", "至", "五至十"),
        *("%", "％", "百分之", "个百分点", "余", "多", "万", "千", "百", "性", "分之"),
        *("第", "每", "周", "星期", "之", "(含)", "（含）", "/", "+", "#", "_", ":", ".", ","),
        *("，", "；", "。", "、", "：", "！", "?", " ", "\u3000", "\t", "\n", "\x00"),
        *("“", "”", "「", "」", "《", "》", '"', "(", ")", "（", "）", "张）", "（人"),
        *("2019年", "二〇一九年", "2019-12-31", "12月31日", "年底", "2019-2021年", "截至"),
        *("1.", "2、", "(3)", "4)", "6.10个", "3.2019年", "G", "A", "kg", "m²", "km"),
        *("其中", "共计", "合计", "需", "为", "等", "预计", "全年", "本年度", "年度内"),
    }
)
_NUMBERS = (
    *("5", "12", "1,200", "1,2345", "3.5", "95.5", "2019", "20", "0", "1.2.3", "3/4"),
    *("五", "二十", "两", "千", "三万", "百分之五十", "百分之20", "十二", "〇", "一二", "百", "万"),
    "二〇一九",
)
_OPT = st.sampled_from
# A number with what may stand around it, each part often absent: the combinations the scan's
# groups must read as the old parser's steps did ("5余，" counts 余 before a clause end).
_QUANTITY = st.tuples(
    _OPT(
        ["", "", "约", "不低于", "≥", "达到", "不超过", "高于公益金总额的", "第", "每", "星期", "~"]
    ),
    _OPT(["", "", "", " ", "  "]),
    _OPT(_NUMBERS),
    _OPT(["", "", "", " "]),
    _OPT(["", "", "余", "多"]),
    _OPT(["", "", "", "万", "亿", "千", "百"]),
    _OPT(["", "", "余", "多"]),
    _OPT(
        ["", "", "人", "个", "次", "元", "万元", "%", "日", "号", "周年", "kg", "G", "月", "分之"]
    ),
    _OPT(["", "", "", "/月", "/人", "/号"]),
    _OPT(["", "", "", " ", "(含)"]),
    _OPT(["", "", "以上", "以内", "内", "左右", "及以下"]),
    _OPT(["", "", "，", "；", "。", "\n", "-", "至", "～", "性", "+", ".5", "a"]),
).map("".join)
_PHRASES = st.lists(_QUANTITY | st.sampled_from(_TOKENS) | st.text(max_size=2), max_size=16).map(
    "".join
)


@settings(max_examples=3000, deadline=None)
@given(_PHRASES)
def test_generated_phrases_read_as_before(text: str) -> None:
    _same(text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40))
def test_any_text_reads_as_before(text: str) -> None:
    _same(text)
