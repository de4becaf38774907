"""``perfdecl validate``'s Typer command: help, errors and unusual spellings.

The console script parses common command lines itself (:mod:`perfdecl.cli.fastpath`);
both end in :func:`perfdecl.cli.fastpath.run`.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from perfdecl.cli.common import LangOpt, NoColorOpt, QuietOpt, resolve_lang
from perfdecl.cli.fastpath import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, ValidateArgs, run
from perfdecl.reporters import REPORTERS

FormatChoice = Enum("FormatChoice", {name: name for name in REPORTERS}, type=str)  # type: ignore[misc]


def register(app: typer.Typer) -> None:
    @app.command("validate")
    def validate(
        paths: Annotated[
            list[str],
            typer.Argument(
                help="Declaration files, folders (searched for *.yaml / *.yml), globs such as "
                "'decl/**/*.yaml', or - for standard input."
            ),
        ],
        output_format: Annotated[
            FormatChoice | None,
            typer.Option(
                "--format",
                "-f",
                help="Output format on standard output (default text; under GITHUB_ACTIONS=true "
                "text plus github annotations).",
            ),
        ] = None,
        outputs: Annotated[
            list[str] | None,
            typer.Option(
                "--output",
                "-o",
                metavar="FORMAT=PATH",
                help="Also write a report to a file, e.g. sarif=perfdecl.sarif (repeatable).",
            ),
        ] = None,
        force: Annotated[
            bool,
            typer.Option("--force", help="Replace existing --output / --write-baseline files."),
        ] = False,
        jobs: Annotated[
            int | None,
            typer.Option(
                "--jobs", "-j", min=1, help="Parallel processes (default: the number of cores)."
            ),
        ] = None,
        baseline: Annotated[
            str | None,
            typer.Option(
                "--baseline", metavar="FILE", help="Report only findings not in this baseline."
            ),
        ] = None,
        write_baseline: Annotated[
            str | None,
            typer.Option(
                "--write-baseline",
                metavar="FILE",
                help="Record today's findings in FILE (exit 0 unless a file is unreadable).",
            ),
        ] = None,
        force_exclude: Annotated[
            bool,
            typer.Option(
                "--force-exclude",
                help="Apply the configured exclude to files named explicitly too (pre-commit).",
            ),
        ] = False,
        stdin_filename: Annotated[
            str | None,
            typer.Option(
                "--stdin-filename",
                metavar="NAME",
                help="Name of the file read from - (for messages and configuration lookup).",
            ),
        ] = None,
        strict: Annotated[
            bool, typer.Option("--strict", help="Warnings fail too (exit 1).")
        ] = False,
        lang: LangOpt = None,
        quiet: QuietOpt = False,
        no_color: NoColorOpt = False,
        max_bytes: Annotated[
            int, typer.Option("--max-bytes", min=1, help="Largest file accepted, in bytes.")
        ] = DEFAULT_MAX_BYTES,
        max_depth: Annotated[
            int, typer.Option("--max-depth", min=2, help="Deepest YAML nesting accepted.")
        ] = DEFAULT_MAX_DEPTH,
        config: Annotated[
            str | None,
            typer.Option(
                "--config",
                help="Configuration file (.perfdecl.toml or pyproject.toml); default: found "
                "by searching upward from each file.",
            ),
        ] = None,
        select: Annotated[
            str | None,
            typer.Option(
                "--select",
                help="Codes or prefixes to report, comma-separated "
                "(replaces the configured select).",
            ),
        ] = None,
        ignore: Annotated[
            str | None,
            typer.Option(
                "--ignore",
                help="Codes or prefixes not to report, comma-separated "
                "(added to the configured ignore).",
            ),
        ] = None,
    ) -> None:
        """Check declarations; print problems as path:line:col: CODE severity message.

        Exit codes: 0 no errors; 1 errors found (or warnings with --strict); 2 usage error or a
        path that cannot be read.
        """
        args = ValidateArgs(
            paths=list(paths),
            output_format=None if output_format is None else output_format.value,
            outputs=list(outputs or []),
            force=force,
            jobs=jobs,
            baseline=baseline,
            write_baseline=write_baseline,
            force_exclude=force_exclude,
            stdin_filename=stdin_filename,
            strict=strict,
            lang=None if lang is None else resolve_lang(lang),
            quiet=quiet,
            no_color=no_color,
            max_bytes=max_bytes,
            max_depth=max_depth,
            config=config,
            select=select,
            ignore=ignore,
        )
        raise typer.Exit(run(args))
