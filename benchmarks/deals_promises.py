"""Do AIs keep their word (issue 22)? Per deal with commitments, over N games of one AI in
every seat: how often it was agreed, how often each side broke it by taking an action it
had promised not to take, and — for a "will take Z within R rounds" term — how often the
promised action was taken in time or the deadline was missed.

Each game is played by `game.headless.play_match` and then replayed move by move, so
every change of a deal's status is tied to the move (or the round's end) that made it.
Rates are per agreement, with 95% Wilson intervals.

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
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from game.content import load_level
from game.content.loader import find_level
from game.engine import Action, Ruleset, new_game, step
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


def play_one(folder: str, agent: str, base_seed: int, index: int) -> dict[str, int]:
    """Play game `index` with `agent` in every seat; its promise counts."""
    rules = _rules(folder)
    seed = game_seed(base_seed, index)
    match = play_match(rules, seed, [agent] * len(rules.factions))
    return dict(promise_events(rules, seed, [m.action for m in match.history]))


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
        games = list(
            pool.map(
                play_one, [folder] * n, [args.agent] * n, [args.seed] * n, range(n), chunksize=4
            )
        )
    print(report(rules, games, args.agent))
    print(f"\n{n} games in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps(games, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
