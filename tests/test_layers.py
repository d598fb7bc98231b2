"""Layers that flow one way: the import graph of ``src/goalkit`` has no cycle, and every
import goes down the layer order (or stays in its layer).

The graph is read from the source (``ast``), counting every import a module can run:
module level and inside functions alike; only imports under ``if TYPE_CHECKING:`` are left
out (they never run). An import also runs the ``__init__`` of every package above the
module imported, so that is an edge too; and a name a package loads on first use (its
``_LAZY`` table, PEP 562) is an edge to the module that defines it. A plugin module that
the plugin host loads by name (``BUILTIN_PLUGINS``) is checked here as well.
"""

from __future__ import annotations

import ast
import importlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

SRC = Path(__file__).resolve().parents[1] / "src"

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("base", ("goalkit._exceptions", "goalkit._redact", "goalkit._version", "goalkit._lazy",
              "goalkit.typing")),
    ("packages that load on first use", ("goalkit.data=", "goalkit.reports=")),
    ("model", ("goalkit.model",)),
    ("words", ("goalkit.reports._i18n",)),
    ("plugin hooks", ("goalkit.plugins=", "goalkit.plugins.hookspecs",
                      "goalkit.plugins._registry", "goalkit.plugins._example")),
    ("kinds", ("goalkit.indicators",)),
    ("goal files", ("goalkit.specs",)),
    ("data", ("goalkit.data",)),
    ("engine", ("goalkit.engine",)),
    ("reports", ("goalkit.reports",)),
    ("plugin host", ("goalkit.plugins",)),
    ("render by name", ("goalkit.reports._render",)),
    ("testing", ("goalkit.testing",)),
    ("command line", ("goalkit.cli", "goalkit.__main__")),
    ("public faces", ("goalkit=", "goalkit.goals", "goalkit.kinds")),
)
"""Bottom to top: a module may import its own layer and those below it. A name ending in
``=`` is that module alone (a package's ``__init__``); any other is the package and all
below it; the longest match wins. A package whose names load on first use runs nothing but
its table when imported (an import through it is counted to the module it loads).
Translations (``words``) sit below the data, whose messages they word; the hooks and
registries sit below the data and reports that register with them, the host (which loads
them, and reads data and goal files) above; rendering a report by a format's name asks a
host for the format, so it sits above the host. ``docs/architecture.md`` draws this."""

