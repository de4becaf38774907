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

The package, by job: :mod:`~perfdecl.diff.records` (the change records), :mod:`~perfdecl.diff.codes`
(the PD3xx table), :mod:`~perfdecl.diff.sides` (files and ``REV:PATH`` from git),
:mod:`~perfdecl.diff.text` (normalisation, word diffs), :mod:`~perfdecl.diff.matching` (row
matching), :mod:`~perfdecl.diff.direction` (stronger or weaker), :mod:`~perfdecl.diff.differ` with
one module per section of the declaration in :mod:`perfdecl.diff.sections`, and
:mod:`~perfdecl.diff.ignores` (accepted changes).
"""

from perfdecl.diff.codes import DIFF_CODES
from perfdecl.diff.differ import diff, diff_paths, diff_sides
from perfdecl.diff.direction import relative_change, show_target, target_direction
from perfdecl.diff.ignores import IgnoreSpec, apply_ignores, ignore_result
from perfdecl.diff.matching import match_targets
from perfdecl.diff.records import (
    Change,
    ChangeKind,
    DiffOptions,
    DiffResult,
    Direction,
    FailOn,
    Segment,
    Side,
    TargetView,
    summarize,
)
from perfdecl.diff.sides import SideError, load_side, read_git, side_from_bytes, split_rev
from perfdecl.diff.text import coarse_diff, normalize, tokens, word_diff

__all__ = [
    "DIFF_CODES",
    "Change",
    "ChangeKind",
    "DiffOptions",
    "DiffResult",
    "Direction",
    "FailOn",
    "IgnoreSpec",
    "Segment",
    "Side",
    "SideError",
    "TargetView",
    "apply_ignores",
    "coarse_diff",
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
    "side_from_bytes",
    "split_rev",
    "summarize",
    "target_direction",
    "tokens",
    "word_diff",
]
