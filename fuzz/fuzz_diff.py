"""atheris harness: ``perfdecl diff`` between the 2019 example and arbitrary bytes, both ways,
with every diff reporter.

Invariants (fuzz/invariants.py): no exception escapes; a side that is not a valid declaration
is refused the way ``load_side`` refuses it (well-formed problems); otherwise the diff, its
summary and every report are produced without an error.

    /work/fuzzvenv/bin/python fuzz/fuzz_diff.py fuzz/corpus/diff -max_total_time=900 \
        -timeout=5 -rss_limit_mb=2048
"""

from __future__ import annotations

import sys
from pathlib import Path

from driver import instrumented, main

with instrumented():
    from invariants import run_diff

    import perfdecl.diff
    import perfdecl.reporters.diff.base  # noqa: F401

EXAMPLE = (Path(__file__).resolve().parent.parent / "examples" / "niujie_2019.yaml").read_bytes()


def test_one_input(data: bytes) -> None:
    if len(data) % 2:
        run_diff(EXAMPLE, data, reports=True)
    else:
        run_diff(data, EXAMPLE, reports=True)


if __name__ == "__main__":
    main(test_one_input, "diff")
    sys.exit(0)
