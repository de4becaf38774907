"""Masking personal data before a form leaves the machine (``render``/``export --redact``).

Budget publication (预算公开) prints the form but not the people on it: the head of the unit,
the filler and a project's lead are masked to their surname (李丽京 -> 李**), and mobile numbers
anywhere in the declaration keep only their first three and last four digits (138****5678). An
office landline (83998540, 010-83998540) is the unit's published number and is kept. Every
occurrence of a masked name in any other text (a goal naming its lead, a finding quoting it) is
masked the same way, so one field cannot leak what another hides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from perfdecl.model import Declaration

MOBILE = re.compile(
    r"(?<![0-9])(?:\+?86[- ]?)?(1[3-9][0-9])[- ]?([0-9]{4})[- ]?([0-9]{4})(?![0-9])"
)
"""A mainland mobile number (11 digits from 13x-19x, optionally +86 and separators)."""

NAME_FIELDS = (("head",), ("filler",), ("project", "lead"))
"""Where a person's name is written: the unit's head, the filler, a project's lead."""


def mask_name(name: str) -> str:
    """The surname and one ``*`` per other character: 李丽京 -> 李**, 欧阳娜娜 -> 欧***."""
    text = name.strip()
    if len(text) <= 1:
        return "*" * len(text)
    return text[0] + "*" * (len(text) - 1)


def mask_mobiles(text: str) -> str:
    """Every mobile number in ``text`` as 138****5678."""
    return MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)


class Redactor:
    """The masks of one declaration: its names (from :data:`NAME_FIELDS`) and any mobile."""

    def __init__(self, names: Iterable[str]) -> None:
        found = {n.strip() for n in names if n and n.strip()}
        # longest first, so that 李丽京 is masked whole before a shorter name inside it
        self.names = sorted(found, key=len, reverse=True)

    @classmethod
    def of(cls, decl: Declaration) -> Redactor:
        names = []
        for path in NAME_FIELDS:
            value: Any = decl
            for key in path:
                value = getattr(value, key, None) if value is not None else None
            if isinstance(value, str):
                names.append(value)
        return cls(names)

    def text(self, text: str) -> str:
        for name in self.names:
            text = text.replace(name, mask_name(name))
        return mask_mobiles(text)

    def _walk(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {k: self._walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self._walk(v) for v in value]
        return value

    def declaration(self, decl: Declaration) -> Declaration:
        """``decl`` with every string masked (validated again: the same model, other text)."""
        return Declaration.model_validate(self._walk(decl.model_dump(mode="python")))


def redact(decl: Declaration) -> Declaration:
    """``decl`` as it may be published: names and mobile numbers masked."""
    return Redactor.of(decl).declaration(decl)


__all__ = ["MOBILE", "NAME_FIELDS", "Redactor", "mask_mobiles", "mask_name", "redact"]
