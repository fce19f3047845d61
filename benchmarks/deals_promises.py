"""Do AIs keep their word (issue 22)? Per deal with commitments, over N games of one AI in
every seat: how often it was agreed, how often each side broke it by taking an action it
had promised not to take, and — for a "will take Z within R rounds" term — how often the
promised action was taken in time or the deadline was missed.

Each game is played by `game.headless.play_match` and then replayed move by move, so
every change of a deal's status is tied to the move (or the round's end) that made it.
Rates are per agreement, with 95% Wilson intervals.

Is a breach rational? At each move that breaks a promise, the breaker's own evaluation
(the judge of its `AGENT` seat, on the true position before the move) values three
one-step outcomes: the breaking move as played (breach effects included), the same move
had the deal not been in force (no breach effects), and the best move that keeps every
promise (ending the turn included). The break is rational by its own lights when it is
worth at least the best keeping move; the breach's cost is the no-breach value minus the
played value. Both are printed per deal, side, in the level's stakes (`scale`) units.

Run: `nice -n 10 python -m benchmarks.deals_promises LEVEL --games 100 [--agent ai:normal]
[--workers 2] [--json FILE]`. Not a timed test; each game is determined by its seed and
seats unless a time cap bites.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from game.ai import create_agent
from game.ai.evaluate import PositionEvaluator
from game.ai.offers import answer_offer, awaits_rival
from game.content import load_level
from game.content.loader import find_level
from game.engine import Action, Ruleset, State, legal_actions, new_game, step
from game.engine.deal_defs import BROKEN, IN_FORCE, KEPT, DealDef
from game.headless import play_match
from game.sim.games import game_seed
from game.sim.report import wilson

_RULES: dict[str, Ruleset] = {}


def _rules(folder: str) -> Ruleset:
    if folder not in _RULES:
        _RULES[folder] = load_level(Path(folder))
    return _RULES[folder]


def _commits(deal: DealDef) -> bool:
    return bool(
        deal.proposer_refrains
        or deal.recipient_refrains
        or deal.proposer_takes
        or deal.recipient_takes
    )


def promise_events(rules: Ruleset, seed: int, moves: list[Action]) -> Counter[str]:
    """Replay one game's moves and count, per deal with commitments ('<deal>:<what>'):
    agreed, kept, broken_by_<faction> (a forbidden action taken), took_in_time (a
    promised action taken while in force, once per agreement), missed_deadline."""
    state = new_game(rules, seed)
    counts: Counter[str] = Counter()
    watched = [d for d in rules.deals if _commits(d)]
    took: set[int] = set()
    for move in moves:
        before = [state.v[d.status_slot] for d in watched]
        step(state, move)
        for d, was in zip(watched, before, strict=True):
            now = state.v[d.status_slot]
            if was != IN_FORCE and now == IN_FORCE:
                counts[f"{d.id}:agreed"] += 1
                took.discard(d.index)
            if was != IN_FORCE or move.action < 0:
                forbidden = takes = False
            else:
                forbidden = move.action in d.proposer_refrains + d.recipient_refrains
                takes = move.action in d.proposer_takes + d.recipient_takes
            if takes and d.index not in took:
                took.add(d.index)
                counts[f"{d.id}:took_in_time"] += 1
            if was == IN_FORCE and now == BROKEN:
                if forbidden:
                    breaker = rules.factions[rules.actions[move.action].faction].id
                    counts[f"{d.id}:broken_by_{breaker}"] += 1
                else:
                    counts[f"{d.id}:missed_deadline"] += 1
            if was == IN_FORCE and now == KEPT:
                counts[f"{d.id}:kept"] += 1
    return counts


Margins = Callable[[State], list[float]]


def judges(rules: Ruleset, agent: str) -> list[Margins]:
    """Each faction's own one-step evaluation under `agent` (its search's judge), or the
    level's position evaluator for an agent without one."""
    out: list[Margins] = []
    fallback = PositionEvaluator(rules).margins
    for f in range(len(rules.factions)):
        evaluator = getattr(create_agent(agent, rules, f), "evaluator", None)
        out.append(evaluator.margins if evaluator is not None else fallback)
    return out


def _after(state: State, move: Action, margins: Margins, me: int) -> float:
    trial = state.clone()
    step(trial, move)
    if awaits_rival(trial, me):
        answer_offer(trial, margins, me)
    return margins(trial)[me]


def breach_values(
    rules: Ruleset, state: State, move: Action, deal: DealDef, judge: Margins
) -> tuple[float, float, float]:
    """(the breaking `move`'s value, its value without the breach, the best promise-keeping
    move's value) for the faction making `move` on `state`, by `judge`, one step ahead."""
    me = rules.actions[move.action].faction
    broken = _after(state, move, judge, me)
    free = state.clone()
    free.v[deal.status_slot] = KEPT
    unbound = _after(free, move, judge, me)
    forbidden = {
        a
        for d in rules.deals
        if state.v[d.status_slot] == IN_FORCE
        for a in (d.proposer_refrains if me == d.proposer else ())
        + (d.recipient_refrains if me == d.recipient else ())
    }
    keeping = [m for m in legal_actions(state) if m.action < 0 or m.action not in forbidden]
    keep = max((_after(state, m, judge, me) for m in keeping), default=broken)
    return broken, unbound, keep


