"""The configuration the pages check with: the one ``perfdecl validate`` would use.

``perfdecl serve`` started inside a repository checks an upload as ``perfdecl validate`` would
check a file of that name in the folder the server was started in (the file named on the command
line: at its own path), with the configuration found upward from there (``.perfdecl.toml``,
``perfdecl.toml``, ``[tool.perfdecl]`` in ``pyproject.toml``) or named by ``--config``: select and
ignore, per-file ignores, severities, thresholds, the framework and its files. The file is read
again for every check (a clerk's colleague may edit it while the page is open); a broken one is
reported on the page with validate's own messages, and its valid part still applies, as in
validate. A ``--config`` that cannot be read at all (validate then checks nothing and exits 2)
leaves the defaults in force, and the page says so.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfdecl.config.options import DEFAULT_OPTIONS, Options
from perfdecl.escape import safe
from perfdecl.lint import internal_error
from perfdecl.problem import Problem, Severity

if TYPE_CHECKING:
    from perfdecl.config.schema import Config

_REGISTERED: set[str] = set()
"""Framework files registered in this process from a configuration (as validate's runner does)."""


@dataclass(frozen=True, slots=True)
class Resolved:
    """The configuration one check uses: its options, the file they came from (None: the
    defaults), that file's problems, and whether it could not be read at all."""

    options: Options = DEFAULT_OPTIONS
    path: Path | None = None
    problems: tuple[Problem, ...] = ()
    fatal: bool = False
    model: Config | None = None

    @property
    def config(self) -> Config:
        """The validated configuration (the defaults when none applies or it is unreadable)."""
        if self.model is not None and not self.fatal:
            return self.model
        from perfdecl.config.schema import DEFAULT_CONFIG

        return DEFAULT_CONFIG

    def view(self) -> dict[str, Any]:
        """What the page shows: the file's name as validate prints it, escaped, and its
        problems in both languages."""
        from perfdecl.config.text import display

        return {
            "path": safe(display(self.path), "path") if self.path is not None else None,
            "fatal": self.fatal,
            "broken": any(p.severity is Severity.ERROR for p in self.problems),
            "problems": [
                {
                    "code": p.code,
                    "severity": p.severity.value,
                    "zh": p.message.zh,
                    "en": p.message.en,
                    "file": safe(p.file, "path"),
                    "line": p.line,
                    "column": p.column,
                }
                for p in self.problems
            ],
        }


@dataclass(frozen=True, slots=True)
class Settings:
    """Where the server runs and what it was told: ``folder`` None checks with the defaults
    (no configuration is looked for); ``config`` is ``--config``; ``files`` maps a page's file
    name to the real path it was read from (the file named on the command line)."""

    folder: Path | None = None
    config: str | None = None
    files: Mapping[str, str] = field(default_factory=dict)

    def path_of(self, name: str) -> str:
        """The path a file of this name is checked as (its configuration is found from there)."""
        known = self.files.get(name)
        if known is not None:
            return known
        return os.path.join(self.folder or Path.cwd(), name)

    def resolve(self, name: str) -> Resolved:
        """The configuration for the file ``name``, read now. Never raises: whatever goes wrong
        in reading it is a problem on the page and the defaults apply."""
        if self.folder is None and self.config is None:
            return Resolved()
        from perfdecl.catalogue import all_codes
        from perfdecl.config import ConfigResolver

        file = self.path_of(name)
        try:
            resolver = ConfigResolver(DEFAULT_OPTIONS, config=self.config, known=all_codes())
            project = resolver.config_for(file)
            if project.fatal:
                return Resolved(path=project.path, problems=project.problems, fatal=True)
            options = resolver.options_for(file)
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:  # the last line of defence: the page keeps working
            shown = self.config or file
            return Resolved(problems=(internal_error(shown, exc),), fatal=True)
        _register(options.frameworks)
        return Resolved(options, project.path, project.problems, model=project.model)


DEFAULT_SETTINGS = Settings()
"""No configuration: what the pages use when the application is created without settings."""


def _register(files: tuple[str, ...]) -> None:
    """Register a configuration's framework files once each. An unusable one was reported on
    the configuration (PD027); a declaration naming its id then gets PD104, as in validate."""
    from contextlib import suppress

    from perfdecl.model.frameworks import FrameworkFileError, load_file

    for file in files:
        if file not in _REGISTERED:
            _REGISTERED.add(file)
            with suppress(FrameworkFileError, OSError, RecursionError):
                load_file(file)
