"""Options and helpers shared by the commands: language, colour, exits."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from perfdecl.cli._env import debug_env, say
from perfdecl.cli._env import default_lang as default_lang
from perfdecl.cli._env import use_color as use_color
from perfdecl.problem import Lang


class LangChoice(StrEnum):
    zh = "zh"
    en = "en"


def resolve_lang(choice: LangChoice | None) -> Lang:
    return default_lang() if choice is None else ("zh" if choice is LangChoice.zh else "en")


def debugging(ctx: typer.Context) -> bool:
    """``perfdecl --debug COMMAND`` or PERFDECL_DEBUG: internal errors raise their traceback."""
    return bool(ctx.find_root().params.get("debug")) or debug_env()


def fail(message_en: str, message_zh: str, lang: Lang, code: int = 2) -> typer.Exit:
    """Print a usage-level error to stderr and return the Exit to raise."""
    say(lang, message_en, message_zh)
    return typer.Exit(code)


LangOpt = Annotated[
    LangChoice | None,
    typer.Option("--lang", help="Message language, zh or en (default: from the locale)."),
]
NoColorOpt = Annotated[
    bool, typer.Option("--no-color", help="Same as --color never (NO_COLOR also works).")
]


class ColorChoice(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


ColorOpt = Annotated[
    ColorChoice | None,
    typer.Option(
        "--color",
        help="Colour: auto (on a terminal; NO_COLOR turns it off, FORCE_COLOR on), always or "
        "never.",
    ),
]
ConfigOpt = Annotated[
    str | None,
    typer.Option("--config", help="Configuration file (default: found upward)."),
]
QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="Only the problems: no excerpts, headers or summary.")
]
