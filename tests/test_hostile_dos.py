"""Denial of service under the size limits (issue #17, item 6), each with a variant.

A crafted exclude glob, stacked suppression comments, quoted ``#perfdecl`` texts on one line, a
``**`` glob through self-links and a megabyte-long key made perfdecl run for minutes, hang or
take 800 MB. Each case runs the real executable with a generous timeout (a guard against a hang,
not a speed measurement: bench/hostile.py measures) and checks the right answer; the glob matcher
is checked against the regular-expression definition it replaced.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfdecl.config import Glob
from perfdecl.problem import nearest

from .conftest import EXAMPLE

EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "perfdecl", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def regex_of(pattern: str) -> re.Pattern[str]:
    """The regular expression perfdecl used before (the definition of the glob's meaning)."""
    pattern = pattern.replace("\\", "/").strip().removeprefix("./").rstrip("/")
    anchored = "/" in pattern
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**", i):
            i += 2
            if pattern.startswith("/", i):
                out.append("(?:.*/)?")
                i += 1
            else:
                out.append(".*")
            continue
        out.append("[^/]*" if c == "*" else "[^/]" if c == "?" else re.escape(c))
        i += 1
    body = "".join(out)
    return re.compile(body if anchored else f"(?:.*/)?{body}")


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet="ab*?/", min_size=1, max_size=8),
    st.text(alphabet="ab/", max_size=10),
)
def test_glob_matches_like_its_definition(pattern: str, path: str) -> None:
    assert Glob(pattern).fullmatch(path) == bool(regex_of(pattern).fullmatch(path))


@pytest.mark.parametrize(
    ("pattern", "length"), [("**a" * 15 + "**b", 40), ("*a" * 20 + "*/b", 200)]
)
def test_crafted_exclude_glob(pattern: str, length: int, tmp_path: Path) -> None:
    """Was 12.8 s at 30 characters and over 60 s at 40 (exponential backtracking)."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".perfdecl.toml").write_text(f'exclude = ["{pattern}"]\n', encoding="utf-8")
    folder = tmp_path / ("a" * length)
    folder.mkdir()
    (folder / "x.yaml").write_text(EXAMPLE_TEXT, encoding="utf-8")
    assert not Glob(pattern).fullmatch(folder.name)
    proc = run(["validate", "-q", "."], tmp_path)
    assert proc.returncode == 0 and "PD214" in proc.stdout  # checked, not excluded


@pytest.mark.parametrize("count", [20_000, 5_000])
def test_stacked_suppression_comments(count: int, tmp_path: Path) -> None:
    """Was 33 s at 20,000 lines (each comment searched forward on its own)."""
    lines = "# perfdecl: ignore[PD214] 已按要求说明\n" * count
    (tmp_path / "d.yaml").write_text(lines + EXAMPLE_TEXT, encoding="utf-8")
    proc = run(["validate", "-q", "d.yaml"], tmp_path)
    assert proc.returncode == 0
    assert proc.stdout.count(": PD026 ") == count  # each comment is read (and hides nothing)


@pytest.mark.parametrize("item", ['" #perfdecl: ignore[PD2] x"', "' # perfdecl x'"])
def test_quoted_perfdecl_texts_on_one_line(item: str, tmp_path: Path) -> None:
    """Was 45 s for 20,000 quoted texts on one line (every "#" looked at every quote)."""
    remarks = "remarks: [" + ", ".join([item] * 20_000) + "]"
    (tmp_path / "d.yaml").write_text(EXAMPLE_TEXT.replace("remarks: 无", remarks), encoding="utf-8")
    proc = run(["validate", "-q", "--format", "json", "d.yaml"], tmp_path)
    assert proc.returncode in (0, 1) and "PD024" not in proc.stdout  # inside quotes: text


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
@pytest.mark.parametrize("links", [("loop", "."), ("up", "..")])
def test_recursive_glob_through_self_links(links: tuple[str, str], tmp_path: Path) -> None:
    """A ``**`` glob hung on two links to their own folder, and one link checked a file 41 times."""
    sub = tmp_path / "d" / "sub"
    sub.mkdir(parents=True)
    (sub / "a.yaml").write_text(EXAMPLE_TEXT, encoding="utf-8")
    os.symlink(".", tmp_path / "d" / "self")
    os.symlink(links[1], sub / links[0])
    proc = run(["validate", "--format", "json", "d/**/*.yaml"], tmp_path)
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["summary"]["files"] == 1  # once, whatever the links


@pytest.mark.parametrize("size", [15_000_000, 2_000_000])
def test_huge_unknown_key_gets_no_suggestion_search(size: int) -> None:
    """difflib indexed a 15 MB key (820 MB peak); a key that long cannot be a typo."""
    key = "x" * size
    assert nearest(key, ["unit", "head", "indicators"]) is None
    assert nearest("indicatros", ["unit", "head", "indicators"]) == "indicators"
