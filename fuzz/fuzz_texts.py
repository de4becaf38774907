"""atheris harness: fuzzed wording inside a valid declaration, through the whole pipeline.

Byte-level mutation of YAML mostly breaks the syntax, so the review rules and the target-phrase
parser (perfdecl.phrases) rarely see odd text. Here the input, read as UTF-8, is cut at NUL
bytes into wordings that are written (double-quoted, as perfdecl's writer quotes) into a small
valid declaration: the texts of a quantity, a quality, a timeliness, a cost, a benefit and a
satisfaction row, a target's name and unit, and the goals' lead. The invariants are the validate
harness's (fuzz/invariants.py): no exception, no PD900, every position inside the file.

    /work/fuzzvenv/bin/python fuzz/fuzz_texts.py fuzz/corpus/texts -max_total_time=900 \
        -timeout=5 -rss_limit_mb=2048
"""

from __future__ import annotations

import sys

from driver import instrumented, main

with instrumented():
    from invariants import run_outputs, run_validate

    from perfdecl.convert.yamlwrite import double_quoted

TEMPLATE = """\
schema_version: 1
year: 2019
framework: beijing_2019
kind: department
unit: 北京市西城区人民政府牛街街道办事处
funds: {{total: 100, basic: 60, project: 40, other: 0}}
functions: 职能。
goals:
  lead: {lead}
  strands:
    - {{id: g1, text: 一、在强化党的领导方面。}}
indicators:
  - id: out1
    name: 产出指标一：强化党的领导
    goal: g1
    groups:
      - name: 产出数量指标
        items:
          - id: out1.qty.1
            text: {t0}
            targets:
              - {{name: {name}, comparison: ">=", value: 95, unit: {unit}}}
      - name: 产出质量指标
        items:
          - {{id: out1.qual.1, text: {t1}}}
      - name: 产出进度指标
        items:
          - {{id: out1.time.1, text: {t2}}}
      - name: 产出成本指标
        items:
          - {{id: out1.cost.1, text: {t3}}}
  - id: eff
    name: 效果指标
    groups:
      - name: 社会效益指标
        items:
          - {{id: eff.soc.1, text: {t4}}}
      - name: 服务对象满意度指标
        items:
          - {{id: eff.sat.1, text: {t5}}}
remarks: 无
"""
FIELDS = ("t0", "t1", "t2", "t3", "t4", "t5", "name", "unit", "lead")


def document(data: bytes) -> bytes:
    """The declaration with the input's wordings filled in (missing ones: "x")."""
    parts = data.decode("utf-8", errors="replace").split("\x00")
    values = {f: double_quoted(parts[n] if n < len(parts) else "x") for n, f in enumerate(FIELDS)}
    return TEMPLATE.format(**values).encode("utf-8")


def test_one_input(data: bytes) -> None:
    raw = document(data)
    result = run_validate(raw)
    run_outputs(result, variant=len(data))


if __name__ == "__main__":
    main(test_one_input, "texts")
    sys.exit(0)
