"""The HTML form, parsed with the standard library: structure, merged cells, self-containment,
findings laid over the form, and a real browser printing it (headless Chromium)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfdecl.lint import load_declaration
from perfdecl.model import Declaration, Funds, Group, Indicator, Level1
from perfdecl.problem import Message, Problem, Severity
from perfdecl.render import render
from perfdecl.render.svg import funds_chart

from .conftest import EXAMPLE

VOID = {"br", "meta", "col", "img", "input", "hr", "link", "source", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def text(self, *, skip: frozenset[str] = frozenset()) -> str:
        out = []
        for child in self.children:
            if isinstance(child, str):
                out.append(child)
            elif child.tag == "br":
                out.append("\n")
            elif child.tag not in skip:
                out.append(child.text(skip=skip))
        return "".join(out)

    def iter(self) -> list[Node]:
        found = [self]
        for child in self.children:
            if isinstance(child, Node):
                found.extend(child.iter())
        return found

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def find(self, tag: str, cls: str | None = None) -> list[Node]:
        return [n for n in self.iter() if n.tag == tag and (cls is None or cls in n.classes())]


class TreeBuilder(HTMLParser):
    """A tolerant DOM for tests; also proves the page parses without stray end tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.current = self.root
        self.mismatched: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.current.tag != tag:
            self.mismatched.append(f"</{tag}> closes <{self.current.tag}>")
            node: Node | None = self.current
            while node is not None and node.tag != tag:
                node = node.parent
            if node is None:
                return
            self.current = node
        assert self.current.parent is not None
        self.current = self.current.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.mismatched == []
    assert builder.current is builder.root, "unclosed elements"
    return builder.root


def indicator_tbody(root: Node) -> Node:
    (table,) = root.find("table", "indicators")
    (tbody,) = table.find("tbody")
    return tbody


def check_structure(decl: Declaration, html: str) -> Node:
    """The invariants every rendered form keeps, whatever the declaration."""
    root = parse(html)
    assert html.startswith("<!DOCTYPE html>")
    assert not root.find("script")
    for node in root.iter():
        for attr in ("src", "href", "xlink:href", "action", "data"):
            value = node.attrs.get(attr)
            assert value is None or value.startswith("#"), f"external {attr}={value!r}"
        assert not any(a.startswith("on") for a in node.attrs), "event handler attribute"
    ids = [n.attrs["id"] for n in root.iter() if "id" in n.attrs]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for node in root.iter():
        href = node.attrs.get("href", "")
        if node.tag == "a" and href.startswith("#"):
            assert href[1:] in ids, f"dangling anchor {href}"
    for style in root.find("style"):
        assert "url(" not in style.text() and "@import" not in style.text()

    tbody = indicator_tbody(root)
    rows = tbody.find("tr")
    expected_rows = sum(
        max(1, sum(max(1, len(g.items)) for g in l1.groups)) for l1 in decl.indicators
    )
    assert len(rows) == expected_rows
    span = lambda n: int(n.attrs.get("rowspan", "1"))  # noqa: E731
    l1_cells = tbody.find("td", "l1")
    l2_cells = tbody.find("td", "l2")
    assert sum(span(c) for c in l1_cells) == len(rows)
    assert sum(span(c) for c in l2_cells) == len(rows)
    assert [c.text(skip=frozenset({"sup"})) for c in l1_cells] == [
        l1.name for l1 in decl.indicators
    ]
    # Every row has exactly three columns once the merged cells are counted.
    covered = [0, 0, 0]  # rows still covered by a cell from a row above
    for row in rows:
        col = 0
        for c in row.find("td"):
            while col < 3 and covered[col] > 0:
                col += 1
            assert col < 3, "too many cells in a row"
            covered[col] = span(c)
            col += 1
        assert all(c > 0 for c in covered), "a row with a hole"
        covered = [c - 1 for c in covered]
    assert covered == [0, 0, 0], "a rowspan runs past the table"
    # Every indicator exactly once, verbatim (line breaks kept), in table order.
    texts = [
        c.text(skip=frozenset({"sup"}))
        for c in tbody.find("td", "item")
        if "empty" not in c.classes()
    ]
    items = [item.text for l1 in decl.indicators for g in l1.groups for item in g.items]
    assert texts == items
    return root


