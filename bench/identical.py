"""Check that two source trees of perfdecl report byte-identically: same output, same exit code.

    python bench/identical.py /tmp/before/src src examples tests/fixtures tests/rules /tmp/many

For every path given after the two trees, runs ``perfdecl validate --no-cache --jobs 1`` in each
format (json, text, sarif) and language (zh, en) under each tree (``PYTHONPATH=TREE``), and
compares the md5 of standard output, of standard error and the exit code. A speed-up of the
checking must not change a byte of what a user sees; this is how it is shown.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
from collections.abc import Sequence

FORMATS = ("json", "text", "sarif")
LANGS = ("zh", "en")


def digest(tree: str, path: str, fmt: str, lang: str) -> tuple[str, str, int]:
    """(md5 of stdout, md5 of stderr, exit code) of one run under ``tree``."""
    env = dict(os.environ, PYTHONPATH=os.path.abspath(tree), NO_COLOR="1", COLUMNS="100")
    env.pop("GITHUB_ACTIONS", None)
    cmd = [sys.executable, "-m", "perfdecl", "validate", "--no-cache", "--jobs", "1"]
    cmd += ["--format", fmt, "--lang", lang, path]
    done = subprocess.run(cmd, env=env, capture_output=True, check=False)
    return (
        hashlib.md5(done.stdout).hexdigest(),
        hashlib.md5(done.stderr).hexdigest(),
        done.returncode,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", help="the first src tree")
    parser.add_argument("after", help="the second src tree")
    parser.add_argument("paths", nargs="+", help="files or folders to validate")
    args = parser.parse_args(argv)
    differ = 0
    for path in args.paths:
        for fmt in FORMATS:
            for lang in LANGS:
                a = digest(args.before, path, fmt, lang)
                b = digest(args.after, path, fmt, lang)
                same = a == b
                differ += not same
                mark = "same" if same else "DIFFERENT"
                print(f"{mark:9} {fmt:5} {lang} exit {a[2]}/{b[2]} {a[0]} {b[0]} {path}")
    print(f"{differ} of {len(args.paths) * len(FORMATS) * len(LANGS)} runs differ")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
