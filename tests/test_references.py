"""Only real references (issue #19): no invented URL, package, repository, tag or action.

perfdecl is not published on a package index, has no release tags and no web site. A user who
copies a command or a link from our docs must get something that exists. This test reads every
file we ship or document (README, docs, the action, the hook, the package, the schema, examples,
benchmarks) and checks each URL against a list of real places, each `uses:` against real actions
or a local path, and that no text installs perfdecl from an index or names a release.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

REAL_URL_PREFIXES = (
    "https://json-schema.org/draft/2020-12/schema",
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/",
    "https://github.com/redhat-developer/yaml-language-server",
    "https://pre-commit.com",
    "https://github.com/google/atheris",
    "http://www.w3.org/",  # XML namespace names (SVG, XML)
    "http://schemas.openxmlformats.org/",  # Office Open XML namespace names (xlsx, docx)
    "http://purl.org/dc/",  # Dublin Core namespace names in Office files
    "http://schemas.microsoft.com/office/",
)
REAL_ACTIONS = (
    "actions/checkout@v4",
    "actions/setup-python@v5",
    "github/codeql-action/upload-sarif@v3",
)
INVENTED = re.compile(
    r"perfdecl\.dev|github\.com/perfdecl|uses:\s*perfdecl/|"
    r"pip install (-U )?perfdecl(==|\s|$)|rev:\s*v\d"
)
URL = re.compile(r"https?://[^\s)\"'<>`\]{}]+")


def shipped_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    keep = []
    for name in listed:
        path = ROOT / name
        if name.startswith(("tests/", "fuzz/corpus", "bench/out")) or not path.is_file():
            continue
        if path.suffix in {".md", ".py", ".yml", ".yaml", ".toml", ".json", ".html", ".j2", ".txt"}:
            keep.append(path)
    return keep


FILES = shipped_files()


def test_the_scan_sees_the_documents() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in FILES}
    assert {"README.md", "docs/ci.md", "action.yml", ".pre-commit-hooks.yaml"} <= names


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_only_real_references(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    for line_no, line in enumerate(text.splitlines(), 1):
        where = f"{path.relative_to(ROOT)}:{line_no}"
        invented = INVENTED.search(line)
        assert invented is None, f"{where}: names something that does not exist: {line.strip()}"
        for url in URL.findall(line):
            assert url.startswith(REAL_URL_PREFIXES), f"{where}: unknown URL {url}"
        uses = re.search(r"\buses:\s*([^\s#]+)", line)
        if uses and path.suffix in {".md", ".yml", ".yaml"}:
            ref = uses.group(1)
            assert ref.startswith("./") or ref in REAL_ACTIONS, f"{where}: uses {ref}"


def test_the_checks_catch_inventions() -> None:
    for bad in (
        "repo: https://github.com/perfdecl/perfdecl",
        "    rev: v0.1.0",
        "- uses: perfdecl/perfdecl@v0.1.0",
        "- run: pip install perfdecl",
        "$schema=https://perfdecl.dev/schemas/declaration.schema.json",
    ):
        assert INVENTED.search(bad), bad
    assert not INVENTED.search("python -m pip install ./tools/perfdecl")
    assert not URL.findall("no link here")[:1]
    assert not "https://example.org/x".startswith(REAL_URL_PREFIXES)
