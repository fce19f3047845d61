"""Interop speed: moves/s through the PettingZoo and OpenSpiel adapters next to the raw
engine in the same run, and our MCTS next to OpenSpiel's Python `MCTSBot`.

Every loop plays the same seeded random games with the same move rule (a random
non-pass move, ending the turn 10% of the time; the engine loops list an offer's
answers in move-index order, as the adapters do), so the numbers compare like with
like; each level plays enough games for at least 1,500 moves (`--quick`) or 20,000,
timed in CPU seconds (the machines are shared). Rows:

- raw engine, bare: `legal_actions` + pick + `step`.
- raw engine, agent loop: the same plus `observe` for the actor (what an agent gets).
- PettingZoo (`raw_env` and the wrapped `env`): `last()` (observation + mask) +
  pick from the mask + `step`; the wrapped env's ratio to the bare engine has the
  ≤ 1.5× target.
- PettingZoo `env` reading every observation vector (the observation is built lazily,
  so a loop that reads only the mask does not pay for it): its ratio to the agent loop;
  and reading them all only when the game is over (a replay buffer: each late read
  replays a few moves from a segment's copy).
- OpenSpiel: `legal_actions()` + pick + `apply_action` (+ an observation tensor).
- Clone: the engine's `State.clone()` and OpenSpiel's `state.clone()` on the same
  mid-game positions, the latter alone (it shares the engine state) and with the
  engine copy its first move makes; the ratio of that full cost to the engine's clone
  has the ≤ 3× target.
- MCTS: seconds per decision of our `MCTSAgent` and of OpenSpiel's `MCTSBot` at the
  same iteration count (MCTSBot searches a state resampled from its player's
  information, as a fair seat must), and a head-to-head sample on the small levels.
  Their ratio measures rollout depth (MCTSBot plays each leaf to the end of the game,
  ours one round), not the implementations; it has no target.

Run alone: `nice -n 10 python -m benchmarks.interop_speed [--quick]`.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.common import Row, at_most, median
from benchmarks.engine import shipped_levels
from game.content import load_level
from game.engine import Action, Ruleset, State, legal_actions, new_game, observe, responder, step

MINI = Path(__file__).resolve().parents[1] / "tests" / "levels" / "mini"
PASS_CHANCE = 0.1
SEED = 2023
# The move loops are timed in CPU seconds of this process: on a shared, loaded machine
# a loop of a few milliseconds is often descheduled, which wall-clock time counts.
clock = time.process_time


def _pick(n_legal: int, rng: random.Random) -> int:
    """Index into a legal list whose first entry is PASS: the benchmark move rule."""
    if n_legal > 1 and rng.random() > PASS_CHANCE:
        return rng.randrange(1, n_legal)
    return 0


def _in_index_order(state: State, legal: list[Action]) -> list[Action]:
    """`legal` as the adapters list it: by move index (only an offer's answers, refuse
    first in the engine, come in another order), so every loop plays the same games."""
    if state.rules.deals and responder(state) >= 0:
        legal.sort(key=state.rules.action_index.__getitem__)
    return legal


def raw_bare(rules: Ruleset, games: int) -> tuple[int, float]:
    """(moves, seconds) for `games` games through the bare engine."""
    rng = random.Random(SEED)
    moves = 0
    start = clock()
    for g in range(games):
        state = new_game(rules, g)
        while state.outcome < 0:
            legal = _in_index_order(state, legal_actions(state))
            step(state, legal[_pick(len(legal), rng)])
            moves += 1
    return moves, clock() - start


def raw_agent_loop(rules: Ruleset, games: int) -> tuple[int, float]:
    """(moves, seconds) with `observe` for the acting faction before every move."""
    rng = random.Random(SEED)
    moves = 0
    order = rules.order
    start = clock()
    for g in range(games):
        state = new_game(rules, g)
        while state.outcome < 0:
            observe(state, order[state.turn])
            legal = _in_index_order(state, legal_actions(state))
            step(state, legal[_pick(len(legal), rng)])
            moves += 1
    return moves, clock() - start


def pettingzoo_loop(
    rules: Ruleset, games: int, wrapped: bool, read: bool = False, late: bool = False
) -> tuple[int, float]:
    """(moves, seconds) through the AEC environment (finished agents' steps not counted);
    with `read` the loop also reads the observation vector (built lazily otherwise), with
    `late` it keeps every observation and reads their vectors when the game is over (as
    a replay buffer does)."""
    from game.interop.pettingzoo_env import env, raw_env

    e: Any = env(rules) if wrapped else raw_env(rules)
    rng = random.Random(SEED)
    moves = 0
    start = clock()
    for g in range(games):
        e.reset(seed=g)
        kept: list[Any] = []
        for _agent in e.agent_iter():
            obs, _reward, terminated, truncated, _info = e.last()
            if terminated or truncated:
                e.step(None)
                continue
            if read:
                obs["observation"]
            elif late:
                kept.append(obs)
            # the mask's legal indices: `nonzero` itself (np.flatnonzero wraps it in ten
            # Python-level numpy calls, ~1 µs a step that is the loop's, not the env's)
            legal = obs["action_mask"].nonzero()[0]
            e.step(int(legal[_pick(len(legal), rng)]))
            moves += 1
        for obs in kept:
            obs["observation"]
    return moves, clock() - start


def openspiel_loop(rules: Ruleset, games: int, tensor: bool) -> tuple[int, float]:
    """(moves, seconds) through the OpenSpiel game (seed draw not counted)."""
    from game.interop.openspiel_game import load_game

    game = load_game(rules, num_seeds=max(1024, games))  # seed g = new_game(rules, g)
    rng = random.Random(SEED)
    moves = 0
    start = clock()
    for g in range(games):
        state = game.new_initial_state()
        state.apply_action(g % game.max_chance_outcomes())
        while not state.is_terminal():
            if tensor:
                state.observation_tensor(state.current_player())
            legal = state.legal_actions()
            state.apply_action(legal[_pick(len(legal), rng)])
            moves += 1
    return moves, clock() - start


def games_for(rules: Ruleset, min_moves: int) -> int:
    """How many of the benchmark's seeded games it takes to play `min_moves` moves (so
    every level is timed over enough moves, whatever its game length)."""
    rng = random.Random(SEED)
    moves = games = 0
    while moves < min_moves:
        state = new_game(rules, games)
        games += 1
        while state.outcome < 0:
            legal = _in_index_order(state, legal_actions(state))
            step(state, legal[_pick(len(legal), rng)])
            moves += 1
    return games


def speed_rows(level: str, rules: Ruleset, games: int, repeats: int) -> list[Row]:
    """Moves per CPU second of each loop on one level, and the adapter/engine ratios.

    Every loop first runs once untimed (warm-up), then the loops run round-robin
    `repeats` times and each keeps its fastest run, so a burst of load on a shared
    machine hits them alike.
    """
    loops: dict[str, Callable[[], tuple[int, float]]] = {
        "raw engine (bare)": lambda: raw_bare(rules, games),
        "raw engine (agent loop, + observe)": lambda: raw_agent_loop(rules, games),
        "PettingZoo raw_env": lambda: pettingzoo_loop(rules, games, False),
        "PettingZoo env (wrapped)": lambda: pettingzoo_loop(rules, games, True),
        "PettingZoo env (wrapped), observation vector read": lambda: pettingzoo_loop(
            rules, games, True, read=True
        ),
        "PettingZoo env (wrapped), every vector read after the game": lambda: pettingzoo_loop(
            rules, games, True, late=True
        ),
        "OpenSpiel": lambda: openspiel_loop(rules, games, False),
        "OpenSpiel + observation tensor": lambda: openspiel_loop(rules, games, True),
    }
    best: dict[str, float] = {}
    moves: dict[str, int] = {}
    skipped: dict[str, str] = {}
    for rep in range(repeats + 1):
        for name, run in loops.items():
            if name in skipped:
                continue
            try:
                count, seconds = run()
            except ModuleNotFoundError as exc:
                skipped[name] = str(exc.name)
                continue
            if rep == 0:
                continue  # warm-up
            moves[name] = count
            best[name] = min(seconds, best.get(name, seconds))
    out: list[Row] = []
    bare_moves = moves["raw engine (bare)"]
    speed = {name: moves[name] / best[name] for name in best}
    for name in loops:
        if name in skipped:
            out.append(Row(f"interop {level}: {name}: skipped", 0, "", note=f"no {skipped[name]}"))
            continue
        same = "" if moves[name] == bare_moves else f"{moves[name]} moves vs {bare_moves}"
        out.append(Row(f"interop {level}: {name}", speed[name], "moves/CPU s", note=same))
    if "PettingZoo env (wrapped)" in speed:
        bare = speed["raw engine (bare)"]
        agent = speed["raw engine (agent loop, + observe)"]
        pz = speed["PettingZoo env (wrapped)"]
        read = speed["PettingZoo env (wrapped), observation vector read"]
        out.append(
            at_most(
                f"interop {level}: PettingZoo env (wrapped) slowdown vs bare engine",
                bare / pz,
                "×",
                1.5,
                note=f"raw_env {bare / speed['PettingZoo raw_env']:.2f}×; "
                f"{bare_moves} moves x {repeats}",
            )
        )
        out.append(
            Row(
                f"interop {level}: PettingZoo env (wrapped) reading every observation, "
                "slowdown vs the agent loop (engine + observe)",
                agent / read,
                "×",
                note=f"{bare / read:.2f}× vs the bare engine",
            )
        )
    return out


def clone_rows(level: str, rules: Ruleset, positions: int = 20, n: int = 2000) -> list[Row]:
    """The engine's `State.clone()` next to OpenSpiel's `state.clone()` on the same
    mid-game positions (CPU µs per clone, best of 5 round-robin runs).

    An OpenSpiel clone shares its engine state until it first moves (copy on write), so
    it is timed twice: `clone()` alone, and `clone()` with the copy its first move makes
    (`engine_state`, which takes that copy); the ≤ 3× target is on the second, the full
    cost of a clone that is played on.
    """
    try:
        from game.interop.openspiel_game import load_game
    except ModuleNotFoundError as exc:
        return [Row(f"interop {level}: OpenSpiel clone: skipped", 0, "", note=f"no {exc.name}")]
    game = load_game(rules)
    rng = random.Random(SEED)
    states = []
    for k in range(positions):
        state = game.new_initial_state()
        state.apply_action(k % game.max_chance_outcomes())
        for _ in range(rng.randrange(5, 60)):
            if state.is_terminal():
                break
            legal = state.legal_actions()
            state.apply_action(legal[_pick(len(legal), rng)])
        states.append(state)
    engines = [s.engine_state for s in states]

    def per_clone(items: list[Any], own: bool = False) -> float:
        start = clock()
        for _ in range(n):
            for item in items:
                if own:
                    item.clone().engine_state  # noqa: B018 (takes the deferred copy)
                else:
                    item.clone()
        return (clock() - start) / (n * len(items)) * 1e6

    best_engine = best_os = best_owned = float("inf")
    for _ in range(5):
        best_engine = min(best_engine, per_clone(engines))
        best_os = min(best_os, per_clone(states))
        best_owned = min(best_owned, per_clone(states, own=True))
    return [
        Row(f"interop {level}: engine State.clone()", best_engine, "µs"),
        Row(f"interop {level}: OpenSpiel state.clone() (engine state shared)", best_os, "µs"),
        Row(
            f"interop {level}: OpenSpiel state.clone() + the engine copy of its first move",
            best_owned,
            "µs",
        ),
        Row(
            f"interop {level}: OpenSpiel clone() alone / engine clone",
            best_os / best_engine,
            "×",
        ),
        at_most(
            f"interop {level}: OpenSpiel clone with its engine copy / engine clone",
            best_owned / best_engine,
            "×",
            3.0,
            note=f"{positions} mid-game positions x {n}",
        ),
    ]


def _positions(rules: Ruleset, count: int) -> list[tuple[int, list[int]]]:
    """(seed, move indices) leading to `count` decision points with a real choice."""
    from game.interop.encoding import MoveCodec

    codec = MoveCodec(rules)
    rng = random.Random(SEED)
    found: list[tuple[int, list[int]]] = []
    g = 0
    while len(found) < count and g < 50 * count:
        seed = g % 1024
        g += 1
        state = new_game(rules, seed)
        history: list[int] = []
        while state.outcome < 0 and len(found) < count:
            legal = codec.legal_indices(state)
            if len(legal) > 2 and rng.random() < 0.1:
                found.append((seed, history[:]))
            index = legal[_pick(len(legal), rng)]
            history.append(index)
            step(state, rules.action_space[index])
    return found


def mcts_rows(level: str, rules: Ruleset, iterations: int, positions: int) -> list[Row]:
    """Per-decision time of our MCTS and OpenSpiel's MCTSBot at the same iterations."""
    from open_spiel.python.algorithms import mcts as os_mcts

    from game.ai.mcts import MCTSAgent
    from game.interop.openspiel_game import load_game

    game = load_game(rules)
    ours_s: list[float] = []
    theirs_s: list[float] = []
    for k, (seed, history) in enumerate(_positions(rules, positions)):
        state = game.new_initial_state()
        state.apply_action(seed)
        for index in history:
            state.apply_action(index)
        player = state.current_player()
        engine = state.engine_state
        agent = MCTSAgent(rules, player, iterations=iterations)
        start = time.perf_counter()
        agent.decide(observe(engine, player), legal_actions(engine), random.Random(k))
        ours_s.append(time.perf_counter() - start)
        bot = os_mcts.MCTSBot(
            game,
            uct_c=2.0,
            max_simulations=iterations,
            evaluator=os_mcts.RandomRolloutEvaluator(1, np.random.RandomState(k)),
            random_state=np.random.RandomState(k),
        )
        start = time.perf_counter()
        bot.step(state.resample_from_infostate(player, random.Random(k).random))
        theirs_s.append(time.perf_counter() - start)
    ours, theirs = median(ours_s), median(theirs_s)
    return [
        Row(f"interop {level}: our MCTS, {iterations} iterations", ours, "s/decision"),
        Row(f"interop {level}: OpenSpiel MCTSBot, {iterations} simulations", theirs, "s/decision"),
        # Not an implementation comparison: MCTSBot's leaf is a random play-out to the
        # end of the game, ours a random play-out of one round (every seat's turn), so
        # this ratio measures how much deeper its rollouts go on the level.
        Row(
            f"interop {level}: rollout depth cost, MCTSBot (random play-out to the end) "
            "time / our MCTS (play-out of one round) time",
            theirs / ours if ours else 0.0,
            "×",
            note=f"median of {len(ours_s)} positions; not a like-for-like speed comparison",
        ),
    ]


