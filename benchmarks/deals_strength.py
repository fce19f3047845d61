"""What bargaining is worth (issue 22 targets): win rates with deals vs the control arm.

Two cells on the same seeds 0..N-1: every seat `AGENT` (default `ai:normal`), and every
seat `AGENT+nodeals` (the same AI refusing every offer and never proposing). Printed per
faction: win rate in each cell with its 95% Wilson interval, and the difference with a
95% interval (normal approximation); then how often a deal was accepted. Targets:

* each faction's win rate with deals ≥ without − 2 points, and at least two factions
  gain ≥ +5 points (≥ 400 games per cell for a verdict; a smaller N is marked provisional);
* in ≥ 30% of games with deals at least one deal is accepted;
* no deal type is accepted in more than 90% of the games where it is offered.

Run: `nice -n 10 python -m benchmarks.deals_strength LEVEL --games 400 [--agent ai:normal]
[--workers 2] [--json FILE]` (LEVEL: a name under levels/ or a folder, e.g.
tests/levels/bargain). Each game is determined by its seed and seats unless a time cap bites.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from game.content import load_level
from game.content.loader import find_level
from game.engine import Ruleset
from game.engine.deal_defs import ACCEPT, PROPOSE
from game.sim.batch import BatchOptions, run_batch
from game.sim.games import GameResult
from game.sim.report import wilson

Z95 = 1.96
VERDICT_GAMES = 400


@dataclass
class FactionLine:
    """One faction's win shares with and without deals, in [0, 1]."""

    faction: str
    with_deals: float
    without_deals: float
    low_with: float
    high_with: float
    low_without: float
    high_without: float
    diff_low: float
    diff_high: float

    @property
    def gain(self) -> float:
        """Percentage points won by bargaining."""
        return 100 * (self.with_deals - self.without_deals)


@dataclass
class DealLine:
    """How often one deal type was offered and accepted (games counted once each)."""

    deal: str
    offered: int
    accepted: int
    low: float
    high: float


def _cell(
    rules: Ruleset, folder: Path, agent: str, games: int, workers: int, seed: int = 0
) -> list[GameResult]:
    seats = tuple(agent for _ in rules.factions)
    options = BatchOptions(games=games, seed=seed, seats=seats, workers=workers, progress=False)
    return run_batch(rules, folder, options)[1]


def _share(results: list[GameResult], faction: str) -> tuple[float, float, float]:
    wins = sum(r.winner == faction for r in results)
    low, high = wilson(wins, len(results))
    return wins / len(results), low, high


def faction_lines(rules: Ruleset, on: list[GameResult], off: list[GameResult]) -> list[FactionLine]:
    """Win rates per faction in both cells, with intervals."""
    out = []
    for f in rules.factions:
        p1, lo1, hi1 = _share(on, f.id)
        p0, lo0, hi0 = _share(off, f.id)
        se = math.sqrt(p1 * (1 - p1) / len(on) + p0 * (1 - p0) / len(off))
        d = p1 - p0
        out.append(FactionLine(f.id, p1, p0, lo1, hi1, lo0, hi0, d - Z95 * se, d + Z95 * se))
    return out


def deal_lines(rules: Ruleset, results: list[GameResult]) -> tuple[list[DealLine], int]:
    """Per deal type: games where it was offered and where it was accepted; and the
    number of games with at least one deal accepted."""
    roles = {a.id: (rules.deals[a.deal].id, a.deal_role) for a in rules.actions if a.deal >= 0}
    offered: dict[str, int] = {d.id: 0 for d in rules.deals}
    accepted: dict[str, int] = {d.id: 0 for d in rules.deals}
    any_accepted = 0
    for r in results:
        seen = {roles[a] for a in r.actions if a in roles}
        for deal in {d for d, role in seen if role == PROPOSE}:
            offered[deal] += 1
        agreed = {d for d, role in seen if role == ACCEPT}
        for deal in agreed:
            accepted[deal] += 1
        any_accepted += bool(agreed)
    lines = []
    for d in rules.deals:
        low, high = wilson(accepted[d.id], offered[d.id])
        lines.append(DealLine(d.id, offered[d.id], accepted[d.id], low, high))
    return lines, any_accepted


