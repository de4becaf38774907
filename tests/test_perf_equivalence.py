"""The fast paths of issue #18 give the bytes of the plain ones: the JSON reporter's line
writer against json.dumps, the cache's row decoder against the problems it stored."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from perfdecl.lint import FileResult
from perfdecl.lint.cache import decode, encode
from perfdecl.loader import SourceMap
from perfdecl.problem import Message, Problem, Related, Severity
from perfdecl.reporters.json import problem_line

TEXT = st.text(st.characters(codec="utf-8"), max_size=30) | st.text(max_size=10)
WHERE = st.none() | st.integers(min_value=0, max_value=2**40)
PROBLEMS = st.builds(
    Problem,
    code=st.sampled_from(["PD001", "PD211", "PD9"]) | TEXT,
    severity=st.sampled_from(list(Severity)),
    message=st.builds(Message, TEXT, TEXT),
    file=TEXT,
    line=WHERE,
    column=WHERE,
    end_line=WHERE,
    end_column=WHERE,
    pointer=TEXT,
    related=st.lists(st.builds(Related, TEXT, WHERE, WHERE, WHERE, WHERE), max_size=2).map(tuple),
)


@given(PROBLEMS, st.sampled_from(["zh", "en"]))
def test_the_json_line_is_json_dumps(problem: Problem, lang: str) -> None:
    want = json.dumps(problem.to_dict(lang), ensure_ascii=False)  # type: ignore[arg-type]
    assert problem_line(problem, lang) == want  # type: ignore[arg-type]


@given(st.lists(PROBLEMS, max_size=5))
def test_a_cache_entry_decodes_to_the_problems_stored(problems: list[Problem]) -> None:
    data = b"schema_version: 1\n"
    result = FileResult("a.yaml", tuple(problems), None, SourceMap(text=data.decode()))
    back = decode(encode(result, data), data)
    assert back.problems == result.problems
    assert back.source.text == result.source.text


def test_a_row_of_the_wrong_type_is_refused(tmp_path: Path) -> None:
    data = b"x: 1\n"
    good = Problem("PD211", Severity.WARNING, Message("zh", "en"), "a.yaml", 1, 2)
    head, zh, en = encode(
        FileResult("a.yaml", (good,), None, SourceMap(text="x: 1\n")), data
    ).split("\n")
    raw = json.loads(head)
    assert decode("\n".join((head, zh, en)), data).problems == (good,)
    for index, bad in ((0, 3), (1, "fatal"), (2, None), (3, True), (3, "1"), (4, 1.5), (7, None)):
        row = list(raw["problems"][0])
        row[index] = bad
        entry = json.dumps({**raw, "problems": [row]})
        try:
            decode("\n".join((entry, zh, en)), data)
        except (ValueError, KeyError, TypeError):
            continue
        raise AssertionError(f"row field {index} = {bad!r} was accepted")


PHRASE_TEXT = st.text(
    st.sampled_from(
        list("0123456789０１９．、（）％＋－ 　年月日一二十百千〇零两.,;-~≧﹪项人元为达到\n")
    )
    | st.characters(),
    max_size=40,
)


@given(PHRASE_TEXT)
def test_normalize_replaces_as_the_translate_table_did(text: str) -> None:
    import importlib
    import re
    import unicodedata

    module = importlib.import_module("perfdecl.phrases.normalize")
    want = text.translate(module._TABLE)
    if not want.isascii():
        want = re.sub(
            r"(?![0-9])\d",
            lambda m: str(d) if 0 <= (d := unicodedata.decimal(m.group(), -1)) <= 9 else m.group(),
            want,
        )
    assert module.normalize.__wrapped__(text) == want


def test_the_mapped_class_is_the_table_for_every_character() -> None:
    """In the Basic Multilingual Plane the class is exactly the table and the other scripts'
    digits; beyond it, every character (normalize leaves those that are no digit as they are)."""
    import importlib
    import re
    import unicodedata

    module = importlib.import_module("perfdecl.phrases.normalize")
    zeros = [c for c in range(0x80, 0x10000) if unicodedata.decimal(chr(c), -1) == 0]
    assert list(module._DIGIT_ZEROS) == zeros
    other_digit = re.compile(r"(?![0-9])\d")
    for code in range(0x110000):
        hit = module._MAPPED.fullmatch(chr(code)) is not None
        want = code in module._TABLE or other_digit.fullmatch(chr(code)) is not None
        assert hit == (want or code > 0xFFFF), hex(code)


def test_every_character_is_normalised_as_before() -> None:
    """Each character alone and all of them in one text map as the table and ``\\d`` say."""
    import importlib
    import re
    import unicodedata

    module = importlib.import_module("perfdecl.phrases.normalize")
    other_digit = re.compile(r"(?![0-9])\d")

    def want(char: str) -> str:
        if ord(char) in module._TABLE:
            return module._TABLE[ord(char)]
        if other_digit.fullmatch(char):
            return str(unicodedata.decimal(char))
        return char

    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    assert module.normalize.__wrapped__("".join(chars)) == "".join(map(want, chars))
    for char in chars[::97]:
        assert module.normalize.__wrapped__(char) == want(char), hex(ord(char))


@given(PHRASE_TEXT)
def test_runs_and_years_are_found_as_before(text: str) -> None:
    import re

    from perfdecl.phrases.dates import _year_runs
    from perfdecl.phrases.numbers import _CN_NUMERALS
    from tests.targets_reference import _NUMERAL_RUN_RE

    text = text.replace("\x01", "")  # the old stand-in mark (a loader never passes it on)
    marked = text.translate({ord(c): "\x01" for c in _CN_NUMERALS})
    old_runs = [m.span() for m in re.finditer("[0-9]+|\x01+", marked)]
    assert [m.span() for m in _NUMERAL_RUN_RE.finditer(text)] == old_runs
    old_years = [
        m.span()
        for m in re.finditer("[0-9]+|\x01+", text)
        if len(m.group()) == 4 and m.group()[:2] in ("19", "20")
    ]
    assert [(start, start + 4) for start in _year_runs(text)] == old_years


def test_checking_a_declaration_builds_no_self_evaluation_model() -> None:
    """The self-evaluation's model classes are built only for ``kind: selfeval`` (14 ms of
    start-up otherwise); a self-evaluation still gets its own model."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    probe = (
        "import sys\n"
        "from perfdecl.lint import check_bytes\n"
        "check_bytes(open(sys.argv[1], 'rb').read())\n"
        "print('perfdecl.model.selfeval' in sys.modules)\n"
        "r = check_bytes(b'schema_version: 1\\nyear: 2022\\nframework: central_2021\\n'\n"
        "                b'kind: selfeval\\n')\n"
        "print('perfdecl.model.selfeval' in sys.modules, type(r.declaration).__name__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(root / "examples" / "niujie_2019.yaml")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.splitlines() == ["False", "True SelfEvaluation"], done.stderr


def test_only_the_language_read_is_parsed_from_an_entry() -> None:
    import hashlib

    data = b"x: 1\n"
    problems = tuple(
        Problem("PD211", Severity.WARNING, Message(f"中文{i}", f"english {i}"), "a.yaml", i)
        for i in range(3)
    )
    raw = encode(FileResult("a.yaml", problems, None, SourceMap(text="x: 1\n")), data)
    back = decode(raw, data)
    assert [p.message.text("zh") for p in back.problems] == ["中文0", "中文1", "中文2"]
    stored = back.problems[0].message._messages  # type: ignore[attr-defined]
    assert stored._parsed[0] is not None and stored._parsed[1] is None, "English never parsed"
    assert back.problems == problems and hash(back.problems[2]) == hash(problems[2])
    # a language line written by hand with a matching digest: empty messages, never a crash
    head, zh, _ = raw.split("\n")
    forged_en = '["only one"]'
    entry = json.loads(head)
    entry["messages"][1] = hashlib.sha256(forged_en.encode()).hexdigest()
    forged = decode("\n".join((json.dumps(entry), zh, forged_en)), data)
    assert [p.message.en for p in forged.problems] == ["", "", ""]
    assert forged.problems[1].message.zh == "中文1"
