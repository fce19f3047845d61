"""Judge a level's statistical expectations against simulated games.

Each check turns every game into yes/no (did Bazoum stay detained, did ECOWAS win…);
the share of yes gets a 95% Wilson interval, and the verdict is

- **met** when the whole interval lies inside the bound,
- **missed** when the whole interval lies outside it (a clear miss),
- **undecided** when the interval straddles the bound (more games would tell).

A bound of exactly 0 (`at_most: 0`) or 1 (`at_least: 1`) is a claim of "never" or
"always": one counterexample is a clear miss. An `above` check compares a faction's
win rate with its rate under another seat set (Newcombe's interval for a difference).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from game.engine import Ruleset
from game.engine.ruleset import WINNER_MOST_POINTS
from game.sim.expect_file import POOLED, Check
from game.sim.games import GameResult
from game.sim.report import wilson

MET, MISSED, UNDECIDED = "met", "missed", "undecided"


@dataclass(frozen=True)
class Verdict:
    """One check's result over `games` games."""

    check: Check
    games: int
    count: int  # games where the measure held
    rate: float
    low: float  # 95% interval (for `above`: of the difference to the other seat set)
    high: float
    verdict: str
    other_rate: float | None = None
    action: str | None = None  # pooled action checks: the busiest / commonest / rarest one

    def bound_text(self) -> str:
        """The bound as a designer wrote it: '≥ 60%', '15–40%', '> rate with greedy'."""
        c = self.check
        if c.above is not None:
            return f"> its rate with {c.above}"
        if c.low is not None and c.high is not None:
            return f"{c.low:.0%}–{c.high:.0%}"
        return f"≥ {c.low:.0%}" if c.low is not None else f"≤ {c.high:.0%}"

    def as_dict(self) -> dict[str, Any]:
        """Plain data for report.json."""
        c = self.check
        return (
            {
                "id": c.id,
                "name": c.name,
                "seats": c.seat_set,
                "games": self.games,
                "count": self.count,
                "rate": round(self.rate, 6),
                "low": round(self.low, 6),
                "high": round(self.high, 6),
                "bound": self.bound_text(),
                "verdict": self.verdict,
            }
            | ({"other_rate": round(self.other_rate, 6)} if self.other_rate is not None else {})
            | ({"action": self.action} if self.action is not None else {})
            | ({"except": list(c.excepted), "because": c.because} if c.excepted else {})
        )


def holds(rules: Ruleset, check: Check, game: GameResult) -> bool:
    """Whether the check's measure held in one game."""
    m, subject = check.measure, check.subject
    if m == "winner":
        return (game.winner or "none") == subject
    if m == "outcome":
        return game.outcome == subject
    if m == "tie":
        by_id = {o.id: o for o in rules.outcomes}
        ended = by_id.get(game.outcome)
        return game.winner is None and ended is not None and ended.winner == WINNER_MOST_POINTS
    if m in ("action", "event"):
        first = game.first.get(f"{m}s.{subject}")
        return first is not None and (check.by_round is None or first <= check.by_round)
    if m == "deal":
        return game.deals.get(subject, {}).get(check.moment, 0) > 0
    values = game.probes.get(subject)
    if values is None:
        raise KeyError(f"the games were played without the probe '{subject}'")
    if check.at_round is not None:
        return values[min(check.at_round - 1, len(values) - 1)]
    if check.by_round is not None:
        return any(values[: check.by_round])
    return any(values)


def ordinary_actions(rules: Ruleset, faction: int) -> list[str]:
    """The faction's own actions, without the moves of deals (offers and answers have
    their own measure, `deal`)."""
    return [a.id for a in rules.by_faction[faction] if a.deal < 0]


