"""``perfdecl rules`` and ``perfdecl explain CODE``: the review rules, from the registry."""

from __future__ import annotations

import difflib
import json
import sys
from enum import StrEnum
from typing import Annotated

import typer

from perfdecl.cli.common import LangOpt, fail, resolve_lang
from perfdecl.problem import Lang
from perfdecl.rules import RULES, RULES_BY_CODE, Rule


class RulesFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def rules_text(lang: Lang) -> str:
    """An aligned table: code, name, severity, summary."""
    rows = [
        (r.code, r.name, r.severity.zh if lang == "zh" else r.severity.value, r.summary.text(lang))
        for r in RULES
    ]
    head = (
        ("代码", "名称", "级别", "说明")
        if lang == "zh"
        else ("code", "name", "severity", "summary")
    )
    widths = [max(_width(row[i]) for row in [head, *rows]) for i in range(3)]
    lines = [
        "  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3]
        for row in [head, *rows]
    ]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def rules_json(lang: Lang) -> str:
    from perfdecl.rules.docs import rule_doc

    data = [
        {
            "code": r.code,
            "name": r.name,
            "severity": r.severity.value,
            "summary": r.summary.text(lang),
            "rationale": rule_doc(r).rationale,
        }
        for r in RULES
    ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def find_rule(query: str) -> type[Rule] | None:
    """A rule by code (any case) or by name."""
    wanted = query.strip()
    rule = RULES_BY_CODE.get(wanted.upper())
    if rule is not None:
        return rule
    return next((r for r in RULES if r.name == wanted.lower()), None)


def suggest(query: str) -> str | None:
    """The nearest code or name, for a typo such as PD2150 or vage-wording."""
    candidates = [r.code for r in RULES] + [r.name for r in RULES]
    close = difflib.get_close_matches(
        query.strip().upper(), [c.upper() for c in candidates], 1, 0.5
    )
    if not close:
        return None
    return next(c for c in candidates if c.upper() == close[0])


def explain_text(rule: type[Rule], lang: Lang) -> str:
    from perfdecl.rules.docs import rule_doc

    doc = rule_doc(rule)
    severity = rule.severity.zh if lang == "zh" else rule.severity.value
    bad, good = ("不合格示例", "合格示例") if lang == "zh" else ("Bad", "Good")
    indent = "    "
    return (
        f"{rule.code} {rule.name} ({severity})\n"
        f"{rule.summary.text(lang)}\n\n"
        f"{doc.rationale}\n\n"
        f"{bad}:\n\n" + "".join(indent + line + "\n" for line in doc.bad.splitlines()) + "\n"
        f"{good}:\n\n" + "".join(indent + line + "\n" for line in doc.good.splitlines())
    )


def register(app: typer.Typer) -> None:
    @app.command("rules")
    def rules(
        output_format: Annotated[
            RulesFormat, typer.Option("--format", "-f", help="Output format.")
        ] = RulesFormat.text,
        lang: LangOpt = None,
    ) -> None:
        """List every review rule: code, name, default severity, summary."""
        from perfdecl.rules.docs import rules_markdown_table

        language = resolve_lang(lang)
        if output_format is RulesFormat.json:
            sys.stdout.write(rules_json(language))
        elif output_format is RulesFormat.markdown:
            sys.stdout.write(rules_markdown_table(lang=language))
        else:
            sys.stdout.write(rules_text(language))

    @app.command("explain")
    def explain(
        code: Annotated[str, typer.Argument(help="A rule code (PD215) or name (vague-wording).")],
        lang: LangOpt = None,
    ) -> None:
        """Explain a rule: why it exists, with a bad and a good example."""
        language = resolve_lang(lang)
        rule = find_rule(code)
        if rule is None:
            near = suggest(code)
            hint_en = f" Did you mean {near}?" if near else ""
            hint_zh = f"是不是 {near}？" if near else ""
            raise fail(
                f"no rule {code!r}.{hint_en} 'perfdecl rules' lists them all.",
                f"没有规则“{code}”。{hint_zh}用 perfdecl rules 查看全部规则。",
                language,
            )
        sys.stdout.write(explain_text(rule, language))