def head_to_head(rules: Ruleset, iterations: int, games: int) -> tuple[int, int, int, float]:
    """Our MCTS in one seat against MCTSBot in every other, seats rotating; returns
    (games our MCTS won, games an MCTSBot seat won, games nobody won, our mean return)."""
    from open_spiel.python.algorithms import mcts as os_mcts

    from game.ai.mcts import MCTSAgent
    from game.interop.encoding import MoveCodec
    from game.interop.openspiel_game import load_game

    game = load_game(rules)
    codec = MoveCodec(rules)
    n = len(rules.factions)
    ours_total = 0.0
    won = lost = nobody = 0
    for g in range(games):
        seat = g % n
        rng = random.Random(SEED + g)
        agent = MCTSAgent(rules, seat, iterations=iterations)
        bot = os_mcts.MCTSBot(
            game,
            uct_c=2.0,
            max_simulations=iterations,
            evaluator=os_mcts.RandomRolloutEvaluator(1, np.random.RandomState(g)),
            random_state=np.random.RandomState(g),
        )
        state = game.new_initial_state()
        state.apply_action((SEED + g) % game.max_chance_outcomes())
        while not state.is_terminal():
            player = state.current_player()
            if player == seat:
                engine = state.engine_state
                view = observe(engine, player)
                decision = agent.decide(view, legal_actions(engine), rng)
                state.apply_action(codec.index(decision.action))
            else:
                state.apply_action(bot.step(state.resample_from_infostate(player, rng.random)))
        ours_total += state.returns()[seat]
        winner = state.engine_state.winner
        if winner == seat:
            won += 1
        elif winner >= 0:
            lost += 1
        else:
            nobody += 1
    return won, lost, nobody, ours_total / games


