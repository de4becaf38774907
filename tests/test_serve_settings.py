"""``perfdecl serve`` checks with the configuration ``perfdecl validate`` would use (#21).

Started inside a repository (or with ``--config``), the page's findings are validate's with the
same ``.perfdecl.toml``: codes ignored, severities changed. The page names the file it uses and
shows a broken one's problems with validate's own messages, never crashing or hanging.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from perfdecl.serve.app import create_app
from perfdecl.serve.settings import Settings

from .conftest import EXAMPLE
from .test_hostile import assert_clean_output, invoke

LOCAL = "http://127.0.0.1"
CONFIG = 'ignore = ["PD215"]\n\n[severity]\nPD211 = "error"\n'


def repo(tmp_path: Path, config: str | None = CONFIG) -> Path:
    """A repository with a configuration at its root and the example in ``decl/``."""
    (tmp_path / ".git").mkdir()
    if config is not None:
        (tmp_path / ".perfdecl.toml").write_text(config, encoding="utf-8")
    (tmp_path / "decl").mkdir()
    (tmp_path / "decl" / "a.yaml").write_bytes(EXAMPLE.read_bytes())
    return tmp_path


def validate(folder: Path, *args: str) -> tuple[int, list[dict[str, Any]]]:
    """``perfdecl validate --format json`` run in ``folder``: exit code and every problem, the
    configuration's included (each with the file it is on)."""
    code, out, err = invoke(
        ["validate", "--no-cache", "--format", "json", "--lang", "en", *args], folder
    )
    assert_clean_output(out, err)
    problems = [{**p, "file": f["file"]} for f in json.loads(out)["files"] for p in f["problems"]]
    return code, problems


def page(settings: Settings) -> TestClient:
    return TestClient(create_app(settings=settings), base_url=LOCAL)


def check(client: TestClient, name: str = "a.yaml") -> dict[str, Any]:
    answer = client.post(
        "/api/check", files={"file": (name, EXAMPLE.read_bytes())}, data={"lang": "en"}
    )
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def triples(problems: list[dict[str, Any]]) -> list[tuple[str, str, int | None]]:
    return sorted((p["code"], p["severity"], p["line"]) for p in problems)


def test_the_page_finds_what_validate_finds_with_the_repositorys_configuration(
    tmp_path: Path,
) -> None:
    """A configuration that ignores PD215 (24 findings on the example) and makes PD211 an
    error: the page's findings are validate's, one for one, and differ from the defaults."""
    root = repo(tmp_path)
    code, expected = validate(root, "decl/a.yaml")
    assert code == 1  # PD211 is an error now
    body = check(page(Settings(folder=root)))
    assert triples(body["findings"]) == triples(expected)
    assert "PD215" not in {f["code"] for f in body["findings"]}
    assert {f["severity"] for f in body["findings"] if f["code"] == "PD211"} == {"error"}
    assert body["settings"]["path"].endswith(".perfdecl.toml")
    assert body["settings"]["problems"] == []
    defaults = check(page(Settings()))
    assert "PD215" in {f["code"] for f in defaults["findings"]}
    assert defaults["settings"]["path"] is None


def test_the_file_named_on_the_command_line_is_checked_at_its_own_path(tmp_path: Path) -> None:
    """per_file_ignores match the file's path below the configuration, as in validate."""
    root = repo(tmp_path, '[per_file_ignores]\n"decl/*.yaml" = ["PD2"]\n')
    _code, expected = validate(root, "decl/a.yaml")
    assert expected == []
    at_path = Settings(folder=root, files={"a.yaml": str(root / "decl" / "a.yaml")})
    assert check(page(at_path))["findings"] == []
    assert check(page(Settings(folder=root)))["findings"]  # a.yaml at the root: not matched


def test_fix_opinion_and_downloads_use_the_configuration(tmp_path: Path) -> None:
    root = repo(tmp_path)
    client = page(Settings(folder=root))
    body = check(client)
    again = client.post("/api/recheck", json={"name": "a.yaml", "data": body["data"]}).json()
    assert "PD215" not in {f["code"] for f in again["findings"]}
    assert {f["severity"] for f in again["findings"] if f["code"] == "PD211"} == {"error"}
    html = client.post(
        "/api/download", json={"name": "a.yaml", "yaml": body["yaml"], "format": "html"}
    )
    assert html.status_code == 200
    assert "PD215" not in html.text and "PD211" in html.text


