"""The SARIF document is written without json.dumps's slow indented encoder
(reporters/sarif.py ``indented_json`` and the results' own scaffolding): the text must be exactly
what ``json.dumps(document, ensure_ascii=False, indent=2)`` writes."""

from __future__ import annotations

import io
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from perfdecl.lint import FileResult
from perfdecl.loader import load_text
from perfdecl.problem import Message, Problem, Related, Severity
from perfdecl.reporters.base import Summary
from perfdecl.reporters.sarif import SarifReporter, indented_json

_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",)) | st.sampled_from('"\\\n\t\x00\x7f\u2028中')
)
_LEAF = st.none() | st.booleans() | st.integers() | _TEXT
_JSON = st.recursive(
    _LEAF,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_indented_json_is_json_dumps(value: Any) -> None:
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_what_json_dumps_writes_its_own_way_is_left_to_it() -> None:
    class Text(str):
        pass

    for value in (1.5, float("nan"), (1, 2), {1: "a"}, {"a": [True, 2.0]}, Text("x"), [{None: 1}]):
        assert indented_json(value) is None
    loop: list[Any] = []
    loop.append(loop)
    assert indented_json(loop) is None  # json.dumps then says it is circular


def _sarif(results: list[FileResult], lang: str = "en") -> str:
    stream = io.StringIO()
    reporter = SarifReporter(stream, lang=lang)  # type: ignore[arg-type]
    reporter.begin()
    for result in results:
        reporter.file(result)
    reporter.end(Summary(files=len(results), errors=1))
    return stream.getvalue()


def _slow(text: str) -> str:
    """What json.dumps writes for the same document."""
    return json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


def test_results_are_written_as_json_dumps_writes_them() -> None:
    loaded = load_text('a: "值 \\" 引号"\nb:\n  - x\n  - |\n    多行\n    文本\n', file="f.yaml")
    m = Message("中文“引号”\t\\", 'en "quoted"\n')
    problems = (
        Problem("PD201", Severity.ERROR, m, "f.yaml", 1, 4, 1, 6, "/a"),
        Problem("PD202", Severity.WARNING, m, "f.yaml", None, None, None, None, "/b/0"),
        Problem("PD203", Severity.INFO, m, "f.yaml", 4, 5, None, None, "/b/1"),
        Problem("PD204", Severity.INFO, m, "f.yaml", 2, 1, 2, 1, ""),
        Problem("PD999", Severity.INFO, m, "f.yaml", 0, 0, 0, 0, "/x"),  # outside the table
        Problem(
            "PD221",
            Severity.WARNING,
            m,
            "f.yaml",
            1,
            4,
            1,
            9,
            "/a",
            (Related("/b/0", 3, 5, 3, 6), Related("/zz")),
        ),
    )
    other = FileResult("sub dir/申报 [1].yaml", (problems[0],))
    for lang in ("en", "zh"):
        text = _sarif([FileResult("f.yaml", problems, None, loaded.source), other], lang)
        assert text == _slow(text)
        run = json.loads(text)["runs"][0]
        assert [r["ruleId"] for r in run["results"]] == [p.code for p in problems] + ["PD201"]
        assert len(run["results"][5]["relatedLocations"]) == 2
    assert _sarif([]) == _slow(_sarif([]))


def test_the_results_dicts_json_dumps_falls_back_to_are_the_same(monkeypatch: Any) -> None:
    loaded = load_text("a: x\nb: [1, 2]\n", file="f.yaml")
    m = Message("中", "en")
    problems = (
        Problem("PD201", Severity.ERROR, m, "f.yaml", 1, 4, 1, 5, "/a"),
        Problem("PD202", Severity.WARNING, m, "f.yaml", 2, 5, 2, 5, "/b/0", (Related("/a", 1, 4),)),
        Problem("PD203", Severity.INFO, m, "f.yaml"),
    )
    results = [FileResult("f.yaml", problems, None, loaded.source)]
    fast = _sarif(results)
    monkeypatch.setattr("perfdecl.reporters.sarif.indented_json", lambda document: None)
    assert _sarif(results) == fast
