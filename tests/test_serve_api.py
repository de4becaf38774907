"""``perfdecl serve``'s JSON API through FastAPI's TestClient: every endpoint, the local-only
guard, size limits, and the hostile catalogues (validate's and import's) through the upload.

What the page shows must be what the command line says: the findings of an upload are those of
``perfdecl validate`` on the same bytes, the YAML the Fix page downloads validates the same
through the CLI, and the opinion is ``perfdecl review``'s.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from perfdecl.cli.app import build_app
from perfdecl.lint import check_bytes, check_path
from perfdecl.model import json_schema
from perfdecl.render.pdf import find_chromium
from perfdecl.serve import work
from perfdecl.serve.app import create_app

from . import import_builders
from .conftest import EXAMPLE
from .test_hostile import CASES as HOSTILE
from .test_hostile_import import IMPORT_CASES, published

DRAFT_2020 = EXAMPLE.parent / "niujie_2020_draft.yaml"
LOCAL = "http://127.0.0.1"
CODE = re.compile(r"\bPD\d{3}\b")


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), base_url=LOCAL)


def upload(client: TestClient, name: str, data: bytes, **fields: str) -> Any:
    return client.post("/api/check", files={"file": (name, data)}, data=fields)


def cli_codes(path: Path) -> list[tuple[str, str]]:
    """(code, pointer) of every finding ``perfdecl validate --format json`` reports."""
    result = CliRunner().invoke(
        build_app("validate"), ["validate", "--no-cache", "--format", "json", str(path)]
    )
    report = json.loads(result.stdout)
    return [(p["code"], p["pointer"]) for p in report["files"][0]["problems"]]


def codes_in(body: dict[str, Any]) -> set[str]:
    found = set()
    for key in ("findings", "notes", "problems"):
        found |= {p["code"] for p in body.get(key, [])}
    return found


class Controls(HTMLParser):
    """Form controls and whether each has a label (wrapping it, or naming its id)."""

    def __init__(self) -> None:
        super().__init__()
        self.open_labels = 0
        self.targets: set[str] = set()
        self.controls: list[tuple[str, str | None, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "label":
            self.open_labels += 1
            if found.get("for"):
                self.targets.add(str(found["for"]))
        elif tag in ("input", "select", "textarea", "button"):
            self.controls.append((tag, found.get("id"), self.open_labels > 0))

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.open_labels -= 1


def unlabelled(page: str) -> list[str]:
    parser = Controls()
    parser.feed(page)
    return [
        f"{tag}#{ident}"
        for tag, ident, wrapped in parser.controls
        if tag != "button" and not wrapped and ident not in parser.targets
    ]


# --- the page and its assets -------------------------------------------------------------------


def test_the_test_client_runs_without_deprecation_warnings() -> None:
    """Starlette's test client runs on the client it supports (httpx2, a test dependency): with
    only httpx installed, importing it warns that httpx is deprecated there."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", "import fastapi.testclient"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]


def test_page_and_assets_are_local_and_guarded(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert 'src="/static/app.js"' in page.text and 'href="/static/app.css"' in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["cache-control"] == "no-store"
    for asset in ("/static/app.js", "/static/app.css"):
        answer = client.get(asset)
        assert answer.status_code == 200 and answer.text
        # no CDN, no font service, no analytics: nothing outside the server is named
        assert not re.search(r"https?://", answer.text), asset
    assert not re.search(r"(src|href)=\"https?://", page.text)
    assert unlabelled(page.text) == []
    # no interactive API documentation (it loads its scripts from a CDN)
    assert client.get("/docs").status_code == 404
    assert client.get("/openapi.json").status_code == 404


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "LOCALHOST:1", "[::1]:8080"])
def test_local_hosts_are_served(host: str, client: TestClient) -> None:
    assert client.get("/api/formats", headers={"host": host}).status_code == 200


@pytest.mark.parametrize(
    "host", ["evil.example", "127.0.0.1.evil.example", "192.168.1.5:8000", "", "localhost.evil"]
)
def test_other_hosts_are_refused(host: str, client: TestClient) -> None:
    """DNS rebinding: a page elsewhere that resolves its own name to 127.0.0.1 gets nothing."""
    answer = client.get("/", headers={"host": host})
    assert answer.status_code == 400
    assert "local" in answer.json()["error"]["en"] and "本机" in answer.json()["error"]["zh"]
    assert "perfdecl" not in answer.text.lower() or "error" in answer.json()


