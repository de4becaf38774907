"""Shared fixtures: paths to the repository, the example and the shared folder."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "niujie_2019.yaml"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "niujie_2019.txt"


@pytest.fixture(autouse=True, scope="session")
def _result_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Runs of the suite keep their result cache in a temporary folder, not the user's."""
    os.environ["PERFDECL_CACHE_DIR"] = str(tmp_path_factory.mktemp("result-cache"))


@pytest.fixture
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def needs_shared() -> pytest.MarkDecorator:
    """Tests that read ../shared/ (CI has it beside the clone)."""
    return pytest.mark.skipif(not SHARED.exists(), reason="../shared/ is not beside the clone")


def fuzz_invariants() -> ModuleType:
    """fuzz/invariants.py, shared with the atheris harnesses (fuzz/ is not a package)."""
    name = "perfdecl_fuzz_invariants"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "fuzz" / "invariants.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


UPDATE_GOLDEN = os.environ.get("PERFDECL_UPDATE_GOLDEN") == "1"


def golden_checker(folder: Path) -> Callable[[str, str], None]:
    """``check(name, actual)`` against ``folder/name``; PERFDECL_UPDATE_GOLDEN=1 rewrites it."""

    def check(name: str, actual: str) -> None:
        path = folder / name
        if UPDATE_GOLDEN:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
        assert path.exists(), f"golden {name} missing; regenerate with PERFDECL_UPDATE_GOLDEN=1"
        assert actual == path.read_text(encoding="utf-8"), f"golden {name} differs"

    return check