@pytest.fixture(scope="module")
def example() -> Declaration:
    return load_declaration(EXAMPLE)


def test_example_structure(example: Declaration) -> None:
    html = render(example, "html")
    root = check_structure(example, html)
    assert len(root.find("td", "item")) == 93  # the published table's 93 indicators
    # Header rows in the official order, then the table, then the remarks.
    labels = [
        th.text()
        for th in root.find("th")
        if th.attrs.get("scope") == "row" or th.attrs.get("id") == "at-funds"
    ]
    assert labels[:5] == [
        "部门（单位）名称",
        "部门（单位）负责人",
        "联系电话",
        "部门（单位）\n总体资金情况（万元）",  # two lines in its two-row cell, split at a word
        "部门（单位）职能概述",
    ]  # the funds chart is an appendix after the form (test_render_pdf)
    assert labels[-2:] == ["部门（单位）绩效目标", "其他说明的问题"]
    heads = [th.text() for th in root.find("thead")[0].find("th")]
    assert heads == ["一级指标", "二级指标", "具体指标（指标内容、指标值）"]
    funds = {
        k: root_id(root, f"at-funds-{k}").text() for k in ("total", "basic", "project", "other")
    }
    assert funds == {"total": "18891.87", "basic": "4767.16", "project": "14124.71", "other": "0"}
    assert root_id(root, "at-phone").text() == "83998540"
    # A multi-line indicator keeps its lines.
    cell = root_id(root, "at-item-3-0-5")
    assert cell.text(skip=frozenset({"sup"})).count("\n") == 6
    # The 一级 merged cell of 产出指标一 spans its 7 + 7 + 1 + 1 rows.
    assert root_id(root, "at-l1-0").attrs["rowspan"] == "16"
    assert root_id(root, "at-l2-0-0").attrs["rowspan"] == "7"
    assert "rowspan" not in root_id(root, "at-l2-0-2").attrs


def root_id(root: Node, ident: str) -> Node:
    (node,) = [n for n in root.iter() if n.attrs.get("id") == ident]
    return node


def test_print_styles_and_fonts(example: Declaration) -> None:
    html = render(example, "html")
    (style,) = parse(html).find("style")
    css = style.text()
    assert "@page { size: A4;" in css
    assert '"SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif' in css
    assert "page-break-inside: avoid" in css
    assert "thead { display: table-header-group; }" in css
    assert "border: 0.75pt solid #000" in css


def test_funds_chart_is_inline_svg_with_patterns_and_labels(example: Declaration) -> None:
    root = parse(render(example, "html"))
    (svg,) = root.find("svg")
    assert svg.attrs["role"] == "img"
    segments = svg.find("rect", "seg")
    assert [s.attrs["fill"] for s in segments] == [
        "url(#pd-fill-basic)",
        "url(#pd-fill-project)",
    ]  # 其他 is 0: no segment, but a legend line
    widths = [float(s.attrs["width"]) for s in segments]
    assert sum(widths) == pytest.approx(624, abs=0.02)
    assert widths[0] / sum(widths) == pytest.approx(4767.16 / 18891.87, abs=1e-4)
    legend = svg.text()
    assert "基本支出　4767.16 万元（25.2%）" in legend
    assert "项目支出　14124.71 万元（74.8%）" in legend
    assert "其他　0 万元（0.0%）" in legend
    assert {p.attrs["id"] for p in svg.find("pattern")} == {
        "pd-fill-basic",
        "pd-fill-project",
        "pd-fill-other",
    }


