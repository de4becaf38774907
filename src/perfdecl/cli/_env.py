"""Language, colour and usage messages, without importing Typer (the fast path uses these)."""

from __future__ import annotations

import os
import sys

from perfdecl.problem import Lang


def default_lang() -> Lang:
    """zh when the locale says Chinese (LC_ALL, LC_MESSAGES, LANG, in that order), else en."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


COLOR_CHOICES = ("auto", "always", "never")
"""``--color``'s values, as ruff, grep and git spell them."""


def use_color(no_color: bool, choice: str | None = None) -> bool | None:
    """Colour for standard output: True (always), False (never) or None (auto: colour and
    excerpts on a terminal, plain lines otherwise).

    ``--color always|never`` wins; then ``--no-color``; then the environment
    (:func:`perfdecl.reporters.text.env_color`: ``NO_COLOR`` off, then ``FORCE_COLOR`` on);
    otherwise auto.
    """
    if choice == "always":
        return True
    if choice == "never" or no_color:
        return False
    from perfdecl.reporters.text import env_color

    return env_color()


def say(lang: Lang, en: str, zh: str) -> None:
    """A usage-level message on standard error, in the user's language (it may quote a path or
    a value, so it goes through the terminal sink)."""
    from perfdecl.escape import safe

    sys.stderr.write(f"perfdecl: {safe(zh if lang == 'zh' else en, 'terminal')}\n")


def debug_env() -> bool:
    """PERFDECL_DEBUG set (and not 0): internal errors show their traceback, as with --debug."""
    return os.environ.get("PERFDECL_DEBUG", "") not in ("", "0")
