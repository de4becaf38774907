"""The names of the indicator frameworks: the shipped ones and those added as data files.

In a module of its own so that the framework tables (:mod:`perfdecl.model.frameworks`) and the
models (:mod:`perfdecl.model`) both read it without importing each other.
"""

from __future__ import annotations

from enum import StrEnum


class Framework(StrEnum):
    """Which indicator framework the table follows (see docs/format.md)."""

    BEIJING_2019 = "beijing_2019"
    NATIONAL_CLASSIC = "national_classic"
    CENTRAL_2021 = "central_2021"


class FrameworkName(str):
    """A framework added as a data file through the configuration (``frameworks``), by its id.

    It reads like a :class:`Framework` member (``.value``) so code needs no second path.
    """

    __slots__ = ()

    @property
    def value(self) -> str:
        return str(self)
