"""Variants of the published seed, derived at test time, all import to the same data.

Each variant is a transformation of the seed's text (or bytes) plus, when it changes verbatim
texts (numbering styles, 效益 for 效果 …), the same transformation applied line by line to the
example's texts: the import must then equal the transformed example.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from perfdecl.convert.importer import import_bytes
from perfdecl.lint import load_declaration
from perfdecl.problem import Severity

from .conftest import EXAMPLE, SEED, needs_shared
from .test_import import as_declaration, without_targets

pytestmark = needs_shared()

FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ITEM = re.compile(r"^(\s*)(\d{1,2})[.．]\s*")  # item numbers, not amounts


def identity(line: str) -> str:
    return line


def per_line(f: Callable[[str], str]) -> Callable[[str], str]:
    return lambda text: "\n".join(f(line) for line in text.split("\n"))


@dataclass(frozen=True)
class Variant:
    name: str
    make: Callable[[str], bytes]
    expect: Callable[[str], str] = identity  # applied to each line of every expected text
    ignore_newlines: bool = False


def utf8(f: Callable[[str], str]) -> Callable[[str], bytes]:
    return lambda text: f(text).encode("utf-8")


def label_lines(f: Callable[[str], str]) -> Callable[[str], str]:
    """Apply ``f`` to label lines only (lines that start, after a tab, with 部门（单位） or a
    funds part)."""
    pattern = re.compile(r"^\s*(部门（单位）|资金总额|基本支出|项目支出|其他)")
    return per_line(lambda line: f(line) if pattern.match(line) else line)


def numbering(style: Callable[[re.Match[str]], str]) -> Callable[[str], str]:
    return lambda line: ITEM.sub(style, line, count=1)


def wrap(text: str) -> str:
    """Break long lines after their first "，" when the rest starts with a Chinese character."""
    out = []
    for line in text.split("\n"):
        cut = line.find("，")
        rest = line[cut + 1 :] if cut > 0 else ""
        if (
            len(line) > 30
            and rest
            and "\u4e00" <= rest[0] <= "\u9fff"
            and rest[0] not in "一二三四五"
        ):
            out.extend([line[: cut + 1], rest])
        else:
            out.append(line)
    return "\n".join(out)


def spacing(text: str) -> str:
    """No tabs, a blank line between every line, trailing spaces, a leading ideographic space."""
    lines = [line.strip("\t") for line in text.split("\n")]
    return "\n\n".join(f"\u3000{line}  \t" if n % 3 == 0 else line for n, line in enumerate(lines))


by_dun = numbering(lambda m: f"{m[1]}{m[2]}、")
by_paren = numbering(lambda m: f"{m[1]}（{m[2]}）")
by_close = numbering(lambda m: f"{m[1]}{m[2]}) ")
by_fullwidth = numbering(lambda m: f"{m[1]}{m[2].translate(FULLWIDTH)}．")
effect = per_line(lambda line: line.replace("效果指标", "效益指标"))
progress = per_line(lambda line: line.replace("产出进度指标", "产出时效指标"))
CN = "一二三四五"
strands = re.compile(rf"^([{CN}])、")
by_strand_paren = per_line(lambda line: strands.sub(r"（\1）", line))

VARIANTS = [
    Variant("seed", utf8(identity)),
    Variant("crlf", utf8(lambda t: t.replace("\n", "\r\n"))),
    Variant("cr-only", utf8(lambda t: t.replace("\n", "\r"))),
    Variant("gb18030", lambda t: t.encode("gb18030")),
    Variant("utf8-bom", lambda t: t.encode("utf-8-sig")),
    Variant("labels-without-unit", utf8(label_lines(lambda s: s.replace("部门（单位）", "部门")))),
    Variant("labels-bare", utf8(label_lines(lambda s: s.replace("部门（单位）", "")))),
    Variant(
        "labels-halfwidth",
        utf8(
            label_lines(
                lambda s: (
                    s.replace("（单位）", "(单位)").replace("（万元）", "(万元)").replace("：", ":")
                )
            )
        ),
    ),
    Variant(
        "labels-inline",
        utf8(
            lambda t: re.sub(
                r"\t(部门（单位）名称|部门（单位）负责人|联系电话|资金总额：|基本支出：|项目支出|其他：)\n\t",
                lambda m: f"\t{m[1].rstrip('：')}：",
                t,
            )
        ),
    ),
    Variant(
        "amounts-fullwidth-no-unit",
        utf8(
            per_line(
                lambda s: re.sub(
                    r"^\t([0-9.]+)万元$", lambda m: "\t" + m[1].translate(FULLWIDTH), s
                )
            )
        ),
    ),
    Variant(
        "amounts-spaced",
        utf8(per_line(lambda s: re.sub(r"^\t18891\.87万元$", "\t18,891.87 万元", s))),
    ),
    Variant("spacing", utf8(spacing)),
    Variant("numbering-dun", utf8(per_line(by_dun)), by_dun),
    Variant("numbering-paren", utf8(per_line(by_paren)), by_paren),
    Variant("numbering-close", utf8(per_line(by_close)), by_close),
    Variant("numbering-fullwidth", utf8(per_line(by_fullwidth)), by_fullwidth),
    Variant("strands-paren", utf8(by_strand_paren), by_strand_paren),
    Variant("effect-as-benefit", utf8(effect), effect),
    Variant("progress-as-timeliness", utf8(progress), progress),
    Variant("wrapped-lines", utf8(wrap), ignore_newlines=True),
]

TEXT_KEYS = frozenset({"unit", "head", "functions", "lead", "text", "name", "remarks"})


def transform(data: Any, f: Callable[[str], str], *, key: str | None = None) -> Any:
    if isinstance(data, dict):
        return {k: transform(v, f, key=k) for k, v in data.items()}
    if isinstance(data, list):
        return [transform(v, f, key=key) for v in data]
    if isinstance(data, str) and key in TEXT_KEYS:
        return "\n".join(f(line) for line in data.split("\n"))
    return data


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    return without_targets(load_declaration(EXAMPLE))


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.name)
def test_variant_imports_to_the_same_data(
    variant: Variant, seed_text: str, expected: dict[str, Any]
) -> None:
    raw = variant.make(seed_text)
    assert raw != seed_text.encode("utf-8") or variant.name == "seed"
    result = import_bytes(raw, file=f"<{variant.name}>")
    assert result.ok, [p.message.en for p in result.problems]
    assert [p for p in result.problems if p.severity is not Severity.INFO] == []
    got = without_targets(as_declaration(result.data or {}))
    want = transform(expected, variant.expect)
    if variant.ignore_newlines:
        got = _join(got)
        want = _join(want)
    assert got == want


def _join(data: Any, key: str | None = None) -> Any:
    if isinstance(data, dict):
        return {k: _join(v, k) for k, v in data.items()}
    if isinstance(data, list):
        return [_join(v, key) for v in data]
    if isinstance(data, str) and key in TEXT_KEYS:
        return data.replace("\n", "")
    return data


def test_the_variants_really_differ(seed_text: str) -> None:
    """Guard against a transformation that silently does nothing."""
    made = {v.name: v.make(seed_text) for v in VARIANTS}
    assert len(set(made.values())) == len(made)
