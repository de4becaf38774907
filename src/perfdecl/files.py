"""Writing files the user owns: atomically, and never over an existing file without ``force``.

Every file perfdecl writes (import output, baselines, reports, init skeletons, renders) goes
through :func:`write_atomic`, so a crash or a full disk leaves the old file intact.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path


class RefusedOverwrite(FileExistsError):
    """The target exists and ``force`` was not given."""


def write_atomic(
    path: str | os.PathLike[str], data: str | bytes, *, force: bool = False, encoding: str = "utf-8"
) -> Path:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    Raises :class:`RefusedOverwrite` when ``path`` exists and ``force`` is false; any other
    failure removes the temporary file and leaves an existing ``path`` untouched.
    """
    target = Path(path)
    if target.is_dir():  # before the existence check: --force cannot help here
        raise IsADirectoryError(errno.EISDIR, "a folder is there, not a file", str(target))
    if target.exists() and not force:
        raise RefusedOverwrite(f"{target} exists; use --force to replace it")
    payload = data.encode(encoding) if isinstance(data, str) else data
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        mode = (target.stat().st_mode & 0o777) if target.exists() else 0o644
        os.chmod(tmp, mode)
        if not force and target.exists():  # appeared while we were writing
            raise RefusedOverwrite(f"{target} exists; use --force to replace it")
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return target
