"""Problem writes its own ``__init__`` (filled through the slots' descriptors, for speed);
Finding, IndicatorRow and GroupRow are made in their ``__new__`` (filled through a mutable twin
class): either must take the dataclass fields, in order, with their defaults, and the objects
must stay frozen, comparable, hashable, replaceable and picklable."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
from pathlib import Path
from typing import Any

import pytest

from perfdecl.lint import load_declaration
from perfdecl.model.rows import GroupRow, IndicatorRow, indicator_rows
from perfdecl.problem import Message, Problem, Related, Severity
from perfdecl.rules.base import Finding


def _default(f: dataclasses.Field[Any]) -> object:
    if f.default is not dataclasses.MISSING:
        return f.default
    return inspect.Parameter.empty


@pytest.mark.parametrize("cls", [Problem, Finding, IndicatorRow, GroupRow, Message, Related])
def test_init_takes_the_init_fields_in_order_with_their_defaults(cls: type) -> None:
    # Finding and the rows are made in their __new__ (filled through a twin class)
    made_by = cls.__dict__.get("__init__") or cls.__new__
    params = list(inspect.signature(made_by).parameters.values())[1:]
    fields = [f for f in dataclasses.fields(cls) if f.init]
    assert [p.name for p in params] == [f.name for f in fields]
    assert [p.default for p in params] == [_default(f) for f in fields]


def test_problem_is_set_frozen_hashable_replaceable_and_picklable() -> None:
    related = (Related("/b", 2, 1, 2, 4),)
    p = Problem("PD201", Severity.ERROR, Message("中", "en"), "f.yaml", 1, 2, 3, 4, "/a", related)
    assert (p.code, p.severity, p.file, p.line, p.column) == (
        "PD201",
        Severity.ERROR,
        "f.yaml",
        1,
        2,
    )
    assert (p.end_line, p.end_column, p.pointer, p.related) == (3, 4, "/a", related)
    assert Problem("PD201", Severity.INFO, Message("a", "b"), "f").pointer == ""
    assert p == dataclasses.replace(p) and hash(p) == hash(dataclasses.replace(p))
    assert p.with_severity(Severity.INFO).severity is Severity.INFO
    assert pickle.loads(pickle.dumps(p)) == p
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.line = 9  # type: ignore[misc]


def test_finding_is_set_and_frozen() -> None:
    f = Finding("/x", Message("a", "b"), offset=3, length=2, related=("/y",))
    assert (f.pointer, f.offset, f.length, f.key, f.severity, f.related) == (
        "/x",
        3,
        2,
        False,
        None,
        ("/y",),
    )
    assert f == Finding("/x", Message("a", "b"), 3, 2, False, None, ("/y",))
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.offset = 1  # type: ignore[misc]


def test_indicator_row_reads_as_its_table_says(example_path: Path) -> None:
    rows = list(indicator_rows(load_declaration(example_path)))
    assert rows
    for row in rows:
        assert row.level1 == row.group_row.parent.canonical
        assert row.level2 == row.group_row.canonical
        assert row.text == row.item.text
        assert row.text_pointer == f"{row.pointer}/text"
        again = dataclasses.replace(row)
        assert again == row and again.level2 == row.level2 and again.quantified is None
        for copied in (copy.copy(row), pickle.loads(pickle.dumps(row))):
            assert type(copied) is IndicatorRow and copied == row
            assert copied.text_pointer == row.text_pointer and copied.level1 == row.level1
        group = row.group_row
        for copied_group in (copy.copy(group), pickle.loads(pickle.dumps(group))):
            assert copied_group == group and copied_group.canonical == group.canonical
        with pytest.raises(dataclasses.FrozenInstanceError):
            row.text = ""  # type: ignore[misc]


def test_message_and_related_are_set_frozen_hashable_and_picklable() -> None:
    m = Message("中文", "English")
    assert (m.zh, m.en, m.text("zh"), m.text("en")) == ("中文", "English", "中文", "English")
    r = Related("/a", 1, 2, 3, 4)
    assert (r.pointer, r.line, r.column, r.end_line, r.end_column) == ("/a", 1, 2, 3, 4)
    assert Related("/b") == Related("/b", None, None, None, None)
    for value in (m, r):
        assert value == dataclasses.replace(value) and hash(value) == hash(
            dataclasses.replace(value)
        )
        assert pickle.loads(pickle.dumps(value)) == value
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.zh = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.line = 9  # type: ignore[misc]


def test_a_problem_built_through_its_twin_is_a_problem() -> None:
    """lint.locate builds problems as ProblemFill objects and then changes their class."""
    from perfdecl.problem import ProblemFill, become

    assert ProblemFill.__slots__ == Problem.__slots__
    twin: Any = object.__new__(ProblemFill)
    values = ("PD201", Severity.ERROR, Message("中", "en"), "f.yaml", 1, 2, 3, 4, "/a", ())
    for f, value in zip(dataclasses.fields(Problem), values, strict=True):
        setattr(twin, f.name, value)
    become(twin, Problem)
    built = Problem(*values)
    assert type(twin) is Problem and twin == built and hash(twin) == hash(built)
    assert pickle.loads(pickle.dumps(twin)) == built
    with pytest.raises(dataclasses.FrozenInstanceError):
        twin.line = 5


def test_a_severity_hashes_by_identity_and_keeps_its_enum_behaviour() -> None:
    """Severity hashes through object.__hash__ (a C slot, not Enum's hash of the name)."""
    table = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
    assert [table[s] for s in Severity] == [0, 1, 2]
    assert all(hash(s) == object.__hash__(s) for s in Severity)
    assert Severity("error") is Severity.ERROR and Severity["WARNING"] is Severity.WARNING
    assert pickle.loads(pickle.dumps(Severity.INFO)) is Severity.INFO
    assert max(Severity) is Severity.ERROR and Severity.INFO < Severity.WARNING
    assert len({*Severity, *Severity}) == 3 and Severity.ERROR != "error"


def test_every_twin_has_its_class_slots_and_no_other_class_can_be_taken() -> None:
    """fill_twin serves Problem, Finding and the rows table's group and indicator rows: each twin has
    exactly its class's slots, and Python refuses to give a twin a class of other slots."""
    from perfdecl.model.rows import GroupRow, IndicatorRow, _GroupFill, _RowFill
    from perfdecl.problem import ProblemFill, become, fill_twin
    from perfdecl.rules.base import Finding, _FindingFill

    pairs = ((ProblemFill, Problem), (_FindingFill, Finding), (_RowFill, IndicatorRow))
    for twin, cls in (*pairs, (_GroupFill, GroupRow)):
        assert twin.__slots__ == cls.__slots__ and twin.__name__ == f"{cls.__name__}Fill"
        assert not hasattr(twin, "__dict__") or "__dict__" not in twin.__dict__
    stray: Any = object.__new__(fill_twin(Related))
    with pytest.raises(TypeError):
        become(stray, Problem)
