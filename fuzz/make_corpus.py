"""Write the seed corpora the harnesses start from: fuzz/corpus/<harness>/.

Seeds come from the repository (examples/, tests/fixtures/, the rule cases in tests/rules/
wrapped into whole declarations, the regression inputs in tests/fuzz_regressions/) and from the
seed text ``../shared/seeds/niujie_2019.txt`` when it is beside the clone. Large seeds slow
libFuzzer down, so the example is also cut into one declaration per 一级 indicator. The corpora
are generated, never committed (fuzz/.gitignore).

    /work/venv/bin/python fuzz/make_corpus.py [--clean]   # or /work/fuzzvenv/bin/python
"""

from __future__ import annotations

import copy
import hashlib
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "corpus"
SEED = ROOT.parent / "shared" / "seeds" / "niujie_2019.txt"
EXAMPLE = ROOT / "examples" / "niujie_2019.yaml"


def _yaml_seeds() -> Iterable[tuple[str, bytes]]:
    from perfdecl.convert.yamlwrite import dumps
    from perfdecl.lint import load_declaration
    from perfdecl.rules.docs import wrap

    for path in sorted((ROOT / "examples").glob("*.yaml")):
        yield path.name, path.read_bytes()
    for path in sorted((ROOT / "tests" / "fixtures" / "core").glob("*.yaml")):
        yield f"core-{path.name}", path.read_bytes()
    for path in sorted((ROOT / "tests" / "rules").glob("PD*.yaml")):
        yield f"rules-{path.name}", path.read_bytes()
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
        for n, case in enumerate(cases):
            yield f"case-{path.stem}-{n}", wrap(case["input"]).encode("utf-8")
    # One declaration per 一级 indicator of the example: small, valid, every rule reachable.
    decl = load_declaration(EXAMPLE).model_dump(mode="json", exclude_none=True)
    for n, level1 in enumerate(decl["indicators"]):
        part: dict[str, Any] = copy.deepcopy(decl)
        part["indicators"] = [level1]
        part["goals"]["strands"] = part["goals"]["strands"][:1]
        yield f"slice-{n}", dumps(part).encode("utf-8")
    head = EXAMPLE.read_text(encoding="utf-8").split("indicators:")[0]
    yield "head.yaml", head.encode("utf-8")
    yield "head.gb18030", head.encode("gb18030")
    yield "head.utf16", head.encode("utf-16")
    yield "head.bom", b"\xef\xbb\xbf" + head.encode("utf-8")
    yield "head.crlf", head.replace("\n", "\r\n").encode("utf-8")
    yield "head.tabs", head.replace("  ", "\t", 3).encode("utf-8")
    yield (
        "anchors",
        (
            b"schema_version: 1\nyear: &y 2019\nframework: beijing_2019\nkind: department\n"
            b"unit: &u x\nhead: *u\nfunds: &f {total: 1, basic: 1}\nremarks: *y\n"
        ),
    )
    yield "tags", b"schema_version: !!int 1\nyear: !!str 2019\nunit: !custom x\nfunds: !!map {}\n"
    yield (
        "suppress",
        (
            b"schema_version: 1  # perfdecl: ignore[PD201] reason\nyear: 2019\n"
            b"# perfdecl: ignore[PD999]\nframework: beijing_2019\n# perfdecl: bogus\n"
        ),
    )


def _text_seeds() -> Iterable[tuple[str, bytes]]:
    from perfdecl.lint import load_declaration
    from perfdecl.render import render

    if SEED.exists():
        raw = SEED.read_bytes()
        yield "seed.txt", raw
        text = raw.decode("utf-8")
        yield "seed.gb18030", text.encode("gb18030")
        yield "seed.utf16", text.encode("utf-16")
        yield "seed.crlf", text.replace("\n", "\r\n").encode("utf-8")
        lines = text.split("\n")
        for start in range(0, len(lines), 40):
            yield f"seed-lines-{start}", "\n".join(lines[start : start + 60]).encode("utf-8")
    for path in sorted((ROOT / "tests" / "fixtures" / "import").iterdir()):
        yield f"import-{path.name}", path.read_bytes()
    for path in [EXAMPLE, ROOT / "tests" / "fixtures" / "core" / "good.yaml"]:
        decl = load_declaration(path)
        yield f"render-{path.stem}.txt", render(decl, "text").encode("utf-8")


def _wording_seeds() -> Iterable[tuple[str, bytes]]:
    """For fuzz_texts.py: real wordings, NUL-separated, six rows then a name, a unit, a lead."""
    from perfdecl.lint import load_declaration
    from perfdecl.loader import load_text
    from perfdecl.rules.docs import wrap

    texts: list[str] = []
    targets: list[tuple[str, str]] = []
    decl = load_declaration(EXAMPLE)
    for level1 in decl.indicators:
        for group in level1.groups:
            for item in group.items:
                texts.append(item.text)
                targets.extend((t.name or "", t.unit or "") for t in item.targets)
    for path in sorted((ROOT / "tests" / "rules").glob("PD*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            data = load_text(wrap(case["input"])).data or {}
            for level1 in data.get("indicators") or []:
                for group in (level1 or {}).get("groups") or []:
                    for item in (group or {}).get("items") or []:
                        if isinstance(item, dict) and isinstance(item.get("text"), str):
                            texts.append(item["text"])
    lead = decl.goals.lead if decl.goals and decl.goals.lead else "2019年"
    for n in range(0, len(texts), 6):
        name, unit = targets[n % len(targets)] if targets else ("", "")
        parts = [*texts[n : n + 6], name, unit, lead]
        yield f"wordings-{n}", "\x00".join(parts).encode("utf-8")


def _write(folder: Path, seeds: Iterable[tuple[str, bytes]]) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for _name, data in seeds:
        digest = hashlib.sha1(data).hexdigest()
        (folder / digest).write_bytes(data)
        n += 1
    return n


def _regressions(kind: str) -> list[tuple[str, bytes]]:
    folder = ROOT / "tests" / "fuzz_regressions"
    return [(p.name, p.read_bytes()) for p in sorted(folder.glob(f"{kind}-*")) if p.is_file()]


def main() -> int:
    if "--clean" in sys.argv and OUT.exists():
        shutil.rmtree(OUT)  # otherwise seeds are added to what earlier runs grew
    from hostile import import_seeds, validate_seeds

    yaml_seeds = [*_yaml_seeds(), *validate_seeds()]
    text_seeds = [*_text_seeds(), *import_seeds()]
    counts = {
        "loader": _write(OUT / "loader", yaml_seeds + _regressions("loader")),
        "validate": _write(OUT / "validate", yaml_seeds + _regressions("validate")),
        "diff": _write(OUT / "diff", yaml_seeds + _regressions("diff")),
        "importer": _write(OUT / "importer", text_seeds + _regressions("importer")),
        "texts": _write(OUT / "texts", [*_wording_seeds(), *_regressions("texts")]),
    }
    for name, count in counts.items():
        size = sum(p.stat().st_size for p in (OUT / name).iterdir())
        print(f"{OUT / name}: {count} seeds, {size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
