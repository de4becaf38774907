"""The web application behind ``perfdecl serve``: FastAPI routes over :mod:`perfdecl.serve.work`.

Only this module and the command import FastAPI. The server is local by default: a request
whose ``Host`` is not a loopback name is refused (a web page elsewhere cannot reach it through
DNS rebinding), a POST from another origin is refused, bodies over the upload limit are refused
before they are read, and every answer says not to cache, not to send a referrer, not to be
framed, and to run only the page's own script (a Content-Security-Policy without any other
source: the page works offline and sends nothing anywhere).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Awaitable, Callable
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from perfdecl.problem import Message
from perfdecl.serve import work
from perfdecl.serve.settings import DEFAULT_SETTINGS, Settings
from perfdecl.version import __version__

HERE = Path(__file__).resolve().parent
LOCAL_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
"""Host names a local server answers to (any port)."""

_FORM_OVERHEAD = 64 * 1024
"""Room for the multipart framing and the small fields beside the file."""

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
"""Sent with every answer. Inline styles are allowed for the official form's own stylesheet
(its markup is escaped by Jinja2); scripts only from /static."""

_LOCK = threading.Lock()
"""The library is checked one request at a time: the page has one user, and the loader pauses
the garbage collector process-wide while it reads a file."""


def _host(value: str) -> str:
    """The host name of a ``Host`` header or an origin, without the port and brackets."""
    if "://" in value:
        value = urlsplit(value).netloc
    value = value.rsplit("@", 1)[-1]
    if value.startswith("["):
        return value[1:].split("]", 1)[0].lower()
    return value.split(":", 1)[0].lower() if value.count(":") <= 1 else value.lower()


def _same(origin: str, request: Request) -> bool:
    """The page's own origin: same host and port as the request (an opaque "null" origin, a
    sandboxed frame elsewhere, is not)."""
    return urlsplit(origin).netloc.lower() == request.headers.get("host", "").lower() != ""


def error(status: int, message: Message, problems: tuple[Any, ...] = ()) -> JSONResponse:
    """A refusal the page shows as it is: both languages, and the problems behind it."""
    from perfdecl.serve.work import problem_view

    return JSONResponse(
        {
            "error": {"zh": message.zh, "en": message.en},
            "problems": [problem_view(p, None, None) for p in problems],
        },
        status_code=status,
    )


def too_large(limit: int) -> JSONResponse:
    mib = limit // (1024 * 1024)
    return error(
        413,
        Message(
            f"文件太大：上传上限为 {mib} MiB（与命令行检查的上限相同，PD002）。",
            f"the file is too large: uploads are limited to {mib} MiB (the command line's "
            "limit too, PD002).",
        ),
    )


def _number(value: str) -> Decimal:
    return Decimal(value)


async def json_body(request: Request) -> dict[str, Any]:
    """A JSON object body; numbers kept exact (Decimal), never floats."""
    raw = await request.body()
    try:
        body = json.loads(raw, parse_float=_number)
    except (ValueError, RecursionError):
        raise work.Refused(
            Message("请求不是有效的 JSON。", "the request is not valid JSON.")
        ) from None
    if not isinstance(body, dict):
        raise work.Refused(Message("请求应为 JSON 对象。", "the request must be a JSON object."))
    return body


def _text(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str):
        raise work.Refused(Message(f"缺少“{key}”。", f"{key!r} is missing."))
    return value


async def upload_of(request: Request, field: str) -> tuple[work.Upload, dict[str, str]]:
    """The one file of a multipart form and its text fields."""
    form = await request.form(max_files=2, max_fields=16)
    texts: dict[str, str] = {}
    upload = None
    for key, value in form.multi_items():
        if isinstance(value, UploadFile):
            if key == field and upload is None:
                upload = work.Upload(work.clean_name(value.filename), await value.read())
            await value.close()
        else:
            texts[key] = value
    await form.close()
    if upload is None:
        raise work.Refused(Message("请选择要上传的文件。", "choose a file to upload."))
    return upload, texts


async def call(job: Callable[[], Any]) -> Any:
    """Run library work in a worker thread, one at a time."""

    def locked() -> Any:
        with _LOCK:
            return job()

    return await run_in_threadpool(locked)


def attachment(data: bytes, filename: str, media_type: str) -> Response:
    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return Response(data, media_type=media_type, headers={"Content-Disposition": disposition})


def create_app(
    *,
    initial: work.Upload | None = None,
    local_only: bool = True,
    upload_limit: int = work.UPLOAD_LIMIT,
    settings: Settings = DEFAULT_SETTINGS,
) -> FastAPI:
    """The application. ``initial`` is the file named on the command line, checked when the
    page opens; ``local_only`` refuses every ``Host`` that is not a loopback name; ``settings``
    say which configuration to check with (:mod:`perfdecl.serve.settings`; by default none)."""
    app = FastAPI(
        title="perfdecl", version=__version__, docs_url=None, redoc_url=None, openapi_url=None
    )
    limit = upload_limit + _FORM_OVERHEAD
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.middleware("http")
    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        host = _host(request.headers.get("host", ""))
        if local_only and host not in LOCAL_NAMES:
            return error(
                400,
                Message(
                    "此服务只接受本机地址（127.0.0.1 或 localhost）的访问。",
                    "this server answers only to local addresses (127.0.0.1 or localhost).",
                ),
            )
        origin = request.headers.get("origin")
        if (
            request.method not in ("GET", "HEAD")
            and origin is not None
            and not _same(origin, request)
        ):
            return error(
                403,
                Message("拒绝来自其他网站的请求。", "requests from other sites are refused."),
            )
        if request.method == "POST":
            length = request.headers.get("content-length")
            if length is None or not length.isdigit():
                return error(
                    411, Message("请求缺少长度（Content-Length）。", "Content-Length is required.")
                )
            if int(length) > limit:
                return too_large(upload_limit)
        try:
            response = await call_next(request)
        except Exception:  # the last line of defence: a message, never a traceback
            response = error(
                500,
                Message(
                    "内部错误：请求未能完成。请用命令行 perfdecl --debug 重现并报告。",
                    "internal error: the request could not be completed. Please reproduce it "
                    "with perfdecl --debug on the command line and report it.",
                ),
            )
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        """Starlette's own refusals (no such page, a malformed multipart body) in the page's
        shape: both languages."""
        detail = str(exc.detail)[:200]
        if exc.status_code == 404:
            return error(404, Message("没有这个页面。", "no such page."))
        return error(
            exc.status_code, Message(f"请求无效：{detail}", f"the request is invalid: {detail}")
        )

    @app.exception_handler(work.Refused)
    async def refused(request: Request, exc: work.Refused) -> JSONResponse:
        return error(422, exc.message, exc.problems)

    _routes(app, initial, upload_limit, settings)
    return app


def _routes(
    app: FastAPI, initial: work.Upload | None, upload_limit: int, settings: Settings
) -> None:
    @app.get("/", response_class=HTMLResponse)
    async def page() -> HTMLResponse:
        return HTMLResponse(_page(initial is not None, upload_limit))

    @app.get("/api/schema")
    async def schema(kind: str = "declaration") -> JSONResponse:
        """The JSON Schema the Fix page builds its form from (``kind=selfeval``: the
        self-evaluation's, for ``kind: selfeval`` files)."""
        if kind == "selfeval":
            from perfdecl.model.selfeval import json_schema as selfeval_schema

            return JSONResponse(await call(selfeval_schema))
        from perfdecl.model import json_schema

        return JSONResponse(await call(json_schema))

    @app.get("/api/settings")
    async def configuration() -> JSONResponse:
        """The configuration a check would use now (for the page before any upload)."""
        name = initial.name if initial is not None else "declaration.yaml"
        return JSONResponse(await call(lambda: settings.resolve(name).view()))

    @app.get("/api/formats")
    async def formats() -> JSONResponse:
        return JSONResponse({"formats": await call(work.formats), "limit": upload_limit})

    @app.get("/api/initial")
    async def first(lang: str = "zh") -> Response:
        if initial is None:
            return Response(status_code=204)
        return JSONResponse(
            await call(lambda: work.check_upload(initial, work.lang_of(lang), settings=settings))
        )

    @app.post("/api/check")
    async def check(request: Request) -> JSONResponse:
        upload, fields = await upload_of(request, "file")
        if len(upload.raw) > upload_limit:
            return too_large(upload_limit)
        lang = work.lang_of(fields.get("lang"))
        project = int(fields["project"]) if fields.get("project", "").isdigit() else 1
        return JSONResponse(await call(lambda: work.check_upload(upload, lang, project, settings)))

    @app.post("/api/recheck")
    async def recheck(request: Request) -> JSONResponse:
        body = await json_body(request)
        lang = work.lang_of(body.get("lang"))
        name = str(body.get("name") or "declaration.yaml")
        text = body.get("yaml")
        if "data" not in body and isinstance(text, str):  # the same text again (a new language)
            return JSONResponse(
                await call(
                    lambda: work.report(work.clean_name(name), text, lang, settings=settings)
                )
            )
        source = body.get("source")  # the text first checked: edits are written into it
        kept = source if isinstance(source, str) else None
        return JSONResponse(
            await call(lambda: work.recheck(name, body.get("data"), lang, settings, kept))
        )

    @app.post("/api/compare")
    async def compare(request: Request) -> JSONResponse:
        old, fields = await upload_of(request, "old")
        if len(old.raw) > upload_limit:
            return too_large(upload_limit)
        lang = work.lang_of(fields.get("lang"))
        name, text = fields.get("name", "declaration.yaml"), fields.get("yaml")
        if text is None:
            raise work.Refused(
                Message(
                    "请先在“检查”页上传本年度的申报表。", "check this year's declaration first."
                )
            )
        return JSONResponse(await call(lambda: work.compare(old, name, text, lang, settings)))

    @app.post("/api/opinion")
    async def opinion(request: Request) -> Response:
        body = await json_body(request)
        lang = work.lang_of(body.get("lang"))
        name, text = str(body.get("name") or "declaration.yaml"), _text(body, "yaml")
        if body.get("format") == "docx":
            data = await call(lambda: work.opinion_docx(name, text, lang, settings))
            stem = work.download_name(name, "")
            return attachment(data, f"{stem}-审核意见.docx", work.DOWNLOADS["docx"][1])
        return JSONResponse(await call(lambda: work.opinion(name, text, lang, settings)))

    @app.post("/api/download")
    async def download(request: Request) -> Response:
        body = await json_body(request)
        lang = work.lang_of(body.get("lang"))
        name, text = str(body.get("name") or "declaration.yaml"), _text(body, "yaml")
        fmt = str(body.get("format") or "yaml")
        data = await call(lambda: work.document(name, text, fmt, lang, settings))
        suffix, media = work.DOWNLOADS[fmt]
        return attachment(data, work.download_name(name, suffix), media)


def _page(has_initial: bool, upload_limit: int) -> str:
    """The one page (four tabs), from the package's template, autoescaped."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("page.html.j2").render(
        version=__version__,
        has_initial=has_initial,
        limit_mib=upload_limit // (1024 * 1024),
        accept=".yaml,.yml,.txt,.html,.htm,.xlsx,.xls,.docx,.pdf",
    )


__all__ = ["LOCAL_NAMES", "SECURITY_HEADERS", "create_app"]