def test_a_non_local_server_answers_any_host() -> None:
    """``--host 0.0.0.0`` (with its warning): the Host header is no longer restricted."""
    remote = TestClient(create_app(local_only=False), base_url="http://decl.intranet.example")
    assert remote.get("/api/formats").status_code == 200


def test_posts_from_other_origins_are_refused(client: TestClient) -> None:
    raw = EXAMPLE.read_bytes()
    other = client.post(
        "/api/check", files={"file": ("a.yaml", raw)}, headers={"origin": "http://evil.example"}
    )
    assert other.status_code == 403
    for origin in ("null", "http://127.0.0.1:9", "http://localhost"):  # a frame, another port
        answer = client.post(
            "/api/check", files={"file": ("a.yaml", raw)}, headers={"origin": origin}
        )
        assert answer.status_code == 403, origin
        assert answer.json()["error"]["en"] == "requests from other sites are refused."
    same = client.post(
        "/api/check", files={"file": ("a.yaml", raw)}, headers={"origin": "http://127.0.0.1"}
    )
    assert same.status_code == 200


def test_uploads_over_the_limit_are_refused_unread(client: TestClient) -> None:
    small = TestClient(create_app(upload_limit=1024), base_url=LOCAL)
    answer = upload(small, "big.yaml", b"remarks: " + b"x" * 200_000)
    assert answer.status_code == 413
    assert "MiB" in answer.json()["error"]["en"] and "文件太大" in answer.json()["error"]["zh"]
    # within the framing allowance but over the limit itself: refused after reading
    answer = upload(small, "big.yaml", b"x" * 2048)
    assert answer.status_code == 413


def test_a_post_without_length_is_refused(client: TestClient) -> None:
    def chunks() -> Any:
        yield b'{"yaml": "a: 1"}'

    answer = client.post(
        "/api/download", content=chunks(), headers={"content-type": "application/json"}
    )
    assert answer.status_code == 411


# --- schema, formats, initial ------------------------------------------------------------------


def test_schema_is_the_models_schema(client: TestClient) -> None:
    from perfdecl.model.selfeval import json_schema as selfeval_schema

    assert client.get("/api/schema").json() == json_schema()
    assert client.get("/api/schema?kind=declaration").json() == json_schema()
    assert client.get("/api/schema?kind=selfeval").json() == selfeval_schema()


def test_formats_follow_the_machine(client: TestClient) -> None:
    answer = client.get("/api/formats").json()
    assert answer["formats"][:4] == ["yaml", "html", "docx", "xlsx"]
    assert ("pdf" in answer["formats"]) == (find_chromium() is not None)
    assert answer["limit"] == work.UPLOAD_LIMIT


def test_initial_file(client: TestClient) -> None:
    assert client.get("/api/initial").status_code == 204
    first = TestClient(
        create_app(initial=work.Upload("niujie_2019.yaml", EXAMPLE.read_bytes())), base_url=LOCAL
    )
    body = first.get("/api/initial").json()
    assert body["name"] == "niujie_2019.yaml"
    assert [(f["code"], f["pointer"]) for f in body["findings"]] == cli_codes(EXAMPLE)
    assert 'data-initial="1"' in first.get("/").text


# --- check -------------------------------------------------------------------------------------


def test_check_the_example_as_the_cli_does(client: TestClient) -> None:
    body = upload(client, "niujie_2019.yaml", EXAMPLE.read_bytes()).json()
    assert body["origin"] == "yaml" and body["valid"] is True
    assert body["yaml"] == EXAMPLE.read_text(encoding="utf-8")
    assert [(f["code"], f["pointer"]) for f in body["findings"]] == cli_codes(EXAMPLE)
    assert body["counts"] == {"error": 0, "warning": 45, "info": 1}
    assert [f["number"] for f in body["findings"]] == list(range(1, 47))
    form = body["form"]
    for f in body["findings"]:
        # the finding's cell is highlighted and carries its numbered marker
        cell = re.search(rf'<\w+[^>]* id="at-{re.escape(f["key"])}"[^>]*>', form)
        assert cell, f["key"]
        if f["key"] == "indicators":  # the table as a whole: its caption is marked
            assert '<caption class="has-finding' in form
        else:
            assert "has-finding" in cell.group(0), f["key"]
        assert f'href="#f{f["number"]}"' in form
        assert set(f) >= {"zh", "en", "severity", "line", "column"}
    assert body["data"]["funds"]["total"] == {"$num": "18891.87"}


