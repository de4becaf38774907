"""The rule registry: well-formed codes, documentation, runnable examples, CLI, README table."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import pytest
from typer.testing import CliRunner

from perfdecl.catalogue import all_codes
from perfdecl.cli.app import app
from perfdecl.lint import DEFAULT_OPTIONS, Options, run_rules
from perfdecl.loader import load_text
from perfdecl.model.build import build
from perfdecl.model.frameworks import canonical_level1, canonical_level2
from perfdecl.problem import Message, Severity
from perfdecl.rules import RULES, RULES_BY_CODE, RuleSettings
from perfdecl.rules.docs import (
    README_END,
    README_START,
    readme_block,
    rule_doc,
    update_readme,
    wrap,
)

from .conftest import ROOT
from .rule_helpers import run_rule

runner = CliRunner()


def test_codes_unique_well_formed_and_in_order() -> None:
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"PD2\d\d", c) for c in codes)
    assert codes == sorted(codes)
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", n) for n in names)
    assert {r.code: r for r in RULES} == RULES_BY_CODE


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_metadata_and_docstring(rule: Any) -> None:
    assert isinstance(rule.severity, Severity)
    assert isinstance(rule.summary, Message) and rule.summary.zh and rule.summary.en
    assert rule.__module__.split(".")[-1].startswith(rule.code.lower() + "_")
    doc = rule_doc(rule)
    assert len(doc.rationale) > 30, "the docstring must explain why"
    assert doc.bad.strip() and doc.good.strip(), "docstring needs Bad: and Good: snippets"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_docstring_examples(rule: Any) -> None:
    doc = rule_doc(rule)
    bad = run_rule(rule, doc.bad)
    assert bad and {p.code for p in bad} == {rule.code}, "Bad: must trigger the rule"
    assert all(p.line is not None and p.column is not None for p in bad)
    assert run_rule(rule, doc.good) == [], "Good: must not trigger the rule"


def _declaration(snippet: str) -> Any:
    loaded = load_text(wrap(snippet), file="<case>")
    decl, problems = build(loaded.data, loaded.source, "<case>")
    assert decl is not None and not problems
    return decl


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_a_rule_keeps_no_state_between_files(rule: Any) -> None:
    """run_rules keeps one instance of each rule for a whole run: checking one file must leave
    nothing behind that changes what the next file gets."""
    doc = rule_doc(rule)
    example = rule.example_options
    settings = RuleSettings() if example is None else RuleSettings.with_options(example)
    bad, good = _declaration(doc.bad), _declaration(doc.good)
    shared = rule()
    runs = [list(shared.check(decl, settings)) for decl in (bad, good, bad, good)]
    assert runs[0] and runs[0] == runs[2] == list(rule().check(bad, settings))
    assert runs[1] == runs[3] == list(rule().check(good, settings)) == []
    assert not vars(shared)


def test_run_rules_follows_each_options_it_is_given() -> None:
    """The rules to run and their severities are worked out once per options: another options
    object, or the same one with its severity table changed, gets its own."""
    loaded = load_text(wrap(rule_doc(RULES_BY_CODE["PD215"]).bad), file="<case>")
    decl, _ = build(loaded.data, loaded.source, "<case>")
    assert decl is not None

    def codes(options: Options) -> list[tuple[str, Severity]]:
        return [(p.code, p.severity) for p in run_rules(decl, loaded.source, "<case>", options)]

    default = codes(DEFAULT_OPTIONS)
    assert ("PD215", Severity.WARNING) in default
    assert codes(Options(select=("PD215",))) == [("PD215", Severity.WARNING)]
    assert ("PD215", Severity.WARNING) not in codes(Options(ignore=("PD215",)))
    options = Options(severity={"PD21": Severity.ERROR})
    assert ("PD215", Severity.ERROR) in codes(options)
    options.severity["PD215"] = Severity.INFO  # frozen options, but a dict inside them
    assert ("PD215", Severity.INFO) in codes(options)
    assert codes(DEFAULT_OPTIONS) == default


def test_base_declaration_is_clean() -> None:
    for rule in RULES:
        assert run_rule(rule, "remarks: 无\n") == [], rule.code


def test_severities_follow_the_brief() -> None:
    errors = {
        "PD201",
        "PD202",
        "PD203",
        "PD204",
        "PD205",
        "PD206",
        "PD212",
        "PD226",
        "PD235",
        "PD236",
        "PD238",
        "PD239",
        "PD240",
        "PD241",
        "PD260",
        "PD261",
        "PD262",
        "PD264",
    }
    assert {r.code for r in RULES if r.severity is Severity.ERROR} == errors | {"PD218"}


@pytest.mark.parametrize(
    ("raw", "level1", "ordinal", "title"),
    [
        ("产出指标一：强化党的领导、统筹辖区工作", "产出", 1, "强化党的领导、统筹辖区工作"),
        ("产出指标五：民族团结创建、深入挖掘民族文化", "产出", 5, "民族团结创建、深入挖掘民族文化"),
        ("产出指标十二:其他", "产出", 12, "其他"),
        ("效果指标", "效益", None, None),
        ("效益指标", "效益", None, None),
        ("满意度指标", "满意度", None, None),
        ("成本指标", "成本", None, None),
        ("管理指标", None, None, None),
    ],
)
def test_canonical_level1(
    raw: str, level1: str | None, ordinal: int | None, title: str | None
) -> None:
    name = canonical_level1(raw)
    assert (name.level1, name.ordinal, name.title) == (level1, ordinal, title)


@pytest.mark.parametrize(
    ("raw", "level2"),
    [
        ("产出数量指标", "数量"),
        ("产出质量指标", "质量"),
        ("产出进度指标", "时效"),
        ("时效指标", "时效"),
        ("产出成本指标", "成本"),
        ("经济效益指标", "经济效益"),
        ("环境效益指标", "生态效益"),
        ("生态效益指标", "生态效益"),
        ("生态文明效益指标", "生态效益"),
        ("可持续影响指标", "可持续影响"),
        ("服务对象满意度指标", "服务对象满意度"),
        ("社会公众或服务对象满意度指标", "服务对象满意度"),
        ("生态环境成本指标", "生态环境成本"),
        ("政治效益指标", None),
    ],
)
def test_canonical_level2(raw: str, level2: str | None) -> None:
    assert canonical_level2(raw).level2 == level2


def test_rules_command_formats() -> None:
    text = runner.invoke(app, ["rules", "--lang", "en"])
    assert text.exit_code == 0
    assert all(r.code in text.output and r.name in text.output for r in RULES)
    md = runner.invoke(app, ["rules", "--format", "markdown", "--lang", "zh"])
    assert md.output.startswith("| 代码 | 名称 | 默认级别 | 说明 |")
    import json

    data = json.loads(runner.invoke(app, ["rules", "-f", "json", "--lang", "en"]).output)
    assert [d["code"] for d in data] == list(all_codes())
    assert [d["code"] for d in data if d["origin"] == "rule"] == [r.code for r in RULES]
    assert {"code", "name", "severity", "origin", "summary", "rationale"} <= set(data[0])


def test_explain_by_code_and_name() -> None:
    result = runner.invoke(app, ["explain", "pd217", "--lang", "zh"])
    assert result.exit_code == 0
    assert "PD217 cost-unquantified" in result.output
    assert "不合格示例" in result.output and "严格控制在预算批复之内" in result.output
    by_name = runner.invoke(app, ["explain", "vague-wording", "--lang", "en"])
    assert by_name.exit_code == 0 and by_name.output.startswith("PD215 vague-wording (warning)")
    assert "Bad:" in by_name.output and "Good:" in by_name.output


def test_explain_unknown_code_suggests_nearest() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "perfdecl", "explain", "PD2150", "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "no rule 'PD2150'" in proc.stderr and "Did you mean PD215?" in proc.stderr


def test_readme_rule_table_is_current() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert README_START in readme and README_END in readme
    block = readme[readme.index(README_START) + len(README_START) : readme.index(README_END)]
    assert block == readme_block(), "README rule table is stale: run scripts/gen_rules_table.py"


def test_update_readme_adds_markers_and_is_idempotent() -> None:
    once = update_readme("# perfdecl\n")
    assert once.count(README_START) == 1 and update_readme(once) == once
