"""``perfdecl schema``: print the JSON Schema generated from the models."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from perfdecl.cli.common import LangOpt, resolve_lang


def schema_text() -> str:
    """The exact text committed as schemas/declaration.schema.json."""
    from perfdecl.model import json_schema

    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def register(app: typer.Typer) -> None:
    @app.command("schema")
    def schema(
        output: Annotated[
            str | None,
            typer.Option(
                "--output", "-o", help="Write the schema to this file (default: standard output)."
            ),
        ] = None,
        force: Annotated[
            bool, typer.Option("--force", help="Replace the file if it exists.")
        ] = False,
        lang: LangOpt = None,
    ) -> None:
        """Print or write the declaration JSON Schema (what schemas/declaration.schema.json holds).

        The schema ships inside perfdecl; editors find it through the modeline that
        ``perfdecl init`` writes (``# yaml-language-server: $schema=<relative path>``).
        """
        if output is None:
            sys.stdout.write(schema_text())
            return
        from perfdecl.cli.output import write_output

        write_output(output, schema_text(), force=force, lang=resolve_lang(lang), makedirs=True)
