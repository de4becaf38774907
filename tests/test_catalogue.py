"""The one code registry: every layer's ``CODES`` table in one shape, joined by ``all_codes()``."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import perfdecl
from perfdecl.catalogue import all_codes
from perfdecl.problem import CodeInfo, Lang, Message, Severity

SRC = Path(perfdecl.__file__).parent
CODE = re.compile(r"PD[0-9]{3}")

LAYERS = {
    "perfdecl.loader.codes": ("loader", "PD0"),
    "perfdecl.config.codes": ("config", "PD02"),
    "perfdecl.lint.codes": (("suppression", "internal", "folder"), ("PD02", "PD9", "PD249")),
    "perfdecl.model.codes": ("structure", "PD1"),
    "perfdecl.rules.codes": ("rule", "PD2"),
    "perfdecl.diff.codes": ("diff", "PD3"),
    "perfdecl.convert.codes": ("import", "PD4"),
    "perfdecl.outcome.codes": ("outcome", "PD5"),
}


@pytest.mark.parametrize("module", sorted(LAYERS))
def test_each_layer_table_has_the_one_shape(module: str) -> None:
    import importlib

    origins, prefixes = LAYERS[module]
    table = importlib.import_module(module).CODES
    assert table, module
    for code, info in table.items():
        assert type(info) is CodeInfo and info.code == code and CODE.fullmatch(code)
        assert info.origin in (origins if isinstance(origins, tuple) else (origins,))
        assert code.startswith(prefixes), (module, code)
        assert isinstance(info.severity, Severity) and isinstance(info.summary, Message)
        assert (
            info.summary.zh
            and info.summary.en
            and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", info.name)
        )
        assert all_codes()[code] is info


def test_all_codes_joins_every_layer_once() -> None:
    codes = all_codes()
    assert list(codes) == sorted(codes)
    assert {info.origin for info in codes.values()} == {
        "loader",
        "config",
        "suppression",
        "structure",
        "rule",
        "diff",
        "import",
        "outcome",
        "internal",
        "folder",
    }
    from perfdecl.diff import DIFF_CODES
    from perfdecl.rules import RULES

    assert {r.code for r in RULES} | set(DIFF_CODES) <= set(codes)
    assert all(codes[c].origin == "diff" for c in DIFF_CODES)
    names = [info.name for info in codes.values()]
    assert len(names) == len(set(names)), "a name is a second key of a code: it must be unique"


def _literals(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.update(m for m in CODE.findall(node.value) if node.value.strip() == m)
    return found


def test_every_code_in_the_source_is_registered() -> None:
    """A code written as a string literal anywhere in src (a problem being made, a table, a
    check) is one the tool can emit or name: it must be in the registry."""
    used: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        for code in _literals(path):
            used.setdefault(code, []).append(str(path.relative_to(SRC)))
    assert len(used) > 90
    missing = {code: files for code, files in used.items() if code not in all_codes()}
    assert not missing, missing


# --- perfdecl rules / perfdecl explain: every code, in the --lang language ---------------------

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_help_text_has_both_languages() -> None:
    """Chinese throughout: a rationale exists in Chinese wherever it exists in English, and a
    review rule's Chinese rationale is not its English docstring."""
    from perfdecl.rules import RULES
    from perfdecl.rules.codes import RATIONALE_ZH

    assert set(RATIONALE_ZH) == {r.code for r in RULES}
    for info in all_codes().values():
        assert CJK.search(info.summary.zh), info.code
        if info.help is not None:
            assert CJK.search(info.help.zh) and info.help.en, info.code
            assert info.help.zh != info.help.en, info.code
    with_help = {i.origin for i in all_codes().values() if i.help is not None}
    assert with_help == {i.origin for i in all_codes().values()}  # every layer explains


def test_rules_lists_every_code_in_each_language() -> None:
    from typer.testing import CliRunner

    from perfdecl.cli.app import app

    runner = CliRunner()
    langs: tuple[Lang, ...] = ("zh", "en")
    for lang in langs:
        result = runner.invoke(app, ["rules", "--lang", lang])
        assert result.exit_code == 0
        lines = result.output.splitlines()[1:]
        assert [line.split()[0] for line in lines] == list(all_codes())
        for line, info in zip(lines, all_codes().values(), strict=True):
            assert line.endswith(info.summary.text(lang)), line
    md = runner.invoke(app, ["rules", "-f", "markdown", "--lang", "en"]).output
    assert "| PD005 | `yaml-syntax` | error | YAML syntax error. |" in md
    assert "| PD401 | `line-not-placed` |" in md and "| PD900 | `internal-error` |" in md


def test_explain_every_code_in_both_languages() -> None:
    from perfdecl.cli.rules import explain_text

    for code, info in all_codes().items():
        zh, en = explain_text(info, "zh"), explain_text(info, "en")
        assert zh.startswith(f"{code} {info.name} ({info.severity.zh})\n{info.summary.zh}\n")
        assert en.startswith(f"{code} {info.name} ({info.severity.value})\n{info.summary.en}\n")
        if info.help is not None:
            assert info.help.zh in zh and info.help.en not in zh
            assert info.help.en in en
        if info.origin == "rule":
            assert "不合格示例:" in zh and "Bad:" in en
        else:
            assert "详见 docs/" in zh and "See docs/" in en


@pytest.mark.parametrize(
    ("argv", "head", "body"),
    [
        (
            ["PD005", "--lang", "zh"],
            "PD005 yaml-syntax (错误)\nYAML 语法错误。\n",
            "缩进中用了制表符",
        ),
        (["pd005", "--lang", "en"], "PD005 yaml-syntax (error)\nYAML syntax error.\n", "tabs in"),
        (["yaml11-trap", "--lang", "zh"], "PD012 yaml11-trap (提示)\n", "加上引号"),
        (["PD021", "--lang", "zh"], "PD021 config-unknown-key (错误)\n", "最接近的有效配置项"),
        (["PD215", "--lang", "zh"], "PD215 vague-wording (警告)\n", "绩效目标要细化量化"),
        (["PD301", "--lang", "en"], "PD301 target-weakened (warning)\n", "See docs/diff.md."),
        (["PD404", "--lang", "zh"], "PD404 amount-unreadable (警告)\n", "详见 docs/import.md。"),
        (["PD900", "--lang", "en"], "PD900 internal-error (error)\n", "Please report it"),
    ],
)
def test_explain_any_code(argv: list[str], head: str, body: str) -> None:
    """``perfdecl explain PD005`` explains PD005 (it used to answer "did you mean PD205?")."""
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "perfdecl", "explain", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(head) and body in proc.stdout
    if argv[-1] == "zh":
        assert "Bad:" not in proc.stdout and "See docs/" not in proc.stdout