def test_funds_chart_shares_are_decimal_exact() -> None:
    svg = funds_chart(
        Funds(total=Decimal(3), basic=Decimal(1), project=Decimal(1), other=Decimal(1))
    )
    assert svg is not None
    assert svg.count("　1 万元（33.3%）</text>") == 3  # the legend lines
    assert svg.count(">33.3%</text>") == 3  # the shares inside the segments
    assert funds_chart(Funds(basic=Decimal(-1), project=Decimal(2), other=Decimal(0))) is None
    assert funds_chart(Funds(basic=Decimal(0), project=Decimal(0), other=Decimal(0))) is None
    assert funds_chart(Funds(basic=Decimal(1), project=None, other=Decimal(0))) is None


def test_text_is_escaped() -> None:
    decl = Declaration(
        schema_version=1,
        year=2020,
        framework="national_classic",
        kind="department",
        unit='<script>alert("x")</script> & 单位',
        indicators=[
            Level1(
                id="a",
                name="产出指标",
                groups=[
                    Group(
                        name="数量指标", items=[Indicator(id="a1", text="<b>x</b>\n第二行 & 1<2")]
                    )
                ],
            )
        ],
        remarks='<img src="http://example.com/x.png">',
    )
    html = render(decl, "html")
    root = check_structure(decl, html)
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert root_id(root, "at-unit").text() == '<script>alert("x")</script> & 单位'
    assert root_id(root, "at-item-0-0-0").text() == "<b>x</b>\n第二行 & 1<2"
    assert root.find("svg") == []  # no funds: no chart


def problem(
    code: str, pointer: str, severity: Severity = Severity.WARNING, line: int = 1
) -> Problem:
    return Problem(
        code,
        severity,
        Message(f"中文说明 {code}", f"English {code}"),
        "f.yaml",
        line,
        1,
        pointer=pointer,
    )


SYNTHETIC = [
    problem("PD201", "/head", Severity.ERROR, 7),
    problem("PD202", "/funds/total", Severity.ERROR, 10),
    problem("PD203", "/funds", Severity.WARNING, 9),
    problem("PD225", "/goals/strands/2", Severity.WARNING, 30),
    problem("PD215", "/indicators/0/groups/0/items/1/text", Severity.WARNING, 50),
    problem("PD215", "/indicators/0/groups/0/items/1/targets/0/value", Severity.INFO, 51),
    problem("PD207", "/indicators/5/groups/1", Severity.WARNING, 200),
    problem("PD204", "/indicators/2/name", Severity.ERROR, 120),
    problem("PD999", "/year", Severity.INFO, 3),
    problem("PD998", "/indicators/99/groups/0", Severity.INFO, 4),
    problem("PD997", "", Severity.INFO, 0),
]


def test_with_problems_highlights_cells_and_links_both_ways(example: Declaration) -> None:
    html = render(example, "html", problems=SYNTHETIC, lang="en")
    root = check_structure(example, html)
    (section,) = root.find("section", "findings")
    entries = section.find("li")
    assert [li.attrs["id"] for li in entries] == [f"f{n}" for n in range(1, len(SYNTHETIC) + 1)]
    assert section.find("h2")[0].text() == f"Findings ({len(SYNTHETIC)})"
    highlighted = {
        n.attrs.get("id", "at-indicators"): n  # the table's caption; the table has the id
        for n in root.iter()
        if "has-finding" in n.classes()
    }
    assert set(highlighted) == {
        "at-doc",
        "at-head",
        "at-funds",
        "at-funds-total",
        "at-goals-strand-2",
        "at-item-0-0-1",
        "at-l2-5-1",
        "at-l1-2",
        "at-indicators",
    }
    # Highlight class follows the worst severity of the cell's findings.
    assert "sev-error" in highlighted["at-head"].classes()
    assert "sev-warning" in highlighted["at-item-0-0-1"].classes()
    # Each highlighted cell links to each of its findings, and each finding links back.
    for ident, node in highlighted.items():
        refs = [a.attrs["href"][1:] for a in node.find("a", "fref")]
        assert refs, ident
        for ref in refs:
            (li,) = [e for e in entries if e.attrs["id"] == ref]
            (back,) = li.find("a", "back")
            assert back.attrs["href"] == f"#{ident}"
    item_refs = [a.text() for a in highlighted["at-item-0-0-1"].find("a", "fref")]
    assert len(item_refs) == 2
    # Pointers without a cell (/year, "") belong to the whole document; an index past the end
    # of the table to the table.
    doc_refs = {a.attrs["href"] for a in highlighted["at-doc"].find("a", "fref")}
    assert len(doc_refs) == 2
    assert "English PD204" in section.text() and "line 120" in section.text()


