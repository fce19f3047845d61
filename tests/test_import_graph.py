"""The import graph of `game/`: no circles, no import of a higher layer, and `game.*` imports
at the top of each file (except where an optional extra loads).

The graph is read from the source with `ast`: every `import game...` and `from game... import`
in every module, at module level and in function bodies. Imports under `if TYPE_CHECKING:`
never run, so they cannot close a circle; they still must respect the layers.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

GAME = Path(__file__).resolve().parents[1] / "game"

# A package imports only packages in rows below its own (docs/architecture.md, "The
# layers"); modules of one package may import each other, without circles.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("game.engine", "game.atomic", "game.safeio"),  # the engine; leaf file utilities
    # _purepath: the SAHEL_PURE import hook, installed by game/__init__ before any engine module
    ("game.content", "game.ai", "game.match", "game.seats", "game._purepath"),
    ("game.saves", "game.headless", "game.console", "game.cli_args"),
    ("game.crash", "game.sim", "game.testing", "game.interop", "game.ui"),
    ("game.commands",),
    ("game.cli",),
)

# `game.*` imports allowed inside a function body: (importing module, imported module) → why.
# Optional extras (interop, cluster/ray) belong here (none is imported by another `game`
# module today), and the two commands whose heavy libraries every other command would
# otherwise load at start-up (measured: import + build_parser 0.52 s → 0.94 s median with
# both at the top, on a loaded 2-core machine).
FUNCTION_IMPORTS_ALLOWED: dict[tuple[str, str], str] = {
    ("game.commands.play", "game.ui.app"): "the window: pygame and pygame_gui",
    ("game.commands.train", "game.sim.train"): "training: numpy",
    ("game._purepath", "game.engine.state"): "asks which build runs: only after the hook is set",
}


@dataclass
class Imports:
    """What one module imports: at module level, in function bodies, and type-only."""

    top: dict[str, int] = field(default_factory=dict)  # imported module → line
    in_functions: dict[str, int] = field(default_factory=dict)
    type_only: dict[str, int] = field(default_factory=dict)

    def running(self) -> set[str]:
        """The imports that run (module level and function bodies)."""
        return set(self.top) | set(self.in_functions)


def module_name(path: Path, root: Path) -> str:
    """`game/ui/app.py` → `game.ui.app`; a package's `__init__.py` → the package."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def read_imports(source: str, name: str, modules: set[str], is_package: bool) -> Imports:
    """The `game.*` modules that `source` (module `name`) imports, by where it imports them.
    `from game.x import y` counts as importing `game.x.y` when that is a module."""
    found = Imports()

    def target(node: ast.ImportFrom) -> str:
        if not node.level:
            return node.module or ""
        base = name.split(".")
        base = base if is_package else base[:-1]
        base = base[: len(base) - node.level + 1]
        return ".".join([*base, *([node.module] if node.module else [])])

    def visit(node: ast.AST, where: dict[str, int]) -> None:
        for child in ast.iter_child_nodes(node):
            here = where
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                here = found.in_functions if where is found.top else where
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                for stmt in child.body:
                    visit(ast.Module(body=[stmt], type_ignores=[]), found.type_only)
                for stmt in child.orelse:
                    visit(ast.Module(body=[stmt], type_ignores=[]), here)
                continue
            names: list[str] = []
            line = 0
            if isinstance(child, ast.Import):
                names, line = [a.name for a in child.names], child.lineno
            elif isinstance(child, ast.ImportFrom):
                line = child.lineno
                base = target(child)
                names = [
                    f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                    for a in child.names
                ]
            for imported in names:
                if imported == "game" or imported.startswith("game."):
                    here.setdefault(imported, line)
            visit(child, here)

    visit(ast.parse(source), found.top)
    return found


