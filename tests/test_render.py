"""perfdecl render: golden Markdown, the published text layout, problem placement, the CLI."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfdecl.cli.app import app
from perfdecl.lint import load_declaration
from perfdecl.model import Declaration
from perfdecl.problem import Message, Problem, Severity
from perfdecl.render import RENDERERS, render, renderer_for_suffix
from perfdecl.render.base import anchor_key, money, percent
from perfdecl.render.markdown import cell, paragraph_line

from .conftest import EXAMPLE, ROOT, SEED, golden_checker, needs_shared

GOLDEN = ROOT / "tests" / "golden" / "render"

runner = CliRunner()


golden = golden_checker(GOLDEN)


@pytest.fixture(scope="module")
def example() -> Declaration:
    return load_declaration(EXAMPLE)


def problem(
    code: str, pointer: str, severity: Severity = Severity.WARNING, line: int = 1
) -> Problem:
    return Problem(
        code, severity, Message(f"说明 {code}", f"about {code}"), "f.yaml", line, 1, pointer=pointer
    )


# --- the registry ------------------------------------------------------------------------


def test_registry_names_and_suffixes() -> None:
    assert list(RENDERERS) == ["html", "markdown", "text"]
    for name, cls in RENDERERS.items():
        assert cls.name == name and cls.description
    assert renderer_for_suffix(".md") == "markdown"
    assert renderer_for_suffix(".HTML") == "html"
    assert renderer_for_suffix(".txt") == "text"
    assert renderer_for_suffix(".yaml") is None


def test_money_and_percent_are_decimal() -> None:
    assert money(Decimal("0")) == "0"
    assert money(Decimal("1E+3")) == "1000"
    assert money(Decimal("18891.87")) == "18891.87"
    assert money(None) == ""
    assert percent(Decimal("4767.16"), Decimal("18891.87")) == Decimal("25.2")
    assert percent(Decimal(1), Decimal(0)) == 0


# --- where a problem lands ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("pointer", "key"),
    [
        ("", "doc"),
        ("/year", "doc"),
        ("/framework", "doc"),
        ("/unit", "unit"),
        ("/phone", "phone"),
        ("/funds", "funds"),
        ("/funds/basic", "funds-basic"),
        ("/project/name", "doc"),  # a department form has no project rows
        ("/functions", "functions"),
        ("/goals", "goals"),
        ("/goals/lead", "goals-lead"),
        ("/goals/strands/4/text", "goals-strand-4"),
        ("/goals/strands/5", "goals"),
        ("/indicators", "indicators"),
        ("/indicators/99/name", "indicators"),
        ("/indicators/2", "l1-2"),
        ("/indicators/2/goal", "l1-2"),
        ("/indicators/2/groups/9", "l1-2"),
        ("/indicators/2/groups/1/name", "l2-2-1"),
        ("/indicators/2/groups/1/items", "l2-2-1"),
        ("/indicators/2/groups/1/items/3/targets/0/value", "item-2-1-3"),
        ("/indicators/0/groups/0/items/1", "item-0-0-1"),
        ("/remarks", "remarks"),
    ],
)
def test_anchor_key(example: Declaration, pointer: str, key: str) -> None:
    assert anchor_key(example, pointer) == key


# --- Markdown ----------------------------------------------------------------------------


def test_markdown_golden(example: Declaration) -> None:
    golden("niujie_2019.md", render(example, "markdown"))


def test_markdown_table_rows_and_blank_merged_cells(example: Declaration) -> None:
    text = render(example, "markdown")
    table = text.split("## 绩效指标\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert table[0] == "| 一级指标 | 二级指标 | 具体指标（指标内容、指标值） |"
    rows = table[2:]
    assert len(rows) == 93
    firsts = [r.split(" | ")[0].removeprefix("| ") for r in rows]
    assert [f for f in firsts if f.strip("| ")] == [l1.name for l1 in example.indicators]
    # The 7-line indicator keeps its lines as <br>.
    assert any(r.count("<br>") == 6 and "家长培训" in r for r in rows)


def test_markdown_escaping() -> None:
    assert cell("a|b*c_d<e>f\n第二行") == "a\\|b\\*c\\_d\\<e>f<br>第二行"
    assert paragraph_line("1.党员") == "1\\.党员"
    assert paragraph_line("# 标题") == "\\# 标题"
    assert paragraph_line("- 项") == "\\- 项"
    assert paragraph_line("一、在") == "一、在"
    assert cell("&amp; & x") == "\\&amp; & x"


def test_markdown_with_problems_footnotes(example: Declaration) -> None:
    problems = [
        problem("PD201", "/head", Severity.ERROR),
        problem("PD215", "/indicators/0/groups/0/items/1/text", line=40),
        problem("PD225", "/goals/strands/1", line=20),
        problem("PD999", "/year", Severity.INFO, line=2),
    ]
    text = render(example, "markdown", problems=problems, lang="en")
    refs = re.findall(r"\[\^(\d+)\](?!:)", text)
    defs = re.findall(r"^\[\^(\d+)\]: ", text, flags=re.M)
    assert sorted(refs, key=int) == sorted(defs, key=int) == ["1", "2", "3", "4"]
    assert "| 部门（单位）负责人 | 李丽京[^1] |" in text
    assert "2．全年刊发《今日牛街》24期，编写新闻报道600条，拍摄活动图片千余张；[^4] |" in text
    assert "> 4 finding(s) are marked as footnotes.[^2]" in text
    assert "## Findings (4)" in text
    assert "[^1]: **PD201** error（部门（单位）负责人，line 1）about PD201" in text
    assert "[^2]: **PD999** info（整份文件，line 2）about PD999" in text


# --- text --------------------------------------------------------------------------------


@needs_shared()
def test_text_is_the_published_layout(example: Declaration) -> None:
    """The rendered text is the seed, line for line, but for the seed's stray spaces and one
    stray empty cell (a tab line before the first item of 产出指标四's 产出数量指标)."""
    seed = SEED.read_text(encoding="utf-8").split("\n")
    rendered = render(example, "text").split("\n")
    seed = [line.strip(" ") for line in seed]
    stray = seed.index(
        "1.“一街一品”文化品牌活动1场。扶持社区品牌文体项目2场；依实际需求经费扶持社区文体队伍。受益人数>1000；"
    )
    assert seed[stray - 1] == "\t"
    seed[stray - 1 : stray + 1] = ["\t" + seed[stray]]
    assert rendered == seed


def test_text_layout_details(example: Declaration) -> None:
    text = render(example, "text")
    assert text.startswith("\t部门（单位）名称\n\t北京市西城区人民政府牛街街道办事处\n\n")
    assert "\t资金总额：\n\t18891.87万元\n\n\t\n\t基本支出：\n\t4767.16万元\n" in text
    assert "\t其他：\n\t0万元\n\n\t部门（单位）职能概述\n" in text
    assert "\n\t\n\t\n\t产出质量指标\n\t1.党员干部活动参与率达到100%；\n" in text
    assert text.endswith("\t其他说明的问题\n\t无\n")


def test_text_with_problems_appends_a_list(example: Declaration) -> None:
    text = render(example, "text", problems=[problem("PD201", "/head", Severity.ERROR, 7)])
    body, _, tail = text.partition("\n" + "-" * 40 + "\n")
    assert body == render(example, "text")
    assert tail == "审核意见（1 条）\n[1] PD201 错误 （部门（单位）负责人，第7行）说明 PD201\n"


# --- a project form ----------------------------------------------------------------------


def test_project_form_rows() -> None:
    decl = Declaration.model_validate(
        {
            "schema_version": 1,
            "year": 2022,
            "framework": "central_2021",
            "kind": "project",
            "unit": "某某局",
            "project": {
                "name": "社区图书馆运营",
                "amount": Decimal("120.50"),
                "period": {"start": "2022-01-01", "end": "2022-12-31"},
            },
            "indicators": [
                {"id": "out", "name": "产出指标", "groups": [{"name": "数量指标", "items": []}]}
            ],
        }
    )
    md = render(decl, "markdown")
    assert md.startswith("# 项目支出绩效目标申报表\n")
    assert "| 项目名称 | 社区图书馆运营 |" in md
    assert "| 项目资金（万元） | 120.50 |" in md
    assert "| 实施期限 | 2022-01-01 至 2022-12-31 |" in md
    assert "总体资金情况" not in md
    assert "| 产出指标 | 数量指标 | |" in md
    html = render(decl, "html")
    assert "<h1>项目支出绩效目标申报表</h1>" in html and 'id="at-project-period"' in html
    text = render(decl, "text")
    assert text.startswith("\t项目名称\n\t社区图书馆运营\n\n") and "\t120.50万元\n" in text
    assert anchor_key(decl, "/project/period/end") == "project-period"
    assert anchor_key(decl, "/funds/total") == "doc"


# --- the command -------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["render", *args], env={"LANG": "C", "NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


def test_cli_stdout_each_format(example: Declaration) -> None:
    for name in RENDERERS:
        code, out, err = run(str(EXAMPLE), "--format", name)
        assert code == 0, err
        assert out == render(example, name)


def test_cli_writes_atomically_and_refuses_to_overwrite(
    tmp_path: Path, example: Declaration
) -> None:
    target = tmp_path / "form.md"
    code, out, err = run(str(EXAMPLE), "-o", str(target), "--lang", "en")
    assert (code, out) == (0, "")
    assert f"wrote {target}" in err
    assert target.read_text(encoding="utf-8") == render(example, "markdown")  # from the suffix
    target.write_text("mine", encoding="utf-8")
    code, out, err = run(str(EXAMPLE), "-o", str(target), "--lang", "en")
    assert code == 2
    assert err == f"perfdecl: {target} exists; use --force to replace it\n"
    assert target.read_text(encoding="utf-8") == "mine"
    code, _, err = run(str(EXAMPLE), "-o", str(target), "--lang", "zh")
    assert code == 2 and "已存在" in err and "--force" in err
    code, _, _ = run(str(EXAMPLE), "-o", str(target), "--force", "--format", "text")
    assert code == 0
    assert target.read_text(encoding="utf-8") == render(example, "text")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["form.md"]  # no temporary files left


def test_cli_never_overwrites_its_input(tmp_path: Path) -> None:
    source = tmp_path / "decl.yaml"
    source.write_bytes(EXAMPLE.read_bytes())
    code, _, err = run(str(source), "-o", str(source), "--force", "--lang", "en")
    assert code == 2 and "its own input" in err
    assert source.read_bytes() == EXAMPLE.read_bytes()


def test_cli_structural_errors_go_to_stderr(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "schema_version: 1\nyear: 2019\nframework: beijing_2019\nkind: dept\nunitt: x\n",
        encoding="utf-8",
    )
    code, out, err = run(str(bad), "--lang", "en")
    assert code == 1 and out == ""
    assert "PD104" in err and "PD101" in err
    assert err.rstrip().endswith("is not a valid declaration; nothing rendered.")
    code, out, err = run(str(tmp_path / "missing.yaml"), "--lang", "en")
    assert code == 2 and out == "" and "PD001" in err


def test_cli_with_problems_places_real_findings(tmp_path: Path) -> None:
    """A real run: the loader's PD012 (an unquoted 0123 phone) lands on the phone cell."""
    source = tmp_path / "decl.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace('phone: "83998540"', "phone: 0123")
    source.write_text(text, encoding="utf-8")
    code, out, err = run(str(source), "--format", "html", "--with-problems", "--lang", "en")
    assert code == 0, err
    assert re.search(
        r'<td id="at-phone" class="has-finding sev-\w+">0123<sup class="refs"><a class="fref" href="#f\d+"',
        out,
    )
    assert '<section class="findings" id="findings">' in out
    assert "PD012" in out
    code, out, _ = run(str(source), "--format", "markdown", "--with-problems")
    assert code == 0 and re.search(r"\| 联系电话 \| 0123(\[\^\d+\])+ \|", out)


def test_cli_real_subprocess(tmp_path: Path, example: Declaration) -> None:
    target = tmp_path / "form.html"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "perfdecl",
            "render",
            str(EXAMPLE),
            "-o",
            str(target),
            "--with-problems",
        ],
        capture_output=True,
        env={**os.environ, "LANG": "C"},
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'id="at-doc"' in html
    done = subprocess.run(
        [sys.executable, "-m", "perfdecl", "render", str(EXAMPLE), "--format", "text"],
        capture_output=True,
        env={**os.environ, "LANG": "C", "PYTHONIOENCODING": "ascii"},
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == render(example, "text")  # UTF-8 whatever the locale


def test_cli_with_problems_follows_the_configuration(tmp_path: Path) -> None:
    """The findings are those `perfdecl validate` reports: a configured ignore applies."""
    (tmp_path / ".git").mkdir()  # the project root: the search stops here
    source = tmp_path / "decl.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace('phone: "83998540"', "phone: 0123")
    source.write_text(text, encoding="utf-8")
    code, out, _ = run(str(source), "--format", "markdown", "--with-problems")
    assert code == 0 and "**PD012**" in out
    (tmp_path / ".perfdecl.toml").write_text('ignore = ["PD012"]\n', encoding="utf-8")
    code, out, _ = run(str(source), "--format", "markdown", "--with-problems")
    assert code == 0 and "PD012" not in out and "| 联系电话 | 0123 |" in out
