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


def use_color(no_color: bool) -> bool | None:
    """False when --no-color or NO_COLOR is set; None lets rich decide from the terminal."""
    if no_color or os.environ.get("NO_COLOR"):
        return False
    return None


def say(lang: Lang, en: str, zh: str) -> None:
    """A usage-level message on standard error, in the user's language (it may quote a path or
    a value, so it goes through the terminal sink)."""
    from perfdecl.escape import safe

    sys.stderr.write(f"perfdecl: {safe(zh if lang == 'zh' else en, 'terminal')}\n")


def debug_env() -> bool:
    """PERFDECL_DEBUG set (and not 0): internal errors show their traceback, as with --debug."""
    return os.environ.get("PERFDECL_DEBUG", "") not in ("", "0")