def test_check_in_english(client: TestClient) -> None:
    body = upload(client, "a.yaml", EXAMPLE.read_bytes(), lang="en").json()
    assert "finding(s) are marked on the form" in body["form"]
    zh = upload(client, "a.yaml", EXAMPLE.read_bytes()).json()
    assert "本表附有 46 条审核意见" in zh["form"]


def test_check_a_published_text_form(client: TestClient) -> None:
    body = upload(client, "niujie_2019.txt", published().encode("utf-8")).json()
    assert body["origin"] == "import" and body["valid"] is True
    assert body["name"] == "niujie_2019.yaml"
    check = check_bytes(body["yaml"].encode("utf-8"), file="niujie_2019.yaml")
    assert [(f["code"], f["pointer"]) for f in body["findings"]] == [
        (p.code, p.pointer) for p in check.problems
    ]
    assert body["data"]["unit"] == "北京市西城区人民政府牛街街道办事处"


@pytest.mark.parametrize("kind", ["xlsx", "docx", "html"])
def test_check_office_and_html_forms(kind: str, client: TestClient) -> None:
    """Spreadsheets, Word files and web pages go through perfdecl import first."""
    rows = [line.split("\t") for line in published().splitlines()]
    maker = {
        "xlsx": import_builders.xlsx,
        "docx": import_builders.docx,
        "html": import_builders.page,
    }
    answer = upload(client, f"form.{kind}", maker[kind](rows))
    body = answer.json()
    assert answer.status_code == 200, body
    assert body["origin"] == "import" and body["valid"] is True
    assert body["data"]["funds"]["total"] == {"$num": "18891.87"}


def test_an_unrecognised_file_is_explained(client: TestClient) -> None:
    answer = upload(client, "notes.txt", "会议纪要\n今天天气很好。\n".encode())
    assert answer.status_code == 422
    body = answer.json()
    assert "not recognised" in body["error"]["en"] and "未能识别" in body["error"]["zh"]
    assert "PD405" in codes_in(body)


def test_malformed_requests_are_explained(client: TestClient) -> None:
    many = client.post("/api/check", files=[("file", (f"{i}.yaml", b"a: 1\n")) for i in range(5)])
    assert many.status_code == 400
    assert many.json()["error"]["en"].startswith("the request is invalid: Too many files")
    broken = client.post(
        "/api/check",
        content=b"--x\r\nContent-Disposition: form-data; name=file\r\n\r\nabc",
        headers={"content-type": "multipart/form-data; boundary=x"},
    )
    assert broken.status_code in (400, 422) and broken.json()["error"]["zh"]
    assert "Traceback" not in broken.text
    missing = client.get("/nowhere")
    assert missing.status_code == 404 and missing.json()["error"]["zh"] == "没有这个页面。"


def test_a_file_field_is_required(client: TestClient) -> None:
    answer = client.post("/api/check", data={"lang": "zh"})
    assert answer.status_code == 422
    assert answer.json()["error"]["zh"] == "请选择要上传的文件。"


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("../../etc/passwd.yaml", "passwd.yaml"),
        ("C:\\Users\\clerk\\申报表.yaml", "申报表.yaml"),
        ("\x1b[31mred\x1b[0m.yaml", "[31mred[0m.yaml"),
        ("a\u202egpj.yaml", "agpj.yaml"),
        ("\r\n.yaml", ".yaml"),
        ("", "upload.yaml"),
        ("x" * 500 + ".yaml", "x" * 115 + ".yaml"),
    ],
)
def test_hostile_file_names(given: str, shown: str, client: TestClient) -> None:
    assert work.clean_name(given) == shown
    body = upload(client, given or "a.yaml", EXAMPLE.read_bytes()).json()
    name = body["name"]
    assert "/" not in name and "\\" not in name and "\x1b" not in name and "\n" not in name
    download = client.post("/api/download", json={"name": name, "yaml": "a: 1\n", "format": "yaml"})
    disposition = download.headers["content-disposition"]
    assert "\r" not in disposition and "\n" not in disposition and "/" not in disposition


# --- the hostile catalogues through the upload -------------------------------------------------


UPLOADABLE = [
    c for c in HOSTILE if not c.needs and c.id != "string-15mb"
]  # 15 MB: slow, not hostile


