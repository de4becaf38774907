"""``perfdecl import``: a published form of any supported type -> plain declaration data.

The façade the CLI and the tests use. The work is done below it:

* :mod:`perfdecl.convert.readers` sniffs the type and reads text, HTML, xlsx, xls, docx and PDF
  into one :class:`~perfdecl.convert.grid.Grid`;
* :mod:`perfdecl.convert.pipeline` runs one import (reader, then the layouts);
* :mod:`perfdecl.convert.seedlayout` reads the seed's layout (the Beijing 2019 department form).
"""

from __future__ import annotations

import os

from perfdecl.convert.pipeline import import_document
from perfdecl.convert.seedlayout import (
    LEVEL1_KEYS,
    LEVEL2_KEYS,
    SECTIONS,
    ImportResult,
    detect_framework,
    import_text,
    iter_texts,
    parse_amount,
)
from perfdecl.model import Framework


def import_bytes(
    raw: bytes,
    *,
    file: str = "<bytes>",
    year: int | None = None,
    framework: Framework | str | None = None,
) -> ImportResult:
    """Sniff the type (text, HTML, xlsx, xls, docx, PDF…), read it, then import. Never raises."""
    return import_document(raw, file=file, year=year, framework=framework)


def import_path(
    path: str | os.PathLike[str],
    *,
    year: int | None = None,
    framework: Framework | str | None = None,
) -> ImportResult:
    """Read a published file (within the loader's size limit) and import it."""
    from perfdecl.loader import read_path

    name = os.fspath(path)
    raw, problems = read_path(name)
    if raw is None:
        return ImportResult(name, None, tuple(problems))
    return import_bytes(raw, file=name, year=year, framework=framework)


__all__ = [
    "LEVEL1_KEYS",
    "LEVEL2_KEYS",
    "SECTIONS",
    "ImportResult",
    "detect_framework",
    "import_bytes",
    "import_path",
    "import_text",
    "iter_texts",
    "parse_amount",
]
