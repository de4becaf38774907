"""The Typer application: one module per command, registered in an explicit list."""

from __future__ import annotations

import importlib
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from perfdecl.version import __version__


class _Group(TyperGroup):
    """The root group: a flag shows no value in help, as click users know it.

    Typer prints the parameter's type beside each option, so every flag (``--force``,
    ``--help`` …) reads ``--force <bool>`` as if it took a value. The parameters are tidied
    when help asks for them, on the click objects, so the console script and ``CliRunner`` both
    see it, for the root's own options (``--help``, the completion flags) and each command's.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for command in self.commands.values():
            _tidy_params(command)

    def get_params(self, ctx: Any) -> list[Any]:
        return [_flag_without_value(p) for p in super().get_params(ctx)]


def _tidy_params(command: Any) -> None:
    """``command.get_params`` returns its flags without a value placeholder."""
    original = command.get_params

    def get_params(ctx: Any) -> list[Any]:
        return [_flag_without_value(p) for p in original(ctx)]

    command.get_params = get_params


def _flag_without_value(param: Any) -> Any:
    if getattr(param, "is_flag", False) and getattr(param, "metavar", None) is None:
        param.metavar = ""
    return param


def _version(value: bool) -> None:
    if value:
        typer.echo(f"perfdecl {__version__}")
        raise typer.Exit(0)


def _root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", help="Show Python tracebacks for internal errors (for bug reports)."
        ),
    ] = False,
) -> None:
    """perfdecl: the toolchain for 绩效目标申报表.

    ``--debug`` is read back by each command (:func:`perfdecl.cli.common.debugging`) and
    travels in its options; there is no global flag.
    """


COMMANDS: dict[str, str] = {
    "validate": "validate",
    "schema": "schema",
    "render": "render",
    "diff": "diff",
    "outcome": "outcome",
    "rules": "rules",
    "explain": "rules",
    "init": "init",
    "import": "import_",
    "export": "export",
    "review": "review",
    "serve": "serve",
}
"""Command name -> module of perfdecl.cli defining ``register(app)``; the order is the help order."""


def build_app(command: str | None = None) -> typer.Typer:
    """The Typer app with every command, or only ``command``'s module when it is a known name.

    Importing a command module pulls in what it needs (diff, render, pydantic models …), so the
    console script registers just the invoked command: ``perfdecl validate`` does not pay for
    ``render``.
    """
    app = typer.Typer(
        name="perfdecl",
        help="Check, compare and render performance-target declarations (绩效目标申报表) kept as YAML.",
        no_args_is_help=True,
        cls=_Group,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_root)
    modules = [COMMANDS[command]] if command in COMMANDS else list(dict.fromkeys(COMMANDS.values()))
    for module in modules:
        importlib.import_module(f"perfdecl.cli.{module}").register(app)
    return app


_FULL: typer.Typer | None = None


def __getattr__(name: str) -> typer.Typer:
    """``from perfdecl.cli.app import app``: the full app, built once on first use."""
    global _FULL
    if name != "app":
        raise AttributeError(name)
    if _FULL is None:
        _FULL = build_app()
    return _FULL
