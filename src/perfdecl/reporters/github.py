"""GitHub Actions annotations: one workflow command per problem.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message`` puts the message on the
changed line of a pull request. Data and properties are escaped the way the Actions toolkit does
(``%`` ``\\r`` ``\\n``, and in properties also ``:`` and ``,``); columns are sent only for one-line
spans, as the toolkit requires.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, ClassVar

from perfdecl.escape import safe
from perfdecl.problem import Problem, Severity
from perfdecl.reporters.base import Reporter

if TYPE_CHECKING:
    from perfdecl.lint import FileResult

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """The message part of a workflow command."""
    return safe(text, "github-data")


def escape_property(text: str) -> str:
    """A property value (file=, title=): also ``:`` and ``,``, which delimit properties."""
    return safe(text, "github-property")


def workspace_path(file: str) -> str:
    """The path as GitHub expects it: relative to the workspace (the working folder), with /."""
    if os.path.isabs(file):
        try:
            rel = os.path.relpath(file)
        except ValueError:  # another drive on Windows
            return file.replace(os.sep, "/")
        if not rel.startswith(".."):
            file = rel
    else:
        file = os.path.normpath(file)  # ./decl/a.yaml -> decl/a.yaml
    return file.replace(os.sep, "/")


def annotation(p: Problem, message: str) -> str:
    props = [("file", workspace_path(p.file))]
    if p.line is not None:
        props.append(("line", str(p.line)))
        one_line = p.end_line is None or p.end_line == p.line
        if one_line and p.column is not None:
            props.append(("col", str(p.column)))
        if p.end_line is not None:
            props.append(("endLine", str(p.end_line)))
        if one_line and p.column is not None and p.end_column is not None:
            props.append(("endColumn", str(p.end_column)))
    props.append(("title", p.code))
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{COMMANDS[p.severity]} {joined}::{escape_data(message)}\n"


class GithubReporter(Reporter):
    name: ClassVar[str] = "github"
    description: ClassVar[str] = "GitHub Actions annotations (::error file=…,line=…::message)"

    def file(self, result: FileResult) -> None:
        for p in result.problems:
            self.stream.write(annotation(p, p.message.text(self.lang)))
