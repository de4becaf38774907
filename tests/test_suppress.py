"""Inline suppressions: ``# perfdecl: ignore[CODE] reason`` comments in the YAML."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner

import perfdecl.rules
from perfdecl.cli.app import app
from perfdecl.lint import Options, check_bytes
from perfdecl.lint.suppress import apply_suppressions, scan
from perfdecl.loader import load_text
from perfdecl.model import Declaration
from perfdecl.problem import Message, Problem, Severity
from perfdecl.rules.base import Finding, Rule, RuleSettings

from .conftest import EXAMPLE

EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")
PHONE = 'phone: "83998540"'
PHONE_LINE = 8
UNIT_LINE = 6


class FakePhone(Rule):
    """Reports the phone field (a stand-in while the real rules are written)."""

    code: ClassVar[str] = "PD298"
    name: ClassVar[str] = "fake-phone"
    severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[Message] = Message("假", "fake")

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        yield Finding("/phone", Message("电话", "phone"))


class FakeUnit(FakePhone):
    code: ClassVar[str] = "PD299"

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        yield Finding("/unit", Message("单位", "unit"))


class FakeFunctions(FakePhone):
    """Points at the word 强化 inside the literal block of ``functions`` (its second line)."""

    code: ClassVar[str] = "PD297"

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        offset = (decl.functions or "").index("强化")
        yield Finding("/functions", Message("职能", "functions"), offset=offset)


@pytest.fixture(autouse=True)
def fake_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(perfdecl.rules, "RULES", (FakePhone, FakeUnit, FakeFunctions))


def check(text: str, options: Options | None = None) -> list[tuple[str, int | None, Severity]]:
    result = check_bytes(text.encode("utf-8"), file="d.yaml", options=options or Options())
    return [(p.code, p.line, p.severity) for p in result.problems]


def with_phone(line: str) -> str:
    return EXAMPLE_TEXT.replace(PHONE, line, 1)


def test_fake_rules_fire_without_suppression() -> None:
    found = check(EXAMPLE_TEXT)
    assert ("PD298", PHONE_LINE, Severity.WARNING) in found
    assert ("PD299", UNIT_LINE, Severity.WARNING) in found
    assert ("PD297", 16, Severity.WARNING) in found


def test_trailing_suppression_with_reason() -> None:
    found = check(with_phone(PHONE + "  # perfdecl: ignore[PD298] the switchboard number"))
    assert not [f for f in found if f[0] in ("PD298", "PD025", "PD026")]


def test_standalone_suppression_covers_next_yaml_line() -> None:
    text = with_phone(
        "# perfdecl: ignore[PD298] switchboard\n\n# a plain comment\n"
        "# perfdecl: ignore[PD299] not this line\n" + PHONE
    )
    found = check(text)
    assert not [f for f in found if f[0] == "PD298"]
    # PD299 is on the unit line, not the phone line: unused there, still reported on unit.
    assert ("PD299", UNIT_LINE, Severity.WARNING) in found
    assert ("PD026", PHONE_LINE + 3, Severity.INFO) in found


def test_several_codes_in_one_comment() -> None:
    text = EXAMPLE_TEXT.replace(
        "unit: 北京市西城区人民政府牛街街道办事处",
        "unit: 北京市西城区人民政府牛街街道办事处 # perfdecl: ignore[PD299, PD298] agreed",
    )
    found = check(text)
    assert not [f for f in found if f[0] == "PD299"]
    assert ("PD026", UNIT_LINE, Severity.INFO) in found  # PD298 is not on that line
    assert ("PD298", PHONE_LINE, Severity.WARNING) in found


def test_reason_is_required() -> None:
    found = check(with_phone(PHONE + " # perfdecl: ignore[PD298]"))
    assert ("PD298", PHONE_LINE, Severity.WARNING) in found
    assert ("PD025", PHONE_LINE, Severity.WARNING) in found
    found = check(with_phone(PHONE + " # perfdecl: ignore[PD298] -- "))
    assert ("PD025", PHONE_LINE, Severity.WARNING) in found


def test_unused_suppression_is_info() -> None:
    found = check(with_phone(PHONE + " # perfdecl: ignore[PD297] stale"))
    assert ("PD026", PHONE_LINE, Severity.INFO) in found
    assert ("PD298", PHONE_LINE, Severity.WARNING) in found


@pytest.mark.parametrize(
    "comment",
    [
        "# perfdecl: ignore PD298 reason",
        "# perfdecl: ignore[] reason",
        "# perfdecl: ignore[W291] reason",
        "# perfdecl: disable",
    ],
)
def test_malformed_suppression(comment: str) -> None:
    found = check(with_phone(f"{PHONE} {comment}"))
    assert ("PD024", PHONE_LINE, Severity.WARNING) in found
    assert ("PD298", PHONE_LINE, Severity.WARNING) in found


def test_hash_inside_quotes_is_not_a_comment() -> None:
    for unit in (
        '"牛街街道 # perfdecl: ignore[PD299] quoted"',
        "'牛街街道 # perfdecl: ignore[PD299] quoted'",
    ):
        text = EXAMPLE_TEXT.replace("unit: 北京市西城区人民政府牛街街道办事处", f"unit: {unit}")
        found = check(text)
        assert ("PD299", UNIT_LINE, Severity.WARNING) in found
        assert not [f for f in found if f[0] in ("PD024", "PD025", "PD026")]


def test_hash_without_blank_before_is_not_a_comment() -> None:
    text = EXAMPLE_TEXT.replace(
        "unit: 北京市西城区人民政府牛街街道办事处",
        "unit: 牛街#perfdecl:ignore[PD299]glued",
    )
    assert ("PD299", UNIT_LINE, Severity.WARNING) in check(text)


def test_comment_inside_literal_block_is_text() -> None:
    lines = EXAMPLE_TEXT.splitlines(keepends=True)
    assert lines[14].startswith("  牛街街道工委")
    lines.insert(15, "  # perfdecl: ignore[PD297] this is text in the block\n")
    text = "".join(lines)
    found = check(text)
    assert ("PD297", 17, Severity.WARNING) in found  # the finding moved down one line
    assert not [f for f in found if f[0] in ("PD024", "PD025", "PD026")]


def test_suppression_on_block_header_covers_the_block() -> None:
    text = EXAMPLE_TEXT.replace(
        "functions: |-", "functions: |- # perfdecl: ignore[PD297] wording set by the bureau", 1
    )
    assert not [f for f in check(text) if f[0] in ("PD297", "PD026")]
    text = EXAMPLE_TEXT.replace(
        "functions: |-", "# perfdecl: ignore[PD297] wording set by the bureau\nfunctions: |-", 1
    )
    assert not [f for f in check(text) if f[0] in ("PD297", "PD026")]


def test_loader_errors_cannot_be_suppressed() -> None:
    text = with_phone(PHONE + "\nphone: '1' # perfdecl: ignore[PD006] I want both")
    found = check(text)
    assert ("PD006", PHONE_LINE + 1, Severity.ERROR) in found
    assert ("PD026", PHONE_LINE + 1, Severity.INFO) in found


def test_loader_info_can_be_suppressed() -> None:
    found = check(with_phone("phone: 010 # perfdecl: ignore[PD012] the real number"))
    assert not [f for f in found if f[0] in ("PD012", "PD026")]


def test_suppression_of_disabled_code_is_not_unused() -> None:
    text = with_phone(PHONE + " # perfdecl: ignore[PD298] reason")
    assert not [f for f in check(text, Options(ignore=("PD298",))) if f[0] == "PD026"]
    text = with_phone(PHONE + " # perfdecl: ignore[PD297] reason")
    assert not [f for f in check(text, Options(ignore=("PD297",))) if f[0] == "PD026"]


def test_suppression_problems_follow_select_and_severity() -> None:
    text = with_phone(PHONE + " # perfdecl: ignore[PD297] stale")
    assert ("PD026", PHONE_LINE, Severity.WARNING) in check(
        text, Options(severity={"PD026": Severity.WARNING})
    )
    assert not [f for f in check(text, Options(ignore=("PD026",))) if f[0] == "PD026"]


def test_scan_and_apply_directly() -> None:
    loaded = load_text('a: 1 # perfdecl: ignore[PD298] why\nb: "# perfdecl: x"\n', file="t")
    suppressions, problems = scan(loaded.source, "t")
    assert problems == []
    [s] = suppressions
    assert (s.line, s.column, s.codes, s.reason, s.first, s.last) == (1, 6, ("PD298",), "why", 1, 1)
    hidden = Problem("PD298", Severity.WARNING, Message("x", "x"), "t", line=1, column=1)
    other = Problem("PD298", Severity.WARNING, Message("x", "x"), "t", line=2, column=1)
    assert apply_suppressions([hidden, other], loaded.source, "t", Options()) == [other]


def test_cli_end_to_end(tmp_path: Path) -> None:
    """Through ``perfdecl validate`` with a real loader code, PD012."""
    (tmp_path / ".git").mkdir()
    good = tmp_path / "good.yaml"
    good.write_text(with_phone("phone: 010 # perfdecl: ignore[PD012] switchboard"), "utf-8")
    bare = tmp_path / "bare.yaml"
    bare.write_text(with_phone("phone: 010 # perfdecl: ignore[PD012]"), "utf-8")
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        runner = CliRunner()
        env = {"LANG": "C", "NO_COLOR": "1"}
        ok = runner.invoke(app, ["validate", "good.yaml", "--select", "PD0"], env=env)
        assert ok.exit_code == 0 and "PD012" not in ok.output and "PD02" not in ok.output
        bad = runner.invoke(app, ["validate", "bare.yaml", "--select", "PD0", "--strict"], env=env)
        assert bad.exit_code == 1
        assert "bare.yaml:8:8: PD012 info" in bad.output
        assert "bare.yaml:8:12: PD025 warning" in bad.output
    finally:
        os.chdir(old)