@pytest.mark.parametrize("case", UPLOADABLE, ids=[c.id for c in UPLOADABLE])
def test_hostile_yaml_through_the_upload(case: Any, tmp_path: Path, client: TestClient) -> None:
    """Validate's catalogue: the same codes as the CLI, a clear message, no traceback."""
    path = Path(case.build(tmp_path))
    if not path.is_file():
        pytest.skip(f"{case.id} names no regular file ({path.name}): nothing to upload")
    answer = upload(
        client, path.name if path.suffix in (".yaml", ".yml") else "a.yaml", path.read_bytes()
    )
    assert answer.status_code in (200, 413, 422), answer.text[:300]
    assert "Traceback" not in answer.text and "PD900" not in answer.text
    body = answer.json()
    if answer.status_code == 413:
        assert "PD002" in case.codes
        return
    if answer.status_code == 422:
        assert body["error"]["zh"] and body["error"]["en"]
    found = codes_in(body)
    assert set(case.codes) <= found, (case.id, found)
    assert not set(case.absent) & found
    for p in body.get("findings", []) + body.get("problems", []):
        assert p["zh"] and p["en"]


HOSTILE_IMPORTS = [
    c for c in IMPORT_CASES if c.id not in ("missing", "directory", "fifo", "huge-line")
]


@pytest.mark.parametrize("case", HOSTILE_IMPORTS, ids=[c.id for c in HOSTILE_IMPORTS])
def test_hostile_imports_through_the_upload(case: Any, tmp_path: Path, client: TestClient) -> None:
    """Import's catalogue: its codes as import notes or as the reason for a refusal."""
    path = Path(case.build(tmp_path))
    answer = upload(client, path.name, path.read_bytes())
    assert answer.status_code in (200, 413, 422), answer.text[:300]
    assert "Traceback" not in answer.text and "PD900" not in answer.text
    body = answer.json()
    if answer.status_code == 413:
        assert "PD002" in case.codes
        return
    assert set(case.codes) <= codes_in(body), (case.id, codes_in(body))
    if case.exit == 0:
        assert answer.status_code == 200 and body["valid"]
    else:
        assert answer.status_code == 422 and body["error"]["en"]


# --- recheck (the Fix page) --------------------------------------------------------------------


def test_recheck_round_trip_and_a_broken_sum(client: TestClient, tmp_path: Path) -> None:
    first = upload(client, "niujie_2019.yaml", EXAMPLE.read_bytes()).json()
    same = client.post("/api/recheck", json={"name": "niujie_2019.yaml", "data": first["data"]})
    assert [(f["code"], f["pointer"]) for f in same.json()["findings"]] == [
        (f["code"], f["pointer"]) for f in first["findings"]
    ]
    data = first["data"]
    data["funds"]["total"] = {"$num": "18991.87"}
    body = client.post("/api/recheck", json={"name": "niujie_2019.yaml", "data": data}).json()
    errors = [f for f in body["findings"] if f["severity"] == "error"]
    assert [(f["code"], f["pointer"], f["key"]) for f in errors] == [
        ("PD202", "/funds/total", "funds-total")
    ]
    assert "相差 100 万元" in errors[0]["zh"]
    assert "total: 18991.87\n" in body["yaml"]
    # the YAML the page offers validates the same through the command line
    saved = tmp_path / "fixed.yaml"
    saved.write_text(body["yaml"], encoding="utf-8")
    assert cli_codes(saved) == [(f["code"], f["pointer"]) for f in body["findings"]]


def test_recheck_keeps_money_exact(client: TestClient) -> None:
    data = upload(client, "a.yaml", EXAMPLE.read_bytes()).json()["data"]
    data["funds"] = {
        "total": {"$num": "15000.00"},
        "basic": {"$num": "14999.99"},
        "project": {"$num": "0.01"},
        "other": {"$num": "0"},
    }
    body = client.post("/api/recheck", json={"data": data}).json()
    assert "  total: 15000.00\n" in body["yaml"] and "  project: 0.01\n" in body["yaml"]
    assert not [f for f in body["findings"] if f["pointer"].startswith("/funds")]


def test_recheck_same_text_in_another_language(client: TestClient) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    body = client.post("/api/recheck", json={"name": "a.yaml", "yaml": text, "lang": "en"}).json()
    assert body["yaml"] == text and "finding(s) are marked" in body["form"]


