"""Reading the two sides of a diff: a file, or ``REV:PATH`` read from git."""

from __future__ import annotations

import os
import subprocess

from perfdecl.diff.records import Side
from perfdecl.loader import DEFAULT_LIMITS, Limits
from perfdecl.problem import Message, Problem, Severity


class SideError(Exception):
    """A side cannot be read or is not a valid declaration; ``problems`` say why."""

    def __init__(self, message: Message, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message.en)
        self.message = message
        self.problems = problems


def split_rev(spec: str) -> tuple[str, str] | None:
    """``REV:PATH`` -> (rev, path); None for a plain path.

    An existing file is always a path, even with a colon in its name; so is ``C:\\...``.
    """
    if os.path.exists(spec) or ":" not in spec:
        return None
    rev, _, path = spec.partition(":")
    if not rev or not path:
        return None
    if len(rev) == 1 and rev.isalpha() and path[:1] in ("\\", "/"):
        return None  # a Windows drive letter
    return rev, path


def read_git(rev: str, path: str, *, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """``git show REV:PATH``, run from the folder holding PATH when it exists.

    PATH is tried relative to that folder first (``REV:./name``), then as git reads it, relative
    to the repository root, from the working folder. Raises :class:`SideError`.

    The object name goes after ``--end-of-options`` and before ``--``, so git never reads it as
    an option or a path; a revision beginning with ``-`` is refused before git runs
    (``--output=FILE:x`` would otherwise have ``git show`` write FILE).
    """
    if rev.startswith("-"):
        raise SideError(
            Message(
                f"版本名“{rev}”以“-”开头，已拒绝：git 会把它当作选项。",
                f"the revision {rev!r} begins with '-' and is refused: git would read it as an "
                "option.",
            )
        )
    folder = os.path.dirname(path) or "."
    attempts: list[tuple[str, str]] = []
    if os.path.isdir(folder):
        attempts.append((folder, f"{rev}:./{os.path.basename(path)}"))
    attempts.append((os.getcwd(), f"{rev}:{path}"))
    last = ""
    for cwd, obj in attempts:
        try:
            done = subprocess.run(
                ["git", "show", "--end-of-options", obj, "--"],
                cwd=cwd,
                capture_output=True,
                timeout=60,
                check=False,
            )
        except FileNotFoundError as exc:
            raise SideError(
                Message(
                    "找不到 git 命令；读取 REV:PATH 需要安装 git。",
                    "git is not installed; it is needed to read REV:PATH.",
                )
            ) from exc
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SideError(Message(f"运行 git 失败：{exc}", f"running git failed: {exc}")) from exc
        if done.returncode == 0:
            if len(done.stdout) > limits.max_bytes:
                raise SideError(
                    Message(
                        f"{rev}:{path} 超过大小上限（{limits.max_bytes} 字节）。",
                        f"{rev}:{path} is larger than the limit ({limits.max_bytes} bytes).",
                    )
                )
            return done.stdout
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        last = lines[-1] if lines else f"exit status {done.returncode}"
    raise SideError(
        Message(
            f"无法从 git 读取 {rev}:{path}（{last}）。请检查版本名和路径。",
            f"cannot read {rev}:{path} from git ({last}). Check the revision and the path.",
        )
    )


def load_side(spec: str, *, limits: Limits = DEFAULT_LIMITS) -> Side:
    """Read a path or ``REV:PATH`` and build its declaration; raises :class:`SideError`."""
    from perfdecl.loader import read_path

    rev_path = split_rev(spec)
    if rev_path is not None:
        raw = read_git(*rev_path, limits=limits)
    else:
        data, problems = read_path(spec, limits=limits)
        if data is None:
            raise SideError(problems[0].message, tuple(problems))
        raw = data
    return side_from_bytes(raw, spec, limits=limits)


def side_from_bytes(raw: bytes, name: str, *, limits: Limits = DEFAULT_LIMITS) -> Side:
    """A side from a declaration's bytes (``perfdecl serve``'s uploads); raises
    :class:`SideError` when they are not a valid declaration."""
    from perfdecl.lint import Options, check_bytes

    result = check_bytes(raw, file=name, options=Options(limits=limits, run_rules=False))
    errors = tuple(p for p in result.problems if p.severity is Severity.ERROR)
    if result.declaration is None or errors:
        raise SideError(
            Message(
                f"{name} 不是有效的申报表，无法比较。",
                f"{name} is not a valid declaration; it cannot be compared.",
            ),
            errors or result.problems,
        )
    return Side(name, result.declaration, result.source)
