"""``perfdecl import``: published text form -> declaration YAML (stdout or a new file)."""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from perfdecl.cli.common import LangOpt, debugging, resolve_lang
from perfdecl.model import Framework
from perfdecl.problem import Lang, Message, Problem

if TYPE_CHECKING:
    from perfdecl.convert.importer import ImportResult

FrameworkChoice = Enum("FrameworkChoice", {f.value: f.value for f in Framework}, type=str)  # type: ignore[misc]


def _show(problems: tuple[Problem, ...], lang: Lang) -> None:
    from perfdecl.reporters.text import plain_line

    for p in problems:
        sys.stderr.write(plain_line(p, lang) + "\n")


def import_all(file: str, *, year: int | None, framework: str | None) -> list[ImportResult]:
    """Every project of a published file (the reader and the layouts are loaded here only)."""
    from perfdecl.convert.pipeline import import_all as run
    from perfdecl.loader import read_path

    raw, problems = read_path(file)
    if raw is None:
        from perfdecl.convert.importer import ImportResult as Result

        return [Result(file, None, tuple(problems))]
    return run(raw, file=file, year=year, framework=framework)


def _explain(file: str) -> None:
    from perfdecl.convert.pipeline import explain
    from perfdecl.loader import read_path

    raw, problems = read_path(file)
    if raw is None:
        for p in problems:
            sys.stderr.write(f"{file}: {p.code} {p.message.en}\n")
        raise typer.Exit(2)
    sys.stdout.write(explain(raw, file))


def _yaml(result: ImportResult, where: str) -> str:
    from perfdecl.convert.skeleton import schema_reference
    from perfdecl.convert.yamlwrite import dumps

    assert result.data is not None
    # the modeline points at the repository's schema, from where the YAML goes (standard
    # output: as if written in the current folder); none when there is no copy to point at
    return dumps(result.data, comments=result.gap_comments(), schema=schema_reference(where))


def _pick(
    results: list[ImportResult], project: int | None, output: str | None, file: str, lang: Lang
) -> list[ImportResult]:
    """Several projects: --project N picks one; a folder output takes all; else PD410, exit 2."""
    if project is not None:
        if project > len(results):
            sys.stderr.write(
                f"perfdecl: {file} holds {len(results)} projects; --project {project} is not one.\n"
            )
            raise typer.Exit(2)
        return [results[project - 1]]
    if output is not None and (output.endswith(("/", os.sep)) or os.path.isdir(output)):
        return results
    names = "; ".join(
        f"{n}. {((r.data or {}).get('project') or {}).get('name', '?')}"
        for n, r in enumerate(results, 1)
    )
    zh = (
        f"{file} 含有 {len(results)} 个项目（{names}）：用 -o 目录/ 每个项目写一个文件，"
        "或用 --project N 选一个。"
    )
    en = (
        f"{file} holds {len(results)} projects ({names}): write one file each with -o DIR/, "
        "or pick one with --project N."
    )
    from perfdecl.convert.codes import CODES

    _show((Problem("PD410", CODES["PD410"].severity, Message(zh, en), file),), lang)
    raise typer.Exit(2)


def _write_each(
    results: list[ImportResult], folder: str, *, force: bool, partial: bool, lang: Lang, file: str
) -> None:
    from perfdecl.cli.output import write_output

    stem = os.path.splitext(os.path.basename(file))[0] or "form"
    for n, result in enumerate(results, 1):
        _show(result.problems, lang)
        if result.data is None or (not result.ok and not partial):
            continue
        target = os.path.join(folder, f"{stem}-{n}.yaml")
        write_output(
            target, _yaml(result, target), force=force, lang=lang, inputs=[file], makedirs=True
        )


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
        explain: Annotated[
            bool,
            typer.Option(
                "--explain",
                help="Show how the file was read and which layout matched and why (scores per "
                "family, labels found and missing); write nothing.",
            ),
        ] = False,
        project: Annotated[
            int | None,
            typer.Option(
                "--project", min=1, help="When the file holds several projects: import the N-th."
            ),
        ] = None,
        lang: LangOpt = None,
    ) -> None:
        """Import a published declaration or project form (text, HTML, Excel, Word, PDF) as YAML.

        Warnings (cells not placed, doubts, parts missing) go to standard error. Exit codes: 0
        written; 1 layout not recognised or year unknown (nothing written unless --partial); 2
        unreadable input, a scan, several projects without -o DIR/ or --project N, or an
        existing output file without --force.
        """
        from perfdecl.cli.output import write_output
        from perfdecl.lint import internal_error

        language = resolve_lang(lang)
        fw = framework.value if framework else None
        try:
            if explain:
                _explain(file)
                raise typer.Exit(0)
            results = import_all(file, year=year, framework=fw)
        except typer.Exit:
            raise
        except Exception as exc:  # last line of defence: a report, never a traceback
            if debugging(ctx):
                raise
            _show((internal_error(file, exc),), language)
            raise typer.Exit(2) from None
        if len(results) > 1:
            results = _pick(results, project, output, file, language)
        result = results[0]
        _show(result.problems, language)
        if any(p.code in ("PD001", "PD002", "PD003", "PD409") for p in result.problems):
            raise typer.Exit(2)
        if len(results) > 1:
            assert output is not None
            _write_each(results, output, force=force, partial=partial, lang=language, file=file)
            raise typer.Exit(0)
        if result.data is None or (not result.ok and not partial):
            hint = (
                "未写出文件；可用 --partial 写出已识别的部分。"
                if language == "zh"
                else "nothing written; --partial writes what was recognised."
            )
            sys.stderr.write(f"perfdecl: {hint}\n")
            raise typer.Exit(1)
        text = _yaml(result, output or "imported.yaml")
        if output is None:
            sys.stdout.write(text)
        else:
            write_output(output, text, force=force, lang=language, inputs=[file])
        raise typer.Exit(0)
