"""A fair MCTS comparison: our search against OpenSpiel's `MCTSBot`, same leaf evaluation.

`MCTSBot`'s leaves are judged by our `PositionEvaluator` (the faction's foresight, values
mapped to [-1, 1]) instead of random play-outs, and it searches a state resampled from
its player's information, as a fair seat must. Our `mcts` preset (greedy root prior,
no random play-out) plays one seat, `MCTSBot` every other, seats rotating game by game.
Two budgets: equal iterations (`--iterations N` for both), or equal time (`--time-ms T`:
each side gets the iterations it runs in T ms of CPU, its fixed cost per decision
included, both calibrated on this machine first on the same positions; CPU time, so
the other processes of a shared machine do not shift the balance). Prints wins with
the 95 % (Wilson) interval of our win share next to the mean share of one `MCTSBot`
seat.

    python -m benchmarks.mcts_fair niger_2023 --games 40 --iterations 64
    python -m benchmarks.mcts_fair niger_2023 --games 40 --time-ms 60
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from typing import Any

import numpy as np

from game.ai.evaluate import PositionEvaluator
from game.ai.mcts import MCTSAgent
from game.ai.presets import PRIOR_VISITS, UNLIMITED
from game.content import load_level
from game.engine import Ruleset, legal_actions, observe

SEED = 2021


class LeafEvaluator:
    """OpenSpiel's evaluator protocol over our `PositionEvaluator` (uniform priors)."""

    def __init__(self, rules: Ruleset, faction: int) -> None:
        self.evaluator = PositionEvaluator(rules, foresight=rules.factions[faction].foresight)

    def evaluate(self, state: Any) -> np.ndarray[Any, np.dtype[np.float64]]:
        """Values of a non-terminal position for every player, in [-1, 1]."""
        values = self.evaluator.values(state.engine_state)
        return np.array([2.0 * v - 1.0 for v in values])

    def prior(self, state: Any) -> list[tuple[int, float]]:
        """Uniform priors over the legal moves."""
        legal = state.legal_actions()
        return [(a, 1.0 / len(legal)) for a in legal]


def make_bot(game: Any, rules: Ruleset, faction: int, simulations: int, seed: int) -> Any:
    """An `MCTSBot` with our leaf evaluation."""
    from open_spiel.python.algorithms import mcts as os_mcts

    return os_mcts.MCTSBot(
        game,
        uct_c=2.0,
        max_simulations=max(1, simulations),
        evaluator=LeafEvaluator(rules, faction),
        random_state=np.random.RandomState(seed),
    )


def make_ours(rules: Ruleset, faction: int, iterations: int | None, time_ms: float | None) -> Any:
    """Our `mcts` preset with the given iteration budget or time limit."""
    return MCTSAgent(
        rules,
        faction,
        iterations=UNLIMITED if iterations is None else iterations,
        time_cap_ms=time_ms,
        rollout_turns=0,
        foresight=rules.factions[faction].foresight,
        prior_visits=PRIOR_VISITS,
    )


def calibrate(game: Any, rules: Ruleset, time_ms: float, positions: int = 8) -> tuple[int, int]:
    """(our iterations, `MCTSBot` simulations) that take `time_ms` of CPU here.

    Each side is timed at 32 and at 96 iterations on the same positions (those with a
    real choice), so its fixed cost per decision (our greedy root prior) and its cost
    per iteration are both counted.
    """
    rng = random.Random(SEED)
    spent = {(side, k): 0.0 for side in ("ours", "bot") for k in (32, 96)}
    done = 0
    state = game.new_initial_state()
    state.apply_action(SEED % game.max_chance_outcomes())
    while done < positions and not state.is_terminal():
        player = state.current_player()
        engine = state.engine_state
        legal = legal_actions(engine)
        if len(legal) > 1:
            for k in (32, 96):
                agent = make_ours(rules, player, k, None)
                start = time.process_time()
                agent.decide(observe(engine, player), legal, random.Random(done))
                spent["ours", k] += time.process_time() - start
                bot = make_bot(game, rules, player, k, done)
                start = time.process_time()
                bot.step(state.resample_from_infostate(player, rng.random))
                spent["bot", k] += time.process_time() - start
            done += 1
        state.apply_action(state.legal_actions()[1 if len(legal) > 1 else 0])
    budgets = []
    for side in ("ours", "bot"):
        low, high = (1000.0 * spent[side, k] / max(1, done) for k in (32, 96))
        per_iteration = max(1e-6, (high - low) / 64)
        fixed = max(0.0, low - 32 * per_iteration)
        budgets.append(max(1, round((time_ms - fixed) / per_iteration)))
    return budgets[0], budgets[1]


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson interval of a share k/n."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def play(
    rules: Ruleset, games: int, iterations: int | None, time_ms: float | None
) -> dict[str, Any]:
    """The head-to-head: our search in seat g % n of game g, `MCTSBot` elsewhere."""
    from game.interop.encoding import MoveCodec
    from game.interop.openspiel_game import load_game

    game = load_game(rules)
    codec = MoveCodec(rules)
    n = len(rules.factions)
    if time_ms is None:
        assert iterations is not None
        simulations = iterations
    else:
        iterations, simulations = calibrate(game, rules, time_ms)
    won = lost = nobody = 0
    ours_s: list[float] = []
    theirs_s: list[float] = []
    for g in range(games):
        seat = g % n
        rng = random.Random(SEED + g)
        agent = make_ours(rules, seat, iterations, None)
        bots = {f: make_bot(game, rules, f, simulations, SEED + g * n + f) for f in range(n)}
        state = game.new_initial_state()
        state.apply_action((SEED + g) % game.max_chance_outcomes())
        while not state.is_terminal():
            player = state.current_player()
            start = time.process_time()
            if player == seat:
                engine = state.engine_state
                decision = agent.decide(observe(engine, player), legal_actions(engine), rng)
                action = codec.index(decision.action)
                ours_s.append(time.process_time() - start)
            else:
                action = bots[player].step(state.resample_from_infostate(player, rng.random))
                theirs_s.append(time.process_time() - start)
            state.apply_action(action)
        winner = state.engine_state.winner
        if winner == seat:
            won += 1
        elif winner >= 0:
            lost += 1
        else:
            nobody += 1
        print(f"  game {g}: seat {seat}, winner {winner}", file=sys.stderr)
    low, high = wilson(won, games)
    return {
        "level": rules.level_id,
        "games": games,
        "budget": f"{time_ms:g} ms each" if time_ms is not None else f"{iterations} iterations",
        "our_iterations": iterations,
        "mctsbot_simulations": simulations,
        "ours_won": won,
        "ours_share_95": [round(low, 3), round(high, 3)],
        "mctsbot_seats_won": lost,
        "mctsbot_share_per_seat": round(lost / (n - 1) / games, 3),
        "nobody": nobody,
        "ours_decision_cpu_ms": round(1000 * sum(ours_s) / max(1, len(ours_s)), 1),
        "mctsbot_decision_cpu_ms": round(1000 * sum(theirs_s) / max(1, len(theirs_s)), 1),
    }


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: play the head-to-head and print its summary as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("level")
    parser.add_argument("--games", type=int, default=40)
    budget = parser.add_mutually_exclusive_group()
    budget.add_argument("--iterations", type=int, default=64)
    budget.add_argument("--time-ms", type=float)
    args = parser.parse_args(argv)
    rules = load_level(args.level)
    iterations = None if args.time_ms is not None else args.iterations
    print(json.dumps(play(rules, args.games, iterations, args.time_ms), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
