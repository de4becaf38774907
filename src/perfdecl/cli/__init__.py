"""Command-line entry point.

``main`` answers ``--version`` before importing Typer, so the commonest hook call stays cheap;
everything else goes through the Typer app in :mod:`perfdecl.cli.app`.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    """Run the CLI (the ``perfdecl`` console script)."""
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        from perfdecl import __version__

        sys.stdout.write(f"perfdecl {__version__}\n")
        raise SystemExit(0)
    from perfdecl.cli.app import app

    app(args=args, prog_name="perfdecl")