def rows(quick: bool) -> list[Row]:
    """Every interop row: adapter speeds per level, then the MCTS comparison."""
    levels = [("mini", load_level(MINI))] + [(name, load_level(name)) for name in shipped_levels()]
    out: list[Row] = []
    for name, rules in levels:
        games = games_for(rules, 1500 if quick else 20000)
        out.extend(speed_rows(name, rules, games, 3 if quick else 5))
        out.extend(clone_rows(name, rules, n=200 if quick else 2000))
    try:
        import pyspiel  # noqa: F401

        from game.ai.mcts import MCTSAgent  # noqa: F401
    except ModuleNotFoundError as exc:
        out.append(Row("interop MCTS comparison: skipped", 0, "", note=f"no {exc.name}"))
        return out
    iterations = 64
    for name, rules in levels:
        out.extend(mcts_rows(name, rules, iterations, 3 if quick else 8))
    for name, rules in levels:
        if name != "mini" and rules.rounds * len(rules.factions) > 40:
            continue  # full MCTSBot games are too slow on the big scenarios
        games = 4 if quick else 24
        won, lost, nobody, mean = head_to_head(rules, iterations, games)
        out.append(
            Row(
                f"interop {name}: head-to-head, games won by our MCTS",
                won,
                f"of {games}",
                note=f"MCTSBot seats won {lost}, nobody {nobody}; our mean return "
                f"{mean:+.2f}; {iterations} iterations each side, seats rotating",
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the interop rows as a Markdown table."""
    from benchmarks.__main__ import table

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a short smoke run")
    args = parser.parse_args(argv)
    print(table(rows(args.quick)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
