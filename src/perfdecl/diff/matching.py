"""Pairing rows of OLD and NEW: by id, then by wording similarity within a bucket.

:func:`match` finds the pairs of :func:`match_exact` (the definition) from cheap upper bounds
first, so renumbered, lightly edited rows are not quadratic in difflib calls.

Also :func:`match_targets`, which pairs the targets of one indicator.
"""

from __future__ import annotations

import difflib
import heapq
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
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


def _id_pairs(old: Sequence[Item], new: Sequence[Item]) -> dict[int, Pair]:
    """OLD row -> pair, for rows whose id is on both sides (the first row of each id)."""
    new_by_id: dict[str, int] = {}
    for j, item in enumerate(new):
        if item.id is not None:
            new_by_id.setdefault(item.id, j)
    pairs: dict[int, Pair] = {}
    seen_old: set[str] = set()
    for i, item in enumerate(old):
        if item.id is None or item.id in seen_old:
            continue
        seen_old.add(item.id)
        found = new_by_id.get(item.id)
        if found is not None:
            pairs[i] = Pair(i, found, None)
    return pairs


class _Twins:
    """Rows with the very same wording: the common case of a renumbering."""

    def __init__(self, old: Sequence[Item], new: Sequence[Item]) -> None:
        self.old = old
        self.new = new
        self.new_by_text: dict[str, list[int]] = {}
        for j, item in enumerate(new):
            self.new_by_text.setdefault(item.text, []).append(j)
        self.old_by_text: dict[str, list[int]] = {}
        for i, item in enumerate(old):
            self.old_by_text.setdefault(item.text, []).append(i)

    def elsewhere(self, i: int, j: int) -> bool:
        """Another row of the same bucket has OLD row i's wording, or NEW row j's."""
        old, new = self.old, self.new
        return any(
            k != j and new[k].bucket == old[i].bucket for k in self.new_by_text.get(old[i].text, ())
        ) or any(
            k != i and old[k].bucket == new[j].bucket for k in self.old_by_text.get(new[j].text, ())
        )


Candidate = tuple[float, int, int, int, int]
"""(-score, 0 same home / 1 not, distance of positions, OLD row, NEW row): sorted, best first."""


def _key(old: Item, new: Item, score: float, i: int, j: int) -> Candidate:
    return (-score, 0 if old.home == new.home else 1, abs(old.position - new.position), i, j)


def _sorted(pairs: dict[int, Pair]) -> list[Pair]:
    return sorted(pairs.values(), key=lambda p: (p.new, p.old))


