"""What bargaining is worth (issue 22 targets): win rates with deals vs a control arm.

Two designs, every cell on the same seeds 0..N-1, `AGENT` defaulting to `ai:normal`:

* `--design seat` (the default, the issue's sentence "a bargaining AI vs the same AI that
  refuses"): cell A has every seat `AGENT`; for each faction F, cell B_F has F's seat
  `AGENT+nodeals` (refusing every offer, never proposing) and every other seat `AGENT`.
  F's gain is its win rate in A minus its win rate in B_F; one A serves every faction.
* `--design all`: every seat `AGENT` vs every seat `AGENT+nodeals`. Someone wins nearly
  every game, so this design is close to zero-sum and cannot show every faction gaining.

Printed per faction: the win rate in each cell with its 95% Wilson interval, and the gain
with its 95% Newcombe (hybrid score) interval; then how often a deal was accepted in A.
Targets:

* each faction's win rate with deals ≥ without − 2 points, and at least two factions
  gain ≥ +5 points (≥ 400 games per cell for a verdict; a smaller N is marked provisional);
* in ≥ 30% of games with deals at least one deal is accepted;
* no deal type is accepted in more than 90% of the games where it is offered.

Run: `nice -n 10 python -m benchmarks.deals_strength LEVEL --games 400 [--design seat|all]
[--factions ID,ID] [--agent ai:normal] [--workers 2] [--json FILE]` (LEVEL: a name under
levels/ or a folder, e.g. tests/levels/bargain). Each game is determined by its seed and
seats unless a time cap bites.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from game.ai.nodeals import NODEALS
from game.content import load_level
from game.content.loader import find_level
from game.engine import Ruleset
from game.engine.deal_defs import ACCEPT, PROPOSE
from game.sim.batch import BatchOptions, run_batch
from game.sim.games import GameResult
from game.sim.report import wilson

Z95 = 1.96
VERDICT_GAMES = 400
DESIGNS = ("seat", "all")


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
    # the same difference read seed by seed (cells on the same seeds): normal approximation
    paired_low: float = -1.0
    paired_high: float = 1.0

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
    rules: Ruleset, folder: Path, seats: tuple[str, ...], games: int, workers: int, seed: int
) -> list[GameResult]:
    options = BatchOptions(games=games, seed=seed, seats=seats, workers=workers, progress=False)
    return run_batch(rules, folder, options)[1]


def _share(results: list[GameResult], faction: str) -> tuple[float, float, float]:
    wins = sum(r.winner == faction for r in results)
    low, high = wilson(wins, len(results))
    return wins / len(results), low, high


def faction_line(faction: str, on: list[GameResult], off: list[GameResult]) -> FactionLine:
    """`faction`'s win rate in `on` and in `off` (independent cells), each with its Wilson
    interval, and their difference with Newcombe's hybrid score interval (method 10);
    also the difference's interval over the seeds both cells played (paired)."""
    p1, lo1, hi1 = _share(on, faction)
    p0, lo0, hi0 = _share(off, faction)
    d = p1 - p0
    low = d - math.sqrt((p1 - lo1) ** 2 + (hi0 - p0) ** 2)
    high = d + math.sqrt((hi1 - p1) ** 2 + (p0 - lo0) ** 2)
    line = FactionLine(faction, p1, p0, lo1, hi1, lo0, hi0, low, high)
    games = {r.index: r for r in off}
    pairs = [
        (r.winner == faction) - (games[r.index].winner == faction) for r in on if r.index in games
    ]
    if len(pairs) > 1:
        mean = sum(pairs) / len(pairs)
        var = sum((x - mean) ** 2 for x in pairs) / (len(pairs) - 1)
        half = Z95 * math.sqrt(var / len(pairs))
        line.paired_low, line.paired_high = mean - half, mean + half
    return line


def faction_lines(rules: Ruleset, on: list[GameResult], off: list[GameResult]) -> list[FactionLine]:
    """Design `all`: every faction's win rate in both cells, with intervals."""
    return [faction_line(f.id, on, off) for f in rules.factions]


def seat_lines(
    rules: Ruleset, on: list[GameResult], refusing: dict[str, list[GameResult]]
) -> list[FactionLine]:
    """Design `seat`: per faction with a cell in `refusing` (F -> the games where only F
    refused to bargain), F's win rate in `on` and in its own cell."""
    return [faction_line(f.id, on, refusing[f.id]) for f in rules.factions if f.id in refusing]


