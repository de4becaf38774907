"""Compare two declarations -> a list of frozen :class:`Change` records (the library behind
``perfdecl diff``).

The core knows nothing of the CLI or of rich: it matches the parts of two declarations, says what
changed and in which direction, and returns data that the diff reporters render.

Matching, in short (docs/diff.md has the details):

* goal strands, 一级 and indicators match by ``id``; what is left matches by wording similarity
  (``difflib`` ratio on normalised text, greedy best-first, at least ``similarity``), for
  indicators only within the same canonical 一级/二级 (:mod:`perfdecl.model.frameworks`);
* 二级 groups match by canonical name inside matched 一级;
* an id kept for a row whose wording now belongs to another row (a renumbering that reuses ids)
  is not trusted: the pair is broken and the rows re-matched by wording;
* reordering alone never shows: positions are not compared.

Wording is compared after removing the leading item number ("3." / "三、") and with the
declaration year neutralised, so renumbered rows and "2019年" -> "2020年" are not changes.
Deadlines are compared relative to the declaration year for the same reason.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import subprocess
import unicodedata
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from typing import Protocol

from perfdecl.loader import DEFAULT_LIMITS, Limits, SourceMap
from perfdecl.model import Comparison, Declaration, IndicatorKind, Target
from perfdecl.model.rows import GroupRow, IndicatorRow, Level1Row, group_rows, indicator_rows
from perfdecl.model.rows import level1_rows as _level1_rows
from perfdecl.problem import Message, Problem, Severity

# --- the records -------------------------------------------------------------------------


class ChangeKind(StrEnum):
    """What changed; the ``kind`` field of the JSON output."""

    HEADER = "header-changed"
    FUNDS = "funds-changed"
    GOAL_ADDED = "goal-added"
    GOAL_REMOVED = "goal-removed"
    GOAL_RENAMED = "goal-renamed"
    GOAL_CHANGED = "goal-changed"
    GROUP_ADDED = "group-added"
    GROUP_REMOVED = "group-removed"
    GROUP_RENAMED = "group-renamed"
    INDICATOR_ADDED = "indicator-added"
    INDICATOR_REMOVED = "indicator-removed"
    INDICATOR_RENAMED = "indicator-renamed"
    INDICATOR_MOVED = "indicator-moved"
    INDICATOR_CHANGED = "indicator-changed"
    TARGET_ADDED = "target-added"
    TARGET_REMOVED = "target-removed"
    TARGET_CHANGED = "target-changed"
    FINDING = "finding"


class Direction(StrEnum):
    """Whether a change makes the commitments stronger or weaker."""

    STRONGER = "stronger"
    WEAKER = "weaker"
    UNKNOWN = "unknown"  # changed, but no rule says which way is better
    NOT_COMPARABLE = "not-comparable"  # the unit changed
    NONE = "none"  # not a target: header, money, wording, structure


class FailOn(StrEnum):
    """Which changes make ``perfdecl diff`` exit 1."""

    WEAKER = "weaker"
    REMOVED = "removed"
    ANY = "any"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    name: str
    severity: Severity
    summary: Message


DIFF_CODES: dict[str, CodeInfo] = {
    c.code: c
    for c in (
        CodeInfo(
            "PD300",
            "header-changed",
            Severity.INFO,
            Message("表头字段变化。", "A header field changed."),
        ),
        CodeInfo(
            "PD301",
            "target-weakened",
            Severity.WARNING,
            Message("指标值降低（更宽松）。", "A target got weaker."),
        ),
        CodeInfo(
            "PD302",
            "indicator-removed",
            Severity.WARNING,
            Message("删除了指标。", "An indicator was removed."),
        ),
        CodeInfo(
            "PD303",
            "unit-changed",
            Severity.WARNING,
            Message("计量单位变化，无法比较。", "The unit changed; not comparable."),
        ),
        CodeInfo(
            "PD304",
            "funds-without-targets",
            Severity.WARNING,
            Message(
                "资金变化较大而指标未变（目标与资金不匹配）。",
                "Funds moved a lot while every target stayed the same.",
            ),
        ),
        CodeInfo(
            "PD305",
            "year-order",
            Severity.WARNING,
            Message(
                "比较的年度相同，或旧文件年度更新。",
                "Same year on both sides, or OLD is newer than NEW.",
            ),
        ),
        CodeInfo(
            "PD306",
            "weakened-without-note",
            Severity.WARNING,
            Message(
                "延续的指标降低但未说明理由（note）。",
                "A recurring target got weaker with no note.",
            ),
        ),
        CodeInfo(
            "PD307",
            "target-removed",
            Severity.WARNING,
            Message("保留的指标删除了指标值。", "A target was removed from a kept indicator."),
        ),
        CodeInfo("PD310", "funds-changed", Severity.INFO, Message("资金变化。", "Funds changed.")),
        CodeInfo(
            "PD311",
            "indicator-added",
            Severity.INFO,
            Message("新增指标。", "An indicator was added."),
        ),
        CodeInfo(
            "PD312",
            "indicator-renamed",
            Severity.INFO,
            Message(
                "指标编号变化（按文字匹配）。", "An indicator's id changed (matched by wording)."
            ),
        ),
        CodeInfo(
            "PD313",
            "indicator-moved",
            Severity.INFO,
            Message("指标移到了另一个一级/二级指标下。", "An indicator moved to another group."),
        ),
        CodeInfo(
            "PD314",
            "indicator-changed",
            Severity.INFO,
            Message("指标文字、性质或备注变化。", "An indicator's wording, kind or note changed."),
        ),
        CodeInfo(
            "PD320",
            "target-strengthened",
            Severity.INFO,
            Message("指标值提高（更严格）。", "A target got stronger."),
        ),
        CodeInfo(
            "PD321",
            "target-changed",
            Severity.INFO,
            Message("指标值变化，方向无法判断。", "A target changed; direction unknown."),
        ),
        CodeInfo(
            "PD322",
            "target-added",
            Severity.INFO,
            Message("保留的指标新增了指标值。", "A target was added to a kept indicator."),
        ),
        CodeInfo(
            "PD330",
            "goal-added",
            Severity.INFO,
            Message("新增绩效目标。", "A goal strand was added."),
        ),
        CodeInfo(
            "PD331",
            "goal-removed",
            Severity.WARNING,
            Message("删除了绩效目标。", "A goal strand was removed."),
        ),
        CodeInfo(
            "PD332",
            "goal-renamed",
            Severity.INFO,
            Message("绩效目标编号变化。", "A goal strand's id changed."),
        ),
        CodeInfo(
            "PD333",
            "goal-changed",
            Severity.INFO,
            Message("绩效目标文字变化。", "A goal strand's wording changed."),
        ),
        CodeInfo(
            "PD340",
            "group-added",
            Severity.INFO,
            Message("新增一级或二级指标。", "A level-1 or level-2 group was added."),
        ),
        CodeInfo(
            "PD341",
            "group-removed",
            Severity.WARNING,
            Message("删除了一级或二级指标。", "A level-1 or level-2 group was removed."),
        ),
        CodeInfo(
            "PD342",
            "group-renamed",
            Severity.INFO,
            Message(
                "一级或二级指标的名称、编号或对应目标变化。", "A group's name, id or goal changed."
            ),
        ),
    )
}
"""Every diff code with its default severity; documented in docs/diff.md."""


@dataclass(frozen=True, slots=True)
class TargetView:
    """A target as the JSON output shows it: every number as exact decimal text."""

    name: str | None
    comparison: str
    value: str | None
    unit: str | None
    deadline: str | None
    weight: str | None
    direction: str | None

    @classmethod
    def of(cls, t: Target) -> TargetView:
        return cls(
            t.name,
            t.comparison.value,
            _num(t.value) if isinstance(t.value, Decimal) else t.value,
            t.unit,
            t.deadline.isoformat() if t.deadline else None,
            _num(t.weight) if t.weight is not None else None,
            t.direction.value if t.direction else None,
        )

    def to_dict(self) -> dict[str, str | None]:
        return {
            "name": self.name,
            "comparison": self.comparison,
            "value": self.value,
            "unit": self.unit,
            "deadline": self.deadline,
            "weight": self.weight,
            "direction": self.direction,
        }


Segment = tuple[str, str]
"""A piece of a wording diff: (op, text) with op "=" kept, "-" removed, "+" added."""


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between OLD and NEW (or one cross-year finding about them).

    ``id`` is the NEW side's id (OLD's for a removal), ``old_id`` the OLD side's when it
    differs. ``line``/``column`` locate the change in NEW (for a removal: the nearest kept
    container), ``old_line``/``old_column`` in OLD. ``ignored`` holds the accepted reason when
    the configuration lists the change.
    """

    code: str
    kind: ChangeKind
    direction: Direction
    severity: Severity
    message: Message
    id: str | None = None
    old_id: str | None = None
    old_pointer: str | None = None
    new_pointer: str | None = None
    old: str | None = None
    new: str | None = None
    old_target: TargetView | None = None
    new_target: TargetView | None = None
    delta: str | None = None
    percent: str | None = None
    score: float | None = None
    wording: tuple[Segment, ...] = ()
    line: int | None = None
    column: int | None = None
    old_line: int | None = None
    old_column: int | None = None
    ignored: str | None = None

    def fails(self, fail_on: FailOn) -> bool:
        """True when this change sets exit code 1 under ``--fail-on``."""
        if self.ignored is not None or fail_on is FailOn.NONE:
            return False
        if fail_on is FailOn.ANY:
            return self.code != "PD305"
        removed = self.kind in _REMOVALS
        if fail_on is FailOn.REMOVED:
            return removed
        return self.kind is not ChangeKind.FINDING and (
            removed or self.direction in (Direction.WEAKER, Direction.NOT_COMPARABLE)
        )