def match_exact(old: Sequence[Item], new: Sequence[Item], threshold: float) -> list[Pair]:
    """Pair rows: by id, then by wording within a bucket, greedy best-first.

    The reference matcher: it scores every pair of free rows in a bucket, so it is quadratic in
    difflib calls. :func:`match` gives the same pairs and scores faster; this one is used when
    rapidfuzz is not installed, and by the tests as the definition.
    """
    pairs = _id_pairs(old, new)
    scorer = _Scorer(old, new)
    score = scorer.score
    twins = _Twins(old, new)

    # An id reused for another row's wording (renumbered rows): break the pair when either row
    # has a clearly better partner by wording. own < threshold here, so any partner reaching
    # the threshold is a better one.
    for i, pair in list(pairs.items()):
        if score(i, pair.new) >= threshold:
            continue
        bucket = old[i].bucket
        better = (
            twins.elsewhere(i, pair.new)
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

    taken_new = {p.new for p in pairs.values()}
    free_old = [i for i in range(len(old)) if i not in pairs]
    free_new = [j for j in range(len(new)) if j not in taken_new]
    candidates: list[Candidate] = []
    for i in free_old:
        a = old[i]
        for j in free_new:
            b = new[j]
            if a.bucket != b.bucket:
                continue
            s = score(i, j) if threshold <= 0 else scorer.at_least(i, j, threshold)
            if s is not None and s >= threshold:
                candidates.append(_key(a, b, s, i, j))
    candidates.sort()
    used_old: set[int] = set()
    used_new: set[int] = set()
    for neg, _same, _dist, i, j in candidates:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs[i] = Pair(i, j, round(-neg, 2))
    return _sorted(pairs)


_SLACK = 1e-6
"""Added to every bound, so that float rounding never puts a bound under the score it bounds."""

_MARGIN = 1e-3
"""Taken off the threshold for rapidfuzz's cutoff, which is not exact at the border (rapidfuzz
3.14 drops a similarity of exactly 0.6 under a cutoff of 0.6, and of 0.599999999)."""


def _small_alphabet(texts: Iterable[str]) -> dict[int, str]:
    """Code point -> one of 256 characters, by frequency rank: the 256 most frequent characters
    get their own, the rarer ones share (rank modulo 256)."""
    counts = Counter("".join(t for t in texts if len(t) <= LONG_TEXT))
    return {ord(c): chr(rank % 256) for rank, (c, _) in enumerate(counts.most_common())}


@dataclass(slots=True)
class _Pool:
    """The rows of one bucket on one side, their texts as rapidfuzz reads them."""

    rows: list[int]
    texts: list[str]
    longest: int


class _Bounds:
    """Upper bounds of the wording similarity, a row against its whole bucket at a time.

    rapidfuzz's Indel similarity is 2·LCS/(len a + len b); difflib's matching blocks form a
    common subsequence, so its ratio never exceeds that. A pair whose bound is under the
    threshold cannot match, and difflib never sees it. Bounds are computed in C, one row
    against a bucket per call, and kept.

    The texts are first written in an alphabet of 256 characters (:func:`_small_alphabet`):
    rapidfuzz compares such text about five times faster than CJK text, and one mapping applied
    to both texts keeps every common subsequence, so the LCS (and the bound) can only grow.
    Texts longer than :data:`LONG_TEXT` are never given to rapidfuzz (a pair holding one is
    scored by ``coarse_ratio``; its bound is 1).
    """

    def __init__(self, old: Sequence[Item], new: Sequence[Item], threshold: float) -> None:
        from rapidfuzz import process
        from rapidfuzz.distance import Indel

        self._extract = process.extract
        self._scorer = Indel.normalized_similarity
        self.old = old
        self.new = new
        self.cutoff = min(1.0, max(0.0, threshold - _MARGIN))
        alphabet = _small_alphabet(item.text for item in (*old, *new))
        self.old_texts = [_in(item.text, alphabet) for item in old]
        self.new_texts = [_in(item.text, alphabet) for item in new]
        self.old_pools = self._pools(old, self.old_texts)
        self.new_pools = self._pools(new, self.new_texts)
        self.near_new_cache: dict[int, list[tuple[int, float]]] = {}
        self.near_old_cache: dict[int, list[tuple[int, float]]] = {}

    @staticmethod
    def _pools(items: Sequence[Item], texts: list[str]) -> dict[Hashable, _Pool]:
        pools: dict[Hashable, _Pool] = {}
        for k, item in enumerate(items):
            pool = pools.get(item.bucket)
            if pool is None:
                pool = pools[item.bucket] = _Pool([], [], 0)
            pool.rows.append(k)
            pool.texts.append(texts[k])
            pool.longest = max(pool.longest, len(texts[k]))
        return pools

    def _near(self, text: str, pool: _Pool | None) -> list[tuple[int, float]]:
        """(row, bound) for the rows of ``pool`` whose bound with ``text`` reaches the cutoff."""
        if pool is None:
            return []
        if len(text) + pool.longest <= LONG_TEXT:
            rows, texts = pool.rows, pool.texts
            out: list[tuple[int, float]] = []
        else:  # a long pair is scored by coarse_ratio, not difflib: no bound but 1
            rows, texts, out = [], [], []
            for k, other in zip(pool.rows, pool.texts, strict=True):
                if len(text) + len(other) > LONG_TEXT:
                    out.append((k, 1.0))
                else:
                    rows.append(k)
                    texts.append(other)
        if texts and len(text) <= LONG_TEXT:
            found = self._extract(
                text, texts, scorer=self._scorer, score_cutoff=self.cutoff, limit=None
            )
            out += [(rows[index], bound + _SLACK) for _, bound, index in found]
        return out

    def near_new(self, i: int) -> list[tuple[int, float]]:
        """NEW rows of OLD row i's bucket that may reach the threshold with it."""
        found = self.near_new_cache.get(i)
        if found is None:
            pool = self.new_pools.get(self.old[i].bucket)
            found = self.near_new_cache[i] = self._near(self.old_texts[i], pool)
        return found

    def near_old(self, j: int) -> list[tuple[int, float]]:
        """OLD rows of NEW row j's bucket that may reach the threshold with it."""
        found = self.near_old_cache.get(j)
        if found is None:
            pool = self.old_pools.get(self.new[j].bucket)
            found = self.near_old_cache[j] = self._near(self.new_texts[j], pool)
        return found


def _in(text: str, alphabet: dict[int, str]) -> str:
    """``text`` in the small alphabet; a text too long for rapidfuzz is kept as it is."""
    return text.translate(alphabet) if len(text) <= LONG_TEXT else text


def match(old: Sequence[Item], new: Sequence[Item], threshold: float) -> list[Pair]:
    """Pair rows: by id, then by wording within a bucket, greedy best-first.

    The same pairs and scores as :func:`match_exact`, found without scoring every pair: the
    candidates come from cheap upper bounds (:class:`_Bounds`), and the greedy choice takes the
    best candidate from a heap ordered by bound, scoring a pair with difflib only when it reaches
    the top (a scored pair goes back with its score; a bound never undercuts its score, so the
    first scored pair on top is the best left). Renumbered, lightly edited rows cost about one
    difflib call each instead of one per pair of rows.
    """
    try:
        bounds = _Bounds(old, new, threshold)
    except ImportError:  # rapidfuzz is a dependency; without it, the same answer, slower
        return match_exact(old, new, threshold)
    pairs = _id_pairs(old, new)
    score = _Scorer(old, new).score
    twins = _Twins(old, new)
    for i, pair in list(pairs.items()):
        j = pair.new
        if score(i, j) >= threshold:
            continue
        if (
            twins.elsewhere(i, j)
            or any(k != j and score(i, k) >= threshold for k, _ in bounds.near_new(i))
            or any(k != i and score(k, j) >= threshold for k, _ in bounds.near_old(j))
        ):
            del pairs[i]

    taken_new = {p.new for p in pairs.values()}
    heap: list[tuple[float, int, int, int, int, bool]] = []
    for i in range(len(old)):
        if i in pairs:
            continue
        for j, bound in bounds.near_new(i):
            if j not in taken_new:
                heap.append((*_key(old[i], new[j], bound, i, j), False))
    heapq.heapify(heap)
    used_new: set[int] = set()
    while heap:
        neg, same, dist, i, j, exact = heapq.heappop(heap)
        if i in pairs or j in used_new:
            continue
        if not exact:
            s = score(i, j)
            if s >= threshold:
                heapq.heappush(heap, (-s, same, dist, i, j, True))
            continue
        used_new.add(j)
        pairs[i] = Pair(i, j, round(-neg, 2))
    return _sorted(pairs)


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
