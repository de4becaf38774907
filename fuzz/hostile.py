"""The hostile catalogue's file contents as fuzz seeds (tests/test_hostile*.py, docs/hardening.md).

Each seed is a case the suite already checks once with its payload; as a seed, the harnesses
mutate it for hours under the invariants, including the output sinks (``invariants.check_sinks``:
no control character or forged workflow command in a log, no live link or HTML in Markdown,
XML and JSON that parse). Sizes are cut to what libFuzzer handles well (a few hundred KiB at
most); the full-size variants stay in the tests. Standard library and perfdecl only.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "niujie_2019.yaml"


EVIL = "http" + "://evil.example"
"""A link payload, on the reserved .example domain (RFC 2606); written in two parts because it is
a payload, not a reference (the repository's reference check reads whole URLs)."""


def _swap(text: str, old: str, new: str) -> str:
    if old not in text:
        raise ValueError(f"the example no longer holds {old!r}")
    return text.replace(old, new, 1)


def validate_seeds() -> Iterable[tuple[str, bytes]]:
    """Declarations for fuzz_validate / fuzz_loader / fuzz_diff: payloads in values, keys,
    comments and sizes (test_hostile_sinks, test_hostile_dos, test_hostile)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    planted = {
        # GitHub workflow commands (#17 item 2), in a value quoted back ("got …") and in a key
        "stop-commands-in-value": ("year: 2019", 'year: "\\n::stop-commands::tok\\n"'),
        "forged-error-in-key": (
            "head: 李丽京",
            'head: 李丽京\n"\\r\\n::error file=a.yaml,line=1::forged": 1',
        ),
        "add-mask-in-target": ("{name: 推送文章,", '{name: "\\n::add-mask::推送文章",'),
        # terminal escapes (item 8)
        "osc8-link": ("head: 李丽京", 'head: "李\\e]8;;' + EVIL + '\\a丽京\\e]8;;\\a"'),
        "clear-screen-bidi": ("head: 李丽京", 'head: "\\e[2J\\u202e京丽李"'),
        "c1-csi": ("{name: 推送文章,", '{name: "推送\\x9b31m文章",'),
        # Markdown and HTML (item 9)
        "markdown-link-key": ("head: 李丽京", 'head: 李丽京\n"[click](' + EVIL + ')": 1'),
        "markdown-image-html-key": (
            "head: 李丽京",
            'head: 李丽京\n"![x](' + EVIL + '/p.png)<img src=x><details>": 1',
        ),
        # spreadsheet formulas (item 10), in a target the export writes
        "csv-formula": ("{name: 推送文章,", '{name: "=HYPERLINK(\\"' + EVIL + '\\")",'),
        "csv-formula-tab": ("{name: 推送文章,", '{name: "\\t@SUM(1+1)",'),
        # a file name's worth of control characters in the unit (item 7's display)
        "controls-in-unit": (
            "unit: 北京市西城区人民政府牛街街道办事处",
            'unit: "北京\\x00\\x1f\\x7f\\u2066市"',
        ),
    }
    for name, (old, new) in planted.items():
        yield f"hostile-{name}", _swap(text, old, new).encode("utf-8")
    # denial of service, scaled down (item 6): stacked suppressions, quoted "#perfdecl" texts
    stacked = "# perfdecl: ignore[PD214] 已按要求说明\n" * 500
    yield "hostile-stacked-suppressions", (stacked + text).encode("utf-8")
    for n, item in enumerate(['" #perfdecl: ignore[PD2] x"', "' # perfdecl x'"]):
        remarks = "remarks: [" + ", ".join([item] * 500) + "]"
        yield f"hostile-quoted-perfdecl-{n}", _swap(text, "remarks: 无", remarks).encode("utf-8")
    yield "hostile-long-key", _swap(text, "head:", "x" * 20_000 + ": 1\nhead:").encode("utf-8")
    # deep nesting and YAML traps (items 11, PD012)
    yield "hostile-deep-flow", ("schema_version: 1\nremarks: " + "[" * 200 + "]" * 200).encode()
    yield (
        "hostile-deep-block",
        ("schema_version: 1\n" + "".join("  " * i + f"k{i}:\n" for i in range(120))).encode(),
    )
    yield "hostile-octal-phone", _swap(text, 'phone: "83998540"', "phone: 01083998540").encode()
    yield "hostile-long-octal", _swap(text, 'phone: "83998540"', "phone: 0" + "1" * 5000).encode()


def import_seeds() -> Iterable[tuple[str, bytes]]:
    """Published texts for fuzz_importer (test_hostile_import), scaled down."""
    from perfdecl.lint import load_declaration
    from perfdecl.render import render

    published = render(load_declaration(EXAMPLE), "text")
    yield "hostile-import-controls", _swap(published, "李丽京", "李\x07丽\x1b京\x7f").encode()
    yield "hostile-import-nul", _swap(published, "李丽京", "李\x00丽京").encode()
    yield "hostile-import-digits", _swap(published, "18891.87", "9" * 500).encode()
    yield "hostile-import-nan", _swap(published, "18891.87", "NaN").encode()
    yield "hostile-import-workflow", _swap(published, "李丽京", "\n::stop-commands::t\n").encode()
    yield "hostile-import-nested", ("（" * 5000 + "产出指标" + "）" * 5000).encode()
    yield "hostile-import-cells", ("产出指标\t" * 5000).encode()
    yield (
        "hostile-import-columns",
        ("一级指标\t" + "\t".join(f"列{i}" for i in range(2000)) + "\n").encode(),
    )
    yield "hostile-import-headers", "一级指标\t二级指标\t三级指标\n".encode()
    yield "hostile-import-invalid-utf8", b"unit \xc3\x28 name\n" * 100


__all__ = ["import_seeds", "validate_seeds"]
