"""No message quotes a user's value whole (issue #9): long names, keys, values and numbers are
shortened, and numbers too long for a declaration are refused by the model (PD104).

Each case puts a 5,000-character value where a message would quote it, in a declaration that is
otherwise the rules' small base declaration, and checks the code it gives and that every message
stays short in both languages.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from perfdecl.lint import check_bytes
from perfdecl.model import MAX_DIGITS, Funds, Target
from perfdecl.problem import Problem, shorten
from perfdecl.rules._util import fmt
from perfdecl.rules.docs import BASE_DECLARATION

LONG = 5000
MESSAGE_LIMIT = 400
"""A message with a quoted value of 60 characters fits well within this."""


def base(old: str, new: str) -> bytes:
    assert old in BASE_DECLARATION, old
    return BASE_DECLARATION.replace(old, new, 1).encode("utf-8")


def problems(raw: bytes) -> list[Problem]:
    return list(check_bytes(raw, file="a.yaml").problems)


def assert_short(found: list[Problem]) -> None:
    for p in found:
        assert len(p.message.en) < MESSAGE_LIMIT, (p.code, len(p.message.en))
        assert len(p.message.zh) < MESSAGE_LIMIT, (p.code, len(p.message.zh))


def test_base_declaration_is_clean() -> None:
    assert problems(BASE_DECLARATION.encode("utf-8")) == []


def test_shorten() -> None:
    assert shorten("牛街") == "牛街"
    assert shorten("a" * 60) == "a" * 60
    assert shorten("a" * 61) == "a" * 60 + "…"
    assert shorten("abcdef", 3) == "abc…"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("18891.87", "18891.87"),
        ("100.00", "100"),
        ("-3.50", "-3.5"),
        ("9" * 60, "9" * 60),
        ("9" * 61, "1.0000000000E+61"),
        ("0." + "0" * 70 + "1", "1.0000000000E-71"),
    ],
)
def test_fmt_writes_huge_numbers_with_an_exponent(value: str, expected: str) -> None:
    assert fmt(Decimal(value)) == expected


# --- numbers: the model's digit bound ----------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "side", "count"),
    [
        ('"' + "9" * LONG + '"', "before the point", "5,000"),
        ('"1e5000"', "before the point", "5,001"),
        ('"0.' + "1" * 41 + '"', "after the point", "41"),
        ('"1e-50"', "after the point", "50"),
        ("9" * LONG, "before the point", "5,000"),  # plain: the loader's PD007 first, as text
    ],
    ids=["quoted-5000", "exponent", "41-decimals", "negative-exponent", "plain-5000"],
)
def test_long_amount_is_pd104(written: str, side: str, count: str) -> None:
    found = problems(base("  total: 100.00", f"  total: {written}"))
    (digits,) = [p for p in found if p.code == "PD104"]
    assert digits.pointer == "/funds/total" and (digits.line, digits.column) == (9, 10)
    assert digits.message.en == (
        f"amount has too many digits ({count} {side}, at most {MAX_DIGITS}); check the figure."
    )
    assert digits.message.zh.startswith("金额位数过多（")
    assert {p.code for p in found} <= {"PD007", "PD104"}  # structure errors: no rule runs
    assert_short(found)


def test_forty_digits_either_side_are_still_read() -> None:
    amount = "9" * MAX_DIGITS + "." + "9" * MAX_DIGITS
    assert Funds.model_validate({"total": amount}).total == Decimal(amount)
    found = problems(base("  total: 100.00", f'  total: "{amount}"'))
    assert [p.code for p in found] == ["PD202"]  # read, and the sum is wrong
    assert_short(found)


def test_leading_zeros_are_not_digits() -> None:
    assert Funds.model_validate({"total": "0" * 500 + "12.5"}).total == Decimal("12.5")


@pytest.mark.parametrize(
    ("target", "field", "what"),
    [
        ({"comparison": ">=", "value": "9" * LONG}, "value", "number"),
        ({"comparison": "qualitative", "value": "1e99"}, "value", "number"),
        ({"comparison": ">=", "value": 5, "weight": "0." + "1" * 50}, "weight", "weight"),
    ],
    ids=["value", "value-exponent", "weight"],
)
def test_target_numbers_are_bounded(target: dict[str, object], field: str, what: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Target.model_validate(target)
    (error,) = caught.value.errors()
    assert error["loc"] == (field,) and error["msg"].startswith(f"{what} has too many digits")


def test_weight_range_is_kept() -> None:
    with pytest.raises(ValidationError) as caught:
        Target.model_validate({"comparison": ">=", "value": 5, "weight": 101})
    assert caught.value.errors()[0]["type"] == "less_than_equal"


def test_text_value_for_a_number_is_quoted_short() -> None:
    found = problems(
        base(
            'targets: [{comparison: ">=", value: 50, unit: 张}]',
            f'targets: [{{comparison: ">=", value: "{"多" * LONG}", unit: 张}}]',
        )
    )
    assert [p.code for p in found] == ["PD104"]
    assert "must be a number" in found[0].message.en
    assert_short(found)


# --- structure messages --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("remarks: 无", f"remarks: 无\n{'k' * 1000}: 1", "PD101"),  # YAML keys: < 1,024
        ("framework: beijing_2019", f"framework: {'x' * LONG}", "PD104"),
        ("schema_version: 1", f"schema_version: {'v' * LONG}", "PD105"),
        ("year: 2019", f"year: {'年' * LONG}", "PD103"),
    ],
    ids=["unknown-key", "enum", "schema-version", "wrong-type"],
)
def test_structure_messages_are_short(old: str, new: str, code: str) -> None:
    found = problems(base(old, new))
    assert code in {p.code for p in found}
    assert_short(found)


# --- rule messages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("name: 产出指标一：做好图书借阅服务", f"name: {'产' * LONG}", "PD204"),
        ("name: 社会效益指标", f"name: {'社' * LONG}", "PD205"),
        ("remarks: 无", f"remarks: {'X' * LONG}", "PD231"),
        ("text: 图书借阅服务成本不超过40万元。", f"text: 成本不超过{'9' * LONG}万元。", "PD218"),
        ("goal: g1", f"goal: g{'1' * 63}", "PD226"),
    ],
    ids=["level1-name", "level2-name", "placeholder", "parsed-amount", "goal-reference"],
)
def test_rule_messages_are_short(old: str, new: str, code: str) -> None:
    found = problems(base(old, new))
    assert code in {p.code for p in found}
    assert_short(found)
