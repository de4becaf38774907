"""Find, read and validate configuration; turn it into per-file :class:`~perfdecl.lint.Options`.

Configuration is found from each checked file's folder upward: the nearest ``.perfdecl.toml`` or
``perfdecl.toml`` (top-level keys) or ``pyproject.toml`` holding a ``[tool.perfdecl]`` table wins
(in that order within one folder, as ruff reads ``.ruff.toml``, ``ruff.toml``, ``pyproject.toml``;
a folder holding both spellings is named in a note), as in ruff and flake8. The search stops at a folder holding ``.git`` or
``.hg`` (the repository root) or at the home folder; without a repository root, only a
configuration in the file's own folder applies. ``--config PATH`` replaces the
search. Each folder is looked up, and each file parsed, once per run: CI checks thousands of
declarations that share one configuration.

A broken configuration never raises: it becomes problems on the configuration file (PD001 when it
cannot be read, PD020-PD022 for its content), and the valid part of it still applies.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfdecl.config.options import DEFAULT_OPTIONS, Options
from perfdecl.config.text import CODE_PATTERN as CODE_PATTERN
from perfdecl.config.text import display as _display
from perfdecl.config.text import find_line as _find_line
from perfdecl.config.text import nearest_key as nearest_key
from perfdecl.config.text import problem as _problem
from perfdecl.loader import unreadable
from perfdecl.problem import Problem, Severity
from perfdecl.rules.base import RuleSettings

if TYPE_CHECKING:
    from perfdecl.config.schema import Config

CONFIG_FILE = ".perfdecl.toml"
CONFIG_FILES = (CONFIG_FILE, "perfdecl.toml")
"""Configuration files of perfdecl's own, in the order they win within one folder."""
PYPROJECT = "pyproject.toml"
ROOT_MARKERS = (".git", ".hg")

# --- globs ---------------------------------------------------------------------------------


