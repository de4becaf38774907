"""Shape-aware fuzzing in the test suite: declaration-shaped YAML, then corrupted.

tests/test_loader_properties.py feeds the loader arbitrary data and byte soup; these tests start
from what perfdecl really reads (the 2019 example, the fixtures, and declarations generated from
the models with Chinese target phrases, odd amounts and indicator trees) and damage it the way
files get damaged: lines deleted, duplicated or swapped, indentation changed, tabs, truncation,
flipped bytes, tags, anchors and aliases, scalars replaced by lists or mappings, other encodings.

Whatever comes out, validate, diff and import must answer with well-formed problems positioned
inside the file, and never an internal error (PD900). The invariants are those of the atheris
harnesses (fuzz/invariants.py), so a failure here and a fuzzer finding mean the same thing.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfdecl.convert.yamlwrite import dumps
from perfdecl.lint import check_bytes
from perfdecl.render import render

from .conftest import EXAMPLE, ROOT, fuzz_invariants

inv = fuzz_invariants()

SETTINGS = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- declaration-shaped data ------------------------------------------------------------------

SUBJECTS = ["覆盖率", "满意度", "参与率", "推送文章", "受益人数", "验收合格率", "资金", "完成率"]
COMPARATORS = ["≥", "≤", "不低于", "不超过", "达到", "约", ">", "<", "=", "以上", "以内", ""]
NUMBERS = ["95", "100", "0.5", "2696", "一百", "十", "18891.87", "-3", "1e3", "０.９", "9" * 45]
UNITS = ["%", "％", "万元", "元", "人次", "个", "场", "年", "平米", "㎡", "元/月/人", ""]
DATES = ["截止2019年12月31日", "2019年底前", "2020年6月", "12月31日前", "2019-02-30", "2019年13月"]
VAGUE = ["进一步", "明显", "有效", "显著", "不断", "逐步", "较好"]
GLUE = ["；", "。", "，", "、", "1．", "（2）", "\n", " ", "？", "“", "”", "《", "》"]

phrase = st.lists(
    st.one_of(
        st.sampled_from(SUBJECTS),
        st.sampled_from(COMPARATORS),
        st.sampled_from(NUMBERS),
        st.sampled_from(UNITS),
        st.sampled_from(DATES),
        st.sampled_from(VAGUE),
        st.sampled_from(GLUE),
        st.text(max_size=6),
    ),
    min_size=1,
    max_size=14,
).map("".join)

# Amounts: Decimals, and the strings that go wrong (huge, negative, NaN, with units).
money = st.one_of(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-(10**7), max_value=10**9
    ),
    st.sampled_from(
        ["NaN", "-Infinity", "1e400", "-0", "0.001", "18891.87", "1,234.5", "12万", "9" * 60, ""]
    ),
    st.none(),
)

LEVEL1_NAMES = ["产出指标", "产出指标一：强化党的领导", "效果指标", "效益指标", "满意度指标"]
LEVEL1_NAMES += ["成本指标", "社会公众或服务对象满意度指标", "其他指标"]
LEVEL2_NAMES = ["产出数量指标", "数量指标", "质量指标", "产出进度指标", "时效指标", "成本指标"]
LEVEL2_NAMES += ["经济效益指标", "社会效益指标", "环境效益指标", "可持续影响指标"]
LEVEL2_NAMES += ["服务对象满意度指标", "经济成本指标", "未知指标"]
COMPARISONS = [">=", "<=", "=", ">", "<", "~", "qualitative", "≥", "约", "定性", "!=", ""]

ident = st.sampled_from(["out1", "out1.qty.1", "eff", "g1", "x-1", "a_b", "1x"]) | st.text(
    max_size=4
)
dates = st.one_of(
    st.dates(min_value=datetime.date(2017, 1, 1), max_value=datetime.date(2022, 12, 31)),
    st.sampled_from(["2019-02-30", "2019/12/31", "明年", ""]),
    st.none(),
)

target = st.fixed_dictionaries(
    {"comparison": st.sampled_from(COMPARISONS)},
    optional={
        "name": phrase,
        "value": st.one_of(money, phrase),
        "unit": st.sampled_from(UNITS),
        "deadline": dates,
        "weight": st.one_of(money, st.integers(-5, 200)),
        "direction": st.sampled_from(["positive", "negative", "正向"]),
    },
)
indicator = st.fixed_dictionaries(
    {"id": ident, "text": phrase},
    optional={
        "kind": st.sampled_from(["quantitative", "qualitative", "定量"]),
        "targets": st.lists(target, max_size=2),
        "note": phrase,
    },
)
group = st.fixed_dictionaries(
    {"name": st.sampled_from(LEVEL2_NAMES) | phrase, "items": st.lists(indicator, max_size=2)}
)
level1 = st.fixed_dictionaries(
    {
        "id": ident,
        "name": st.sampled_from(LEVEL1_NAMES) | phrase,
        "groups": st.lists(group, max_size=2),
    },
    optional={"goal": st.sampled_from(["g1", "g2", "g9"])},
)
declaration = st.fixed_dictionaries(
    {
        "schema_version": st.sampled_from([1, 1, 1, 2, "1"]),
        "year": st.sampled_from([2019, 2019, 2020, 1989, 2101]),
        "framework": st.sampled_from(["beijing_2019", "national_classic", "central_2021", "x"]),
        "kind": st.sampled_from(["department", "project"]),
        "indicators": st.lists(level1, max_size=3),
    },
    optional={
        "unit": phrase,
        "head": phrase,
        "phone": st.sampled_from(["83998540", "010-1234", ""]),
        "funds": st.fixed_dictionaries(
            {}, optional={k: money for k in ("total", "basic", "project", "other")}
        ),
        "functions": phrase,
        "goals": st.fixed_dictionaries(
            {},
            optional={
                "lead": phrase,
                "strands": st.lists(
                    st.fixed_dictionaries(
                        {"id": st.sampled_from(["g1", "g2", "g3"]), "text": phrase}
                    ),
                    max_size=3,
                ),
            },
        ),
        "remarks": phrase,
    },
)

EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")


def _example_slices() -> dict[str, str]:
    """The example cut into one declaration per 一级 indicator, its own formatting kept.

    The whole example costs a tenth of a second per check; its slices keep every shape (block
    texts, flow targets, comments) at a fraction of that, so the tests stay within budget.
    """
    head, _, body = EXAMPLE_TEXT.partition("indicators:\n")
    blocks = re.split(r"(?m)^(?=  - id: )", body)
    return {
        f"example-{n}": head + "indicators:\n" + block
        for n, block in enumerate(blocks)
        if block.strip()
    }


BASES = _example_slices()
for _name in ("good.yaml", "mangled.yaml"):
    BASES[_name] = (ROOT / "tests" / "fixtures" / "core" / _name).read_text(encoding="utf-8")


def _dump(data: dict[str, Any]) -> str:
    """The project's own writer, as `perfdecl import` writes declarations."""
    return dumps(data)


