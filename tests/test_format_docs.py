"""docs/format.md documents every key of the format with its Chinese label, and its project
excerpt is a valid declaration."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from perfdecl import model
from perfdecl.lint import DEFAULT_OPTIONS, check_path
from perfdecl.problem import Severity

from .conftest import ROOT

DOC = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
MODELS = [
    model.Declaration,
    model.Project,
    model.Period,
    model.Party,
    model.Budget,
    model.Source,
    model.Funds,
    model.Transfer,
    model.Authority,
    model.Share,
    model.Allocation,
    model.Review,
    model.Goals,
    model.GoalText,
    model.Strand,
    model.Level1,
    model.PointsRange,
    model.Group,
    model.Indicator,
    model.Target,
]


def _label(title: str) -> str:
    return re.split(r"\s*/ (?=[A-Z])", title)[0]


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_every_key_is_documented_with_its_label(cls: type[BaseModel]) -> None:
    for name, field in cls.model_fields.items():
        assert field.title, f"{cls.__name__}.{name} has no title"
        row = f"| `{name}` | {_label(field.title)} |"
        assert row in DOC, row


def test_the_models_are_all_listed() -> None:
    """A new model (a new nested mapping) must join MODELS, and so the documentation."""
    found = {
        cls
        for cls in vars(model).values()
        if isinstance(cls, type) and issubclass(cls, BaseModel) and cls.__module__ == model.__name__
    }
    assert found - {model._Model} == set(MODELS)


def test_the_project_excerpt_validates(tmp_path: Path) -> None:
    section = DOC[DOC.index("## A project form") :]
    block = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert block is not None
    path = tmp_path / "excerpt.yaml"
    path.write_text(block[1], encoding="utf-8")
    result = check_path(path, DEFAULT_OPTIONS)
    assert result.declaration is not None
    assert result.declaration.project is not None and result.declaration.project.budget
    errors = [(p.code, p.message.en) for p in result.problems if p.severity is Severity.ERROR]
    assert errors == []
