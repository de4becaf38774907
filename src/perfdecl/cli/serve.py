"""``perfdecl serve [FILE]``: the browser pages for clerks (check, fix, compare, opinion).

Binds 127.0.0.1 on a free port unless told otherwise, prints the address, and serves until
Ctrl+C. The web stack (FastAPI, uvicorn) is imported here and in :mod:`perfdecl.serve.app`
only, inside the command: ``perfdecl validate`` never loads it. Temporary files of the server
(a large upload spooled by the multipart parser, an xls converted by LibreOffice, a PDF printed
by Chromium) go to one private folder that is removed when the server stops.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import sys
import tempfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated

import typer

from perfdecl.cli._env import say
from perfdecl.cli.common import ConfigOpt, LangOpt, fail, resolve_lang
from perfdecl.cli.sigint import Watch, watching
from perfdecl.problem import Lang

if TYPE_CHECKING:
    import uvicorn

    from perfdecl.serve.settings import Settings
    from perfdecl.serve.work import Upload

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def url_of(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def bind(host: str, port: int, lang: Lang) -> socket.socket:
    """A listening socket on ``host``:``port`` (0: a free port), or a clear usage error."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise fail(
            f"cannot use --host {host!r}: {exc}", f"无法使用 --host {host!r}：{exc}", lang
        ) from None
    family, _type, _proto, _name, address = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(64)
    except OSError as exc:
        sock.close()
        raise fail(
            f"cannot listen on {url_of(host, port)}: {exc.strerror or exc} (try another --port)",
            f"无法在 {url_of(host, port)} 监听：{exc.strerror or exc}（请换一个 --port）",
            lang,
        ) from None
    return sock


def initial_upload(file: str, lang: Lang) -> Upload:
    """The file named on the command line, read within the loader's limits."""
    from perfdecl.loader import read_path
    from perfdecl.serve.work import Upload, clean_name

    raw, problems = read_path(file)
    if raw is None:
        first = problems[0].message if problems else None
        raise fail(
            f"cannot read {file}: {first.en if first else 'unreadable'}",
            f"无法读取 {file}：{first.zh if first else '不可读'}",
            lang,
        )
    return Upload(clean_name(os.path.basename(file)), raw)


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        file: Annotated[
            str | None,
            typer.Argument(help="A declaration (or published form) to open the page with."),
        ] = None,
        host: Annotated[
            str,
            typer.Option(
                "--host",
                help="Address to listen on (default 127.0.0.1). Any other address lets anyone "
                "who can reach it use the page: a warning is printed.",
            ),
        ] = "127.0.0.1",
        port: Annotated[
            int, typer.Option("--port", min=0, max=65535, help="Port (default: a free one).")
        ] = 0,
        open_browser: Annotated[
            bool, typer.Option("--open", help="Open the page in the default browser.")
        ] = False,
        config: ConfigOpt = None,
        lang: LangOpt = None,
    ) -> None:
        """Check declarations in the browser: upload, see the form with its findings, fix,
        compare with last year, draft the review opinion.

        Runs on this computer only (127.0.0.1) and works offline; nothing is sent anywhere and
        uploads are not kept. Stop it with Ctrl+C. Checks use the configuration perfdecl
        validate would use for a file in the current folder (or --config); the page names it
        and shows its problems.
        """
        from pathlib import Path

        from perfdecl.serve.settings import Settings

        language = resolve_lang(lang)
        initial = initial_upload(file, language) if file is not None else None
        settings = Settings(
            folder=Path.cwd(),
            config=config,
            files={initial.name: os.path.abspath(file)} if initial and file else {},
        )
        local = host in LOCAL_HOSTS
        if not local:
            say(
                language,
                f"warning: listening on {host}: anyone who can reach this address can use the "
                "page and read what is uploaded to it; use it only on a network you trust.",
                f"警告：正在 {host} 上监听，凡能访问此地址者都能使用本页并看到上传的内容；"
                "请只在可信的网络中使用。",
            )
        sock = bind(host, port, language)
        url = url_of(host, sock.getsockname()[1])
        _run(sock, url, initial, settings, local=local, open_browser=open_browser, lang=language)


def _run(
    sock: socket.socket,
    url: str,
    initial: Upload | None,
    settings: Settings,
    *,
    local: bool,
    open_browser: bool,
    lang: Lang,
) -> None:
    import uvicorn

    from perfdecl.serve.app import create_app

    private = tempfile.mkdtemp(prefix="perfdecl-serve-")
    previous = tempfile.tempdir
    tempfile.tempdir = private  # every temporary file of the server goes here
    try:
        application = create_app(initial=initial, local_only=local, settings=settings)
        config = uvicorn.Config(
            application, log_level="warning", access_log=False, server_header=False
        )
        watch = watching()
        server = _server(config, watch)
        _name_configuration(settings, initial, lang)
        if watch is not None:
            watch.check()  # a Ctrl-C swallowed by an import: stop before the address is shown
        sys.stdout.write(
            f"perfdecl serve: {url}\n"
            + ("按 Ctrl+C 停止。\n" if lang == "zh" else "Press Ctrl+C to stop.\n")
        )
        sys.stdout.flush()
        if open_browser:
            import webbrowser

            webbrowser.open(url)
        server.run(sockets=[sock])
    finally:
        tempfile.tempdir = previous
        sock.close()
        shutil.rmtree(private, ignore_errors=True)


def _server(config: uvicorn.Config, watch: Watch | None) -> uvicorn.Server:
    """uvicorn's server, which stops as soon as it has taken Ctrl-C over if Ctrl-C was pressed
    (and swallowed by an import) before: between the address line and the moment uvicorn's
    handler replaces ``watch``, uvicorn still imports its event loop."""
    import uvicorn

    class Server(uvicorn.Server):
        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            with super().capture_signals():
                if watch is not None and watch.pressed:
                    self.handle_exit(signal.SIGINT, None)  # uvicorn re-raises it when it stops
                yield

    return Server(config)


def _name_configuration(settings: Settings, initial: Upload | None, lang: Lang) -> None:
    """One line on standard error when a configuration applies: its name, or its problem."""
    from perfdecl.escape import safe

    resolved = settings.resolve(initial.name if initial is not None else "declaration.yaml")
    if resolved.path is None and not resolved.problems:
        return
    shown = resolved.view()["path"] or safe(settings.config or "", "path")
    if resolved.fatal:
        say(
            lang,
            f"configuration: {shown} cannot be read; defaults apply (see the page).",
            f"配置：无法读取 {shown}，使用默认设置（详见页面）。",
        )
    elif resolved.problems:
        say(
            lang,
            f"configuration: {shown} ({len(resolved.problems)} problems: see the page)",
            f"配置：{shown}（有 {len(resolved.problems)} 个问题，详见页面）",
        )
    else:
        say(lang, f"configuration: {shown}", f"配置：{shown}")
