"""Run one rule over a YAML snippet wrapped into a declaration (rules/docs.py ``wrap``)."""

from __future__ import annotations

from perfdecl.lint import Options, run_rules
from perfdecl.loader import load_text
from perfdecl.model.build import build
from perfdecl.problem import Problem
from perfdecl.rules import Rule, RuleSettings
from perfdecl.rules.docs import wrap


def run_rule(
    rule: type[Rule], snippet: str, *, file: str = "<case>", settings: RuleSettings | None = None
) -> list[Problem]:
    """The rule's problems on the wrapped snippet; the snippet must load and validate cleanly.

    ``settings`` default to the rule's ``example_options`` (empty for almost every rule)."""
    text = wrap(snippet)
    loaded = load_text(text, file=file)
    assert loaded.data is not None, [p.message.en for p in loaded.problems]
    decl, problems = build(loaded.data, loaded.source, file)
    assert decl is not None and not problems, [p.message.en for p in problems]
    if settings is None:
        example = rule.example_options
        settings = RuleSettings() if example is None else RuleSettings.with_options(example)
    options = Options(settings=settings)
    return sorted(run_rules(decl, loaded.source, file, options, rules=[rule]), key=Problem.sort_key)
