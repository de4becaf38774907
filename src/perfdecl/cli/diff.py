"""``perfdecl diff OLD NEW``: options -> core -> diff reporter -> exit code."""

from __future__ import annotations

import sys
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Annotated

import typer

from perfdecl.cli.common import (
    ColorOpt,
    ConfigOpt,
    LangOpt,
    NoColorOpt,
    fail,
    resolve_lang,
    use_color,
)
from perfdecl.diff import FailOn
from perfdecl.problem import Lang, Problem, Severity
from perfdecl.reporters.diff.base import DIFF_REPORTERS

DiffFormat = Enum("DiffFormat", {name: name for name in DIFF_REPORTERS}, type=str)  # type: ignore[misc]


def _problem_line(p: Problem, lang: Lang) -> str:
    from perfdecl.reporters.text import plain_line

    return plain_line(p, lang) + "\n"


def _threshold(text: str | None, lang: Lang) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.strip().removesuffix("%"))
    except InvalidOperation:
        value = Decimal(-1)
    if not value.is_finite() or value < 0:
        raise fail(
            f"--funds-threshold must be a percentage such as 20 or 20%, not {text!r}.",
            f"--funds-threshold 应为百分比，如 20 或 20%，而不是“{text}”。",
            lang,
        )
    return value


def register(app: typer.Typer) -> None:
    @app.command("diff")
    def diff(
        old: Annotated[str, typer.Argument(help="The older declaration: a path or REV:PATH.")],
        new: Annotated[str, typer.Argument(help="The newer declaration: a path or REV:PATH.")],
        output_format: Annotated[
            DiffFormat, typer.Option("--format", "-f", help="Output format.")
        ] = DiffFormat["text"],
        fail_on: Annotated[
            FailOn,
            typer.Option(
                "--fail-on",
                help="Which changes exit 1: weaker (weakened or removed targets, unit "
                "changes), removed, any, none.",
            ),
        ] = FailOn.WEAKER,
        funds_threshold: Annotated[
            str | None,
            typer.Option(
                "--funds-threshold",
                help="Percent change of funds that, with no target changed, gives PD304 "
                "(default: the config's thresholds.funds_change_threshold, else 20).",
            ),
        ] = None,
        similarity: Annotated[
            float,
            typer.Option(
                "--similarity", min=0.0, max=1.0, help="Least wording similarity for a match."
            ),
        ] = 0.6,
        config: ConfigOpt = None,
        lang: LangOpt = None,
        no_color: NoColorOpt = False,
        color: ColorOpt = None,
    ) -> None:
        """Compare two declarations: money moved, targets raised, lowered, added or dropped.

        Each side is a file or REV:PATH read from git (origin/main:decl/a.yaml). Exit codes:
        0 no failing change; 1 failing changes (see --fail-on); 2 a side or the configuration
        cannot be read.
        """
        from perfdecl.config import ConfigResolver
        from perfdecl.diff import DiffOptions, SideError, diff_sides, ignore_result, load_side
        from perfdecl.reporters.diff.base import file_in_repo, get_diff_reporter

        language = resolve_lang(lang)
        threshold = _threshold(funds_threshold, language)
        resolver = ConfigResolver(config=config)
        project = resolver.config_for(file_in_repo(new))
        for p in project.problems:
            sys.stderr.write(_problem_line(p, language))
        if any(p.severity is Severity.ERROR for p in project.problems):
            raise typer.Exit(2)
        cfg = project.config
        if threshold is None:
            threshold = Decimal(str(cfg.thresholds.funds_change_threshold)) * 100
        options = DiffOptions(similarity=similarity, funds_threshold=threshold.normalize())
        sides = []
        for spec in (old, new):
            try:
                sides.append(load_side(spec, limits=options.limits))
            except SideError as exc:
                for p in exc.problems:
                    sys.stderr.write(_problem_line(p, language))
                raise fail(
                    f"{spec}: {exc.message.en}", f"{spec}：{exc.message.zh}", language
                ) from None
        result = ignore_result(diff_sides(sides[0], sides[1], options), cfg.diff.ignore)
        reporter = get_diff_reporter(output_format.value)(
            sys.stdout,
            lang=language,
            color=use_color(no_color, color.value if color else None),
            fail_on=fail_on,
        )
        reporter.report(result)
        raise typer.Exit(result.exit_code(fail_on))