def seat_cells(rules: Ruleset, agent: str, only: list[str]) -> dict[str, tuple[str, ...]]:
    """Design `seat`'s control cells: faction id -> seats with that faction refusing."""
    ids = [f.id for f in rules.factions]
    return {
        f: tuple(agent + NODEALS if other == f else agent for other in ids)
        for f in ids
        if not only or f in only
    }


def deal_lines(rules: Ruleset, results: list[GameResult]) -> tuple[list[DealLine], int]:
    """Per deal type: games where it was offered and where it was accepted; and the
    number of games with at least one deal accepted."""
    roles = {a.id: (rules.deals[a.deal].id, a.deal_role) for a in rules.actions if a.deal >= 0}
    offered: dict[str, int] = {d.id: 0 for d in rules.deals}
    accepted: dict[str, int] = {d.id: 0 for d in rules.deals}
    any_accepted = 0
    for r in results:
        if r.deals:  # a batch's games carry their deal moments
            moments = r.deals.items()
            offers = {d for d, m in moments if m.get("offered", 0)}
            agreed = {d for d, m in moments if m.get("accepted", 0)}
        else:
            seen = {roles[a] for a in r.actions if a in roles}
            offers = {d for d, role in seen if role == PROPOSE}
            agreed = {d for d, role in seen if role == ACCEPT}
        for deal in offers:
            offered[deal] += 1
        for deal in agreed:
            accepted[deal] += 1
        any_accepted += bool(agreed)
    lines = []
    for d in rules.deals:
        low, high = wilson(accepted[d.id], offered[d.id])
        lines.append(DealLine(d.id, offered[d.id], accepted[d.id], low, high))
    return lines, any_accepted


