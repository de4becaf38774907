"""Reporters as a name -> class table; ``--format`` choices are its keys.

Classes are imported lazily by name so that machine-readable formats never pay for rich.
"""

from __future__ import annotations

from perfdecl.reporters.base import Reporter, Summary, registered

REPORTERS: dict[str, str] = {
    "text": "perfdecl.reporters.text:TextReporter",
    "json": "perfdecl.reporters.json:JsonReporter",
    "sarif": "perfdecl.reporters.sarif:SarifReporter",
    "github": "perfdecl.reporters.github:GithubReporter",
    "junit": "perfdecl.reporters.junit:JunitReporter",
    "markdown": "perfdecl.reporters.markdown:MarkdownReporter",
}


def get_reporter(name: str) -> type[Reporter]:
    """The reporter class registered under ``name`` (KeyError if there is none)."""
    return registered(REPORTERS, name, Reporter)


__all__ = ["REPORTERS", "Reporter", "Summary", "get_reporter"]
