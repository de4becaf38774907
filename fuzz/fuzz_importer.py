"""atheris harness: ``perfdecl.convert.importer.import_bytes`` on arbitrary bytes (published text).

Invariants (fuzz/invariants.py): no exception escapes; only PD0xx/PD4xx problems, each well
formed and on a real line of the input; whatever the importer produced is written as YAML that
loads, builds a declaration and validates without an internal error.

    /work/fuzzvenv/bin/python fuzz/fuzz_importer.py fuzz/corpus/importer -max_total_time=900 \
        -timeout=5 -rss_limit_mb=2048
"""

from __future__ import annotations

import sys

from driver import instrumented, main

with instrumented():
    from invariants import run_import



def test_one_input(data: bytes) -> None:
    run_import(data)


if __name__ == "__main__":
    main(test_one_input, "importer")
    sys.exit(0)
