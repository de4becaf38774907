"""``perfdecl rules`` and ``perfdecl explain CODE``: every problem code, from the code registry.

Both read :func:`perfdecl.catalogue.all_codes` (the loader's, configuration's, suppressions',
structure's, review rules', diff's and import's codes and the internal error) and follow
``--lang``: summaries and rationales in Chinese or English.
"""

from __future__ import annotations

import difflib
import json
import sys
from enum import StrEnum
from typing import Annotated

import typer

from perfdecl.cli.common import LangOpt, fail, resolve_lang
from perfdecl.problem import CodeInfo, Lang


class RulesFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


DOCS: dict[str, str] = {
    "loader": "docs/problems.md",
    "structure": "docs/problems.md",
    "internal": "docs/problems.md",
    "folder": "docs/problems.md",
    "config": "docs/configuration.md",
    "suppression": "docs/configuration.md",
    "diff": "docs/diff.md",
    "import": "docs/import.md",
    "outcome": "docs/outcome.md",
}
"""Where each origin's codes are documented at length (review rules: README and their examples)."""


def _codes() -> dict[str, CodeInfo]:
    from perfdecl.catalogue import all_codes

    return all_codes()


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _severity(info: CodeInfo, lang: Lang) -> str:
    return info.severity.zh if lang == "zh" else info.severity.value


def rules_text(lang: Lang) -> str:
    """An aligned table of every code: code, name, severity, summary."""
    rows = [(i.code, i.name, _severity(i, lang), i.summary.text(lang)) for i in _codes().values()]
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
    """Every code as a JSON list; ``rationale`` is null where the summary says it all."""
    data = [
        {
            "code": i.code,
            "name": i.name,
            "severity": i.severity.value,
            "origin": i.origin,
            "summary": i.summary.text(lang),
            "rationale": i.help.text(lang) if i.help is not None else None,
        }
        for i in _codes().values()
    ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def find_code(query: str) -> CodeInfo | None:
    """A code's entry by code (any case) or by name."""
    wanted = query.strip()
    codes = _codes()
    found = codes.get(wanted.upper())
    if found is not None:
        return found
    return next((i for i in codes.values() if i.name == wanted.lower()), None)


def suggest(query: str) -> str | None:
    """The nearest code or name, for a typo such as PD2150 or vage-wording."""
    codes = _codes().values()
    candidates = [i.code for i in codes] + [i.name for i in codes]
    close = difflib.get_close_matches(
        query.strip().upper(), [c.upper() for c in candidates], 1, 0.5
    )
    if not close:
        return None
    return next(c for c in candidates if c.upper() == close[0])


def _examples(code: str, lang: Lang) -> str:
    """A review rule's bad and good examples (its docstring's), or "" for other codes."""
    from perfdecl.rules import RULES_BY_CODE
    from perfdecl.rules.docs import rule_doc

    rule = RULES_BY_CODE.get(code)
    if rule is None:
        return ""
    doc = rule_doc(rule)
    bad, good = ("不合格示例", "合格示例") if lang == "zh" else ("Bad", "Good")
    indent = "    "
    return (
        f"\n{bad}:\n\n" + "".join(indent + line + "\n" for line in doc.bad.splitlines()) + "\n"
        f"{good}:\n\n" + "".join(indent + line + "\n" for line in doc.good.splitlines())
    )


def explain_text(info: CodeInfo, lang: Lang) -> str:
    """What ``perfdecl explain`` prints: the code's entry, its rationale, examples or a link."""
    out = f"{info.code} {info.name} ({_severity(info, lang)})\n{info.summary.text(lang)}\n"
    if info.help is not None:
        out += f"\n{info.help.text(lang)}\n"
    examples = _examples(info.code, lang)
    if examples:
        return out + examples
    page = DOCS.get(info.origin)
    if page is not None:
        out += f"\n详见 {page}。\n" if lang == "zh" else f"\nSee {page}.\n"
    return out


def register(app: typer.Typer) -> None:
    @app.command("rules")
    def rules(
        output_format: Annotated[
            RulesFormat, typer.Option("--format", "-f", help="Output format.")
        ] = RulesFormat.text,
        lang: LangOpt = None,
    ) -> None:
        """List every problem code perfdecl can report: code, name, default severity, summary."""
        from perfdecl.rules.docs import rules_markdown_table

        language = resolve_lang(lang)
        if output_format is RulesFormat.json:
            sys.stdout.write(rules_json(language))
        elif output_format is RulesFormat.markdown:
            sys.stdout.write(rules_markdown_table(_codes().values(), lang=language))
        else:
            sys.stdout.write(rules_text(language))

    @app.command("explain")
    def explain(
        code: Annotated[
            str, typer.Argument(help="A problem code (PD215) or its name (vague-wording).")
        ],
        lang: LangOpt = None,
    ) -> None:
        """Explain a problem code: why it exists; for a review rule, a bad and a good example."""
        language = resolve_lang(lang)
        info = find_code(code)
        if info is None:
            near = suggest(code)
            hint_en = f" Did you mean {near}?" if near else ""
            hint_zh = f"是不是 {near}？" if near else ""
            raise fail(
                f"no rule {code!r}.{hint_en} 'perfdecl rules' lists every code.",
                f"没有规则或代码“{code}”。{hint_zh}用 perfdecl rules 查看全部代码。",
                language,
            )
        sys.stdout.write(explain_text(info, language))
