"""Writing what a command produced: the one ``write_output`` of every command that writes a file.

Typer-free (the fast ``validate`` path uses it). Every refusal and failure is explained the same
way in every command: an existing file without ``--force``, an output that is one of the run's
own inputs (refused even with ``--force``), a folder in the way, a full disk.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from perfdecl.cli._env import say
from perfdecl.problem import Lang


class UsageError(Exception):
    """A mistake on the command line or a refused write; the CLI prints it and exits 2."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.en = en
        self.zh = zh


def _identity(path: str) -> tuple[str, tuple[int, int] | None]:
    """What names a file: its resolved path (a trailing slash and symlinks do not hide it),
    and its device and inode when it exists (hard links)."""
    stripped = path.rstrip("/" + os.sep) or path
    real = os.path.normcase(os.path.realpath(stripped))
    try:
        st = os.stat(stripped)
    except OSError:
        return real, None
    return real, (st.st_dev, st.st_ino)


def same_file(output: str, inputs: Iterable[str]) -> str | None:
    """The input that ``output`` would write over, or None."""
    real, ident = _identity(output)
    for item in inputs:
        other_real, other_ident = _identity(item)
        if real == other_real or (ident is not None and ident == other_ident):
            return item
    return None


def refuse_inputs(output: str, inputs: Iterable[str]) -> None:
    """Raise :class:`UsageError` when ``output`` resolves to one of ``inputs`` (even with --force)."""
    clash = same_file(output, inputs)
    if clash is not None:
        raise UsageError(
            f"refusing to write {output} over its own input {clash} (even with --force)",
            f"不能把输出 {output} 写到本次运行的输入文件 {clash} 上（--force 也不行）",
        )


def save(
    path: str, data: str | bytes, *, force: bool, inputs: Iterable[str] = (), makedirs: bool = False
) -> None:
    """Write atomically, or raise :class:`UsageError` explaining why nothing was written."""
    from perfdecl.files import RefusedOverwrite, write_atomic

    refuse_inputs(path, inputs)
    try:
        if makedirs and os.path.dirname(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)  # reports/ in CI
        write_atomic(path, data, force=force)
    except RefusedOverwrite:
        raise UsageError(
            f"{path} exists; use --force to replace it",
            f"{path} 已存在；如需覆盖请加 --force",
        ) from None
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise UsageError(
            f"cannot write {path}: {reason}; the file was left as it was",
            f"无法写入 {path}：{reason}；原文件保持不变",
        ) from None


def write_output(
    path: str,
    data: str | bytes,
    *,
    force: bool,
    lang: Lang,
    inputs: Iterable[str] = (),
    makedirs: bool = False,
) -> None:
    """:func:`save`, or explain on standard error and exit 2."""
    try:
        save(path, data, force=force, inputs=inputs, makedirs=makedirs)
    except UsageError as exc:
        say(lang, exc.en, exc.zh)
        raise SystemExit(2) from None
