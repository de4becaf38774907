"""Bytes from disk and text from bytes: the two steps before YAML.

:func:`read_path` reads a regular file within the size limit (refusing FIFOs, devices and
folders); :func:`decode` turns its bytes into text (UTF-8 with or without a BOM, UTF-16/32 with
a BOM, GB18030 with a warning). Every failure is a :class:`~perfdecl.problem.Problem`.
"""

from __future__ import annotations

import codecs
import os
import re
import stat

from perfdecl.loader.codes import CODES, directory, too_large, unreadable
from perfdecl.loader.source import DEFAULT_LIMITS, Limits
from perfdecl.problem import Message, Problem

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _line_col_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    last = before.rfind(b"\n")
    col = len(before[last + 1 :].decode("utf-8", errors="replace")) + 1
    return line, col


def decode(raw: bytes, file: str) -> tuple[str | None, str | None, list[Problem]]:
    """Bytes -> text. UTF-8 (BOM optional), UTF-16/32 with BOM, GB18030 with a warning."""

    def err(code: str, zh: str, en: str, offset: int | None = None) -> Problem:
        line = col = None
        if offset is not None:
            line, col = _line_col_of_byte(raw, offset)
        sev = CODES[code].severity
        return Problem(code, sev, Message(zh, en), file, line, col)

    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding).lstrip("\ufeff"), encoding, []
            except UnicodeDecodeError as exc:
                return (
                    None,
                    None,
                    [
                        err(
                            "PD003",
                            f"文件以 {encoding} 字节序标记开头，但第 {exc.start} 字节处无法解码。",
                            f"the file starts with a {encoding} byte-order mark but byte offset "
                            f"{exc.start} cannot be decoded.",
                        )
                    ],
                )
    nul = raw.find(b"\x00")
    if nul >= 0:
        return (
            None,
            None,
            [
                err(
                    "PD003",
                    f"第 {nul} 字节处有 NUL 字节：这是二进制文件，或没有字节序标记的 UTF-16 文件。"
                    "请另存为 UTF-8。",
                    f"NUL byte at byte offset {nul}: a binary file, or UTF-16 without a "
                    "byte-order mark. Save it as UTF-8.",
                    nul,
                )
            ],
        )
    try:
        return raw.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible_chinese(text):
        return (
            text,
            "gb18030",
            [
                err(
                    "PD004",
                    "文件不是 UTF-8 编码，已按 GB18030/GBK 读取。请另存为 UTF-8，以便在各种工具中正确显示。",
                    "the file is not UTF-8; it was read as GB18030/GBK. Save it as UTF-8 so that "
                    "every tool shows it correctly.",
                )
            ],
        )
    bad = raw[utf8_error.start : utf8_error.start + 4].hex(" ")
    return (
        None,
        None,
        [
            err(
                "PD003",
                f"第 {utf8_error.start} 字节处无法按 UTF-8 解码（字节 {bad}）。请另存为 UTF-8。",
                f"bytes at offset {utf8_error.start} are not valid UTF-8 ({bad}); save the file "
                "as UTF-8.",
                utf8_error.start,
            )
        ],
    )


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _plausible_chinese(text: str) -> bool:
    """GB18030 decodes most byte soup; accept it only when it reads like Chinese text."""
    if any(ord(c) < 32 and c not in "\t\r\n" for c in text):
        return False
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return False
    return sum(1 for c in non_ascii if _CJK.match(c)) / len(non_ascii) > 0.8


# --- entry points --------------------------------------------------------------------------


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once instead of waiting for a writer
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)


def _os_problem(name: str, exc: OSError) -> Problem:
    """PD001 for an ``OSError`` raised while opening or reading ``name``."""
    if isinstance(exc, FileNotFoundError):
        if os.path.islink(name):
            return unreadable(
                name,
                f"符号链接指向的文件不存在（{os.readlink(name)}）。",
                f"a symbolic link to a file that does not exist ({os.readlink(name)}).",
            )
        return unreadable(name, "文件不存在。", "no such file.")
    if isinstance(exc, IsADirectoryError) or os.path.isdir(name):
        return directory(name)
    if isinstance(exc, PermissionError):
        return unreadable(name, "没有读取权限。", "permission denied.")
    reason = exc.strerror or type(exc).__name__
    return unreadable(name, f"无法读取：{reason}。", f"cannot read: {reason}.")


def read_path(
    path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS
) -> tuple[bytes | None, list[Problem]]:
    """Read a regular file's bytes within the size limit; refuse FIFOs, devices and folders.

    The path is opened first (non-blocking) and the open descriptor is checked with ``fstat``:
    what is checked is what is read, so a file swapped for a FIFO after a folder was listed is
    refused instead of hanging the run, and one deleted meanwhile is reported, not raised.
    """
    name = os.fspath(path)
    try:
        fd = os.open(name, _OPEN_FLAGS)
    except OSError as exc:
        return None, [_os_problem(name, exc)]
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            return None, [directory(name)]
        if not stat.S_ISREG(st.st_mode):
            return None, [
                unreadable(
                    name,
                    "这不是普通文件（可能是管道或设备），已跳过。",
                    "not a regular file (a FIFO or a device); skipped.",
                )
            ]
        if st.st_size > limits.max_bytes:
            return None, [too_large(name, st.st_size, limits)]
        with os.fdopen(fd, "rb") as fh:
            fd = -1  # the file object closes it
            raw = fh.read(limits.max_bytes + 1)
    except OSError as exc:
        return None, [_os_problem(name, exc)]
    finally:
        if fd >= 0:
            os.close(fd)
    if len(raw) > limits.max_bytes:
        return None, [too_large(name, len(raw), limits)]
    return raw, []
