"""``perfdecl serve`` in a real browser: Debian's headless Chromium driven by Playwright.

One server (uvicorn on a free port, in a thread) and one browser for the module. The scenario
is the issue's: upload the example, see its findings count and a highlighted cell, jump from a
finding to its cell and back, edit a funds figure so the sum breaks and see the error appear,
download the YAML and check that ``perfdecl validate`` says the same, compare with the 2020
draft and see the weaker target in red, draft the opinion. Playwright never downloads a
browser: the test uses /usr/bin/chromium (``.ci/run`` installs it) and skips, saying why,
where it is missing.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import EXAMPLE

DRAFT_2020 = EXAMPLE.parent / "niujie_2020_draft.yaml"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium executable (Debian: apt-get install chromium)"
)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    from perfdecl.serve.app import create_app

    with serving(create_app()) as url:
        yield url


@contextlib.contextmanager
def serving(app: Any) -> Iterator[str]:
    """``app`` served by uvicorn on a free port in a thread, for as long as the block runs."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    config = uvicorn.Config(app, log_level="warning", access_log=False)
    runner = uvicorn.Server(config)
    thread = threading.Thread(target=runner.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(600):  # wait for start-up (not a timing assertion)
        if runner.started:
            break
        time.sleep(0.05)
    assert runner.started
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/"
    runner.should_exit = True
    thread.join(timeout=30)
    sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    profile = tempfile.mkdtemp(prefix="perfdecl-chromium-")
    with playwright_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=FLAGS,
            viewport={"width": 1400, "height": 900},
            accept_downloads=True,
            locale="zh-CN",
        )
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    refused = "the server responded with a status of 422"  # a refusal the page explains

    def console(message: Any) -> None:
        if message.type == "error" and refused not in message.text:
            errors.append(message.text)

    tab.on("console", console)
    tab.goto(server)
    tab.wait_for_selector("body[data-ready='1']")
    yield tab
    tab.close()
    assert errors == [], errors  # no script error, no refused resource


