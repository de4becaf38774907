"""Recall of the hand-read facts (tests/fixtures/real/facts) by ``perfdecl import`` (issue 15).

Each corpus file of ``../shared/corpus/train`` with a target table is imported through the real
``import_path``; the facts a reviewer needs are looked up in what it returns. One fact each:

* the unit, the year and the project name of each declaration;
* every money figure: its label, amount and unit together;
* every indicator row: its 三级 name; and, for a row that was found, each of its value cell,
  comparison, number and unit that the facts state (a null fact is not counted).

Strings are compared as the facts README says (every whitespace character removed, nothing else
normalised); amounts and numbers as exact decimals. The per-file figures are printed (run with
``-s``); the assertion is on the whole set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import pytest
import yaml

from perfdecl.convert.importer import import_path

from .conftest import ROOT

FACTS = ROOT / "tests" / "fixtures" / "real" / "facts"
CORPUS = ROOT.parent / "shared" / "corpus" / "train"
FLOOR = 0.99
"""The overall recall reached (679/683 = 99.4%) kept as a floor (issue 15 asks for 0.95). Left:
money printed only in a report's prose (huanggang's 專項經費預算/實際支出/項目經費, jinzhai's
财政预算内拨款安排)."""

_WS = re.compile(r"\s+")
_CMP = {">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<", "~": "≈", "qualitative": "定性"}


def squash(text: object) -> str:
    return _WS.sub("", str(text)) if text is not None else ""


def dec(text: object) -> Decimal | None:
    try:
        return Decimal(str(text).replace(",", ""))
    except (InvalidOperation, ValueError):
        return None


@dataclass
class Score:
    found: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def check(self, ok: bool, what: str) -> None:
        self.total += 1
        if ok:
            self.found += 1
        else:
            self.misses.append(what)

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 1.0


def _rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for l1 in data.get("indicators", []) + data.get("indicators_period", []):
        out.extend(l1.get("items", []))
        for g in l1.get("groups", []):
            out.extend(g.get("items", []))
    return out


def _money(data: dict[str, Any]) -> list[tuple[str, Decimal | None, str | None]]:
    out = []
    project = data.get("project") or {}
    for key in ("budget", "budget_period"):
        block = project.get(key)
        if not block:
            continue
        unit = block.get("unit")
        if "total" in block:
            out.append((block.get("label", ""), dec(block["total"]), unit))
        for s in block.get("sources", []):
            out.append((s["label"], dec(s.get("amount")), unit))
            for p in s.get("parts", []):
                out.append((p["label"], dec(p.get("amount")), unit))
    for row in (data.get("transfer") or {}).get("allocations", []):  # 资金安排表
        block = row["budget"]
        out.append((row["unit"], dec(block.get("total")), block.get("unit")))
        for s in block.get("sources", []):
            out.append((row["unit"], dec(s.get("amount")), block.get("unit")))
            for p in s.get("parts", []):
                out.append((row["unit"], dec(p.get("amount")), block.get("unit")))
    funds = data.get("funds") or {}  # a department's 收入构成 / 支出构成
    for row in [*funds.get("income", []), *funds.get("expenditure", [])]:
        for amount in [row.get("amount"), *(row.get("years") or {}).values()]:
            if amount is not None:
                out.append((row["label"], dec(amount), "万元"))
    execution = data.get("execution")  # a self-evaluation's 预算执行情况
    if execution:
        unit = execution.get("unit", "万元")
        for row in [execution, *execution.get("parts", [])]:
            for key in ("initial", "budget", "spent"):
                if row.get(key) is not None:
                    out.append((row.get("label", ""), dec(row[key]), unit))
    return out


def _label(text: str) -> str:
    return squash(text).rstrip(":：")


def score_declaration(decl: dict[str, Any], data: dict[str, Any], score: Score) -> None:
    if decl.get("unit"):
        score.check(squash(decl["unit"]) in {squash(data.get("unit"))}, f"unit {decl['unit']}")
    score.check(data.get("year") == decl["year"], f"year {decl['year']}")
    if decl.get("name"):
        name = (data.get("project") or {}).get("name") or (data.get("transfer") or {}).get("name")
        score.check(squash(name) == squash(decl["name"]), f"name {decl['name']}")
    money = _money(data)
    for m in decl.get("money", []):
        ok = any(
            _label(label) == _label(m["label"])
            and amount == dec(m["amount"])
            and (m.get("unit") is None or unit == m["unit"])
            for label, amount, unit in money
        )
        score.check(ok, f"money {m['label']} {m['amount']} {m.get('unit')}")
    rows = _rows(data)
    by_name: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_name.setdefault(squash(r.get("text")), []).append(r)
    for fact in decl.get("rows", []):
        candidates = by_name.get(squash(fact["name"]), [])
        got = candidates.pop(0) if candidates else None
        score.check(got is not None, f"row {fact['name']}")
        if got is None:
            for key in ("value", "comparison", "number", "unit"):
                if fact.get(key) is not None:
                    score.check(False, f"row {fact['name']}: {key}")
            continue
        target = (got.get("targets") or [{}])[0]
        if fact.get("value") is not None:
            score.check(
                squash(got.get("value_text")) == squash(fact["value"]), f"value {fact['value']}"
            )
        if fact.get("comparison") is not None:
            if fact["comparison"] == "定性":
                ok = got.get("kind") == "qualitative" or target.get("comparison") == "qualitative"
            else:
                ok = _CMP.get(str(target.get("comparison"))) == fact["comparison"] and bool(
                    got.get("nature") or _has_sign(got.get("value_text"))
                )
            score.check(ok, f"comparison {fact['name']} {fact['comparison']}")
        if fact.get("number") is not None:
            score.check(dec(target.get("value")) == dec(fact["number"]), f"number {fact['number']}")
        if fact.get("unit") is not None:
            units = {squash(got.get("unit")), squash(target.get("unit"))}
            score.check(squash(fact["unit"]) in units, f"unit {fact['name']} {fact['unit']}")


def _has_sign(text: object) -> bool:
    return bool(re.search(r"[≥≤<>=≧≦═]|以上|以下|以内|不低于|不少于|不超过|达到", str(text or "")))


def measure() -> tuple[dict[str, Score], Score]:
    per_file: dict[str, Score] = {}
    overall = Score()
    for path in sorted(FACTS.glob("*.yaml")):
        facts = yaml.safe_load(path.read_text(encoding="utf-8"))
        if facts.get("table") == "none" or not facts.get("declarations"):
            continue
        source = CORPUS / facts["source"]
        result = import_path(source)
        data = result.data or {}
        score = Score()
        for decl in facts["declarations"]:
            score_declaration(decl, data, score)
        per_file[path.stem] = score
        overall.found += score.found
        overall.total += score.total
    return per_file, overall


@pytest.mark.skipif(not FACTS.is_dir() or not CORPUS.is_dir(), reason="facts or corpus absent")
def test_recall_of_the_real_forms() -> None:
    per_file, overall = measure()
    assert per_file, "no facts files"
    for stem, score in per_file.items():
        print(f"{stem:40} {score.found:4}/{score.total:<4} {score.recall:6.1%}")
    print(f"{'overall':40} {overall.found:4}/{overall.total:<4} {overall.recall:6.1%}")
    assert overall.recall >= FLOOR, overall.recall
