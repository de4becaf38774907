"""render/export --redact (#19): a form published under 预算公开 shows no personal data: the
head, filler and project lead masked to their surname, mobile numbers to 138****5678, in every
format and in every text that repeats them; office landlines stay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfdecl.cli.app import app
from perfdecl.convert.redact import mask_mobiles, mask_name, redact
from perfdecl.lint import load_declaration

from .conftest import EXAMPLE

runner = CliRunner()
SECRETS = ("李丽京", "王小明", "13812345678", "8765-4321", "87654321")


@pytest.fixture
def personal(tmp_path: Path) -> Path:
    """The example with a mobile as its phone, a filler, and both repeated in the remarks."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace('phone: "83998540"', 'phone: "13812345678"\nfiller: 王小明', 1)
    text = text.replace(
        "remarks: 无",
        "remarks: 负责人李丽京、联系人王小明，手机 139-8765-4321，办公电话 010-83998540",
        1,
    )
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_masks() -> None:
    assert (
        mask_name("李丽京") == "李**"
        and mask_name("欧阳娜娜") == "欧***"
        and mask_name("王") == "*"
    )
    assert mask_mobiles("手机13812345678。") == "手机138****5678。"
    assert mask_mobiles("+86 139-8765-4321") == "139****4321"
    assert (
        mask_mobiles("010-83998540 83998540 213812345678") == "010-83998540 83998540 213812345678"
    )


def test_redact_keeps_everything_else(personal: Path) -> None:
    decl = load_declaration(personal)
    masked = redact(decl)
    assert (masked.head, masked.filler, masked.phone) == ("李**", "王**", "138****5678")
    assert masked.remarks == "负责人李**、联系人王**，手机 139****4321，办公电话 010-83998540"
    assert masked.funds == decl.funds and masked.indicators == decl.indicators


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_render_redact(personal: Path, fmt: str) -> None:
    shown = runner.invoke(app, ["render", str(personal), "-f", fmt, "--redact", "--with-problems"])
    assert shown.exit_code == 0, shown.output
    assert not [s for s in SECRETS if s in shown.stdout], fmt
    out = shown.stdout.replace("\\*", "*")  # Markdown escapes the stars
    assert "李**" in out and "138****5678" in out and "83998540" in out
    plain = runner.invoke(app, ["render", str(personal), "-f", fmt])
    assert "李丽京" in plain.stdout and "13812345678" in plain.stdout  # only when asked


def test_render_redact_office_files(personal: Path, tmp_path: Path) -> None:
    pytest.importorskip("docx")
    out = tmp_path / "form.docx"
    assert runner.invoke(app, ["render", str(personal), "-o", str(out), "--redact"]).exit_code == 0
    import docx

    document = docx.Document(str(out))
    text = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    text += "\n".join(p.text for p in document.paragraphs)
    assert "李**" in text and not [s for s in SECRETS if s in text]


def test_export_redact(personal: Path, tmp_path: Path) -> None:
    funds = tmp_path / "funds.jsonl"
    result = runner.invoke(
        app, ["export", str(personal), "-f", "jsonl", "--redact", "--funds-out", str(funds)]
    )
    assert result.exit_code == 0
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert rows and all(r["unit"] == "北京市西城区人民政府牛街街道办事处" for r in rows)
    assert not [s for s in SECRETS if s in result.stdout + funds.read_text("utf-8")]
