"""Diff as GitHub Actions workflow commands: annotations on the NEW file's lines.

``::error`` for a change that fails the run (``--fail-on``), ``::warning`` for other warnings,
``::notice`` for the rest; accepted (ignored) changes are not annotated. As with ``validate``'s
reporter, at most :data:`~perfdecl.reporters.github.PER_LEVEL` annotations of each type are
written (GitHub shows about ten per step and drops the rest without a word), chosen the same way
(codes in order, one of each code in turn); the other changes follow as plain log lines, each
beginning with ``perfdecl:`` so that no name or value can make one a workflow command.
"""

from __future__ import annotations

from typing import ClassVar

from perfdecl.diff import Change, DiffResult
from perfdecl.problem import Severity
from perfdecl.reporters.base import counted
from perfdecl.reporters.diff.base import DiffReporter, file_in_repo, summary_text
from perfdecl.reporters.github import PER_LEVEL, escape_data, escape_property, pick

__all__ = ["DiffGithubReporter", "escape_data", "escape_property"]


class DiffGithubReporter(DiffReporter):
    name: ClassVar[str] = "github"
    description: ClassVar[str] = "GitHub Actions annotations on the new file, ten per type"

    def level(self, change: Change) -> str:
        if change.fails(self.fail_on):
            return "error"
        return "warning" if change.severity is Severity.WARNING else "notice"

    def line(self, change: Change, file: str) -> str:
        props = [f"file={escape_property(file)}"]
        if change.line is not None:
            props.append(f"line={change.line}")
            props.append(f"col={change.column or 1}")
        props.append(f"title={escape_property(change.code)}")
        message = escape_data(change.message.text(self.lang))
        return f"::{self.level(change)} {','.join(props)}::{message}"

    def plain(self, change: Change, file: str) -> str:
        where = file if change.line is None else f"{file}:{change.line}"
        return escape_data(f"perfdecl: {where}: {change.code} {change.message.text(self.lang)}")

    def report(self, result: DiffResult) -> None:
        file = file_in_repo(result.new_file)
        shown = [c for c in result.all if c.ignored is None]
        candidates: dict[str, dict[str, list[tuple[int, Change]]]] = {}
        for seq, change in enumerate(shown):
            by_code = candidates.setdefault(self.level(change), {})
            by_code.setdefault(change.code, []).append((seq, change))
        chosen: set[int] = set()
        for by_code in candidates.values():
            chosen.update(pick(by_code, PER_LEVEL))
        for seq in sorted(chosen):
            self.stream.write(self.line(shown[seq], file) + "\n")
        rest = [c for seq, c in enumerate(shown) if seq not in chosen]
        if rest:
            if self.lang == "zh":
                note = f"perfdecl：另有 {len(rest)} 处变化未作注释（GitHub 每类只显示 {PER_LEVEL} 个）："
            else:
                note = (
                    f"perfdecl: {counted(len(rest), 'more change')} not annotated (GitHub "
                    f"shows {PER_LEVEL} per type):"
                )
            self.stream.write(escape_data(note) + "\n")
            for change in rest:
                self.stream.write(self.plain(change, file) + "\n")
        self.stream.write(escape_data(summary_text(result, self.fail_on, self.lang)) + "\n")
