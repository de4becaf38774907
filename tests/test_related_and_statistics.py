"""Related locations in the reports, --statistics and --min-severity (issue 16 items 2 and 5)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from perfdecl.cli.app import build_app

from .conftest import EXAMPLE, ROOT

runner = CliRunner()


def test_json_report_names_related_locations() -> None:
    out = runner.invoke(build_app(), ["validate", str(EXAMPLE), "--format", "json", "--lang", "en"])
    problems = json.loads(out.output)["files"][0]["problems"]
    repeated = [p for p in problems if p["code"] == "PD221"]
    assert len(repeated) == 1
    related = repeated[0]["related"]
    assert [r["pointer"] for r in related] == [
        f"/indicators/{n}/groups/2/items/0/text" for n in range(1, 5)
    ]
    assert all(isinstance(r["line"], int) and isinstance(r["column"], int) for r in related)
    # the field is there only when a finding has related locations; the others keep their shape
    plain = next(p for p in problems if p["code"] == "PD215")
    assert "related" not in plain
    assert set(plain) == {
        "code",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "pointer",
    }


def test_text_view_lists_the_other_lines() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "perfdecl", "validate", "examples/niujie_2019.yaml", "--lang", "en"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = proc.stdout.splitlines()
    at = next(n for n, line in enumerate(lines) if " PD217 " in line)
    also = lines[at + 1 : at + 5]
    assert [line.split(":")[1] for line in also] == ["152", "198", "289", "326"]
    assert all(line.startswith("    also at examples/niujie_2019.yaml:") for line in also)


def test_statistics_counts_per_code() -> None:
    out = runner.invoke(
        build_app(), ["validate", str(EXAMPLE), "--statistics", "-q", "--lang", "en"]
    )
    table = [line.split("\t") for line in out.output.splitlines() if "\t" in line]
    counts = {code: int(n) for n, code, _ in table}
    assert counts["PD215"] == 24 and counts["PD211"] == 6
    assert table[0][1] == "PD215"  # most frequent first
    assert [table[1][1], table[1][2]] == ["PD211", "quantity-without-number"]


def test_min_severity_filters() -> None:
    app = build_app()
    errors_only = runner.invoke(
        app, ["validate", str(EXAMPLE), "--min-severity", "error", "--format", "json"]
    )
    assert json.loads(errors_only.output)["files"][0]["problems"] == []
    assert errors_only.exit_code == 0
    warnings = runner.invoke(app, ["validate", str(EXAMPLE), "--severity", "warning", "--strict"])
    assert warnings.exit_code == 1
    bad = runner.invoke(app, ["validate", str(EXAMPLE), "--min-severity", "loud"])
    assert bad.exit_code == 2


def test_fast_path_knows_the_new_options() -> None:
    from perfdecl.cli.fastpath import parse

    args = parse(["--statistics", "--min-severity", "warning", "x.yaml"])
    assert args is not None and args.statistics and args.min_severity == "warning"


def test_verbose_names_the_configuration(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.perfdecl]\nignore = ["PD215"]\n', "utf-8")
    (tmp_path / "a.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), "utf-8")
    run = [sys.executable, "-m", "perfdecl", "validate", "a.yaml", "--lang", "en"]
    proc = subprocess.run(
        [*run, "--verbose", "-q"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert f"configuration: {tmp_path / 'pyproject.toml'}" in proc.stderr
    quiet = subprocess.run([*run, "-q"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert "configuration:" not in quiet.stderr
    report = subprocess.run(
        [*run, "--format", "json", "--verbose"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    summary = json.loads(report.stdout)["summary"]
    assert summary["configurations"] == [str(tmp_path / "pyproject.toml")]
    plain = subprocess.run(
        [*run, "--format", "json"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert "configurations" not in json.loads(plain.stdout)["summary"]
    assert " PD215 " not in proc.stdout
