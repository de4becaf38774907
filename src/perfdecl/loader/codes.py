"""The loader's problem codes (PD001–PD012): reading bytes, decoding, YAML. Documented in
docs/problems.md; joined with every other layer's table by :func:`perfdecl.catalogue.all_codes`."""

from __future__ import annotations

from perfdecl.problem import CodeInfo, Message, Severity, code_table


def _loader(code: str, name: str, severity: Severity, zh: str, en: str) -> CodeInfo:
    return CodeInfo(code, name, severity, Message(zh, en), None, "loader")


CODES: dict[str, CodeInfo] = code_table(
    _loader(
        "PD001",
        "file-unreadable",
        Severity.ERROR,
        "文件无法读取（不存在、无权限或不是普通文件）。",
        "The file cannot be read.",
    ),
    _loader(
        "PD002",
        "file-too-large",
        Severity.ERROR,
        "文件超过大小上限。",
        "The file is larger than the size limit.",
    ),
    _loader(
        "PD003",
        "bad-encoding",
        Severity.ERROR,
        "文件编码无法识别（应为 UTF-8）。",
        "The file's text encoding cannot be decoded (use UTF-8).",
    ),
    _loader(
        "PD004",
        "legacy-encoding",
        Severity.WARNING,
        "文件使用旧编码（如 GB18030），建议另存为 UTF-8。",
        "The file uses a legacy encoding (such as GB18030); save it as UTF-8.",
    ),
    _loader("PD005", "yaml-syntax", Severity.ERROR, "YAML 语法错误。", "YAML syntax error."),
    _loader(
        "PD006",
        "duplicate-key",
        Severity.ERROR,
        "同一映射中键重复。",
        "A key appears twice in the same mapping.",
    ),
    _loader(
        "PD007",
        "tag-not-allowed",
        Severity.ERROR,
        "使用了不允许的 YAML 标签。",
        "A YAML tag that is not allowed.",
    ),
    _loader(
        "PD008",
        "alias-limit",
        Severity.ERROR,
        "别名无效或展开过多。",
        "An alias is invalid or expands to too many nodes.",
    ),
    _loader(
        "PD009", "too-deep", Severity.ERROR, "嵌套层级过深。", "Nesting deeper than the limit."
    ),
    _loader(
        "PD010",
        "not-one-mapping",
        Severity.ERROR,
        "文件不是恰好一份声明（一个映射）。",
        "The file is not exactly one declaration (one mapping).",
    ),
    _loader(
        "PD011",
        "unsupported-key",
        Severity.ERROR,
        "键的写法不受支持（如复杂键、合并键）。",
        "A key form that is not supported.",
    ),
    _loader(
        "PD012",
        "yaml11-trap",
        Severity.INFO,
        "YAML 1.1 的陷阱写法（如 no、010、1:30），已按原文读取。",
        "A YAML 1.1 trap (such as no, 010, 1:30), read as the text written.",
    ),
)
"""Loader problem codes, in code order."""
