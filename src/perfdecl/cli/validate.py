"""``perfdecl validate``: options -> core -> reporter -> exit code."""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import Annotated

import typer

from perfdecl.cli.common import LangOpt, NoColorOpt, QuietOpt, fail, resolve_lang, use_color
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
        ] = 16 * 1024 * 1024,
        max_depth: Annotated[
            int, typer.Option("--max-depth", min=2, help="Deepest YAML nesting accepted.")
        ] = 64,
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
        from perfdecl.config import ConfigResolver, split_codes
        from perfdecl.lint import Options
        from perfdecl.loader import Limits
        from perfdecl.runner import RunSettings, UsageError, execute, parse_outputs

        language = resolve_lang(lang)
        options = Options(limits=Limits(max_bytes=max_bytes, max_depth=max_depth))
        try:
            resolver = ConfigResolver(
                options, config=config, select=split_codes(select), ignore=split_codes(ignore)
            )
        except ValueError as exc:
            raise fail(
                f"--select/--ignore: {exc} is not a code or prefix such as PD203 or PD2.",
                f"--select/--ignore：“{exc}”不是问题代码或前缀（如 PD203、PD2）。",
                language,
            ) from None
        if output_format is not None:
            stdout_formats = [output_format.value]
        elif os.environ.get("GITHUB_ACTIONS") == "true":
            stdout_formats = ["text", "github"]  # annotations as well as the log
        else:
            stdout_formats = ["text"]
        try:
            settings = RunSettings(
                stdout_formats=stdout_formats,
                outputs=parse_outputs(outputs or [], REPORTERS),
                lang=language,
                color=use_color(no_color),
                quiet=quiet,
                strict=strict,
                jobs=jobs,
                stdin_filename=stdin_filename,
                baseline=baseline,
                write_baseline=write_baseline,
                force=force,
                force_exclude=force_exclude,
            )
            outcome = execute(paths, resolver, settings)
        except UsageError as exc:
            raise fail(exc.en, exc.zh, language) from None
        if outcome.recorded is not None and write_baseline:
            sys.stderr.write(
                f"perfdecl: 已将 {outcome.recorded} 个问题记入基线 {write_baseline}。\n"
                if language == "zh"
                else f"perfdecl: recorded {outcome.recorded} finding(s) in {write_baseline}.\n"
            )
        raise typer.Exit(outcome.exit_code)
