"""Plain data -> :class:`Declaration`, with Pydantic's errors rewritten for a clerk.

Pydantic's raw dump ("1 validation error for Declaration ...") is never shown: each error becomes a
:class:`Problem` with a code, a bilingual message and the position the loader recorded.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from perfdecl.loader import SourceMap
from perfdecl.model import Declaration
from perfdecl.model.codes import CODES
from perfdecl.problem import Message, Problem, join_pointer, nearest, shorten


def build(
    data: dict[str, Any], source: SourceMap, file: str
) -> tuple[Declaration | None, list[Problem]]:
    """Validate loaded data against the model; never raises on bad data."""
    version = data.get("schema_version")
    if version is not None and version != 1:
        span = source.locate("/schema_version")
        return None, [
            _problem(
                "PD105",
                Message(
                    f"不支持的格式版本 {shorten(repr(version))}：本版本的 perfdecl 读取 "
                    "schema_version: 1。",
                    f"schema_version {shorten(repr(version))} is not supported; this perfdecl reads "
                    "schema_version: 1.",
                ),
                file,
                "/schema_version",
                source,
            )
        ] if span else []
    root: type[Declaration] = Declaration
    if isinstance(data, dict) and data.get("kind") == "selfeval":  # selfeval.is_selfeval
        # imported only for a self-evaluation: its model classes cost 14 ms of every start-up
        from perfdecl.model.selfeval import SelfEvaluation, is_selfeval

        assert is_selfeval(data)
        root = SelfEvaluation
    try:
        return root.model_validate(data), []
    except ValidationError as exc:
        problems = [
            _convert(err, data, source, file, root) for err in exc.errors(include_url=False)
        ]
        # One message per place and code: unions report each member's failure.
        seen: set[tuple[str, str, int | None, int | None]] = set()
        unique = []
        for p in problems:
            key = (p.code, p.pointer, p.line, p.column)
            if key not in seen:
                seen.add(key)
                unique.append(p)
        return None, unique


def _problem(
    code: str, message: Message, file: str, pointer: str, source: SourceMap, *, key: bool = False
) -> Problem:
    span = source.locate(pointer, key=key)
    return Problem(
        code=code,
        severity=CODES[code].severity,
        message=message,
        file=file,
        line=span.line if span else None,
        column=span.column if span else None,
        end_line=span.end_line if span else None,
        end_column=span.end_column if span else None,
        pointer=pointer,
    )


def _walk(data: Any, loc: tuple[int | str, ...]) -> tuple[str, list[int | str], Any]:
    """Follow ``loc`` through the data as far as it exists: (pointer, path, value there).

    Pydantic adds union member names ("decimal", "str") to locations; following the data, not the
    location, drops them.
    """
    pointer = ""
    path: list[int | str] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and isinstance(part, str) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        else:
            break
        pointer = join_pointer(pointer, part)
        path.append(part)
    return pointer, path, current


def _model_at(path: list[int | str], root: type[BaseModel]) -> type[BaseModel] | None:
    """The model class that describes the mapping at ``path``, for key suggestions and labels."""
    current: Any = root
    for part in path:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            current = field.annotation if field else None
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(tp: Any) -> Any:
    """Optional[X] -> X, Annotated[X, ...] -> X; lists stay lists."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            tp = models[0] if models else args[0]
            if len(args) > 1 and not models:
                return tp
        else:
            return tp


def _label(path: list[int | str], name: str, root: type[BaseModel]) -> str:
    model = _model_at(path, root)
    if model is not None and name in model.model_fields:
        title = model.model_fields[name].title
        if title:
            return f"{name}（{title.split(' / ')[0]}）"
    return name


def _where(pointer: str) -> tuple[str, str]:
    return (f"“{pointer}”处", f"at {pointer}") if pointer else ("顶层", "at the top level")


def _convert(err: Any, data: Any, source: SourceMap, file: str, root: type[BaseModel]) -> Problem:
    """One Pydantic error as a :class:`Problem` at the place the data came from."""
    etype: str = err["type"]
    loc: tuple[int | str, ...] = tuple(err["loc"])
    if etype == "extra_forbidden":
        return _unknown_key(str(loc[-1]), loc[:-1], data, source, file, root)
    pointer, path, _ = _walk(data, loc)
    where = _where(pointer)
    if etype == "missing":
        rest = loc[len(path) :]
        name = str(rest[0]) if rest else str(loc[-1])
        label = _label(path, name, root)
        message = Message(
            f"{where[0]}缺少必填项 {label}。", f"{where[1]}: required key {name!r} is missing."
        )
        return _problem("PD102", message, file, pointer, source)
    code, message = _choice_message(err, loc, where) or _type_message(err, where)
    return _problem(code, message, file, pointer, source)


