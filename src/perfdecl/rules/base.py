"""What a rule is: metadata at the top, a ``check`` generator of findings below.

Rules read the :class:`~perfdecl.model.Declaration`, never raw YAML; they name the place by JSON
pointer (and, inside a long text, by character offset) and the linter turns that into a line and a
column through the loader's source map.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar

from perfdecl.model import Declaration
from perfdecl.problem import Message, Severity


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule's finding before it is located: where (pointer, offset) and what (message)."""

    pointer: str
    message: Message
    offset: int | None = None
    length: int = 0
    key: bool = False
    severity: Severity | None = None  # None: the rule's (possibly configured) severity


@dataclass(frozen=True, slots=True)
class RuleSettings:
    """Tunable thresholds; filled from ``[tool.perfdecl]`` by the configuration layer."""

    min_quantitative_share: float = 0.5
    extra_vague_words: tuple[str, ...] = ()
    funds_change_threshold: float = 0.2
    options: dict[str, object] = field(default_factory=dict)


class Rule:
    """Base class of every rule; subclasses set the metadata and implement :meth:`check`.

    The class docstring is the rule's documentation: its rationale, then ``Bad:`` and ``Good:``
    YAML snippets that the test suite runs through the rule.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[Message]
    example_options: ClassVar[dict[str, object]] = {}
    """``RuleSettings.options`` the docstring examples and tests/rules/<CODE>.yaml run with: for a
    rule whose trigger does not fit in a snippet (PD237's 20,000 characters); say so in the
    docstring."""

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        raise NotImplementedError