def report(
    rules: Ruleset,
    on: list[GameResult],
    off: list[GameResult] | dict[str, list[GameResult]],
    agent: str,
) -> str:
    """The comparison as Markdown, with each target's verdict: design `all` when `off` is
    one cell, design `seat` when it maps faction ids to their refusing cells."""
    n = len(on)
    provisional = "" if n >= VERDICT_GAMES else f" (provisional: N < {VERDICT_GAMES})"
    if isinstance(off, dict):
        factions = seat_lines(rules, on, off)
        title = f"{agent} in every seat vs one seat {agent}{NODEALS}"
        header = "| faction | all bargain [95%] | it alone refuses [95%] | its gain, points [95%] |"
    else:
        factions = faction_lines(rules, on, off)
        title = f"{agent} with deals vs {agent}{NODEALS}"
        header = "| faction | with deals [95%] | without deals [95%] | gain, points [95%] |"
    header += " paired [95%] |"
    lines = [
        f"## {rules.level_id}: {title}, N = {n} games a cell",
        "",
        header,
        "|---|---|---|---|---|",
    ]
    for f in factions:
        lines.append(
            f"| {f.faction} | {100 * f.with_deals:.1f}% [{100 * f.low_with:.1f}–"
            f"{100 * f.high_with:.1f}] | {100 * f.without_deals:.1f}% [{100 * f.low_without:.1f}–"
            f"{100 * f.high_without:.1f}] | {f.gain:+.1f} [{100 * f.diff_low:+.1f}, "
            f"{100 * f.diff_high:+.1f}] | [{100 * f.paired_low:+.1f}, {100 * f.paired_high:+.1f}] |"
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


def _wins(rules: Ruleset, results: list[GameResult]) -> dict[str, int]:
    return {f.id: sum(r.winner == f.id for r in results) for f in rules.factions}


def pooled(
    rules: Ruleset, files: list[Path]
) -> tuple[list[GameResult], list[GameResult] | dict[str, list[GameResult]], str, str]:
    """The cells of several `--json` files of one design pooled game by game (each
    file's games keep their own pairs): (with deals, without, agent, design). Raises
    ValueError when the files' level, agent or design differ."""
    on: list[GameResult] = []
    off: dict[str, list[GameResult]] = {}
    keys = set()
    scores = {f.id: 0 for f in rules.factions}
    for k, path in enumerate(files):
        data = json.loads(path.read_text(encoding="utf-8"))
        keys.add((data["level"], data["agent"], data.get("design", "all")))

        def games(rows: list[dict[str, Any]], k: int = k) -> list[GameResult]:
            return [
                GameResult(
                    k * 1_000_000 + g["index"], 0, g["winner"], "", 0, scores, deals=g["deals"]
                )
                for g in rows
            ]

        on += games(data["per_game"]["with_deals"])
        for cell, rows in data["per_game"]["without_deals"].items():
            off.setdefault(cell, []).extend(games(rows))
    if len(keys) != 1:
        raise ValueError(f"the files differ in level, agent or design: {sorted(keys)}")
    level, agent, design = keys.pop()
    if level != rules.level_id:
        raise ValueError(f"the files are of level {level}, not {rules.level_id}")
    return on, (off["all"] if design == "all" else off), agent, design


def _per_game(results: list[GameResult]) -> list[dict[str, object]]:
    return [{"index": r.index, "winner": r.winner, "deals": r.deals} for r in results]


def main(argv: list[str] | None = None) -> int:
    """Play the cells and print the comparison; exit 0 whatever the verdicts."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.deals_strength")
    parser.add_argument("level", help="a level name under levels/ or a level folder")
    parser.add_argument("--games", type=int, default=40, help="games per cell (default 40)")
    parser.add_argument("--agent", default="ai:normal", help="the AI in every seat")
    parser.add_argument("--design", choices=DESIGNS, default="seat", help="default seat")
    parser.add_argument(
        "--factions", default="", help="design seat: only these factions' cells (ID,ID)"
    )
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--json", metavar="FILE", help="also write the numbers as JSON")
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        help="base seed of the batch (default 0): batches on different seeds can be pooled",
    )
    parser.add_argument(
        "--pool", nargs="+", metavar="JSON", help="print the report of these --json files pooled"
    )
    args = parser.parse_args(argv)
    folder = find_level(args.level)
    rules = load_level(folder)
    if args.pool:
        try:
            on_pool, off_pool, agent, _ = pooled(rules, [Path(f) for f in args.pool])
        except (OSError, ValueError, KeyError) as err:
            print(f"--pool: {err}", file=sys.stderr)
            return 2
        print(report(rules, on_pool, off_pool, agent))
        return 0
    if not rules.deals:
        print(f"{rules.level_id} declares no deals: nothing to compare", file=sys.stderr)
        return 1
    only = [f for f in args.factions.split(",") if f]
    unknown = [f for f in only if f not in {x.id for x in rules.factions}]
    if unknown:
        known = ", ".join(x.id for x in rules.factions)
        print(f"--factions: no faction {', '.join(unknown)} (known: {known})", file=sys.stderr)
        return 2
    start = time.perf_counter()
    workers = max(1, min(2, args.workers))
    every = tuple(args.agent for _ in rules.factions)
    on = _cell(rules, folder, every, args.games, workers, args.seed)
    off: list[GameResult] | dict[str, list[GameResult]]
    if args.design == "all":
        control = tuple(a + NODEALS for a in every)
        off = _cell(rules, folder, control, args.games, workers, args.seed)
        cells = 2
        lines = faction_lines(rules, on, off)
        without = {"all": _wins(rules, off)}
    else:
        seats = seat_cells(rules, args.agent, only)
        off = {f: _cell(rules, folder, s, args.games, workers, args.seed) for f, s in seats.items()}
        cells = 1 + len(off)
        lines = seat_lines(rules, on, off)
        without = {f: _wins(rules, games) for f, games in off.items()}
    print(report(rules, on, off, args.agent))
    took = time.perf_counter() - start
    print(f"\n{cells * args.games} games in {took:.0f} s", file=sys.stderr)
    if args.json:
        deals, any_accepted = deal_lines(rules, on)
        data = {
            "level": rules.level_id,
            "agent": args.agent,
            "design": args.design,
            "games": args.games,
            "seed": args.seed,
            "wins_with_deals": _wins(rules, on),
            # design all: {"all": wins}; design seat: refusing faction -> every faction's wins
            "wins_without_deals": without,
            "factions": [asdict(f) for f in lines],
            "deals": [asdict(d) for d in deals],
            "games_with_a_deal_accepted": any_accepted,
            # per game, by seed index: the winner and the deal moments (for paired reading)
            "per_game": {
                "with_deals": _per_game(on),
                "without_deals": (
                    {"all": _per_game(off)}
                    if isinstance(off, list)
                    else {f: _per_game(g) for f, g in off.items()}
                ),
            },
        }
        Path(args.json).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
