"""The Typer-free ``validate`` path: same options, same parse, same results as the Typer command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from perfdecl.cli import fastpath
from perfdecl.cli import validate as validate_cmd
from perfdecl.cli.app import build_app
from perfdecl.cli.fastpath import OPTIONS, ValidateArgs, parse

from .conftest import EXAMPLE


def _typer_params() -> dict[str, object]:
    command = typer.main.get_command(build_app("validate"))
    return {p.name: p for p in command.commands["validate"].params}  # type: ignore[attr-defined]


def test_options_match_the_typer_command() -> None:
    """Every Typer option is in OPTIONS with the same spellings, kind and default, and back."""
    params = _typer_params()
    fast = {opt.dest: opt for opt in OPTIONS}
    assert set(params) - {"paths"} == set(fast)
    defaults = ValidateArgs()
    for name, param in params.items():
        if name == "paths":
            continue
        opt = fast[name]
        assert tuple(param.opts) == opt.flags, name  # type: ignore[attr-defined]
        assert bool(param.is_flag) == (opt.kind == "flag"), name  # type: ignore[attr-defined]
        assert bool(param.multiple) == (opt.kind == "list"), name  # type: ignore[attr-defined]
        default = getattr(defaults, name)
        assert param.default == (None if opt.kind == "list" else default), name  # type: ignore[attr-defined]


CASES: list[list[str]] = [
    ["a.yaml"],
    ["a.yaml", "b.yaml", "dir"],
    ["-"],
    ["--format", "json", "a.yaml"],
    ["--format=sarif", "a.yaml"],
    ["-f", "github", "a.yaml"],
    ["-fjunit", "a.yaml"],
    ["a.yaml", "-q", "--strict", "--no-color", "--force", "--force-exclude"],
    ["-o", "sarif=x.sarif", "--output", "json=y.json", "a.yaml"],
    ["-j", "3", "a.yaml"],
    ["--jobs=1", "a.yaml"],
    ["--lang", "zh", "a.yaml"],
    ["--max-bytes", "100", "--max-depth", "2", "a.yaml"],
    ["--config", "c.toml", "--select", "PD2", "--ignore", "PD211,PD215", "a.yaml"],
    ["--baseline", "b.json", "--write-baseline", "w.json", "a.yaml"],
    ["--stdin-filename", "x.yaml", "-"],
    ["--", "-odd-name.yaml"],
]


@pytest.mark.parametrize("argv", CASES, ids=[" ".join(c) for c in CASES])
def test_fast_parse_equals_typer(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """What the fast parser builds is exactly what the Typer command hands to ``run``."""
    seen: list[ValidateArgs] = []

    def fake_run(args: ValidateArgs) -> int:
        seen.append(args)
        return 0

    monkeypatch.setattr(validate_cmd, "run", fake_run)
    result = CliRunner().invoke(build_app("validate"), ["validate", *argv])
    assert result.exit_code == 0, result.output
    assert parse(argv) == seen[0]


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--help"],
        ["-h", "a.yaml"],
        ["--format", "bogus", "a.yaml"],
        ["--jobs", "0", "a.yaml"],
        ["--jobs", "many", "a.yaml"],
        ["--max-depth", "1", "a.yaml"],
        ["--lang", "fr", "a.yaml"],
        ["--unknown", "a.yaml"],
        ["-qf", "json", "a.yaml"],
        ["--strict=yes", "a.yaml"],
        ["a.yaml", "--format"],
    ],
)
def test_fast_parse_defers_to_typer(argv: list[str]) -> None:
    """Help, bad values and odd spellings go to Typer, which explains them."""
    assert parse(argv) is None


@pytest.mark.parametrize("output", ["json", "text"])
def test_main_uses_the_fast_path_without_typer(tmp_path: Path, output: str) -> None:
    """A real process writing to a pipe: validate answers without importing typer or rich."""
    code = (
        "import sys\n"
        "from perfdecl.cli import main\n"
        "try:\n"
        f"    main(['validate', '--format', {output!r}, {str(EXAMPLE)!r}])\n"
        "except SystemExit as exc:\n"
        "    web = any(m in sys.modules for m in ('fastapi', 'starlette', 'uvicorn', 'multipart'))\n"
        "    sys.stderr.write(f'exit={exc.code} typer={\"typer\" in sys.modules} '\n"
        "                     f'rich={\"rich\" in sys.modules} web={web}')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert proc.stderr.strip() == "exit=0 typer=False rich=False web=False"
    if output == "json":
        assert json.loads(proc.stdout)["summary"]["errors"] == 0
    else:
        assert proc.stdout.endswith("0 errors, 45 warnings, 1 note.\n")


def test_fast_and_typer_outputs_are_identical(capsys: pytest.CaptureFixture[str]) -> None:
    """Same file, same options: byte-identical report and exit code on both paths."""
    argv = ["--format", "json", "--lang", "zh", str(EXAMPLE)]
    parsed = parse(argv)
    assert parsed is not None
    code = fastpath.run(parsed)
    fast_out = capsys.readouterr().out
    result = CliRunner().invoke(build_app("validate"), ["validate", *argv])
    assert (code, fast_out) == (result.exit_code, result.stdout)


def test_debug_before_validate_still_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    """``perfdecl --debug validate …`` takes the fast path; debug travels in the arguments."""
    from perfdecl import cli

    calls: list[ValidateArgs] = []
    monkeypatch.setattr(fastpath, "run", lambda a: calls.append(a) or 0)
    monkeypatch.delenv("PERFDECL_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exc:
        cli.main(["--debug", "validate", "x.yaml"])
    assert exc.value.code == 0
    assert calls and calls[0].paths == ["x.yaml"] and calls[0].debug is True
    with pytest.raises(SystemExit):
        cli.main(["validate", "x.yaml"])
    assert calls[1].debug is False


def test_debug_reaches_the_typer_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """``perfdecl --debug validate`` through Typer sets the same field (no global flag)."""
    seen: list[ValidateArgs] = []
    monkeypatch.setattr(validate_cmd, "run", lambda a: seen.append(a) or 0)
    monkeypatch.delenv("PERFDECL_DEBUG", raising=False)
    app = build_app("validate")
    assert CliRunner().invoke(app, ["--debug", "validate", "-qf", "json", "a.yaml"]).exit_code == 0
    assert CliRunner().invoke(app, ["validate", "-qf", "json", "a.yaml"]).exit_code == 0
    assert [a.debug for a in seen] == [True, False]


def test_debug_option_raises_internal_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Options(debug=True) lets an internal error raise; without it the error is PD900."""
    from perfdecl import lint

    def boom(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(lint, "check_loaded", boom)
    assert [p.code for p in lint.check_path(EXAMPLE).problems] == ["PD900"]
    with pytest.raises(RuntimeError, match="boom"):
        lint.check_path(EXAMPLE, lint.Options(debug=True))


PLUGINS_PROBE = """
import os, sys
from perfdecl.cli import main
try:
    main(["validate", "-q", "--no-cache", sys.argv[1]])
except SystemExit:
    pass
import pydantic.plugin._loader as loader
print("pydantic" in sys.modules, "importlib.metadata" in sys.modules, loader.get_plugins() == ())
print(loader.PYDANTIC_ENTRY_POINT_GROUP, "importlib.metadata" in sys.modules)
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "some_plugin"
print(list(sys.modules["pydantic.plugin._loader"].get_plugins()) == list(loader.get_plugins()))
"""


@pytest.mark.parametrize("disabled", ["__all__", None])
def test_pydantic_s_plugin_scan_is_skipped_only_while_plugins_are_disabled(
    disabled: str | None,
) -> None:
    """The CLI disables pydantic's plugins; pydantic then imports its plugin loader only to be
    told "none", and that import pulls in importlib.metadata (about 18 ms). perfdecl answers the
    loader's import itself (perfdecl.cli._env.skip_plugin_scan): none imported, the same answer,
    every other name of the real loader still there, the real loader asked once plugins are on."""
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if disabled is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = disabled
    proc = subprocess.run(
        [sys.executable, "-c", PLUGINS_PROBE, str(EXAMPLE)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-3:] == ["True False True", "pydantic True", "True"]
