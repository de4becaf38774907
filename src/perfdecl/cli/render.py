"""``perfdecl render``: a declaration -> the official form as HTML, Markdown, text or PDF.

Options -> load (and, with ``--with-problems``, validate) -> renderer -> stdout or an atomic
write. Exit codes: 0 rendered; 1 the file is not a declaration (its problems go to stderr);
2 usage errors, an unreadable input, an output that exists without ``--force``, no PDF (no
Chromium), or an output suffix that names another file format (``-f html -o form.pdf``).
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from perfdecl.cli._env import say
from perfdecl.cli.common import LangOpt, debugging, fail, resolve_lang
from perfdecl.problem import Lang
from perfdecl.render import FORMATS, RENDERERS

RenderFormat = Enum("RenderFormat", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]


def _write_stdout(data: str | bytes) -> None:
    """UTF-8 whatever the locale: a C locale must not turn Chinese into an encoding error."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data if isinstance(data, str) else data.decode("latin-1"))
        return
    sys.stdout.flush()
    buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
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
                help="html, markdown, text, pdf, docx or xlsx (default: from the -o suffix, else html).",
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
        redact: Annotated[
            bool,
            typer.Option(
                "--redact",
                help="Mask personal data before publishing: the head, filler and project lead "
                "to their surname (李**), mobile numbers to 138****5678.",
            ),
        ] = False,
        lang: LangOpt = None,
    ) -> None:
        """Render the official form (申报表) from a declaration.

        The form, its notice and its findings are in Chinese unless --lang says otherwise.
        html is self-contained and print-ready (A4); markdown suits a README or a pull
        request; text is the published layout that `perfdecl import` reads back; pdf is the
        html form printed to A4 by headless Chromium.
        """
        from perfdecl.cli.output import UsageError, refuse_inputs, write_output
        from perfdecl.lint import Options, check_path
        from perfdecl.render import DOCUMENTS, format_for_suffix, render_document
        from perfdecl.render.pdf import PdfError, find_chromium, unavailable
        from perfdecl.reporters.text import plain_line

        language = resolve_lang(lang)
        form_lang: Lang = language if lang is not None else "zh"  # the form itself is Chinese
        implied = format_for_suffix(Path(output).suffix) if output else None
        name = str(output_format.value) if output_format is not None else implied or "html"
        if output and name != implied and (name in DOCUMENTS or implied in DOCUMENTS):
            raise fail(
                f"{output} names a {implied or Path(output).suffix or 'plain'} file, not {name}: "
                f"use --format {implied} or another file name",
                f"{output} 是 {implied or Path(output).suffix or '无后缀'} 文件，不是 {name}："
                f"请用 --format {implied} 或换个文件名",
                language,
            )
        if name in DOCUMENTS and output is None and sys.stdout.isatty():
            raise fail(
                f"{name} is a file format: write it with -o FILE.{name}",
                f"{name} 是文件格式：请用 -o 文件名.{name} 写出",
                language,
            )
        if name == "pdf" and find_chromium() is None:
            exc = unavailable()
            raise fail(exc.en, exc.zh, language)
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
        declaration = result.declaration
        if redact:
            from dataclasses import replace

            from perfdecl.convert.redact import Redactor
            from perfdecl.problem import Message

            masks = Redactor.of(declaration)
            declaration = masks.declaration(declaration)
            problems = [
                replace(p, message=Message(masks.text(p.message.zh), masks.text(p.message.en)))
                for p in problems or ()
            ] or problems
        data: str | bytes
        if name in DOCUMENTS:
            try:
                data = render_document(declaration, name, problems=problems, lang=form_lang)
            except PdfError as exc:
                raise fail(exc.en, exc.zh, language) from None
        else:
            data = RENDERERS[name](lang=form_lang).render(declaration, problems)
        if output is None:
            _write_stdout(data)
            return
        write_output(output, data, force=force, lang=language, inputs=[file])
        say(language, f"wrote {output}", f"已写入 {output}")
