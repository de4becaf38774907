"""``perfdecl export``: declarations (files or folders) -> CSV or JSON Lines tables."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from perfdecl.cli.common import LangOpt, debugging, resolve_lang
from perfdecl.escape import safe
from perfdecl.problem import Lang, Problem, Severity


class ExportFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"


def _write(
    path: str | None, text: str, fmt: str, force: bool, lang: Lang, inputs: list[str]
) -> None:
    from perfdecl.cli.output import write_output
    from perfdecl.convert.export import ENCODINGS

    payload = text.encode(ENCODINGS[fmt])
    if path is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
        return
    write_output(path, payload, force=force, lang=lang, inputs=inputs)


def _skip(path: str, first: Problem | None, lang: Lang) -> None:
    detail = f" ({first.code} {first.message.text(lang)})" if first else ""
    msg = (
        f"{path}: 有错误，已跳过{detail}；请先运行 perfdecl validate。"
        if lang == "zh"
        else f"{path}: has errors, skipped{detail}; run perfdecl validate."
    )
    sys.stderr.write(f"perfdecl: {safe(msg, 'terminal')}\n")


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export(
        ctx: typer.Context,
        paths: Annotated[
            list[str],
            typer.Argument(
                help="Declaration files, folders (searched for *.yaml / *.yml) or globs such "
                "as 'decl/**/*.yaml'."
            ),
        ],
        output_format: Annotated[
            ExportFormat, typer.Option("--format", "-f", help="Table format.")
        ] = ExportFormat.csv,
        output: Annotated[
            str | None,
            typer.Option("--output", "-o", help="Indicator table file (default: standard output)."),
        ] = None,
        funds_out: Annotated[
            str | None,
            typer.Option(
                "--funds-out", help="Also write the funds table (unit, year, amounts) here."
            ),
        ] = None,
        force: Annotated[
            bool, typer.Option("--force", help="Replace output files that exist.")
        ] = False,
        redact: Annotated[
            bool,
            typer.Option(
                "--redact",
                help="Mask personal data: names to their surname (李**), mobiles to 138****5678.",
            ),
        ] = False,
        lang: LangOpt = None,
    ) -> None:
        """Flatten declarations into one row per structured target (and per indicator without one).

        CSV is UTF-8 with a byte-order mark (Excel), headers in Chinese under --lang zh; JSON
        Lines is UTF-8, numbers as exact JSON numbers. Files with errors are
        skipped with a message; the exit code is then 1 (2 when a path cannot be read or names
        nothing), and the rows of the other files are still written. Columns: see docs/import.md.
        """
        from perfdecl.convert.export import (
            FUNDS_COLUMNS,
            ROW_COLUMNS,
            Row,
            funds_row,
            indicator_table,
            render,
        )
        from perfdecl.lint import Options, check_bytes, check_path
        from perfdecl.lint.runner import collect, read_stdin

        language = resolve_lang(lang)
        fmt = output_format.value
        options = Options(run_rules=False, debug=debugging(ctx))
        rows: list[Row] = []
        funds: list[Row] = []
        failed = unreadable = 0
        collected = collect(paths)
        for missing in collected.missing:
            unreadable += 1
            _skip(missing.file, missing.problems[0], language)
        inputs = [item.name for item in collected.inputs if not item.stdin]
        for item in collected.inputs:
            path = item.name
            if item.stdin:
                task = read_stdin(path, options)
                result = check_bytes(task.data or b"", file=path, options=options)
            else:
                result = check_path(path, options)
            if result.unreadable:
                unreadable += 1
            errors = [p for p in result.problems if p.severity is Severity.ERROR]
            if result.declaration is None or errors:
                failed += 1
                _skip(path, errors[0] if errors else None, language)
                continue
            decl = result.declaration
            if redact:
                from perfdecl.convert.redact import redact as masked

                decl = masked(decl)
            rows.extend(indicator_table(decl, path))
            funds.append(funds_row(decl, path))
        _write(output, render(rows, ROW_COLUMNS, fmt, language), fmt, force, language, inputs)
        if funds_out is not None:
            _write(
                funds_out, render(funds, FUNDS_COLUMNS, fmt, language), fmt, force, language, inputs
            )
        raise typer.Exit(2 if unreadable else 1 if failed else 0)
