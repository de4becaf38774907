"""Money cells as printed: parts in brackets, a cell printed twice, a name that starts with a money
word (issue 15)."""

from __future__ import annotations

from decimal import Decimal

from perfdecl.convert.fields import amount_of, breakdown
from perfdecl.convert.importer import import_bytes

from . import import_builders as build_file
from .test_import_layouts import CLASSIC, TITLE


def test_parts_printed_in_brackets_are_read() -> None:
    assert breakdown("854万(高标准农田建设400万元,示范建设295万元,畅通工程159万元)") == (
        ("高标准农田建设", "400"),
        ("示范建设", "295"),
        ("畅通工程", "159"),
    )
    assert breakdown("38.75万元(少数民族发展资金37万元，中央衔接资金1.75万元)") == (
        ("少数民族发展资金", "37"),
        ("中央衔接资金", "1.75"),
    )
    assert breakdown("120万元(含税)") == ()  # a note, not parts
    assert breakdown("120万元(设备50万元,其他)") == ()  # every piece must be a label and amount


def test_a_cell_printed_twice_keeps_its_amount_but_figures_run_together_do_not() -> None:
    assert amount_of("854万854万(高标准农田建设400万元)") == ("854", "万元")
    assert amount_of("100 250") is None  # two different figures: not one amount


def _form(total_cell: str, fiscal_cell: str) -> bytes:
    rows = [list(r) for r in CLASSIC]
    rows[2] = ["项目资金(万元)", "年度资金总额:", total_cell, ""]
    rows[3] = [None, "其中:财政拨款", fiscal_cell, ""]
    rows[4] = [None, "其他资金", "", ""]
    rows[11] = [None, "成本指标", "财政资金补助", "1600元/亩"]
    return build_file.text(rows, TITLE)


def test_the_parts_go_to_the_source_that_prints_them() -> None:
    cell = "120.5万(路面养护100.5万元,桥梁检查20万元)"
    result = import_bytes(_form(cell, "120.5万120.5万(路面养护100.5万元,桥梁检查20万元)"))
    assert result.data is not None
    budget = result.data["project"]["budget"]
    assert budget["total"] == Decimal("120.5") and budget["text"] == cell
    assert budget["sources"] == [
        {
            "label": "其中:财政拨款",
            "amount": Decimal("120.5"),
            "parts": [
                {"label": "路面养护", "amount": Decimal("100.5")},
                {"label": "桥梁检查", "amount": Decimal("20")},
            ],
        }
    ]


def test_the_parts_of_a_lone_total_are_its_sources() -> None:
    result = import_bytes(_form("120.5万(路面养护100.5万元,桥梁检查20万元)", ""))
    assert result.data is not None
    sources = result.data["project"]["budget"]["sources"]
    assert [(s["label"], s["amount"]) for s in sources] == [
        ("路面养护", Decimal("100.5")),
        ("桥梁检查", Decimal("20")),
    ]


def test_an_indicator_named_after_a_money_word_stays_whole() -> None:
    result = import_bytes(_form("120.5", "120.5"))
    assert result.data is not None
    cost = [
        i
        for l1 in result.data["indicators"]
        for g in l1.get("groups", [])
        for i in g["items"]
        if g["name"] == "成本指标"
    ]
    assert [(i["text"], i.get("value_text")) for i in cost] == [("财政资金补助", "1600元/亩")]
