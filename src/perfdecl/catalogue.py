"""Every problem code perfdecl can report, in one table of one shape.

Each layer that reports problems registers its codes in its own ``CODES`` table of
:class:`~perfdecl.problem.CodeInfo`: the loader (PD0xx, ``loader/codes.py``), configuration
(PD020–PD023, ``config/codes.py``), suppressions and the internal error (PD024–PD026, PD900,
``lint/codes.py``), structure (PD1xx, ``model/codes.py``), the review rules (PD2xx, from the
registry, ``rules/codes.py``), ``perfdecl diff`` (PD3xx, ``diff/codes.py``), ``perfdecl import`` (PD4xx,
``convert/codes.py``) and ``perfdecl outcome`` (PD5xx, ``outcome/codes.py``). This module sits
above all of them and joins the tables, so that
``perfdecl rules``, ``perfdecl explain`` and SARIF's rule table list the same codes; nothing below
it imports it.
"""

from __future__ import annotations

from perfdecl.problem import CodeInfo, Message, Severity

__all__ = ["CodeInfo", "all_codes", "describe"]


def all_codes() -> dict[str, CodeInfo]:
    """Code -> :class:`CodeInfo` for every code perfdecl can report, sorted by code.

    A code registered by two layers is a bug: it raises rather than let one table hide the other.
    """
    from perfdecl.config.codes import CODES as CONFIG
    from perfdecl.convert.codes import CODES as IMPORT
    from perfdecl.diff.codes import CODES as DIFF
    from perfdecl.lint.codes import CODES as LINT
    from perfdecl.loader.codes import CODES as LOADER
    from perfdecl.model.codes import CODES as STRUCTURE
    from perfdecl.outcome.codes import CODES as OUTCOME
    from perfdecl.rules.codes import CODES as RULES

    table: dict[str, CodeInfo] = {}
    for layer in (LOADER, CONFIG, LINT, STRUCTURE, RULES, DIFF, IMPORT, OUTCOME):
        for code, info in layer.items():
            if code in table:
                raise ValueError(
                    f"{code} is registered twice ({table[code].origin}, {info.origin})"
                )
            table[code] = info
    return dict(sorted(table.items()))


def describe(code: str) -> CodeInfo:
    """Metadata of ``code``; an unknown code (a plug-in's, say) gets a neutral entry."""
    found = all_codes().get(code)
    if found is not None:
        return found
    return CodeInfo(code, code.lower(), Severity.WARNING, Message(code, code), None, "rule")
