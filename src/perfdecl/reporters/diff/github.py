"""Diff as GitHub Actions workflow commands: annotations on the NEW file's lines.

``::error`` for a change that fails the run (``--fail-on``), ``::warning`` for other warnings,
``::notice`` for the rest; accepted (ignored) changes are not annotated.
"""

from __future__ import annotations

from typing import ClassVar

from perfdecl.diff import Change, DiffResult
from perfdecl.escape import safe
from perfdecl.problem import Severity
from perfdecl.reporters.diff.base import DiffReporter, file_in_repo, summary_text


def escape_data(text: str) -> str:
    """The message part of a workflow command."""
    return safe(text, "github-data")


def escape_property(text: str) -> str:
    """A property value (file, title)."""
    return safe(text, "github-property")


class DiffGithubReporter(DiffReporter):
    name: ClassVar[str] = "github"
    description: ClassVar[str] = "GitHub Actions annotations on the new file"

    def line(self, change: Change, file: str) -> str:
        if change.fails(self.fail_on):
            level = "error"
        elif change.severity is Severity.WARNING:
            level = "warning"
        else:
            level = "notice"
        props = [f"file={escape_property(file)}"]
        if change.line is not None:
            props.append(f"line={change.line}")
            props.append(f"col={change.column or 1}")
        props.append(f"title={escape_property(change.code)}")
        return f"::{level} {','.join(props)}::{escape_data(change.message.text(self.lang))}"

    def report(self, result: DiffResult) -> None:
        file = file_in_repo(result.new_file)
        for change in result.all:
            if change.ignored is None:
                self.stream.write(self.line(change, file) + "\n")
        self.stream.write(escape_data(summary_text(result, self.fail_on, self.lang)) + "\n")
