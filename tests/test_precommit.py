"""The pre-commit hook, exercised for real: ``pre-commit try-repo`` on a temporary repository.

try-repo installs perfdecl from a git repository's HEAD into its own environment, so the current
working tree (not the last commit) is copied into a temporary repository and committed there with
fixed dates: the same tree gives the same commit, and pre-commit's cache (kept beside it in the
system's temporary folder) makes runs after the first one fast. The first run needs pip to reach
the package index; when it cannot, the test is skipped with the reason.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLE, ROOT

pytestmark = pytest.mark.slow

TREE = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "LICENSE", "src/perfdecl")
GIT_ENV = {
    "GIT_AUTHOR_NAME": "perfdecl tests",
    "GIT_AUTHOR_EMAIL": "tests@perfdecl.invalid",
    "GIT_AUTHOR_DATE": "2024-01-01T00:00:00+00:00",
    "GIT_COMMITTER_NAME": "perfdecl tests",
    "GIT_COMMITTER_EMAIL": "tests@perfdecl.invalid",
    "GIT_COMMITTER_DATE": "2024-01-01T00:00:00+00:00",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
NETWORK_TROUBLE = (
    "Could not find a version that satisfies",
    "No matching distribution found",
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "ProxyError",
)


def _files() -> list[Path]:
    out: list[Path] = []
    for name in TREE:
        path = ROOT / name
        if path.is_file():
            out.append(path)
        elif path.is_dir():
            out.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
            )
    return out


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT_ENV}
    )


def _hook_repo(cache: Path) -> Path:
    """A git repository holding the current tree, at a path named after its content."""
    files = _files()
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    target = cache / f"src-{digest.hexdigest()[:16]}"
    if (target / ".git").is_dir():
        return target
    building = Path(tempfile.mkdtemp(prefix="build-", dir=cache))
    for path in files:
        dest = building / path.relative_to(ROOT)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, dest)
    _git(building, "init", "-q")
    _git(building, "add", ".")
    _git(building, "commit", "-q", "-m", "perfdecl working tree")
    try:
        building.rename(target)
    except OSError:  # another test run built the same tree meanwhile
        shutil.rmtree(building, ignore_errors=True)
    return target


def _consumer(tmp: Path) -> Path:
    repo = tmp / "consumer"
    (repo / "decl").mkdir(parents=True)
    text = EXAMPLE.read_text(encoding="utf-8")
    (repo / "decl" / "good.yaml").write_text(text, encoding="utf-8")
    bad = text.replace("year: 2019", "year: 二〇一九", 1)
    (repo / "decl" / "bad.yaml").write_text(bad, encoding="utf-8")
    # Not a declaration, outside decl/: the hook's `files` pattern leaves it alone.
    (repo / "config.yaml").write_text("key: [unclosed\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "declarations")
    return repo


def _try_repo(consumer: Path, hook_repo: Path, home: Path, *args: str) -> tuple[int, str]:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "perfdecl", *args],
        cwd=consumer,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


def test_hook_definition_is_well_formed() -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "perfdecl" and hook["language"] == "python"
    assert hook["entry"].startswith("perfdecl validate") and hook["types"] == ["yaml"]
    pattern = re.compile(hook["files"])
    assert pattern.search("decl/2019/牛街.yaml") and pattern.search("申报表/a.yml")
    assert pattern.search("x/plan.decl.yaml")
    assert not pattern.search(".github/workflows/ci.yaml")


def test_pre_commit_passes_good_files_and_fails_bad_ones(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    cache = Path(
        os.environ.get(
            "PERFDECL_PRE_COMMIT_CACHE", Path(tempfile.gettempdir()) / "perfdecl-pre-commit"
        )
    )
    cache.mkdir(parents=True, exist_ok=True)
    hook_repo = _hook_repo(cache)
    consumer = _consumer(tmp_path)
    home = cache / "home"

    code, output = _try_repo(consumer, hook_repo, home, "--all-files")
    if code != 0 and any(marker in output for marker in NETWORK_TROUBLE):
        pytest.skip(f"pre-commit could not install perfdecl (no package index?): {output[-300:]}")
    assert code == 1, output
    assert "decl/bad.yaml:3:7: PD103 error" in output
    assert "config.yaml:" not in output  # outside the hook's `files` pattern
    assert "Traceback" not in output

    code, output = _try_repo(consumer, hook_repo, home, "--files", "decl/good.yaml")
    assert code == 0, output
    assert "Passed" in output

    with contextlib.suppress(OSError):  # keep the cache small: only the latest trees
        trees = sorted(cache.glob("src-*"), key=lambda p: p.stat().st_mtime)
        for old in trees[:-3]:
            shutil.rmtree(old, ignore_errors=True)
