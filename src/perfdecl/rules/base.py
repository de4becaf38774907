"""What a rule is: metadata at the top, a ``check`` generator of findings below.

Rules read the :class:`~perfdecl.model.Declaration`, never raw YAML; they name the place by JSON
pointer (and, inside a long text, by character offset) and the linter turns that into a line and a
column through the loader's source map.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import Field, dataclass, field, fields
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from perfdecl.problem import Message, Severity, become, fill_twin

if TYPE_CHECKING:
    from perfdecl.model import Declaration


@dataclass(frozen=True, slots=True, init=False)
class Finding:
    """A rule's finding before it is located: where (pointer, offset) and what (message)."""

    pointer: str
    message: Message
    offset: int | None = None
    length: int = 0
    key: bool = False
    severity: Severity | None = None  # None: the rule's (possibly configured) severity
    related: tuple[str, ...] = ()
    """Pointers of the other places the same finding applies to (the copies of one boilerplate):
    one finding with related locations instead of one finding per copy."""

    def __new__(
        cls,
        pointer: str,
        message: Message,
        offset: int | None = None,
        length: int = 0,
        key: bool = False,
        severity: Severity | None = None,
        related: tuple[str, ...] = (),
    ) -> Finding:
        # Filled through its mutable twin (perfdecl.problem.fill_twin): plain attribute stores,
        # where a frozen class's __init__ calls each slot's __set__ (half the cost, for some
        # hundred findings a file).
        finding: Any = _new_object(_FindingFill)
        finding.pointer = pointer
        finding.message = message
        finding.offset = offset
        finding.length = length
        finding.key = key
        finding.severity = severity
        finding.related = related
        become(finding, cls)
        return finding  # type: ignore[no-any-return]

    def __reduce__(self) -> tuple[type[Finding], tuple[object, ...]]:
        """Copied and pickled through ``__new__``, which takes the fields."""
        fields = (self.pointer, self.message, self.offset, self.length, self.key, self.severity)
        return Finding, (*fields, self.related)


_FindingFill = fill_twin(Finding)
_new_object = object.__new__


class RuleOptions:
    """Base of a rule's typed options: subclasses are frozen dataclasses, defined in the rule's
    module, whose fields (with their defaults and constraints, such as ``annotated_types.Ge``)
    are the rule's keys under ``[tool.perfdecl.thresholds]``; the configuration schema is built
    from them. A field with ``metadata={"configurable": False}`` is not a configuration key (for
    a rule's examples only, such as PD237's ``max_text_chars``)."""

    __slots__ = ()


OptionsT = TypeVar("OptionsT", bound=RuleOptions)


def option_fields(kind: type[RuleOptions]) -> tuple[Field[Any], ...]:
    """The dataclass fields of a rule's options."""
    return fields(kind)  # type: ignore[arg-type]


def configurable(kind: type[RuleOptions]) -> list[str]:
    """The names of ``kind``'s fields that the configuration may set."""
    return [f.name for f in option_fields(kind) if f.metadata.get("configurable", True)]


@dataclass(frozen=True, slots=True)
class RuleSettings:
    """What the configuration sets for the rules: each rule's typed options, and the framework
    every declaration is expected to declare (PD023)."""

    framework: str | None = None
    values: Mapping[type[RuleOptions], RuleOptions] = field(default_factory=dict)

    def of(self, kind: type[OptionsT]) -> OptionsT:
        """The options of type ``kind`` (its defaults when the configuration sets none)."""
        found = self.values.get(kind)
        return found if isinstance(found, kind) else kind()

    @classmethod
    def with_options(cls, *values: RuleOptions, framework: str | None = None) -> RuleSettings:
        return cls(framework, {type(v): v for v in values})


DECLARATION_KINDS: frozenset[str] = frozenset({"department", "project"})
"""The kinds of file a declaration rule reads (the default of :attr:`Rule.kinds`)."""
ALL_KINDS: frozenset[str] = DECLARATION_KINDS | {"selfeval"}
"""Declarations and self-evaluations: for a rule about what both files state in their own right."""
SELFEVAL_KINDS: frozenset[str] = frozenset({"selfeval"})
"""Self-evaluations only (PD260-PD265; the declaration rules go on from PD266)."""


def kind_of(decl: Declaration) -> str:
    """The file's ``kind`` as plain text (a declaration's is an enum, a self-evaluation's a str)."""
    return str(getattr(decl.kind, "value", decl.kind))


class Rule:
    """Base class of every rule; subclasses set the metadata and implement :meth:`check`.

    The class docstring is the rule's documentation: its rationale, then ``Bad:`` and ``Good:``
    YAML snippets that the test suite runs through the rule.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[Message]
    options: ClassVar[type[RuleOptions] | None] = None
    """The rule's typed options (a :class:`RuleOptions` dataclass in its module), or None."""
    kinds: ClassVar[frozenset[str]] = DECLARATION_KINDS
    """The kinds of file the rule runs on. A self-evaluation repeats the declared table word for
    word (changing it is PD502), so advice on how a target is drafted is the declaration's; only
    rules about what the file itself states run on a self-evaluation too (:data:`ALL_KINDS`)."""
    example_options: ClassVar[RuleOptions | None] = None
    """The options the docstring examples and tests/rules/<CODE>.yaml run with: for a rule whose
    trigger does not fit in a snippet (PD237's 20,000 characters); say so in the docstring."""

    def check(self, decl: Declaration, settings: RuleSettings) -> Iterator[Finding]:
        raise NotImplementedError
