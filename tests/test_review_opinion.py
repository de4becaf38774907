"""perfdecl review: the 财政部门审核意见 drafted from the findings (issue 16 item 6)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfdecl.cli.app import build_app
from perfdecl.lint import FileResult, check_path
from perfdecl.opinion import CONCLUSIONS, chinese_number, draft, markdown
from perfdecl.problem import Message, Problem, Severity

from .conftest import ROOT

EXAMPLE = str(ROOT / "examples/niujie_2019.yaml")
runner = CliRunner()


def test_example_opinion_has_the_fixed_structure() -> None:
    result = runner.invoke(build_app(), ["review", EXAMPLE, "--lang", "zh"])
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.startswith("# 关于《")
    assert "北京市西城区人民政府牛街街道办事处：" in text
    headings = re.findall(r"^## (\S+?)、", text, flags=re.MULTILINE)
    assert headings == [chinese_number(n) for n in range(1, len(headings) + 1)]
    assert len(headings) >= 5
    # each item cites 一级 / 二级 / id
    assert "【产出指标二：促进社会共治、维护安全稳定 / 产出数量指标 / out2.qty.2】" in text
    assert text.rstrip().endswith("经复核无误后予以通过。")
    assert "**审核结论：修改后通过。**" in text


def test_example_opinion_matches_the_docs() -> None:
    result = runner.invoke(build_app(), ["review", EXAMPLE, "--lang", "zh"])
    documented = (ROOT / "docs/review-example.md").read_text(encoding="utf-8")
    assert result.output.replace(str(ROOT) + "/", "") in documented


def test_english_opinion() -> None:
    result = runner.invoke(build_app(), ["review", EXAMPLE, "--lang", "en"])
    assert result.exit_code == 0
    assert "**Conclusion: approved after changes.**" in result.output
    assert "[产出指标二：促进社会共治、维护安全稳定 / 产出数量指标 / out2.qty.2]" in result.output
    headings = [line for line in result.output.splitlines() if line.startswith("## ")]
    assert headings[0] == "## 1. The indicator table as a whole", headings[:2]
    assert all(h.startswith(f"## {n}. ") for n, h in enumerate(headings, start=1))


def test_docx_opinion(tmp_path: Path) -> None:
    out = tmp_path / "opinion.docx"
    result = runner.invoke(build_app(), ["review", EXAMPLE, "--lang", "zh", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "审核结论：修改后通过。" in body
    assert "out2.qty.2" in body


def test_docx_needs_an_output_file() -> None:
    result = runner.invoke(build_app(), ["review", EXAMPLE, "--format", "docx", "--lang", "en"])
    assert result.exit_code == 2


def _with(severities: list[Severity]) -> FileResult:
    base = check_path(EXAMPLE)
    problems = tuple(
        Problem("PD202", s, Message("金额不符", "sums differ"), base.file, pointer="/funds")
        for s in severities
    )
    return FileResult(base.file, problems, base.declaration, base.source)


@pytest.mark.parametrize(
    ("severities", "conclusion"),
    [
        ([], "通过"),
        ([Severity.INFO], "通过"),
        ([Severity.INFO, Severity.WARNING], "修改后通过"),
        ([Severity.WARNING, Severity.ERROR], "退回"),
    ],
)
def test_conclusion_follows_the_worst_severity(severities: list[Severity], conclusion: str) -> None:
    opinion = draft(_with(severities), "zh")
    assert CONCLUSIONS[opinion.conclusion][0] == conclusion
    text = markdown(opinion, "zh")
    assert f"**审核结论：{conclusion}。**" in text
    if Severity.WARNING in severities or Severity.ERROR in severities:
        assert "## 一、关于表头和资金" in text  # /funds goes to the header and money part
    else:
        assert "未发现需要修改的问题。" in text


def test_chinese_numbers() -> None:
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 21, 35)] == [
        "一",
        "九",
        "十",
        "十一",
        "二十",
        "二十一",
        "三十五",
    ]
