"""Property tests: no input text makes the importer raise, and what it writes always loads."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfdecl.convert.importer import import_bytes, import_text
from perfdecl.convert.yamlwrite import dumps
from perfdecl.loader import load_text
from perfdecl.model.build import build
from perfdecl.problem import Severity

from .conftest import SEED

SEED_LINES = SEED.read_text(encoding="utf-8").splitlines() if SEED.exists() else []
LAYOUT_LINES = [
    "部门（单位）名称",
    "资金总额：",
    "12.5万元",
    "部门（单位）绩效目标",
    "2019年，目标。",
    "一、第一项。",
    "一级指标",
    "产出指标一：标题",
    "产出指标",
    "效果指标",
    "效益指标",
    "满意度指标",
    "成本指标",
    "产出数量指标",
    "服务对象满意度指标",
    "经济成本指标",
    "1．完成100项；",
    "2) 满意度≥90%",
    "（3）截止2019年12月31日完成。",
    "其他说明的问题",
    "无",
    "\t",
    "",
]

lines = st.one_of(
    st.text(max_size=40),
    st.sampled_from(LAYOUT_LINES),
    st.sampled_from(SEED_LINES or LAYOUT_LINES),
)
documents = st.lists(lines, max_size=40).map(lambda xs: "\n".join(xs)) | st.text(max_size=300)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(documents, st.sampled_from(["\n", "\r\n", "\r"]))
def test_no_text_raises_and_output_always_loads(text: str, newline: str) -> None:
    source = text.replace("\n", newline)
    result = import_text(source, year=2019)
    assert all(p.code.startswith(("PD4", "PD0")) for p in result.problems)
    body = source.replace("\r\n", "\n").replace("\r", "\n")
    content = [n for n, line in enumerate(body.split("\n"), 1) if line.strip()]
    if result.data is None:
        return
    written = dumps(result.data, comments=result.gap_comments())
    loaded = load_text(written)
    assert loaded.problems == [], written
    decl, problems = build(loaded.data, loaded.source, "<import>")
    assert problems == [] and decl is not None, (problems, written)
    if result.ok:
        assert not [p for p in result.problems if p.severity is Severity.ERROR]
    # Reported line numbers are real content lines.
    for p in result.problems:
        if p.line is not None:
            assert p.line in content


@SETTINGS
@given(st.binary(max_size=400))
def test_no_bytes_raise(raw: bytes) -> None:
    result = import_bytes(raw)
    assert result.data is None or isinstance(result.data, dict)