@pytest.mark.parametrize(
    ("payload", "says"),
    [
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "JSON object"),
        (json.dumps({"data": [1]}).encode(), "mapping"),
        (json.dumps({"data": {"year": {"$num": "1e999999999"}}}).encode(), "plain decimal"),
        (json.dumps({"data": {"year": {"$num": 5}}}).encode(), "plain decimal"),
        (("{" + '"data":' + '{"a":' * 100 + "1" + "}" * 101).encode(), "nested too deeply"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
    ],
)
def test_recheck_refuses_bad_payloads(payload: bytes, says: str, client: TestClient) -> None:
    answer = client.post(
        "/api/recheck", content=payload, headers={"content-type": "application/json"}
    )
    assert answer.status_code == 422
    assert says in answer.json()["error"]["en"]
    assert "Traceback" not in answer.text


def test_a_bare_json_number_is_kept_as_written(client: TestClient) -> None:
    body = client.post(
        "/api/recheck",
        content=b'{"data": {"schema_version": 1, "year": 2019, "funds": {"total": 0.1}}}',
        headers={"content-type": "application/json"},
    ).json()
    assert "total: 0.1\n" in body["yaml"]


# --- compare -----------------------------------------------------------------------------------


def compare(client: TestClient, current: Path, other: Path) -> Any:
    return client.post(
        "/api/compare",
        files={"old": (other.name, other.read_bytes())},
        data={"name": current.name, "yaml": current.read_text(encoding="utf-8")},
    )


@pytest.mark.parametrize("current", [EXAMPLE, DRAFT_2020], ids=["current-2019", "current-2020"])
def test_compare_with_the_2020_draft(current: Path, client: TestClient) -> None:
    """The earlier year is the old side whichever of the two was uploaded."""
    other = DRAFT_2020 if current == EXAMPLE else EXAMPLE
    body = compare(client, current, other).json()
    assert (body["old_year"], body["new_year"]) == (2019, 2020)
    assert (body["old"], body["new"]) == ("niujie_2019.yaml", "niujie_2020_draft.yaml")
    weaker = [c for c in body["changes"] if c["direction"] == "weaker"]
    assert {(c["code"], c["id"]) for c in weaker} >= {
        ("PD301", "eff.sat.4"),
        ("PD302", "out2.qty.5"),
    }
    assert body["summary"]["weaker"] == 2 and body["summary"]["stronger"] == 2
    lowered = next(c for c in weaker if c["code"] == "PD301")
    assert "90%" in lowered["zh"] and "85%" in lowered["zh"]
    # the newer form carries each change on its cell
    cell = re.search(rf'<td id="at-{re.escape(lowered["key"])}"[^>]*>', body["form"])
    assert cell and "has-finding" in cell.group(0)
    assert [c["number"] for c in body["changes"]] == list(range(1, len(body["changes"]) + 1))


def test_compare_refuses_what_is_not_a_declaration(client: TestClient, tmp_path: Path) -> None:
    broken = tmp_path / "old.yaml"
    broken.write_text("year: [\n", encoding="utf-8")
    answer = compare(client, EXAMPLE, broken)
    assert answer.status_code == 422
    assert "cannot be compared" in answer.json()["error"]["en"]
    assert "PD005" in codes_in(answer.json())
    missing = client.post("/api/compare", files={"old": ("a.yaml", EXAMPLE.read_bytes())})
    assert missing.status_code == 422 and "检查" in missing.json()["error"]["zh"]


# --- opinion and downloads ---------------------------------------------------------------------


def test_opinion_is_reviews(client: TestClient) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    body = client.post("/api/opinion", json={"name": EXAMPLE.name, "yaml": text}).json()
    review = CliRunner().invoke(build_app("review"), ["review", "--lang", "zh", str(EXAMPLE)])
    assert body["markdown"] == review.stdout
    assert body["conclusion"] == "修改后通过"
    docx = client.post("/api/opinion", json={"name": EXAMPLE.name, "yaml": text, "format": "docx"})
    assert docx.status_code == 200
    with zipfile.ZipFile(io.BytesIO(docx.content)) as z:
        assert "word/document.xml" in z.namelist()
    assert "filename*=UTF-8''niujie_2019-" in docx.headers["content-disposition"]


