"""``perfdecl import``: published text form -> declaration YAML (stdout or a new file)."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from perfdecl.cli.common import LangOpt, debugging, resolve_lang
from perfdecl.model import Framework
from perfdecl.problem import Lang, Problem

FrameworkChoice = Enum("FrameworkChoice", {f.value: f.value for f in Framework}, type=str)  # type: ignore[misc]


def _show(problems: tuple[Problem, ...], lang: Lang) -> None:
    from perfdecl.reporters.text import plain_line

    for p in problems:
        sys.stderr.write(plain_line(p, lang) + "\n")


def register(app: typer.Typer) -> None:
    @app.command("import")
    def import_(
        ctx: typer.Context,
        file: Annotated[
            str,
            typer.Argument(
                help="The published form: text, HTML, xlsx, xls, docx or PDF (.doc/.wps via LibreOffice)."
            ),
        ],
        output: Annotated[
            str | None,
            typer.Option("--output", "-o", help="Write the YAML here (default: standard output)."),
        ] = None,
        force: Annotated[
            bool, typer.Option("--force", help="Replace the output file if it exists.")
        ] = False,
        partial: Annotated[
            bool,
            typer.Option(
                "--partial",
                help="Write what was recognised even when parts are missing; gaps are noted as "
                "comments at the top.",
            ),
        ] = False,
        year: Annotated[
            int | None,
            typer.Option(
                "--year", min=1990, max=2100, help="Declaration year (default: from the goals)."
            ),
        ] = None,
        framework: Annotated[
            FrameworkChoice | None,
            typer.Option("--framework", help="Indicator framework (default: detected)."),
        ] = None,
        lang: LangOpt = None,
    ) -> None:
        """Import a published declaration (the layout of 部门整体绩效目标申报表) as YAML.

        Warnings (lines not placed, parts missing) go to standard error. Exit codes: 0 written;
        1 layout not recognised or year unknown (nothing written unless --partial); 2 unreadable
        input or an existing output file without --force.
        """
        from perfdecl.cli.output import write_output
        from perfdecl.convert.importer import import_path
        from perfdecl.convert.yamlwrite import dumps
        from perfdecl.lint import internal_error

        language = resolve_lang(lang)
        try:
            result = import_path(file, year=year, framework=framework.value if framework else None)
        except Exception as exc:  # last line of defence: a report, never a traceback
            if debugging(ctx):
                raise
            _show((internal_error(file, exc),), language)
            raise typer.Exit(2) from None
        _show(result.problems, language)
        if any(p.code in ("PD001", "PD002", "PD003", "PD409") for p in result.problems):
            raise typer.Exit(2)
        if result.data is None or (not result.ok and not partial):
            hint = (
                "未写出文件；可用 --partial 写出已识别的部分。"
                if language == "zh"
                else "nothing written; --partial writes what was recognised."
            )
            sys.stderr.write(f"perfdecl: {hint}\n")
            raise typer.Exit(1)
        comments = result.gap_comments()
        from perfdecl.convert.skeleton import schema_reference

        # the modeline points at the repository's schema, from where the YAML goes (standard
        # output: as if written in the current folder); none when there is no copy to point at
        reference = schema_reference(output or "imported.yaml")
        text = dumps(result.data, comments=comments, schema=reference)
        if output is None:
            sys.stdout.write(text)
        else:
            write_output(output, text, force=force, lang=language, inputs=[file])
        raise typer.Exit(0)
