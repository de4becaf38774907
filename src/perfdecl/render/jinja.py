"""The HTML renderer's Jinja2 environment: templates from package data, autoescape always on.

The templates live in ``perfdecl/render/templates/`` (``form.html.j2`` for the page,
``form.css`` for its styles, ``funds-chart.svg.j2`` for the funds chart). A province that wants
its own layout copies that folder, edits it, and passes the folder as ``template_dir``: a file
found there wins over the packaged one of the same name.

Every ``{{ value }}`` is escaped by Jinja2 itself (``autoescape=True`` for every template,
whatever its name), so a declaration's text can never become markup; no template marks
anything ``|safe``. jinja2 is imported on first use only: loading :mod:`perfdecl.render` for
Markdown or text costs nothing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfdecl.render.base import lines

if TYPE_CHECKING:
    import jinja2

PACKAGE = "perfdecl.render"
FOLDER = "templates"


@cache
def environment(template_dir: Path | None = None) -> jinja2.Environment:
    """The environment (one per template folder), with the packaged templates as fallback."""
    import jinja2

    loader: jinja2.BaseLoader = jinja2.PackageLoader(PACKAGE, FOLDER)
    if template_dir is not None:
        loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(template_dir), loader])
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["lines"] = lines
    return env


def render_template(name: str, template_dir: Path | None = None, **context: Any) -> str:
    """``name`` rendered with ``context``; every value is escaped unless a template says not."""
    return environment(template_dir).get_template(name).render(**context)


__all__ = ["environment", "render_template"]
