"""The loader: positions, duplicate keys, Decimal, YAML 1.1 traps, encodings, limits."""

from __future__ import annotations

import codecs
from decimal import Decimal

import pytest

from perfdecl.loader import Limits, load_bytes, load_text


def codes(loaded: object) -> list[str]:
    return [p.code for p in loaded.problems]  # type: ignore[attr-defined]


def test_positions_of_values_and_keys() -> None:
    loaded = load_text("a: 1\nb:\n  c: 牛街街道\n  d: [x, y]\n", file="f.yaml")
    src = loaded.source
    assert src.values["/a"].line == 1 and src.values["/a"].column == 4
    assert src.keys["/b/c"].line == 3 and src.keys["/b/c"].column == 3
    assert (src.values["/b/c"].column, src.values["/b/c"].end_column) == (6, 10)
    assert src.values["/b/d/1"].line == 4 and src.values["/b/d/1"].column == 10


def test_offset_inside_literal_block_resolves_to_line_and_column() -> None:
    text = "t: |-\n  第一行\n  第二行有6.错\n"
    loaded = load_text(text)
    value = loaded.data["t"]
    offset = value.index("6.")
    span = loaded.source.locate("/t", offset=offset, length=2)
    assert span is not None
    assert (span.line, span.column, span.end_column) == (3, 7, 9)


def test_offset_inside_single_line_scalars() -> None:
    loaded = load_text('a: 诸多6.重大\nb: "诸多6.重大"\n')
    assert loaded.source.locate("/a", offset=2).column == 6  # type: ignore[union-attr]
    assert loaded.source.locate("/b", offset=2).column == 7  # type: ignore[union-attr]


def test_missing_pointer_falls_back_to_nearest_ancestor() -> None:
    loaded = load_text("a:\n  b: 1\n")
    span = loaded.source.locate("/a/zzz/0")
    assert span is not None and span.line == 2


def test_duplicate_key_is_an_error_at_the_second_key() -> None:
    loaded = load_text("funds:\n  basic: 1\n  other: 0\n  basic: 2\n", file="d.yaml")
    [problem] = [p for p in loaded.problems if p.code == "PD006"]
    assert (problem.line, problem.column) == (4, 3)
    assert "line 2" in problem.message.en and "第 2 行" in problem.message.zh
    assert loaded.data["funds"]["basic"] == 1  # the first value is kept, never silently the last


def test_money_is_decimal_from_the_scalar_text() -> None:
    loaded = load_text("total: 18891.87\nbasic: 0.10\nn: 12\nbig: 123456789012345678901234567890\n")
    assert loaded.data["total"] == Decimal("18891.87")
    assert isinstance(loaded.data["total"], Decimal)
    assert str(loaded.data["basic"]) == "0.10"
    assert loaded.data["n"] == 12 and isinstance(loaded.data["n"], int)
    assert not any(isinstance(v, float) for v in loaded.data.values())


@pytest.mark.parametrize(
    ("scalar", "expected", "trap"),
    [
        ("no", "no", True),
        ("off", "off", True),
        ("Yes", "Yes", True),
        ("010", "010", True),
        ("1:30", "1:30", True),
        ("1e3", "1e3", True),
        (".inf", ".inf", True),
        ("2019-12-31", "2019-12-31", False),
        ("83998540", 83998540, False),
        ("'010'", "010", False),
        ("true", True, False),
        ("~", None, False),
    ],
)
def test_yaml11_traps_are_read_as_written(scalar: str, expected: object, trap: bool) -> None:
    loaded = load_text(f"v: {scalar}\n")
    assert loaded.data["v"] == expected
    assert type(loaded.data["v"]) is type(expected)
    assert ("PD012" in codes(loaded)) is trap


def test_python_and_custom_tags_are_rejected() -> None:
    for doc in (
        "a: !!python/object/apply:os.system ['echo hi']\n",
        "a: !!python/name:os.system\n",
        "a: !custom 1\n",
        "a: !!binary aGk=\n",
    ):
        loaded = load_text(doc)
        assert "PD007" in codes(loaded), doc


def test_core_tags_are_allowed() -> None:
    loaded = load_text("a: !!str 010\nb: !!float 1.5\nc: !!int 7\n")
    assert loaded.data == {"a": "010", "b": Decimal("1.5"), "c": 7}
    assert codes(loaded) == []


