"""Diff output formats as a name -> class table (``perfdecl diff --format``).

Kept apart from :data:`perfdecl.reporters.REPORTERS` because a diff reporter renders a
:class:`~perfdecl.diff.DiffResult` (two files, changes with directions), not problems per file.
Classes are imported lazily so that machine formats never pay for rich.
"""

from __future__ import annotations

from typing import ClassVar, TextIO

from perfdecl.diff import Change, DiffResult, Direction, FailOn, Segment, split_rev
from perfdecl.escape import safe
from perfdecl.problem import Lang
from perfdecl.reporters.base import counted, registered

DIFF_REPORTERS: dict[str, str] = {
    "text": "perfdecl.reporters.diff.text:DiffTextReporter",
    "json": "perfdecl.reporters.diff.json:DiffJsonReporter",
    "markdown": "perfdecl.reporters.diff.markdown:DiffMarkdownReporter",
    "github": "perfdecl.reporters.diff.github:DiffGithubReporter",
}


class DiffReporter:
    """Base class: one call to :meth:`report` with the whole result."""

    name: ClassVar[str]
    description: ClassVar[str] = ""

    def __init__(
        self,
        stream: TextIO,
        *,
        lang: Lang = "en",
        color: bool | None = None,
        fail_on: FailOn = FailOn.WEAKER,
    ) -> None:
        self.stream = stream
        self.lang: Lang = lang
        self.color = color
        self.fail_on = fail_on

    def report(self, result: DiffResult) -> None:
        raise NotImplementedError


def get_diff_reporter(name: str) -> type[DiffReporter]:
    """The diff reporter class registered under ``name`` (KeyError if there is none)."""
    return registered(DIFF_REPORTERS, name, DiffReporter)


DIRECTION_LABELS: dict[Direction, tuple[str, str]] = {
    Direction.STRONGER: ("更严格", "stronger"),
    Direction.WEAKER: ("更宽松", "weaker"),
    Direction.UNKNOWN: ("方向不明", "unknown"),
    Direction.NOT_COMPARABLE: ("无法比较", "not comparable"),
    Direction.NONE: ("", ""),
}


def direction_label(direction: Direction, lang: Lang) -> str:
    zh, en = DIRECTION_LABELS[direction]
    return zh if lang == "zh" else en


def file_in_repo(spec: str) -> str:
    """The path part of a side: ``origin/main:decl/a.yaml`` -> ``decl/a.yaml``."""
    rev_path = split_rev(spec)
    return rev_path[1] if rev_path else spec


def condensed(segments: tuple[Segment, ...], context: int = 12) -> tuple[Segment, ...]:
    """A wording diff with long unchanged runs cut to ``context`` characters around edits."""
    out: list[Segment] = []
    last = len(segments) - 1
    for k, (op, text) in enumerate(segments):
        if op != "=" or len(text) <= 2 * context + 1:
            out.append((op, text))
            continue
        head = text[:context] if k > 0 else ""
        tail = text[-context:] if k < last else ""
        out.append(("=", (head + "…" if head else "…") + tail))
    return tuple(out)


def plain_wording(segments: tuple[Segment, ...]) -> str:
    """git's --word-diff=plain notation: [-removed-]{+added+}."""
    parts = []
    for op, text in condensed(segments):
        text = safe(text.replace("\n", "⏎"), "terminal")
        parts.append(text if op == "=" else f"[-{text}-]" if op == "-" else f"{{+{text}+}}")
    return "".join(parts)


def summary_text(result: DiffResult, fail_on: FailOn, lang: Lang) -> str:
    from perfdecl.diff import summarize

    s = summarize(result, fail_on)
    if lang == "zh":
        text = (
            f"共 {s['changes']} 处变化（{s['stronger']} 处更严格，{s['weaker']} 处更宽松，"
            f"{s['unknown']} 处方向不明，{s['not_comparable']} 处无法比较），{s['findings']} 条提示"
        )
        if s["ignored"]:
            text += f"，{s['ignored']} 处已接受"
        return text + f"；按 --fail-on {fail_on.value} 有 {s['failing']} 处不通过。"
    text = (
        f"{counted(s['changes'], 'change')}: {s['stronger']} stronger, {s['weaker']} weaker, "
        f"{s['unknown']} unknown, {s['not_comparable']} not comparable; "
        f"{counted(s['findings'], 'finding')}"
    )
    if s["ignored"]:
        text += f"; {s['ignored']} accepted"
    return text + f"; {s['failing']} failing with --fail-on {fail_on.value}."


def location(change: Change, new_file: str) -> str:
    if change.line is None:
        return safe(new_file, "path")
    return f"{safe(new_file, 'path')}:{change.line}:{change.column or 1}"


__all__ = [
    "DIFF_REPORTERS",
    "DiffReporter",
    "condensed",
    "direction_label",
    "file_in_repo",
    "get_diff_reporter",
    "location",
    "plain_wording",
    "summary_text",
]
