"""Diff as Markdown, for a pull-request comment: a summary line and one table."""

from __future__ import annotations

from typing import ClassVar

from perfdecl.diff import Change, DiffResult, Direction
from perfdecl.escape import markdown_code, safe
from perfdecl.problem import Lang
from perfdecl.reporters.diff.base import (
    DiffReporter,
    condensed,
    direction_label,
    summary_text,
)

_MARK = {
    Direction.STRONGER: "▲",
    Direction.WEAKER: "▼",
    Direction.UNKNOWN: "?",
    Direction.NOT_COMPARABLE: "≠",
    Direction.NONE: "",
}

_SHORT = 60


def cell(text: str | None) -> str:
    """Text safe inside a table cell: no link, image, HTML or border; line breaks as <br>."""
    if not text:
        return ""
    return "<br>".join(safe(line, "markdown") for line in text.replace("\r", "").split("\n"))


def _short(text: str | None) -> str | None:
    if text is None or len(text) <= _SHORT:
        return text
    return text[: _SHORT - 1] + "…"


def wording_md(change: Change) -> str:
    parts = []
    for op, text in condensed(change.wording):
        t = cell(text)
        parts.append(t if op == "=" else f"~~{t}~~" if op == "-" else f"**{t}**")
    return "".join(parts)


def _header(lang: Lang) -> str:
    if lang == "zh":
        return "| 方向 | 代码 | 编号 | 变化 | 原值 | 新值 |\n|---|---|---|---|---|---|"
    return "| Direction | Code | Id | Change | Old | New |\n|---|---|---|---|---|---|"


class DiffMarkdownReporter(DiffReporter):
    name: ClassVar[str] = "markdown"
    description: ClassVar[str] = "a Markdown table for a pull-request comment"

    def row(self, change: Change) -> str:
        label = direction_label(change.direction, self.lang)
        mark = f"{_MARK[change.direction]} {label}".strip()
        if change.fails(self.fail_on):
            mark = f"❌ {mark}".strip()
        what = cell(change.message.text(self.lang))
        if change.wording:
            what += "<br>" + wording_md(change)
            old = new = ""
        else:
            old, new = cell(_short(change.old)), cell(_short(change.new))
        if change.ignored is not None:
            accepted = "已接受" if self.lang == "zh" else "accepted"
            what = f"~~{what}~~ ({accepted}: {cell(change.ignored)})"
        ident = markdown_code(change.id) if change.id else ""
        return f"| {mark} | {cell(change.code)} | {ident} | {what} | {old} | {new} |"

    def report(self, result: DiffResult) -> None:
        w = self.stream.write
        zh = self.lang == "zh"
        w(
            f"### perfdecl diff: {markdown_code(result.old_file)} ({result.old_year}) → "
            f"{markdown_code(result.new_file)} ({result.new_year})\n\n"
        )
        w(summary_text(result, self.fail_on, self.lang) + "\n\n")
        if result.changes:
            w(_header(self.lang) + "\n")
            for change in result.changes:
                w(self.row(change) + "\n")
            w("\n")
        else:
            w("没有变化。\n\n" if zh else "No changes.\n\n")
        if result.findings:
            w("#### 跨年度检查\n\n" if zh else "#### Cross-year checks\n\n")
            for change in result.findings:
                where = f" ({markdown_code(change.id)})" if change.id else ""
                text = cell(change.message.text(self.lang))
                if change.ignored is not None:
                    text = f"~~{text}~~ ({cell(change.ignored)})"
                w(f"- **{cell(change.code)}**{where}: {text}\n")
            w("\n")
