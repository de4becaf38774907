"""The Typer application: one module per command, registered in an explicit list."""

from __future__ import annotations

import importlib
from typing import Annotated

import typer

from perfdecl.version import __version__


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
    "rules": "rules",
    "explain": "rules",
    "init": "init",
    "import": "import_",
    "export": "export",
    "review": "review",
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
        add_completion=False,
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
