"""``perfdecl outcome DECLARATION SELFEVAL`` (or ``perfdecl outcome FOLDER``): were the targets
met? Options -> core -> outcome reporter -> exit code."""

from __future__ import annotations

import io
import os
import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated

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
from perfdecl.outcome.records import FailOn
from perfdecl.problem import Lang, Problem, Severity
from perfdecl.reporters.outcome.base import OUTCOME_REPORTERS

if TYPE_CHECKING:
    from perfdecl.diff.records import Side
    from perfdecl.outcome import OutcomeResult, ScoringRule

OutcomeFormat = Enum("OutcomeFormat", {name: name for name in OUTCOME_REPORTERS}, type=str)  # type: ignore[misc]


def _say(p: Problem, lang: Lang) -> None:
    from perfdecl.reporters.text import plain_line

    sys.stderr.write(plain_line(p, lang) + "\n")


def _scoring(config: str | None, near: str, lang: Lang) -> ScoringRule:
    """The scoring rule of the configuration that applies to ``near`` (exit 2 if it is broken)."""
    from perfdecl.config import ConfigResolver
    from perfdecl.outcome import scoring_from

    project = ConfigResolver(config=config).config_for(near)
    for p in project.problems:
        _say(p, lang)
    if any(p.severity is Severity.ERROR for p in project.problems):
        raise typer.Exit(2)
    return scoring_from(project.config.outcome.scoring)


def _side(spec: str, lang: Lang) -> Side:
    from perfdecl.diff import SideError, load_side

    try:
        return load_side(spec)
    except SideError as exc:
        for p in exc.problems:
            _say(p, lang)
        raise fail(f"{spec}: {exc.message.en}", f"{spec}：{exc.message.zh}", lang) from None


def _folder_results(paths: list[str], scoring: ScoringRule, lang: Lang) -> list[OutcomeResult]:
    """Every pair found in the folders; files that are not declarations or cannot be paired are
    named on standard error (exit 2 when not one pair is found)."""
    from perfdecl.diff import SideError, load_side
    from perfdecl.lint.runner import expand_paths, looks_like_declaration
    from perfdecl.outcome import compare
    from perfdecl.outcome.summary import pair_sides

    sides = []
    for path in expand_paths(paths):
        if not looks_like_declaration(path):
            continue
        try:
            sides.append(load_side(path))
        except SideError as exc:
            sys.stderr.write(f"{exc.message.text(lang)}\n")
    pairing = pair_sides(sides)
    for side in pairing.unpaired:
        sys.stderr.write(
            f"{side.file}：找不到同年度、同单位、同项目的申报表，已跳过。\n"
            if lang == "zh"
            else f"{side.file}: no declaration of the same year, unit and project; skipped.\n"
        )
    for side in pairing.ambiguous:
        sys.stderr.write(
            f"{side.file}：有多份同年度、同单位、同项目的申报表，无法确定对应哪一份，已跳过。\n"
            if lang == "zh"
            else f"{side.file}: several declarations of the same year, unit and project; skipped.\n"
        )
    if not pairing.pairs:
        raise fail(
            "no pair of declaration and self-evaluation (kind: selfeval) found.",
            "没有找到申报表与自评表（kind: selfeval）的配对。",
            lang,
        )
    return [compare(d, s, scoring) for d, s in pairing.pairs]


def register(app: typer.Typer) -> None:
    @app.command("outcome")
    def outcome(
        paths: Annotated[
            list[str],
            typer.Argument(
                help="DECLARATION SELFEVAL (files or REV:PATH), or folders holding pairs.",
                show_default=False,
            ),
        ],
        output_format: Annotated[
            OutcomeFormat, typer.Option("--format", "-f", help="Output format.")
        ] = OutcomeFormat["text"],
        fail_on: Annotated[
            list[FailOn] | None,
            typer.Option(
                "--fail-on",
                help="Exit 1 on: missed (a target missed or not evaluated), changed (a target "
                "changed or adjusted), score (a self-score above the rule's, or a total that "
                "differs), none. Repeatable.",
            ),
        ] = None,
        summary: Annotated[
            bool,
            typer.Option(
                "--summary",
                help="Only the summary per unit and per indicator kind (folders of pairs).",
            ),
        ] = False,
        output: Annotated[
            str | None,
            typer.Option("--output", "-o", help="Write the report to this file."),
        ] = None,
        force: Annotated[
            bool, typer.Option("--force", help="Replace the --output file if it exists.")
        ] = False,
        config: ConfigOpt = None,
        lang: LangOpt = None,
        no_color: NoColorOpt = False,
        color: ColorOpt = None,
    ) -> None:
        """Read a self-evaluation (kind: selfeval) against its declaration: which targets were
        met, missed (by how much) or changed, and whether the self-score follows the scoring
        rule (docs/outcome.md).

        Give DECLARATION SELFEVAL, or one or more folders: each self-evaluation found is paired
        with the declaration of the same year, unit and project. Exit codes: 0 nothing that
        --fail-on names; 1 something it names; 2 a file, folder or the configuration cannot
        be read, or the files are not a declaration and a self-evaluation.
        """
        from perfdecl.outcome import OutcomeError, compare
        from perfdecl.reporters.outcome.base import get_outcome_reporter

        language = resolve_lang(lang)
        folders = [p for p in paths if os.path.isdir(p)]
        if folders and len(folders) != len(paths):
            raise fail(
                "give DECLARATION SELFEVAL, or folders only.",
                "请给出 申报表 自评表 两个文件，或者只给文件夹。",
                language,
            )
        if not folders and len(paths) != 2:
            raise fail(
                f"expected DECLARATION SELFEVAL (two files), got {len(paths)} path(s).",
                f"应给出 申报表 自评表 两个文件，实际给了 {len(paths)} 个。",
                language,
            )
        scoring = _scoring(config, paths[-1] if not folders else folders[0], language)
        if folders:
            results = _folder_results(folders, scoring, language)
        else:
            try:
                results = [compare(_side(paths[0], language), _side(paths[1], language), scoring)]
            except OutcomeError as exc:
                raise fail(exc.message.en, exc.message.zh, language) from None
        chosen = frozenset(fail_on or ())
        buffer = io.StringIO()
        if summary:
            from perfdecl.reporters.outcome.summary import report_summary

            report_summary(buffer, results, output_format.value, language)
        else:
            reporter = get_outcome_reporter(output_format.value)(
                buffer,
                lang=language,
                color=_color(use_color(no_color, color.value if color else None), output),
                fail_on=chosen,
            )
            reporter.report(results)
        if output is None:
            sys.stdout.write(buffer.getvalue())
        else:
            from perfdecl.cli.output import write_output

            write_output(output, buffer.getvalue(), force=force, lang=language, inputs=paths)
        raise typer.Exit(max(r.exit_code(chosen) for r in results))


def _color(chosen: bool | None, output: str | None) -> bool:
    """--color always|never (or NO_COLOR/FORCE_COLOR) as validate and diff read them; auto:
    colour only on a terminal, never in an --output file."""
    if chosen is not None:
        return chosen
    return output is None and sys.stdout.isatty()
