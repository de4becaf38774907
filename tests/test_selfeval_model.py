"""The ``selfeval`` kind: a self-evaluation (绩效自评表) builds into its own models, carries every
column the published forms print, has a committed JSON Schema and a documented key table."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from perfdecl.cli.app import app
from perfdecl.cli.schema import SchemaKind, schema_text
from perfdecl.lint import DEFAULT_OPTIONS, Options, check_bytes, check_path
from perfdecl.model import Declaration
from perfdecl.model import selfeval as se
from perfdecl.model.rows import indicator_rows

from .conftest import ROOT

YONGDE = ROOT / "tests" / "fixtures" / "selfeval" / "yongde_minglang_2022.yaml"
DOC = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
HEADER = "schema_version: 1\nyear: 2022\nframework: national_classic\nkind: selfeval\n"


def _build(text: str) -> tuple[Declaration | None, list[tuple[str, str]]]:
    result = check_bytes(text.encode(), file="s.yaml", options=Options(run_rules=False))
    return result.declaration, [(p.code, p.message.en) for p in result.problems]


def test_committed_selfeval_schema_is_current() -> None:
    committed = (ROOT / "schemas" / "selfeval.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(SchemaKind.SELFEVAL), (
        "run: perfdecl schema --kind selfeval > schemas/selfeval.schema.json"
    )


def test_schema_command_prints_the_selfeval_schema() -> None:
    result = CliRunner().invoke(app, ["schema", "--kind", "selfeval"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"].startswith("绩效自评表")
    assert schema["properties"]["kind"]["const"] == "selfeval"
    item = schema["$defs"]["EvalIndicator"]["properties"]
    assert {"actual", "score", "deviation", "survey", "value_initial"} <= set(item)


def test_the_yongde_form_builds_with_every_printed_figure() -> None:
    result = check_path(YONGDE, Options(run_rules=False))
    decl = result.declaration
    assert isinstance(decl, se.SelfEvaluation), result.problems
    assert decl.execution is not None
    assert decl.execution.budget == Decimal("387664.62")
    assert decl.execution.in_wan(decl.execution.spent or Decimal(0)) == Decimal("38.766462")
    assert decl.execution.rate == "100%" and decl.execution.score == 10
    assert [p.label for p in decl.execution.parts] == [
        "其中:当年财政拨款",
        "上年结转资金",
        "其他资金",
    ]
    rows = list(indicator_rows(decl))
    assert len(rows) == 9
    items = [r.item for r in rows]
    assert all(isinstance(i, se.EvalIndicator) for i in items)
    scores = [i.score for i in items if isinstance(i, se.EvalIndicator)]
    assert sum(s or 0 for s in scores) + decl.execution.score == decl.total_score == 96
    known = next(i for i in items if i.id == "eff.soc.1")
    assert isinstance(known, se.EvalIndicator)
    assert (known.nature, known.value_text, known.actual, known.score) == ("═", "100", "98%", 9)
    assert decl.goals is not None and decl.goals.outcome is not None
    assert decl.grade == "优"


def test_outcome_keys_are_refused_in_a_declaration() -> None:
    """A declaration has no 实际完成值: the key is a typo or a misfiled self-evaluation."""
    text = YONGDE.read_text(encoding="utf-8").replace("kind: selfeval", "kind: project")
    decl, problems = _build(text)
    assert decl is None
    assert any(code == "PD101" and "'actual'" in msg for code, msg in problems)


def test_a_misspelt_outcome_key_names_the_nearest_one() -> None:
    text = HEADER + (
        "indicators:\n  - id: a\n    name: 产出指标\n    items:\n"
        "      - {id: a.1, text: 发放人数, actaul: '735'}\n"
    )
    decl, problems = _build(text)
    assert decl is None
    assert problems == [("PD101", "unknown key 'actaul': did you mean 'actual'?")]


@pytest.mark.parametrize(
    ("fragment", "code"),
    [
        ("execution: {budget: 十万}", "PD103"),
        ("execution: {budget: 10, unit: 美元}", "PD104"),
        ("total_score: -3", "PD104"),
        (
            "indicators:\n  - {id: s, name: 满意度指标, items: "
            "[{id: s.1, text: 满意度, survey: {sample: -1}}]}",
            "PD104",
        ),
    ],
)
def test_bad_outcome_values_are_structure_errors(fragment: str, code: str) -> None:
    decl, problems = _build(HEADER + fragment + "\n")
    assert decl is None
    assert [c for c, _ in problems] == [code]


def test_a_selfeval_is_read_by_the_validate_command() -> None:
    result = CliRunner().invoke(app, ["validate", "--no-cache", "--format", "json", str(YONGDE)])
    assert result.exit_code in (0, 1)
    report = json.loads(result.stdout)
    codes = {p["code"] for p in report["files"][0]["problems"]}
    assert not {c for c in codes if c.startswith(("PD0", "PD1", "PD9"))}


def _label(title: str) -> str:
    return re.split(r"\s*/ (?=[A-Z])", title)[0]


_NEW: list[tuple[type[BaseModel], type[BaseModel] | None]] = [
    (se.SelfEvaluation, Declaration),
    (se.Execution, None),
    (se.ExecutionRow, None),
    (se.EvalLevel1, se.Level1),
    (se.EvalGroup, se.Group),
    (se.EvalIndicator, se.Indicator),
    (se.Result, None),
    (se.Survey, None),
]


@pytest.mark.parametrize(("cls", "base"), _NEW, ids=lambda c: getattr(c, "__name__", ""))
def test_every_selfeval_key_is_documented(
    cls: type[BaseModel], base: type[BaseModel] | None
) -> None:
    section = DOC[DOC.index("## Self-evaluations") :]
    for name, field in cls.model_fields.items():
        if base is not None and name in base.model_fields and name not in ("kind",):
            continue
        assert field.title
        assert f"| `{name}` | {_label(field.title)} |" in section, name


def test_the_selfeval_module_models_are_all_listed() -> None:
    found = {
        c
        for c in vars(se).values()
        if isinstance(c, type) and issubclass(c, BaseModel) and c.__module__ == se.__name__
    }
    assert found == {cls for cls, _ in _NEW}


def test_the_format_excerpt_is_a_valid_selfeval(tmp_path: Path) -> None:
    section = DOC[DOC.index("## Self-evaluations") :]
    block = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert block is not None
    path = tmp_path / "excerpt.yaml"
    path.write_text(block[1], encoding="utf-8")
    result = check_path(path, DEFAULT_OPTIONS)
    assert isinstance(result.declaration, se.SelfEvaluation)
    assert [p for p in result.problems if p.code.startswith(("PD0", "PD1"))] == []
