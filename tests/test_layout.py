"""Where things live: every name is imported from the module that defines it, and the
benchmarks share helpers with the suite through testkit/, not by importing tests/."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

from tests.conftest import ROOT

SOURCES = ("reviewer", "tests", "bench", "testkit")


def _python_files(*tops: str) -> list[Path]:
    return sorted(p for top in tops or SOURCES for p in (ROOT / top).rglob("*.py"))


def _imported(path: Path) -> set[str]:
    """The modules `path` imports, by their absolute names."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


@cache
def _defined(module: Path) -> frozenset[str]:
    """The names a module binds itself (imports left out)."""
    names: set[str] = set()
    for node in ast.parse(module.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        names.update(n.id for n in ast.walk(node)
                     if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store))
    return frozenset(names)


def test_names_are_imported_from_where_they_are_defined_not_from_a_re_export() -> None:
    # A package's __init__ may gather its modules' names: it is the package's face.
    wrong = []
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
                    and node.module.startswith("reviewer.")):
                continue
            module = ROOT.joinpath(*node.module.split(".")).with_suffix(".py")
            if module.is_file():
                wrong += [f"{path.relative_to(ROOT)}: {node.module}.{a.name}"
                          for a in node.names if a.name not in _defined(module)]
    assert wrong == []


def test_the_benchmarks_and_testkit_import_nothing_from_the_test_suite() -> None:
    wrong = [f"{path.relative_to(ROOT)}: {name}" for path in _python_files("bench", "testkit")
             for name in sorted(_imported(path)) if name.split(".")[0] == "tests"]
    assert wrong == []


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _reviewer_imports() -> dict[str, set[str]]:
    """Each module of reviewer/ and the modules of reviewer/ it imports, at its top or
    inside a function (`from package import module` names the module)."""
    modules = {_module_name(p): p for p in _python_files("reviewer")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                subs = {f"{node.module}.{a.name}" for a in node.names}
                found.update(subs & modules.keys() or {node.module})
        graph[name] = (found & modules.keys()) - {name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle of `graph` (its modules, the first repeated at the end), or []."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done, no cycle through it
    path: list[str] = []

    def visit(name: str) -> list[str]:
        state[name] = 1
        path.append(name)
        for nxt in sorted(graph[name]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[name] = 2
        return []

    for name in sorted(graph):
        if name not in state and (found := visit(name)):
            return found
    return []


def test_an_import_cycle_is_found_with_its_modules() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) == []


def test_no_module_of_reviewer_imports_one_that_imports_it_back_not_even_lazily() -> None:
    # A lazy import inside a function still ties the two modules: reading a .docx
    # (reviewer.text) must not reach up into the writers (reviewer.inputs).
    assert _cycle(_reviewer_imports()) == []
