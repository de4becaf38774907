"""``perfdecl init``: write a new declaration skeleton (never over an existing file)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from perfdecl.cli._env import say
from perfdecl.cli.common import LangOpt, resolve_lang
from perfdecl.model import Framework, Kind
from perfdecl.problem import Lang


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
                help="Schema path for the editor modeline (default: the repository's schemas/"
                "declaration.schema.json, written there first when it is missing).",
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
        from perfdecl.convert.skeleton import schema_home, schema_reference, skeleton

        language = resolve_lang(lang)
        if not path.lower().endswith((".yaml", ".yml")):
            say(
                language,
                f"{path}: a declaration file name ends in .yaml or .yml; nothing written.",
                f"{path}：申报表文件名应以 .yaml 或 .yml 结尾；未写入。",
            )
            raise SystemExit(2)
        reference = schema or schema_reference(path)
        home = None if reference else schema_home(path)
        if home is not None:  # the repository has no copy: the modeline points where it goes
            reference = os.path.relpath(home, os.path.dirname(os.path.abspath(path)))
            reference = reference.replace(os.sep, "/")
        text = skeleton(framework=framework, kind=kind, year=year, schema=reference)
        write_output(path, text, force=force, lang=language, makedirs=True)
        if home is not None:  # after the declaration: a refused or failed write leaves nothing
            _write_schema(home, language)
        say(
            language,
            f"created {path} ({framework.value}, {kind.value}).",
            f"已创建 {path}（{framework.value}，{kind.value}）。",
        )


def _write_schema(home: Path, lang: Lang) -> None:
    """Write the JSON Schema where the repository keeps it (it had none), so that the editor
    completes the new file through its modeline."""
    from perfdecl.cli.output import write_output
    from perfdecl.cli.schema import schema_text

    write_output(str(home), schema_text(), force=False, lang=lang, makedirs=True)
    say(lang, f"wrote the JSON Schema to {home}.", f"已写入 JSON Schema：{home}。")
