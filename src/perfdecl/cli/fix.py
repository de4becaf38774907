"""``perfdecl validate --fix`` / ``--diff``: safe mechanical fixes, edited in place.

A fix is an edit of the characters a finding or a value spans, so comments, blank lines, key
order and quoting elsewhere stay exactly as written (no YAML is dumped). The fixes, all safe
(the declaration reads the same afterwards, only spelt as every YAML tool reads it):

* PD012: an unquoted value YAML 1.1 or 1.2 tools would convert (``phone: 01083998540``,
  ``head: no``, ``1:30``) is quoted, so every tool reads the text perfdecl read;
* a comparison written in another spelling (``≥``, ``＞＝``, ``==``, ``约``, ``定性``) becomes the
  canonical one (``">="``, ``"="``, ``"~"``, ``qualitative``), as the schema lists it.

With ``--unsafe-fixes`` also (as ruff names fixes that may change meaning): trailing spaces and
tabs are removed from every line, which inside a literal block (``text: |``) changes the text
itself. Without it, ``--fix`` and ``--diff`` say how many such fixes were held back.

Only files of the checked set are written (never standard input, never a file the walk skipped),
atomically, keeping a byte-order mark and the line breaks; a file that is not UTF-8 is left
alone with a note. ``--diff`` prints the unified diff instead and exits 1 when anything would
change.
"""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass

from perfdecl.cli._env import say
from perfdecl.cli.options import ValidateArgs
from perfdecl.config import ConfigResolver
from perfdecl.escape import safe
from perfdecl.lint import FileResult
from perfdecl.problem import Lang

_BREAK = re.compile("(\r\n|[\r\n\x85\u2028\u2029])")
_BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace columns [start, end) of one line (1-based line, 0-based columns)."""

    line: int
    start: int
    end: int
    new: str


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def unsafe_edits(result: FileResult) -> list[Edit]:
    """Trailing spaces and tabs, one edit per line that has them."""
    found = []
    for n, line in enumerate(result.source.lines, 1):
        kept = line.rstrip(" \t")
        if kept != line:
            found.append(Edit(n, len(kept), len(line), ""))
    return found


def edits_for(result: FileResult) -> list[Edit]:
    """The safe fixes of one checked file, at most one per span."""
    from perfdecl.model import comparison_of

    found: dict[tuple[int, int], Edit] = {}
    lines = result.source.lines
    for p in result.problems:
        if p.code != "PD012" or p.line is None or p.column is None or p.end_column is None:
            continue
        if p.end_line not in (None, p.line) or p.line > len(lines):
            continue
        start, end = p.column - 1, p.end_column - 1
        value = lines[p.line - 1][start:end]
        if value and not value.startswith(("'", '"')):
            found[(p.line, start)] = Edit(p.line, start, end, _quoted(value))
    for pointer, span in result.source.values.items():
        if not pointer.endswith("/comparison") or span.end_line != span.line:
            continue
        if span.line > len(lines):
            continue
        start, end = span.column - 1, span.end_column - 1
        written = lines[span.line - 1][start:end]
        bare = written.strip("\"'").strip()
        canonical = comparison_of(bare)
        if canonical is not None and canonical.value != bare:
            found.setdefault(
                (span.line, start), Edit(span.line, start, end, _quoted(canonical.value))
            )
    return sorted(found.values(), key=lambda e: (e.line, -e.start))


def apply(text: str, edits: list[Edit]) -> str:
    """``text`` with ``edits`` made (right to left within a line), line breaks kept."""
    parts = _BREAK.split(text)  # line, break, line, break, …
    for edit in edits:
        index = 2 * (edit.line - 1)
        line = parts[index]
        parts[index] = line[: edit.start] + edit.new + line[edit.end :]
    return "".join(parts)


def run_fixes(resolver: ConfigResolver, args: ValidateArgs, lang: Lang) -> int:
    """Fix (or, with --diff, show) every checked file; the number of files that change."""
    from perfdecl.files import write_atomic
    from perfdecl.lint import check_bytes
    from perfdecl.lint.runner import collect

    collected = collect(args.paths, excluded=resolver.excluded, force_exclude=args.force_exclude)
    changed = fixed = held = 0
    for item in collected.inputs:
        if item.stdin or item.excluded:
            continue
        try:
            raw = open(item.name, "rb").read()  # noqa: SIM115 (read at once)
            text = raw.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # reported by the check that follows (PD001, PD003)
        body = text[1:] if text.startswith(_BOM) else text
        result = check_bytes(raw, file=item.name, options=resolver.options_for(item.name))
        edits = edits_for(result)
        unsafe = unsafe_edits(result)
        if args.unsafe_fixes:
            edits = sorted([*edits, *unsafe], key=lambda e: (e.line, -e.start))
        else:
            held += len(unsafe)
        if not edits:
            continue
        new = (_BOM if body is not text else "") + apply(body, edits)
        if new == text:
            continue
        changed += 1
        fixed += len(edits)
        if args.diff:
            shown = safe(item.name, "path")
            lines = difflib.unified_diff(
                text.splitlines(keepends=True),
                new.splitlines(keepends=True),
                fromfile=shown,
                tofile=shown,
            )
            sys.stdout.write("".join(safe(x.rstrip("\n"), "terminal") + "\n" for x in lines))
        else:
            write_atomic(item.name, new, force=True)
    counts = (
        f"{fixed} {'fix' if fixed == 1 else 'fixes'} in {changed} "
        f"{'file' if changed == 1 else 'files'}"
    )
    if not changed:
        say(lang, "nothing to fix.", "没有可自动修复的问题。")
    elif args.diff:
        say(
            lang,
            f"{counts} would be applied; run with --fix to apply them.",
            f"{changed} 个文件中有 {fixed} 处可自动修复；加 --fix 即可修复。",
        )
    else:
        say(lang, f"applied {counts}.", f"已在 {changed} 个文件中修复 {fixed} 处。")
    if held:
        say(
            lang,
            f"{held} more {'fix' if held == 1 else 'fixes'} (trailing spaces, which may change "
            "a literal block's text) with --unsafe-fixes.",
            f"另有 {held} 处修复（行尾空格，可能改变 | 文本块的内容）需加 --unsafe-fixes。",
        )
    return changed
