"""atheris harness: ``perfdecl.loader.load_bytes`` on arbitrary bytes.

Invariants (fuzz/invariants.py): no exception escapes, no PD900, data is a mapping of plain
values or there is a problem, and every problem is well formed and positioned inside the text.

    /work/fuzzvenv/bin/python fuzz/fuzz_loader.py fuzz/corpus/loader -max_total_time=900 \
        -timeout=5 -rss_limit_mb=2048
"""

from __future__ import annotations

import sys

from driver import instrumented, main

with instrumented():
    import contextlib

    with contextlib.suppress(ImportError):
        import perfdecl.loader.fast
    from invariants import run_loader

    import perfdecl.loader  # noqa: F401  (instrumented for coverage)


def test_one_input(data: bytes) -> None:
    run_loader(data)


if __name__ == "__main__":
    main(test_one_input, "loader")
    sys.exit(0)
