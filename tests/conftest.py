"""Shared fixtures: paths to the repository, the example and the shared folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "niujie_2019.yaml"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "niujie_2019.txt"


@pytest.fixture
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def needs_shared() -> pytest.MarkDecorator:
    """Tests that read ../shared/ (CI has it beside the clone)."""
    return pytest.mark.skipif(not SHARED.exists(), reason="../shared/ is not beside the clone")
