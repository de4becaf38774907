"""Which rules run on a self-evaluation: declaration drafting advice does not (#20)."""

from __future__ import annotations

from pathlib import Path

from perfdecl.lint import check_path
from perfdecl.rules import RULES
from perfdecl.rules.base import ALL_KINDS, DECLARATION_KINDS

ROOT = Path(__file__).resolve().parent.parent


def test_every_rule_names_known_kinds() -> None:
    for rule in RULES:
        assert rule.kinds and rule.kinds <= ALL_KINDS, rule.code


def test_drafting_rules_skip_a_selfeval() -> None:
    """The example self-evaluation copies niujie_2019.yaml's table: the declaration's 45 drafting
    warnings and its one note (PD211, PD215, PD228 ...) and PD201's project header are not
    repeated on it."""
    declared = check_path(ROOT / "examples" / "niujie_2019.yaml")
    evaluated = check_path(ROOT / "examples" / "niujie_2019_selfeval.yaml")
    assert len(declared.problems) == 46
    drafting = {r.code for r in RULES if r.kinds == DECLARATION_KINDS}
    assert {"PD201", "PD211", "PD215"} <= drafting
    assert not [p for p in evaluated.problems if p.code in drafting]
    assert evaluated.declaration is not None


def test_selfeval_rules_on_the_example_and_real_fixtures() -> None:
    """The example's total (98.5) is not its rows' scores plus execution's (99.47): PD261, at
    the total; its 执行率 is printed 98% for 18135.44 / 18891.87 = 96%: PD262; its 满意度 results
    name no survey: PD265, once; the imported real self-evaluations add up and have no self-evaluation finding."""
    evaluated = check_path(ROOT / "examples" / "niujie_2019_selfeval.yaml")
    found = [(p.code, p.line, p.pointer) for p in evaluated.problems]
    assert found == [
        ("PD262", 23, "/execution/rate"),
        ("PD265", 623, "/indicators/5/groups/4/items/0/actual"),
        ("PD261", 661, "/total_score"),
    ]
    assert "= 96%" in evaluated.problems[0].message.en
    assert "eff.sat.1, eff.sat.2, eff.sat.3, eff.sat.5" in evaluated.problems[1].message.en
    assert len(evaluated.problems[1].related) == 3  # one finding, the other rows related
    assert "99.47" in evaluated.problems[2].message.en
    for path in sorted((ROOT / "tests" / "fixtures" / "selfeval").glob("*.yaml")):
        codes = [p.code for p in check_path(path).problems]
        assert not [c for c in codes if c in {"PD260", "PD261", "PD262", "PD264"}], codes


def test_a_missed_target_without_reason_on_a_real_fixture() -> None:
    """永德 2022 prints 政策知晓率 100% achieved 98% and leaves the reason blank: PD263 there
    only (its other rows are met)."""
    path = ROOT / "tests" / "fixtures" / "selfeval" / "yongde_minglang_2022.yaml"
    found = [(p.code, p.pointer) for p in check_path(path).problems if p.code == "PD263"]
    assert found == [("PD263", "/indicators/1/groups/1/items/0/actual")]
