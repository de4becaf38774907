"""``perfdecl init``: write a new declaration skeleton (never over an existing file)."""

from __future__ import annotations

from typing import Annotated

import typer

from perfdecl.cli._env import say
from perfdecl.cli.common import LangOpt, resolve_lang
from perfdecl.model import Framework, Kind


def register(app: typer.Typer) -> None:
    @app.command("init")
    def init(
        path: Annotated[str, typer.Argument(help="The declaration file to create (*.yaml).")],
        framework: Annotated[
            Framework,
            typer.Option("--framework", help="Indicator framework of the table."),
        ] = Framework.BEIJING_2019,
        kind: Annotated[
            Kind, typer.Option("--kind", help="department (部门整体) or project (项目).")
        ] = Kind.DEPARTMENT,
        year: Annotated[
            int | None,
            typer.Option(
                "--year", min=1990, max=2100, help="Declaration year (default: this year)."
            ),
        ] = None,
        schema: Annotated[
            str | None,
            typer.Option(
                "--schema",
                help="Schema path or URL for the modeline (default: a schemas/"
                "declaration.schema.json found above the file, else the published URL).",
            ),
        ] = None,
        force: Annotated[
            bool, typer.Option("--force", help="Replace the file if it exists.")
        ] = False,
        lang: LangOpt = None,
    ) -> None:
        """Write a new declaration skeleton with the editor modeline, for a framework and kind.

        The skeleton loads and matches the schema; its 待填 placeholders are reported (PD231)
        until they are filled in.
        """
        from perfdecl.cli.output import write_output
        from perfdecl.convert.skeleton import schema_reference, skeleton

        language = resolve_lang(lang)
        text = skeleton(
            framework=framework,
            kind=kind,
            year=year,
            schema=schema or schema_reference(path),
        )
        write_output(path, text, force=force, lang=language)
        say(
            language,
            f"created {path} ({framework.value}, {kind.value}).",
            f"已创建 {path}（{framework.value}，{kind.value}）。",
        )
