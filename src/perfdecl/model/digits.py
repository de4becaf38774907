"""Bounded numbers: at most ``MAX_DIGITS`` digits on either side of the point (PD104).

Kept apart from the models so that the model module stays readable; the validators here are
attached to the money and number types in :mod:`perfdecl.model`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic_core import PydanticCustomError

MAX_DIGITS = 40
"""Digits a number may have before the point, and after it: as the loader's
``Limits.max_number_digits``, which only bounds plain scalars. A quoted "999…" or "1e5000" is
numeric text the model would otherwise take at any length (and a rule then quote whole)."""

_NUMBER_TEXT = re.compile(r"\s*[+-]?([0-9]*)(?:\.([0-9]*))?\s*")
_LONG_TEXT = 4 * MAX_DIGITS
"""Longer numeric text is counted as text, before Decimal reads it (15 MB of digits: 0.5 s)."""


@dataclass(frozen=True, slots=True)
class _DigitBound:
    """At most ``MAX_DIGITS`` digits on either side of the point, else a clerk's error (PD104)
    naming what was given ("金额/amount", "数值/number") and how many digits it has."""

    zh: str
    en: str

    def fail(self, before: int, after: int) -> None:
        if before <= MAX_DIGITS and after <= MAX_DIGITS:
            return
        side_zh, side_en, count = (
            ("整数部分", "before the point", before)
            if before > MAX_DIGITS
            else ("小数部分", "after the point", after)
        )
        raise PydanticCustomError(
            "perfdecl",
            "{what} has too many digits ({count} {side}, at most {limit}); check the figure.",
            {
                "what": self.en,
                "count": f"{count:,}",
                "side": side_en,
                "limit": MAX_DIGITS,
                "zh": f"{self.zh}位数过多（{side_zh} {count:,} 位，最多 {MAX_DIGITS} 位），"
                "请核对数字。",
            },
        )

    def text(self, value: Any) -> Any:
        """Before parsing: long numeric text is refused by counting its digits."""
        if isinstance(value, str) and len(value) > _LONG_TEXT:
            m = _NUMBER_TEXT.fullmatch(value)
            if m is not None and (m[1] or m[2]):
                self.fail(len(m[1].lstrip("0")), len(m[2] or ""))
        return value

    def number(self, value: Decimal) -> Decimal:
        """After parsing: exponents count too ("1e5000" has 5,001 digits before the point).

        Every amount and number of a file passes here, so the usual value is let through on two
        cheap facts: ``adjusted()`` (the exponent of its leading digit) bounds the digits before
        the point, and ``str`` prints every digit of the coefficient, so it is at least as long
        as the coefficient, which bounds the digits after it. ``as_tuple`` builds a named tuple
        of all digits, four times the cost."""
        adjusted = value.adjusted()
        if adjusted < MAX_DIGITS and len(str(value)) <= MAX_DIGITS + 1 + adjusted:
            return value  # before <= adjusted + 1 <= MAX_DIGITS; after <= len - 1 - adjusted
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int):  # finite: pydantic refuses NaN and infinity first
            before = max(value.adjusted() + 1, 0) if value else 0
            self.fail(before, max(-exponent, 0))
        return value

    def check(self, value: Decimal | str) -> None:
        """For a target's value that fell back to text: refuse it if it is a long number."""
        if isinstance(value, Decimal):
            self.number(value)
            return
        self.text(value)
        if value.strip()[:1] in tuple("+-.0123456789"):
            try:
                number = Decimal(value.strip())
            except ArithmeticError:
                return
            self.number(number)


_DIGIT = "[0-9０-９]"
NUMERIC_TEXT = (
    rf"^\s*[+\-_]*(?=[_.]*{_DIGIT})[0-9０-９_]*(?:\.[0-9０-９_]*)?"
    rf"(?:[eE][+\-_]*[0-9０-９_]*{_DIGIT}[0-9０-９_]*)?\s*$"
)
"""What a number written as text may look like, for the JSON Schema: a superset of what the
models read as Decimal (signs, a point, an exponent, ``_`` anywhere in it as pydantic allows, full-width
digits, surrounding spaces), so an editor flags ``total: "lots"`` or ``"1,234"`` and never a value
perfdecl accepts (tests/test_schema_strict.py checks both ways)."""


def numeric_text_schema(schema: dict[str, Any]) -> None:
    """``json_schema_extra`` of the Decimal types: the string branch gets :data:`NUMERIC_TEXT`."""
    for branch in schema.get("anyOf", []):
        if isinstance(branch, dict) and branch.get("type") == "string":
            branch["pattern"] = NUMERIC_TEXT


_AMOUNT = _DigitBound("金额", "amount")
_NUMBER = _DigitBound("数值", "number")
_WEIGHT = _DigitBound("权重", "weight")
