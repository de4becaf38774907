"""Find, read and validate configuration; turn it into per-file :class:`~perfdecl.lint.Options`.

Configuration is found the way black finds it: from each checked file's folder upward, the first
``.perfdecl.toml`` (top-level keys) or ``pyproject.toml`` holding a ``[tool.perfdecl]`` table
wins (``.perfdecl.toml`` first within one folder). The search stops after a folder holding
``.git`` or ``.hg`` (the project root) or at the filesystem root. ``--config PATH`` replaces the
search. Each folder is looked up, and each file parsed, once per run: CI checks thousands of
declarations that share one configuration.

A broken configuration never raises: it becomes problems on the configuration file (PD001 when it
cannot be read, PD020-PD022 for its content), and the valid part of it still applies.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfdecl.config.codes import CODES
from perfdecl.lint import DEFAULT_OPTIONS, FileResult, Options
from perfdecl.loader import SourceMap, unreadable
from perfdecl.problem import Message, Problem, Severity
from perfdecl.rules.base import Finding, RuleSettings

if TYPE_CHECKING:
    from perfdecl.config.schema import Config
    from perfdecl.model import Declaration

CONFIG_FILE = ".perfdecl.toml"
PYPROJECT = "pyproject.toml"
ROOT_MARKERS = (".git", ".hg")

CODE_PATTERN = re.compile(r"PD[0-9]{0,3}")
"""A problem code (``PD203``) or a prefix of one (``PD2``, ``PD20``); ``PD`` alone means all."""

# --- globs ---------------------------------------------------------------------------------


def glob_regex(pattern: str) -> re.Pattern[str]:
    """Compile a path glob: ``*`` and ``?`` stay inside one folder, ``**`` spans folders.

    A pattern without ``/`` matches a file or folder name at any depth (as in ``.gitignore``);
    a trailing ``/`` is ignored (``build/`` is the folder ``build``).
    """
    pattern = pattern.replace("\\", "/").strip()
    pattern = pattern.removeprefix("./").rstrip("/")
    anchored = "/" in pattern
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**", i):
            i += 2
            if pattern.startswith("/", i):  # "**/": zero or more folders
                out.append("(?:.*/)?")
                i += 1
            else:
                out.append(".*")
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            end = pattern.find("]", i + 2)
            if end < 0:
                out.append(re.escape(c))
            else:
                body = pattern[i + 1 : end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body.replace(chr(92), chr(92) * 2)}]")
                i = end
        else:
            out.append(re.escape(c))
        i += 1
    body = "".join(out)
    return re.compile(body if anchored else f"(?:.*/)?{body}")


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
    _globs: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict, compare=False)

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

    def _compiled(self, patterns: Sequence[str]) -> tuple[re.Pattern[str], ...]:
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

    def settings(self) -> RuleSettings:
        if self.model is None:
            return RuleSettings()  # the same defaults as Thresholds (tested)
        t = self.model.thresholds
        extra: dict[str, object] = {}
        if self.model.framework is not None:
            extra["framework"] = self.model.framework.value
        return RuleSettings(
            min_quantitative_share=t.min_quantitative_share,
            extra_vague_words=tuple(t.extra_vague_words),
            funds_change_threshold=t.funds_change_threshold,
            options=extra,
        )


def _display(path: Path) -> str:
    """A configuration path as the user would write it: relative to the working folder."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _problem(code: str, file: str, zh: str, en: str, where: tuple[int, int] | None) -> Problem:
    return Problem(
        code,
        CODES[code].severity,
        Message(zh, en),
        file,
        line=where[0] if where else None,
        column=where[1] if where else None,
    )


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def read_config(path: str | os.PathLike[str]) -> ProjectConfig:
    """Read and validate one configuration file; problems describe whatever is wrong."""
    resolved = Path(os.path.abspath(path))
    shown = _display(resolved)
    try:
        raw = resolved.read_bytes()
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
    return parse_config(text, resolved, pyproject=resolved.name == PYPROJECT)


def parse_config(text: str, path: Path, *, pyproject: bool) -> ProjectConfig:
    """Validate configuration text; unknown keys name the nearest valid key and their line."""
    shown = _display(path)
    try:
        document = tomllib.loads(text)
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

    return validate_table(table, text, path, prefix)


def nearest_key(key: str, valid: Iterable[str]) -> str | None:
    """The valid key closest to a misspelt one (``per-file-ignore`` -> ``per_file_ignores``)."""
    choices = list(valid)
    normal = key.replace("-", "_").lower()
    for choice in choices:
        if choice == normal:
            return choice
    found = difflib.get_close_matches(normal, choices, n=1, cutoff=0.5)
    return found[0] if found else None


_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_ASSIGN = re.compile(rf"^\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*=")


def _split_key(dotted: str) -> list[str]:
    parts = re.findall(_KEY_PART, dotted)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


