"""Hostile texts for ``perfdecl import`` (issue #9): a PD40x/PD00x code, the documented exit code
(0 written, 1 layout not recognised, 2 unreadable input), no traceback, nothing written.

The published form is rendered from the example at test time (``render(..., "text")`` reads
exactly like the seed), so these tests do not need ../shared/.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from perfdecl.lint import check_bytes, load_declaration
from perfdecl.render import render

from .conftest import EXAMPLE
from .test_hostile import assert_clean_output, invoke, listing, png

CODE = re.compile(r"\bPD\d{3}\b")


@cache
def published() -> str:
    """The example in the published text layout, as the importer reads it."""
    return render(load_declaration(EXAMPLE), "text")


def text(make: Callable[[], str | bytes]) -> Callable[[Path], str]:
    def build(folder: Path) -> str:
        data = make()
        path = folder / "form.txt"
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return str(path)

    return build


def in_form(old: str, new: str) -> Callable[[], str]:
    def make() -> str:
        assert old in published()
        return published().replace(old, new, 1)

    return make


def directory(folder: Path) -> str:
    (folder / "forms").mkdir()
    return str(folder / "forms")


def fifo(folder: Path) -> str:
    os.mkfifo(folder / "form.txt")
    return str(folder / "form.txt")


@dataclass(frozen=True, slots=True)
class ImportCase:
    id: str
    build: Callable[[Path], str]
    codes: tuple[str, ...]
    exit: int  # 0 written (to standard output), 1 not recognised, 2 unreadable
    heavy: bool = False


IMPORT_CASES: tuple[ImportCase, ...] = (
    ImportCase("empty", text(lambda: b""), ("PD405",), 1),
    # an image is recognised as one (not as undecodable text) and gets "run OCR first"
    ImportCase("binary", text(png), ("PD409",), 2),
    ImportCase("binary-noise", text(lambda: bytes(range(256)) * 64), ("PD003",), 2),
    ImportCase("invalid-utf8", text(lambda: b"unit \xc3\x28 name\n" * 100), ("PD003",), 2),
    ImportCase("huge-line", text(lambda: "牛" * 2_000_000), ("PD405", "PD401"), 1, heavy=True),
    ImportCase("100k-lines", text(lambda: "产出指标\n" * 100_000), ("PD002",), 2),
    ImportCase(
        "nested-looking", text(lambda: "（" * 50_000 + "产出指标" + "）" * 50_000), ("PD405",), 1
    ),
    ImportCase(
        "10000-columns",
        text(lambda: "一级指标\t" + "\t".join(f"列{i}" for i in range(10_000)) + "\n"),
        ("PD405",),
        1,
    ),
    ImportCase(
        "100k-cells",
        text(lambda: "产出指标\t" * 100_000),
        ("PD405", "PD401"),
        1,
    ),
    ImportCase("control-characters", text(in_form("李丽京", "李\x07丽\x1b京\x7f")), (), 0),
    ImportCase("nul", text(in_form("李丽京", "李\x00丽京")), ("PD003",), 2),
    ImportCase("only-headers", text(lambda: "一级指标\t二级指标\t三级指标\n"), ("PD405",), 1),
    ImportCase("5000-digit-amount", text(in_form("18891.87", "9" * 5000)), ("PD404",), 0),
    ImportCase("nan-money", text(in_form("18891.87", "NaN")), ("PD404",), 0),
    ImportCase("infinite-money", text(in_form("4767.16", "-Infinity")), ("PD404",), 0),
    ImportCase("gb18030", text(lambda: published().encode("gb18030")), (), 0),
    ImportCase("utf16-bom", text(lambda: published().encode("utf-16")), (), 0),
    ImportCase(
        "60mb",
        text(lambda: b"x" * (60 * 1024 * 1024)),
        ("PD002",),
        2,
        heavy=True,
    ),
    ImportCase("missing", lambda folder: str(folder / "missing.txt"), ("PD001",), 2),
    ImportCase("directory", directory, ("PD001",), 2),
    ImportCase("fifo", fifo, ("PD001",), 2),
)


@pytest.mark.parametrize("case", IMPORT_CASES, ids=[c.id for c in IMPORT_CASES])
def test_import_catalogue(case: ImportCase, tmp_path: Path) -> None:
    if case.id == "fifo" and not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    messages: dict[str, str] = {}
    for lang in ("en",) if case.heavy else ("en", "zh"):
        folder = tmp_path / lang
        folder.mkdir()
        source = case.build(folder)
        before = listing(folder)
        code, out, err = invoke(["import", "--lang", lang, source], folder)
        assert_clean_output(out, err)
        assert listing(folder) == before, "import wrote a file"
        assert code == case.exit, (code, err[-400:])
        reported = set(CODE.findall(err))
        assert set(case.codes) <= reported, (case.codes, err[-400:])
        for line in err.splitlines():
            if CODE.search(line):
                assert len(line) < 1000, line[:200]  # long input is quoted shortened
        if case.codes:
            first = next(line for line in err.splitlines() if case.codes[0] in line)
            messages[lang] = first.split(case.codes[0], 1)[1]
        if code == 0:
            loaded = check_bytes(out.encode("utf-8"), file="imported.yaml")
            loader_errors = [
                p
                for p in loaded.problems
                if (p.code < "PD100" and p.code != "PD013") or p.code == "PD900"
            ]
            assert not loader_errors, loader_errors[:3]  # what import writes, validate reads
            # control characters are kept verbatim, and validate then names them (PD013)
            controls = case.id == "control-characters"
            assert controls == any(p.code == "PD013" for p in loaded.problems)
        else:
            assert out == ""
    if "zh" in messages:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in messages["zh"]), messages["zh"]
        assert messages["zh"] != messages["en"]


def test_output_never_clobbers_without_force(tmp_path: Path) -> None:
    form = tmp_path / "form.txt"
    form.write_text(published(), encoding="utf-8")
    target = tmp_path / "decl.yaml"
    target.write_bytes(b"# mine\nschema_version: 1\n")
    before = listing(tmp_path)
    code, out, err = invoke(
        ["import", "--lang", "en", str(form), "--output", str(target)], tmp_path
    )
    assert code == 2
    assert_clean_output(out, err)
    assert "exists; use --force" in err
    assert target.read_bytes() == b"# mine\nschema_version: 1\n"
    assert listing(tmp_path) == before  # no temporary file left either
    code, out, err = invoke(
        ["import", "--lang", "en", str(form), "--output", str(target), "--force"], tmp_path
    )
    replaced = target.read_text(encoding="utf-8")
    assert code == 0 and not replaced.startswith("# mine")
    assert "unit: 北京市西城区人民政府牛街街道办事处\n" in replaced  # the imported form
    assert listing(tmp_path) == before


def test_failed_import_writes_no_output_file(tmp_path: Path) -> None:
    form = tmp_path / "prose.txt"
    form.write_text("只是一段文字，没有申报表。\n", encoding="utf-8")
    code, out, err = invoke(["import", str(form), "--output", str(tmp_path / "out.yaml")], tmp_path)
    assert code == 1 and "PD405" in err
    assert_clean_output(out, err)
    assert not (tmp_path / "out.yaml").exists()
