"""A rule's documentation is its docstring: rationale, then ``Bad:`` and ``Good:`` YAML snippets.

This module splits docstrings into those parts (for ``perfdecl explain`` and the test that runs the
examples), wraps a fragment into a complete declaration, and renders the README rule table.
"""

from __future__ import annotations

import inspect
import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from perfdecl.problem import CodeInfo, Lang
from perfdecl.rules.base import Rule

BASE_DECLARATION = """\
schema_version: 1
year: 2019
framework: beijing_2019
kind: department
unit: 示例街道办事处
head: 张三
phone: "010-12345678"
funds:
  total: 100.00
  basic: 60.00
  project: 40.00
  other: 0
functions: 负责辖区图书借阅等公共服务。
goals:
  lead: 2019年做好辖区公共阅读服务。
  strands:
    - id: g1
      text: 一、做好图书借阅服务。
indicators:
  - id: out1
    name: 产出指标一：做好图书借阅服务
    goal: g1
    groups:
      - name: 产出数量指标
        items:
          - id: out1.qty.1
            text: 全年发放借书证不低于50张；
            targets: [{comparison: ">=", value: 50, unit: 张}]
      - name: 产出质量指标
        items:
          - id: out1.qual.1
            text: 图书借阅服务差错率不高于1%；
            targets: [{comparison: "<=", value: 1, unit: "%"}]
      - name: 产出进度指标
        items:
          - id: out1.time.1
            text: 2019年12月31日前完成全部借阅服务。
            targets: [{comparison: "<=", deadline: 2019-12-31}]
      - name: 产出成本指标
        items:
          - id: out1.cost.1
            text: 图书借阅服务成本不超过40万元。
            targets: [{comparison: "<=", value: 40, unit: 万元}]
  - id: eff
    name: 效果指标
    groups:
      - name: 社会效益指标
        items:
          - id: eff.soc.1
            text: 全年图书借阅总册次不低于5000册。
            targets: [{comparison: ">=", value: 5000, unit: 册}]
      - name: 服务对象满意度指标
        items:
          - id: eff.sat.1
            text: 读者满意度达90%以上。
            targets: [{comparison: ">=", value: 90, unit: "%"}]
remarks: 无
"""
"""A small declaration every rule passes; examples replace some of its top-level keys."""

_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*:", re.MULTILINE)


def _blocks(text: str) -> list[tuple[str, str]]:
    """Top-level (key, block text) pairs of a block-style YAML mapping."""
    starts = [(m.start(), m.group(1)) for m in _TOP_KEY.finditer(text)]
    out = []
    for n, (start, key) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(text)
        out.append((key, text[start:end]))
    return out


def wrap(snippet: str) -> str:
    """A full declaration: the snippet first (so its line numbers stay), then the base keys it
    does not set. A snippet that has ``schema_version`` is already complete."""
    snippet = textwrap.dedent(snippet).strip("\n") + "\n"
    given = {key for key, _ in _blocks(snippet)}
    if "schema_version" in given:
        return snippet
    rest = "".join(block for key, block in _blocks(BASE_DECLARATION) if key not in given)
    return snippet + rest


@dataclass(frozen=True, slots=True)
class RuleDoc:
    rationale: str
    bad: str
    good: str


def _section(lines: list[str], title: str) -> str:
    """The indented block that follows a ``Bad:`` / ``Good:`` line."""
    for n, line in enumerate(lines):
        if line.strip() == title:
            indent = len(line) - len(line.lstrip())
            body: list[str] = []
            for nxt in lines[n + 1 :]:
                if nxt.strip() and len(nxt) - len(nxt.lstrip()) <= indent:
                    break
                body.append(nxt)
            return textwrap.dedent("\n".join(body)).strip("\n") + "\n"
    return ""


def rule_doc(rule: type[Rule]) -> RuleDoc:
    doc = inspect.cleandoc(rule.__doc__ or "")
    lines = doc.splitlines()
    cut = next((n for n, line in enumerate(lines) if line.strip() in ("Bad:", "Good:")), len(lines))
    rationale = "\n".join(lines[:cut]).strip()
    return RuleDoc(rationale, _section(lines, "Bad:"), _section(lines, "Good:"))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rules_markdown_table(codes: Iterable[CodeInfo] | None = None, lang: Lang | None = None) -> str:
    """A table of problem codes in Markdown (``codes``: the review rules by default), generated
    from the registry; ``lang=None`` gives both languages (the README's table, checked for drift
    by a test)."""
    if codes is None:  # the review rules, read from the registry (rules.codes imports this module)
        from perfdecl.rules import RULES

        codes = [CodeInfo(r.code, r.name, r.severity, r.summary) for r in RULES]
    if lang is None:
        head = "| code | name | severity | summary | 说明 |\n|---|---|---|---|---|\n"
    elif lang == "zh":
        head = "| 代码 | 名称 | 默认级别 | 说明 |\n|---|---|---|---|\n"
    else:
        head = "| code | name | severity | summary |\n|---|---|---|---|\n"
    rows = []
    for info in codes:
        severity = info.severity.zh if lang == "zh" else info.severity.value
        summary = info.summary
        summaries = [summary.en, summary.zh] if lang is None else [summary.text(lang)]
        cells = " | ".join(_cell(s) for s in summaries)
        rows.append(f"| {info.code} | `{info.name}` | {severity} | {cells} |\n")
    return head + "".join(rows)


README_START = "<!-- rules:start -->"
README_END = "<!-- rules:end -->"


def readme_block() -> str:
    """What README.md holds between the markers: both languages, generated; ``perfdecl explain
    CODE`` prints a rule's rationale and examples."""
    return (
        "\n<!-- generated by scripts/gen_rules_table.py; do not edit by hand -->\n\n"
        + rules_markdown_table()
        + "\n"
    )


def update_readme(text: str) -> str:
    """README text with the block between the markers regenerated (markers added if absent)."""
    block = readme_block()
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        sep = "" if text.endswith("\n") or not text else "\n"
        return f"{text}{sep}\n## Rules\n\n{README_START}{block}{README_END}\n"
    return text[: start + len(README_START)] + block + text[end:]


__all__ = [
    "BASE_DECLARATION",
    "README_END",
    "README_START",
    "RuleDoc",
    "readme_block",
    "rule_doc",
    "rules_markdown_table",
    "update_readme",
    "wrap",
]
