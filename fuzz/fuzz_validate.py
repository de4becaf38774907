"""atheris harness: the whole validate pipeline (loader -> structure -> rules -> suppressions),
then every reporter, and the renderers when a declaration was built.

Invariants (fuzz/invariants.py): no exception escapes, no PD900 (the pipeline's guard turns an
escaped exception into one), every problem well formed and positioned inside the text, sorted;
reporters and renderers never raise on what the pipeline produced.

    /work/fuzzvenv/bin/python fuzz/fuzz_validate.py fuzz/corpus/validate -max_total_time=900 \
        -timeout=5 -rss_limit_mb=2048
"""

from __future__ import annotations

import sys

from driver import instrumented, main

with instrumented():
    from invariants import run_outputs, run_validate



def test_one_input(data: bytes) -> None:
    result = run_validate(data)
    run_outputs(result, variant=len(data))


if __name__ == "__main__":
    main(test_one_input, "validate")
    sys.exit(0)
