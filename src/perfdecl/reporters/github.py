"""GitHub Actions annotations, at most ten of each type, and the rest in the job summary.

GitHub shows about ten annotations of each type (error, warning, notice) per step and drops the
rest without a word, so a run with 99 findings used to show a seemingly random tenth of them. The
reporter picks :data:`PER_LEVEL` of each type, the most fundamental and most varied first
(codes in order, so a loader error before a structure error before a review rule, one of each
code in turn before a second of any), prints them in file order, then one plain log line saying
how many were left out; with a job summary (``$GITHUB_STEP_SUMMARY``, given by the CLI) the
left-out findings are listed there as a Markdown table (every cell escaped), up to
:data:`SUMMARY_ROWS` rows (GitHub accepts 1 MiB of summary per step).

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message`` puts the message on the
changed line of a pull request. Data and properties are escaped the way the Actions toolkit does
(``%`` ``\\r`` ``\\n``, and in properties also ``:`` and ``,``); columns are sent only for one-line
spans, as the toolkit requires.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar, TextIO, TypeVar

from perfdecl.escape import markdown_code, safe
from perfdecl.problem import Problem, Severity
from perfdecl.reporters.base import Reporter, Summary, counted, noun

if TYPE_CHECKING:
    from perfdecl.lint import FileResult

T = TypeVar("T")

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


PER_LEVEL = 10
"""Annotations of each type (error, warning, notice) per run: what GitHub shows per step."""

SUMMARY_ROWS = 1000
"""Rows of left-out findings in the job summary (each well under 1 KiB: the step's 1 MiB)."""


def pick(candidates: Mapping[str, list[tuple[int, T]]], limit: int) -> list[int]:
    """Up to ``limit`` findings of one type from each code's first ones: codes in order (PD0xx
    before PD1xx before PD2xx), one of each code in turn, earliest first within a code. Shared by
    ``diff --format github``, whose changes are picked the same way."""
    chosen: list[int] = []
    queues = [list(candidates[code]) for code in sorted(candidates)]
    while len(chosen) < limit and any(queues):
        for queue in queues:
            if queue and len(chosen) < limit:
                chosen.append(queue.pop(0)[0])
    return chosen


class GithubReporter(Reporter):
    name: ClassVar[str] = "github"
    description: ClassVar[str] = (
        "GitHub Actions annotations (::error file=…,line=…::message), ten per type; the rest "
        "in the job summary"
    )
    job_summary: TextIO | None = None
    """Where the left-out findings go as Markdown (the CLI opens $GITHUB_STEP_SUMMARY)."""

    def begin(self) -> None:
        self._seen = 0
        self._candidates: dict[Severity, dict[str, list[tuple[int, Problem]]]] = {}
        self._first: list[tuple[int, Problem]] = []  # the first findings, for the summary

    def file(self, result: FileResult) -> None:
        for p in result.problems:
            seq = self._seen
            self._seen += 1
            by_code = self._candidates.setdefault(p.severity, {})
            kept = by_code.setdefault(p.code, [])
            if len(kept) < PER_LEVEL:
                kept.append((seq, p))
            if len(self._first) < SUMMARY_ROWS + 3 * PER_LEVEL:
                self._first.append((seq, p))

    def end(self, summary: Summary) -> None:
        chosen: dict[int, Problem] = {}
        for by_code in self._candidates.values():
            found = {seq: p for kept in by_code.values() for seq, p in kept}
            chosen.update((seq, found[seq]) for seq in pick(by_code, PER_LEVEL))
        for seq in sorted(chosen):
            p = chosen[seq]
            self.stream.write(annotation(p, p.message.text(self.lang)))
        left = self._seen - len(chosen)
        if left == 0:
            return
        rest = [p for seq, p in self._first if seq not in chosen]
        if self.job_summary is not None:
            self.job_summary.write(self._markdown(rest[:SUMMARY_ROWS], left))
        self.stream.write(self._note(left) + "\n")

    def _note(self, left: int) -> str:
        """The plain log line under the annotations (not a workflow command)."""
        where_zh = "已列在作业摘要中" if self.job_summary is not None else "见上方日志或 --output"
        where_en = (
            "they are listed in the job summary"
            if self.job_summary is not None
            else "see the log above or write them with --output"
        )
        if self.lang == "zh":
            text = f"perfdecl：另有 {left} 个问题未作注释（GitHub 每类只显示 {PER_LEVEL} 个），{where_zh}。"
        else:
            text = (
                f"perfdecl: {counted(left, 'more finding')} not annotated (GitHub shows "
                f"{PER_LEVEL} per type); {where_en}."
            )
        return escape_data(text)

    def _markdown(self, rows: list[Problem], left: int) -> str:
        zh = self.lang == "zh"
        out = [
            "### perfdecl：未作注释的问题\n" if zh else "### perfdecl: findings not annotated\n",
            (
                f"GitHub 每类只显示 {PER_LEVEL} 个注释；其余 {left} 个问题如下。\n"
                if zh
                else f"GitHub shows {PER_LEVEL} annotations per type; the other "
                f"{counted(left, 'finding')} are below.\n"
            ),
            "| 文件 | 行 | 代码 | 级别 | 说明 |"
            if zh
            else "| File | Line | Code | Severity | Message |",
            "|---|---:|---|---|---|",
        ]
        for p in rows:
            line = "" if p.line is None else str(p.line)
            severity = p.severity.zh if zh else p.severity.value
            out.append(
                f"| {markdown_code(workspace_path(p.file))} | {line} | {safe(p.code, 'markdown')} | {severity} "
                f"| {safe(p.message.text(self.lang), 'markdown')} |"
            )
        if left > len(rows):
            more = left - len(rows)
            out.append(
                f"\n… 另有 {more} 个问题未列出。"
                if zh
                else f"\n… {more} more {noun(more, 'finding')} not listed."
            )
        return "\n".join(out) + "\n\n"