def validate_json(path: Path) -> list[tuple[str, str]]:
    proc = subprocess.run(
        [sys.executable, "-m", "perfdecl", "validate", "--no-cache", "-f", "json", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(proc.stdout)
    return [(p["code"], p["pointer"]) for p in report["files"][0]["problems"]]


def listed(page: Any, selector: str) -> list[tuple[str, str]]:
    """(code, pointer) of the findings a list shows, in order."""
    return [
        (item.locator(".code").inner_text().split()[1], item.get_attribute("data-pointer"))
        for item in page.locator(selector).all()
    ]


def test_the_issues_scenario(page: Any, tmp_path: Path) -> None:
    # Check: upload the example; its findings count and highlighted cells
    page.set_input_files("#file", str(EXAMPLE))
    page.wait_for_selector("#findings-check li")
    assert page.locator("#findings-check li").count() == 46
    assert page.locator("#summary").inner_text().startswith("共 46 条")
    assert page.locator("[data-count='warning']").first.inner_text() == "45"
    highlighted = page.locator("#form-check td.has-finding")
    assert highlighted.count() > 10
    assert page.locator("#form-check #at-item-1-0-2.has-finding").count() == 1

    # click a finding: its cell is marked and focused; its marker leads back to the finding
    finding = page.locator("#findings-check li[data-pointer^='/indicators/1/groups/0/items/2']")
    finding.first.locator("button").click()
    cell = page.locator("#form-check #at-item-1-0-2")
    assert "pd-here" in (cell.get_attribute("class") or "")
    assert (
        page.evaluate("document.querySelector('#form-check').shadowRoot.activeElement.id")
        == "at-item-1-0-2"
    )
    number = finding.first.get_attribute("data-number")
    cell.locator(f"a.fref[href='#f{number}']").click()
    assert page.evaluate("document.activeElement.closest('li').dataset.number") == number

    # filter by severity
    page.locator(".sev-filter[value='warning']").uncheck()
    assert page.locator("#findings-check li:visible").count() == 1  # the one note (PD228)
    page.locator(".sev-filter[value='warning']").check()
    assert page.locator("#findings-check li:visible").count() == 46

    # Fix: break the sum of the funds; the error appears beside the field and in the list
    page.locator("nav a[data-page='fix']").click()
    total = page.locator("#fix-form input[data-pointer='/funds/total']")
    assert total.input_value() == "18891.87"
    total.fill("18991.87")
    error = page.locator("#findings-fix li.sev-error")
    error.first.wait_for()
    assert error.count() == 1
    assert "PD202" in error.inner_text() and "相差 100 万元" in error.inner_text()
    assert total.get_attribute("aria-invalid") == "true"
    assert "PD202" in page.locator(f"#{total.get_attribute('aria-describedby')}").inner_text()
    shown = listed(page, "#findings-fix li")

    # download the YAML: perfdecl validate says the same as the page
    with page.expect_download() as download:
        page.locator("#page-fix [data-format='yaml']").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "niujie_2019.yaml"
    assert "  total: 18991.87\n" in saved.read_text(encoding="utf-8")
    # only the edited value was replaced: the rest is the uploaded file, byte for byte
    original = EXAMPLE.read_text(encoding="utf-8")
    assert saved.read_text(encoding="utf-8") == original.replace(
        "  total: 18891.87\n", "  total: 18991.87\n", 1
    )
    assert page.locator("#fix-layout").get_attribute("data-layout") == "kept"
    assert "注释" in page.locator("#fix-layout").inner_text()
    assert validate_json(saved) == shown

    # Compare with the 2020 draft: the weaker target in red
    page.locator("nav a[data-page='compare']").click()
    page.set_input_files("#old-file", str(DRAFT_2020))
    page.locator("#changes li").first.wait_for()
    weaker = page.locator("#changes li.dir-weaker", has_text="eff.sat.4").first
    assert "85%" in weaker.inner_text() and "减弱" in weaker.inner_text()
    color = weaker.evaluate("e => getComputedStyle(e).color")
    assert color == "rgb(164, 0, 29)"
    assert "减弱 2 处" in page.locator("#compare-summary").inner_text()
    page.locator("#weaker-only").check()
    assert {li.get_attribute("data-direction") for li in page.locator("#changes li").all()} == {
        "weaker"
    }
    weaker.locator("button").click()
    assert page.locator("#form-compare .pd-here").count() == 1

    # Opinion: the broken sum returns the form
    page.locator("nav a[data-page='opinion']").click()
    page.locator("#opinion-text", has_text="审核意见").wait_for()  # (no eval: the CSP forbids it)
    text = page.locator("#opinion-text").inner_text()
    assert "财政部门审核意见" in text and "退回" in text and "相差 100 万元" in text
    with page.expect_download() as docx:
        page.locator("#opinion-docx").click()
    assert docx.value.suggested_filename.endswith(".docx")


def test_keyboard_and_language(page: Any) -> None:
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.set_input_files("#file", str(EXAMPLE))
    page.locator("#findings-check li").first.wait_for()
    # a finding is a button: Enter jumps to its cell
    page.locator("#findings-check li button").nth(2).focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "form-check"  # focus is in the form
    page.select_option("#lang", "en")
    page.locator("#summary", has_text="46 findings").wait_for()
    assert page.locator("nav a[data-page='fix']").inner_text() == "Fix"
    # the form comes back from the server in the new language
    page.locator("#form-check .notice", has_text="finding(s) are marked").wait_for()


def test_a_hostile_upload_is_explained(page: Any, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(
        'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10)),
        encoding="utf-8",
    )
    page.set_input_files("#file", str(bomb))
    page.locator("#findings-check li").first.wait_for()
    assert "PD008" in page.locator("#findings-check").inner_text()
    assert "不是有效的申报表" in page.locator("#summary").inner_text()
    assert page.locator("#form-check").is_hidden()
    broken = tmp_path / "notes.txt"
    broken.write_text("会议纪要\n今天天气很好。\n", encoding="utf-8")
    page.set_input_files("#file", str(broken))
    page.locator("#alert").wait_for()
    assert "未能识别" in page.locator("#alert").inner_text()
    assert "PD405" in page.locator("#alert").inner_text()


def test_the_fix_form_follows_the_schema(page: Any) -> None:
    """Fields come from the JSON Schema: labels from its titles, absent optional fields offered,
    list items added and removed, every change checked again."""
    page.set_input_files("#file", str(EXAMPLE))
    page.locator("#findings-check li").first.wait_for()
    page.locator("nav a[data-page='fix']").click()
    assert page.locator("label", has_text="资金总额").count() == 1  # the title 资金总额 / Total
    funds = page.locator("#fix-form fieldset[data-pointer='/funds']")
    offered = funds.locator(".tools select option").all_inner_texts()
    assert "收入构成" in offered and "支出构成" in offered  # Funds.income / expenditure
    strands = page.locator("#fix-form fieldset[data-pointer='/goals/strands']")
    assert "（5）" in strands.locator("legend").first.inner_text()
    before = page.locator("#findings-fix li").count()
    strands.locator(":scope > .item").last.locator(":scope > .tools button").click()
    assert "（4）" in strands.locator("legend").first.inner_text()
    # the strand g5 is gone: the rows that named it now point at nothing
    page.locator("#findings-fix li", has_text="g5").first.wait_for()
    assert page.locator("#findings-fix li").count() > before
    assert page.locator("#fix-layout").get_attribute("data-layout") == "structure"
    strands.locator(":scope > .tools button").click()  # add a strand back
    assert "（5）" in strands.locator("legend").first.inner_text()
    assert page.locator("#fix-form [data-pointer='/goals/strands/4/text']").count() == 1


def test_the_page_names_its_configuration_and_its_problems(browser: Any, tmp_path: Path) -> None:
    """Started in a repository whose configuration ignores PD215 and names a code that does not
    exist: the page names the file (a folder name with markup shown as text), lists PD022 with
    validate's message, and checks without the 24 PD215 findings."""
    from perfdecl.serve.app import create_app
    from perfdecl.serve.settings import Settings

    root = tmp_path / "科室<b>x"
    root.mkdir()
    (root / ".git").mkdir()
    (root / ".perfdecl.toml").write_text('ignore = ["PD215", "PD299"]\n', encoding="utf-8")
    with serving(create_app(settings=Settings(folder=root))) as url:
        tab = browser.new_page()
        tab.goto(url)
        tab.wait_for_selector("body[data-ready='1']")
        box = tab.locator("#settings")
        assert "科室<b>x/.perfdecl.toml" in box.locator("#settings-path").inner_text()
        assert box.locator("b").count() == 0  # shown as text, never as markup
        assert "PD022" in box.inner_text() and "PD299" in box.inner_text()
        assert "broken" in (box.get_attribute("class") or "").split()
        tab.set_input_files("#file", str(EXAMPLE))
        tab.wait_for_selector("#findings-check li")
        assert tab.locator("#findings-check li").count() == 46 - 24  # 45 warnings, 1 note
        assert "PD215" not in tab.locator("#findings-check").inner_text()
        tab.select_option("#lang", "en")
        box.get_by_text("valid part still applies").wait_for()
        tab.close()