BROKEN = {
    "toml-syntax": "ignore = [\n",
    "unknown-key": 'ignoer = ["PD215"]\n',
    "unknown-code": 'ignore = ["PD299"]\n',
    "bad-severity": '[severity]\nPD211 = "fatal"\n',
    "deep": "a = " + "[" * 5000 + "]" * 5000 + "\n",
    "not-utf8": "ignore = ['PD215'] # \udcff\n",
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_configuration_is_reported_on_the_page_as_validate_reports_it(
    case: str, tmp_path: Path
) -> None:
    """The page answers (no internal error) and shows the configuration's problems with the
    codes and messages validate prints; the declaration is still checked, as validate does."""
    root = repo(tmp_path, None)
    (root / ".perfdecl.toml").write_bytes(BROKEN[case].encode("utf-8", "surrogateescape"))
    code, expected = validate(root, "decl/a.yaml")
    assert code == 2
    on_config = [p for p in expected if p["file"].endswith(".perfdecl.toml")]
    assert on_config
    client = page(Settings(folder=root))
    shown = client.get("/api/settings").json()
    assert shown["broken"] and not shown["fatal"]
    assert sorted((p["code"], p["en"]) for p in shown["problems"]) == sorted(
        (p["code"], p["message"]) for p in on_config
    )
    body = check(client)
    assert body["settings"] == shown
    checked = [p for p in expected if not p["file"].endswith(".perfdecl.toml")]
    assert triples(body["findings"]) == triples(checked)
    assert "PD900" not in {f["code"] for f in body["findings"]}


@pytest.mark.parametrize("target", ["missing", "folder", "device"])
def test_an_unreadable_config_option_leaves_the_defaults_and_says_so(
    target: str, tmp_path: Path
) -> None:
    """``--config`` naming nothing readable: PD001 on the page (validate's message), the
    defaults apply, and the server answers at once (/dev/zero is not read)."""
    config = {"missing": str(tmp_path / "nope.toml"), "folder": str(tmp_path)}.get(
        target, "/dev/zero"
    )
    code, expected = validate(tmp_path, "--config", config, str(EXAMPLE))
    assert code == 2
    client = page(Settings(folder=tmp_path, config=config))
    shown = client.get("/api/settings").json()
    assert shown["fatal"]
    assert [(p["code"], p["en"]) for p in shown["problems"]] == [
        (p["code"], p["message"]) for p in expected
    ]
    body = check(client)
    assert "PD215" in {f["code"] for f in body["findings"]}  # the defaults


def test_the_configuration_is_read_again_for_each_check(tmp_path: Path) -> None:
    root = repo(tmp_path)
    client = page(Settings(folder=root))
    assert "PD215" not in {f["code"] for f in check(client)["findings"]}
    (root / ".perfdecl.toml").write_text('ignore = ["PD211"]\n', encoding="utf-8")
    codes = {f["code"] for f in check(client)["findings"]}
    assert "PD215" in codes and "PD211" not in codes


def test_a_hostile_configuration_name_is_escaped(tmp_path: Path) -> None:
    """A folder name with controls and markup reaches the page through the path sink (no
    control character) and is shown by the script as text, never as markup."""
    odd = tmp_path / "a\x1b[31m<b>x"
    odd.mkdir()
    (odd / "c.toml").write_text(CONFIG, encoding="utf-8")
    client = page(Settings(folder=tmp_path, config=str(odd / "c.toml")))
    shown = client.get("/api/settings").json()["path"]
    assert "\x1b" not in shown and shown.endswith("c.toml")
    script = client.get("/static/app.js").text
    assert "innerHTML" not in script.replace("never innerHTML", "")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ([], "configuration: .perfdecl.toml"),
        (["--config", "nope.toml"], "configuration: nope.toml cannot be read; defaults apply"),
    ],
    ids=["found", "missing"],
)
def test_serve_names_its_configuration_when_it_starts(
    args: list[str], says: str, tmp_path: Path
) -> None:
    """The command prints the configuration it found (stderr) before the address; a --config
    it cannot read does not stop it."""
    import signal
    import subprocess
    import sys

    root = repo(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "perfdecl", "serve", "decl/a.yaml", "--lang", "en", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=root,
        env={**os.environ, "NO_COLOR": "1"},
        # SIGINT as a terminal sends it, even when the suite runs as a background job (which
        # starts with SIGINT ignored, inherited by children: the server would never stop)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("perfdecl serve: http://"), line
    finally:
        proc.send_signal(signal.SIGINT)  # one Ctrl-C stops it, even one that lands in an import
        _out, err = proc.communicate(timeout=60)
    assert says in err
    assert proc.returncode in (130, -signal.SIGINT) and "Traceback" not in err