ALLOWED: frozenset[tuple[str, str]] = frozenset()
"""Edges tolerated until their owners untangle them; everything else is strict, and each
of these is checked to be still needed."""


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted((SRC / "goalkit").rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _type_checking(node: ast.If) -> bool:
    test = node.test
    name = test.attr if isinstance(test, ast.Attribute) else getattr(test, "id", None)
    return name == "TYPE_CHECKING"


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement that can run: the whole tree but ``if TYPE_CHECKING:``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _type_checking(node):
            for child in node.orelse:
                yield from _imports(ast.Module(body=[child], type_ignores=[]))
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        yield from _imports(node)


@cache
def _lazy(package: str) -> dict[str, str]:
    """The names ``package`` loads on first use, and from where."""
    if package not in MODULES or MODULES[package].name != "__init__.py":
        return {}
    namespace = vars(importlib.import_module(package))
    table = namespace.get("_LAZY", namespace.get("_HOME", {}))
    return dict(table) if isinstance(table, dict) else {}


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
        yield from (n for n in names if n.split(".")[0] == "goalkit")
        return
    if node.level:
        is_package = MODULES[module].name == "__init__.py"
        base = module.split(".")[: len(module.split(".")) - node.level + is_package]
        source = ".".join([*base, *([node.module] if node.module else [])])
    else:
        source = node.module or ""
    if source.split(".")[0] != "goalkit":
        return
    yield source
    for alias in node.names:
        if f"{source}.{alias.name}" in MODULES:
            yield f"{source}.{alias.name}"
        elif alias.name in _lazy(source):
            yield from _through(_lazy(source)[alias.name], alias.name)


def _through(module: str, name: str) -> Iterator[str]:
    """``module``, and where it in turn loads ``name`` from (a package re-exporting it)."""
    yield module
    if name in _lazy(module):
        yield from _through(_lazy(module)[name], name)


def _ancestors(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


@cache
def graph() -> dict[str, frozenset[str]]:
    """Module to the goalkit modules importing it can run (itself and its own packages
    left out: a package importing its submodules is how packages work)."""
    out: dict[str, frozenset[str]] = {}
    for module, path in MODULES.items():
        targets: set[str] = set()
        for node in _imports(ast.parse(path.read_text(), str(path))):
            for target in _targets(module, node):
                targets.update(t for t in (*_ancestors(target), target) if t in MODULES)
        own = {module, *_ancestors(module)}
        out[module] = frozenset(targets - own)
    plugins = importlib.import_module("goalkit.plugins._builtins").BUILTIN_PLUGINS
    out["goalkit.plugins._manager"] |= frozenset(plugins)
    return out


def layer(module: str) -> int:
    """The index in :data:`LAYERS` of the longest name that covers ``module``."""
    best, found = -1, None
    for index, (_, names) in enumerate(LAYERS):
        for name in names:
            exact = name.endswith("=")
            stem = name.rstrip("=")
            hit = module == stem if exact else module == stem or module.startswith(stem + ".")
            if hit and len(stem) + exact > best:
                best, found = len(stem) + exact, index
    if found is None:
        msg = f"{module} is in no layer: add it to LAYERS"
        raise AssertionError(msg)
    return found


def _cycles(edges: dict[str, frozenset[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def _strict(edges: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    return {m: frozenset(t for t in ts if (m, t) not in ALLOWED) for m, ts in edges.items()}


def test_every_module_has_a_layer() -> None:
    """A new module is placed in the drawing (docs/architecture.md) before it is used."""
    assert [m for m in MODULES if layer(m) < 0] == []


def test_imports_flow_down() -> None:
    """No module imports (anywhere in it) a module of a higher layer: the model holds no
    executor, data does not run the engine, reports do not evaluate, the plugin host does
    not import the command line."""
    upward = sorted(
        f"{m} ({LAYERS[layer(m)][0]}) -> {t} ({LAYERS[layer(t)][0]})"
        for m, targets in _strict(graph()).items() for t in targets if layer(t) > layer(m)
    )
    assert upward == []


def test_no_import_cycle() -> None:
    """No two modules import each other, directly or around a loop, counting imports
    inside functions."""
    assert _cycles(_strict(graph())) == []


def test_the_allow_list_is_still_needed() -> None:
    """Each tolerated edge still exists (a fixed one is taken off the list)."""
    edges = graph()
    assert sorted(e for e in ALLOWED if e[1] not in edges.get(e[0], ())) == []


@pytest.mark.parametrize(("edges", "expected"), [
    ({"a": frozenset({"b"}), "b": frozenset({"a"})}, [["a", "b"]]),
    ({"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"}),
      "d": frozenset({"a"})}, [["a", "b", "c"]]),
    ({"a": frozenset({"b"}), "b": frozenset()}, []),
])
def test_the_cycle_finder_finds_cycles(edges: dict[str, frozenset[str]],
                                       expected: list[list[str]]) -> None:
    """The check can fail: a loop of two or three modules is found, a chain is not."""
    assert _cycles(edges) == expected


def test_the_graph_sees_imports_inside_functions_and_through_packages() -> None:
    """A function-level import is an edge; a type-only one is not; a lazily loaded name is
    an edge to the module that defines it."""
    report = graph()["goalkit.cli._report"]
    assert "goalkit.engine" in report  # `from goalkit.engine import ...` inside a function
    evaluate = graph()["goalkit.cli._evaluate"]
    assert "goalkit.plugins._manager" in evaluate  # `from goalkit.plugins import load_project`
    assert "goalkit.plugins._host" not in graph()["goalkit.cli._commands"]  # type-only