base_text = st.one_of(
    declaration.map(_dump),
    declaration.map(_dump),
    st.sampled_from(sorted(BASES)).map(BASES.__getitem__),
)

# --- corruption -------------------------------------------------------------------------------

TAGS = ["!!python/object/apply:os.system ", "!!python/name:os.system ", "!custom ", "!!str "]
TAGS += ["!!int ", "!!float ", "!!binary ", "!!timestamp ", "&a ", "&b ", "*a ", "! "]
REPLACEMENTS = ["[1, 2]", "{a: b}", "[]", "{}", "~", ".nan", "-.inf", "1e400", "010", "no"]
REPLACEMENTS += ["1:30", "2019-02-30", "'", '"unterminated', "|", ">", "*a", "&a x", "- x"]
REPLACEMENTS += ["NaN", "0x1F", "+12", "1_000", "9" * 5000, "'牛街'", "[a, [b, {c: d}]]"]
INSERTIONS = ["<<: *a", "? complex", "---", "...", "%YAML 1.1", "# perfdecl: ignore[PD215] 理由"]
INSERTIONS += ["# perfdecl: ignore[PD2", "# perfdecl: ignore[] x", "  - &a [*a]", "key: [1, 2"]
ENCODINGS = ["utf-8", "utf-8", "utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "crlf"]

_VALUE = re.compile(r"^(\s*(?:- )?[^:#]+:\s)(.*)$")


def corrupt_lines(lines: list[str], data: st.DataObject) -> list[str]:
    """Line-level damage: the edits that a bad merge or a careless clerk makes."""
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        if not lines:
            lines = [""]
        i = data.draw(st.integers(0, len(lines) - 1), label="line")
        op = data.draw(
            st.sampled_from(
                ["delete", "duplicate", "swap", "indent", "tab", "tag", "replace", "insert", "text"]
            ),
            label="op",
        )
        line = lines[i]
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "swap":
            j = data.draw(st.integers(0, len(lines) - 1), label="other")
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent":
            shift = data.draw(st.integers(-4, 4), label="shift")
            body = line.lstrip(" ")
            lines[i] = " " * max(0, len(line) - len(body) + shift) + body
        elif op == "tab":
            body = line.lstrip(" ")
            lines[i] = "\t" * data.draw(st.integers(1, 2)) + body
        elif op in ("tag", "replace"):
            m = _VALUE.match(line)
            if m:
                new = data.draw(st.sampled_from(TAGS), label="tag") + m[2]
                if op == "replace":
                    new = data.draw(st.sampled_from(REPLACEMENTS), label="scalar")
                lines[i] = m[1] + new
        elif op == "insert":
            indent = " " * data.draw(st.integers(0, 8))
            lines.insert(i, indent + data.draw(st.sampled_from(INSERTIONS), label="insert"))
        else:
            pos = data.draw(st.integers(0, len(line)), label="pos")
            lines[i] = line[:pos] + data.draw(st.text(max_size=5), label="text") + line[pos:]
    return lines


def encode(text: str, encoding: str) -> bytes:
    if encoding == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8", errors="surrogatepass")
    return text.encode(
        encoding, errors="surrogatepass" if encoding.startswith("utf") else "replace"
    )


def corrupt_bytes(raw: bytes, data: st.DataObject) -> bytes:
    """Byte-level damage: truncation (a copy interrupted) and flipped bits (a bad disk)."""
    buf = bytearray(raw)
    if buf and data.draw(st.booleans(), label="truncate"):
        del buf[data.draw(st.integers(0, len(buf) - 1), label="cut") :]
    for _ in range(data.draw(st.integers(0, 2), label="flips")):
        if buf:
            k = data.draw(st.integers(0, len(buf) - 1), label="byte")
            buf[k] ^= 1 << data.draw(st.integers(0, 7), label="bit")
    return bytes(buf)


def corrupted(text: str, data: st.DataObject) -> bytes:
    lines = corrupt_lines(text.split("\n"), data)
    raw = encode("\n".join(lines), data.draw(st.sampled_from(ENCODINGS), label="encoding"))
    return corrupt_bytes(raw, data)


# --- properties -------------------------------------------------------------------------------


@SETTINGS
@given(declaration)
def test_generated_declarations_load_and_check_cleanly(decl: dict[str, Any]) -> None:
    """Undamaged, the writer's output always loads (no PD0xx error), whatever it holds; PD013
    (a control character in a value, a finding about the content) appears exactly when a key or
    value holds one."""
    raw = _dump(decl).encode("utf-8")
    result = inv.run_validate(raw)
    load_errors = [
        p
        for p in result.problems
        if p.code.startswith("PD0") and p.code != "PD013" and p.severity.rank == 2
    ]
    assert not load_errors
    from perfdecl.escape import first_hidden_control

    def strings(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            for key, value in node.items():
                yield str(key)
                yield from strings(value)
        elif isinstance(node, list):
            for value in node:
                yield from strings(value)
        elif isinstance(node, str):
            yield node

    hidden = any(first_hidden_control(text) for text in strings(decl))
    assert hidden == any(p.code == "PD013" for p in result.problems)


@SETTINGS
@given(base_text, st.data())
def test_corrupted_declarations_never_raise(text: str, data: st.DataObject) -> None:
    raw = corrupted(text, data)
    inv.run_loader(raw)
    result = inv.run_validate(raw)
    if data.draw(st.integers(0, 9), label="outputs") == 0:
        inv.run_outputs(result, variant=len(raw))


@settings(SETTINGS, max_examples=40)
@given(base_text, st.data())
def test_diff_with_corrupted_copy_never_raises(text: str, data: st.DataObject) -> None:
    original = text.encode("utf-8")
    damaged = corrupted(text, data)
    inv.run_diff(original, damaged, reports=data.draw(st.booleans(), label="reports"))
    inv.run_diff(damaged, original)


# --- the importer on damaged published text ---------------------------------------------------

_RENDERED = [
    render(result.declaration, "text")
    for result in (check_bytes(text.encode("utf-8")) for text in BASES.values())
    if result.declaration is not None
]
LABELS = ["部门（单位）名称", "资金总额：", "18891.87万元", "一级指标", "二级指标", "产出指标"]
LABELS += ["满意度指标", "产出数量指标", "1．完成100项；", "其他说明的问题", "\t", "（一）", "一、"]


def _rendered_declarations() -> st.SearchStrategy[str]:
    """Rendered text of the example, a fixture, or a generated declaration that validates."""

    def as_text(decl: dict[str, Any]) -> str | None:
        result = check_bytes(_dump(decl).encode("utf-8"))
        return render(result.declaration, "text") if result.declaration else None

    generated = declaration.map(as_text).filter(lambda t: t is not None)
    return st.one_of(st.sampled_from(_RENDERED), generated)


def corrupt_text_lines(lines: list[str], data: st.DataObject) -> list[str]:
    for _ in range(data.draw(st.integers(1, 5), label="edits")):
        if not lines:
            lines = [""]
        i = data.draw(st.integers(0, len(lines) - 1), label="line")
        op = data.draw(
            st.sampled_from(["delete", "duplicate", "swap", "detab", "label", "number", "join"]),
            label="op",
        )
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = data.draw(st.integers(0, len(lines) - 1), label="other")
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "detab":
            lines[i] = lines[i].replace("\t", data.draw(st.sampled_from(["", " ", "\t\t"])))
        elif op == "label":
            lines.insert(i, data.draw(st.sampled_from(LABELS) | phrase, label="label"))
        elif op == "number":
            lines[i] = re.sub(r"[0-9]+", data.draw(st.sampled_from(NUMBERS)), lines[i], count=1)
        elif i + 1 < len(lines):
            lines[i : i + 2] = [lines[i] + lines[i + 1]]
    return lines


@settings(SETTINGS, max_examples=60)
@given(_rendered_declarations(), st.data())
def test_importer_never_raises_on_damaged_rendered_text(text: str, data: st.DataObject) -> None:
    lines = corrupt_text_lines(text.split("\n"), data)
    raw = encode("\n".join(lines), data.draw(st.sampled_from(ENCODINGS), label="encoding"))
    if data.draw(st.booleans(), label="truncate") and raw:
        raw = raw[: data.draw(st.integers(0, len(raw) - 1), label="cut")]
    inv.run_import(raw)


# --- the oracle itself -------------------------------------------------------------------------


def test_invariants_catch_a_bad_position() -> None:
    """The shared checker is not vacuous: a problem past the last line is a finding."""
    from perfdecl.problem import Message, Problem, Severity

    bad = Problem("PD005", Severity.ERROR, Message("x", "x"), "<f>", 3, 1)
    with pytest.raises(AssertionError, match="beyond"):
        inv.check_problems([bad], file="<f>", lines=["a: b", ""])
    internal = Problem("PD900", Severity.ERROR, Message("x", "x"), "<f>")
    with pytest.raises(AssertionError, match="PD900"):
        inv.check_problems([internal], file="<f>", lines=None)


def test_money_strings_are_reported_not_raised() -> None:
    for amount in ["NaN", "-Infinity", "1e400", "9" * 60, ".nan", "1,234.5"]:
        text = EXAMPLE_TEXT.replace("total: 18891.87", f"total: {amount}")
        result = inv.run_validate(text.encode("utf-8"))
        assert any(p.pointer == "/funds/total" for p in result.problems), amount


def test_decimal_values_survive_the_writer() -> None:
    raw = _dump({"schema_version": 1, "year": 2019, "funds": {"total": Decimal("0.10")}})
    assert "total: 0.10" in raw


@pytest.mark.parametrize("number", ["9" * 45, "0." + "1" * 45])
def test_an_overlong_number_in_an_imported_row_stays_text(number: str) -> None:
    """Found by the property above: a row 覆盖率999…(45 digits) became a target the written YAML
    could not hold (the loader reads a plain number over 40 digits as text, PD007)."""
    empty = {"schema_version": 1, "year": 2019, "framework": "beijing_2019", "kind": "department"}
    result = check_bytes(_dump({**empty, "indicators": []}).encode("utf-8"))
    assert result.declaration is not None
    lines = render(result.declaration, "text").split("\n")[3:]
    lines.insert(29, "覆盖率" + number)
    imported = inv.run_import("\n".join(lines).encode("utf-8"))  # the invariants hold
    assert imported.data is not None
    rows = [row for l1 in imported.data["indicators"] for row in l1.get("items", [])]
    row = next(r for r in rows if r["text"] == "覆盖率")
    assert row["value_text"] == number and "targets" not in row
