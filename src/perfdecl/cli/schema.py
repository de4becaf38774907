"""``perfdecl schema``: print the JSON Schema generated from the models."""

from __future__ import annotations

import json
import sys

import typer


def schema_text() -> str:
    """The exact text committed as schemas/declaration.schema.json."""
    from perfdecl.model import json_schema

    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def register(app: typer.Typer) -> None:
    @app.command("schema")
    def schema() -> None:
        """Print the declaration JSON Schema (what schemas/declaration.schema.json holds)."""
        sys.stdout.write(schema_text())
