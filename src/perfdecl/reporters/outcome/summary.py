"""The summary of a folder of pairs: one line per unit, then one per indicator kind (the share
of targets met, the mean relative shortfall of the missed ones, self-scores and scores), in
text, Markdown, CSV, JSON or HTML."""

from __future__ import annotations

import csv
import json
from typing import TextIO

from perfdecl.escape import safe
from perfdecl.outcome import OutcomeResult
from perfdecl.outcome.summary import SummaryRow, summarise
from perfdecl.problem import Lang
from perfdecl.reporters.outcome.base import percent, score
from perfdecl.reporters.outcome.json import num
from perfdecl.reporters.outcome.text import pad, width

COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("group", "分组", "Group"),
    ("name", "名称", "Name"),
    ("indicators", "指标数", "Indicators"),
    ("met", "已完成", "Met"),
    ("missed", "未完成", "Missed"),
    ("not_comparable", "无法比较", "Not comparable"),
    ("qualitative", "定性", "Qualitative"),
    ("not_evaluated", "未自评", "Not evaluated"),
    ("share_met", "完成比例", "Share met"),
    ("mean_shortfall", "平均差距", "Mean shortfall"),
    ("self_score", "自评得分", "Self-score"),
    ("score", "重算得分", "Score"),
)
_GROUPS = {"unit": ("单位", "unit"), "kind": ("指标类别", "kind")}


def cells(row: SummaryRow, lang: Lang) -> list[str]:
    zh = lang == "zh"
    return [
        _GROUPS[row.group][0 if zh else 1],
        row.name,
        str(row.indicators),
        str(row.met),
        str(row.missed),
        str(row.not_comparable),
        str(row.qualitative),
        str(row.not_evaluated),
        percent(row.share_met),
        percent(row.mean_shortfall),
        score(row.self_score),
        score(row.score),
    ]


def _machine(row: SummaryRow) -> dict[str, str | int | None]:
    return {
        "group": row.group,
        "name": row.name,
        "indicators": row.indicators,
        "met": row.met,
        "missed": row.missed,
        "not_comparable": row.not_comparable,
        "qualitative": row.qualitative,
        "not_evaluated": row.not_evaluated,
        "share_met": num(row.share_met, "0.0001"),
        "mean_shortfall": num(row.mean_shortfall, "0.0001"),
        "self_score": num(row.self_score),
        "score": num(row.score),
    }


def summary_json(results: list[OutcomeResult]) -> list[dict[str, str | int | None]]:
    return [_machine(r) for r in summarise(results)]


def summary_text(results: list[OutcomeResult], lang: Lang) -> list[str]:
    header = [c[1] if lang == "zh" else c[2] for c in COLUMNS]
    body = [[safe(c, "terminal") for c in cells(r, lang)] for r in summarise(results)]
    widths = [max([width(header[k])] + [width(b[k]) for b in body]) for k in range(len(header))]
    return [
        "  ".join(pad(c, widths[k]) for k, c in enumerate(line)).rstrip()
        for line in [header, *body]
    ]


def summary_markdown(results: list[OutcomeResult], lang: Lang) -> list[str]:
    header = [c[1] if lang == "zh" else c[2] for c in COLUMNS]
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in summarise(results):
        out.append("| " + " | ".join(safe(c, "markdown") for c in cells(r, lang)) + " |")
    return out


_HTML = """<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>table { border-collapse: collapse; } th, td { border: 1px solid #999; padding: 0.25em 0.5em; }
th { background: #eee; }</style></head>
<body><h1>{{ title }}</h1>
<table><thead><tr>{% for h in header %}<th>{{ h }}</th>{% endfor %}</tr></thead>
<tbody>{% for row in rows %}<tr>{% for c in row %}<td>{{ c }}</td>{% endfor %}</tr>
{% endfor %}</tbody></table></body></html>
"""


def report_summary(stream: TextIO, results: list[OutcomeResult], fmt: str, lang: Lang) -> None:
    """The summary alone (``perfdecl outcome --summary``) in ``fmt``."""
    if fmt == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow([c[0] for c in COLUMNS])
        for row in summarise(results):
            writer.writerow(
                [safe("" if v is None else str(v), "csv") for v in _machine(row).values()]
            )
    elif fmt == "json":
        stream.write(json.dumps(summary_json(results), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "markdown":
        stream.write("\n".join(summary_markdown(results, lang)) + "\n")
    elif fmt == "html":
        import jinja2

        env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
        stream.write(
            env.from_string(_HTML).render(
                lang="zh-CN" if lang == "zh" else "en",
                title="绩效自评汇总" if lang == "zh" else "Outcome summary",
                header=[c[1] if lang == "zh" else c[2] for c in COLUMNS],
                rows=[cells(r, lang) for r in summarise(results)],
            )
        )
    else:
        stream.write("\n".join(summary_text(results, lang)) + "\n")
