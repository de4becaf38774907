"""A table whose header and rows were glued with no separator is read by shape (#15).

The forms are built here with their own words and figures (not the training files'): a scored
evaluation table one row per line (评价指标 | 评价内容 | 指标名称 | 指标说明 | 目标值 | 分值 | 备注), and
a self-evaluation run together on one line (一级 | 二级 | 三级 | 分值 | 指标值(A) | 全年实际值(B) |
得分计算方法 | 得分 | 未完成原因分析).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from perfdecl.convert.gluedtable import find_header, read_chunks, solve
from perfdecl.convert.importer import import_bytes

EVALUATION = (
    "2021年度某县农村饮水安全工程项目绩效评价指标表\n"
    "评价指标评价内容指标名称指标说明目标值分值备注\n"
    "项目年度绩效目标(定量指标)数量指标新建集中供水站数量达到计划数1215\n"
    "供水入户率达到目标值98%15\n"
    "质量指标工程验收合格率100%20\n"
    "时效指标工程按期完工率达到目标值95%以上10\n"
    "成本指标单位造价控制率100%10\n"
    "满意度指标受益群众满意度达到目标值90%以上20\n"
    "可持续影响指标运行管护机制健全稳步提高10\n"
    "总分\n"
    "100\n"
)

SELFEVAL = (
    "项目支出绩效自评表(2023年度)项目名称某镇高素质农民培训补助资金主管部门某县农业农村局"
    "绩效指标一级指标二级指标三级指标分值指标值(A)全年实际值(B)得分计算方法得分未完成原因分析"
    "产出指标(50分)数量指标(必填)培训农民人次2030030020"
    "质量指标(必填)培训考核合格率2095%95%20"
    "成本指标(必填)人均培训成本1050元48元9.6部分学员未全程参训,支出略低"
    "效益指标(50分)社会效益指标(必填)带动农民增收户数5012012050\n"
)


def _rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for l1 in data.get("indicators", []):
        for group in l1.get("groups", []):
            out += [{**item, "l1": l1["name"], "l2": group["name"]} for item in group["items"]]
        out += [{**item, "l1": l1["name"], "l2": None} for item in l1.get("items", [])]
    return out


def test_a_glued_evaluation_table_is_read_by_its_header_order() -> None:
    result = import_bytes(EVALUATION.encode(), file="eval.txt")
    assert result.data is not None and result.ok
    rows = _rows(result.data)
    got = [
        (r["l2"], r["text"], r.get("explanation"), r.get("value_text"), str(r.get("points")))
        for r in rows
    ]
    assert got == [
        ("数量指标", "新建集中供水站数量", "达到计划数", "12", "15"),
        ("数量指标", "供水入户率", "达到目标值", "98%", "15"),
        ("质量指标", "工程验收合格率", None, "100%", "20"),
        ("时效指标", "工程按期完工率", "达到目标值", "95%以上", "10"),
        ("成本指标", "单位造价控制率", None, "100%", "10"),
        ("满意度指标", "受益群众满意度", "达到目标值", "90%以上", "20"),
        ("可持续影响指标", "运行管护机制健全", None, "稳步提高", "10"),
    ]
    assert {r["l1"] for r in rows} == {"项目年度绩效目标(定量指标)"}
    assert rows[3]["targets"] == [{"comparison": ">=", "value": Decimal("95"), "unit": "%"}]
    assert rows[6]["kind"] == "qualitative"
    assert not [p for p in result.problems if p.code == "PD414"]  # the 总分 settles 12 | 15
    assert result.data["project"]["name"] == "某县农村饮水安全工程项目"
    assert result.data["indicators_points"] == 100  # 总分 | 100: read, not reported PD401
    assert not [p for p in result.problems if p.code == "PD401" and "总分" in p.message.en]


def test_without_the_total_an_ambiguous_run_is_split_and_reported() -> None:
    text = EVALUATION.replace("总分\n100\n", "")
    result = import_bytes(text.encode(), file="eval.txt")
    assert result.data is not None
    first = _rows(result.data)[0]
    assert (first["value_text"], str(first["points"])) == ("12", "15")  # 121 | 5 costs a 分值 < 10?
    doubts = [p for p in result.problems if p.code == "PD414"]
    assert [p for p in doubts if "1215" in p.message.en], [p.message.en for p in doubts]


def test_a_self_evaluation_run_together_on_one_line() -> None:
    result = import_bytes(SELFEVAL.encode(), file="selfeval.txt")
    assert result.data is not None and result.data["kind"] == "selfeval"
    rows = _rows(result.data)
    got = [
        (r["l1"], r["l2"], r["text"], r.get("value_text"), r.get("actual"), r.get("points"))
        for r in rows
    ]
    assert got == [
        ("产出指标", "数量指标(必填)", "培训农民人次", "300", "300", Decimal(20)),
        ("产出指标", "质量指标(必填)", "培训考核合格率", "95%", "95%", Decimal(20)),
        ("产出指标", "成本指标(必填)", "人均培训成本", "50元", "48元", Decimal(10)),
        ("效益指标", "社会效益指标(必填)", "带动农民增收户数", "120", "120", Decimal(50)),
    ]
    assert [r.get("score") for r in rows] == [Decimal(20), Decimal(20), Decimal("9.6"), 50]
    assert rows[2]["deviation"] == "部分学员未全程参训,支出略低"
    assert result.data["project"]["name"] == "某镇高素质农民培训补助资金"


def test_a_glued_header_needs_its_labels_printed_together() -> None:
    assert find_header("一级指标 二级指标 三级指标 指标值 分值") is None  # spaced: cells are read
    assert find_header("资金支出率达到目标值95%10") is None
    header = find_header("绩效指标一级指标二级指标三级指标分值指标值(A)全年实际值(B)得分")
    assert header is not None
    assert header.roles == ["l1", "l2", "l3", "points", "value", "actual", "score"]


def test_a_line_of_text_that_is_no_row_is_reported_not_dropped() -> None:
    text = EVALUATION.replace("供水入户率达到目标值98%15\n", "供水入户率达到目标值98%15\n(续表)\n")
    result = import_bytes(text.encode(), file="eval.txt")
    assert result.data is not None
    names = [r["text"] for r in _rows(result.data)]
    assert "(续表)" in names or any("(续表)" in p.message.en for p in result.problems)


_NAME_CHARS = "农村供水站入户率建设工程维修资金发放培训学员群众家庭补贴覆盖面积道路"


@settings(max_examples=120, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet=_NAME_CHARS, min_size=3, max_size=10),
            st.one_of(
                st.integers(1, 99999).map(str),
                st.integers(1, 100).map(lambda n: f"{n}%"),
                st.integers(1, 100).map(lambda n: f"{n}%以上"),
            ),
            st.integers(1, 40),
        ),
        min_size=1,
        max_size=6,
    ),
    st.booleans(),
)
def test_each_glued_row_is_read_right_or_reported(
    rows: list[tuple[str, str, int]], with_total: bool
) -> None:
    """Whatever the figures, a row's name, 目标值 and 分值 come back as built, or the row's run is
    reported (PD414): never a silent wrong split."""
    header = find_header("评价指标评价内容指标名称指标说明目标值分值备注")
    assert header is not None
    chunks = []
    for n, (name, value, points) in enumerate(rows):
        level = "数量指标" if n == 0 else ""
        chunks += read_chunks(f"{level}{name}{value}{points}", f"line {n}", header)
    assert len(chunks) == len(rows)
    total = Decimal(sum(p for _, _, p in rows)) if with_total else None
    solve(chunks, total)
    for chunk, (name, value, points) in zip(chunks, rows, strict=True):
        reading = chunk.options[0]
        cells = dict(reading.cells)
        right = (reading.name, cells.get("value"), cells.get("points")) == (
            name,
            value,
            str(points),
        )
        assert right or chunk.doubt is not None, (name, value, points, reading)


def test_money_cells_of_a_glued_form_name_their_fund() -> None:
    """``年度资金总额:150万元2023年…`` (the amount, then the project's name repeated) and
    ``其中:财政拨款乡村振兴资金120万元`` (the fund named before its amount)."""
    money = (
        "年度资金总额:150万元2023年某镇道路项目150万元(乡村振兴资金120万元,地方配套资金30万元)"
        "其中:财政拨款乡村振兴资金120万元其他资金地方配套资金30万元年度总体目标完成道路硬化。"
    )
    text = SELFEVAL.replace("绩效指标一级指标", money + "绩效指标一级指标")
    result = import_bytes(text.encode(), file="selfeval.txt")
    assert result.data is not None
    budget = result.data["project"]["budget"]
    assert (budget["total"], budget["unit"]) == (Decimal(150), "万元")
    assert [(s["label"], s["amount"], s.get("parts")) for s in budget["sources"]] == [
        ("其中:财政拨款", Decimal(120), [{"label": "乡村振兴资金", "amount": Decimal(120)}]),
        ("其他资金", Decimal(30), [{"label": "地方配套资金", "amount": Decimal(30)}]),
    ]


def _score(points: int, value: int, actual: int) -> str:
    share = min(Decimal(actual) / Decimal(value), Decimal(1))
    got = (Decimal(points) * share).quantize(Decimal("0.01"))
    return format(got.normalize(), "f")


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet=_NAME_CHARS, min_size=3, max_size=10),
            st.integers(1, 30),
            st.integers(1, 5000),
            st.integers(50, 120),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_a_self_evaluation_on_one_line_is_read_right_or_reported(
    rows: list[tuple[str, int, int, int]],
) -> None:
    """分值 | 指标值 | 实际值 | 得分 run together after each name, the 实际值 near the 指标值 and the
    得分 in proportion: each row comes back as built, or its run is reported."""
    header = find_header("一级指标二级指标三级指标分值指标值(A)全年实际值(B)得分计算方法得分")
    assert header is not None
    rows = [(n, p, v, v * share // 100) for n, p, v, share in rows]  # 实际值 50%-120% of 指标值
    total = sum(p for _, p, _, _ in rows)
    text = f"产出指标({total}分)" + "".join(
        f"数量指标(必填){name}{points}{value}{actual}{_score(points, value, actual)}"
        for name, points, value, actual in rows
    )
    chunks = read_chunks(text, "line 1", header)
    assert len(chunks) == len(rows)
    solve(chunks, None)
    for chunk, (name, points, value, actual) in zip(chunks, rows, strict=True):
        reading = chunk.options[0]
        cells = dict(reading.cells)
        built = {
            "points": str(points),
            "value": str(value),
            "actual": str(actual),
            "score": _score(points, value, actual),
        }
        right = reading.name == name and all(cells.get(k) == v for k, v in built.items())
        assert right or chunk.doubt is not None, (name, built, reading)


def test_rows_of_one_group_run_together_are_cut_after_each_figure_run() -> None:
    """Two rows under one 二级 on one line: cut after the first row's figures; a judgement (and
    reported) when a text column follows the figures, certain when none does."""
    body = "产出指标(40分)数量指标(必填)培训农民人次2030030020发放补贴户数2050050020"
    for header_text, judged in (
        ("一级指标二级指标三级指标分值指标值(A)全年实际值(B)得分未完成原因分析", True),
        ("一级指标二级指标三级指标分值指标值(A)全年实际值(B)得分", False),
    ):
        header = find_header(header_text)
        assert header is not None
        chunks = read_chunks(body, "line 1", header)
        solve(chunks, None)
        got = [(c.options[0].name, dict(c.options[0].cells)) for c in chunks]
        assert got == [
            ("培训农民人次", {"points": "20", "value": "300", "actual": "300", "score": "20"}),
            ("发放补贴户数", {"points": "20", "value": "500", "actual": "500", "score": "20"}),
        ]
        assert chunks[0].l2 == "数量指标(必填)" and chunks[1].l2 is None
        assert all((c.doubt is not None) == judged for c in chunks)
