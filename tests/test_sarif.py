"""SARIF: the rule table declares every code its results use, whatever layer reported it, and each
result's region spans the offending value (not an empty point at its start)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from perfdecl.catalogue import all_codes
from perfdecl.cli.app import app
from perfdecl.lint import FileResult
from perfdecl.loader import load_text
from perfdecl.problem import Lang, Message, Problem, Severity
from perfdecl.reporters.base import Summary
from perfdecl.reporters.sarif import SarifReporter, region
from tests.conftest import EXAMPLE, SHARED, needs_shared

SARIF_SCHEMA = SHARED / "data" / "sarif-schema-2.1.0.json"
runner = CliRunner()


def _every_layer(folder: Path) -> list[str]:
    """Files that make one run report loader, structure, rule, config and suppression codes."""
    text = EXAMPLE.read_text(encoding="utf-8")
    (folder / ".perfdecl.toml").write_text('selct = ["PD2"]\n', encoding="utf-8")  # PD021
    review = text.replace("remarks: 无", "remarks: no", 1)  # PD012, and the rules run
    review = review.replace("head: 李丽京", "head: 李丽京  # perfdecl: ignore[PD215]", 1)  # PD025
    review = review.replace(
        'phone: "83998540"', 'phone: "83998540"  # perfdecl: ignore[PD231] checked by hand', 1
    )  # PD026
    (folder / "review.yaml").write_text(review, encoding="utf-8")
    broken = text.replace("head: ", "heed: ", 1)  # PD101, PD102
    (folder / "broken.yaml").write_text(broken, encoding="utf-8")
    return ["review.yaml", "broken.yaml"]


def _run(folder: Path, monkeypatch: pytest.MonkeyPatch, lang: Lang) -> Any:
    monkeypatch.chdir(folder)
    names = _every_layer(folder)
    result = runner.invoke(app, ["validate", *names, "--format", "sarif", "--lang", lang])
    assert result.exit_code == 2, result.output  # PD021: a broken configuration
    return json.loads(result.output)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_rule_table_declares_every_code_of_the_results(
    lang: Lang, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = _run(tmp_path, monkeypatch, lang)
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)) and ids == sorted(ids)
    assert set(ids) == set(all_codes())
    used = {res["ruleId"] for res in run["results"]}
    assert used <= set(ids)
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    origins = {all_codes()[code].origin for code in used}
    assert {"loader", "structure", "rule", "config", "suppression"} <= origins, used
    assert {"PD012", "PD021", "PD025", "PD026", "PD101"} <= used
    by_id = {r["id"]: r for r in rules}
    for code in used:
        info = all_codes()[code]
        rule = by_id[code]
        assert rule["name"] == info.name
        assert rule["shortDescription"]["text"] == info.summary.text(lang)
        if info.help is not None:
            assert rule["fullDescription"]["text"] == info.help.text(lang)
        assert info.origin in rule["properties"]["tags"]


@needs_shared()
def test_every_layer_run_is_valid_sarif(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    document = _run(tmp_path, monkeypatch, "zh")
    jsonschema.validators.validator_for(schema)(schema).validate(document)


def _zero_width(r: dict[str, int]) -> bool:
    if "endColumn" not in r:
        return True
    return r.get("endLine", r["startLine"]) == r["startLine"] and r["endColumn"] <= r["startColumn"]


def test_regions_on_the_example_span_their_values(monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: 61 of the example's 99 regions had zero width (PD211, PD221 on whole texts)."""
    monkeypatch.chdir(EXAMPLE.parent)
    result = runner.invoke(app, ["validate", EXAMPLE.name, "--format", "sarif", "--lang", "en"])
    results = json.loads(result.output)["runs"][0]["results"]
    assert len(results) >= 40  # 99 before issue 16 merged repeated boilerplate (45 now)
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    for res in results:
        r = res["locations"][0]["physicalLocation"]["region"]
        assert not _zero_width(r), res
    texts = [res for res in results if res["ruleId"] == "PD221"]
    assert texts
    for res in texts:  # a repeated sentence: the whole sentence, as written
        r = res["locations"][0]["physicalLocation"]["region"]
        line = lines[r["startLine"] - 1]
        assert (
            line[r["startColumn"] - 1 : r["endColumn"] - 1]
            == "截止2019年12月31日，上述事项全部完成。"
        )
        related = res["relatedLocations"]  # the four other copies, each spanning its sentence
        assert [x["id"] for x in related] == [1, 2, 3, 4]
        for x in related:
            rr = x["physicalLocation"]["region"]
            assert (
                x["physicalLocation"]["artifactLocation"]
                == res["locations"][0]["physicalLocation"]["artifactLocation"]
            )
            assert (
                lines[rr["startLine"] - 1][rr["startColumn"] - 1 : rr["endColumn"] - 1]
                == "截止2019年12月31日，上述事项全部完成。"
            )


def _problem(line: int | None, column: int | None, end: tuple[int, int] | None) -> Problem:
    end_line, end_column = end if end else (None, None)
    return Problem(
        "PD211",
        Severity.INFO,
        Message("x", "x"),
        "f.yaml",
        line,
        column,
        end_line,
        end_column,
        "/text",
    )


def test_region_uses_the_value_span_only_for_zero_width_problems() -> None:
    text = "a: 1\ntext: 全年发放借书证\nblock: |\n  第一行\n  第二行\nb: 2\n"
    loaded = load_text(text, file="f.yaml")
    source = loaded.source
    # a zero-width problem at the value's start spans the value
    assert region(_problem(2, 7, (2, 7)), source) == {
        "startLine": 2,
        "startColumn": 7,
        "endLine": 2,
        "endColumn": 14,
    }
    # no end at all: the same
    found = region(_problem(2, 7, None), source)
    assert found is not None and found["endColumn"] == 14
    # a problem with its own width keeps it
    assert region(_problem(2, 9, (2, 11)), source) == {
        "startLine": 2,
        "startColumn": 9,
        "endLine": 2,
        "endColumn": 11,
    }
    # a problem with no position gets the value's span
    assert region(_problem(None, None, None), source) == {
        "startLine": 2,
        "startColumn": 7,
        "endLine": 2,
        "endColumn": 14,
    }
    # a block scalar ends at the end of its last line, not at the start of the next
    block = Problem("PD221", Severity.WARNING, Message("x", "x"), "f.yaml", 3, 8, 3, 8, "/block")
    assert region(block, source) == {"startLine": 3, "startColumn": 8, "endLine": 5, "endColumn": 6}
    # a problem that starts outside its value (on the key, say) is left as it is
    assert region(_problem(1, 1, (1, 1)), source) == {
        "startLine": 1,
        "startColumn": 1,
        "endLine": 1,
        "endColumn": 1,
    }
    # without a source map, or without a pointer, the problem's own position
    assert region(_problem(2, 7, (2, 7))) == {
        "startLine": 2,
        "startColumn": 7,
        "endLine": 2,
        "endColumn": 7,
    }


def test_unknown_code_is_declared_too() -> None:
    """A code outside the registry (a plug-in's) still gets a rule entry, so no result dangles."""
    stream = io.StringIO()
    reporter = SarifReporter(stream, lang="en")
    reporter.begin()
    p = Problem("PD999", Severity.WARNING, Message("x", "x"), "f.yaml", 1, 1, 1, 2)
    reporter.file(FileResult("f.yaml", (p,)))
    reporter.end(Summary(files=1, warnings=1))
    run = json.loads(stream.getvalue())["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "PD999" in ids and ids == sorted(ids)
    assert ids[run["results"][0]["ruleIndex"]] == "PD999"
