"""Language and colour from the environment, without importing Typer (the fast path uses these)."""

from __future__ import annotations

import os

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
