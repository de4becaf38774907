"""The Typer application: one module per command, registered in an explicit list."""

from __future__ import annotations

import importlib
from typing import Annotated

import typer

from perfdecl import __version__

app = typer.Typer(
    name="perfdecl",
    help="Check, compare and render performance-target declarations (绩效目标申报表) kept as YAML.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"perfdecl {__version__}")
        raise typer.Exit(0)


@app.callback()
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
    """perfdecl: the toolchain for 绩效目标申报表."""
    if debug:
        from perfdecl import lint

        lint.DEBUG = True


COMMANDS: tuple[str, ...] = ("validate", "schema", "render", "diff", "rules", "init", "import_", "export")
"""Modules of perfdecl.cli that each define ``register(app)``; the order is the help order."""

for _name in COMMANDS:
    importlib.import_module(f"perfdecl.cli.{_name}").register(app)
