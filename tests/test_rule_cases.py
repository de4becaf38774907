"""One parametrized runner over tests/rules/<CODE>.yaml: input snippet -> [code, line, column].

Each case file is the golden record of one rule. ``PERFDECL_UPDATE_GOLDEN=1`` rewrites the
expected lists from the current behaviour (review the diff before committing); nothing else does.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from perfdecl.rules import RULES, RULES_BY_CODE

from .rule_helpers import run_rule

CASES = Path(__file__).parent / "rules"
UPDATE = os.environ.get("PERFDECL_UPDATE_GOLDEN") == "1"


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _all_cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("PD*.yaml")):
        for n, case in enumerate(_load(path)["cases"]):
            params.append(pytest.param(path, n, id=f"{path.stem}-{case['name']}"))
    return params


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar(
        "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None
    )


_Dumper.add_representer(str, _str)


@pytest.mark.parametrize(("path", "index"), _all_cases())
def test_rule_case(path: Path, index: int) -> None:
    data = _load(path)
    rule = RULES_BY_CODE[data["rule"]]
    case = data["cases"][index]
    got = [[p.code, p.line, p.column] for p in run_rule(rule, case["input"])]
    if UPDATE and got != case["expected"]:
        case["expected"] = got
        header = "".join(
            line + "\n"
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("#")
        )
        body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
        path.write_text(header + body, encoding="utf-8")
    assert got == case["expected"], f"{path.name} case {case['name']!r}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_has_failing_and_passing_cases(rule: Any) -> None:
    path = CASES / f"{rule.code}.yaml"
    assert path.exists(), f"{rule.code} has no case file tests/rules/{rule.code}.yaml"
    cases = _load(path)["cases"]
    assert any(c["expected"] for c in cases), f"{rule.code}: no failing case"
    assert any(not c["expected"] for c in cases), f"{rule.code}: no passing case"
    for case in cases:
        assert all(code == rule.code for code, _, _ in case["expected"])
