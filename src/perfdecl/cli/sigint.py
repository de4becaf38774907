"""Ctrl-C while ``perfdecl serve`` starts: the command stops, whatever it was importing.

Python raises KeyboardInterrupt wherever the interpreter is when Ctrl-C (SIGINT) arrives, and
start-up is mostly imports. One raised inside importlib's own weakref callback (or any other
callback or ``__del__``) is swallowed: Python prints "Exception ignored in ..." and carries on, so
the server started anyway; pydantic-core turns one raised while it builds a validator into a
``SchemaError``, which looked like an internal error. :class:`Watch` is the SIGINT handler the
CLI installs for ``serve`` before anything else: it raises KeyboardInterrupt as Python's own
handler does and remembers that it did, so that a swallowed or converted one still stops the
command (exit 130) at its next :meth:`Watch.check`, or in ``perfdecl.cli.main``.
"""

from __future__ import annotations

import signal
import sys
from types import FrameType
from typing import Any


class Watch:
    """The SIGINT handler: Python's KeyboardInterrupt, and a record that it was raised."""

    def __init__(self) -> None:
        self.pressed = False
        self._report = sys.unraisablehook

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        self.pressed = True
        raise KeyboardInterrupt

    def unraisable(self, unraisable: Any) -> None:
        """Python's report of an exception it had to swallow: silent for our KeyboardInterrupt,
        whose "Exception ignored" traceback would only alarm the clerk who pressed Ctrl-C."""
        if not (self.pressed and unraisable.exc_type is KeyboardInterrupt):
            self._report(unraisable)

    def check(self) -> None:
        """Raise the KeyboardInterrupt that something swallowed, if Ctrl-C was pressed."""
        if self.pressed:
            raise KeyboardInterrupt


def watch() -> Watch | None:
    """Install :class:`Watch` for SIGINT, unless SIGINT is ignored or already someone else's
    (a server started in the background ignores it, and keeps doing so)."""
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        return None
    handler = Watch()
    signal.signal(signal.SIGINT, handler)
    sys.unraisablehook = handler.unraisable
    return handler


def watching() -> Watch | None:
    """The installed :class:`Watch`, if any (``serve`` run through ``CliRunner`` has none)."""
    handler = signal.getsignal(signal.SIGINT)
    return handler if isinstance(handler, Watch) else None
