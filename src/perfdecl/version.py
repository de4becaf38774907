"""perfdecl's version, in a module of its own so that any layer may read it without importing the
package's lazy façade (``perfdecl/__init__.py`` sits above every layer)."""

__version__ = "0.1.0"
