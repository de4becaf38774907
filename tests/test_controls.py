"""PD013's quick answer (no control character and no backslash in the text: nothing to report)
agrees with the walk over every key and value, whatever the text."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfdecl.escape import HIDDEN_PRINTABLE, first_hidden_control, hides_printable_control
from perfdecl.lint.controls import control_problems
from perfdecl.loader import load_text


def _both(text: str) -> tuple[list[str], list[str]] | None:
    loaded = load_text(text, file="c.yaml")
    if loaded.data is None:
        return None  # the loader refused the text (a raw control character, a lone surrogate)
    quick = [p.pointer or "" for p in control_problems(loaded.data, loaded.source, "c.yaml")]
    walked_source = dataclasses.replace(loaded.source, text="")  # no text: always the walk
    walk = [p.pointer or "" for p in control_problems(loaded.data, walked_source, "c.yaml")]
    return quick, walk


def test_escapes_raw_controls_and_keys_are_found() -> None:
    assert _both('unit: "某局\\e[2J"\n') == (["/unit"], ["/unit"])
    assert _both("unit: 某局\x1b]8;;x\n") is None  # raw: YAML refuses it, the loader reports it
    assert _both('"k\\u202e": 1\nunit: 某局\n') == (["/k\u202e"], ["/k\u202e"])
    assert _both("unit: 某局\nremarks: |\n  多行\n  文本\n") == ([], [])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(st.characters(exclude_categories=("Cs",)), max_size=12), min_size=1, max_size=4
    )
)
def test_the_quick_answer_is_the_walks(values: list[str]) -> None:
    # JSON strings are YAML double-quoted scalars: every control arrives as an escape
    for ascii_only in (True, False):
        text = "".join(
            f"k{i}: {json.dumps(v, ensure_ascii=ascii_only)}\n" for i, v in enumerate(values)
        )
        both = _both(text)
        if both is None:
            continue  # YAML refuses it (a surrogate-pair escape, a raw non-printable character)
        quick, walk = both
        assert quick == walk


def _c_printable(code: int) -> bool:
    """YAML's c-printable set (YAML 1.1 and 1.2 alike), which libyaml's reader enforces."""
    return (
        code in (0x09, 0x0A, 0x0D, 0x85)
        or 0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or code >= 0x10000
    )


def test_the_hidden_characters_yaml_allows_are_the_ones_looked_for() -> None:
    hidden = [chr(c) for c in range(0x110000) if first_hidden_control(chr(c))]
    allowed = {char for char in hidden if _c_printable(ord(char))}
    assert allowed == set(HIDDEN_PRINTABLE)
    refused = [char for char in hidden if char not in allowed]
    for char in refused:  # the fast road never says printable for a text that holds one
        for text in (f"unit: a{char}b\n", f"# {char}\nunit: a\n"):
            assert not load_text(text, file="c.yaml").source.printable


@pytest.mark.parametrize("char", HIDDEN_PRINTABLE)
def test_the_quick_answer_on_the_fast_road_is_the_regular_expressions(char: str) -> None:
    texts = (
        f"unit: a{char}b\n",
        f'unit: "a{char}b"\n',
        f"# {char}\nunit: a\n",
        f"k{char}: 1\nunit: a\n",
        f"remarks: |\n  a{char}b\n",
    )
    for text in texts:
        loaded = load_text(text, file="c.yaml")
        if loaded.data is None:
            continue
        quick = list(control_problems(loaded.data, loaded.source, "c.yaml"))
        regex = dataclasses.replace(loaded.source, printable=False)
        assert quick == list(control_problems(loaded.data, regex, "c.yaml"))
        walked = dataclasses.replace(loaded.source, text="")
        assert quick == list(control_problems(loaded.data, walked, "c.yaml"))


def test_a_clean_declaration_takes_the_fast_road() -> None:
    loaded = load_text("unit: 某局\nremarks: |\n  多行\n", file="c.yaml")
    assert loaded.source.printable and not hides_printable_control(loaded.source.text)
