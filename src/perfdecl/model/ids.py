"""The type of a stable id (an indicator's, a strand's, a 一级's): text, at most 64 characters,
letters, digits and ``. _ -``, starting with a letter or digit.

A module of its own, as :mod:`perfdecl.model.digits`, so that the model module stays readable.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import WithJsonSchema
from pydantic_core import PydanticKnownError, core_schema

_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
_ID_LENGTH = 64


def _id_length(value: str) -> str:
    """An id's length, as ``Field(max_length=64)`` after a validator checks it (the same error,
    ``too_long``, on the value as given)."""
    if len(value) > _ID_LENGTH:
        raise PydanticKnownError(
            "too_long",
            {"field_type": "Value", "max_length": _ID_LENGTH, "actual_length": len(value)},
        )
    return value


class _IdSchema:
    """An id: text (a number the loader read becomes the text written, as in :data:`Text`), at
    most 64 characters, then the pattern, checked in that order and with the errors that
    ``Annotated[str, BeforeValidator(_as_text), Field(pattern=…, max_length=64)]`` gave. Written
    as a core schema because those constraints after a before-validator cost three Python calls
    an id (the validator, ``max_length``, and a wrapper around ``pattern``), 96 ids a generated
    declaration; this is one (0.4 M instructions a declaration; tests/test_model_id.py)."""

    @staticmethod
    def __get_pydantic_core_schema__(source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.chain_schema(
            [
                core_schema.no_info_after_validator_function(
                    _id_length, core_schema.str_schema(coerce_numbers_to_str=True)
                ),
                core_schema.str_schema(pattern=_ID_PATTERN),
            ]
        )


Id = Annotated[
    str,
    _IdSchema,
    WithJsonSchema(
        {
            "type": "string",
            "maxLength": _ID_LENGTH,
            "pattern": _ID_PATTERN,
            "description": "稳定标识，文件内唯一，跨年度比对时据此匹配 / Stable id, unique in the "
            "file; diff matches on it.",
        }
    ),
]