def test_with_problems_zh_and_clean(example: Declaration) -> None:
    html = render(example, "html", problems=SYNTHETIC[:1], lang="zh")
    root = parse(html)
    (li,) = root.find("section", "findings")[0].find("li")
    assert "中文说明 PD201" in li.text() and "错误" in li.text() and "第7行" in li.text()
    clean = parse(render(example, "html", problems=[], lang="zh"))
    assert clean.find("section", "findings") == []
    assert "未发现问题" in root_id(clean, "at-doc").text()


def test_with_problems_indicator_table_caption(example: Declaration) -> None:
    root = parse(render(example, "html", problems=[problem("PD209", "/indicators")]))
    (caption,) = root.find("caption")
    assert "has-finding" in caption.classes()
    assert caption.find("a", "fref")[0].attrs["href"] == "#f1"


# --- any declaration ---------------------------------------------------------------------

_words = st.text(
    alphabet=st.sampled_from(list("指标完成率不低于100%张人次<>&|\"'*_#\n ")),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() != "")

_items = st.lists(_words, min_size=0, max_size=4)
_groups = st.lists(st.tuples(_words, _items), min_size=0, max_size=3)
_level1 = st.lists(st.tuples(_words, _groups), min_size=0, max_size=3)


def build_decl(tree: list[tuple[str, list[tuple[str, list[str]]]]]) -> Declaration:
    return Declaration(
        schema_version=1,
        year=2021,
        framework="central_2021",
        kind="department",
        indicators=[
            Level1(
                id=f"l{i}",
                name=name,
                groups=[
                    Group(
                        name=gname,
                        items=[Indicator(id=f"l{i}.{j}.{k}", text=t) for k, t in enumerate(items)],
                    )
                    for j, (gname, items) in enumerate(groups)
                ],
            )
            for i, (name, groups) in enumerate(tree)
        ],
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_level1)
def test_any_table_keeps_its_structure(tree: list[tuple[str, list[tuple[str, list[str]]]]]) -> None:
    decl = build_decl(tree)
    check_structure(decl, render(decl, "html"))


# --- a real browser ----------------------------------------------------------------------

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)
CHROME_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium(tmp_path: Path, html_file: Path, *extra: str) -> subprocess.CompletedProcess[bytes]:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [
            CHROMIUM or "chromium",
            *CHROME_FLAGS,
            f"--user-data-dir={profile}",
            *extra,
            html_file.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium binary on PATH (Debian: apt-get install chromium)"
)
def test_chromium_prints_pdf_and_png(tmp_path: Path, example: Declaration) -> None:
    html_file = tmp_path / "form.html"
    html_file.write_text(render(example, "html", problems=SYNTHETIC), encoding="utf-8")
    pdf = tmp_path / "form.pdf"
    png = tmp_path / "form.png"
    done = _chromium(tmp_path, html_file, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.count(b"/Type /Page") - data.count(b"/Type /Pages") >= 3 or len(data) > 20_000
    done = _chromium(tmp_path, html_file, f"--screenshot={png}", "--window-size=1240,1754")
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    image = png.read_bytes()
    assert image.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(image[16:20], "big")
    height = int.from_bytes(image[20:24], "big")
    assert (width, height) == (1240, 1754)
    assert len(image) > 20_000  # a drawn form, not a blank page
