"""perfdecl import: the seed round trip, other frameworks, unknown layouts, the CLI."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from perfdecl.cli.app import app
from perfdecl.convert.importer import (
    import_bytes,
    import_path,
    import_text,
    iter_texts,
    parse_amount,
)
from perfdecl.convert.yamlwrite import dumps
from perfdecl.lint import load_declaration
from perfdecl.loader import load_text
from perfdecl.model import Declaration
from perfdecl.model.build import build
from perfdecl.problem import Severity

from .conftest import EXAMPLE, ROOT, SEED, needs_shared

FIXTURES = ROOT / "tests" / "fixtures" / "import"
runner = CliRunner()


def as_declaration(data: dict[str, Any]) -> Declaration:
    """Write with the YAML writer and read back through the real loader and model."""
    loaded = load_text(dumps(data))
    assert loaded.problems == []
    decl, problems = build(loaded.data, loaded.source, "<import>")
    assert problems == [], problems
    assert decl is not None
    return decl


def without_targets(decl: Declaration) -> dict[str, Any]:
    data = decl.model_dump(mode="python")
    for l1 in data["indicators"]:
        for group in l1["groups"]:
            for item in group["items"]:
                item.pop("targets")
    return data


def target_key(t: Any) -> tuple[Any, ...]:
    return (t.comparison.value, t.value, t.unit, t.deadline)


def target_agreement(got: Declaration, expected: Declaration) -> tuple[int, int, int, list[str]]:
    """(matched, expected count, imported count, disagreements) over (comparison, value, unit)."""
    matched = n_expected = n_got = 0
    notes = []
    items_got = [i for l1 in got.indicators for g in l1.groups for i in g.items]
    items_exp = [i for l1 in expected.indicators for g in l1.groups for i in g.items]
    for a, b in zip(items_got, items_exp, strict=True):
        ca, cb = Counter(map(target_key, a.targets)), Counter(map(target_key, b.targets))
        matched += sum((ca & cb).values())
        n_got += sum(ca.values())
        n_expected += sum(cb.values())
        if ca != cb:
            notes.append(f"{a.id}: imported only {dict(ca - cb)}, example only {dict(cb - ca)}")
    return matched, n_expected, n_got, notes


@needs_shared()
def test_seed_imports_to_the_example_data() -> None:
    result = import_path(SEED)
    assert result.ok
    assert [p for p in result.problems if p.severity is not Severity.INFO] == []
    assert result.missing == ()
    got = as_declaration(result.data or {})
    expected = load_declaration(EXAMPLE)
    assert without_targets(got) == without_targets(expected)
    assert got.funds is not None and got.funds.total == Decimal("18891.87")
    assert str(got.funds.total) == "18891.87"


@needs_shared()
def test_seed_targets_agree_with_the_hand_made_example(capsys: pytest.CaptureFixture[str]) -> None:
    got = as_declaration(import_path(SEED).data or {})
    expected = load_declaration(EXAMPLE)
    matched, n_expected, n_got, notes = target_agreement(got, expected)
    with capsys.disabled():
        print(
            f"\n[import] targets: {matched}/{n_expected} of the example's matched "
            f"(recall {matched / n_expected:.1%}); {n_got} imported "
            f"(precision {matched / n_got:.1%})"
        )
        for note in notes:
            print(f"[import]   {note}")
    assert n_expected == 77
    assert matched / n_expected >= 0.95
    assert matched / n_got >= 0.95


@needs_shared()
def test_every_seed_line_is_placed() -> None:
    result = import_path(SEED)
    assert not [p for p in result.problems if p.code == "PD401"]
    texts = "\n".join(iter_texts(result.data or {}))
    for line in SEED.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if len(line) > 12 and not line.startswith(("部门（单位）", "具体指标")):
            # every long line (a text, not a label) is somewhere verbatim
            assert line in texts, line


def test_national_classic_layout() -> None:
    result = import_path(FIXTURES / "national_classic.txt")
    assert result.ok
    decl = as_declaration(result.data or {})
    assert decl.framework.value == "national_classic"
    assert decl.year == 2021
    assert decl.phone == "010-12345678"
    assert decl.funds is not None and str(decl.funds.total) == "120.50"
    assert [l1.id for l1 in decl.indicators] == ["out", "ben", "sat"]
    assert [g.name for g in decl.indicators[2].groups] == ["服务对象满意度指标"]
    ids = [i.id for l1 in decl.indicators for g in l1.groups for i in g.items]
    assert ids == [
        "out.qty.1",
        "out.qty.2",
        "out.qual.1",
        "out.time.1",
        "out.cost.1",
        "ben.soc.1",
        "ben.sust.1",
        "sat.sat.1",
    ]
    assert [s.id for s in decl.goals.strands] == ["g1", "g2"]  # type: ignore[union-attr]
    assert all(l1.goal is None for l1 in decl.indicators)
    # The title line is reported (not lost) as an information.
    title = [p for p in result.problems if p.code == "PD401"]
    assert len(title) == 1 and title[0].line == 1 and title[0].severity is Severity.INFO


def test_central_2021_layout() -> None:
    result = import_path(FIXTURES / "central_2021.txt")
    assert result.ok, result.problems
    decl = as_declaration(result.data or {})
    assert decl.framework.value == "central_2021"
    assert [l1.id for l1 in decl.indicators] == ["cost", "out", "ben", "sat"]
    ids = [i.id for l1 in decl.indicators for g in l1.groups for i in g.items]
    assert ids[:4] == ["cost.econ.1", "cost.econ.2", "cost.soc.1", "cost.eco.1"]
    assert "ben.eco.1" in ids
    assert decl.indicators[0].groups[0].items[0].text == "（1）每亩建设成本不高于1500元；"


def test_framework_override_and_year_override() -> None:
    text = (FIXTURES / "national_classic.txt").read_text(encoding="utf-8")
    result = import_text(text, framework="central_2021", year=2030)
    assert result.data is not None
    assert result.data["framework"] == "central_2021"
    assert result.data["year"] == 2030


def test_year_unknown_is_an_error_naming_the_option() -> None:
    text = (FIXTURES / "national_classic.txt").read_text(encoding="utf-8")
    text = text.replace("2021年", "今年")
    result = import_text(text)
    assert not result.ok
    (problem,) = [p for p in result.problems if p.code == "PD403"]
    assert "--year" in problem.message.en and "--year" in problem.message.zh
    assert import_text(text, year=2021).ok


def test_stray_lines_are_reported_with_their_line_numbers() -> None:
    text = (FIXTURES / "national_classic.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    head = lines.index("负责人：张三")
    lines.insert(head + 1, "（签字盖章）")
    table = lines.index("一级指标\t二级指标\t三级指标")
    lines.insert(table + 1, "孤立的一行文字")
    result = import_text("\n".join(lines))
    unplaced = {p.line: p for p in result.problems if p.code == "PD401"}
    assert head + 2 in unplaced and "签字盖章" in unplaced[head + 2].message.zh
    assert table + 2 in unplaced and "孤立" in unplaced[table + 2].message.zh
    assert result.ok  # warnings only


def test_bad_amount_is_reported_not_guessed() -> None:
    text = (FIXTURES / "national_classic.txt").read_text(encoding="utf-8")
    result = import_text(text.replace("资金总额：120.50万元", "资金总额：约一百万"))
    assert result.data is not None and "total" not in result.data["funds"]
    assert [p.line for p in result.problems if p.code == "PD404"] == [5]
    assert [p.line for p in result.problems if p.code == "PD401"] == [1, 5]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18891.87万元", (Decimal("18891.87"), False)),
        ("１８８９１．８７", (Decimal("18891.87"), False)),
        ("18,891.87 万元", (Decimal("18891.87"), False)),
        ("0万元", (Decimal("0"), False)),
        ("4767160元", (Decimal("476.716"), True)),
        ("约100", None),
        ("", None),
    ],
)
def test_parse_amount(text: str, expected: tuple[Decimal, bool] | None) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize("name", ["prose.txt", "table.csv"])
def test_unknown_layouts_are_reported_not_written(name: str, tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["import", str(FIXTURES / name), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 1
    assert "PD405" in result.stderr
    assert "Found:" in result.stderr and "missing:" in result.stderr
    assert "indicator table" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_empty_file_is_reported(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["import", str(empty), "--lang", "zh"])
    assert result.exit_code == 1
    assert "PD405" in result.stderr and "已找到：无" in result.stderr
    assert result.stdout == ""


def test_partial_writes_what_was_recognised_with_gaps_marked(tmp_path: Path) -> None:
    text = (FIXTURES / "national_classic.txt").read_text(encoding="utf-8")
    header_only = text.split("一级指标")[0]
    source = tmp_path / "header.txt"
    source.write_text(header_only, encoding="utf-8")
    out = tmp_path / "header.yaml"
    (tmp_path / ".git").mkdir()  # a repository that keeps the schema: the modeline points at it
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "declaration.schema.json").write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["import", str(source), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 1 and not out.exists()
    result = runner.invoke(app, ["import", str(source), "-o", str(out), "--partial"])
    assert result.exit_code == 0, result.output
    written = out.read_text(encoding="utf-8")
    assert written.startswith("# yaml-language-server: $schema=schemas/declaration.schema.json\n")
    assert "# perfdecl import: 未找到 / not found: 绩效指标" in written
    assert "indicators" in written.splitlines()[1]
    loaded = load_text(written)
    assert loaded.data["unit"] == "某市图书馆"


def test_output_is_never_overwritten_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    out.write_text("keep me\n", encoding="utf-8")
    source = str(FIXTURES / "national_classic.txt")
    result = runner.invoke(app, ["import", source, "-o", str(out), "--lang", "en"])
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me\n"
    result = runner.invoke(app, ["import", source, "-o", str(out), "--force"])
    assert result.exit_code == 0
    assert "某市图书馆" in out.read_text(encoding="utf-8")


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["import", str(tmp_path / "nope.txt"), "--lang", "en"])
    assert result.exit_code == 2
    assert "PD001" in result.stderr


def test_undecodable_bytes_are_a_problem_not_a_traceback() -> None:
    result = import_bytes(b"\xff\xfe\x00\xd8garbage" * 3)
    assert result.data is None
    assert result.problems


@needs_shared()
def test_cli_subprocess_import_then_validate(tmp_path: Path) -> None:
    out = tmp_path / "niujie.yaml"
    done = subprocess.run(
        [sys.executable, "-m", "perfdecl", "import", str(SEED), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    checked = subprocess.run(
        [sys.executable, "-m", "perfdecl", "validate", str(out), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout
    assert '"PD0' not in checked.stdout and '"PD1' not in checked.stdout


@needs_shared()
def test_cli_writes_yaml_to_stdout() -> None:
    result = runner.invoke(app, ["import", str(SEED)])
    assert result.exit_code == 0
    assert result.stdout.startswith("# yaml-language-server: $schema=")
    assert "unit: 北京市西城区人民政府牛街街道办事处\n" in result.stdout
    assert "  total: 18891.87\n" in result.stdout
    assert "functions: |-\n" in result.stdout