@pytest.mark.parametrize("fmt", ["yaml", "html", "docx", "xlsx"])
def test_downloads(fmt: str, client: TestClient) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    answer = client.post(
        "/api/download", json={"name": "niujie_2019.yaml", "yaml": text, "format": fmt}
    )
    assert answer.status_code == 200
    suffix, media = work.DOWNLOADS[fmt]
    assert answer.headers["content-type"].startswith(media.split(";")[0])
    assert f'filename="niujie_2019{suffix}"' in answer.headers["content-disposition"]
    if fmt == "yaml":
        assert answer.content == text.encode("utf-8")
    elif fmt == "html":
        assert b"has-finding" in answer.content and b"<script" not in answer.content
    else:
        with zipfile.ZipFile(io.BytesIO(answer.content)) as z:
            assert z.namelist()


@pytest.mark.skipif(find_chromium() is None, reason="no Chromium: PDF is not offered")
def test_pdf_download(client: TestClient) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    answer = client.post("/api/download", json={"name": "a.yaml", "yaml": text, "format": "pdf"})
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF")


def test_download_refusals(client: TestClient) -> None:
    bad = client.post("/api/download", json={"yaml": "a: 1\n", "format": "exe"})
    assert bad.status_code == 422 and "unknown format" in bad.json()["error"]["en"]
    invalid = client.post("/api/download", json={"yaml": "year: x\n", "format": "docx"})
    assert invalid.status_code == 422 and "not a valid declaration" in invalid.json()["error"]["en"]
    assert invalid.json()["problems"]
    no_text = client.post("/api/download", json={"format": "yaml"})
    assert no_text.status_code == 422 and "'yaml' is missing" in no_text.json()["error"]["en"]


def test_an_internal_error_is_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> object:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(work, "opinion", boom)
    answer = TestClient(create_app(), base_url=LOCAL, raise_server_exceptions=False).post(
        "/api/opinion", json={"yaml": "a: 1\n"}
    )
    assert answer.status_code == 500
    assert "internal error" in answer.json()["error"]["en"]
    assert "secret detail" not in answer.text and "Traceback" not in answer.text


# --- the page's number encoding ----------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.text(max_size=20),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-(10**12), max_value=10**12
    ),
)
plain = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(plain)
def test_numbers_survive_the_page(value: Any) -> None:
    """Plain data -> JSON -> plain data: every number is back exactly, as written."""
    back = work.from_page(json.loads(json.dumps(work.to_page(value)), parse_float=Decimal))

    def same(a: Any, b: Any) -> bool:
        if isinstance(a, dict):
            return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
        if isinstance(a, list):
            return isinstance(b, list) and len(a) == len(b) and all(map(same, a, b))
        if isinstance(a, Decimal) and a == a.to_integral_value() and "." not in format(a, "f"):
            return b == a
        return type(a) is type(b) and (str(a) == str(b) if isinstance(a, Decimal) else a == b)

    assert same(value, back)


def test_check_path_agrees_with_upload(client: TestClient) -> None:
    """The upload of a file reports what check_path reports on that file."""
    body = upload(client, DRAFT_2020.name, DRAFT_2020.read_bytes()).json()
    assert [(f["code"], f["line"]) for f in body["findings"]] == [
        (p.code, p.line) for p in check_path(DRAFT_2020).problems
    ]


# --- contrast ------------------------------------------------------------------------------------


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


PAIRS = [
    ("ink", "paper"),
    ("ink", "panel"),
    ("muted", "paper"),
    ("muted", "panel"),
    ("accent", "paper"),
    ("accent", "info-bg"),
    ("error", "error-bg"),
    ("error", "paper"),
    ("warning", "warning-bg"),
    ("warning", "panel"),
    ("info", "info-bg"),
    ("info", "panel"),
    ("stronger", "stronger-bg"),
    ("ink", "error-bg"),
    ("ink", "warning-bg"),
    ("ink", "info-bg"),
    ("muted", "error-bg"),
    ("muted", "warning-bg"),
    ("muted", "info-bg"),
    ("warning", "paper"),
    ("info", "paper"),
]


def test_text_colours_meet_wcag_aa(client: TestClient) -> None:
    """Every text colour the stylesheet pairs with a background has a contrast of 4.5:1."""
    css = client.get("/static/app.css").text
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", css))
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    low = {f"{a}/{b}": round(contrast(colours[a], colours[b]), 2) for a, b in PAIRS}
    assert {k: v for k, v in low.items() if v < 4.5} == {}