def report(rules: Ruleset, on: list[GameResult], off: list[GameResult], agent: str) -> str:
    """The comparison as Markdown, with each target's verdict."""
    n = len(on)
    provisional = "" if n >= VERDICT_GAMES else f" (provisional: N < {VERDICT_GAMES})"
    lines = [
        f"## {rules.level_id}: {agent} with deals vs {agent}+nodeals, seeds 0..{n - 1}",
        "",
        "| faction | with deals [95%] | without deals [95%] | gain, points [95%] |",
        "|---|---|---|---|",
    ]
    factions = faction_lines(rules, on, off)
    for f in factions:
        lines.append(
            f"| {f.faction} | {100 * f.with_deals:.1f}% [{100 * f.low_with:.1f}–"
            f"{100 * f.high_with:.1f}] | {100 * f.without_deals:.1f}% [{100 * f.low_without:.1f}–"
            f"{100 * f.high_without:.1f}] | {f.gain:+.1f} [{100 * f.diff_low:+.1f}, "
            f"{100 * f.diff_high:+.1f}] |"
        )
    deals, any_accepted = deal_lines(rules, on)
    lines += ["", "| deal | games offered | accepted in [95%] |", "|---|---|---|"]
    for d in deals:
        share = f"{100 * d.accepted / d.offered:.0f}%" if d.offered else "—"
        lines.append(
            f"| {d.deal} | {d.offered} | {d.accepted} = {share} "
            f"[{100 * d.low:.0f}–{100 * d.high:.0f}] |"
        )
    no_loss = all(f.gain >= -2 for f in factions)
    gainers = sum(f.gain >= 5 for f in factions)
    some = any_accepted / n if n else 0.0
    free = [d.deal for d in deals if d.offered and d.accepted / d.offered > 0.9]
    lines += [
        "",
        f"- no faction loses more than 2 points: {'yes' if no_loss else 'no'}{provisional}",
        f"- factions gaining ≥ 5 points: {gainers} (target 2){provisional}",
        f"- games with a deal accepted: {100 * some:.0f}% (target ≥ 30%)",
        f"- deal types accepted in > 90% of the games they are offered: {free or 'none'}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Play both cells and print the comparison; exit 0 whatever the verdicts."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.deals_strength")
    parser.add_argument("level", help="a level name under levels/ or a level folder")
    parser.add_argument("--games", type=int, default=40, help="games per cell (default 40)")
    parser.add_argument("--agent", default="ai:normal", help="the AI in every seat")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--json", metavar="FILE", help="also write the numbers as JSON")
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        help="base seed of the batch (default 0): batches on different seeds can be pooled",
    )
    args = parser.parse_args(argv)
    folder = find_level(args.level)
    rules = load_level(folder)
    if not rules.deals:
        print(f"{rules.level_id} declares no deals: nothing to compare", file=sys.stderr)
        return 1
    start = time.perf_counter()
    workers = max(1, min(2, args.workers))
    on = _cell(rules, folder, args.agent, args.games, workers, args.seed)
    off = _cell(rules, folder, args.agent + "+nodeals", args.games, workers, args.seed)
    print(report(rules, on, off, args.agent))
    print(f"\n{2 * args.games} games in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    if args.json:
        deals, any_accepted = deal_lines(rules, on)
        data = {
            "level": rules.level_id,
            "agent": args.agent,
            "games": args.games,
            "seed": args.seed,
            "wins_with_deals": {f.id: sum(r.winner == f.id for r in on) for f in rules.factions},
            "wins_without_deals": {
                f.id: sum(r.winner == f.id for r in off) for f in rules.factions
            },
            "factions": [asdict(f) for f in faction_lines(rules, on, off)],
            "deals": [asdict(d) for d in deals],
            "games_with_a_deal_accepted": any_accepted,
        }
        Path(args.json).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
