"""Record the engine's and the AI's behaviour, so a refactoring can prove it changed nothing.

    python tools/record_golden.py          # writes tests/golden/behaviour.json

Two kinds of record, compared by `tests/test_behaviour_unchanged.py`:
- games: the state hash at the start of every round and at the end, and a digest of
  the log's text, of a fixed set of games (the test level `mini`, `tutorial` and
  `niger_2023`; every seat random, every seat greedy, and one `ai:normal` game per
  level), each from a fixed seed;
- decisions: the move (action id and target) that `greedy`, `ai:easy` and `ai:normal`
  choose on fixed positions taken from random games (as `benchmarks/ai_speed.py` does).
Time caps of the AI presets are switched off, so a busy machine cannot change a record.
Record again only when a change of behaviour is intended, and say so in the commit.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game.ai import Agent, create_agent  # noqa: E402
from game.ai.random_agent import RandomAgent  # noqa: E402
from game.content import load_level  # noqa: E402
from game.engine import (  # noqa: E402
    Action,
    PlayerView,
    Ruleset,
    current_faction,
    describe,
    legal_actions,
    new_game,
    observe,
    step,
)
from game.headless import seat_rng  # noqa: E402
from game.match import Match  # noqa: E402

GOLDEN = ROOT / "tests" / "golden" / "behaviour.json"
LEVELS = {
    "mini": ROOT / "tests" / "levels" / "mini",
    "tutorial": ROOT / "levels" / "tutorial",
    "niger_2023": ROOT / "levels" / "niger_2023",
}
GAMES = [("random", seed) for seed in (1, 2, 3, 4)] + [("greedy", seed) for seed in (1, 2)]
GAMES += [("ai:normal", 7)]
DECIDERS = ("greedy", "ai:easy", "ai:normal")
POSITIONS = 10
POSITION_SEED = 2023


def uncapped(name: str, rules: Ruleset, faction: int) -> Agent:
    """The preset agent `name` with its time cap removed (so records never depend on load)."""
    agent = create_agent(name, rules, faction)
    if hasattr(agent, "time_cap_ms"):
        agent.time_cap_ms = None
    return agent


def play(rules: Ruleset, seat: str, seed: int) -> list[str]:
    """The round hashes (and a digest of the log's text) of a game with every seat played
    by `seat`, from `seed`."""
    match = Match.new(rules, seed)
    agents = [uncapped(seat, rules, f) for f in range(len(rules.factions))]
    rngs = [seat_rng(seed, f) for f in range(len(rules.factions))]
    for _ in range(100_000):
        if match.is_over:
            break
        f = match.active
        decision = agents[f].decide(observe(match.state, f), legal_actions(match.state), rngs[f])
        match.play(decision.action, decision.reason)
    hashes = [f"{r}:{h}" for r, h in zip(match.round_numbers, match.round_hashes, strict=True)]
    story = "\n".join(describe(rules, entry) for entry in match.log)
    return [*hashes, "log:" + hashlib.sha256(story.encode()).hexdigest()[:16]]


def positions(rules: Ruleset) -> list[tuple[PlayerView, list[Action]]]:
    """Fixed decision points with a real choice, taken from seeded random games."""
    rng = random.Random(POSITION_SEED)
    agent = RandomAgent()
    found: list[tuple[PlayerView, list[Action]]] = []
    game = 0
    while len(found) < POSITIONS and game < 10 * POSITIONS:
        state = new_game(rules, POSITION_SEED + game)
        game += 1
        while not state.is_over and len(found) < POSITIONS:
            faction = current_faction(state)
            legal = legal_actions(state)
            if len(legal) > 1 and rng.random() < 0.15:
                found.append((observe(state, faction), legal))
            step(state, agent.decide(observe(state, faction), legal, rng).action)
    return found


def move_name(rules: Ruleset, action: Action) -> str:
    """A stable name of a move: 'pass' or 'action_id' or 'action_id@target_index'."""
    if action.action < 0:
        return "pass"
    name = rules.actions[action.action].id
    return f"{name}@{action.target}" if action.target >= 0 else name


def decisions(rules: Ruleset, name: str) -> list[str]:
    """The move agent `name` picks on each fixed position (a fresh rng per position)."""
    agents = {f: uncapped(name, rules, f) for f in range(len(rules.factions))}
    out = []
    for i, (view, legal) in enumerate(positions(rules)):
        decision = agents[view.faction].decide(view, legal, random.Random(i))
        out.append(move_name(rules, decision.action))
    return out


def record() -> dict[str, Any]:
    """Every record, keyed 'level seat seed' for games and 'level agent' for decisions."""
    games: dict[str, list[str]] = {}
    chosen: dict[str, list[str]] = {}
    for level, folder in LEVELS.items():
        rules = load_level(folder)
        for seat, seed in GAMES:
            games[f"{level} {seat} {seed}"] = play(rules, seat, seed)
        for name in DECIDERS:
            chosen[f"{level} {name}"] = decisions(rules, name)
    return {"games": games, "decisions": chosen}


def main(argv: list[str] | None = None) -> int:
    """Write the record file; exit 0."""
    parser = argparse.ArgumentParser(prog="python tools/record_golden.py", description=__doc__)
    parser.add_argument("--out", type=Path, default=GOLDEN)
    args = parser.parse_args(argv)
    data = record()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(data['games'])} games, {len(data['decisions'])} decision sets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
