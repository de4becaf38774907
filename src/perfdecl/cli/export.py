"""``perfdecl export``: declarations (files or folders) -> CSV or JSON Lines tables."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from perfdecl.cli.common import LangOpt, fail, resolve_lang
from perfdecl.problem import Lang, Severity


class ExportFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"


def _write(path: str | None, text: str, fmt: str, force: bool, lang: Lang) -> None:
    from perfdecl.convert.export import ENCODINGS
    from perfdecl.files import RefusedOverwrite, write_atomic

    payload = text.encode(ENCODINGS[fmt])
    if path is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
        return
    try:
        write_atomic(path, payload, force=force)
    except RefusedOverwrite:
        raise fail(
            f"{path} exists; use --force to replace it.",
            f"{path} 已存在；如需覆盖请加 --force。",
            lang,
        ) from None
    except OSError as exc:
        raise fail(
            f"cannot write {path}: {exc.strerror or exc}.",
            f"无法写入 {path}：{exc.strerror or exc}。",
            lang,
        ) from None


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export(
        paths: Annotated[
            list[str],
            typer.Argument(help="Declaration files, or folders searched for *.yaml / *.yml."),
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
        lang: LangOpt = None,
    ) -> None:
        """Flatten declarations into one row per structured target (and per indicator without one).

        CSV is UTF-8 with a byte-order mark (Excel); JSON Lines is UTF-8. Files with errors are
        skipped with a message; the exit code is then 1, and the rows of the other files are still
        written. Columns: see docs/import.md.
        """
        from perfdecl.convert.export import (
            FUNDS_COLUMNS,
            ROW_COLUMNS,
            Row,
            funds_row,
            indicator_table,
            render,
        )
        from perfdecl.lint import Options, check_path, expand_paths

        language = resolve_lang(lang)
        fmt = output_format.value
        options = Options(run_rules=False)
        rows: list[Row] = []
        funds: list[Row] = []
        failed = 0
        for path in expand_paths(paths):
            result = check_path(path, options)
            errors = [p for p in result.problems if p.severity is Severity.ERROR]
            if result.declaration is None or errors:
                failed += 1
                first = errors[0] if errors else None
                detail = f" ({first.code} {first.message.text(language)})" if first else ""
                msg = (
                    f"{path}: 有错误，已跳过{detail}；请先运行 perfdecl validate。"
                    if language == "zh"
                    else f"{path}: has errors, skipped{detail}; run perfdecl validate."
                )
                sys.stderr.write(f"perfdecl: {msg}\n")
                continue
            rows.extend(indicator_table(result.declaration, path))
            funds.append(funds_row(result.declaration, path))
        _write(output, render(rows, ROW_COLUMNS, fmt), fmt, force, language)
        if funds_out is not None:
            _write(funds_out, render(funds, FUNDS_COLUMNS, fmt), fmt, force, language)
        raise typer.Exit(1 if failed else 0)
