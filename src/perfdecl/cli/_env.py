"""Language, colour and usage messages, without importing Typer (the fast path uses these)."""

from __future__ import annotations

import importlib
import os
import sys
import types
from typing import Any, cast

from perfdecl.problem import Lang


def default_lang() -> Lang:
    """zh when the locale says Chinese (LC_ALL, LC_MESSAGES, LANG, in that order), else en."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


COLOR_CHOICES = ("auto", "always", "never")
"""``--color``'s values, as ruff, grep and git spell them."""


def use_color(no_color: bool, choice: str | None = None) -> bool | None:
    """Colour for standard output: True (always), False (never) or None (auto: colour and
    excerpts on a terminal, plain lines otherwise).

    ``--color always|never`` wins; then ``--no-color``; then the environment
    (:func:`perfdecl.reporters.text.env_color`: ``NO_COLOR`` off, then ``FORCE_COLOR`` on);
    otherwise auto.
    """
    if choice == "always":
        return True
    if choice == "never" or no_color:
        return False
    from perfdecl.reporters.text import env_color

    return env_color()


def say(lang: Lang, en: str, zh: str) -> None:
    """A usage-level message on standard error, in the user's language (it may quote a path or
    a value, so it goes through the terminal sink)."""
    from perfdecl.escape import safe

    sys.stderr.write(f"perfdecl: {safe(zh if lang == 'zh' else en, 'terminal')}\n")


def debug_env() -> bool:
    """PERFDECL_DEBUG set (and not 0): internal errors show their traceback, as with --debug."""
    return os.environ.get("PERFDECL_DEBUG", "") not in ("", "0")


_PLUGIN_LOADER = "pydantic.plugin._loader"
_DISABLED = ("__all__", "1", "true")  # the values for which pydantic loads no plugin at all


def _plugins_disabled() -> bool:
    return os.environ.get("PYDANTIC_DISABLE_PLUGINS") in _DISABLED


class _NoPlugins(types.ModuleType):
    """Stands in for pydantic's plugin loader while plugins are disabled.

    The loader's ``get_plugins`` answers ``()`` when ``PYDANTIC_DISABLE_PLUGINS`` says
    ``__all__``, but importing the loader imports ``importlib.metadata`` first (email, zipfile,
    socket and more: about 18 ms of a one-file run). This module gives the same answer without
    that import; asked while plugins are enabled, or for any other name, it loads the real
    loader and answers from it.
    """

    def get_plugins(self) -> Any:
        if _plugins_disabled():
            return ()
        return self._real().get_plugins()

    def _real(self) -> types.ModuleType:
        _FINDER.stepped_aside = True
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return importlib.import_module(self.__name__)

    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):  # the import system asks for __path__ and the like
            raise AttributeError(name)
        return getattr(self._real(), name)


class _PluginLoaderFinder:
    """A meta path finder that answers the import of pydantic's plugin loader with
    :class:`_NoPlugins` while plugins are disabled (and leaves every other import alone)."""

    stepped_aside = False

    def find_spec(self, fullname: str, path: object, target: object = None) -> Any:
        if fullname != _PLUGIN_LOADER or self.stepped_aside or not _plugins_disabled():
            return None
        from importlib.machinery import ModuleSpec

        return ModuleSpec(fullname, cast(Any, self))  # a loader by protocol

    def create_module(self, spec: Any) -> types.ModuleType:
        return _NoPlugins(spec.name)

    def exec_module(self, module: types.ModuleType) -> None:
        return None


_FINDER = _PluginLoaderFinder()


def skip_plugin_scan() -> None:
    """Let pydantic find its plugin loader answered without ``importlib.metadata`` while its
    plugins are disabled (the CLI disables them)."""
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)
