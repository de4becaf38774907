"""The per-text bound of the review (issue #9): phrase parsers and text rules read the first
``phrases.MAX_TEXT`` characters of a text, and PD237 (info) names each text read only in part.

Behaviour only: what is found before the limit, what is not found after it, where PD237
points. The time this saves is measured by ``bench/hostile.py`` (docs/hardening.md).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from perfdecl import phrases
from perfdecl.lint import check_bytes
from perfdecl.phrases import MAX_TEXT
from perfdecl.problem import Problem, Severity
from perfdecl.rules.docs import BASE_DECLARATION

FILLER = "推进"  # two characters, no number, no vague word, no placeholder


def padded(before: str, after: str = "", total: int = MAX_TEXT + 1000) -> str:
    """``before`` at the start, ``after`` right past the limit, filler in between and after."""
    middle = FILLER * ((MAX_TEXT - len(before)) // 2)
    text = before + middle + FILLER[: MAX_TEXT - len(before) - len(middle)]
    assert len(text) == MAX_TEXT
    text += after
    return text + FILLER * ((total - len(text)) // 2 + 1)


def declaration(old: str, new: str) -> bytes:
    assert old in BASE_DECLARATION, old
    return BASE_DECLARATION.replace(old, new, 1).encode("utf-8")


def problems(raw: bytes) -> list[Problem]:
    return list(check_bytes(raw, file="a.yaml").problems)


def test_limit_is_generous() -> None:
    assert MAX_TEXT == 20_000


def test_targets_and_dates_read_up_to_the_limit() -> None:
    text = padded("全年发放借书证不低于50张；", "2019年12月31日前完成，不少于30场。")
    (target,) = phrases.parse_targets(text)
    assert (target.comparison, target.value, target.unit, target.start) == (">=", 50, "张", 7)
    assert phrases.parse_dates(text) == []
    assert phrases.years_mentioned(text) == []
    assert phrases.is_quantified(text)
    late = padded("", "不少于30场")
    assert phrases.parse_targets(late) == [] and not phrases.is_quantified(late)


def test_wording_checks_read_up_to_the_limit() -> None:
    text = padded("服务质量进一步提升", "是否有效？")
    assert phrases.vague_words(text) == [("进一步", 4), ("提升", 7)]
    assert not phrases.is_question(text)
    assert phrases.item_number_inside(padded("", "；5.全年")) == []
    assert phrases.item_number_inside(padded("全年；5.全年")) == [3]
    assert not phrases.relative_only(padded("", "不低于上年度"))


def test_short_texts_are_read_whole() -> None:
    text = "全年发放借书证不低于50张；" + FILLER * 9000 + "2019年12月31日前完成"
    assert len(text) < MAX_TEXT
    assert [d.date.isoformat() for d in phrases.parse_dates(text)] == ["2019-12-31"]


def test_pd237_points_at_the_first_character_not_checked() -> None:
    text = padded("全年发放借书证不低于50张；")
    found = problems(declaration("text: 全年图书借阅总册次不低于5000册。", f"text: {text}"))
    (long_text,) = [p for p in found if p.code == "PD237"]
    assert long_text.severity is Severity.INFO
    assert long_text.pointer == "/indicators/1/groups/0/items/0/text"
    assert long_text.column == len("            text: ") + MAX_TEXT + 1
    assert f"{len(text):,} characters long" in long_text.message.en
    assert "first 20,000" in long_text.message.en
    assert "只检查了前 20,000 个字符" in long_text.message.zh


def test_pd237_not_at_the_limit() -> None:
    text = padded("全年")[:MAX_TEXT]
    assert len(text) == MAX_TEXT
    found = problems(declaration("remarks: 无", f"remarks: {text}"))
    assert "PD237" not in {p.code for p in found}


@pytest.mark.parametrize(
    ("old", "new", "pointer"),
    [
        ("head: 张三", "head: @", "/head"),
        ("lead: 2019年做好辖区公共阅读服务。", "lead: @", "/goals/lead"),
        ("name: 产出数量指标", "name: @", "/indicators/0/groups/0/name"),
        (
            'targets: [{comparison: ">=", value: 50, unit: 张}]',
            'targets: [{comparison: qualitative, value: "@"}]',
            "/indicators/0/groups/0/items/0/targets/0/value",
        ),
    ],
    ids=["head", "goals-lead", "group-name", "target-value"],
)
def test_pd237_covers_every_text(old: str, new: str, pointer: str) -> None:
    found = problems(declaration(old, new.replace("@", padded(""))))
    assert pointer in {p.pointer for p in found if p.code == "PD237"}, sorted(
        (p.code, p.pointer) for p in found
    )


def test_placeholders_found_before_the_limit_only() -> None:
    found = problems(declaration("remarks: 无", f"remarks: {padded('待定', 'XX')}"))
    placeholders = [p for p in found if p.code == "PD231"]
    assert [p.column for p in placeholders] == [len("remarks: ") + 1]


def test_repeated_long_texts_are_still_found() -> None:
    text = padded("全年发放借书证不低于50张；")
    raw = declaration("text: 全年图书借阅总册次不低于5000册。", f"text: {text}")
    raw = raw.replace("text: 读者满意度达90%以上。".encode(), f"text: {text}".encode(), 1)
    assert "PD221" in {p.code for p in problems(raw)}


def test_cli_reports_pd237_and_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_bytes(declaration("remarks: 无", f"remarks: {FILLER * 500_000}"))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "perfdecl",
            "validate",
            "--format",
            "json",
            "--lang",
            "zh",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    found = json.loads(done.stdout)
    problems_ = found["files"][0]["problems"] if isinstance(found, dict) else found
    codes = [p["code"] for p in problems_]
    assert codes == ["PD237"], codes
    assert "1,000,000 个字符" in problems_[0]["message"]
