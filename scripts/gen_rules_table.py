#!/usr/bin/env python3
"""Rewrite the rule table between <!-- rules:start --> and <!-- rules:end --> in README.md.

The table is generated from the rule registry; tests/test_rules.py fails when README drifts.
Usage: python scripts/gen_rules_table.py [README.md]   (``--check`` exits 1 if it would change)
"""

from __future__ import annotations

import sys
from pathlib import Path

from perfdecl.files import write_atomic
from perfdecl.rules.docs import update_readme


def main(argv: list[str]) -> int:
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    path = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "README.md"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    new = update_readme(text)
    if new == text:
        return 0
    if check:
        sys.stderr.write(f"{path}: the rule table is out of date; run scripts/gen_rules_table.py\n")
        return 1
    write_atomic(path, new.encode("utf-8"), force=True)
    sys.stdout.write(f"updated {path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
