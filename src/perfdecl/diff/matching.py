"""Pairing rows of OLD and NEW: by id, then by wording similarity within a bucket.

Also :func:`match_targets`, which pairs the targets of one indicator.
"""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from perfdecl.diff.text import LONG_TEXT, coarse_ratio
from perfdecl.model import Target


@dataclass(slots=True)
class Item:
    """What the matcher sees of a row: id, comparison text, bucket, home and position."""

    id: str | None
    text: str
    bucket: Hashable  # fallback matching only within one bucket
    home: Hashable = None  # the container, in NEW terms (ties go to the same container)
    position: int = 0


@dataclass(frozen=True, slots=True)
class Pair:
    old: int
    new: int
    score: float | None  # None: matched by id


class _Scorer:
    """Wording similarity of OLD row i and NEW row j, cached, with cheap upper bounds first.

    One ``SequenceMatcher`` per NEW row keeps its index of the second sequence across the OLD
    rows it is compared with (difflib caches information about the second sequence).
    """

    def __init__(self, old: Sequence[Item], new: Sequence[Item]) -> None:
        self.old = old
        self.new = new
        self.cache: dict[tuple[int, int], float] = {}
        self.matchers: dict[int, difflib.SequenceMatcher[str]] = {}

    def _matcher(self, i: int, j: int) -> difflib.SequenceMatcher[str]:
        m = self.matchers.get(j)
        if m is None:
            m = self.matchers[j] = difflib.SequenceMatcher(None, autojunk=False)
            m.set_seq2(self.new[j].text)
        m.set_seq1(self.old[i].text)
        return m

    def score(self, i: int, j: int) -> float:
        key = (i, j)
        found = self.cache.get(key)
        if found is None:
            a, b = self.old[i].text, self.new[j].text
            if a == b:
                found = 1.0
            elif len(a) + len(b) > LONG_TEXT:
                found = coarse_ratio(a, b)  # difflib would index megabytes of hostile text
            else:
                found = self._matcher(i, j).ratio()
            self.cache[key] = found
        return found

    def at_least(self, i: int, j: int, bound: float) -> float | None:
        """The score when it can reach ``bound`` (upper bounds checked first), else None."""
        key = (i, j)
        a, b = self.old[i].text, self.new[j].text
        if key not in self.cache and a != b and len(a) + len(b) <= LONG_TEXT:
            m = self._matcher(i, j)
            if m.real_quick_ratio() < bound or m.quick_ratio() < bound:
                return None
        found = self.score(i, j)
        return found if found >= bound else None


def match(old: Sequence[Item], new: Sequence[Item], threshold: float) -> list[Pair]:
    """Pair rows: by id, then by wording within a bucket, greedy best-first."""
    new_by_id: dict[str, int] = {}
    for j, item in enumerate(new):
        if item.id is not None:
            new_by_id.setdefault(item.id, j)
    pairs: dict[int, Pair] = {}
    taken_new: set[int] = set()
    seen_old: set[str] = set()
    for i, item in enumerate(old):
        if item.id is None or item.id in seen_old:
            continue
        seen_old.add(item.id)
        found = new_by_id.get(item.id)
        if found is not None:
            pairs[i] = Pair(i, found, None)
            taken_new.add(found)

    scorer = _Scorer(old, new)
    score = scorer.score
    new_by_text: dict[str, list[int]] = {}
    for j, item in enumerate(new):
        new_by_text.setdefault(item.text, []).append(j)
    old_by_text: dict[str, list[int]] = {}
    for i, item in enumerate(old):
        old_by_text.setdefault(item.text, []).append(i)

    # An id reused for another row's wording (renumbered rows): break the pair when either row
    # has a clearly better partner by wording.
    for i, pair in list(pairs.items()):
        own = score(i, pair.new)
        if own >= threshold:
            continue
        # own < threshold here, so any partner reaching the threshold is a better one; the
        # common case, a renumbering, has a partner with the very same wording.
        bucket = old[i].bucket
        better = (
            any(k != pair.new and new[k].bucket == bucket for k in new_by_text.get(old[i].text, ()))
            or any(
                k != i and old[k].bucket == new[pair.new].bucket
                for k in old_by_text.get(new[pair.new].text, ())
            )
            or any(
                k != pair.new
                and new[k].bucket == bucket
                and scorer.at_least(i, k, threshold) is not None
                for k in range(len(new))
            )
            or any(
                k != i
                and old[k].bucket == new[pair.new].bucket
                and scorer.at_least(k, pair.new, threshold) is not None
                for k in range(len(old))
            )
        )
        if better:
            del pairs[i]
            taken_new.discard(pair.new)

    free_old = [i for i in range(len(old)) if i not in pairs]
    free_new = [j for j in range(len(new)) if j not in taken_new]
    candidates: list[tuple[float, int, int, int, int]] = []
    for i in free_old:
        a = old[i]
        for j in free_new:
            b = new[j]
            if a.bucket != b.bucket:
                continue
            s = score(i, j) if threshold <= 0 else scorer.at_least(i, j, threshold)
            if s is not None and s >= threshold:
                same = 0 if a.home == b.home else 1
                candidates.append((-s, same, abs(a.position - b.position), i, j))
    candidates.sort()
    used_old: set[int] = set()
    used_new: set[int] = set()
    for neg, _same, _dist, i, j in candidates:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs[i] = Pair(i, j, round(-neg, 2))
    return sorted(pairs.values(), key=lambda p: (p.new, p.old))


def match_targets(old: Sequence[Target], new: Sequence[Target]) -> list[tuple[int, int]]:
    """Targets of one indicator: by name (when unique on both sides), then by unit and position."""
    pairs: list[tuple[int, int]] = []

    def names(ts: Sequence[Target]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for t in ts:
            if t.name:
                counts[t.name] = counts.get(t.name, 0) + 1
        return {t.name: k for k, t in enumerate(ts) if t.name and counts[t.name] == 1}

    na, nb = names(old), names(new)
    for name, i in na.items():
        if name in nb:
            pairs.append((i, nb[name]))
    used_a = {i for i, _ in pairs}
    used_b = {j for _, j in pairs}
    by_unit_b: dict[str, list[int]] = {}
    for j, t in enumerate(new):
        if j not in used_b and not (t.name and t.name in na):
            by_unit_b.setdefault(t.unit or "", []).append(j)
    for i, t in enumerate(old):
        if i in used_a or (t.name and t.name in nb):
            continue
        queue = by_unit_b.get(t.unit or "")
        if queue:
            pairs.append((i, queue.pop(0)))
    return sorted(pairs)