class Glob:
    """A compiled path glob: ``*`` and ``?`` stay inside one folder, ``**`` spans folders.

    A pattern without ``/`` matches a file or folder name at any depth (as in ``.gitignore``);
    a trailing ``/`` is ignored (``build/`` is the folder ``build``). Matching simulates all
    positions of the pattern at once (a Thompson NFA), so it takes time proportional to the
    path's length times the pattern's, whatever the pattern: a configuration from a pull request
    such as ``**a**a**a…**b`` cannot make it backtrack exponentially (it took minutes with the
    regular expression it replaces).
    """

    __slots__ = ("_tokens", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        pattern = pattern.replace("\\", "/").strip()
        pattern = pattern.removeprefix("./").rstrip("/")
        tokens: list[tuple[str, str | re.Pattern[str] | None]] = (
            [] if "/" in pattern else [("dirs", None)]
        )
        i = 0
        while i < len(pattern):
            c = pattern[i]
            if pattern.startswith("**", i):
                i += 2
                if pattern.startswith("/", i):  # "**/": zero or more folders
                    tokens.append(("dirs", None))
                    i += 1
                elif not tokens or tokens[-1] != ("any", None):
                    tokens.append(("any", None))
                continue
            if c == "*":
                if not tokens or tokens[-1][0] not in ("star", "any"):
                    tokens.append(("star", None))
            elif c == "?":
                tokens.append(("one", None))
            elif c == "[" and (end := pattern.find("]", i + 2)) >= 0:
                body = pattern[i + 1 : end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                tokens.append(("class", re.compile(f"[{body.replace(chr(92), chr(92) * 2)}]")))
                i = end
            else:
                tokens.append(("chr", c))
            i += 1
        self._tokens = tuple(tokens)

    def _closure(self, states: set[tuple[int, bool]]) -> set[tuple[int, bool]]:
        """Add the states reachable without reading: a star or a "**/" may match nothing."""
        stack = list(states)
        while stack:
            i, inside = stack.pop()
            skippable = not inside and i < len(self._tokens) and self._tokens[i][0] in _SKIPPABLE
            if skippable and (i + 1, False) not in states:
                states.add((i + 1, False))
                stack.append((i + 1, False))
        return states

    def fullmatch(self, text: str) -> bool:
        """Whether the whole of ``text`` (a POSIX relative path) matches."""
        tokens = self._tokens
        states = self._closure({(0, False)})
        for c in text:
            step: set[tuple[int, bool]] = set()
            for i, inside in states:
                if inside:  # within "**/": any characters, left after a "/"
                    step.add((i, True))
                    if c == "/":
                        step.add((i + 1, False))
                    continue
                if i == len(tokens):
                    continue
                kind, arg = tokens[i]
                if kind == "chr":
                    if c == arg:
                        step.add((i + 1, False))
                elif kind == "one":
                    if c != "/":
                        step.add((i + 1, False))
                elif kind == "class":
                    if c != "/" and isinstance(arg, re.Pattern) and arg.fullmatch(c):
                        step.add((i + 1, False))
                elif kind == "star":
                    if c != "/":
                        step.add((i, False))
                elif kind == "any":
                    step.add((i, False))
                else:  # dirs
                    step.add((i, True))
                    if c == "/":
                        step.add((i + 1, False))
            if not step:
                return False
            states = self._closure(step)
        return (len(tokens), False) in states


_SKIPPABLE = frozenset({"star", "any", "dirs"})


def glob_regex(pattern: str) -> Glob:
    """The compiled glob of ``pattern`` (kept under its old name: callers use ``fullmatch``)."""
    return Glob(pattern)


def _relative(path: Path, folder: Path) -> str:
    """``path`` relative to ``folder`` in POSIX form; absolute when it lies outside."""
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return path.as_posix()


# --- one configuration file ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProjectConfig:
    """A validated configuration and where it came from (``path`` None: the defaults).

    ``model`` is None when no configuration file applies: the defaults are then answered
    without building the pydantic models (most runs have no configuration file).
    """

    model: Config | None = None
    path: Path | None = None
    problems: tuple[Problem, ...] = ()
    digest: str = ""  # SHA-256 of the file's bytes (read_config), for the result cache's key
    _globs: dict[str, tuple[Glob, ...]] = field(default_factory=dict, compare=False)

    @property
    def config(self) -> Config:
        """The validated configuration (the defaults when no file applies)."""
        if self.model is not None:
            return self.model
        from perfdecl.config.schema import DEFAULT_CONFIG

        return DEFAULT_CONFIG

    @property
    def folder(self) -> Path:
        """Globs are relative to the configuration file's folder (the working folder if none)."""
        return self.path.parent if self.path is not None else Path.cwd().resolve()

    @property
    def fatal(self) -> bool:
        """True when the configuration file could not be read at all."""
        return any(p.code == "PD001" for p in self.problems)

    def _compiled(self, patterns: Sequence[str]) -> tuple[Glob, ...]:
        key = "\0".join(patterns)
        found = self._globs.get(key)
        if found is None:
            found = self._globs[key] = tuple(glob_regex(p) for p in patterns)
        return found

    def per_file_codes(self, file: str | os.PathLike[str]) -> tuple[str, ...]:
        """Codes ignored for ``file`` by ``per_file_ignores``."""
        if self.model is None:
            return ()
        table = self.model.per_file_ignores
        if not table:
            return ()
        rel = _relative(Path(os.path.abspath(file)), self.folder)
        codes: list[str] = []
        for pattern, regex in zip(table, self._compiled(tuple(table)), strict=True):
            if regex.fullmatch(rel):
                codes.extend(table[pattern])
        return tuple(codes)

    def excluded(self, path: str | os.PathLike[str]) -> bool:
        """True when ``path`` or one of its folders (below the config's folder) is excluded."""
        if self.model is None or not self.model.exclude:
            return False
        rel = _relative(Path(os.path.abspath(path)), self.folder)
        regexes = self._compiled(self.config.exclude)
        parts = rel.split("/")
        return any(
            regex.fullmatch("/".join(parts[:n]))
            for n in range(1, len(parts) + 1)
            for regex in regexes
        )

    def codes(self) -> list[tuple[str, str]]:
        """Every code or prefix the configuration names: (where, code)."""
        if self.model is None:
            return []
        m = self.model
        found = [("select", c) for c in m.select] + [("ignore", c) for c in m.ignore]
        found += [(f"per_file_ignores.{g}", c) for g, cs in m.per_file_ignores.items() for c in cs]
        found += [("severity", c) for c in m.severity]
        return found

    def silenced(self) -> list[tuple[str, str]]:
        """Whole families (PD0, PD1, PD2) this configuration turns off: (family, by what)."""
        if self.model is None:
            return []
        m = self.model
        out: list[tuple[str, str]] = []
        for family in FAMILIES:
            if m.select and not any(c.startswith(family) or family.startswith(c) for c in m.select):
                out.append((family, "select"))
            elif any(family.startswith(c) for c in m.ignore):
                out.append((family, "ignore"))
            elif any(family.startswith(c) for cs in m.per_file_ignores.values() for c in cs):
                out.append((family, "per_file_ignores"))
            elif any(family.startswith(c) and v == "info" for c, v in m.severity.items()):
                out.append((family, "severity"))
        return out

    def settings(self) -> RuleSettings:
        """Each rule's typed options from ``thresholds`` (only those that differ from the
        rule's defaults), and the expected framework."""
        if self.model is None:
            return RuleSettings()  # the same defaults as Thresholds (tested)
        from perfdecl.rules import RULES
        from perfdecl.rules.base import configurable

        t = self.model.thresholds
        values = []
        for rule in RULES:
            if rule.options is None:
                continue
            names = configurable(rule.options)
            value = rule.options(**{name: getattr(t, name) for name in names})
            if value != rule.options():
                values.append(value)
        framework = self.model.framework.value if self.model.framework is not None else None
        return RuleSettings.with_options(*values, framework=framework)


MAX_CONFIG_DEPTH = 16
"""Deepest nesting of tables and arrays read from a configuration (a real one needs 4)."""


def nesting_depth(value: object) -> int:
    """How deeply lists and dicts nest in ``value`` (iterative: no recursion to exhaust)."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")

MAX_CONFIG_BYTES = 1024 * 1024
"""The largest configuration file read (a real one is a few KiB; pyproject.toml files included)."""


class _NotRegular(OSError):
    """A device, pipe or socket named as configuration: reading it could block or never end."""


class _TooLarge(OSError):
    """A configuration file over :data:`MAX_CONFIG_BYTES`."""


def _read_regular(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_CONFIG_BYTES, checked before reading so that
    ``--config /dev/zero`` or a named pipe neither hangs nor fills the memory."""
    import stat

    try:
        mode = path.stat().st_mode
    except OSError:
        mode = stat.S_IFREG  # opening it below raises the error that is reported
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise _NotRegular(path)
    with path.open("rb") as handle:
        raw = handle.read(MAX_CONFIG_BYTES + 1)
    if len(raw) > MAX_CONFIG_BYTES:
        raise _TooLarge(path)
    return raw


def read_config(path: str | os.PathLike[str]) -> ProjectConfig:
    """Read and validate one configuration file; problems describe whatever is wrong."""
    resolved = Path(os.path.abspath(path))
    shown = _display(resolved)
    try:
        raw = _read_regular(resolved)
    except _NotRegular:
        return ProjectConfig(
            path=resolved,
            problems=(
                unreadable(
                    shown,
                    "这不是普通文件（设备、管道等），不能作为配置文件。",
                    "this is not a regular file (a device, a pipe…); not read as configuration.",
                ),
            ),
        )
    except _TooLarge:
        return ProjectConfig(
            path=resolved,
            problems=(
                unreadable(
                    shown,
                    f"配置文件超过 {MAX_CONFIG_BYTES // 1024} KiB，未读取。",
                    f"the configuration is larger than {MAX_CONFIG_BYTES // 1024} KiB; not read.",
                ),
            ),
        )
    except FileNotFoundError:
        return ProjectConfig(
            path=resolved,
            problems=(unreadable(shown, "配置文件不存在。", "configuration file not found."),),
        )
    except IsADirectoryError:
        return ProjectConfig(
            path=resolved,
            problems=(
                unreadable(
                    shown, "这是一个目录，不是配置文件。", "this is a folder, not a config file."
                ),
            ),
        )
    except OSError as exc:
        return ProjectConfig(
            path=resolved,
            problems=(
                unreadable(
                    shown, f"无法读取配置文件：{exc.strerror}。", f"cannot read: {exc.strerror}."
                ),
            ),
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ProjectConfig(
            path=resolved,
            problems=(
                _problem(
                    "PD020",
                    shown,
                    "配置文件不是 UTF-8 编码；TOML 文件必须保存为 UTF-8。",
                    f"the configuration is not UTF-8 (byte {exc.start}); TOML must be UTF-8.",
                    None,
                ),
            ),
        )
    parsed = parse_config(text, resolved, pyproject=resolved.name == PYPROJECT)
    return replace(parsed, digest=hashlib.sha256(raw).hexdigest())


def parse_config(text: str, path: Path, *, pyproject: bool) -> ProjectConfig:
    """Validate configuration text; unknown keys name the nearest valid key and their line."""
    import tomllib  # here: a run without a configuration file reads no TOML

    shown = _display(path)
    try:
        document = tomllib.loads(text)
        deep = nesting_depth(document) > MAX_CONFIG_DEPTH
    except RecursionError:
        deep = True
    except tomllib.TOMLDecodeError as exc:
        detail = str(exc)
        match = _TOML_POSITION.search(detail)
        where = (int(match[1]), int(match[2])) if match else None
        detail = _TOML_POSITION.sub("", detail).strip()
        return ProjectConfig(
            path=path,
            problems=(
                _problem(
                    "PD020",
                    shown,
                    f"配置文件的 TOML 语法错误：{detail}。",
                    f"TOML syntax error in the configuration: {detail}.",
                    where,
                ),
            ),
        )
    if deep:
        return ProjectConfig(
            path=path,
            problems=(
                _problem(
                    "PD020",
                    shown,
                    f"配置文件嵌套超过 {MAX_CONFIG_DEPTH} 层，未读取。",
                    f"the configuration is nested deeper than {MAX_CONFIG_DEPTH} levels; not read.",
                    None,
                ),
            ),
        )
    prefix: tuple[str, ...] = ("tool", "perfdecl") if pyproject else ()
    table: Any = document
    for part in prefix:
        table = table.get(part, {}) if isinstance(table, dict) else {}
    if not isinstance(table, dict):
        return ProjectConfig(
            path=path,
            problems=(
                _problem(
                    "PD022",
                    shown,
                    "[tool.perfdecl] 必须是一个表。",
                    "[tool.perfdecl] must be a table.",
                    _find_line(text, prefix),
                ),
            ),
        )
    from perfdecl.config.schema import validate_table

    model, problems = validate_table(table, text, path, prefix)
    return ProjectConfig(model=model, path=path, problems=problems)


# --- discovery and per-file options --------------------------------------------------------


def _has_table(path: Path) -> bool:
    """Whether a pyproject.toml is ours: it has a [tool.perfdecl] table (or is unparsable but
    mentions one, so that its syntax error is reported rather than silently skipped)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    if "perfdecl" not in text:
        return False
    import tomllib

    try:
        document = tomllib.loads(text)
    except RecursionError:
        return True  # read, so that the nesting is reported
    except tomllib.TOMLDecodeError:
        return re.search(r"^\s*\[\[?\s*tool\s*\.\s*perfdecl\b", text, re.MULTILINE) is not None
    tool = document.get("tool")
    return isinstance(tool, dict) and "perfdecl" in tool


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (RuntimeError, OSError, KeyError):
        return None


def _config_in(folder: Path, shadowed: list[tuple[Path, Path]] | None = None) -> Path | None:
    """The configuration file in ``folder`` itself (``.perfdecl.toml``, then ``perfdecl.toml``,
    then a ``pyproject.toml`` with a ``[tool.perfdecl]`` table), or None. When both of perfdecl's
    own files are there, (the one used, the one ignored) is added to ``shadowed``."""
    found = [folder / name for name in CONFIG_FILES if (folder / name).is_file()]
    if found:
        if len(found) > 1 and shadowed is not None:
            shadowed.append((found[0], found[1]))
        return found[0]
    candidate = folder / PYPROJECT
    if candidate.is_file() and _has_table(candidate):
        return candidate
    return None


FAMILIES = ("PD0", "PD1", "PD2")
"""The families of codes ``validate`` reports: loader (and configuration), structure, review."""


def code_known(code: str, known: Collection[str]) -> bool:
    """A code or prefix that names at least one known code (``PD`` names them all)."""
    return any(k.startswith(code) for k in known)


def nearest_code(code: str, known: Collection[str]) -> str | None:
    """The known code (or prefix of the same length) closest to a mistyped one."""
    import difflib

    choices = sorted({k[: len(code)] for k in known} if len(code) < 5 else set(known))

    def number(text: str) -> int:
        digits = text[2:]
        return int(digits) if digits.isdigit() else 0

    def closeness(choice: str) -> tuple[int, float, int]:
        pairs = zip(code, choice, strict=False)
        shared = next((i for i, (a, b) in enumerate(pairs) if a != b), min(len(code), len(choice)))
        ratio = difflib.SequenceMatcher(None, code, choice).ratio()
        return shared, ratio, -abs(number(code) - number(choice))

    return max(choices, key=closeness) if choices else None


def _unknown_code(code: str, where: str, nearest: str | None, path: Path) -> Problem:
    guess_zh = f"；是否想写“{nearest}”？" if nearest else "。"
    guess_en = f"; did you mean {nearest!r}?" if nearest else "."
    line = None
    with contextlib.suppress(OSError, UnicodeDecodeError):
        text = path.read_text(encoding="utf-8-sig")
        match = re.search(rf"""["']{re.escape(code)}["']""", text)
        if match:
            line = (text.count("\n", 0, match.start()) + 1, 1)
    return _problem(
        "PD022",
        _display(path),
        f"{where} 中的“{code}”不是任何问题代码或其前缀{guess_zh}",
        f"{code!r} in {where} is not a problem code or a prefix of one{guess_en}",
        line,
    )


def split_codes(value: str | None) -> tuple[str, ...] | None:
    """``"PD2,PD012"`` -> ``("PD2", "PD012")``; raises ValueError on a malformed code."""
    if value is None:
        return None
    codes = tuple(c.strip().upper() for c in value.split(",") if c.strip())
    for code in codes:
        if not CODE_PATTERN.fullmatch(code):
            raise ValueError(code)
    return codes


class ConfigResolver:
    """Finds the configuration of each checked file and builds its :class:`Options`.

    One resolver per run: folders are searched and files parsed at most once. ``select`` given
    here (from ``--select``) replaces the configured list; ``ignore`` (``--ignore``) is added to it.
    """

    def __init__(
        self,
        base: Options = DEFAULT_OPTIONS,
        *,
        config: str | os.PathLike[str] | None = None,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] | None = None,
        discover: bool = True,
        known: Collection[str] | None = None,
    ) -> None:
        self.base = base
        self.select = tuple(select) if select is not None else None
        self.ignore = tuple(ignore or ())
        self.discover = discover
        self.known = known  # read only when a configuration names codes
        self.unknown: list[Problem] = []  # unknown codes in a configuration: the run exits 2
        self.read: list[ProjectConfig] = []  # every configuration file read, in order
        self.shadowed: list[tuple[Path, Path]] = []  # (used, ignored): both spellings in a folder
        self.explicit: ProjectConfig | None = (
            self._checked(read_config(config)) if config is not None else None
        )
        self._folders: dict[str, tuple[Path | None, bool]] = {}
        self._found: dict[str, Path | None] = {}  # a checked file's folder -> its configuration
        self._configs: dict[Path, ProjectConfig] = {}
        self._options: dict[tuple[Path | None, tuple[str, ...]], Options] = {}
        self._reported: set[Path | None] = set()

    @property
    def fatal(self) -> bool:
        """True when ``--config`` names a file that cannot be read (the run exits 2)."""
        return self.explicit is not None and self.explicit.fatal

    def find(self, file: str | os.PathLike[str]) -> Path | None:
        """The configuration file governing ``file`` by upward search, or None.

        The nearest configuration wins. The search stops at the repository root (a folder
        holding ``.git`` or ``.hg``) or at the home folder; when no repository root is found,
        only a configuration in the file's own folder applies, never one in a folder above it
        (a shared /tmp or a parent checkout must not configure this run).
        """
        folder = os.path.dirname(os.path.abspath(file))
        if folder in self._found:  # resolving links costs more than checking a file
            return self._found[folder]
        start = Path(folder).resolve()
        nearest, rooted = self._walk(start)
        found = nearest if nearest is None or rooted or nearest.parent == start else None
        self._found[folder] = found
        return found

    def _walk(self, start: Path) -> tuple[Path | None, bool]:
        """(the nearest configuration at or above ``start`` up to where the search stops,
        whether a repository root stopped it); each folder is looked at once per run."""
        chain: list[tuple[str, Path | None]] = []
        home = _home()
        folder = start
        tail: tuple[Path | None, bool] = (None, False)
        while True:
            key = str(folder)
            if key in self._folders:
                tail = self._folders[key]
                break
            chain.append((key, _config_in(folder, self.shadowed)))
            if any((folder / marker).exists() for marker in ROOT_MARKERS):
                tail = (None, True)
                break
            if folder == home or folder.parent == folder:
                break
            folder = folder.parent
        nearest, rooted = tail
        for key, found in reversed(chain):
            nearest = found or nearest
            self._folders[key] = (nearest, rooted)
        return self._folders.get(str(start), tail)

    def config_for(self, file: str | os.PathLike[str]) -> ProjectConfig:
        """The configuration that applies to ``file`` (defaults when none is found)."""
        if self.explicit is not None:
            return self.explicit
        path = self.find(file) if self.discover else None
        if path is None:
            return _NO_CONFIG
        found = self._configs.get(path)
        if found is None:
            found = self._configs[path] = self._checked(read_config(path))
        return found

    def _checked(self, project: ProjectConfig) -> ProjectConfig:
        """``project`` with a PD022 for each code it names that no problem has (``known``)."""
        self.read.append(project)
        if self.known is None or project.model is None or project.path is None:
            return project
        unknown = [
            _unknown_code(code, where, nearest_code(code, self.known), project.path)
            for where, code in project.codes()
            if not code_known(code, self.known)
        ]
        if not unknown:
            return project
        self.unknown.extend(unknown)
        problems = tuple(sorted((*project.problems, *unknown), key=Problem.sort_key))
        return replace(project, problems=problems)

    def pending(self, file: str | os.PathLike[str] | None = None) -> tuple[Problem, ...]:
        """Problems of the configuration of ``file`` (or of ``--config``), once per config file.

        The runner reports these like a checked file, so a broken configuration fails the run.
        """
        project = self.explicit if file is None else self.config_for(file)
        if project is None or project.path in self._reported:
            return ()
        self._reported.add(project.path)
        if not project.problems or project.path is None:
            return ()
        return project.problems

    def excluded(self, path: str | os.PathLike[str]) -> bool:
        """True when the configuration of ``path`` excludes it (for folder walks)."""
        return self.config_for(path).excluded(path)

    def options_for(self, file: str | os.PathLike[str]) -> Options:
        """Options for one file: configuration, per-file ignores and CLI flags combined."""
        project = self.config_for(file)
        per_file = project.per_file_codes(file)
        key = (project.path, per_file)
        found = self._options.get(key)
        if found is None:
            found = self._options[key] = self._build(project, per_file)
        return found

    def _build(self, project: ProjectConfig, per_file: tuple[str, ...]) -> Options:
        model = project.model  # None: no file applies, and no pydantic model is built
        severity: dict[str, Severity] = dict(self.base.severity)
        if model is not None:
            severity.update((code, Severity(name)) for code, name in model.severity.items())
        configured_select = tuple(model.select) if model is not None else ()
        configured_ignore = tuple(model.ignore) if model is not None else ()
        return replace(
            self.base,
            config_key=config_key(project),
            frameworks=framework_files(project),
            settings=project.settings(),
            select=self.select if self.select is not None else configured_select,
            ignore=configured_ignore + per_file + self.ignore,
            severity=severity,
        )


_NO_CONFIG = ProjectConfig()


def framework_files(project: ProjectConfig) -> tuple[str, ...]:
    """The framework data files a configuration names, as the paths it registered them from."""
    if project.path is None or project.model is None:
        return ()
    return tuple(str(project.path.parent / name) for name in project.model.frameworks)


def config_key(project: ProjectConfig) -> str:
    """A digest of what a configuration is made of: its path and bytes, and the path and bytes
    of each framework file it names (a province's table changes results as the file does)."""
    if project.path is None:
        return ""
    digest = hashlib.sha256(f"{project.path}\0{project.digest}".encode("utf-8", "surrogateescape"))
    for name in project.model.frameworks if project.model is not None else ():
        file = project.path.parent / name
        try:
            data = file.read_bytes()
        except OSError:
            data = b"\0unreadable"
        digest.update(f"\0{file}\0".encode("utf-8", "surrogateescape"))
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def options_for(
    file: str | os.PathLike[str],
    *,
    config: str | os.PathLike[str] | None = None,
    base: Options = DEFAULT_OPTIONS,
) -> Options:
    """The notebook one-liner: options for one file from its discovered (or given) config."""
    return ConfigResolver(base, config=config).options_for(file)


_MODEL_NAMES = frozenset(
    {"Config", "Thresholds", "DiffIgnore", "DiffConfig", "DEFAULT_CONFIG", "Invalid"}
)


def __getattr__(name: str) -> Any:
    """``perfdecl.config.Config`` and friends, imported from :mod:`perfdecl.config.schema` on use."""
    if name in _MODEL_NAMES:
        from perfdecl.config import schema as config_model

        return getattr(config_model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
