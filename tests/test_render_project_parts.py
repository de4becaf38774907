"""The project form's own parts (parties, facts, money lines, 中期/年度 goals) appear in every
renderer, from the one extraction in perfdecl.render.project (#14)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from markupsafe import escape

from perfdecl.escape import safe
from perfdecl.lint import DEFAULT_OPTIONS, check_path
from perfdecl.model import Declaration
from perfdecl.render import render
from perfdecl.render.base import money
from perfdecl.render.markdown import cell, inline, paragraph_line
from perfdecl.render.project import goal_blocks, money_lines, project_facts

from .conftest import ROOT, golden_checker

GOLDEN = ROOT / "tests" / "golden" / "render"
golden = golden_checker(GOLDEN)
REAL = ROOT / "tests" / "fixtures" / "real"
FENGJIE = REAL / "fengjie_yunwu_jgy_2023.yaml"
PROJECTS = sorted(p for p in REAL.glob("*.yaml") if "kind: project" in p.read_text("utf-8"))


def _load(path: object) -> Declaration:
    decl = check_path(path, DEFAULT_OPTIONS).declaration  # type: ignore[arg-type]
    assert decl is not None
    return decl


def test_there_are_project_fixtures() -> None:
    assert len(PROJECTS) >= 5 and FENGJIE in PROJECTS


def test_golden_html_and_text_of_a_project_form() -> None:
    decl = _load(FENGJIE)
    golden("html/fengjie_yunwu_jgy_2023.html", render(decl, "html"))
    golden("fengjie_yunwu_jgy_2023.txt", render(decl, "text"))


def test_fengjie_parts_are_extracted() -> None:
    decl = _load(FENGJIE)
    facts = {f.zh: f.value for f in project_facts(decl)}
    assert facts["业务主管部门"] == "县民宗委" and facts["填报日期"] == "2022-12-30"
    assert [(m.label, m.amount, m.unit, m.depth) for m in money_lines(decl)] == [
        ("项目总预算", Decimal(65), "万元", 0),
        ("当年年度预算", Decimal(65), "万元", 0),
        ("其中:财政资金", Decimal(65), "万元", 1),
        ("其中:其它资金", Decimal(0), "万元", 1),
    ]
    assert [g.zh for g in goal_blocks(decl)] == ["年度主要目标和成果"]


@pytest.mark.parametrize("path", PROJECTS, ids=lambda p: p.stem)
def test_every_project_part_in_markdown_is_in_html_and_text(path: object) -> None:
    """Each fact, money line and goal the shared extraction gives is printed by all three."""
    decl = _load(path)
    md, html, text = (render(decl, f) for f in ("markdown", "html", "text"))
    # Markdown writes goals as paragraphs (their own escaping) and the rest as table cells.
    rows = [(f.zh, f.value, cell, cell) for f in project_facts(decl)]
    rows += [(m.label, money(m.amount), cell, cell) for m in money_lines(decl)]
    rows += [
        (g.zh, line, inline, paragraph_line)
        for g in goal_blocks(decl)
        for line in g.text.splitlines()
        if line.strip()
    ]
    for label, value, md_label, md_value in rows:
        assert md_label(label) in md and md_value(value) in md, (label, value)
        assert str(escape(label)) in html and str(escape(value)) in html, (label, value)
        assert safe(label, "terminal") in text and safe(value, "terminal") in text


def _hostile() -> Declaration:
    return Declaration.model_validate(
        {
            "schema_version": 1,
            "year": 2024,
            "framework": "central_2021",
            "kind": "project",
            "unit": "某某局",
            "supervisor": {"label": "<b>主管</b>\x1b[31m", "name": "<script>x</script>"},
            "filler": "张三\x1b]0;pwn\x07",
            "project": {
                "name": "项目",
                "basis": "依据 & <i>文件</i>",
                "budget": {
                    "label": "年度<资金>",
                    "unit": "元",
                    "total": "18891.870",
                    "sources": [{"label": "财政|拨款", "amount": "0.10"}],
                },
            },
            "goals": {"period": {"label": "中期目标", "text": "三年<完成>"}},
            "indicators": [],
        }
    )


def test_hostile_project_parts_are_escaped_and_money_is_exact() -> None:
    decl = _hostile()
    html = render(decl, "html")
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<b>" not in html and "依据 &amp; &lt;i&gt;文件&lt;/i&gt;" in html
    assert "年度&lt;资金&gt;（元）" in html and ">18891.870<" in html and ">0.10<" in html
    assert "三年&lt;完成&gt;" in html
    text = render(decl, "text")
    assert "\x1b" not in text and "\x07" not in text
    assert "\t18891.870\n" in text and "\t0.10\n" in text and "（元）" in text
    md = render(decl, "markdown")
    assert "财政\\|拨款" in md and "18891.870" in md