def import_graph(root: Path = GAME) -> dict[str, Imports]:
    """Every module under `root` and what it imports."""
    paths = sorted(root.rglob("*.py"))
    modules = {module_name(p, root) for p in paths}
    return {
        module_name(p, root): read_imports(
            p.read_text(encoding="utf-8"), module_name(p, root), modules, p.name == "__init__.py"
        )
        for p in paths
    }


def circles(edges: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm), and any
    module that imports itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group: set[str] = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1 or node in edges.get(node, ()):
                groups.append(group)

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return groups


def layer_of(module: str) -> int:
    """The index in LAYERS of the package or module `module` belongs to, or -1."""
    for i, layer in enumerate(LAYERS):
        if any(module == top or module.startswith(top + ".") for top in layer):
            return i
    return -1


def package_of(module: str) -> str:
    """`game.ui.screens.play` → `game.ui`; a top-level module is its own package."""
    return ".".join(module.split(".")[:2])


def upward_imports(graph: dict[str, Imports]) -> list[str]:
    """`importer:line → imported` for every import (type-only ones too) of another package
    that is not in a lower layer."""
    found = []
    for module, imports in sorted(graph.items()):
        everything = {**imports.type_only, **imports.in_functions, **imports.top}
        for imported, line in sorted(everything.items()):
            if module == "game" or package_of(imported) == package_of(module):
                continue
            if layer_of(imported) >= layer_of(module):
                found.append(f"{module}:{line} → {imported}")
    return found


def test_every_module_of_game_belongs_to_a_layer() -> None:
    graph = import_graph()
    unplaced = [m for m in graph if m != "game" and layer_of(m) < 0]
    assert unplaced == [], f"add these to LAYERS in {__file__}: {unplaced}"


def test_no_module_imports_itself_back_through_a_circle() -> None:
    graph = import_graph()
    edges = {m: imports.running() for m, imports in graph.items()}
    assert [sorted(g) for g in circles(edges)] == []


def test_no_package_imports_one_of_its_own_layer_or_above() -> None:
    assert upward_imports(import_graph()) == []


def test_game_modules_are_imported_at_the_top_of_the_file_unless_an_optional_extra_loads() -> None:
    late = [
        f"{module}:{line} imports {imported} in a function"
        for module, imports in sorted(import_graph().items())
        for imported, line in sorted(imports.in_functions.items())
        if (module, imported) not in FUNCTION_IMPORTS_ALLOWED
    ]
    assert late == []


def test_the_checks_find_a_planted_circle_upward_and_sideways_imports_and_a_late_import(
    tmp_path: Path,
) -> None:
    root = tmp_path / "game"
    (root / "engine").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "engine" / "__init__.py").write_text("")
    (root / "engine" / "a.py").write_text("from game.engine import b\nimport game.cli\n")
    (root / "engine" / "b.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from game.ui import app\n"
        "def f():\n    from game.engine.a import x\n"
    )
    (root / "cli.py").write_text("")
    (root / "ai").mkdir()
    (root / "ai" / "__init__.py").write_text("")
    (root / "ai" / "agent.py").write_text("import game.seats\n")  # same layer: not allowed
    (root / "seats.py").write_text("")
    graph = import_graph(root)
    assert graph["game.engine.a"].top == {"game.engine.b": 1, "game.cli": 2}
    assert graph["game.engine.b"].in_functions == {"game.engine.a": 5}
    assert graph["game.engine.b"].type_only == {"game.ui": 3}
    edges = {m: imports.running() for m, imports in graph.items()}
    assert circles(edges) == [{"game.engine.a", "game.engine.b"}]
    assert upward_imports(graph) == [
        "game.ai.agent:1 → game.seats",
        "game.engine.a:2 → game.cli",
        "game.engine.b:3 → game.ui",
    ]


def test_the_command_line_starts_without_loading_the_window_numpy_or_matplotlib() -> None:
    code = (
        "import sys, game.cli as cli; cli.build_parser(); "
        "print(sorted(m for m in ('pygame', 'pygame_gui', 'numpy', 'matplotlib') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=GAME.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
