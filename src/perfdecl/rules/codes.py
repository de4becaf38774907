"""The review rules' problem codes (PD2xx), read from the registry: each rule's metadata and the
rationale of its docstring. Joined with every other layer's table by
:func:`perfdecl.catalogue.all_codes`."""

from __future__ import annotations

from perfdecl.problem import CodeInfo, Message, code_table
from perfdecl.rules import RULES
from perfdecl.rules.base import Rule
from perfdecl.rules.docs import rule_doc


def rule_info(rule: type[Rule]) -> CodeInfo:
    """A rule's entry: its name, severity and summary; its docstring's rationale as help."""
    rationale = rule_doc(rule).rationale
    help_ = Message(rationale, rationale) if rationale else None
    return CodeInfo(rule.code, rule.name, rule.severity, rule.summary, help_, "rule")


CODES: dict[str, CodeInfo] = code_table(*(rule_info(rule) for rule in RULES))
"""Review-rule codes, in the registry's (code) order."""