def pooled(rules: Ruleset, check: Check, games: list[GameResult]) -> tuple[int, int, str | None]:
    """(count, trials, action) of a faction's pooled action measure over its ordinary
    actions (deal moves left out): its most-used action's uses out of all its action uses
    (`busiest_action`), or the games using its most / least used action out of all games
    (`commonest_action` / `rarest_action`). The check's excepted actions are left out."""
    faction = rules.faction_index(check.subject)
    own = [a for a in ordinary_actions(rules, faction) if a not in check.excepted]
    if check.measure == "busiest_action":
        uses = [sum(g.actions.get(a, 0) for g in games) for a in own]
        top = max(range(len(own)), key=lambda i: uses[i], default=None)
        return (max(uses, default=0), sum(uses), own[top] if top is not None else None)
    spread = [sum(1 for g in games if g.actions.get(a)) for a in own]
    if not own:
        return (0, len(games), None)
    if check.measure == "commonest_action":
        at = max(range(len(own)), key=lambda i: spread[i])
    else:
        at = min(range(len(own)), key=lambda i: spread[i])
    return (spread[at], len(games), own[at])


def _bounded(check: Check, count: int, n: int) -> Verdict:
    rate = count / n if n else 0.0
    low, high = wilson(count, n)
    lo_bound, hi_bound = check.low, check.high
    if hi_bound == 0 or lo_bound == 1:  # "never" / "always": one counterexample decides
        ok = (hi_bound != 0 or count == 0) and (lo_bound != 1 or count == n)
        return Verdict(check, n, count, rate, low, high, MET if ok else MISSED)
    inside = (lo_bound is None or low >= lo_bound) and (hi_bound is None or high <= hi_bound)
    outside = (lo_bound is not None and high < lo_bound) or (
        hi_bound is not None and low > hi_bound
    )
    verdict = MET if inside else MISSED if outside else UNDECIDED
    return Verdict(check, n, count, rate, low, high, verdict)


def newcombe(c1: int, n1: int, c2: int, n2: int) -> tuple[float, float]:
    """95% interval of p1 - p2 by Newcombe's hybrid score method (Wilson per arm)."""
    p1, p2 = (c1 / n1 if n1 else 0.0), (c2 / n2 if n2 else 0.0)
    l1, u1 = wilson(c1, n1)
    l2, u2 = wilson(c2, n2)
    d = p1 - p2
    return (
        d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
        d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2),
    )


def judge(
    rules: Ruleset, checks: list[Check], results: dict[str, list[GameResult]]
) -> list[Verdict]:
    """Verdicts for the checks whose seat sets (and `above` sets) have results."""
    out: list[Verdict] = []
    for check in checks:
        games = results.get(check.seat_set)
        if games is None:
            continue
        if check.measure in POOLED:
            count, n, action = pooled(rules, check, games)
            out.append(replace(_bounded(check, count, n), action=action))
            continue
        count = sum(holds(rules, check, g) for g in games)
        n = len(games)
        if check.above is None:
            out.append(_bounded(check, count, n))
            continue
        others = results.get(check.above)
        if others is None:
            continue
        other = sum(holds(rules, check, g) for g in others)
        low, high = newcombe(count, n, other, len(others))
        verdict = MET if low > 0 else MISSED if high < 0 else UNDECIDED
        rate = count / n if n else 0.0
        other_rate = other / len(others) if others else 0.0
        out.append(Verdict(check, n, count, rate, low, high, verdict, other_rate))
    return out


def table(verdicts: list[Verdict]) -> str:
    """The verdicts as a Markdown table (for the terminal and a level README), then one
    line per check that leaves out actions the brief demands, with its reason."""
    lines = [
        "| check | seats | games | share | 95% interval | target | verdict |",
        "|---|---|---:|---:|---|---|---|",
    ]
    for v in verdicts:
        share = f"{v.rate:.1%}"
        interval = f"{v.low:.1%}–{v.high:.1%}"
        if v.other_rate is not None:
            share = f"{v.rate:.1%} vs {v.other_rate:.1%}"
            interval = f"{v.low:+.1%}–{v.high:+.1%} (difference)"
        if v.action is not None:
            share += f" (`{v.action}`)"
        lines.append(
            f"| {v.check.name} (`{v.check.id}`) | {v.check.seat_set} | {v.games} | {share} | "
            f"{interval} | {v.bound_text()} | {v.verdict} |"
        )
    notes = {v.check.id.partition("@")[0]: v.check for v in verdicts if v.check.excepted}
    if notes:
        lines.append("")
    for ident, c in notes.items():
        left_out = ", ".join(f"`{a}`" for a in c.excepted)
        lines.append(f"- `{ident}` leaves out {left_out}: {c.because}")
    return "\n".join(lines) + "\n"