def _find_line(text: str, path: Sequence[str | int]) -> tuple[int, int] | None:
    """Line and column of the TOML key at ``path`` (table headers and dotted keys included).

    TOML parsers do not report positions of valid keys, so we scan the text, tracking the current
    table header (``[[array]]`` headers are numbered, so ``diff.ignore.2`` finds the third one);
    the deepest key found along the path is reported.
    """
    best: tuple[int, int] | None = None
    best_depth = -1
    table: list[str | int] = []
    target = list(path)
    arrays: dict[tuple[str, ...], int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header and not _ASSIGN.match(line):
            names = _split_key(header[1])
            table = list(names)
            if line.lstrip().startswith("[["):
                index = arrays[tuple(names)] = arrays.get(tuple(names), -1) + 1
                table.append(index)
            depth = _prefix_depth(table, target)
            if depth > best_depth and depth == len(table):
                best, best_depth = (number, line.index("[") + 1), depth
            continue
        assign = _ASSIGN.match(line)
        if not assign:
            continue
        full = table + _split_key(assign[1])
        depth = _prefix_depth(full, target)
        if depth > len(table) and depth > best_depth:
            best, best_depth = (number, len(line) - len(line.lstrip()) + 1), depth
            if depth == len(target):
                break
    return best


def _prefix_depth(found: Sequence[str | int], target: Sequence[str | int]) -> int:
    depth = 0
    for a, b in zip(found, target, strict=False):
        if a != b:
            break
        depth += 1
    return depth if depth == min(len(found), len(target)) else -1


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
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return re.search(r"^\s*\[\[?\s*tool\s*\.\s*perfdecl\b", text, re.MULTILINE) is not None
    tool = document.get("tool")
    return isinstance(tool, dict) and "perfdecl" in tool


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
    ) -> None:
        self.base = base
        self.select = tuple(select) if select is not None else None
        self.ignore = tuple(ignore or ())
        self.discover = discover
        self.explicit: ProjectConfig | None = read_config(config) if config is not None else None
        self._folders: dict[str, Path | None] = {}
        self._configs: dict[Path, ProjectConfig] = {}
        self._options: dict[tuple[Path | None, tuple[str, ...]], Options] = {}
        self._reported: set[Path | None] = set()

    @property
    def fatal(self) -> bool:
        """True when ``--config`` names a file that cannot be read (the run exits 2)."""
        return self.explicit is not None and self.explicit.fatal

    def find(self, file: str | os.PathLike[str]) -> Path | None:
        """The configuration file governing ``file`` by upward search, or None."""
        start = os.path.dirname(os.path.abspath(file))
        if start in self._folders:
            return self._folders[start]
        visited: list[str] = []
        folder = Path(start).resolve()
        found: Path | None = None
        while True:
            key = str(folder)
            if key in self._folders:
                found = self._folders[key]
                break
            visited.append(key)
            candidate = folder / CONFIG_FILE
            if candidate.is_file():
                found = candidate
                break
            candidate = folder / PYPROJECT
            if candidate.is_file() and _has_table(candidate):
                found = candidate
                break
            if any((folder / marker).exists() for marker in ROOT_MARKERS):
                break
            if folder.parent == folder:
                break
            folder = folder.parent
        for key in visited:
            self._folders[key] = found
        self._folders[start] = found
        return found

    def config_for(self, file: str | os.PathLike[str]) -> ProjectConfig:
        """The configuration that applies to ``file`` (defaults when none is found)."""
        if self.explicit is not None:
            return self.explicit
        path = self.find(file) if self.discover else None
        if path is None:
            return _NO_CONFIG
        found = self._configs.get(path)
        if found is None:
            found = self._configs[path] = read_config(path)
        return found

    def pending(self, file: str | os.PathLike[str] | None = None) -> list[FileResult]:
        """Problems of the configuration of ``file`` (or of ``--config``), once per config file.

        The CLI reports these like a checked file, so a broken configuration fails the run.
        """
        project = self.explicit if file is None else self.config_for(file)
        if project is None or project.path in self._reported:
            return []
        self._reported.add(project.path)
        if not project.problems or project.path is None:
            return []
        return [FileResult(project.problems[0].file, project.problems)]

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
            settings=project.settings(),
            select=self.select if self.select is not None else configured_select,
            ignore=configured_ignore + per_file + self.ignore,
            severity=severity,
        )


_NO_CONFIG = ProjectConfig()


def options_for(
    file: str | os.PathLike[str],
    *,
    config: str | os.PathLike[str] | None = None,
    base: Options = DEFAULT_OPTIONS,
) -> Options:
    """The notebook one-liner: options for one file from its discovered (or given) config."""
    return ConfigResolver(base, config=config).options_for(file)


# --- the configured framework --------------------------------------------------------------


def framework_problems(
    decl: Declaration, source: SourceMap, file: str, settings: RuleSettings
) -> Iterator[Problem]:
    """PD023: the declaration's framework differs from the one the configuration expects.

    The model requires every declaration to name its framework, so the configured ``framework``
    is not a default: it is what the project expects, and a file that declares another one was
    probably copied from elsewhere.
    """
    expected = settings.options.get("framework")
    if expected is None or decl.framework.value == expected:
        return
    from perfdecl.lint import locate

    finding = Finding(
        "/framework",
        Message(
            f"本文件声明的指标体系是 {decl.framework.value}，而配置要求 {expected}"
            "（[tool.perfdecl] framework）。请确认使用了正确的模板。",
            f"this file declares framework {decl.framework.value}, but the configuration "
            f"expects {expected} ([tool.perfdecl] framework). Check the template used.",
        ),
    )
    yield locate(finding, source, file, "PD023", CODES["PD023"].severity)


_MODEL_NAMES = frozenset(
    {"Config", "Thresholds", "DiffIgnore", "DiffConfig", "DEFAULT_CONFIG", "Invalid"}
)


def __getattr__(name: str) -> Any:
    """``perfdecl.config.Config`` and friends, imported from :mod:`perfdecl.config.schema` on use."""
    if name in _MODEL_NAMES:
        from perfdecl.config import schema as config_model

        return getattr(config_model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
