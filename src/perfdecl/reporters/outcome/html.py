"""The outcome as an HTML page: the table with met/missed colours, the budget execution and the
findings. Jinja2 (imported here only) escapes every value (``autoescape=True``); the template
marks nothing ``|safe``."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from perfdecl.outcome import OutcomeResult
from perfdecl.problem import Lang
from perfdecl.reporters.outcome.base import (
    HEADERS,
    OutcomeReporter,
    assumed_note,
    counts_line,
    execution_line,
    view,
)
from perfdecl.version import __version__

TEMPLATE = Path(__file__).with_name("outcome.html.j2")


def _page(results: list[OutcomeResult], lang: Lang) -> dict[str, Any]:
    zh = lang == "zh"
    pairs = []
    for r in results:
        pairs.append(
            {
                "declaration": r.declaration_file,
                "selfeval": r.selfeval_file,
                "who": " ".join(x for x in (r.unit, r.project, str(r.year)) if x),
                "counts": counts_line(r, lang),
                "rows": [view(row, lang) for row in r.rows],
                "note": assumed_note(r, lang),
                "execution": execution_line(r.execution, lang) if r.execution else None,
                "problems": [
                    {
                        "where": f"{p.file}:{p.line or 0}:{p.column or 0}",
                        "code": p.code,
                        "severity": p.severity.value,
                        "message": p.message.zh if zh else p.message.en,
                    }
                    for p in r.problems
                ],
            }
        )
    return {
        "lang": "zh-CN" if zh else "en",
        "title": "绩效自评结果" if zh else "Outcome of the self-evaluation",
        "findings": "发现的问题" if zh else "Findings",
        "headers": [h[0 if zh else 1] for h in HEADERS],
        "pairs": pairs,
        "version": __version__,
    }


class OutcomeHtmlReporter(OutcomeReporter):
    name: ClassVar[str] = "html"
    description: ClassVar[str] = "an HTML page, verdicts coloured"

    def report(self, results: list[OutcomeResult]) -> None:
        import jinja2

        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATE.parent),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined,
        )
        self.stream.write(env.get_template(TEMPLATE.name).render(**_page(results, self.lang)))
