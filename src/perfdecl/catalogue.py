"""Every problem code perfdecl can report, with its metadata, in one table.

SARIF's ``tool.driver.rules``, ``perfdecl rules`` and the docs all need the same list: the loader's
codes (PD0xx), the structure codes (PD1xx), the review rules from the registry (PD2xx…) and the
internal error (PD900). The loader and structure modules keep their own small tables; this module
joins them so that no reporter repeats the list.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass

from perfdecl.problem import Message, Severity


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """What a code means: short name, default severity, one-line summary, longer help."""

    code: str
    name: str
    severity: Severity
    summary: Message
    help: Message | None = None  # rationale; None when the summary says it all
    origin: str = "rule"  # loader | structure | rule | config | internal


_LOADER_SUMMARIES: dict[str, Message] = {
    "PD001": Message("文件无法读取（不存在、无权限或不是普通文件）。", "The file cannot be read."),
    "PD002": Message("文件超过大小上限。", "The file is larger than the size limit."),
    "PD003": Message(
        "文件编码无法识别（应为 UTF-8）。",
        "The file's text encoding cannot be decoded (use UTF-8).",
    ),
    "PD004": Message(
        "文件使用旧编码（如 GB18030），建议另存为 UTF-8。",
        "The file uses a legacy encoding (such as GB18030); save it as UTF-8.",
    ),
    "PD005": Message("YAML 语法错误。", "YAML syntax error."),
    "PD006": Message("同一映射中键重复。", "A key appears twice in the same mapping."),
    "PD007": Message("使用了不允许的 YAML 标签。", "A YAML tag that is not allowed."),
    "PD008": Message("别名无效或展开过多。", "An alias is invalid or expands to too many nodes."),
    "PD009": Message("嵌套层级过深。", "Nesting deeper than the limit."),
    "PD010": Message(
        "文件不是恰好一份声明（一个映射）。",
        "The file is not exactly one declaration (one mapping).",
    ),
    "PD011": Message("键的写法不受支持（如复杂键、合并键）。", "A key form that is not supported."),
    "PD012": Message(
        "YAML 1.1 的陷阱写法（如 no、010、1:30），已按原文读取。",
        "A YAML 1.1 trap (such as no, 010, 1:30), read as the text written.",
    ),
}

_STRUCTURE_HELP = Message(
    "声明的结构必须符合 schemas/declaration.schema.json（由模型生成）；结构错误时不运行审核规则。",
    "The declaration must match schemas/declaration.schema.json (generated from the models); "
    "review rules do not run until the structure is valid.",
)

INTERNAL = CodeInfo(
    "PD900",
    "internal-error",
    Severity.ERROR,
    Message("perfdecl 内部错误。", "Internal error in perfdecl."),
    Message(
        "检查此文件时 perfdecl 自身出错。请附上文件提交问题报告。",
        "perfdecl itself failed while checking the file. Please report it with the file attached.",
    ),
    "internal",
)


def _rule_help(doc: str | None) -> Message | None:
    """The rationale of a rule: its docstring up to the ``Bad:``/``Good:`` examples."""
    if not doc:
        return None
    text = inspect.cleandoc(doc)
    for marker in ("\nBad:", "\nGood:"):
        text = text.split(marker, 1)[0]
    text = text.strip()
    return Message(text, text) if text else None


def all_codes() -> dict[str, CodeInfo]:
    """Code -> :class:`CodeInfo` for every code perfdecl can report, sorted by code."""
    from perfdecl.loader import _MSG_DEF
    from perfdecl.model.build import STRUCTURE_CODES
    from perfdecl.rules import RULES

    table: dict[str, CodeInfo] = {}
    for code, (name, severity) in _MSG_DEF.items():
        summary = _LOADER_SUMMARIES.get(code, Message(name, name))
        table[code] = CodeInfo(code, name, severity, summary, None, "loader")
    for code, (name, zh, en) in STRUCTURE_CODES.items():
        table[code] = CodeInfo(
            code,
            name,
            Severity.ERROR,
            Message(f"{zh}。", f"{en[:1].upper()}{en[1:]}."),
            _STRUCTURE_HELP,
            "structure",
        )
    for rule in RULES:
        table[rule.code] = CodeInfo(
            rule.code, rule.name, rule.severity, rule.summary, _rule_help(rule.__doc__), "rule"
        )
    from perfdecl.config import CONFIG_CODES
    from perfdecl.lint.suppress import SUPPRESSION_CODES

    for code, (name, severity, summary) in {**CONFIG_CODES, **SUPPRESSION_CODES}.items():
        table[code] = CodeInfo(code, name, severity, summary, None, "config")
    table[INTERNAL.code] = INTERNAL
    return dict(sorted(table.items()))


def describe(code: str) -> CodeInfo:
    """Metadata of ``code``; an unknown code (a plug-in's, say) gets a neutral entry."""
    found = all_codes().get(code)
    if found is not None:
        return found
    return CodeInfo(code, code.lower(), Severity.WARNING, Message(code, code), None, "rule")
