"""The structure problem codes (PD101–PD105) that :mod:`perfdecl.model.build` reports when plain
data does not fit the models. Documented in docs/problems.md."""

from __future__ import annotations

from perfdecl.problem import CodeInfo, Message, Severity, code_table

_SCHEMA_ZH = (
    "声明的结构必须符合 schemas/declaration.schema.json（由模型生成）；结构错误时不运行审核规则。"
)
_SCHEMA_EN = (
    "The declaration must match schemas/declaration.schema.json (generated from the models); "
    "review rules do not run until the structure is valid."
)


def _structure(code: str, name: str, summary: Message, zh: str, en: str) -> CodeInfo:
    help_ = Message(f"{zh}\n\n{_SCHEMA_ZH}", f"{en}\n\n{_SCHEMA_EN}")
    return CodeInfo(code, name, Severity.ERROR, summary, help_, "structure")


CODES: dict[str, CodeInfo] = code_table(
    _structure(
        "PD101",
        "unknown-key",
        Message("未知的键。", "Unknown key."),
        "格式中没有这个键；消息给出最接近的有效键（如 haed → head）。拼错的键会让它的值被忽略。",
        "A key the format does not know; the message suggests the nearest valid key (haed -> "
        "head). A misspelt key would leave its value unread.",
    ),
    _structure(
        "PD102",
        "missing-key",
        Message("缺少必填项。", "Required key missing."),
        "缺少必填的键：schema_version、year、framework、kind；各行的 id、text 或 name。",
        "A required key is missing: schema_version, year, framework, kind; the id, text or "
        "name of rows.",
    ),
    _structure(
        "PD103",
        "wrong-type",
        Message("类型错误。", "Wrong type."),
        "值的类型不对：需要数字的地方写了文字（18891.87万元），或日期格式错误。"
        "金额只写数字，单位由格式规定（万元）。",
        "A value of the wrong type: text where a number is needed (18891.87万元), a malformed "
        "date. Amounts are plain numbers; the format fixes their unit (万元).",
    ),
    _structure(
        "PD104",
        "invalid-value",
        Message("取值无效。", "Invalid value."),
        "值不在允许的范围内（framework、kind、comparison），编号无效，指标值与比较符不符，"
        "或数字在小数点前或后超过 40 位（金额、指标值和权重，无论加引号还是写成指数）。",
        "A value outside the allowed set (framework, kind, comparison), an invalid id, a "
        "target whose value does not fit its comparison, or a number with more than 40 digits "
        "before or after the point (amounts, target values and weights, quoted or written "
        "with an exponent).",
    ),
    _structure(
        "PD105",
        "schema-version",
        Message("格式版本不受支持。", "Unsupported schema_version."),
        "本版本的 perfdecl 读取 schema_version: 1；其他版本的文件要用对应版本的 perfdecl 检查。",
        "This perfdecl reads schema_version: 1; a file of another version needs the perfdecl "
        "that reads it.",
    ),
)
"""Structure problem codes, in code order."""
