"""The HTML form through its templates: golden pages, and hostile text escaped in every field.

The goldens were written by the f-string renderer before the move to Jinja2 templates; any
change to them is named in the commit that makes it.
"""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from html import escape
from pathlib import Path

import pytest

from perfdecl.lint import load_declaration
from perfdecl.model import Declaration
from perfdecl.problem import Message, Problem, Severity
from perfdecl.render import render

from .conftest import EXAMPLE, ROOT, golden_checker
from .test_render_html import SYNTHETIC, Node, check_structure, parse

golden = golden_checker(ROOT / "tests" / "golden" / "render" / "html")


@pytest.fixture(scope="module")
def example() -> Declaration:
    return load_declaration(EXAMPLE)


def project_form(text: str = "") -> Declaration:
    """A project form with every field filled (``text`` prefixed to each text field)."""
    return Declaration.model_validate(
        {
            "schema_version": 1,
            "year": 2022,
            "framework": "central_2021",
            "kind": "project",
            "unit": f"{text}某某局",
            "head": f"{text}王五",
            "phone": f"{text}13800000000",
            "funds": {"total": "10", "basic": "2", "project": "8", "other": "0"},
            "project": {
                "name": f"{text}社区图书馆运营",
                "amount": Decimal("120.50"),
                "period": {"start": "2022-01-01", "end": "2022-12-31"},
            },
            "functions": f"{text}概况第一行\n{text}第二行",
            "goals": {
                "lead": f"{text}总体目标",
                "strands": [{"id": "g1", "text": f"{text}目标一"}],
            },
            "indicators": [
                {
                    "id": "out",
                    "name": f"{text}产出指标",
                    "groups": [
                        {
                            "name": f"{text}数量指标",
                            "items": [{"id": "o1", "text": f"{text}开放天数≥300天"}],
                        },
                        {"name": f"{text}质量指标", "items": []},
                    ],
                },
                {"id": "eff", "name": f"{text}效益指标", "groups": []},
            ],
            "remarks": f"{text}无",
        }
    )


def test_golden_example(example: Declaration) -> None:
    golden("niujie_2019.html", render(example, "html"))


def test_golden_example_with_problems(example: Declaration) -> None:
    golden("niujie_2019.problems.en.html", render(example, "html", problems=SYNTHETIC, lang="en"))
    golden("niujie_2019.problems.zh.html", render(example, "html", problems=SYNTHETIC, lang="zh"))
    golden("niujie_2019.clean.en.html", render(example, "html", problems=[], lang="en"))


def test_golden_project_form() -> None:
    decl = project_form()
    golden("project.html", render(decl, "html"))
    check_structure(decl, render(decl, "html"))


HOSTILE = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}{% if 1 %}x{% endif %}{# c #}",
    "' onmouseover='alert(1)",
    "&amp;&lt;",
    "</td></tr></table><b>",
)


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hostile_text_reaches_the_page_escaped(value: str, lang: str) -> None:
    """Every text field of the form, and every field of a finding, holds ``value``: the page
    shows it verbatim as text, and no element or attribute comes from it."""
    decl = project_form(value)
    problems = [
        Problem(
            value[:5] + "PD201",
            Severity.ERROR,
            Message(f"{value}说明", f"{value} about"),
            "f.yaml",
            3,
            1,
            pointer=pointer,
        )
        for pointer in ("/head", "/indicators/0/groups/0/items/0/text", "/year", "/indicators")
    ]
    html = render(decl, "html", problems=problems, lang=lang)  # type: ignore[arg-type]
    root = check_structure(decl, html)
    texts = {
        ident: root_text(root, ident)
        for ident in (
            "at-unit",
            "at-head",
            "at-phone",
            "at-project-name",
            "at-functions",
            "at-goals-lead",
            "at-goals-strand-0",
            "at-l1-0",
            "at-l2-0-0",
            "at-l2-0-1",
            "at-item-0-0-0",
            "at-l1-1",
            "at-remarks",
        )
    }
    assert texts["at-unit"] == f"{value}某某局"
    assert texts["at-head"].startswith(f"{value}王五")
    assert texts["at-phone"] == f"{value}13800000000"
    assert texts["at-project-name"] == f"{value}社区图书馆运营"
    assert texts["at-functions"] == f"{value}概况第一行\n{value}第二行"
    assert texts["at-goals-lead"] == f"{value}总体目标"
    assert texts["at-goals-strand-0"] == f"{value}目标一"
    assert texts["at-l1-0"] == f"{value}产出指标"
    assert texts["at-l2-0-0"] == f"{value}数量指标"
    assert texts["at-l2-0-1"] == f"{value}质量指标"
    assert texts["at-item-0-0-0"].startswith(f"{value}开放天数≥300天")
    assert texts["at-l1-1"] == f"{value}效益指标"
    assert texts["at-remarks"] == f"{value}无"
    (title,) = root.find("head")[0].find("title")
    assert title.text() == f"{value}某某局 2022年度项目支出绩效目标申报表"
    (section,) = root.find("section", "findings")
    entries = section.find("li")
    assert len(entries) == len(problems)
    for li in entries:
        assert li.find("span", "code")[0].text() == value[:5] + "PD201"
        message = li.find("span", "msg")[0].text()
        assert message == (f"{value}说明" if lang == "zh" else f"{value} about")
    # Nothing the value holds became markup: the only elements and attributes are the form's.
    tags = {n.tag for n in root.iter()}
    assert tags <= {
        "#root", "html", "head", "meta", "title", "style", "body", "main", "h1", "p", "table",
        "colgroup", "col", "tbody", "thead", "tr", "th", "td", "span", "br", "sup", "a",
        "section", "h2", "ol", "li", "caption", "svg", "defs", "pattern", "rect", "circle",
        "text",
    }  # fmt: skip
    assert "script" not in tags and "img" not in tags and "b" not in tags
    for node in root.iter():
        assert not any(name.startswith("on") for name in node.attrs), node.attrs
    if escape(value) != value:  # the raw markup never reaches the page
        assert value not in html


