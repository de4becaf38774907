"""PD013's quick answer (no control character and no backslash in the text: nothing to report)
agrees with the walk over every key and value, whatever the text."""

from __future__ import annotations

import dataclasses
import json

from hypothesis import given, settings
from hypothesis import strategies as st

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
