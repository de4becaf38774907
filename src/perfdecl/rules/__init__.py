"""The rule registry: an explicit tuple, in code order (no discovery by magic)."""

from __future__ import annotations

from perfdecl.rules.base import Finding, Rule, RuleSettings

RULES: tuple[type[Rule], ...] = ()

RULES_BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in RULES}

__all__ = ["RULES", "RULES_BY_CODE", "Finding", "Rule", "RuleSettings"]
