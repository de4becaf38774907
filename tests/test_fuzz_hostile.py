"""The hostile catalogue as fuzz seeds (fuzz/hostile.py), replayed under the harnesses'
invariants (fuzz/invariants.py), the output sinks included: what the fuzzers start from is
checked in CI as well, and the sink invariant itself is shown to catch an unsafe report."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest

from .conftest import ROOT, fuzz_invariants

inv = fuzz_invariants()


def _hostile() -> ModuleType:
    name = "perfdecl_fuzz_hostile"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "fuzz" / "hostile.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


VALIDATE = list(_hostile().validate_seeds())
IMPORT = list(_hostile().import_seeds())


def test_the_catalogue_is_in_the_seeds() -> None:
    names = {name for name, _ in VALIDATE} | {name for name, _ in IMPORT}
    for case in ("stop-commands-in-value", "osc8-link", "markdown-image-html-key", "csv-formula"):
        assert f"hostile-{case}" in names
    assert "hostile-stacked-suppressions" in names and "hostile-import-workflow" in names
    assert max(len(data) for _, data in VALIDATE + IMPORT) < 512 * 1024  # libFuzzer-sized


@pytest.mark.parametrize(("name", "data"), VALIDATE, ids=[n for n, _ in VALIDATE])
def test_validate_seeds_keep_the_invariants(name: str, data: bytes) -> None:
    result = inv.run_validate(data)
    for variant in range(6):  # both languages, colour on and off, every renderer in turn
        inv.run_outputs(result, variant=variant)
    inv.run_loader(data)


@pytest.mark.parametrize(("name", "data"), IMPORT, ids=[n for n, _ in IMPORT])
def test_import_seeds_keep_the_invariants(name: str, data: bytes) -> None:
    inv.run_import(data)


@pytest.mark.parametrize(
    ("sink", "out"),
    [
        ("text", "a.yaml:1:1: PD101 error \x1b[2J\n"),
        ("github", "::warning file=a.yaml::x\n::stop-commands::tok\n"),
        ("markdown", "| 1 | PD101 | [x](http://evil.example) |\n"),
        ("markdown", "<img src=x>\n"),
        ("junit", "<testsuites><testcase></testsuites>"),
    ],
)
def test_the_sink_invariant_catches_an_unsafe_report(sink: str, out: str) -> None:
    with pytest.raises((inv.InvariantError, ValueError, SyntaxError)):
        inv.check_sink(sink, out)
    inv.check_sink("text", "\x1b[1mbold\x1b[0m a.yaml\n", color=True)  # our own colour codes