def breach_records(
    rules: Ruleset, seed: int, moves: list[Action], margins: list[Margins]
) -> list[tuple[str, str, float, float, float]]:
    """Replay one game: per promise broken by a forbidden move, (deal, breaker, value of
    the break, value without the breach, best keeping value) by the breaker's judge."""
    state = new_game(rules, seed)
    out = []
    watched = [d for d in rules.deals if d.proposer_refrains or d.recipient_refrains]
    for move in moves:
        if move.action >= 0:
            for d in watched:
                if state.v[d.status_slot] != IN_FORCE:
                    continue
                me = rules.actions[move.action].faction
                if move.action in (d.proposer_refrains if me == d.proposer else ()) + (
                    d.recipient_refrains if me == d.recipient else ()
                ):
                    values = breach_values(rules, state, move, d, margins[me])
                    out.append((d.id, rules.factions[me].id, *values))
        step(state, move)
    return out


def play_one(
    folder: str, agent: str, base_seed: int, index: int
) -> tuple[dict[str, int], list[tuple[str, str, float, float, float]]]:
    """Play game `index` with `agent` in every seat; its promise counts and breaches."""
    rules = _rules(folder)
    seed = game_seed(base_seed, index)
    match = play_match(rules, seed, [agent] * len(rules.factions))
    moves = [m.action for m in match.history]
    counts = dict(promise_events(rules, seed, moves))
    return counts, breach_records(rules, seed, moves, judges(rules, agent))


def breach_report(rules: Ruleset, records: list[tuple[str, str, float, float, float]]) -> str:
    """Per deal and breaker: how many breaches were worth at least the best keeping move
    by the breaker's own judge, the mean gain over keeping and the mean breach cost."""
    scale = PositionEvaluator(rules).model.scale
    groups: dict[tuple[str, str], list[tuple[float, float, float]]] = {}
    for deal, who, broken, unbound, keep in records:
        groups.setdefault((deal, who), []).append((broken, unbound, keep))
    lines = [
        f"Breaches judged by the breaker's own evaluation, one step ahead (units: scale = "
        f"{scale:g})",
        "",
        "| deal, breaker | breaches | rational (break ≥ best keep) [95%] "
        "| mean gain over keeping | mean breach cost |",
        "|---|---|---|---|---|",
    ]
    for (deal, who), rows in sorted(groups.items()):
        n = len(rows)
        rational = sum(b >= k - 1e-9 for b, _, k in rows)
        gain = sum(b - k for b, _, k in rows) / n / scale
        cost = sum(u - b for b, u, _ in rows) / n / scale
        lines.append(f"| {deal}, {who} | {n} | {_rate(rational, n)} | {gain:+.3f} | {cost:+.3f} |")
    return "\n".join(lines)


def _rate(hits: int, n: int) -> str:
    if not n:
        return "—"
    low, high = wilson(hits, n)
    return f"{hits}/{n} = {100 * hits / n:.0f}% [{100 * low:.0f}–{100 * high:.0f}]"


def report(rules: Ruleset, games: list[dict[str, int]], agent: str) -> str:
    """Per deal with commitments: agreements, breaches per side, promised actions taken."""
    total: Counter[str] = Counter()
    for g in games:
        total.update(g)
    lines = [
        f"## {rules.level_id}: promises under {agent} in every seat, N = {len(games)} games",
        "",
        "| deal | agreed (games) | broken by a forbidden move, per agreement [95%] "
        "| promised move taken in time [95%] | deadline missed [95%] | kept |",
        "|---|---|---|---|---|---|",
    ]
    for d in rules.deals:
        if not _commits(d):
            continue
        n = total[f"{d.id}:agreed"]
        in_games = sum(1 for g in games if g.get(f"{d.id}:agreed"))
        broken = []
        for f in (d.proposer, d.recipient):
            if (f == d.proposer and d.proposer_refrains) or (
                f == d.recipient and d.recipient_refrains
            ):
                fid = rules.factions[f].id
                broken.append(f"{fid} {_rate(total[f'{d.id}:broken_by_{fid}'], n)}")
        has_takes = bool(d.proposer_takes or d.recipient_takes)
        took = _rate(total[f"{d.id}:took_in_time"], n) if has_takes else "—"
        missed = _rate(total[f"{d.id}:missed_deadline"], n) if has_takes else "—"
        lines.append(
            f"| {d.id}{' (binding)' if d.binding else ''} | {n} ({in_games}) | "
            f"{'; '.join(broken) or '—'} | {took} | {missed} | {total[f'{d.id}:kept']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Play the games and print the table; exit 0 whatever the rates."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.deals_promises")
    parser.add_argument("level", help="a level name under levels/ or a level folder")
    parser.add_argument("--games", type=int, default=100, help="games (default 100)")
    parser.add_argument("--agent", default="ai:normal", help="the AI in every seat")
    parser.add_argument("--seed", type=int, default=0, help="base seed (default 0)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (at most 2)")
    parser.add_argument("--json", metavar="FILE", help="also write the per-game counts as JSON")
    args = parser.parse_args(argv)
    folder = str(find_level(args.level).resolve())
    rules = _rules(folder)
    start = time.perf_counter()
    n = args.games
    with ProcessPoolExecutor(max(1, min(2, args.workers))) as pool:
        played = list(
            pool.map(
                play_one, [folder] * n, [args.agent] * n, [args.seed] * n, range(n), chunksize=4
            )
        )
    games = [counts for counts, _ in played]
    breaches = [row for _, rows in played for row in rows]
    print(report(rules, games, args.agent))
    print()
    print(breach_report(rules, breaches))
    print(f"\n{n} games in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    if args.json:
        data = {"games": games, "breaches": breaches}
        Path(args.json).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