def test_billion_laughs_is_rejected_fast() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    loaded = load_text("\n".join(lines) + "\n", limits=Limits(max_nodes=100_000))
    assert loaded.data is None
    assert "PD008" in codes(loaded)


def test_small_aliases_are_expanded() -> None:
    loaded = load_text("a: &x {k: 1}\nb: *x\n")
    assert loaded.data == {"a": {"k": 1}, "b": {"k": 1}}


def test_recursive_alias_is_rejected() -> None:
    loaded = load_text("a: &x\n  b: *x\n")
    assert loaded.data is None and "PD008" in codes(loaded)


def test_nesting_depth_is_bounded() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    loaded = load_text(deep, limits=Limits(max_depth=64))
    assert loaded.data is None and "PD009" in codes(loaded)
    block = "".join(f"{'  ' * i}k{i}:\n" for i in range(2000)) + "  " * 2000 + "x: 1\n"
    loaded = load_text(block)
    assert loaded.data is None and "PD009" in codes(loaded)


def test_size_is_bounded() -> None:
    loaded = load_bytes(b"a: " + b"x" * 2000 + b"\n", limits=Limits(max_bytes=1000))
    assert loaded.data is None and codes(loaded) == ["PD002"]


def test_merge_and_complex_keys_are_rejected() -> None:
    loaded = load_text("base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n")
    assert "PD011" in codes(loaded)
    assert loaded.data["m"] == {"y": 2}
    loaded = load_text("? [a, b]\n: 1\nc: 2\n")
    assert "PD011" in codes(loaded)
    assert loaded.data == {"c": 2}


def test_several_documents_are_rejected() -> None:
    loaded = load_text("a: 1\n---\nb: 2\n")
    problem = next(p for p in loaded.problems if p.code == "PD010")
    assert problem.line == 2


@pytest.mark.parametrize("doc", ["", "# only a comment\n", "~\n", "- a\n- b\n", "just text\n"])
def test_top_level_must_be_a_mapping(doc: str) -> None:
    loaded = load_text(doc)
    assert loaded.data is None and codes(loaded) == ["PD010"]


def test_syntax_errors_have_positions_and_tab_hint() -> None:
    loaded = load_text("a: 1\nb:\n\t- x\n")
    [p] = loaded.problems
    assert p.code == "PD005" and p.line == 3
    assert "Tab" in p.message.zh and "tab" in p.message.en
    loaded = load_text('a: "unclosed\nb: 1\n')
    assert codes(loaded) == ["PD005"] and loaded.data is None


DOC = "unit: 牛街街道办事处\ntotal: 1.5\n"


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (DOC.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + DOC.encode("utf-8"), "utf-8-sig"),
        (DOC.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + DOC.encode("utf-16-be"), "utf-16"),
    ],
)
def test_unicode_encodings(raw: bytes, encoding: str) -> None:
    loaded = load_bytes(raw)
    assert loaded.data == {"unit": "牛街街道办事处", "total": Decimal("1.5")}
    assert loaded.encoding == encoding and codes(loaded) == []


def test_gb18030_is_read_with_a_warning() -> None:
    loaded = load_bytes(DOC.encode("gb18030"))
    assert loaded.data["unit"] == "牛街街道办事处"
    [p] = loaded.problems
    assert p.code == "PD004" and p.severity.value == "warning"


def test_undecodable_bytes_name_the_offset() -> None:
    raw = b"unit: ok\nx: \xff\xfe\xfd\x80\x81\n"
    loaded = load_bytes(raw)
    [p] = loaded.problems
    assert p.code == "PD003" and "12" in p.message.en and p.line == 2


def test_nul_bytes_are_binary() -> None:
    loaded = load_bytes(b"\x00\x01\x02binary")
    assert codes(loaded) == ["PD003"] and loaded.data is None


def test_control_characters_are_reported() -> None:
    loaded = load_text("a: b\x07c\n")
    assert codes(loaded) == ["PD005"] and loaded.data is None


def test_pure_python_fallback_matches_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    import perfdecl.loader as loader
    from perfdecl.loader import events

    doc = "a: 1\nb:\n  - 牛街\n  - {c: 0.5}\nc: |-\n  x\n  y\n"
    fast = load_text(doc)
    monkeypatch.setattr(events, "_CParser", None)  # the event source's parser
    slow = loader.load_text(doc)
    assert fast.data == slow.data
    assert fast.source.values == slow.source.values
    bad = loader.load_text("a: 1\na: 2\n")
    assert [p.code for p in bad.problems] == ["PD006"]
