"""The loader's problem codes (PD001–PD013): reading bytes, decoding, YAML. Documented in
docs/problems.md; joined with every other layer's table by :func:`perfdecl.catalogue.all_codes`.

The event composer (:mod:`perfdecl.loader.events`) words the problems it finds in a document
where it finds them; the problems about a file as a whole (unreadable, too large, empty, not one
mapping, a syntax error) are built here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # PyYAML is imported where a document is parsed, not for a cached result
    import yaml

from perfdecl.loader.source import Limits, SourceMap, clamp, line_column, split_lines
from perfdecl.problem import CodeInfo, Message, Problem, Severity, code_table, shorten


def _loader(code: str, name: str, severity: Severity, summary: Message, help_: Message) -> CodeInfo:
    return CodeInfo(code, name, severity, summary, help_, "loader")


CODES: dict[str, CodeInfo] = code_table(
    _loader(
        "PD001",
        "file-unreadable",
        Severity.ERROR,
        Message("文件无法读取（不存在、无权限或不是普通文件）。", "The file cannot be read."),
        Message(
            "路径完全无法读取：文件不存在、是文件夹、FIFO 或设备，或没有读取权限（退出码 2）。",
            "The path cannot be read at all: missing, a folder, a FIFO or device, permission "
            "denied (exit 2).",
        ),
    ),
    _loader(
        "PD002",
        "file-too-large",
        Severity.ERROR,
        Message("文件超过大小上限。", "The file is larger than the size limit."),
        Message(
            "文件大于 --max-bytes（默认 16 MiB），或含有超过 250,000 个键和值；"
            "这样的文件不读取，以免拖慢检查。",
            "The file is larger than --max-bytes (default 16 MiB), or holds more than 250,000 "
            "keys and values; such a file is not read, so that it cannot stall a check.",
        ),
    ),
    _loader(
        "PD003",
        "bad-encoding",
        Severity.ERROR,
        Message(
            "文件编码无法识别（应为 UTF-8）。",
            "The file's text encoding cannot be decoded (use UTF-8).",
        ),
        Message(
            "文件中有无法解码的字节（消息给出字节位置），或含有 NUL 字节（二进制文件或没有 BOM 的 "
            "UTF-16）。请把文件另存为 UTF-8。",
            "Bytes that cannot be decoded (the message names the byte offset), or NUL bytes (a "
            "binary file, or UTF-16 without a BOM). Save the file as UTF-8.",
        ),
    ),
    _loader(
        "PD004",
        "legacy-encoding",
        Severity.WARNING,
        Message(
            "文件使用旧编码（如 GB18030），建议另存为 UTF-8。",
            "The file uses a legacy encoding (such as GB18030); save it as UTF-8.",
        ),
        Message(
            "文件按 GB18030/GBK 读取成功，但其他工具（编辑器、版本库、预算系统）可能读错："
            "请另存为 UTF-8。",
            "The file was read as GB18030/GBK, which other tools (editors, repositories, the "
            "budget system) may read wrongly: save it as UTF-8.",
        ),
    ),
    _loader(
        "PD005",
        "yaml-syntax",
        Severity.ERROR,
        Message("YAML 语法错误。", "YAML syntax error."),
        Message(
            "文件不是有效的 YAML：缩进中用了制表符、引号没有闭合、含有控制字符等。消息给出出错的行和列；"
            "语法错误修正之前，不检查结构和审核规则。",
            "The file is not valid YAML: tabs in indentation, unclosed quotes, control "
            "characters … The message names the line and column; structure and review rules "
            "are not checked until the syntax is fixed.",
        ),
    ),
    _loader(
        "PD006",
        "duplicate-key",
        Severity.ERROR,
        Message("同一映射中键重复。", "A key appears twice in the same mapping."),
        Message(
            "同一个键在同一映射中出现两次。多数 YAML 工具会默默地只保留最后一个值，"
            "前一个值就丢失了；perfdecl 把它报告出来。",
            "A key appears twice in the same mapping. Most YAML tools silently keep the last "
            "value and lose the first; perfdecl reports it instead.",
        ),
    ),
    _loader(
        "PD007",
        "tag-not-allowed",
        Severity.ERROR,
        Message("使用了不允许的 YAML 标签。", "A YAML tag that is not allowed."),
        Message(
            "只允许 YAML 核心标签：自定义标签和 !!python/… 之类的标签可能在其他工具中执行代码，"
            "一律拒绝；长得不可能是金额的数字也在此报告。",
            "Only core YAML tags are allowed: custom tags and tags such as !!python/… could run "
            "code in other tools and are refused; a number too long to be an amount is also "
            "reported here.",
        ),
    ),
    _loader(
        "PD008",
        "alias-limit",
        Severity.ERROR,
        Message("别名无效或展开过多。", "An alias is invalid or expands to too many nodes."),
        Message(
            "别名（*name）的问题：展开后超过节点上限（“十亿笑声”攻击）、递归或引用未定义的锚点。",
            "Alias (*name) problems: expansion beyond the node limit (billion laughs), recursive "
            "or undefined aliases.",
        ),
    ),
    _loader(
        "PD009",
        "too-deep",
        Severity.ERROR,
        Message("嵌套层级过深。", "Nesting deeper than the limit."),
        Message(
            "嵌套层级超过 --max-depth（默认 64）。申报表只有几层；更深的嵌套是损坏或恶意的文件。",
            "Nesting deeper than --max-depth (default 64). A declaration is a few levels deep; "
            "deeper nesting is a broken or hostile file.",
        ),
    ),
    _loader(
        "PD010",
        "not-one-mapping",
        Severity.ERROR,
        Message(
            "文件不是恰好一份声明（一个映射）。",
            "The file is not exactly one declaration (one mapping).",
        ),
        Message(
            "文件为空、含有多个文档（---），或顶层不是映射（键: 值）。一个文件只写一份申报表。",
            "The file is empty, holds several documents (---), or its top level is not a "
            "mapping (key: value). One file holds one declaration.",
        ),
    ),
    _loader(
        "PD011",
        "unsupported-key",
        Severity.ERROR,
        Message("键的写法不受支持（如复杂键、合并键）。", "A key form that is not supported."),
        Message(
            "合并键（<<）或以列表、映射作键。不同工具对它们的理解不同，申报表中不使用。",
            "Merge keys (<<) or keys that are lists or mappings. Tools read them differently; "
            "a declaration does not use them.",
        ),
    ),
    _loader(
        "PD012",
        "yaml11-trap",
        Severity.INFO,
        Message(
            "YAML 1.1 的陷阱写法（如 no、010、1:30），已按原文读取。",
            "A YAML 1.1 trap (such as no, 010, 1:30), read as the text written.",
        ),
        Message(
            "其他 YAML 工具可能把不加引号的值（no、off、010、1:30、1e3）转换成布尔值或数字："
            "YAML 1.1 把 no 读作 false、010 读作 8，YAML 1.2 工具（如编辑器的语言服务器）把 "
            "01083998540 读作整数。perfdecl 按原文读取；加上引号，其他工具也会读成同样的文字。",
            "Other YAML tools may convert a plain scalar such as no, off, 010, 1:30 or 1e3 into "
            "a boolean or a number: YAML 1.1 reads no as false and 010 as 8, YAML 1.2 tools (an "
            "editor's language server) read 01083998540 as an integer. perfdecl reads the text "
            "written; quote it so that other tools read the same text.",
        ),
    ),
    _loader(
        "PD013",
        "control-character",
        Severity.ERROR,
        Message(
            "值中含有不可见的控制字符（终端转义、双向文本控制等），会使显示内容被篡改。",
            "A value holds an invisible control character (a terminal escape, a bidi override) "
            "that can disguise what is shown.",
        ),
        Message(
            "YAML 双引号字符串可以写入 ESC[2J（清屏）、U+202E（从右到左覆盖）之类的字符，使终端、日志或编辑器显示的内容"
            "与文件不符。申报表不需要这些字符（制表符和换行除外）：请删除。所有报告都把它们显示为"
            "可见的转义（如反斜杠 x1b）。",
            "A YAML double-quoted string can carry characters such as ESC[2J (clear screen) or "
            "U+202E (right-to-left override) that make a "
            "terminal, a log or an editor show something other than the file. A declaration "
            "needs none of them (tab and line breaks aside): remove them. Every report shows "
            "them as visible escapes (a backslash and x1b for ESC).",
        ),
    ),
)
"""Loader problem codes, in code order."""

FATAL = frozenset({"PD005", "PD008", "PD009", "PD010"})
"""Codes after which the loaded data is not handed on (``Loaded.data`` is ``None``)."""


def shown(value: str | None, limit: int = 60) -> str:
    """A value as quoted in a message: hostile files hold megabyte-long scalars."""
    return shorten(value or "", limit)


def unreadable(file: str, zh: str, en: str) -> Problem:
    """A PD001 problem: the path cannot be read at all (the CLI exits 2 on these)."""
    return Problem("PD001", Severity.ERROR, Message(zh, en), file)


def directory(name: str) -> Problem:
    return unreadable(name, "这是一个目录，不是文件。", "this is a directory, not a file.")


def too_large(file: str, size: int, limits: Limits) -> Problem:
    return Problem(
        "PD002",
        Severity.ERROR,
        Message(
            f"文件过大（{size} 字节，上限 {limits.max_bytes} 字节）。",
            f"the file is too large ({size} bytes; the limit is {limits.max_bytes}).",
        ),
        file,
    )


def lone_surrogate(file: str, text: str, index: int) -> Problem:
    """PD003 for a lone surrogate at character ``index`` of text handed to libyaml."""
    line, column = line_column(text, index)
    return Problem(
        "PD003",
        Severity.ERROR,
        Message(
            f"第 {line} 行第 {column} 列有无效的 Unicode 字符（单独的代理项）。",
            f"invalid Unicode character (a lone surrogate) at line {line}, column {column}.",
        ),
        file,
        line,
        column,
    )


def empty_file(file: str) -> Problem:
    return Problem(
        "PD010",
        Severity.ERROR,
        Message(
            "文件是空的：没有任何声明内容。", "the file is empty: there is no declaration in it."
        ),
        file,
        1,
        1,
    )


def not_a_mapping(file: str, data: Any, source: SourceMap) -> Problem:
    """PD010 for a document whose top level is a list or a single value."""
    kind_zh, kind_en = (
        ("列表", "a list") if isinstance(data, list) else ("单个值", "a single value")
    )
    span = source.values.get("")
    return Problem(
        "PD010",
        Severity.ERROR,
        Message(
            f"文件顶层是{kind_zh}，应为包含 schema_version、year 等键的映射。",
            f"the top level is {kind_en}; a declaration is a mapping with keys such as "
            "schema_version and year.",
        ),
        file,
        span.line if span else 1,
        span.column if span else 1,
    )


def null_document(file: str) -> Problem:
    return Problem(
        "PD010",
        Severity.ERROR,
        Message("文件只有空值（~ 或 null），没有声明内容。", "the document is empty (null)."),
        file,
        1,
        1,
    )


def _reader_index(exc: yaml.reader.ReaderError, text: str, byte_offsets: bool) -> int:
    """The character index of a reader error.

    libyaml's reader reports a byte offset into the UTF-8 encoding of the text (the pure-Python
    reader a character index): without the conversion, a control character after Chinese text
    was reported lines and columns too far on.
    """
    if not byte_offsets:
        return int(exc.position)
    return len(text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore"))


def syntax_problem(exc: yaml.YAMLError, file: str, text: str, *, libyaml: bool) -> Problem:
    """PD005 (or PD009 for libyaml's own depth limit) for a parser error, with a hint.

    ``libyaml`` tells which parser raised it: libyaml's reader counts bytes, Python's characters.
    """
    import yaml

    line = column = None
    detail = str(exc)
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        mark: Any = exc.problem_mark
        line, column = mark.line + 1, mark.column + 1
        detail = exc.problem or detail
        if exc.context:
            detail = f"{detail} ({exc.context})"
    elif isinstance(exc, yaml.reader.ReaderError):
        line, column = line_column(text, _reader_index(exc, text, libyaml))
        detail = (
            f"unacceptable character U+{exc.character:04X}"
            if isinstance(exc.character, int)
            else detail
        )
    if line is not None and column is not None:
        line, column = clamp(text, line, column)
    hint_zh, hint_en = "", ""
    text_lines = split_lines(text)
    source_line = text_lines[line - 1] if line and line <= len(text_lines) else ""
    if "\t" in detail or "'\\t'" in detail or ("\t" in source_line[: (column or 1)]):
        hint_zh = "YAML 不能用制表符（Tab）缩进，请改用空格。"
        hint_en = " YAML does not allow tabs for indentation: use spaces."
    elif "unacceptable character" in detail or "special characters" in detail:
        hint_zh = "文件中有不可见的控制字符，请删除。"
        hint_en = " The file contains an invisible control character: remove it."
    elif ": " in source_line and "mapping values are not allowed" in detail:
        hint_zh = "文本中含有“: ”时，请给整段文本加引号。"
        hint_en = ' A text containing ": " must be quoted.'
    if "nesting depth" in detail:
        return Problem(
            "PD009",
            Severity.ERROR,
            Message(
                "嵌套层级过深，文件被拒绝。", f"nesting too deep: {detail}; the file is rejected."
            ),
            file,
            line,
            column,
        )
    return Problem(
        "PD005",
        Severity.ERROR,
        Message(f"YAML 语法错误：{detail}。{hint_zh}", f"YAML syntax error: {detail}.{hint_en}"),
        file,
        line,
        column,
    )
