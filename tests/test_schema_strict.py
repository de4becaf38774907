"""The published JSON Schema is as strict as the models where JSON Schema can say it, and never
stricter: every invalid fixture the models reject for a reason the schema can express fails
the schema too (``total: "lots"`` used to pass), and every file and spelling the models accept
passes it (``comparison: "≥"`` used to be flagged by editors)."""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from perfdecl.lint import check_path
from perfdecl.model import Money
from perfdecl.model.digits import NUMERIC_TEXT
from perfdecl.problem import Severity

from .conftest import EXAMPLE, ROOT

jsonschema = pytest.importorskip("jsonschema")

INVALID = sorted((ROOT / "tests" / "fixtures" / "invalid").glob("*.yaml"))
VALID = [
    EXAMPLE,
    EXAMPLE.with_name("niujie_2020_draft.yaml"),
    ROOT / "tests" / "fixtures" / "core" / "good.yaml",
    *sorted((ROOT / "tests" / "fixtures" / "real").glob("*.yaml")),
]


def _schema() -> Any:
    schema = json.loads((ROOT / "schemas" / "declaration.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _plain(value: Any) -> Any:
    """YAML data as an editor's language server sends it to the validator (dates as text)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _data(path: Path) -> Any:
    return _plain(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_there_are_invalid_fixtures_of_each_kind() -> None:
    headers = [p.read_text(encoding="utf-8").splitlines()[1] for p in INVALID]
    assert len(INVALID) >= 10
    assert all(h.startswith("# invalid: ") for h in headers)
    assert any("only the models reject it" in h for h in headers)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_each_invalid_fixture_fails_the_models_and_the_schema(path: Path) -> None:
    result = check_path(path)
    errors = [p.code for p in result.problems if p.severity is Severity.ERROR]
    assert any(code[:3] in ("PD0", "PD1") for code in errors), (path.name, errors)
    schema_errors = list(_schema().iter_errors(_data(path)))
    if "the JSON Schema rejects it too" in path.read_text(encoding="utf-8").splitlines()[1]:
        assert schema_errors, f"{path.name}: the models reject it, the JSON Schema does not"


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_files_the_models_accept_pass_the_schema(path: Path) -> None:
    result = check_path(path)
    assert not [p for p in result.problems if p.code[:3] in ("PD0", "PD1")], path.name
    assert [e.message for e in _schema().iter_errors(_data(path))] == []


SPELLINGS = {
    "comparison": ["≥", "≧", "＞＝", "==", "═", "约", "定性", " >= ", "qualitative"],
    "direction": ["正向", "反向指标", "positive"],
    "kind": ["定量", "定性指标", "quantitative"],
    "standard": ["行业标准", "其他", "plan"],
}


@pytest.mark.parametrize(("key", "word"), [(k, w) for k, ws in SPELLINGS.items() for w in ws])
def test_spellings_the_models_read_pass_the_schema(key: str, word: str) -> None:
    """The models read ≥, 正向, 行业标准 …; the schema must not flag them in an editor."""
    text = EXAMPLE.read_text(encoding="utf-8")
    row = '              - {name: 推送文章, comparison: "=", value: 200, unit: 条}'
    assert row in text
    if key == "comparison":
        text = text.replace(row, row.replace('"="', json.dumps(word, ensure_ascii=False)), 1)
    else:
        anchor = "            text: 1．项目微信公众号全年推送文章200条；"
        assert anchor in text
        text = text.replace(
            anchor, f"            {key}: {json.dumps(word, ensure_ascii=False)}\n{anchor}", 1
        )
    data = yaml.safe_load(text)
    from perfdecl.lint import check_bytes

    result = check_bytes(text.encode("utf-8"), file="spelling.yaml")
    assert not [p for p in result.problems if p.code[:3] in ("PD0", "PD1")], word
    assert [e.message for e in _schema().iter_errors(_plain(data))] == []
    broken = text.replace(json.dumps(word, ensure_ascii=False), '"sideways"', 1)
    assert list(_schema().iter_errors(_plain(yaml.safe_load(broken))))


MONEY = TypeAdapter(Money)
PATTERN = re.compile(NUMERIC_TEXT)


def _accepted(text: str) -> Decimal | None:
    try:
        return MONEY.validate_python(text)
    except ValidationError:
        return None


@pytest.mark.parametrize("text", ["lots", "1,234", "1.5万元", "", " ", "NaN", "inf", "0x10", "1e"])
def test_the_pattern_refuses_what_the_models_refuse(text: str) -> None:
    assert _accepted(text) is None and PATTERN.search(text) is None


@pytest.mark.parametrize(
    "text", ["18891.87", " 1.5 ", "+2", "-0.01", "1e3", ".5", "5.", "1_000", "１２"]
)
def test_the_pattern_accepts_what_the_models_accept(text: str) -> None:
    assert _accepted(text) is not None and PATTERN.search(text) is not None


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789０９.+-eE_ \t万,a", max_size=14))
def test_money_text_the_models_accept_matches_the_schema_pattern(text: str) -> None:
    """Never stricter than the models: any text they read as an amount matches the pattern."""
    if _accepted(text) is not None:
        assert PATTERN.search(text) is not None, repr(text)
