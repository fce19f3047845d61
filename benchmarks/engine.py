"""Engine benchmarks: level load vs bare YAML parse, decisions/s, games/s, clone time."""

from __future__ import annotations

import random
import time
from pathlib import Path

import yaml

from benchmarks.common import Row, at_least, at_most, median, timed
from game.content import load_level
from game.content.loader import find_level
from game.engine import PASS, Action, Ruleset, apply, legal_actions, new_game, step

LEVELS_DIR = Path(__file__).resolve().parents[1] / "levels"
FLAGSHIP = "niger_2023"


def shipped_levels() -> list[str]:
    """Names of the levels under levels/."""
    return sorted(p.name for p in LEVELS_DIR.iterdir() if p.is_dir() and any(p.glob("*.yaml")))


def bare_parse(folder: Path) -> None:
    """Parse a level's YAML files with PyYAML's C loader and nothing else (the baseline)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in sorted(folder.glob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=loader)


def load_rows(level: str, repeat: int) -> list[Row]:
    """Load + validate time of a level next to a bare parse of the same files."""
    folder = find_level(level)
    load_level(folder)
    full = median(timed(lambda: load_level(folder), repeat))
    parse = median(timed(lambda: bare_parse(folder), repeat))
    ratio = full / parse if parse else 0.0
    if level != FLAGSHIP:  # the issue sets the load targets on the flagship level
        return [
            Row(f"load+validate {level}", full, "s"),
            Row(f"bare YAML parse {level}", parse, "s"),
            Row(f"load/parse ratio {level}", ratio, "×"),
        ]
    return [
        at_most(f"load+validate {level}", full, "s", 0.3),
        Row(f"bare YAML parse {level}", parse, "s"),
        at_most(f"load/parse ratio {level}", ratio, "×", 3.0),
    ]


def random_move(state_moves: list[Action], rng: random.Random) -> Action:
    """The random agent's rule: a random non-pass move, passing 10% of the time; an
    offer's answers (which never include PASS) are picked among uniformly."""
    if state_moves and state_moves[0] != PASS:
        return state_moves[rng.randrange(len(state_moves))]
    if len(state_moves) > 1 and rng.random() > 0.1:
        return state_moves[rng.randrange(1, len(state_moves))]
    return PASS


def decision_rows(rules: Ruleset, seconds: float) -> list[Row]:
    """Decisions per second (legal actions + pick + apply) and random games per second."""
    rng = random.Random(0)
    decisions = games = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        state = new_game(rules, games)
        while not state.is_over:
            step(state, random_move(legal_actions(state), rng))
            decisions += 1
        games += 1
    elapsed = time.perf_counter() - start
    checked = 0
    start = time.perf_counter()
    state = new_game(rules, 0)
    while time.perf_counter() - start < seconds / 3:
        if state.is_over:
            state = new_game(rules, checked)
        state, _ = apply(state, random_move(legal_actions(state), rng))
        checked += 1
    checked_elapsed = time.perf_counter() - start
    lvl = rules.level_id
    return [
        at_least(
            f"decisions/s {lvl} (fast path: legal+pick+step)",
            decisions / elapsed,
            "decisions/s",
            20_000,
        ),
        Row(
            f"decisions/s {lvl} (checked apply with log)", checked / checked_elapsed, "decisions/s"
        ),
        Row(f"random games/s {lvl}", games / elapsed, "games/s"),
    ]


def clone_rows(rules: Ruleset) -> list[Row]:
    """Time to clone a mid-game state."""
    state = new_game(rules, 1)
    n = 20_000
    start = time.perf_counter()
    for _ in range(n):
        state.clone()
    per = (time.perf_counter() - start) / n * 1e6
    return [Row(f"clone {rules.level_id}", per, "µs")]


def rows(quick: bool) -> list[Row]:
    """Every engine row for every shipped level."""
    out: list[Row] = []
    for level in shipped_levels():
        out += load_rows(level, 5 if quick else 20)
        rules = load_level(level)
        out += decision_rows(rules, 1.5 if quick else 5.0)
        out += clone_rows(rules)
    return out
