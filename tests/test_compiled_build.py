"""The compiled (mypyc) engine and AI decide and play exactly like the plain-Python ones.

Each path runs in its own process (`SAHEL_PURE=1` forces plain Python); both trace the
same fixed games move by move and the traces must be identical. Time caps are lifted
in the traces so a slow or busy machine cannot change a decision.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import game
from game._purepath import SourceOnlyFinder, pure_requested

ROOT = Path(__file__).resolve().parents[1]

# level, seed, seats, decisions traced (0: the whole game)
GAMES: list[tuple[str, int, list[str], int]] = [
    ("niger_2023", 7, ["ai:hard", "ai:hard", "ai:normal", "greedy"], 36),
    ("niger_2023", 11, ["rollout", "mcts", "ai:easy", "random"], 36),
    ("tutorial", 3, ["ai:hard", "ai:normal"], 0),
]


def trace(level: str, seed: int, seats: list[str], limit: int) -> list[list[Any]]:
    """Every move of a fixed game: faction, action, reason and the state hash after it."""
    from game.ai import create_agent
    from game.content import load_level
    from game.engine import current_faction, legal_actions, new_game, observe, step
    from game.headless import seat_rng

    rules = load_level(level)
    agents = [create_agent(name, rules, i) for i, name in enumerate(seats)]
    for agent in agents:
        if hasattr(agent, "time_cap_ms"):
            agent.time_cap_ms = None
    rngs = [seat_rng(seed, i) for i in range(len(seats))]
    state = new_game(rules, seed)
    moves: list[list[Any]] = [["start", state.hash()]]
    while not state.is_over and (limit == 0 or len(moves) <= limit):
        faction = current_faction(state)
        decision = agents[faction].decide(
            observe(state, faction), legal_actions(state), rngs[faction]
        )
        step(state, decision.action)
        moves.append([faction, list(decision.action), decision.reason, state.hash()])
    return moves


def main() -> None:
    """Print this process's build and traces as JSON (run by the tests below)."""
    traces = [trace(*spec) for spec in GAMES]
    print(json.dumps({"compiled": game.compiled(), "traces": traces}))


def run_traces(pure: bool) -> dict[str, Any]:
    """Run `main` in a fresh process on the compiled or the plain-Python path."""
    env = {k: v for k, v in os.environ.items() if k != "SAHEL_PURE"}
    if pure:
        env["SAHEL_PURE"] = "1"
    code = "from tests.test_compiled_build import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.mark.slow
def test_compiled_and_plain_python_games_make_the_same_moves_and_reach_the_same_states() -> None:
    if pure_requested() or not game.compiled():
        pytest.skip("the compiled modules are not built here (plain-Python install)")
    compiled, pure = run_traces(pure=False), run_traces(pure=True)
    assert compiled["compiled"] is True
    assert pure["compiled"] is False
    assert sum(len(t) for t in compiled["traces"]) > 80
    for spec, a, b in zip(GAMES, compiled["traces"], pure["traces"], strict=True):
        for i, (move_a, move_b) in enumerate(zip(a, b, strict=True)):
            assert move_a == move_b, f"{spec[0]} seed {spec[1]}: move {i} differs"


def test_sahel_pure_loads_every_game_module_from_its_python_source() -> None:
    code = (
        "import sys, game, game.ai.mcts, game.ai.rollout, game.content.expr, game.engine;"
        "mods = [m for n, m in sys.modules.items() if n.startswith('game')];"
        "print(game.compiled(), all((m.__file__ or '.py').endswith('.py') for m in mods),"
        " any('mypyc' in n for n in sys.modules))"
    )
    env = {**os.environ, "SAHEL_PURE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["False", "True", "False"]


def test_the_source_only_finder_leaves_modules_outside_the_game_alone() -> None:
    finder = SourceOnlyFinder()
    assert finder.find_spec("json", None) is None
    assert finder.find_spec("pytest.main", [str(ROOT)]) is None
    spec = finder.find_spec("game.engine.state", [str(ROOT / "game" / "engine")])
    assert spec is not None and spec.origin == str(ROOT / "game" / "engine" / "state.py")
    assert pure_requested({"SAHEL_PURE": "1"}) and not pure_requested({"SAHEL_PURE": "0"})


def test_a_compiled_module_older_than_its_source_is_found_so_the_edit_is_what_runs(
    tmp_path: Path,
) -> None:
    import importlib.machinery

    from game._purepath import stale_source

    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    source, built = tmp_path / "rules.py", tmp_path / f"rules{suffix}"
    source.write_text("x = 1\n")
    built.write_bytes(b"")
    os.utime(source, (1000, 1000))
    os.utime(built, (2000, 2000))
    assert stale_source(str(tmp_path)) is None
    os.utime(source, (3000, 3000))
    assert stale_source(str(tmp_path)) == str(source)


def _compiled_sources() -> list[Path]:
    """The files setup.py gives mypyc (read from its PACKAGES, EXTRA and SKIP lists)."""
    import ast

    lists: dict[str, list[str]] = {}
    for node in ast.parse((ROOT / "setup.py").read_text(encoding="utf-8")).body:
        if not isinstance(node, ast.Assign):
            continue
        target = node.targets[0]
        if isinstance(target, ast.Name) and target.id in ("PACKAGES", "EXTRA", "SKIP"):
            lists[target.id] = list(ast.literal_eval(node.value))
    files = [p for pkg in lists["PACKAGES"] for p in sorted((ROOT / pkg).glob("*.py"))]
    files += [ROOT / p for p in lists["EXTRA"]]
    return [p for p in files if p.relative_to(ROOT).as_posix() not in set(lists["SKIP"])]


# Optional or heavy packages: a compiled module importing one would make the mypyc
# build need it (or fall back to plain Python for everything when it is missing).
EXTRAS = {"pettingzoo", "gymnasium", "pyspiel", "open_spiel", "ray", "pygame", "pygame_gui"}


def test_no_compiled_module_imports_an_optional_package_so_the_build_never_needs_one() -> None:
    import ast

    sources = _compiled_sources()
    assert {"deal_effects.py", "pettingzoo_core.py", "openspiel_box.py"} <= {
        p.name for p in sources
    }
    found = []
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            found += [f"{path.name}: {n}" for n in names if n.split(".")[0] in EXTRAS]
    assert found == []


def test_no_compiled_module_unpacks_a_tuple_into_module_constants() -> None:
    # mypyc checks all its modules as one import cycle, where `A, B = 0, 1` has no type
    # yet when another module reads A at its top level: the whole build then fell back
    # to plain Python. Single (Final) assignments are typed at once.
    import ast

    found = [
        f"{path.name}:{node.lineno}"
        for path in _compiled_sources()
        for node in ast.parse(path.read_text(encoding="utf-8")).body
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Tuple)
    ]
    assert found == []
