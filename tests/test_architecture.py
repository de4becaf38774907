"""The package's shape, enforced: layers import only downward, no cycles, no monoliths.

docs/ARCHITECTURE.md draws the layers; this test reads every module's imports from its syntax tree
(imports inside functions and under ``TYPE_CHECKING`` included) and fails on an arrow that goes up,
sideways between rooms of one layer, or round in a cycle.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PACKAGE = SRC / "perfdecl"

# Lowest first. Rooms in one tuple share a layer and may not import each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("perfdecl.version", "perfdecl.problem", "perfdecl.files", "perfdecl.escape"),
    ("perfdecl.loader",),
    ("perfdecl.model",),
    ("perfdecl.phrases",),
    ("perfdecl.rules",),
    ("perfdecl.config",),
    ("perfdecl.lint",),
    ("perfdecl.diff", "perfdecl.convert", "perfdecl.opinion"),
    ("perfdecl.render", "perfdecl.outcome"),
    ("perfdecl.catalogue",),
    ("perfdecl.reporters",),
    ("perfdecl.serve",),  # the browser pages: the library behind FastAPI (perfdecl serve)
    ("perfdecl.cli",),
    ("perfdecl.__main__", "perfdecl"),  # ``python -m perfdecl`` and the package's lazy façade
)

MAX_MODULE_LINES = 900
MAX_FUNCTION_LINES = 120


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {
    module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "__pycache__" not in p.parts
}


def room(module: str) -> str:
    """The room a module lives in: the longest layer prefix that names it."""
    best = ""
    for layer in LAYERS:
        for prefix in layer:
            inside = module.startswith(prefix + ".") and prefix != "perfdecl"  # the façade: itself
            if (module == prefix or inside) and len(prefix) > len(best):
                best = prefix
    if not best:
        raise AssertionError(f"{module} is in no layer: add its room to LAYERS and ARCHITECTURE.md")
    return best


def rank(room_name: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if room_name in layer)


def imports_of(module: str, path: Path) -> Iterator[tuple[str, int]]:
    """(imported perfdecl module, line) for every import statement anywhere in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_package = path.name == "__init__.py"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "perfdecl" or alias.name.startswith("perfdecl."):
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not (target == "perfdecl" or target.startswith("perfdecl.")):
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                yield (sub if sub in MODULES else target), node.lineno


def edges() -> list[tuple[str, str, int]]:
    found = []
    for module, path in MODULES.items():
        for target, line in imports_of(module, path):
            if target != module and target in MODULES:
                found.append((module, target, line))
    return found


def test_every_module_has_a_room() -> None:
    for module in MODULES:
        room(module)
    with pytest.raises(AssertionError, match="in no layer"):
        room("perfdecl.newroom.module")  # a new room must be placed, not fall to the façade


def test_imports_go_only_downward() -> None:
    wrong = []
    for source, target, line in edges():
        a, b = room(source), room(target)
        if a == b:
            continue
        if rank(b) >= rank(a):
            wrong.append(f"{MODULES[source].relative_to(ROOT)}:{line}: {a} imports {b}")
    assert not wrong, "imports that go up or sideways:\n" + "\n".join(wrong)


def test_no_import_cycles() -> None:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for source, target, _ in edges():
        graph[source].add(target)
    # Tarjan's strongly connected components, iteratively.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cycles: list[list[str]] = []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
    assert not cycles, "import cycles: " + "; ".join(" <-> ".join(c) for c in cycles)


def test_no_monoliths() -> None:
    long_modules = []
    long_functions = []
    for path in MODULES.values():
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n")
        if lines > MAX_MODULE_LINES:
            long_modules.append(f"{path.relative_to(ROOT)}: {lines} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long_functions.append(
                        f"{path.relative_to(ROOT)}:{node.lineno}: {node.name} {length} lines"
                    )
    assert not long_modules, "modules over the limit:\n" + "\n".join(long_modules)
    assert not long_functions, "functions over the limit:\n" + "\n".join(long_functions)


def test_checker_sees_an_upward_arrow(tmp_path: Path) -> None:
    """The import reader itself: a planted upward import is found (so the tests above can fail)."""
    planted = tmp_path / "perfdecl" / "loader" / "planted.py"
    planted.parent.mkdir(parents=True)
    planted.write_text(
        "from typing import TYPE_CHECKING\n"
        "def f() -> None:\n"
        "    from perfdecl.cli import app\n"
        "if TYPE_CHECKING:\n"
        "    from ..lint import runner\n",
        encoding="utf-8",
    )
    found = {t for t, _ in imports_of("perfdecl.loader.planted", planted)}
    assert {"perfdecl.cli.app", "perfdecl.lint.runner"} <= found
    assert rank(room("perfdecl.cli.app")) > rank(room("perfdecl.loader.planted"))


@pytest.mark.parametrize("name", sorted(importlib.import_module("perfdecl").__all__))
def test_public_names_resolve(name: str) -> None:
    import perfdecl

    assert getattr(perfdecl, name) is not None


def test_readme_library_snippet_runs() -> None:
    """Every ```python block of the README runs as written, from the repository root."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in readme.split("```python\n")[1:]]
    assert blocks, "the README shows no library snippet"
    for block in blocks:
        proc = subprocess.run(
            [sys.executable, "-c", block], cwd=ROOT, capture_output=True, text=True, timeout=120
        )
        assert proc.returncode == 0, f"README snippet failed:\n{block}\n{proc.stderr}"
