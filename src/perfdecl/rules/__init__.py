"""The rule registry: an explicit tuple, in code order (no discovery by magic).

One rule per module (``pdNNN_<topic>.py``); adding a rule means adding its module and one line
to the tuple in :mod:`perfdecl.rules.registry`, imported on first use of ``RULES``.
``tests/test_rules.py`` checks codes are unique and documented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from perfdecl.rules.base import Finding, Rule, RuleSettings

if TYPE_CHECKING:
    from perfdecl.rules.registry import RULES, RULES_BY_CODE


def __getattr__(name: str) -> Any:
    """``RULES`` and ``RULES_BY_CODE``, imported on first use (the rules import the models)."""
    if name in ("RULES", "RULES_BY_CODE"):
        from perfdecl.rules import registry

        value = getattr(registry, name)
        globals()[name] = value  # later reads find it without calling this function again
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["RULES", "RULES_BY_CODE", "Finding", "Rule", "RuleSettings"]
