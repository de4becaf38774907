"""``perfdecl render``: a declaration -> the official form as HTML, Markdown or text.

Options -> load (and, with ``--with-problems``, validate) -> renderer -> stdout or an atomic
write. Exit codes: 0 rendered; 1 the file is not a declaration (its problems go to stderr);
2 usage errors, an unreadable input, or an output that exists without ``--force``.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from perfdecl.cli._env import say
from perfdecl.cli.common import LangOpt, debugging, fail, resolve_lang
from perfdecl.render import RENDERERS

RenderFormat = Enum("RenderFormat", {name: name for name in RENDERERS}, type=str)  # type: ignore[misc]


def _write_stdout(text: str) -> None:
    """UTF-8 whatever the locale: a C locale must not turn Chinese into an encoding error."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def register(app: typer.Typer) -> None:
    @app.command("render")
    def render(
        ctx: typer.Context,
        file: Annotated[str, typer.Argument(help="The declaration (YAML) to render.")],
        output_format: Annotated[
            RenderFormat | None,
            typer.Option(
                "--format",
                "-f",
                help="html, markdown or text (default: from the -o suffix, else html).",
            ),
        ] = None,
        output: Annotated[
            str | None,
            typer.Option("--output", "-o", help="Write here (atomically) instead of stdout."),
        ] = None,
        force: Annotated[
            bool, typer.Option("--force", help="Replace an existing output file.")
        ] = False,
        with_problems: Annotated[
            bool,
            typer.Option(
                "--with-problems",
                help="Validate and show the findings next to the rows they concern.",
            ),
        ] = False,
        lang: LangOpt = None,
    ) -> None:
        """Render the official form (申报表) from a declaration.

        html is self-contained and print-ready (A4); markdown suits a README or a pull
        request; text is the published layout that `perfdecl import` reads back.
        """
        from perfdecl.cli.output import UsageError, refuse_inputs, write_output
        from perfdecl.lint import Options, check_path
        from perfdecl.render import renderer_for_suffix
        from perfdecl.reporters.text import plain_line

        language = resolve_lang(lang)
        if output_format is not None:
            name = str(output_format.value)
        else:
            name = (renderer_for_suffix(Path(output).suffix) if output else None) or "html"
        try:
            if output is not None:
                refuse_inputs(output, [file])  # before the work, and again at the write
        except UsageError as exc:
            raise fail(exc.en, exc.zh, language) from None

        options = Options(run_rules=False, debug=debugging(ctx))
        if with_problems:  # the findings `perfdecl validate` reports: configuration applies
            from perfdecl.config import options_for

            options = options_for(file, base=Options(debug=options.debug))
        result = check_path(file, options)
        if result.declaration is None:
            for problem in result.problems:
                sys.stderr.write(plain_line(problem, language) + "\n")
            say(
                language,
                f"{file} is not a valid declaration; nothing rendered.",
                f"{file} 不是有效的申报表，未生成。",
            )
            raise typer.Exit(2 if result.unreadable else 1)

        problems = list(result.problems) if with_problems else None
        text = RENDERERS[name](lang=language).render(result.declaration, problems)
        if output is None:
            _write_stdout(text)
            return
        write_output(output, text, force=force, lang=language, inputs=[file])
        say(language, f"wrote {output}", f"已写入 {output}")