_REMOVALS = frozenset(
    {
        ChangeKind.INDICATOR_REMOVED,
        ChangeKind.TARGET_REMOVED,
        ChangeKind.GOAL_REMOVED,
        ChangeKind.GROUP_REMOVED,
    }
)


@dataclass(frozen=True, slots=True)
class DiffResult:
    """The changes between two declarations, and the cross-year findings about them."""

    old_file: str
    new_file: str
    old_year: int
    new_year: int
    changes: tuple[Change, ...]
    findings: tuple[Change, ...] = ()

    @property
    def all(self) -> tuple[Change, ...]:
        return self.changes + self.findings

    def failing(self, fail_on: FailOn) -> tuple[Change, ...]:
        return tuple(c for c in self.all if c.fails(fail_on))

    def exit_code(self, fail_on: FailOn) -> int:
        """0 no failing change, 1 failing changes (errors that prevent a diff exit 2 earlier)."""
        return 1 if self.failing(fail_on) else 0


@dataclass(frozen=True, slots=True)
class DiffOptions:
    """How to match and what to flag."""

    similarity: float = 0.6  # least wording similarity for a fallback match
    funds_threshold: Decimal = Decimal(20)  # percent: PD304 beyond this
    limits: Limits = DEFAULT_LIMITS


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a comparison: a loaded declaration and where it came from."""

    file: str
    declaration: Declaration
    source: SourceMap = field(default_factory=SourceMap)


# --- reading the sides ---------------------------------------------------------------------


class SideError(Exception):
    """A side cannot be read or is not a valid declaration; ``problems`` say why."""

    def __init__(self, message: Message, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message.en)
        self.message = message
        self.problems = problems


def split_rev(spec: str) -> tuple[str, str] | None:
    """``REV:PATH`` -> (rev, path); None for a plain path.

    An existing file is always a path, even with a colon in its name; so is ``C:\\...``.
    """
    if os.path.exists(spec) or ":" not in spec:
        return None
    rev, _, path = spec.partition(":")
    if not rev or not path:
        return None
    if len(rev) == 1 and rev.isalpha() and path[:1] in ("\\", "/"):
        return None  # a Windows drive letter
    return rev, path


def read_git(rev: str, path: str, *, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """``git show REV:PATH``, run from the folder holding PATH when it exists.

    PATH is tried relative to that folder first (``REV:./name``), then as git reads it, relative
    to the repository root, from the working folder. Raises :class:`SideError`.
    """
    folder = os.path.dirname(path) or "."
    attempts: list[tuple[str, str]] = []
    if os.path.isdir(folder):
        attempts.append((folder, f"{rev}:./{os.path.basename(path)}"))
    attempts.append((os.getcwd(), f"{rev}:{path}"))
    last = ""
    for cwd, obj in attempts:
        try:
            done = subprocess.run(
                ["git", "show", obj],
                cwd=cwd,
                capture_output=True,
                timeout=60,
                check=False,
            )
        except FileNotFoundError as exc:
            raise SideError(
                Message(
                    "找不到 git 命令；读取 REV:PATH 需要安装 git。",
                    "git is not installed; it is needed to read REV:PATH.",
                )
            ) from exc
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SideError(Message(f"运行 git 失败：{exc}", f"running git failed: {exc}")) from exc
        if done.returncode == 0:
            if len(done.stdout) > limits.max_bytes:
                raise SideError(
                    Message(
                        f"{rev}:{path} 超过大小上限（{limits.max_bytes} 字节）。",
                        f"{rev}:{path} is larger than the limit ({limits.max_bytes} bytes).",
                    )
                )
            return done.stdout
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        last = lines[-1] if lines else f"exit status {done.returncode}"
    raise SideError(
        Message(
            f"无法从 git 读取 {rev}:{path}（{last}）。请检查版本名和路径。",
            f"cannot read {rev}:{path} from git ({last}). Check the revision and the path.",
        )
    )


def load_side(spec: str, *, limits: Limits = DEFAULT_LIMITS) -> Side:
    """Read a path or ``REV:PATH`` and build its declaration; raises :class:`SideError`."""
    from perfdecl.lint import Options, check_bytes
    from perfdecl.loader import read_path

    rev_path = split_rev(spec)
    if rev_path is not None:
        raw = read_git(*rev_path, limits=limits)
    else:
        data, problems = read_path(spec, limits=limits)
        if data is None:
            raise SideError(problems[0].message, tuple(problems))
        raw = data
    result = check_bytes(raw, file=spec, options=Options(limits=limits, run_rules=False))
    errors = tuple(p for p in result.problems if p.severity is Severity.ERROR)
    if result.declaration is None or errors:
        raise SideError(
            Message(
                f"{spec} 不是有效的申报表，无法比较。",
                f"{spec} is not a valid declaration; it cannot be compared.",
            ),
            errors or result.problems,
        )
    return Side(spec, result.declaration, result.source)


# --- text helpers --------------------------------------------------------------------------

_ITEM_NUMBER = re.compile(
    r"^\s*(?:[0-9]+|[一二三四五六七八九十]+|[(（][0-9一二三四五六七八九十]+[)）])\s*[.．、,，)）:：]?\s*"
)
_SPACES = re.compile(r"\s+")
_YEAR_MARK = "\ue000"


LONG_TEXT = 20_000
"""Characters (both wordings together) beyond which texts are compared coarsely: difflib is
quadratic at worst and NFKC costs ~0.4 µs a character; a hostile file's 15 MB text took 16 s to
diff. Real wordings are a few hundred characters."""


@functools.lru_cache(maxsize=4096)
def normalize(text: str | None, year: int | None = None) -> str:
    """Text as compared: NFKC, no leading item number, single spaces, the year neutralised.

    Texts longer than :data:`LONG_TEXT` skip NFKC (they are compared coarsely anyway).
    """
    if not text:
        return ""
    out = unicodedata.normalize("NFKC", text) if len(text) <= LONG_TEXT else text
    out = _ITEM_NUMBER.sub("", out, count=1)
    out = _SPACES.sub(" ", out).strip()
    if year is not None:
        out = out.replace(str(year), _YEAR_MARK)
    return out


_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)*%?|[A-Za-z_]+|\s+|.", re.S)


def tokens(text: str) -> list[str]:
    """Numbers and ASCII words whole, every other character (a CJK character) on its own."""
    return _TOKEN.findall(text)


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, found by comparing halving slices (C speed, no Python loop)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:  # a[:lo] == b[:lo], and the prefix is at most hi long
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


_SHOWN_ENDS = 200
"""Characters kept at each end of a segment of a coarse diff (the rest becomes "…")."""


def _ends(text: str) -> str:
    if len(text) <= 2 * _SHOWN_ENDS + 1:
        return text
    return f"{text[:_SHOWN_ENDS]}…{text[-_SHOWN_ENDS:]}"


def coarse_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The common prefix and suffix kept, everything between shown as one replacement.

    Each segment is shown by its two ends: the wording diff is for reading, and printing
    megabytes of a hostile text took longer than comparing it (the change keeps both texts).
    """
    head = _common_prefix(old, new)
    room = min(len(old), len(new)) - head
    tail = min(_common_prefix(old[::-1], new[::-1]), room)
    parts = (
        ("=", old[:head]),
        ("-", old[head : len(old) - tail]),
        ("+", new[head : len(new) - tail]),
        ("=", old[len(old) - tail :]),
    )
    return tuple((op, _ends(text)) for op, text in parts if text)


