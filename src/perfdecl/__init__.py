"""perfdecl: validate, diff and render performance-target declarations (绩效目标申报表).

Library use (the CLI is a thin layer over these)::

    import perfdecl
    problems = perfdecl.validate("examples/niujie_2019.yaml")
    decl = perfdecl.load_declaration("examples/niujie_2019.yaml")

Names are imported lazily so that ``perfdecl --version`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from perfdecl.version import __version__

_LAZY = {
    "validate": "perfdecl.lint",
    "check_path": "perfdecl.lint",
    "check_bytes": "perfdecl.lint",
    "load_declaration": "perfdecl.lint",
    "DeclarationError": "perfdecl.lint",
    "FileResult": "perfdecl.lint",
    "Options": "perfdecl.lint",
    "Declaration": "perfdecl.model",
    "Problem": "perfdecl.problem",
    "Severity": "perfdecl.problem",
    "Message": "perfdecl.problem",
    "load_path": "perfdecl.loader",
    "load_bytes": "perfdecl.loader",
}

if TYPE_CHECKING:
    from perfdecl.lint import (
        DeclarationError,
        FileResult,
        Options,
        check_bytes,
        check_path,
        load_declaration,
        validate,
    )
    from perfdecl.loader import load_bytes, load_path
    from perfdecl.model import Declaration
    from perfdecl.problem import Message, Problem, Severity


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'perfdecl' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = [
    "Declaration",
    "DeclarationError",
    "FileResult",
    "Message",
    "Options",
    "Problem",
    "Severity",
    "__version__",
    "check_bytes",
    "check_path",
    "load_bytes",
    "load_declaration",
    "load_path",
    "validate",
]
