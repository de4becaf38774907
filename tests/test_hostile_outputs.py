"""Hostile file names, output paths and signals (issue #17, items 1, 3, 4 and 13).

The declaration catalogue (tests/test_hostile.py) is about what a file holds; this one is about
where perfdecl writes and what a file's name can make it do. Each case has a variant with another
payload; docs/hardening.md lists them ("Outputs and file names").
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from perfdecl.cli.app import build_app
from perfdecl.cli.fastpath import parse
from perfdecl.files import write_atomic

from .conftest import EXAMPLE, ROOT
from .test_hostile import assert_clean_output, invoke, listing
from .test_hostile_import import published

BROKEN = b"schema_version: 1\nhead: [\n"
OLD = b"# the user's own file\n"


def _main(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """The console script's code path (fast parser first) in a real process."""
    code = "import sys\nfrom perfdecl.cli import main\nmain(sys.argv[1:])\n"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1", "GITHUB_ACTIONS": "", "LANG": "C"},
    )


# --- item 1: a file name that looks like an option ---------------------------------------------


def _hook_argv() -> list[str]:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    entry = hook["entry"].split()
    assert entry[:2] == ["perfdecl", "validate"]
    return [*entry[1:], *hook.get("args", [])]


@pytest.mark.parametrize(
    ("name", "planted"),
    [
        ("--write-baseline=x.decl.yaml", "x.decl.yaml"),
        ("--output=json=y.decl.yaml", "y.decl.yaml"),
    ],
    ids=["write-baseline", "output"],
)
def test_pre_commit_checks_a_file_named_like_an_option(
    name: str, planted: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hook's command line ends its options with ``--``: the file is checked and fails;
    the option it spells is not obeyed (fast parser and Typer alike)."""
    (tmp_path / name).write_bytes(BROKEN)
    argv = [*_hook_argv(), name]
    assert argv[-2] == "--"
    parsed = parse(argv[1:])
    assert parsed is not None and parsed.paths == [name]
    assert parsed.write_baseline is None and parsed.outputs == []
    done = _main(argv, tmp_path)
    assert done.returncode == 1, done.stderr
    assert f"{name}:" in done.stdout and "PD005" in done.stdout
    assert not (tmp_path / planted).exists()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(build_app("validate"), argv, catch_exceptions=False)
    assert result.exit_code == 1 and f"{name}:" in result.stdout
    assert not (tmp_path / planted).exists()


# --- item 3: devices, pipes, symbolic links, the umask ----------------------------------------


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
def test_report_into_dev_null_keeps_the_device(force: bool, tmp_path: Path) -> None:
    args = ["validate", str(EXAMPLE), "-q", "--output", "sarif=/dev/null"]
    code, out, err = invoke(args + (["--force"] if force else []), tmp_path)
    assert code == 0, err
    assert_clean_output(out, err)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_report_to_dev_stdout_is_printed(tmp_path: Path) -> None:
    done = _main(
        ["validate", str(EXAMPLE), "-q", "-f", "text", "--output", "json=/dev/stdout", "--force"],
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    report = done.stdout[done.stdout.index("{") :]
    assert json.loads(report)["summary"]["errors"] == 0


def test_report_into_a_fifo_is_read_by_its_reader(tmp_path: Path) -> None:
    """The variant of /dev/stdout: a named pipe is written into, not replaced by a file."""
    pipe = tmp_path / "report.pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []

    def reader() -> None:
        with open(pipe, "rb") as fh:
            received.append(fh.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    code, out, err = invoke(["validate", str(EXAMPLE), "-q", "--output", f"json={pipe}"], tmp_path)
    thread.join(timeout=30)
    assert code == 0, err
    assert_clean_output(out, err)
    assert json.loads(received[0])["summary"]["errors"] == 0
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


@pytest.mark.parametrize("command", ["validate", "render"])
def test_symlink_to_a_file_is_followed_and_kept(command: str, tmp_path: Path) -> None:
    real = tmp_path / "reports" / "real.out"
    real.parent.mkdir()
    real.write_bytes(OLD)
    link = tmp_path / "link.out"
    link.symlink_to(real)
    if command == "validate":
        args = ["validate", str(EXAMPLE), "-q", "--output", f"json={link}", "--force"]
    else:
        args = ["render", str(EXAMPLE), "-f", "text", "-o", str(link), "--force"]
    code, out, err = invoke(args, tmp_path)
    assert code == 0, err
    assert_clean_output(out, err)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() != OLD and real.stat().st_size > 100
    assert listing(real.parent) == {"real.out"}  # no temporary file left beside the target


@pytest.mark.parametrize("command", ["validate", "import"])
def test_dangling_symlink_is_refused_even_with_force(command: str, tmp_path: Path) -> None:
    link = tmp_path / "out.yaml"
    link.symlink_to(tmp_path / "elsewhere" / "missing.yaml")
    if command == "validate":
        args = ["validate", str(EXAMPLE), "-q", "--output", f"json={link}", "--force"]
    else:
        form = tmp_path / "form.txt"
        form.write_text(published(), encoding="utf-8")
        args = ["import", str(form), "-o", str(link), "--force"]
    code, out, err = invoke([*args, "--lang", "en"], tmp_path)
    assert code == 2, err
    assert_clean_output(out, err)
    assert "symbolic link" in err and str(link) in err
    assert link.is_symlink() and not (tmp_path / "elsewhere").exists()


@pytest.mark.parametrize("mask", [0o077, 0o027])
def test_new_files_honour_the_umask(mask: int, tmp_path: Path) -> None:
    old = os.umask(mask)
    try:
        write_atomic(tmp_path / "new.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o666 & ~mask


# --- item 4: an output that is an input --------------------------------------------------------


def _decl(tmp_path: Path) -> Path:
    source = tmp_path / "d.yaml"
    source.write_bytes(EXAMPLE.read_bytes())
    return source


def _same_input_cases(tmp_path: Path) -> dict[str, list[str]]:
    form = tmp_path / "f.txt"
    form.write_text(published(), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.yaml").symlink_to(tmp_path / "d.yaml")
    os.link(tmp_path / "d.yaml", tmp_path / "hard.yaml")
    return {
        "validate-output": ["validate", "d.yaml", "--output", "json=d.yaml"],
        "validate-output-dot": ["validate", "d.yaml", "--output", "json=./sub/../d.yaml"],
        "validate-baseline": ["validate", "d.yaml", "--write-baseline", "d.yaml"],
        "validate-folder": ["validate", ".", "--output", "json=d.yaml"],
        "validate-symlink": ["validate", "d.yaml", "--output", "json=link.yaml"],
        "validate-hardlink": ["validate", "d.yaml", "--output", "json=hard.yaml"],
        "render-slash": ["render", "d.yaml", "-o", "d.yaml/"],
        "render-symlink": ["render", "d.yaml", "-o", "link.yaml"],
        "import": ["import", "f.txt", "-o", "f.txt"],
        "import-slash": ["import", "f.txt", "-o", "f.txt/"],
        "export": ["export", "d.yaml", "-o", "d.yaml"],
        "export-slash": ["export", "d.yaml", "-o", "./d.yaml/"],
    }


CASE_IDS = [
    "validate-output",
    "validate-output-dot",
    "validate-baseline",
    "validate-folder",
    "validate-symlink",
    "validate-hardlink",
    "render-slash",
    "render-symlink",
    "import",
    "import-slash",
    "export",
    "export-slash",
]


@pytest.mark.parametrize("case", CASE_IDS)
def test_an_output_that_is_an_input_is_refused_even_with_force(case: str, tmp_path: Path) -> None:
    source = _decl(tmp_path)
    args = _same_input_cases(tmp_path)[case]
    form_before = (tmp_path / "f.txt").read_bytes()
    before = listing(tmp_path)
    code, out, err = invoke([*args, "--force", "--lang", "en"], tmp_path)
    assert code == 2, (code, out, err)
    assert_clean_output(out, err)
    assert "its own input" in err, err
    assert source.read_bytes() == EXAMPLE.read_bytes()
    assert (tmp_path / "f.txt").read_bytes() == form_before
    assert (tmp_path / "link.yaml").is_symlink()
    assert listing(tmp_path) == before


# --- item 13: SIGTERM and SIGHUP during a write ------------------------------------------------


def _default_signals() -> None:
    """In the child: the signals this test sends act as they do by default. A suite started
    under nohup or as a background job runs with SIGHUP or SIGINT ignored, which children
    inherit, and the child would then sleep on instead of being stopped mid-write."""
    for name in ("SIGHUP", "SIGINT", "SIGTERM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP on this system")
@pytest.mark.parametrize("signum", [signal.SIGTERM, getattr(signal, "SIGHUP", 1)])
def test_a_signal_during_a_write_leaves_no_temporary_file(signum: int, tmp_path: Path) -> None:
    target = tmp_path / "decl.yaml"
    target.write_bytes(OLD)
    ready = tmp_path.parent / f"{tmp_path.name}.ready"
    code = (
        "import os, sys, time\n"
        "def slow(fd):\n"
        f"    open({str(ready)!r}, 'w').close()\n"
        "    time.sleep(60)\n"
        "os.fsync = slow\n"
        "from perfdecl.cli import main\n"
        f"main(['init', {str(target)!r}, '--force'])\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        preexec_fn=_default_signals,
    )
    for _ in range(600):
        if ready.exists() or proc.poll() is not None:
            break
        time.sleep(0.1)
    assert ready.exists(), "the write was reached"
    assert any(name.endswith(".tmp") for name in listing(tmp_path)), "mid-write"
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum, err
    assert b"Traceback" not in err
    assert listing(tmp_path) == {"decl.yaml"}
    assert target.read_bytes() == OLD
