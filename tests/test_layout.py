"""The package's folders are the stages the data flows through, and imports only go down them.

A module may import from its own floor or a lower one, never a higher one, and
the import graph has no cycle: a reader can take the floors one at a time, and
a stage can be tested (or run on a worker) without what comes after it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "newsprism"

# Lowest first. Top-level modules sit where what they import and what imports
# them put them: the records and errors every stage shares at the bottom; the
# options and the store above the stages whose options and rows they hold; the
# pipeline that wires the stages (with the engines that run them in parallel),
# and the two faces, the command line and the web app, on top.
FLOORS: tuple[tuple[str, ...], ...] = (
    ("models", "errors", "budget"),
    ("sources",),
    ("text",),
    ("index",),
    ("options", "store"),
    ("analysis",),
    ("render",),
    ("pipeline", "engines", "partitioned"),
    ("cli", "app"),
)


def _floor(module: str) -> int:
    """The floor of a dotted module name below ``newsprism`` (its first part decides)."""
    head = module.split(".")[0]
    for level, names in enumerate(FLOORS):
        if head in names:
            return level
    raise AssertionError(f"newsprism.{module} is on no floor: add it to FLOORS")


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts:
            found[".".join(parts)] = path
    return found


def _imports(path: Path, known: set[str]) -> set[str]:
    """The newsprism modules a file imports (``from newsprism.x import y``: x.y if a module)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            if name.startswith("newsprism."):
                inner = name.removeprefix("newsprism.")
                if inner in known:
                    out.add(inner)
    return out


GRAPH = {name: _imports(path, set(_modules())) for name, path in _modules().items()}


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_only_go_down(module: str) -> None:
    level = _floor(module)
    upward = sorted(m for m in GRAPH[module] if _floor(m) > level)
    assert not upward, f"newsprism.{module} (floor {level}) imports higher floors: {upward}"


def test_no_import_cycle() -> None:
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycle = [*path[path.index(module) :], module]
            raise AssertionError("import cycle: " + " -> ".join(cycle))
        if module in done:
            return
        for other in sorted(GRAPH[module]):
            # A package imports its own modules (analysis/__init__ gathers its
            # sections); that is not a cycle unless they import it back.
            visit(other, [*path, module])
        done.add(module)

    for module in sorted(GRAPH):
        visit(module, [])


def test_floors_name_every_folder() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    on_floors = {name for names in FLOORS for name in names}
    assert folders <= on_floors, folders - on_floors
