"""``perfdecl validate``: options -> core -> reporter -> exit code."""

from __future__ import annotations

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
            typer.Argument(help="Declaration files, or folders searched for *.yaml / *.yml."),
        ],
        output_format: Annotated[
            FormatChoice,
            typer.Option("--format", "-f", help="Output format."),
        ] = FormatChoice["text"],
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
        from perfdecl.lint import Options, check_path, expand_paths
        from perfdecl.loader import Limits
        from perfdecl.reporters import Summary, get_reporter

        language = resolve_lang(lang)
        options = Options(limits=Limits(max_bytes=max_bytes, max_depth=max_depth))
        reporter = get_reporter(output_format.value)(
            sys.stdout, lang=language, color=use_color(no_color), quiet=quiet
        )
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
        summary = Summary(strict=strict)
        reporter.begin()
        for config_result in resolver.pending():  # problems of --config itself
            summary.add(config_result)
            reporter.file(config_result)
        for path in () if resolver.fatal else expand_paths(paths):
            for config_result in resolver.pending(path):  # a broken config, reported once
                summary.add(config_result)
                reporter.file(config_result)
            result = check_path(path, resolver.options_for(path))
            summary.add(result)
            reporter.file(result)
        reporter.end(summary)
        raise typer.Exit(summary.exit_code)