def coarse_ratio(a: str, b: str) -> float:
    """A similarity for very long texts: the share of their common beginning and end."""
    if not a and not b:
        return 1.0
    head = _common_prefix(a, b)
    tail = min(_common_prefix(a[::-1], b[::-1]), min(len(a), len(b)) - head)
    return 2 * (head + tail) / (len(a) + len(b))


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """A token-level diff of two wordings, as (op, text) segments with adjacent ops merged."""
    if len(old) + len(new) > LONG_TEXT:
        return coarse_diff(old, new)
    a, b = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out: list[list[str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1][1] += text
        else:
            out.append([op, text])

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("=", "".join(a[i1:i2]))
        else:
            add("-", "".join(a[i1:i2]))
            add("+", "".join(b[j1:j2]))
    return tuple((op, text) for op, text in out)


def similarity(a: str, b: str) -> float:
    """difflib ratio of two normalised wordings (0..1)."""
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _num(value: Decimal) -> str:
    """Exact decimal text without exponent: 14124.71, 15000.00, 0."""
    return format(value, "f")


def _signed(value: Decimal) -> str:
    return format(value, "+f")


_SYMBOL = {
    Comparison.GE: "≥",
    Comparison.LE: "≤",
    Comparison.EQ: "=",
    Comparison.GT: ">",
    Comparison.LT: "<",
    Comparison.APPROX: "≈",
}


def show_target(t: Target | None, lang: str = "zh") -> str:
    """A target as one short phrase: "≥ 50 张", "≤ 2020-12-31", "定性：符合要求"."""
    if t is None:
        return "—"
    if t.comparison is Comparison.QUALITATIVE:
        label = "定性" if lang == "zh" else "qualitative"
        return f"{label}：{t.value}" if t.value else label
    parts = [_SYMBOL[t.comparison]]
    if isinstance(t.value, Decimal):
        unit = "" if not t.unit else t.unit if t.unit in ("%", "‰", "％") else f" {t.unit}"
        parts.append(_num(t.value) + unit)
    if t.deadline is not None:
        parts.append(t.deadline.isoformat())
    return " ".join(parts)


# --- matching ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    """What the matcher sees of a row: id, comparison text, bucket, home and position."""

    id: str | None
    text: str
    bucket: Hashable  # fallback matching only within one bucket
    home: Hashable = None  # the container, in NEW terms (ties go to the same container)
    position: int = 0


@dataclass(frozen=True, slots=True)
class _Pair:
    old: int
    new: int
    score: float | None  # None: matched by id


class _Scorer:
    """Wording similarity of OLD row i and NEW row j, cached, with cheap upper bounds first.

    One ``SequenceMatcher`` per NEW row keeps its index of the second sequence across the OLD
    rows it is compared with (difflib caches information about the second sequence).
    """

    def __init__(self, old: Sequence[_Item], new: Sequence[_Item]) -> None:
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


def match(old: Sequence[_Item], new: Sequence[_Item], threshold: float) -> list[_Pair]:
    """Pair rows: by id, then by wording within a bucket, greedy best-first."""
    new_by_id: dict[str, int] = {}
    for j, item in enumerate(new):
        if item.id is not None:
            new_by_id.setdefault(item.id, j)
    pairs: dict[int, _Pair] = {}
    taken_new: set[int] = set()
    seen_old: set[str] = set()
    for i, item in enumerate(old):
        if item.id is None or item.id in seen_old:
            continue
        seen_old.add(item.id)
        found = new_by_id.get(item.id)
        if found is not None:
            pairs[i] = _Pair(i, found, None)
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
        pairs[i] = _Pair(i, j, round(-neg, 2))
    return sorted(pairs.values(), key=lambda p: (p.new, p.old))


# --- the differ ----------------------------------------------------------------------------


class _Ignore(Protocol):
    @property
    def id(self) -> str | None: ...
    @property
    def pointer(self) -> str | None: ...
    @property
    def reason(self) -> str: ...


def _bound(c: Comparison) -> int:
    """+1 lower bound (≥ >), -1 upper bound (≤ <), 0 a point (= ~)."""
    if c in (Comparison.GE, Comparison.GT):
        return 1
    if c in (Comparison.LE, Comparison.LT):
        return -1
    return 0


def _shift_year(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def target_direction(old: Target, new: Target, year_shift: int = 0) -> Direction | None:
    """The direction of a target change; None when nothing that matters changed.

    ``year_shift`` (NEW year - OLD year) moves OLD's deadline before comparing, so a deadline
    that follows the declaration year is no change.
    """
    old_deadline = _shift_year(old.deadline, year_shift) if old.deadline else None
    same = (
        old.comparison == new.comparison
        and old.value == new.value
        and (old.unit or "") == (new.unit or "")
        and old_deadline == new.deadline
        and old.weight == new.weight
        and old.direction == new.direction
    )
    if same:
        return None
    quant_old = old.comparison is not Comparison.QUALITATIVE
    quant_new = new.comparison is not Comparison.QUALITATIVE
    if quant_old != quant_new:
        return Direction.STRONGER if quant_new else Direction.WEAKER
    if not quant_new:
        return Direction.UNKNOWN
    if (old.unit or "") != (new.unit or "") and (
        isinstance(old.value, Decimal) or isinstance(new.value, Decimal)
    ):
        return Direction.NOT_COMPARABLE
    votes: list[int] = []  # +1 stronger, -1 weaker, 0 unknown
    b_old, b_new = _bound(old.comparison), _bound(new.comparison)
    explicit = new.direction or old.direction
    sense = 1 if explicit is not None and explicit.value == "positive" else -1 if explicit else 0
    if b_old == b_new and b_old != 0:
        sense = b_old
    elif b_old != b_new and b_old and b_new:
        votes.append(0)  # a lower bound became an upper bound: no order
    if isinstance(old.value, Decimal) and isinstance(new.value, Decimal):
        if old.value != new.value:
            diff = 1 if new.value > old.value else -1
            votes.append(diff * sense if sense else 0)
        elif old.comparison != new.comparison:
            strict = {Comparison.GT, Comparison.LT}
            if b_old == b_new and b_old != 0:
                votes.append(1 if new.comparison in strict else -1)
            else:
                votes.append(0)
    elif old.comparison != new.comparison:
        votes.append(0)
    if (old.value is None) != (new.value is None):
        votes.append(1 if new.value is not None else -1)
    if old_deadline != new.deadline:
        if old_deadline and new.deadline:
            votes.append(1 if new.deadline < old_deadline else -1)
        else:
            votes.append(1 if new.deadline else -1)
    if old.weight != new.weight or old.direction != new.direction:
        votes.append(0)
    if votes and all(v == 1 for v in votes):
        return Direction.STRONGER
    if votes and all(v == -1 for v in votes):
        return Direction.WEAKER
    return Direction.UNKNOWN


_DIRECTION_WORDS = {
    Direction.STRONGER: ("提高（更严格）", "stronger"),
    Direction.WEAKER: ("降低（更宽松）", "weaker"),
    Direction.UNKNOWN: ("变化，方向无法判断", "changed, direction unknown"),
    Direction.NOT_COMPARABLE: ("计量单位变化，无法比较", "unit changed, not comparable"),
}


class _Differ:
    def __init__(self, old: Side, new: Side, options: DiffOptions) -> None:
        self.old = old
        self.new = new
        self.o = old.declaration
        self.n = new.declaration
        self.options = options
        self.changes: list[Change] = []
        self.goal_map: dict[str, str] = {}
        self.shift = self.n.year - self.o.year

    # -- emitting --

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
        return normalize(text, self.o.year if side == "old" else self.n.year)

    # -- header and funds --

    _HEADER: tuple[tuple[str, str, str], ...] = (
        ("year", "年度", "year"),
        ("framework", "指标体系", "framework"),
        ("kind", "申报类型", "kind"),
        ("unit", "单位名称", "unit"),
        ("head", "负责人", "head"),
        ("phone", "联系电话", "phone"),
        ("functions", "职能概述", "functions"),
        ("remarks", "其他说明的问题", "remarks"),
    )

    def header(self) -> None:
        for name, zh, en in self._HEADER:
            a, b = getattr(self.o, name), getattr(self.n, name)
            a_text = None if a is None else str(getattr(a, "value", a))
            b_text = None if b is None else str(getattr(b, "value", b))
            self._text_field(
                f"/{name}", zh, en, a_text, b_text, plain=name not in ("functions", "remarks")
            )
        lead_o = self.o.goals.lead if self.o.goals else None
        lead_n = self.n.goals.lead if self.n.goals else None
        self._text_field("/goals/lead", "总体目标", "goals lead", lead_o, lead_n, plain=False)
        po, pn = self.o.project, self.n.project
        self._text_field(
            "/project/name",
            "项目名称",
            "project name",
            po.name if po else None,
            pn.name if pn else None,
            plain=True,
        )
        period_o = f"{po.period.start}/{po.period.end}" if po and po.period else None
        period_n = f"{pn.period.start}/{pn.period.end}" if pn and pn.period else None
        if period_o != period_n:
            self.emit(
                "PD300",
                ChangeKind.HEADER,
                Message(
                    f"实施期限：{period_o or '—'} → {period_n or '—'}",
                    f"project period: {period_o or '—'} -> {period_n or '—'}",
                ),
                old_pointer="/project/period" if period_o else None,
                new_pointer="/project/period" if period_n else None,
                anchor="",
                old=period_o,
                new=period_n,
            )

    def _text_field(
        self, pointer: str, zh: str, en: str, a: str | None, b: str | None, *, plain: bool
    ) -> None:
        if plain:
            if (a or "") == (b or ""):
                return
        elif self.text_key(a, "old") == self.text_key(b, "new"):
            return
        wording = () if plain or a is None or b is None else word_diff(a, b)
        shown_a = a if plain else _short(a)
        shown_b = b if plain else _short(b)
        self.emit(
            "PD300",
            ChangeKind.HEADER,
            Message(
                f"{zh}：{shown_a or '—'} → {shown_b or '—'}",
                f"{en}: {shown_a or '—'} -> {shown_b or '—'}",
            ),
            old_pointer=pointer if a is not None else None,
            new_pointer=pointer if b is not None else None,
            anchor="",
            old=a,
            new=b,
            wording=wording,
        )

    _FUNDS: tuple[tuple[str, str, str], ...] = (
        ("total", "资金总额", "total"),
        ("basic", "基本支出", "basic expenditure"),
        ("project", "项目支出", "project expenditure"),
        ("other", "其他", "other"),
    )

    def funds(self) -> None:
        fo, fn = self.o.funds, self.n.funds
        rows: list[tuple[str, str, str, Decimal | None, Decimal | None]] = [
            (
                f"/funds/{name}",
                zh,
                en,
                getattr(fo, name) if fo else None,
                getattr(fn, name) if fn else None,
            )
            for name, zh, en in self._FUNDS
        ]
        po, pn = self.o.project, self.n.project
        rows.append(
            (
                "/project/amount",
                "项目资金",
                "project amount",
                po.amount if po else None,
                pn.amount if pn else None,
            )
        )
        for pointer, zh, en, a, b in rows:
            if a == b:
                continue
            delta = percent = None
            if a is not None and b is not None:
                d = b - a
                delta = _signed(d)
                p = relative_change(a, b)
                percent = None if p is None else _signed(p) + "%"
            tail_zh = f"，{delta}" + (f"，{percent}" if percent else "") if delta else ""
            tail_en = f", {delta}" + (f", {percent}" if percent else "") if delta else ""
            sa = _num(a) if a is not None else None
            sb = _num(b) if b is not None else None
            self.emit(
                "PD310",
                ChangeKind.FUNDS,
                Message(
                    f"{zh}（万元）：{sa or '—'} → {sb or '—'}{tail_zh}",
                    f"{en} (万元): {sa or '—'} -> {sb or '—'}{tail_en}",
                ),
                old_pointer=pointer if a is not None else None,
                new_pointer=pointer if b is not None else None,
                anchor="/funds" if pointer.startswith("/funds") else "/project",
                old=sa,
                new=sb,
                delta=delta,
                percent=percent,
            )

    # -- goals --

    def goals(self) -> None:
        so = self.o.goals.strands if self.o.goals else []
        sn = self.n.goals.strands if self.n.goals else []
        old_items = [
            _Item(s.id, self.text_key(s.text, "old"), None, position=i) for i, s in enumerate(so)
        ]
        new_items = [
            _Item(s.id, self.text_key(s.text, "new"), None, position=j) for j, s in enumerate(sn)
        ]
        pairs = match(old_items, new_items, self.options.similarity)
        matched_old = {p.old for p in pairs}
        matched_new = {p.new for p in pairs}
        for p in pairs:
            a, b = so[p.old], sn[p.new]
            self.goal_map[a.id] = b.id
            op, np_ = f"/goals/strands/{p.old}", f"/goals/strands/{p.new}"
            if a.id != b.id:
                self.emit(
                    "PD332",
                    ChangeKind.GOAL_RENAMED,
                    Message(
                        f"绩效目标编号 {a.id} → {b.id}（文字相似度 {_pct(p.score)}）。",
                        f"goal strand id {a.id} -> {b.id} (wording similarity {_pct(p.score)}).",
                    ),
                    old_pointer=op,
                    new_pointer=np_,
                    id=b.id,
                    old_id=a.id,
                    old=a.id,
                    new=b.id,
                    score=p.score,
                )
            if old_items[p.old].text != new_items[p.new].text:
                self.emit(
                    "PD333",
                    ChangeKind.GOAL_CHANGED,
                    Message(f"绩效目标 {b.id} 文字变化。", f"goal strand {b.id}: wording changed."),
                    old_pointer=f"{op}/text",
                    new_pointer=f"{np_}/text",
                    id=b.id,
                    old_id=a.id if a.id != b.id else None,
                    old=a.text,
                    new=b.text,
                    wording=word_diff(a.text, b.text),
                )
        for j, s in enumerate(sn):
            if j not in matched_new:
                self.emit(
                    "PD330",
                    ChangeKind.GOAL_ADDED,
                    Message(
                        f"新增绩效目标 {s.id}：{_short(s.text)}",
                        f"goal strand {s.id} added: {_short(s.text)}",
                    ),
                    new_pointer=f"/goals/strands/{j}",
                    id=s.id,
                    new=s.text,
                )
        for i, s in enumerate(so):
            if i not in matched_old:
                self.emit(
                    "PD331",
                    ChangeKind.GOAL_REMOVED,
                    Message(
                        f"删除了绩效目标 {s.id}：{_short(s.text)}",
                        f"goal strand {s.id} removed: {_short(s.text)}",
                    ),
                    direction=Direction.WEAKER,
                    old_pointer=f"/goals/strands/{i}",
                    anchor="/goals/strands" if sn else "",
                    id=s.id,
                    old=s.text,
                )

    # -- the indicator table --

    def table(self) -> None:
        lo = list(_level1_rows(self.o))
        ln = list(_level1_rows(self.n))

        def l1_item(row: Level1Row, side: str, position: int) -> _Item:
            title = row.name.title or row.level1.name
            return _Item(
                row.level1.id,
                self.text_key(title, side),
                row.canonical or row.level1.name,
                position=position,
            )

        l1_pairs = match(
            [l1_item(r, "old", i) for i, r in enumerate(lo)],
            [l1_item(r, "new", j) for j, r in enumerate(ln)],
            self.options.similarity,
        )
        l1_map = {p.old: p.new for p in l1_pairs}
        for p in l1_pairs:
            a, b = lo[p.old], ln[p.new]
            notes_zh: list[str] = []
            notes_en: list[str] = []
            if a.level1.id != b.level1.id:
                notes_zh.append(f"编号 {a.level1.id} → {b.level1.id}（相似度 {_pct(p.score)}）")
                notes_en.append(f"id {a.level1.id} -> {b.level1.id} (similarity {_pct(p.score)})")
            if self.text_key(a.level1.name, "old") != self.text_key(b.level1.name, "new"):
                notes_zh.append(f"名称 {a.level1.name} → {b.level1.name}")
                notes_en.append(f"name {a.level1.name} -> {b.level1.name}")
            goal_a = self.goal_map.get(a.level1.goal, a.level1.goal) if a.level1.goal else None
            if goal_a != b.level1.goal:
                notes_zh.append(f"对应目标 {a.level1.goal or '—'} → {b.level1.goal or '—'}")
                notes_en.append(f"goal {a.level1.goal or '—'} -> {b.level1.goal or '—'}")
            if notes_zh:
                self.emit(
                    "PD342",
                    ChangeKind.GROUP_RENAMED,
                    Message(
                        f"一级指标 {b.level1.id}：" + "；".join(notes_zh) + "。",
                        f"level-1 {b.level1.id}: " + "; ".join(notes_en) + ".",
                    ),
                    old_pointer=a.pointer,
                    new_pointer=b.pointer,
                    id=b.level1.id,
                    old_id=a.level1.id if a.level1.id != b.level1.id else None,
                    old=a.level1.name,
                    new=b.level1.name,
                    score=p.score,
                )
        for j, r in enumerate(ln):
            if j not in l1_map.values():
                self.emit(
                    "PD340",
                    ChangeKind.GROUP_ADDED,
                    Message(
                        f"新增一级指标 {r.level1.id}：{r.level1.name}",
                        f"level-1 {r.level1.id} added: {r.level1.name}",
                    ),
                    new_pointer=r.pointer,
                    id=r.level1.id,
                    new=r.level1.name,
                )
        for i, r in enumerate(lo):
            if i not in l1_map:
                self.emit(
                    "PD341",
                    ChangeKind.GROUP_REMOVED,
                    Message(
                        f"删除了一级指标 {r.level1.id}：{r.level1.name}",
                        f"level-1 {r.level1.id} removed: {r.level1.name}",
                    ),
                    old_pointer=r.pointer,
                    anchor="/indicators",
                    id=r.level1.id,
                    old=r.level1.name,
                )

        # 二级 groups, inside matched 一级, by canonical name.
        go = list(group_rows(self.o))
        gn = list(group_rows(self.n))
        group_map: dict[tuple[int, int], tuple[int, int]] = {}
        for p in l1_pairs:
            olds = [g for g in go if g.parent.index == p.old]
            news = [g for g in gn if g.parent.index == p.new]
            pairs = match(
                [
                    _Item(None, g.group.name, g.canonical or g.group.name, position=g.index)
                    for g in olds
                ],
                [
                    _Item(None, g.group.name, g.canonical or g.group.name, position=g.index)
                    for g in news
                ],
                0.0,
            )
            for gp in pairs:
                ga, gb = olds[gp.old], news[gp.new]
                group_map[(ga.parent.index, ga.index)] = (gb.parent.index, gb.index)
                if ga.group.name != gb.group.name:
                    self.emit(
                        "PD342",
                        ChangeKind.GROUP_RENAMED,
                        Message(
                            f"二级指标更名：{ga.group.name} → {gb.group.name}（{ln[p.new].level1.name}）",
                            f"level-2 renamed: {ga.group.name} -> {gb.group.name} ({ln[p.new].level1.id})",
                        ),
                        old_pointer=f"{ga.pointer}/name",
                        new_pointer=f"{gb.pointer}/name",
                        id=ln[p.new].level1.id,
                        old=ga.group.name,
                        new=gb.group.name,
                    )
            kept_new = {gp.new for gp in pairs}
            kept_old = {gp.old for gp in pairs}
            for k, g in enumerate(news):
                if k not in kept_new:
                    self.emit(
                        "PD340",
                        ChangeKind.GROUP_ADDED,
                        Message(
                            f"新增二级指标：{g.group.name}（{ln[p.new].level1.name}）",
                            f"level-2 added: {g.group.name} ({ln[p.new].level1.id})",
                        ),
                        new_pointer=g.pointer,
                        id=ln[p.new].level1.id,
                        new=g.group.name,
                    )
            for k, g in enumerate(olds):
                if k not in kept_old:
                    self.emit(
                        "PD341",
                        ChangeKind.GROUP_REMOVED,
                        Message(
                            f"删除了二级指标：{g.group.name}（{lo[p.old].level1.name}）",
                            f"level-2 removed: {g.group.name} ({lo[p.old].level1.id})",
                        ),
                        old_pointer=g.pointer,
                        anchor=ln[p.new].pointer,
                        id=ln[p.new].level1.id,
                        old=g.group.name,
                    )

        start = len(self.changes)
        self.indicators(group_map, l1_map, ln)
        # Removals and additions sit where they happened, not after every kept row.
        self.changes[start:] = sorted(self.changes[start:], key=lambda c: c.line or 0)

    def indicators(
        self,
        group_map: dict[tuple[int, int], tuple[int, int]],
        l1_map: dict[int, int],
        ln: list[Level1Row],
    ) -> None:
        ro = list(indicator_rows(self.o))
        rn = list(indicator_rows(self.n))

        def where(g: GroupRow) -> tuple[int, int]:
            return (g.parent.index, g.index)

        def bucket(r: IndicatorRow) -> Hashable:
            return (r.level1 or r.group_row.parent.level1.name, r.level2 or r.group_row.group.name)

        old_items = [
            _Item(
                r.item.id,
                self.text_key(r.item.text, "old"),
                bucket(r),
                group_map.get(where(r.group_row)),
                k,
            )
            for k, r in enumerate(ro)
        ]
        new_items = [
            _Item(r.item.id, self.text_key(r.item.text, "new"), bucket(r), where(r.group_row), k)
            for k, r in enumerate(rn)
        ]
        pairs = match(old_items, new_items, self.options.similarity)
        matched_old = {p.old for p in pairs}
        matched_new = {p.new for p in pairs}
        removed_or_added: list[tuple[int, bool]] = [
            (j, True) for j in range(len(rn)) if j not in matched_new
        ]
        removed_or_added += [(i, False) for i in range(len(ro)) if i not in matched_old]

        for p in pairs:
            a, b = ro[p.old], rn[p.new]
            moved = old_items[p.old].home != new_items[p.new].home
            ia, ib = a.item, b.item
            how_zh = f"（文字相似度 {_pct(p.score)}）" if p.score is not None else ""
            how_en = f" (wording similarity {_pct(p.score)})" if p.score is not None else ""
            place_a = f"{a.group_row.parent.level1.name} / {a.group_row.group.name}"
            place_b = f"{b.group_row.parent.level1.name} / {b.group_row.group.name}"
            if moved:
                ids_zh = f"{ia.id} → {ib.id}" if ia.id != ib.id else ib.id
                self.emit(
                    "PD313",
                    ChangeKind.INDICATOR_MOVED,
                    Message(
                        f"指标 {ids_zh} 从“{place_a}”移到“{place_b}”{how_zh}。",
                        f"indicator {ids_zh.replace('→', '->')} moved from {place_a} to {place_b}{how_en}.",
                    ),
                    old_pointer=a.pointer,
                    new_pointer=b.pointer,
                    id=ib.id,
                    old_id=ia.id if ia.id != ib.id else None,
                    old=place_a,
                    new=place_b,
                    score=p.score,
                )
            elif ia.id != ib.id:
                self.emit(
                    "PD312",
                    ChangeKind.INDICATOR_RENAMED,
                    Message(
                        f"指标编号 {ia.id} → {ib.id}{how_zh}。",
                        f"indicator id {ia.id} -> {ib.id}{how_en}.",
                    ),
                    old_pointer=a.pointer,
                    new_pointer=b.pointer,
                    id=ib.id,
                    old_id=ia.id,
                    old=ia.id,
                    new=ib.id,
                    score=p.score,
                )
            self.indicator_fields(a, b)
            self.targets(a, b)

        for k, is_new in removed_or_added:
            if is_new:
                r = rn[k]
                self.emit(
                    "PD311",
                    ChangeKind.INDICATOR_ADDED,
                    Message(
                        f"新增指标 {r.item.id}：{_short(r.item.text)}",
                        f"indicator {r.item.id} added: {_short(r.item.text)}",
                    ),
                    direction=Direction.STRONGER,
                    new_pointer=r.pointer,
                    id=r.item.id,
                    new=r.item.text,
                )
            else:
                r = ro[k]
                target = group_map.get(where(r.group_row))
                if target is not None:
                    anchor = f"/indicators/{target[0]}/groups/{target[1]}"
                elif r.group_row.parent.index in l1_map:
                    anchor = ln[l1_map[r.group_row.parent.index]].pointer
                else:
                    anchor = "/indicators"
                self.emit(
                    "PD302",
                    ChangeKind.INDICATOR_REMOVED,
                    Message(
                        f"删除了指标 {r.item.id}：{_short(r.item.text)}",
                        f"indicator {r.item.id} removed: {_short(r.item.text)}",
                    ),
                    direction=Direction.WEAKER,
                    old_pointer=r.pointer,
                    anchor=anchor,
                    id=r.item.id,
                    old=r.item.text,
                )

    def indicator_fields(self, a: IndicatorRow, b: IndicatorRow) -> None:
        ia, ib = a.item, b.item
        old_id = ia.id if ia.id != ib.id else None
        if self.text_key(ia.text, "old") != self.text_key(ib.text, "new"):
            self.emit(
                "PD314",
                ChangeKind.INDICATOR_CHANGED,
                Message(f"指标 {ib.id} 文字变化。", f"indicator {ib.id}: wording changed."),
                old_pointer=f"{a.pointer}/text",
                new_pointer=f"{b.pointer}/text",
                id=ib.id,
                old_id=old_id,
                old=ia.text,
                new=ib.text,
                wording=word_diff(ia.text, ib.text),
            )
        if ia.kind != ib.kind:
            direction = Direction.UNKNOWN
            if ia.kind is not None and ib.kind is not None:
                direction = (
                    Direction.STRONGER
                    if ib.kind is IndicatorKind.QUANTITATIVE
                    else Direction.WEAKER
                )
            ka = ia.kind.value if ia.kind else None
            kb = ib.kind.value if ib.kind else None
            self.emit(
                "PD314",
                ChangeKind.INDICATOR_CHANGED,
                Message(
                    f"指标 {ib.id} 性质：{_kind_zh(ia.kind)} → {_kind_zh(ib.kind)}。",
                    f"indicator {ib.id}: kind {ka or '—'} -> {kb or '—'}.",
                ),
                direction=direction,
                old_pointer=f"{a.pointer}/kind" if ia.kind else a.pointer,
                new_pointer=f"{b.pointer}/kind" if ib.kind else b.pointer,
                id=ib.id,
                old_id=old_id,
                old=ka,
                new=kb,
            )
        if (ia.note or "") != (ib.note or ""):
            self.emit(
                "PD314",
                ChangeKind.INDICATOR_CHANGED,
                Message(
                    f"指标 {ib.id} 备注：{ia.note or '—'} → {ib.note or '—'}",
                    f"indicator {ib.id}: note {ia.note or '—'} -> {ib.note or '—'}",
                ),
                old_pointer=f"{a.pointer}/note" if ia.note else a.pointer,
                new_pointer=f"{b.pointer}/note" if ib.note else b.pointer,
                id=ib.id,
                old_id=old_id,
                old=ia.note,
                new=ib.note,
            )

    def targets(self, a: IndicatorRow, b: IndicatorRow) -> None:
        ta, tb = a.item.targets, b.item.targets
        pairs = match_targets(ta, tb)
        ib = b.item
        old_id = a.item.id if a.item.id != ib.id else None
        for i, j in pairs:
            x, y = ta[i], tb[j]
            direction = target_direction(x, y, self.shift)
            if direction is None:
                continue
            code = {
                Direction.STRONGER: "PD320",
                Direction.WEAKER: "PD301",
                Direction.NOT_COMPARABLE: "PD303",
            }.get(direction, "PD321")
            name = y.name or x.name or f"#{j + 1}"
            word_zh, word_en = _DIRECTION_WORDS[direction]
            sx, sy = show_target(x), show_target(y)
            change = self.emit(
                code,
                ChangeKind.TARGET_CHANGED,
                Message(
                    f"{ib.id} {name}：{sx} → {sy}，{word_zh}。",
                    f"{ib.id} {name}: {show_target(x, 'en')} -> {show_target(y, 'en')}, {word_en}.",
                ),
                direction=direction,
                old_pointer=f"{a.pointer}/targets/{i}",
                new_pointer=f"{b.pointer}/targets/{j}",
                id=ib.id,
                old_id=old_id,
                old=sx,
                new=sy,
                old_target=TargetView.of(x),
                new_target=TargetView.of(y),
            )
            self._note_check(change, b)
        matched_b = {j for _, j in pairs}
        matched_a = {i for i, _ in pairs}
        for j, y in enumerate(tb):
            if j not in matched_b:
                name = y.name or f"#{j + 1}"
                self.emit(
                    "PD322",
                    ChangeKind.TARGET_ADDED,
                    Message(
                        f"{ib.id} 新增指标值 {name}：{show_target(y)}。",
                        f"{ib.id}: target {name} added: {show_target(y, 'en')}.",
                    ),
                    direction=Direction.STRONGER,
                    new_pointer=f"{b.pointer}/targets/{j}",
                    id=ib.id,
                    old_id=old_id,
                    new=show_target(y),
                    new_target=TargetView.of(y),
                )
        for i, x in enumerate(ta):
            if i not in matched_a:
                name = x.name or f"#{i + 1}"
                change = self.emit(
                    "PD307",
                    ChangeKind.TARGET_REMOVED,
                    Message(
                        f"{ib.id} 删除了指标值 {name}：{show_target(x)}。",
                        f"{ib.id}: target {name} removed: {show_target(x, 'en')}.",
                    ),
                    direction=Direction.WEAKER,
                    old_pointer=f"{a.pointer}/targets/{i}",
                    anchor=b.pointer,
                    id=ib.id,
                    old_id=old_id,
                    old=show_target(x),
                    old_target=TargetView.of(x),
                )
                self._note_check(change, b)

    def _note_check(self, change: Change, b: IndicatorRow) -> None:
        """PD306: a recurring target got weaker and NEW gives no note saying why."""
        if change.direction is not Direction.WEAKER or (b.item.note or "").strip():
            return
        self.findings.append(
            replace(
                change,
                code="PD306",
                kind=ChangeKind.FINDING,
                severity=DIFF_CODES["PD306"].severity,
                message=Message(
                    f"{b.item.id}：延续的指标值降低，但未在 note（备注）中说明理由。",
                    f"{b.item.id}: a recurring target got weaker and the indicator has no note "
                    "explaining why.",
                ),
                wording=(),
            )
        )

    findings: list[Change]

    # -- cross-year checks --

    def cross_year(self) -> None:
        o, n = self.o, self.n
        if n.year <= o.year:
            same = n.year == o.year
            span = self.new.source.locate("/year")
            old_span = self.old.source.locate("/year")
            self.findings.insert(
                0,
                Change(
                    "PD305",
                    ChangeKind.FINDING,
                    Direction.NONE,
                    DIFF_CODES["PD305"].severity,
                    Message(
                        f"两个文件的年度相同（{n.year}）：这是同一年度的两个版本，而非跨年度比较。"
                        if same
                        else f"旧文件的年度（{o.year}）比新文件（{n.year}）更新：OLD 和 NEW 是否写反了？",
                        f"both files are for {n.year}: two versions of one year, not a year-on-year comparison."
                        if same
                        else f"OLD ({o.year}) is newer than NEW ({n.year}): are OLD and NEW swapped?",
                    ),
                    old_pointer="/year",
                    new_pointer="/year",
                    old=str(o.year),
                    new=str(n.year),
                    line=span.line if span else None,
                    column=span.column if span else None,
                    old_line=old_span.line if old_span else None,
                    old_column=old_span.column if old_span else None,
                ),
            )
        target_kinds = {
            ChangeKind.TARGET_CHANGED,
            ChangeKind.TARGET_ADDED,
            ChangeKind.TARGET_REMOVED,
            ChangeKind.INDICATOR_ADDED,
            ChangeKind.INDICATOR_REMOVED,
        }
        if any(c.kind in target_kinds for c in self.changes):
            return
        for c in self.changes:
            if c.kind is not ChangeKind.FUNDS or c.new_pointer not in (
                "/funds/total",
                "/project/amount",
            ):
                continue
            if c.old is None or c.new is None:
                continue
            rel = relative_change(Decimal(c.old), Decimal(c.new))
            if rel is not None and abs(rel) <= self.options.funds_threshold:
                continue
            self.findings.append(
                replace(
                    c,
                    code="PD304",
                    kind=ChangeKind.FINDING,
                    severity=DIFF_CODES["PD304"].severity,
                    message=Message(
                        f"资金变化 {c.percent or c.delta}（超过 {_num(self.options.funds_threshold)}%），"
                        "但所有指标值都没有变化：目标与资金不匹配。",
                        f"funds moved {c.percent or c.delta} (more than {_num(self.options.funds_threshold)}%) "
                        "while every target stayed the same: targets not matched to the money.",
                    ),
                )
            )

    def run(self) -> DiffResult:
        self.findings = []
        self.header()
        self.funds()
        self.goals()
        self.table()
        self.cross_year()
        return DiffResult(
            self.old.file,
            self.new.file,
            self.o.year,
            self.n.year,
            tuple(self.changes),
            tuple(self.findings),
        )


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


def relative_change(old: Decimal, new: Decimal) -> Decimal | None:
    """Percent change quantized to 0.1 (ROUND_HALF_UP); None when OLD is zero."""
    if old == 0:
        return None
    try:
        return ((new - old) / old * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # pragma: no cover - absurd magnitudes
        return None


def _pct(score: float | None) -> str:
    return "—" if score is None else f"{score:.2f}"


def _short(text: str | None, limit: int = 40) -> str:
    if not text:
        return "—"
    one = _SPACES.sub(" ", text).strip()
    return one if len(one) <= limit else one[: limit - 1] + "…"


def _kind_zh(kind: IndicatorKind | None) -> str:
    if kind is None:
        return "未标注"
    return "定量" if kind is IndicatorKind.QUANTITATIVE else "定性"


# --- the API -------------------------------------------------------------------------------


def diff_sides(old: Side, new: Side, options: DiffOptions | None = None) -> DiffResult:
    """Compare two loaded sides."""
    return _Differ(old, new, options or DiffOptions()).run()


def diff(old: Declaration, new: Declaration, options: DiffOptions | None = None) -> DiffResult:
    """Compare two declarations (no source positions: lines are None)."""
    return diff_sides(Side("old", old), Side("new", new), options)


def diff_paths(old: str, new: str, options: DiffOptions | None = None) -> DiffResult:
    """Compare two paths or ``REV:PATH`` specs; raises :class:`SideError`."""
    opts = options or DiffOptions()
    return diff_sides(load_side(old, limits=opts.limits), load_side(new, limits=opts.limits), opts)


def _ignore_matches(change: Change, key: str) -> bool:
    if key.startswith("/") or key == "":
        return any(
            p is not None and (p == key or p.startswith(key + "/"))
            for p in (change.old_pointer, change.new_pointer)
        )
    return key in (change.id, change.old_id)


IgnoreSpec = tuple[str, str] | _Ignore


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


def summarize(result: DiffResult, fail_on: FailOn) -> dict[str, int]:
    """Counts for report footers and the JSON summary."""
    counts = {d.value: 0 for d in Direction}
    for c in result.changes:
        if c.ignored is None:
            counts[c.direction.value] += 1
    return {
        "changes": len(result.changes),
        "findings": len(result.findings),
        "stronger": counts["stronger"],
        "weaker": counts["weaker"],
        "unknown": counts["unknown"],
        "not_comparable": counts["not-comparable"],
        "ignored": sum(1 for c in result.all if c.ignored is not None),
        "failing": len(result.failing(fail_on)),
        "exit_code": result.exit_code(fail_on),
    }


__all__ = [
    "DIFF_CODES",
    "Change",
    "ChangeKind",
    "CodeInfo",
    "DiffOptions",
    "DiffResult",
    "Direction",
    "FailOn",
    "Side",
    "SideError",
    "TargetView",
    "apply_ignores",
    "diff",
    "diff_paths",
    "diff_sides",
    "ignore_result",
    "load_side",
    "match_targets",
    "normalize",
    "read_git",
    "relative_change",
    "show_target",
    "split_rev",
    "summarize",
    "target_direction",
    "tokens",
    "word_diff",
]
