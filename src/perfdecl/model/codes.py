"""The structure problem codes (PD101–PD105) that :mod:`perfdecl.model.build` reports when plain
data does not fit the models. Documented in docs/problems.md."""

from __future__ import annotations

from perfdecl.problem import CodeInfo, Message, Severity, code_table

_HELP = Message(
    "声明的结构必须符合 schemas/declaration.schema.json（由模型生成）；结构错误时不运行审核规则。",
    "The declaration must match schemas/declaration.schema.json (generated from the models); "
    "review rules do not run until the structure is valid.",
)


def _structure(code: str, name: str, zh: str, en: str) -> CodeInfo:
    return CodeInfo(code, name, Severity.ERROR, Message(zh, en), _HELP, "structure")


CODES: dict[str, CodeInfo] = code_table(
    _structure("PD101", "unknown-key", "未知的键。", "Unknown key."),
    _structure("PD102", "missing-key", "缺少必填项。", "Required key missing."),
    _structure("PD103", "wrong-type", "类型错误。", "Wrong type."),
    _structure("PD104", "invalid-value", "取值无效。", "Invalid value."),
    _structure("PD105", "schema-version", "格式版本不受支持。", "Unsupported schema_version."),
)
"""Structure problem codes, in code order."""
