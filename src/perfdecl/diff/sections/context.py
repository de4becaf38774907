"""What every section of the differ shares: the two sides, the options, the changes so far."""

from __future__ import annotations

from perfdecl.diff.codes import DIFF_CODES
from perfdecl.diff.records import Change, ChangeKind, DiffOptions, DiffResult, Direction, Side
from perfdecl.diff.text import normalize
from perfdecl.problem import Message


class Context:
    """One comparison in progress: each section reads the sides and emits located changes."""

    def __init__(self, old: Side, new: Side, options: DiffOptions) -> None:
        self.old = old
        self.new = new
        self.o = old.declaration
        self.n = new.declaration
        self.options = options
        self.changes: list[Change] = []
        self.findings: list[Change] = []
        self.goal_map: dict[str, str] = {}  # OLD goal strand id -> NEW id, filled by goals
        self.shift = self.n.year - self.o.year

    def emit(
        self,
        code: str,
        kind: ChangeKind,
        message: Message,
        *,
        direction: Direction = Direction.NONE,
        old_pointer: str | None = None,
        new_pointer: str | None = None,
        anchor: str | None = None,
        **extra: object,
    ) -> Change:
        """Build a located change; ``anchor`` places a removal inside NEW."""
        info = DIFF_CODES[code]
        where = new_pointer if new_pointer is not None else anchor
        span = self.new.source.locate(where) if where is not None else None
        old_span = self.old.source.locate(old_pointer) if old_pointer is not None else None
        change = Change(
            code=code,
            kind=kind,
            direction=direction,
            severity=info.severity,
            message=message,
            old_pointer=old_pointer,
            new_pointer=new_pointer,
            line=span.line if span else None,
            column=span.column if span else None,
            old_line=old_span.line if old_span else None,
            old_column=old_span.column if old_span else None,
            **extra,  # type: ignore[arg-type]
        )
        self.changes.append(change)
        return change

    def text_key(self, text: str | None, side: str) -> str:
        """A wording as compared, with its side's year neutralised."""
        return normalize(text, self.o.year if side == "old" else self.n.year)

    def result(self) -> DiffResult:
        return DiffResult(
            self.old.file,
            self.new.file,
            self.o.year,
            self.n.year,
            tuple(self.changes),
            tuple(self.findings),
        )
