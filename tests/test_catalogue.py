"""The one code registry: every layer's ``CODES`` table in one shape, joined by ``all_codes()``."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import perfdecl
from perfdecl.catalogue import all_codes
from perfdecl.problem import CodeInfo, Message, Severity

SRC = Path(perfdecl.__file__).parent
CODE = re.compile(r"PD[0-9]{3}")

LAYERS = {
    "perfdecl.loader.codes": ("loader", "PD0"),
    "perfdecl.config.codes": ("config", "PD02"),
    "perfdecl.lint.codes": (("suppression", "internal"), ("PD02", "PD9")),
    "perfdecl.model.codes": ("structure", "PD1"),
    "perfdecl.rules.codes": ("rule", "PD2"),
    "perfdecl.diff.codes": ("diff", "PD3"),
    "perfdecl.convert.codes": ("import", "PD4"),
}


@pytest.mark.parametrize("module", sorted(LAYERS))
def test_each_layer_table_has_the_one_shape(module: str) -> None:
    import importlib

    origins, prefixes = LAYERS[module]
    table = importlib.import_module(module).CODES
    assert table, module
    for code, info in table.items():
        assert type(info) is CodeInfo and info.code == code and CODE.fullmatch(code)
        assert info.origin in (origins if isinstance(origins, tuple) else (origins,))
        assert code.startswith(prefixes), (module, code)
        assert isinstance(info.severity, Severity) and isinstance(info.summary, Message)
        assert (
            info.summary.zh
            and info.summary.en
            and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", info.name)
        )
        assert all_codes()[code] is info


def test_all_codes_joins_every_layer_once() -> None:
    codes = all_codes()
    assert list(codes) == sorted(codes)
    assert {info.origin for info in codes.values()} == {
        "loader",
        "config",
        "suppression",
        "structure",
        "rule",
        "diff",
        "import",
        "internal",
    }
    from perfdecl.diff import DIFF_CODES
    from perfdecl.rules import RULES

    assert {r.code for r in RULES} | set(DIFF_CODES) <= set(codes)
    assert all(codes[c].origin == "diff" for c in DIFF_CODES)
    names = [info.name for info in codes.values()]
    assert len(names) == len(set(names)), "a name is a second key of a code: it must be unique"


def _literals(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.update(m for m in CODE.findall(node.value) if node.value.strip() == m)
    return found


def test_every_code_in_the_source_is_registered() -> None:
    """A code written as a string literal anywhere in src (a problem being made, a table, a
    check) is one the tool can emit or name: it must be in the registry."""
    used: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        for code in _literals(path):
            used.setdefault(code, []).append(str(path.relative_to(SRC)))
    assert len(used) > 90
    missing = {code: files for code, files in used.items() if code not in all_codes()}
    assert not missing, missing
