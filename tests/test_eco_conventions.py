"""Conventions users know from other linters: summaries that read as sentences, help without
type placeholders after flags, colour switches, shell completion, configuration file names."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfdecl.cli.app import app
from perfdecl.reporters.base import Summary
from perfdecl.reporters.text import summary_line

from .conftest import EXAMPLE

runner = CliRunner()


@pytest.mark.parametrize(
    ("counts", "en", "zh"),
    [
        (
            (1, 0, 0, 0),
            "Checked 1 file: 0 errors, 0 warnings, 0 notes.",
            "已检查 1 个文件：0 个错误，0 个警告，0 个提示。",
        ),
        (
            (2, 1, 1, 1),
            "Checked 2 files: 1 error, 1 warning, 1 note.",
            "已检查 2 个文件：1 个错误，1 个警告，1 个提示。",
        ),
        (
            (1, 0, 45, 59),
            "Checked 1 file: 0 errors, 45 warnings, 59 notes.",
            "已检查 1 个文件：0 个错误，45 个警告，59 个提示。",
        ),
    ],
)
def test_the_summary_counts_in_words(counts: tuple[int, int, int, int], en: str, zh: str) -> None:
    files, errors, warnings, infos = counts
    summary = Summary(files=files, errors=errors, warnings=warnings, infos=infos)
    assert summary_line(summary, "en") == en
    assert summary_line(summary, "zh") == zh


COMMANDS = ["validate", "schema", "render", "diff", "rules", "explain", "init", "import", "export"]
COMMANDS += ["review"]


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_flags_show_no_value_placeholder_in_help(command: str | None) -> None:
    """``--force`` takes no value, so help does not print ``<bool>`` after it (Typer does)."""
    args = ([command] if command else []) + ["--help"]
    result = runner.invoke(app, args, env={"COLUMNS": "200", "LANG": "C"})
    assert result.exit_code == 0, result.output
    assert "<bool>" not in result.output
    assert "--help" in result.output and "Show this message and exit." in result.output
    if command in ("validate", "render", "export", "init", "schema"):
        line = next(x for x in result.output.splitlines() if "--force " in x)
        assert "Replace" in line and "<" not in line, line
    # options that do take a value still say which
    if command == "validate":
        assert "FORMAT=PATH" in result.output and "<zh|en>" in result.output


def test_help_of_the_installed_command_has_no_bool_placeholder() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "perfdecl", "validate", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert done.returncode == 0 and "--strict" in done.stdout
    assert "<bool>" not in done.stdout


def _complete(words: str, cword: int) -> list[str]:
    """What bash completion offers for ``words`` (Typer's protocol, through the console script)."""
    env = {**os.environ, "_PERFDECL_COMPLETE": "complete_bash", "COMP_WORDS": words}
    env["COMP_CWORD"] = str(cword)
    done = subprocess.run(
        [sys.executable, "-m", "perfdecl"], capture_output=True, text=True, timeout=60, env=env
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_completion_offers_commands_options_and_choices() -> None:
    assert _complete("perfdecl val", 1) == ["validate"]
    assert set(_complete("perfdecl validate --for", 2)) == {
        "--format",
        "--force",
        "--force-exclude",
    }
    assert _complete("perfdecl validate --lang ", 3) == ["zh", "en"]
    assert "sarif" in _complete("perfdecl validate --format ", 3)
    assert "--fail-on" in _complete("perfdecl diff --fa", 2)


def test_show_completion_prints_a_script_that_bash_runs() -> None:
    """``perfdecl --show-completion bash`` prints a script; sourced in a real bash it completes."""
    done = subprocess.run(
        [sys.executable, "-m", "perfdecl", "--show-completion", "bash"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "_PERFDECL_COMPLETE=complete_bash" in done.stdout
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash on this machine")
    script = done.stdout.replace("$1", f"{shlex.quote(sys.executable)} -m perfdecl")
    probe = (
        script
        + "\nCOMP_WORDS=(perfdecl validate --lang ''); COMP_CWORD=3;"
        + ' _perfdecl_completion perfdecl; echo "${COMPREPLY[@]}"\n'
    )
    shell = subprocess.run(
        [bash, "--norc", "--noprofile"], input=probe, capture_output=True, text=True, timeout=60
    )
    assert shell.stdout.split() == ["zh", "en"], shell.stderr


ESC = "\x1b["


def _validate(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``perfdecl validate`` on the example, through the console script, into a pipe."""
    clean = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run(
        [sys.executable, "-m", "perfdecl", "validate", str(EXAMPLE), "--lang", "en", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**clean, **env},
    )


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        ((), {}, False),  # a pipe: plain lines
        (("--color", "auto"), {}, False),
        (("--color", "always"), {}, True),
        (("--color=always",), {"TERM": "dumb"}, True),  # even where TERM says nothing
        (("--color", "always"), {"NO_COLOR": "1"}, True),  # the flag beats the environment
        ((), {"FORCE_COLOR": "1"}, True),  # force-color.org
        ((), {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),  # no-color.org wins over it
        (("--color", "never"), {"FORCE_COLOR": "1"}, False),
        (("--no-color",), {"FORCE_COLOR": "1"}, False),
        ((), {"NO_COLOR": ""}, False),  # empty means unset
    ],
)
def test_color_auto_always_never(
    args: tuple[str, ...], env: dict[str, str], coloured: bool
) -> None:
    done = _validate(*args, **env)
    assert done.returncode == 0, done.stderr
    assert (ESC in done.stdout) is coloured, done.stdout[:300]
    if coloured:  # the terminal layout: a source excerpt under each finding
        assert "   30 | " in done.stdout and "indicators:" in done.stdout
    else:
        assert done.stdout.splitlines()[-1] == "Checked 1 file: 0 errors, 45 warnings, 1 note."


def test_color_through_typer_and_in_diff(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(EXAMPLE), "--color", "always", "-q"])
    assert result.exit_code == 0 and ESC in result.output
    result = runner.invoke(app, ["validate", str(EXAMPLE), "--color", "never", "-q"])
    assert result.exit_code == 0 and ESC not in result.output
    bad = runner.invoke(app, ["validate", str(EXAMPLE), "--color", "sometimes"])
    assert bad.exit_code == 2 and "sometimes" in bad.output
    draft = EXAMPLE.with_name("niujie_2020_draft.yaml")
    shown = runner.invoke(app, ["diff", str(EXAMPLE), str(draft), "--color", "always"])
    assert shown.exit_code == 1 and ESC in shown.output
    plain = runner.invoke(app, ["diff", str(EXAMPLE), str(draft), "--color", "never"])
    assert plain.exit_code == 1 and ESC not in plain.output


def _readme_option_cells() -> str:
    """The first column of the README's table of ``validate`` options."""
    text = (EXAMPLE.parent.parent / "README.md").read_text(encoding="utf-8")
    start = text.index("| option | meaning |")
    table = text[start : text.index("\n\n", start)]
    return "\n".join(row.split(" | ")[0] for row in table.splitlines()[2:])


def test_every_validate_option_is_in_the_readme_table() -> None:
    """cli/options.py is the one table of validate's options; the README's table names each
    long spelling, so a new option cannot land undocumented."""
    from perfdecl.cli.options import OPTIONS

    cells = _readme_option_cells()
    missing = [
        flag
        for opt in OPTIONS
        for flag in opt.flags
        if flag.startswith("--") and not re.search(rf"`{re.escape(flag)}[ `=]", cells)
    ]
    assert missing == [], f"README's options table lacks {missing}"
    assert "`--color auto" in cells and "`--cache-dir DIR`" in cells


@pytest.mark.parametrize(
    ("value", "en", "zh"),
    [
        (
            "01083998540",
            "YAML 1.2 tools (such as the editor's language server) read it as the integer "
            "1083998540, dropping the leading zero.",
            "YAML 1.2 工具（如编辑器的语言服务器）会把它读成整数 1083998540，丢掉开头的 0。",
        ),
        (
            "010",
            "the integer 10, dropping the leading zero; YAML 1.1 tools read it as an octal number (8).",
            "八进制数（即 8）",
        ),
        ("0_17", "but YAML 1.1 tools read it as an octal number (15).", "八进制数（即 15）"),
    ],
)
def test_pd012_names_the_real_risk_of_a_leading_zero(value: str, en: str, zh: str) -> None:
    """PyYAML reads 01083998540 as text (8 and 9 are no octal digits); the risk is YAML 1.2
    tools reading the integer 1083998540. The message says so, and octal only where it applies."""
    from perfdecl.lint import check_bytes

    text = EXAMPLE.read_text(encoding="utf-8").replace('phone: "83998540"', f"phone: {value}", 1)
    result = check_bytes(text.encode("utf-8"), file="d.yaml")
    [problem] = [p for p in result.problems if p.code == "PD012"]
    assert problem.message.en.startswith(f"'{value}' is read as the text you wrote, but ")
    assert problem.message.en.endswith(en + " Quote it to make that explicit.")
    assert ("octal" in problem.message.en) is (value != "01083998540")
    assert zh in problem.message.zh and problem.message.zh.endswith("请加引号。")


def test_pd012_is_quiet_where_every_yaml_tool_reads_text() -> None:
    from perfdecl.lint import check_bytes

    text = EXAMPLE.read_text(encoding="utf-8").replace('phone: "83998540"', "phone: 0_9", 1)
    result = check_bytes(text.encode("utf-8"), file="d.yaml")
    assert not [p for p in result.problems if p.code == "PD012"]
