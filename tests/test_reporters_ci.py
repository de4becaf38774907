"""The CI reporters (sarif, github, junit, markdown) and the stable ones (text, json): golden
output on a fixed small set, SARIF against the official schema, escaping rules."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfdecl.catalogue import all_codes, describe
from perfdecl.cli.app import app
from perfdecl.problem import Message, Problem, Severity
from perfdecl.reporters import REPORTERS
from perfdecl.reporters.github import annotation, escape_data, escape_property
from perfdecl.reporters.markdown import cell
from perfdecl.reporters.sarif import artifact_location, region
from tests.conftest import EXAMPLE, SHARED, needs_shared

from .conftest import golden_checker

GOLDEN = Path(__file__).parent / "golden" / "reporters"
SARIF_SCHEMA = SHARED / "data" / "sarif-schema-2.1.0.json"
SELECT = "PD0,PD1,PD202"
"""Golden output is limited to loader, structure and the funds-sum codes, so that the wording of
unrelated review rules does not churn these files."""

runner = CliRunner()


def make_fixed_set(folder: Path) -> list[str]:
    """The example, plus broken copies: structure, funds and a YAML 1.1 trap, syntax."""
    text = EXAMPLE.read_text(encoding="utf-8")
    (folder / ".perfdecl.toml").write_text("", encoding="utf-8")  # no stray configuration
    (folder / "niujie_2019.yaml").write_text(text, encoding="utf-8")
    broken = text.replace("year: 2019", "year: 二〇一九", 1).replace("head: ", "heed: ", 1)
    (folder / "broken.yaml").write_text(broken, encoding="utf-8")
    funds = text.replace("total: 18891.87", "total: 18891.97", 1)
    funds = funds.replace("remarks: 无", "remarks: no", 1)
    (folder / "funds.yaml").write_text(funds, encoding="utf-8")
    (folder / "syntax.yaml").write_text("schema_version: 1\nyear: [2019\n", encoding="utf-8")
    return ["niujie_2019.yaml", "broken.yaml", "funds.yaml", "syntax.yaml"]


def run_format(folder: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(folder)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    names = make_fixed_set(folder)
    result = runner.invoke(
        app, ["validate", *names, "--format", fmt, "--select", SELECT, "--lang", "en"]
    )
    return result.exit_code, result.output


def stable_sarif(text: str) -> str:
    """The SARIF document with the rule table reduced to id, name and level (the help texts
    belong to the rules and are checked separately)."""
    document = json.loads(text)
    driver = document["runs"][0]["tool"]["driver"]
    driver["version"] = driver["semanticVersion"] = "<version>"
    results = document["runs"][0]["results"]
    used = [r for r in driver["rules"] if r["id"] in {res["ruleId"] for res in results}]
    for res in results:  # indices into the reduced table
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        res["ruleIndex"] = [r["id"] for r in used].index(res["ruleId"])
    driver["rules"] = [{"id": r["id"], "level": r["defaultConfiguration"]["level"]} for r in used]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


check_golden = golden_checker(GOLDEN)


GOLDEN_FILES = {
    "text": "fixed.txt",
    "json": "fixed.json",
    "sarif": "fixed.sarif",
    "github": "fixed.github.txt",
    "junit": "fixed.junit.xml",
    "markdown": "fixed.md",
}


def test_every_registered_format_has_a_golden_case() -> None:
    assert set(REPORTERS) <= set(GOLDEN_FILES), "a new reporter needs a golden case here"


@pytest.mark.parametrize("fmt", sorted(GOLDEN_FILES))
def test_golden_output(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, output = run_format(tmp_path, fmt, monkeypatch)
    assert code == 1  # broken copies have errors
    if fmt == "json":
        output = output.replace(json.loads(output)["tool"]["version"], "<version>", 1)
    if fmt == "sarif":
        output = stable_sarif(output)
    check_golden(GOLDEN_FILES[fmt], output)


@needs_shared()
def test_sarif_is_valid_against_the_official_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator_cls = jsonschema.validators.validator_for(schema)  # draft-04, as it declares
    _, output = run_format(tmp_path, "sarif", monkeypatch)
    document = json.loads(output)
    validator_cls(schema).validate(document)
    run = document["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)) and set(ids) >= set(all_codes())
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        location = res["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not location["artifactLocation"]["uri"].startswith("/")
        assert res["partialFingerprints"]
    # The Chinese file content is not escaped: SARIF is written as UTF-8.
    assert "\\u" not in output


def test_sarif_regions_and_uris(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    p = Problem("PD101", Severity.ERROR, Message("x", "x"), "sub dir/申报.yaml", 3, 5, 3, 9)
    assert region(p) == {"startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 9}
    assert region(Problem("PD001", Severity.ERROR, Message("x", "x"), "f")) is None
    loc = artifact_location("sub dir/申报.yaml")
    assert loc == {"uri": "sub%20dir/%E7%94%B3%E6%8A%A5.yaml", "uriBaseId": "%SRCROOT%"}
    assert artifact_location(str(tmp_path / "a.yaml")) == {
        "uri": "a.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    outside = artifact_location("/elsewhere/a.yaml")
    assert outside["uri"].startswith("file:///") and "uriBaseId" not in outside


def test_github_escaping() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    p = Problem(
        "PD202",
        Severity.WARNING,
        Message("", ""),
        "decl/a,b:c.yaml",
        line=4,
        column=2,
        end_line=6,
        end_column=1,
    )
    line = annotation(p, "合计: 1,2\n第二行 100%")
    # A multi-line span sends no columns (the Actions toolkit rejects them).
    assert line == (
        "::warning file=decl/a%2Cb%3Ac.yaml,line=4,endLine=6,title=PD202::"
        "合计: 1,2%0A第二行 100%25\n"
    )
    info = Problem("PD012", Severity.INFO, Message("", ""), "a.yaml", 1, 3, 1, 5)
    assert annotation(info, "m").startswith(
        "::notice file=a.yaml,line=1,col=3,endLine=1,endColumn=5,"
    )


def test_markdown_cells_never_break_the_table() -> None:
    assert cell("a | b\nc") == "a \\| b c"
    assert cell("<b>&") == "\\<b>&"


def test_junit_escapes_and_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, output = run_format(tmp_path, "junit", monkeypatch)
    root = ET.fromstring(output.encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [
        "niujie_2019.yaml",
        "broken.yaml",
        "funds.yaml",
        "syntax.yaml",
    ]
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    assert failed == ["broken.yaml", "funds.yaml", "syntax.yaml"]
    assert suite.get("failures") == "3" and suite.get("tests") == "4"
    funds = cases[2]
    out = funds.find("system-out")
    assert out is not None and "PD012" in (out.text or "")  # infos are not failures


def test_code_table_covers_every_origin() -> None:
    codes = all_codes()
    assert {"PD001", "PD005", "PD101", "PD900"} <= set(codes)
    assert list(codes) == sorted(codes)
    origins = {info.origin for info in codes.values()}
    assert {"loader", "structure", "internal"} <= origins
    for info in codes.values():
        assert info.summary.zh and info.summary.en and info.name
    assert describe("PD999").code == "PD999"  # unknown codes still describable


@pytest.mark.parametrize("fmt", ["sarif", "junit", "markdown", "github", "json"])
def test_machine_formats_in_chinese(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    names = make_fixed_set(tmp_path)
    result = runner.invoke(
        app, ["validate", *names, "--format", fmt, "--select", SELECT, "--lang", "zh"]
    )
    assert result.exit_code == 1
    assert "资金" in result.output or "格式" in result.output or "语法" in result.output
