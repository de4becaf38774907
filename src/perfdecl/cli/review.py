"""``perfdecl review FILE``: draft the 财政部门审核意见 for one declaration.

The findings are those of ``perfdecl validate`` (the configuration applies); the opinion's
structure and its conclusion table live in :mod:`perfdecl.opinion`.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from perfdecl.cli.common import LangOpt, debugging, fail, resolve_lang


class ReviewFormat(StrEnum):
    markdown = "markdown"
    docx = "docx"


def register(app: typer.Typer) -> None:
    @app.command("review")
    def review(
        ctx: typer.Context,
        file: Annotated[str, typer.Argument(help="The declaration (YAML) to review.")],
        output_format: Annotated[
            ReviewFormat | None,
            typer.Option(
                "--format",
                "-f",
                help="markdown or docx (default: from the -o suffix, else markdown).",
            ),
        ] = None,
        output: Annotated[
            str | None,
            typer.Option("--output", "-o", help="Write here (atomically) instead of stdout."),
        ] = None,
        force: Annotated[
            bool, typer.Option("--force", help="Replace an existing output file.")
        ] = False,
        lang: LangOpt = None,
    ) -> None:
        """Draft the finance bureau's review opinion (财政部门审核意见) for a declaration.

        Parts 一、二、… follow the form (header and money, goals, the table, each 一级); each
        item cites its row; the conclusion (通过 / 修改后通过 / 退回) follows the worst finding.
        """
        from perfdecl.cli.output import UsageError, save
        from perfdecl.config import options_for
        from perfdecl.lint import Options, check_path
        from perfdecl.opinion import draft, markdown

        language = resolve_lang(lang)
        name = output_format.value if output_format is not None else None
        if name is None:
            name = "docx" if output is not None and output.lower().endswith(".docx") else "markdown"
        if name == "docx" and output is None:
            raise fail(
                "a docx opinion needs --output FILE.docx.",
                "docx 格式需用 --output 指定文件。",
                language,
            )
        result = check_path(file, options_for(file, base=Options(debug=debugging(ctx))))
        if result.unreadable:
            raise fail(f"cannot read {file}.", f"无法读取 {file}。", language)
        opinion = draft(result, language)
        data: str | bytes
        if name == "docx":
            from perfdecl.opinion.docx import to_docx

            data = to_docx(opinion, language)
        else:
            data = markdown(opinion, language)
        if output is None:
            sys.stdout.write(str(data))
            return
        try:
            save(output, data, force=force, inputs=[file])
        except UsageError as exc:
            raise fail(exc.en, exc.zh, language) from None
