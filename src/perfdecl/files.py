"""Writing files the user owns: atomically, and never over an existing file without ``force``.

Every file perfdecl writes (import output, baselines, reports, init skeletons, renders) goes
through :func:`write_atomic`, so a crash, a full disk or a SIGINT/SIGTERM/SIGHUP leaves the old
file intact and no temporary file behind. What the path names decides how it is written:

* nothing: a new file, atomically, with the permissions the umask allows (as ``open`` would);
* a regular file: replaced atomically with ``force`` (its permissions kept), else refused;
* a symbolic link to a regular file: the file it points to is replaced atomically (with
  ``force``) and the link is kept;
* a character device or a FIFO (``/dev/null``, ``/dev/stdout``, a pipe), or a link to one:
  written into, never replaced;
* a dangling symbolic link, a folder, a block device or a socket: refused.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType


class RefusedOverwrite(FileExistsError):
    """The target exists and ``force`` was not given."""


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived during a write: unwound like KeyboardInterrupt, then exit."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_STREAM = "stream"  # written into: a character device or a FIFO
_FILE = "file"  # replaced atomically (or created)


def _is_stream(mode: int) -> bool:
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _through_proc(path: Path) -> bool:
    """``/dev/stdout``, ``/dev/fd/1``, ``/proc/self/fd/1``: a descriptor of this process, which
    is written into whatever it is (replacing what it names would break the redirection)."""
    text = str(path)
    if text.startswith(("/dev/fd/", "/dev/std", "/proc/")):
        return True
    try:
        return os.path.realpath(path).startswith("/proc/")
    except OSError:
        return False


def classify(path: str | os.PathLike[str]) -> tuple[str, Path, bool]:
    """How ``path`` would be written: (kind, where, exists).

    ``where`` is the file actually replaced (a symbolic link's target). Raises ``OSError`` for
    what is never written: a folder, a dangling link, a block device, a socket.
    """
    target = Path(path)
    try:
        lst = os.lstat(target)
    except FileNotFoundError:
        if str(path).endswith(("/", os.sep)):  # "out.html/": a folder that does not exist
            raise IsADirectoryError(errno.EISDIR, "a folder name, not a file", str(path)) from None
        return _FILE, target, False
    if stat.S_ISLNK(lst.st_mode):
        try:
            st = os.stat(target)
        except FileNotFoundError:
            raise FileNotFoundError(
                errno.ENOENT,
                "a symbolic link to a file that does not exist; remove it or name another file",
                str(target),
            ) from None
        if _is_stream(st.st_mode) or (_through_proc(target) and not stat.S_ISDIR(st.st_mode)):
            return _STREAM, target, True
        if stat.S_ISREG(st.st_mode):
            return _FILE, Path(os.path.realpath(target)), True
        mode = st.st_mode
    else:
        mode = lst.st_mode
        if _is_stream(mode):
            return _STREAM, target, True
        if stat.S_ISREG(mode):
            return _FILE, target, True
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "a folder is there, not a file", str(target))
    raise OSError(errno.EPERM, "not a regular file, a character device or a pipe", str(target))


def replaces(path: str | os.PathLike[str]) -> bool:
    """True when writing ``path`` would replace an existing file (``force`` is then needed)."""
    try:
        kind, _, exists = classify(path)
    except OSError:
        return False  # refused at the write, with its reason
    return exists and kind == _FILE


def _umask() -> int:
    """The process's umask (read without changing it where the system tells it)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current


@contextlib.contextmanager
def _signals_unwind() -> Iterator[None]:
    """While writing, SIGTERM and SIGHUP unwind the stack (removing the temporary file) like
    SIGINT does, then end the process with the usual 128 + signal status."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        raise Terminated(signum)

    previous = {}
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is None:
            continue
        old = signal.getsignal(sig)
        if old is signal.SIG_IGN:  # nohup: keep ignoring it
            continue
        previous[sig] = old
        signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def write_atomic(
    path: str | os.PathLike[str], data: str | bytes, *, force: bool = False, encoding: str = "utf-8"
) -> Path:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    Raises :class:`RefusedOverwrite` when ``path`` names an existing file and ``force`` is
    false; any other failure removes the temporary file and leaves an existing file untouched.
    A device or a pipe is written into (see the module's docstring). SIGTERM/SIGHUP during the
    write raise :class:`Terminated` after the clean-up.
    """
    kind, where, exists = classify(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    if kind == _STREAM:
        with open(where, "wb") as fh:
            fh.write(payload)
        return Path(path)
    if exists and not force:
        raise RefusedOverwrite(f"{path} exists; use --force to replace it")
    folder = where.parent if str(where.parent) else Path(".")
    with _signals_unwind():
        fd, tmp = tempfile.mkstemp(prefix=f".{where.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            try:
                mode = stat.S_IMODE(os.stat(where).st_mode)
            except FileNotFoundError:
                mode = 0o666 & ~_umask()
            os.chmod(tmp, mode)
            if not force and os.path.lexists(where):  # appeared while we were writing
                raise RefusedOverwrite(f"{path} exists; use --force to replace it")
            os.replace(tmp, where)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
    return Path(path)
