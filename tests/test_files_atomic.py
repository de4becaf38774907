"""Nothing lost (issue #9): a write that fails half-way leaves the old file byte for byte.

Failures are simulated where :func:`perfdecl.files.write_atomic` can meet them — the data write
(a full disk after half the bytes), ``fsync`` and the final ``os.replace`` — first on the
function itself, then through the commands that write: ``import --output``,
``validate --output FMT=PATH``, ``validate --write-baseline``, ``init``, ``render -o`` and
``export -o``. Each time: the old
file is intact, no temporary file is left, the message names the file, exit 2, no traceback.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from perfdecl.files import RefusedOverwrite, write_atomic

from .conftest import EXAMPLE
from .test_hostile import assert_clean_output, invoke, listing
from .test_hostile_import import published

OLD = b"# the user's own file\nschema_version: 1\n"
FAILURES = ("write", "fsync", "replace")


def _path_of(fd: int) -> str:
    """The path of an open descriptor where the system tells it (Linux), else ""."""
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return ""


class _HalfWriter:
    """A binary file whose ``write`` stores half the bytes, then finds the disk full."""

    def __init__(self, fh: Any, seen: list[str]) -> None:
        self._fh = fh
        seen.append(_path_of(fh.fileno()))

    def write(self, data: bytes) -> int:
        self._fh.write(data[: len(data) // 2])
        self._fh.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __enter__(self) -> _HalfWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._fh.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fh, name)


@pytest.fixture
def fail(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], list[str]]]:
    """``fail(where)`` makes the next atomic writes fail there; returns what was attempted."""

    def arm(where: str) -> list[str]:
        attempts: list[str] = []
        if where == "write":
            real_fdopen = os.fdopen

            def fdopen(fd: int, mode: str = "r", *args: Any, **kw: Any) -> Any:
                fh = real_fdopen(fd, mode, *args, **kw)
                return _HalfWriter(fh, attempts) if "w" in mode else fh

            monkeypatch.setattr(os, "fdopen", fdopen)
        elif where == "fsync":

            def fsync(fd: int) -> None:
                attempts.append(_path_of(fd))
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            monkeypatch.setattr(os, "fsync", fsync)
        else:

            def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
                attempts.append(os.fspath(src))
                assert Path(src).read_bytes(), "the temporary file holds the new data"
                raise OSError(errno.EIO, os.strerror(errno.EIO), os.fspath(dst))

            monkeypatch.setattr(os, "replace", replace)
        return attempts

    yield arm


def assert_untouched(target: Path, folder: Path, before: set[str]) -> None:
    assert target.read_bytes() == OLD
    assert listing(folder) == before, sorted(listing(folder) - before)  # no temporary file


# --- write_atomic itself -----------------------------------------------------------------------


@pytest.mark.parametrize("where", FAILURES)
def test_failed_write_keeps_the_old_file(
    where: str, tmp_path: Path, fail: Callable[[str], list[str]]
) -> None:
    target = tmp_path / "decl.yaml"
    target.write_bytes(OLD)
    before = listing(tmp_path)
    attempts = fail(where)
    with pytest.raises(OSError) as caught:
        write_atomic(target, "new content\n" * 1000, force=True)
    assert caught.value.errno in (errno.ENOSPC, errno.EIO)
    assert attempts, "the failure was reached after the temporary file was made"
    if attempts[0]:  # the temporary file sat beside the target
        assert Path(attempts[0]).parent == tmp_path, attempts
    assert_untouched(target, tmp_path, before)


def test_interrupt_mid_write_removes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "decl.yaml"
    target.write_bytes(OLD)
    before = listing(tmp_path)

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new\n", force=True)
    assert_untouched(target, tmp_path, before)


def test_refuses_to_clobber_without_force_and_replaces_with_it(tmp_path: Path) -> None:
    target = tmp_path / "decl.yaml"
    target.write_bytes(OLD)
    target.chmod(0o640)
    before = listing(tmp_path)
    with pytest.raises(RefusedOverwrite):
        write_atomic(target, "new\n")
    assert_untouched(target, tmp_path, before)
    write_atomic(target, "new\n", force=True)
    assert target.read_bytes() == b"new\n"
    assert target.stat().st_mode & 0o777 == 0o640  # the user's permissions are kept
    assert listing(tmp_path) == before


def test_a_folder_in_the_way_is_named_as_such(tmp_path: Path) -> None:
    (tmp_path / "out.yaml").mkdir()
    with pytest.raises(IsADirectoryError) as caught:
        write_atomic(tmp_path / "out.yaml", "x", force=True)
    assert caught.value.strerror and "folder" in caught.value.strerror
    assert listing(tmp_path) == {"out.yaml"}


def test_missing_folder_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "no" / "such" / "decl.yaml", "x")
    assert listing(tmp_path) == set()


# --- the commands that write -------------------------------------------------------------------


def _import(folder: Path, target: Path, force: bool) -> list[str]:
    form = folder / "form.txt"
    if not form.exists():
        form.write_text(published(), encoding="utf-8")
    return ["import", str(form), "--output", str(target)] + (["--force"] if force else [])


def _report(folder: Path, target: Path, force: bool) -> list[str]:
    args = ["validate", str(EXAMPLE), "--output", f"json={target}"]
    return args + (["--force"] if force else [])


def _baseline(folder: Path, target: Path, force: bool) -> list[str]:
    args = ["validate", str(EXAMPLE), "--write-baseline", str(target)]
    return args + (["--force"] if force else [])


def _init(folder: Path, target: Path, force: bool) -> list[str]:
    return ["init", str(target)] + (["--force"] if force else [])


def _render(folder: Path, target: Path, force: bool) -> list[str]:
    return ["render", str(EXAMPLE), "-o", str(target)] + (["--force"] if force else [])


def _export(folder: Path, target: Path, force: bool) -> list[str]:
    return ["export", str(EXAMPLE), "-o", str(target)] + (["--force"] if force else [])


COMMANDS: dict[str, Callable[[Path, Path, bool], list[str]]] = {
    "import-output": _import,
    "validate-output": _report,
    "validate-write-baseline": _baseline,
    "init": _init,
    "render-output": _render,
    "export-output": _export,
}
"""Every command that writes a file; all go through one helper (perfdecl.cli.output)."""


@pytest.mark.parametrize("where", FAILURES)
@pytest.mark.parametrize("command", COMMANDS)
def test_command_with_a_failing_disk(
    command: str, where: str, tmp_path: Path, fail: Callable[[str], list[str]]
) -> None:
    target = tmp_path / ("target.yaml" if command == "init" else "target.out")  # init: *.yaml
    target.write_bytes(OLD)
    args = COMMANDS[command](tmp_path, target, True)
    before = listing(tmp_path)
    attempts = fail(where)
    code, out, err = invoke([*args, "--lang", "en"], tmp_path)
    assert attempts, "the command reached the write"
    assert code == 2, (code, err)
    assert_clean_output(out, err)
    assert "cannot write" in err and str(target) in err, err
    assert os.strerror(errno.ENOSPC if where != "replace" else errno.EIO) in err, err
    assert_untouched(target, tmp_path, before)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_refuses_to_clobber_without_force(command: str, tmp_path: Path) -> None:
    target = tmp_path / ("target.yaml" if command == "init" else "target.out")  # init: *.yaml
    target.write_bytes(OLD)
    args = COMMANDS[command](tmp_path, target, False)
    before = listing(tmp_path)
    for lang, phrase in (("en", "--force"), ("zh", "--force")):
        code, out, err = invoke([*args, "--lang", lang], tmp_path)
        assert code == 2, (code, err)
        assert_clean_output(out, err)
        assert str(target) in err and phrase in err, err
        assert_untouched(target, tmp_path, before)
