"""``perfdecl validate``'s Typer command: help, errors and unusual spellings.

The console script parses common command lines itself (:mod:`perfdecl.cli.fastpath`); the
options of both are derived from one table, :class:`~perfdecl.cli.options.ValidateArgs`, and
both end in :func:`perfdecl.cli.fastpath.run`.
"""

from __future__ import annotations

import inspect
from enum import Enum
from typing import Annotated, Any

import typer

from perfdecl.cli.common import debugging
from perfdecl.cli.fastpath import run
from perfdecl.cli.options import OPTIONS, Opt, ValidateArgs, _formats

PATHS_HELP = (
    "Declaration files, folders (searched for *.yaml / *.yml), globs such as "
    "'decl/**/*.yaml', or - for standard input."
)
DOC = """Check declarations; print problems as path:line:col: CODE severity message.

Exit codes: 0 no errors; 1 errors found (or warnings with --strict); 2 usage error or a
path that cannot be read.
"""


def _annotation(opt: Opt) -> Any:
    """The Typer annotation of one option of the table."""
    extra: dict[str, Any] = {"help": opt.help}
    if opt.metavar:
        extra["metavar"] = opt.metavar
    if opt.minimum is not None:
        extra["min"] = opt.minimum
    info = typer.Option(*opt.flags, **extra)
    kind: Any
    if opt.kind == "flag":
        kind = bool
    elif opt.kind == "int":
        kind = int if opt.default is not None else int | None
    elif opt.kind == "list":
        kind = list[str] | None
    elif opt.kind == "choice":
        names = opt.choices or _formats()
        choice: Any = Enum(f"{opt.dest}_choice", {n: n for n in names}, type=str)  # type: ignore[misc]
        kind = choice | None
    else:
        kind = str | None
    return Annotated[kind, info]


def _signature() -> inspect.Signature:
    params = [
        inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context),
        inspect.Parameter(
            "paths",
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            annotation=Annotated[list[str], typer.Argument(help=PATHS_HELP)],
        ),
    ]
    params += [
        inspect.Parameter(
            opt.dest,
            inspect.Parameter.KEYWORD_ONLY,
            default=None if opt.kind == "list" else opt.default,
            annotation=_annotation(opt),
        )
        for opt in OPTIONS
    ]
    return inspect.Signature(params)


def _value(value: object) -> object:
    return value.value if isinstance(value, Enum) else value


def validate(ctx: typer.Context, paths: list[str], **options: object) -> None:
    args = ValidateArgs(paths=list(paths), debug=debugging(ctx))
    for opt in OPTIONS:
        value = _value(options[opt.dest])
        setattr(args, opt.dest, list(value or []) if opt.kind == "list" else value)  # type: ignore[call-overload]
    raise typer.Exit(run(args))


validate.__doc__ = DOC
validate.__signature__ = _signature()  # type: ignore[attr-defined]
validate.__annotations__ = {p.name: p.annotation for p in _signature().parameters.values()}


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
