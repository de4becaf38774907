"""Accepted changes: the configuration's ``[[diff.ignore]]`` entries marked on a result."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Protocol

from perfdecl.diff.records import Change, DiffResult


class IgnoreEntry(Protocol):
    @property
    def id(self) -> str | None: ...
    @property
    def pointer(self) -> str | None: ...
    @property
    def reason(self) -> str: ...


def _ignore_matches(change: Change, key: str) -> bool:
    if key.startswith("/") or key == "":
        return any(
            p is not None and (p == key or p.startswith(key + "/"))
            for p in (change.old_pointer, change.new_pointer)
        )
    return key in (change.id, change.old_id)


IgnoreSpec = tuple[str, str] | IgnoreEntry


def apply_ignores(changes: Iterable[Change], ignores: Iterable[IgnoreSpec]) -> list[Change]:
    """Mark accepted changes: each ignore is ``(id_or_pointer, reason)`` or has id/pointer/reason.

    A pointer also covers everything below it (``/indicators/0`` covers its targets). Ignored
    changes are kept, with ``ignored`` set to the reason, so reports can still show them.
    """
    rules: list[tuple[str, str]] = []
    for ig in ignores:
        if isinstance(ig, tuple):
            rules.append(ig)
        else:
            if ig.id is not None:
                rules.append((ig.id, ig.reason))
            if ig.pointer is not None:
                rules.append((ig.pointer, ig.reason))
    out: list[Change] = []
    for c in changes:
        reason = next((r for key, r in rules if _ignore_matches(c, key)), None)
        out.append(replace(c, ignored=reason) if reason is not None and c.ignored is None else c)
    return out


def ignore_result(result: DiffResult, ignores: Iterable[IgnoreSpec]) -> DiffResult:
    """:func:`apply_ignores` over a whole result."""
    rules = list(ignores)
    return replace(
        result,
        changes=tuple(apply_ignores(result.changes, rules)),
        findings=tuple(apply_ignores(result.findings, rules)),
    )
