"""Command-line entry point.

Start-up is most of what a pre-commit hook waits for, so ``main`` answers ``--version`` and the
usual ``validate`` command lines without importing Typer (see :mod:`perfdecl.cli.fastpath`);
everything else goes through the Typer app in :mod:`perfdecl.cli.app`.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run the CLI (the ``perfdecl`` console script)."""
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        from perfdecl.version import __version__

        sys.stdout.write(f"perfdecl {__version__}\n")
        raise SystemExit(0)
    command = next((a for a in args if not a.startswith("-")), None)
    watch = None
    try:
        if command == "serve":  # a long start-up: Ctrl-C must stop it whatever it imports
            from perfdecl.cli.sigint import watch as watch_sigint

            watch = watch_sigint()
        # Pydantic scans every installed distribution for plugins on first use (~30 ms); the
        # CLI uses pydantic only internally, so no plugin has anything to observe.
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
        from perfdecl.cli._env import skip_plugin_scan

        skip_plugin_scan()
        _fast_validate(args)  # exits when it handles the command line
        from perfdecl.cli.app import build_app

        build_app(command)(args=args, prog_name="perfdecl")
    except (KeyboardInterrupt, BrokenPipeError):
        raise SystemExit(130 if sys.exc_info()[0] is KeyboardInterrupt else 1) from None
    except SystemExit:
        raise
    except Exception as exc:  # the last line of defence: no raw traceback unless --debug
        if watch is not None and watch.pressed:  # Ctrl-C, turned into another error by a library
            raise SystemExit(130) from None
        if "--debug" in args or _debug_env():
            raise
        sys.stderr.write(
            f"perfdecl: internal error ({type(exc).__name__}: {_shown(exc)}).\n"
            "perfdecl：内部错误。请用 --debug 重新运行并把输出附在问题报告中。\n"
            "Please re-run with --debug and attach the output to a bug report.\n"
        )
        raise SystemExit(2) from None
    except BaseException as exc:  # perfdecl.files.Terminated: SIGTERM/SIGHUP during a write
        signum = getattr(exc, "signum", None)
        if type(exc).__name__ == "Terminated" and isinstance(signum, int):
            raise SystemExit(128 + signum) from None  # the temporary file is already removed
        raise


def _fast_validate(args: list[str]) -> None:
    """Run ``validate`` without Typer and exit, when its command line is one we parse."""
    debug = args[:1] == ["--debug"]
    rest = args[1:] if debug else args
    if rest[:1] != ["validate"]:
        return
    from perfdecl.cli.fastpath import parse, run

    parsed = parse(rest[1:])
    if parsed is None:
        return
    parsed.debug = debug or _debug_env()
    raise SystemExit(run(parsed))


def _debug_env() -> bool:
    from perfdecl.cli._env import debug_env

    return debug_env()


def _shown(exc: BaseException) -> str:
    """An exception's text as printed: it may quote a hostile value, so it is made safe."""
    from perfdecl.escape import safe

    return safe(str(exc)[:500], "terminal")
