"""``perfdecl schema``: print the JSON Schema generated from the models."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer

from perfdecl.cli.common import LangOpt, resolve_lang


class SchemaKind(StrEnum):
    """Which file's schema: a declaration's (the default) or a self-evaluation's."""

    DECLARATION = "declaration"
    SELFEVAL = "selfeval"


def schema_text(kind: SchemaKind = SchemaKind.DECLARATION) -> str:
    """The exact text committed as schemas/declaration.schema.json (schemas/selfeval.schema.json
    for ``kind: selfeval`` files)."""
    if kind is SchemaKind.SELFEVAL:
        from perfdecl.model.selfeval import json_schema as selfeval_schema

        return json.dumps(selfeval_schema(), ensure_ascii=False, indent=2) + "\n"
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
        kind: Annotated[
            SchemaKind,
            typer.Option(
                "--kind",
                help="declaration (schemas/declaration.schema.json) or selfeval "
                "(schemas/selfeval.schema.json, for kind: selfeval files).",
            ),
        ] = SchemaKind.DECLARATION,
        lang: LangOpt = None,
    ) -> None:
        """Print or write the declaration JSON Schema (what schemas/declaration.schema.json holds).

        The schema ships inside perfdecl; editors find it through the modeline that
        ``perfdecl init`` writes (``# yaml-language-server: $schema=<relative path>``).
        """
        if output is None:
            sys.stdout.write(schema_text(kind))
            return
        from perfdecl.cli.output import write_output

        write_output(output, schema_text(kind), force=force, lang=resolve_lang(lang), makedirs=True)
