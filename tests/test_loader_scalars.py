"""The loader's plain-scalar reading: the whole-number shortcut of ``Composer.plain`` reads what
its regular-expression branch reads, for every string of digits."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from perfdecl.loader import DEFAULT_LIMITS, Limits
from perfdecl.loader.events import _INT_RE, Composer

MARK = SimpleNamespace(line=0, column=3)
EVENT = SimpleNamespace(start_mark=MARK, end_mark=MARK)


def _read(value: str, limits: Limits = DEFAULT_LIMITS) -> tuple[object, list[str]]:
    composer = Composer("s.yaml", f"a: {value}\n", limits)
    got = composer.plain(value, EVENT, "/a")
    return got, [p.code for p in composer.problems]


def _regex_branch(value: str, limits: Limits) -> object | None:
    """What the branch the shortcut stands for gives: an int, or None when it does not apply."""
    if _INT_RE.fullmatch(value) and len(value.lstrip("-")) <= limits.max_number_digits:
        return int(value)
    return None


@given(st.text(st.sampled_from("0123456789"), max_size=45), st.integers(1, 45))
def test_whole_numbers_read_as_the_regular_expression_reads_them(value: str, digits: int) -> None:
    limits = Limits(max_number_digits=digits)
    got, problems = _read(value, limits)
    want = _regex_branch(value, limits)
    if want is not None:
        assert type(got) is int and got == want and not problems
    else:  # "", a leading zero, too many digits: the general code, with its remark
        assert got is None or type(got) is str
        assert problems or value == ""


def test_the_usual_forms() -> None:
    assert _read("2019") == (2019, [])
    assert _read("0") == (0, [])
    assert _read("010") == ("010", ["PD012"])
    assert _read("1" * 41) == ("1" * 41, ["PD007"])
    assert _read("1" * 40) == (int("1" * 40), [])
    assert _read("-5") == (-5, [])
    assert _read("１２") == ("１２", [])  # full-width digits are text
