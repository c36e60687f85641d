"""The package's layers: no import cycles, and the stages import no executor.

Every import that runs is counted (at the top of a module or inside a function; not
those under TYPE_CHECKING), and importing `variorum.a.b` counts as importing its
package `variorum.a` too, as Python does.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

SRC = ROOT / "src"
# Stages below the engine: they never import an executor, the engine or what sits on it.
LOWER = ("align", "collation", "embed", "index", "ingest", "quotes", "report", "text")
UPPER = ("variorum.engine", "variorum.store", "variorum.serve", "variorum.cli")


def _name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported(tree: ast.AST, package: str) -> set[str]:
    found: set[str] = set()
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _type_only(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
        stack.extend(ast.iter_child_nodes(node))
    return found


def _graph() -> dict[str, set[str]]:
    files = {_name(p): p for p in (SRC / "variorum").rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges: set[str] = set()
        for imported in _imported(ast.parse(path.read_text(encoding="utf-8")), package):
            # The module itself, else the package an imported name belongs to.
            target = imported
            while target and target not in files:
                target = target.rpartition(".")[0]
            # Importing a module runs every package above it.
            while target and target != name:
                edges.add(target)
                target = target.rpartition(".")[0]
        # A module's own packages are imported before it (not a dependency to follow).
        graph[name] = {t for t in edges if not name.startswith(t + ".")}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycles() -> None:
    cycle = _cycle(_graph())
    assert cycle is None, " -> ".join(cycle or [])


def test_the_stages_import_no_executor() -> None:
    graph = _graph()
    for name, edges in graph.items():
        if name.split(".")[1:2] and name.split(".")[1] in LOWER:
            wrong = sorted(t for t in edges if t.startswith(UPPER))
            assert not wrong, f"{name} imports {wrong}"


def test_the_checker_sees_a_cycle_and_a_lazy_import() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
    lazy = ast.parse("def f():\n    from variorum.engine.plan import compare\n")
    assert "variorum.engine.plan" in _imported(lazy, "variorum.quotes")
    typed = ast.parse("if TYPE_CHECKING:\n    from variorum.engine import x\n")
    assert not _imported(typed, "variorum.quotes")
