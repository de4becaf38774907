"""The real forms of the training corpus, transcribed by hand (tests/fixtures/real/): each one
validates with no error except those its header declares (``# expected-errors: PDnnn — why``),
which are defects of the published form or of the excerpt, named in the file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from perfdecl.lint import DEFAULT_OPTIONS, check_path
from perfdecl.problem import Severity

from .conftest import ROOT

REAL = ROOT / "tests" / "fixtures" / "real"
CORPUS = ROOT.parent / "shared" / "corpus" / "train"
FIXTURES = sorted(REAL.glob("*.yaml"))
_EXPECTED = re.compile(r"^# expected-errors: (PD[0-9]{3}) — \S", re.MULTILINE)


def expected_errors(path: Path) -> set[str]:
    return set(_EXPECTED.findall(path.read_text(encoding="utf-8")))


def test_every_project_and_department_form_of_the_corpus_is_transcribed() -> None:
    stems = {p.stem for p in FIXTURES}
    corpus = {
        p.stem for folder in ("project", "department") for p in (CORPUS / folder).glob("*.txt")
    }
    assert len(corpus) == 13
    assert stems == corpus


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_real_form_validates_with_only_the_declared_errors(path: Path) -> None:
    result = check_path(path, DEFAULT_OPTIONS)
    assert result.declaration is not None, [p.message.en for p in result.problems]
    errors = {p.code for p in result.problems if p.severity is Severity.ERROR}
    assert errors == expected_errors(path), [
        (p.code, p.line, p.message.en) for p in result.problems if p.severity is Severity.ERROR
    ]


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_real_form_names_its_source(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    match = re.search(r"\.\./shared/corpus/train/(\w+/\w+)\.txt", text)
    assert match is not None and match[1].endswith(path.stem)
    assert (CORPUS / f"{match[1]}.txt").is_file()
