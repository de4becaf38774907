"""Hostile strings through every output (issue #17, items 2, 7, 8, 9, 10): what a pull request's
values and file names can do to a terminal, a CI log, GitHub annotations, Markdown, XML and CSV.

Each case plants a payload (and a variant with another payload) in a declaration's value, key or
file name, runs the real executable in every format that could carry it, and checks the sink's
property: no control character reaches a terminal, no line of ours can be read as a workflow
command, no Markdown link, image or HTML is live, the XML parses, every report is UTF-8, and no
CSV cell starts a formula. The file is always reported (PD013 for invisible controls).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .conftest import EXAMPLE

EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
COMMAND_LINE = re.compile(r"^::(error|warning|notice) [^\n]*?::")
FORMATS = ("text", "json", "sarif", "github", "junit", "markdown")


def run(args: list[str], cwd: Path, *, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "perfdecl", *args],
        capture_output=True,
        timeout=120,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", "GITHUB_ACTIONS": "true", **(env or {})},
        check=False,
    )
    out = proc.stdout.decode("utf-8")  # strict: every report is UTF-8
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    assert not re.search(r'(ruleId|code)": "PD900"|PD900 (error|错误)|title=PD900', out + err), out
    return proc.returncode, out, err


def assert_log_safe(text: str) -> None:
    """A terminal or CI log: no control character, and no line that starts a workflow command
    other than the annotations perfdecl writes itself."""
    assert CONTROL.search(text) is None, text
    for line in text.splitlines():
        if line.startswith("::"):
            assert COMMAND_LINE.match(line), line
            assert "stop-commands" not in line.split("::", 2)[1], line


def assert_markdown_inert(text: str) -> None:
    unescaped = re.sub(r"\\.", "", text)
    assert re.search(r"\]\(", unescaped) is None, text  # no [x](url) or ![x](url)
    assert re.search(r"<(img|a|details|script|summary)\b", unescaped, re.I) is None, text
    assert "://" not in unescaped or "](" not in unescaped


def assert_sink(fmt: str, out: str) -> None:
    if fmt in ("text", "github"):
        assert_log_safe(out)
    elif fmt in ("json", "sarif"):
        json.loads(out)
    elif fmt == "junit":
        ET.fromstring(out)
    elif fmt == "markdown":
        assert CONTROL.search(out) is None
        assert_markdown_inert(out)


def swap(old: str, new: str) -> str:
    assert old in EXAMPLE_TEXT, old
    return EXAMPLE_TEXT.replace(old, new, 1)


# Payloads planted in values (YAML double-quoted escapes), each with a variant.
VALUE_CASES = {
    # item 2: newlines that would start workflow commands, in a quoted "got …" value (PD103)
    "stop-commands-in-value": (swap("year: 2019", 'year: "\\n::stop-commands::tok\\n"'), "PD103"),
    "forged-error-in-key": (
        swap("head: 李丽京", 'head: 李丽京\n"\\r\\n::error file=a.yaml,line=1::forged": 1'),
        "PD101",
    ),
    # item 8: terminal escapes in values
    "osc8-link-in-value": (
        swap("head: 李丽京", 'head: "李\\e]8;;http://evil.example\\a丽京\\e]8;;\\a"'),
        "PD013",
    ),
    "clear-screen-and-bidi": (
        swap("head: 李丽京", 'head: "\\e[2J\\u202e京丽李"'),
        "PD013",
    ),
    "c1-csi-in-target": (
        swap("{name: 推送文章,", '{name: "推送\\x9b31m文章",'),
        "PD013",
    ),
    # item 9: Markdown links and images in quoted keys
    "markdown-link-key": (
        swap("head: 李丽京", 'head: 李丽京\n"[click](http://evil.example)": 1'),
        "PD101",
    ),
    "markdown-image-html-key": (
        swap("head: 李丽京", 'head: 李丽京\n"![x](http://evil.example/p.png)<img src=x>": 1'),
        "PD101",
    ),
}


@pytest.mark.parametrize("case", sorted(VALUE_CASES))
@pytest.mark.parametrize("fmt", FORMATS)
def test_values_reach_every_format_safely(case: str, fmt: str, tmp_path: Path) -> None:
    text, code = VALUE_CASES[case]
    (tmp_path / "decl.yaml").write_text(text, encoding="utf-8")
    status, out, err = run(["validate", "--format", fmt, "decl.yaml"], tmp_path)
    assert status == 1
    assert code in out
    assert_sink(fmt, out)
    assert_log_safe(err)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_controls_are_reported_in_both_languages(lang: str, tmp_path: Path) -> None:
    text, _ = VALUE_CASES["clear-screen-and-bidi"]
    (tmp_path / "decl.yaml").write_text(text, encoding="utf-8")
    status, out, _ = run(["validate", "--format", "json", "--lang", lang, "decl.yaml"], tmp_path)
    problems = json.loads(out)["files"][0]["problems"]
    found = [p for p in problems if p["code"] == "PD013"]
    assert status == 1 and len(found) == 1
    assert found[0]["pointer"] == "/head" and found[0]["line"] == 7
    assert "\\x1b" in found[0]["message"]


@pytest.mark.parametrize(
    "name",
    [
        "::error file=x.yaml,line=1::forged.yaml",  # item 2: a name that is a workflow command
        "a\n::warning::b.yaml",  # variant: a newline in the name
        "c\x1b[2Jd.yaml",  # item 8 in a file name
    ],
)
def test_file_names_never_start_a_command(name: str, tmp_path: Path) -> None:
    folder = tmp_path / "decl"
    folder.mkdir()
    (folder / name).write_text(swap("year: 2019", "year: x"), encoding="utf-8")
    for fmt in ("text", "github"):
        status, out, err = run(["validate", "--format", fmt, "."], folder)
        assert status == 1 and "PD103" in out
        assert_log_safe(out)
        assert_log_safe(err)


@pytest.mark.skipif(sys.platform != "linux", reason="bytes file names are a POSIX matter")
@pytest.mark.parametrize("raw", [b"bad\xff.yaml", b"\xc3(\x01.yaml"])
def test_undecodable_file_name_in_every_report(raw: bytes, tmp_path: Path) -> None:
    """Item 7: a name that is not UTF-8, in a walked folder, shown as \\xNN everywhere."""
    folder = tmp_path / "decl"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), raw), "wb") as handle:
        handle.write(swap("year: 2019", "year: x").encode("utf-8"))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    args = [
        "validate",
        str(folder),
        "--output",
        f"json={out_dir / 'r.json'}",
        "--output",
        f"junit={out_dir / 'r.xml'}",
        "--output",
        f"sarif={out_dir / 'r.sarif'}",
        "--write-baseline",
        str(out_dir / "baseline.json"),
    ]
    status, _, err = run(args, tmp_path)
    assert status == 0, err  # writing a baseline accepts today's findings
    shown = "\\xff" if raw.startswith(b"bad") else "\\xc3(\\x01"
    report = json.loads((out_dir / "r.json").read_text(encoding="utf-8"))
    assert report["files"][0]["file"].endswith(shown + ".yaml")
    ET.fromstring((out_dir / "r.xml").read_text(encoding="utf-8"))
    json.loads((out_dir / "r.sarif").read_text(encoding="utf-8"))
    json.loads((out_dir / "baseline.json").read_text(encoding="utf-8"))
    for fmt in FORMATS:
        status, out, _err = run(["validate", "--format", fmt, str(folder)], tmp_path)
        assert status == 1
        assert_sink(fmt, out)
        if fmt == "json":
            assert json.loads(out)["files"][0]["file"].endswith(shown + ".yaml")
        elif fmt == "markdown":
            assert shown.replace("\\", "\\\\") in out
        elif fmt != "sarif":  # SARIF carries the name percent-encoded in a URI
            assert shown in out


def test_render_text_and_diff_escape_values(tmp_path: Path) -> None:
    """Item 8 beyond validate: render --format text and diff print values escaped."""
    new = swap(
        "text: 1．项目微信公众号全年推送文章200条；",
        'text: "1．项目微信公众号\\e[2J<img src=x>[a](http://e.x)全年推送文章200条；',
    ).replace("品牌党员志愿者队伍2个；\n", '品牌党员志愿者队伍2个；"\n', 1)
    (tmp_path / "old.yaml").write_text(EXAMPLE_TEXT, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    status, out, err = run(["render", "--format", "text", "new.yaml"], tmp_path)
    assert status == 0 and "\\x1b[2J" in out
    assert_log_safe(out)
    for fmt in ("text", "markdown", "github", "json"):
        status, out, err = run(["diff", "--format", fmt, "old.yaml", "new.yaml"], tmp_path)
        assert status in (0, 1), err
        assert_sink(fmt, out)
        assert_log_safe(err)
        if fmt == "markdown":
            assert "\\<img" in out


@pytest.mark.parametrize(
    ("payload", "cell"),
    [
        ('"=HYPERLINK(\\"http://evil.example\\",\\"x\\")"', "'=HYPERLINK"),
        ("\"@SUM(1+1)*cmd|' /C calc'!A0\"", "'@SUM"),
        ('"+1+cmd"', "'+1+cmd"),
        ('"\\t=1+1"', "'\t=1+1"),
    ],
)
def test_export_csv_defuses_formulas(payload: str, cell: str, tmp_path: Path) -> None:
    """Item 10: a cell that a spreadsheet would run starts with ' (plain numbers stay)."""
    (tmp_path / "d.yaml").write_text(swap("{name: 推送文章,", f"{{name: {payload},"), "utf-8")
    status, out, err = run(["export", "--format", "csv", "d.yaml"], tmp_path)
    assert status == 0, err
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    cells = [c for row in rows for c in row]
    assert any(c.startswith(cell) for c in cells)
    risky = ("=", "+", "-", "@", "\t", "\r")
    number = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
    assert not [c for c in cells if len(c) > 1 and c.startswith(risky) and not number.fullmatch(c)]
