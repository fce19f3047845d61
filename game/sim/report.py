"""Aggregate simulated games into the balance report (`report.json`)."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from game.engine import Ruleset
from game.sim.deal_report import deal_usage
from game.sim.games import GameResult

Z95 = 1.959963984540054


def wilson(successes: int, trials: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval (95% by default) of a proportion; (0, 1) for no trials."""
    if trials <= 0:
        return (0.0, 1.0)
    p = successes / trials
    denom = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denom
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def _r(x: float) -> float:
    return round(x, 6)


def build_report(
    rules: Ruleset, results: list[GameResult], seats: list[str], seed: int, budget_ms: int | None
) -> dict[str, Any]:
    """The report of a batch (everything but timing), deterministic for its results."""
    n = len(results)
    factions = [f.id for f in rules.factions]
    wins = Counter(r.winner or "none" for r in results)
    outcomes = Counter(r.outcome for r in results)
    win_rate = {}
    for f in [*factions, "none"]:
        low, high = wilson(wins[f], n)
        win_rate[f] = {"rate": _r(wins[f] / n if n else 0.0), "low": _r(low), "high": _r(high)}
    used = Counter[str]()
    games_using = Counter[str]()
    for r in results:
        used.update(r.actions)
        games_using.update(r.actions.keys())
    action_usage = _action_usage(rules, results, used, games_using)
    fired = Counter[str]()
    games_firing = Counter[str]()
    for r in results:
        fired.update(r.events)
        games_firing.update(r.events.keys())
    event_frequency = {
        e.id: {
            "fired": fired[e.id],
            "games": games_firing[e.id],
            "share_of_games": _r(games_firing[e.id] / n if n else 0.0),
        }
        for e in rules.events
    }
    return {
        "level": rules.level_id,
        "games": n,
        "seed": seed,
        "seats": dict(zip(factions, seats, strict=True)),
        "budget_ms": budget_ms,
        "wins": {f: wins[f] for f in [*factions, "none"]},
        "outcomes": {o.id: outcomes[o.id] for o in rules.outcomes if outcomes[o.id]}
        | ({"unfinished": outcomes["unfinished"]} if outcomes["unfinished"] else {}),
        "win_rate": win_rate,
        "avg_rounds": _r(sum(r.rounds for r in results) / n if n else 0.0),
        "avg_scores": {
            f: _r(sum(r.scores[f] for r in results) / n if n else 0.0) for f in factions
        },
        "action_usage": action_usage,
        "event_frequency": event_frequency,
        "never_fired": {
            "actions": [a.id for a in rules.actions if a.deal < 0 and not used[a.id]],
            "events": [e.id for e in rules.events if not fired[e.id]],
        },
        "tracks": mean_tracks(results),
    } | ({"deals": deal_usage(rules, [r.deals for r in results])} if rules.deals else {})


def _action_usage(
    rules: Ruleset, results: list[GameResult], used: Counter[str], games_using: Counter[str]
) -> dict[str, Any]:
    """Per faction: how often it acted, which action it used most, and each action's share
    (ordinary actions only: offers and answers of deals are counted apart, `deal_moves`,
    and reported per deal in `deals`)."""
    n = len(results)
    action_usage: dict[str, Any] = {}
    for faction in rules.factions:
        mine = rules.by_faction[faction.index]
        own = [a.id for a in mine if a.deal < 0]
        total = sum(used[a] for a in own)
        top = max(own, key=lambda a: used[a], default=None)
        action_usage[faction.id] = {
            "total": total,
            "most_used": {"action": top, "share": _r(used[top] / total if total else 0.0)}
            if top is not None and used[top]
            else None,
            "per_game": _r(total / n if n else 0.0),
            "passes": sum(r.passes.get(faction.id, 0) for r in results),
            "deal_moves": sum(used[a.id] for a in mine if a.deal >= 0),
            "actions": {
                a: {
                    "count": used[a],
                    "share": _r(used[a] / total if total else 0.0),
                    "games": games_using[a],
                }
                for a in own
            },
        }
    return action_usage


def mean_tracks(results: list[GameResult]) -> dict[str, dict[str, list[float] | list[int]]]:
    """Per track: the mean value at the start (index 0) and after each round, over the
    games still running at that round, and how many games that is."""
    out: dict[str, dict[str, list[float] | list[int]]] = {}
    if not results:
        return out
    for key in results[0].tracks:
        length = max(len(r.tracks[key]) for r in results)
        sums = [0] * length
        counts = [0] * length
        for r in results:
            for i, value in enumerate(r.tracks[key]):
                sums[i] += value
                counts[i] += 1
        out[key] = {"mean": [_r(s / c) for s, c in zip(sums, counts, strict=True)], "games": counts}
    return out


def markdown_table(report: dict[str, Any]) -> str:
    """The balance table in Markdown: win rates with intervals, outcome shares, length,
    and each faction's most-used action (for a level's README)."""
    n = report["games"]
    seats = ", ".join(f"{k}={v}" for k, v in report["seats"].items())
    lines = [
        f"{n} games, seed {report['seed']}, seats {seats}; average length "
        f"{report['avg_rounds']:.1f} rounds.",
        "",
        "| faction | wins | win rate | 95% interval | most-used action (share of its actions) |",
        "|---|---:|---:|---|---|",
    ]
    for faction, rate in report["win_rate"].items():
        usage = report["action_usage"].get(faction)
        top = usage["most_used"] if usage else None
        most = f"{top['action']} ({top['share']:.0%})" if top else "—"
        lines.append(
            f"| {faction} | {report['wins'][faction]} | {rate['rate']:.1%} | "
            f"{rate['low']:.1%}–{rate['high']:.1%} | {most} |"
        )
    lines += ["", "| outcome | games | share |", "|---|---:|---:|"]
    for outcome, count in report["outcomes"].items():
        lines.append(f"| {outcome} | {count} | {count / n:.1%} |")
    return "\n".join(lines) + "\n"