def root_by_id(root: Node, ident: str) -> Node:
    (node,) = [n for n in root.iter() if n.attrs.get("id") == ident]
    return node


def root_text(root: Node, ident: str) -> str:
    return root_by_id(root, ident).text(skip=frozenset({"sup"}))


def test_findings_list_escapes_codes_in_attributes(example: Declaration) -> None:
    code = '"><script>x</script>'
    p = Problem(code, Severity.ERROR, Message("说明", "about"), "f.yaml", 1, 1, pointer="/head")
    html = render(example, "html", problems=[p], lang="en")
    root = parse(html)
    (a,) = root_by_id(root, "at-head").find("a", "fref")
    assert a.attrs["title"] == code
    assert "<script>" not in html


# --- the templates -----------------------------------------------------------------------

TEMPLATES = ROOT / "src" / "perfdecl" / "render" / "templates"


def test_templates_ship_as_package_data() -> None:
    import tomllib
    from importlib.resources import files

    shipped = files("perfdecl.render") / "templates"
    names = {p.name for p in TEMPLATES.iterdir()}
    assert {"form.html.j2", "form-macros.html.j2", "form.css", "funds-chart.svg.j2"} <= names
    for name in names:
        assert (shipped / name).read_text(encoding="utf-8")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "render/templates/*" in config["tool"]["setuptools"]["package-data"]["perfdecl"]
    assert any(d.startswith("jinja2") for d in config["project"]["dependencies"])


def test_autoescape_is_on_for_every_template_and_nothing_is_marked_safe() -> None:
    from perfdecl.render.jinja import environment

    env = environment()
    for name in env.list_templates():
        assert env.autoescape is True or env.autoescape(name), name
        source = (TEMPLATES / name).read_text(encoding="utf-8")
        assert "|safe" not in source.replace(" ", "") and "autoescape false" not in source, name
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"


def test_no_markup_built_in_python() -> None:
    """The HTML renderer's modules hold no markup: every tag comes from a template."""
    import re

    for module in ("html.py", "svg.py", "jinja.py"):
        source = (ROOT / "src" / "perfdecl" / "render" / module).read_text(encoding="utf-8")
        code = re.sub(r'"""(.|\n)*?"""', "", source)  # docstrings may name tags
        assert not re.search(r"""["']<[a-zA-Z/!]""", code), module
        assert "escape(" not in code, module


def test_render_package_imports_jinja2_only_when_html_is_rendered() -> None:
    code = (
        "import sys\n"
        "from perfdecl.render import render\n"
        "from perfdecl.lint import load_declaration\n"
        f"decl = load_declaration({str(EXAMPLE)!r})\n"
        "render(decl, 'markdown'); render(decl, 'text')\n"
        "assert 'jinja2' not in sys.modules, 'jinja2 imported early'\n"
        "render(decl, 'html')\n"
        "assert 'jinja2' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode(errors="replace")


def test_a_province_adapts_a_copied_template(tmp_path: Path, example: Declaration) -> None:
    """A folder of adapted copies wins over the packaged templates; the rest still apply."""
    from perfdecl.render.html import HtmlRenderer

    css = (TEMPLATES / "form.css").read_text(encoding="utf-8")
    (tmp_path / "form.css").write_text(css.replace("font-size: 10.5pt", "font-size: 12pt"))
    page = (TEMPLATES / "form.html.j2").read_text(encoding="utf-8")
    adapted = page.replace(
        "<h1>{{ form.heading }}</h1>", "<h1>{{ decl.unit }}：{{ form.heading }}</h1>"
    )
    assert adapted != page
    (tmp_path / "form.html.j2").write_text(adapted, encoding="utf-8")
    decl = example.model_copy(update={"unit": "<i>某</i>街道"})
    html = HtmlRenderer(template_dir=tmp_path).render(decl)
    root = check_structure(decl, html)
    assert root.find("h1")[0].text() == "<i>某</i>街道：部门（单位）整体绩效目标申报表"
    assert "font-size: 12pt" in html and "font-size: 10.5pt" not in html
    assert "<i>" not in html  # still escaped: the copy inherits autoescape
    assert render(decl, "html").count("font-size: 10.5pt") == 1  # the packaged one untouched