def _unknown_key(
    key: str,
    parent: tuple[int | str, ...],
    data: Any,
    source: SourceMap,
    file: str,
    root: type[BaseModel],
) -> Problem:
    """PD101 at the key itself, with the closest valid key (or the list of them)."""
    parent_pointer, parent_path, _ = _walk(data, parent)
    model = _model_at(parent_path, root)
    valid = list(model.model_fields) if model else []
    guess = nearest(key, valid)
    hint_zh = f"是不是“{guess}”？" if guess else f"可用的键：{'、'.join(valid)}。"
    hint_en = f"did you mean {guess!r}?" if guess else f"valid keys: {', '.join(valid)}."
    return _problem(
        "PD101",
        Message(
            f"未知的键“{shorten(key)}”：{hint_zh}",
            f"unknown key {shorten(repr(key))}: {hint_en}",
        ),
        file,
        join_pointer(parent_pointer, key),
        source,
        key=True,
    )


def _choice_message(
    err: Any, loc: tuple[int | str, ...], where: tuple[str, str]
) -> tuple[str, Message] | None:
    """A value outside its allowed set: a model check, schema_version, an enum or a literal."""
    etype: str = err["type"]
    ctx: dict[str, Any] = err.get("ctx") or {}
    given = err.get("input")
    if etype == "perfdecl":
        return "PD104", Message(str(ctx.get("zh", err["msg"])), str(err["msg"]))
    if etype == "literal_error" and loc[:1] == ("schema_version",):
        return "PD105", Message(
            "schema_version 必须是 1。",
            f"schema_version must be 1, not {shorten(repr(given))}.",
        )
    if etype in ("enum", "literal_error"):
        expected = str(ctx.get("expected", ""))
        return "PD104", Message(
            f"{where[0]}的取值“{shorten(str(given))}”无效，应为 {expected} 之一。",
            f"{where[1]}: {shorten(repr(given))} is not allowed; expected {expected}.",
        )
    return None


_NUMBER_TYPE_ERRORS = frozenset(
    {
        "decimal_parsing",
        "int_parsing",
        "float_parsing",
        "decimal_type",
        "int_type",
        "float_type",
        "int_from_float",
    }
)
"""Number errors that mean "not a number at all" (PD103); other number errors are PD104."""

_KINDS: dict[str, tuple[str, str]] = {
    "string_type": ("文本", "text"),
    "list_type": ("列表（以“- ”开头的各项）", "a list ('- ' items)"),
    "model_type": ("映射（键: 值）", "a mapping (key: value)"),
    "model_attributes_type": ("映射（键: 值）", "a mapping (key: value)"),
    "dict_type": ("映射（键: 值）", "a mapping (key: value)"),
    "bool_type": ("true 或 false", "true or false"),
}
"""Type errors -> what was expected, in words (zh, en)."""


def _type_message(err: Any, where: tuple[str, str]) -> tuple[str, Message]:
    """A value of the wrong type (PD103) or an invalid one (PD104)."""
    etype: str = err["type"]
    where_zh, where_en = where
    shown = _show(err.get("input"))
    if etype.startswith(("decimal", "int", "float")):
        if etype in _NUMBER_TYPE_ERRORS:
            return "PD103", Message(
                f"{where_zh}应为数字（不带单位和千分位逗号），实际是 {shown}。",
                f"{where_en}: expected a number (no unit, no thousands separator), got {shown}.",
            )
        return "PD104", Message(
            f"{where_zh}的数字 {shown} 无效：{err['msg']}。",
            f"{where_en}: {err['msg']}, got {shown}.",
        )
    if etype in ("finite_number",):
        return "PD104", Message(
            f"{where_zh}的数字必须是有限值，实际是 {shown}。",
            f"{where_en}: the number must be finite, got {shown}.",
        )
    if etype.startswith("date") or etype.startswith("datetime"):
        return "PD103", Message(
            f"{where_zh}应为日期，写作 YYYY-MM-DD（如 2019-12-31），实际是 {shown}。",
            f"{where_en}: expected a date written YYYY-MM-DD (such as 2019-12-31), got {shown}.",
        )
    if etype in _KINDS:
        zh, en = _KINDS[etype]
        return "PD103", Message(
            f"{where_zh}应为{zh}，实际是 {shown}。", f"{where_en}: expected {en}, got {shown}."
        )
    if etype == "string_pattern_mismatch":
        return "PD104", Message(
            f"{where_zh}的编号 {shown} 无效：只能用字母、数字和 . _ -，并以字母或数字开头。",
            f"{where_en}: id {shown} is invalid: use letters, digits and . _ - only, starting "
            "with a letter or digit.",
        )
    return "PD104", Message(
        f"{where_zh}的取值 {shown} 无效：{err['msg']}。",
        f"{where_en}: {err['msg']} (got {shown}).",
    )


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if not isinstance(value, str) else f"“{value}”"
    return shorten(text, 57)
