"""How the deals of a batch went: per deal, in how many games it was offered, accepted,
refused, countered, kept and broken, and in how many games any deal was accepted.

Offers and answers are read from each game's action counts; keeping and breaking (done by
upkeep rules and by the effects of broken promises, not by a move) from the deal's status
slot, rebuilt from the log's recorded changes.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from game.engine import Ruleset
from game.engine import deal_defs as D
from game.engine.log import LogEntry

# what a game's `deals` counts: one entry per deal id, these keys
MOMENTS = ("offered", "accepted", "refused", "countered", "kept", "broken")
_ROLE_MOMENT = {D.PROPOSE: "offered", D.ACCEPT: "accepted", D.REFUSE: "refused"}


def deal_moments(
    rules: Ruleset, actions: dict[str, int], log: list[LogEntry]
) -> dict[str, dict[str, int]]:
    """Per deal id: how many times each moment happened in one game (deals never offered
    are left out). `actions` maps action id to times used."""
    if not rules.deals:
        return {}
    counts = {d.id: dict.fromkeys(MOMENTS, 0) for d in rules.deals}
    by_id = {a.id: a for a in rules.actions}
    for ident, times in actions.items():
        a = by_id.get(ident)
        if a is None or a.deal < 0:
            continue
        moment = "countered" if a.deal_role == D.COUNTER else _ROLE_MOMENT.get(a.deal_role)
        if moment is not None:
            counts[rules.deals[a.deal].id][moment] += times
    slots = {d.status_slot: d.id for d in rules.deals}
    status = dict.fromkeys(slots, 0)
    for entry in log:
        for slot, delta in entry.changes:
            if slot in slots:
                status[slot] += delta
                if status[slot] == D.KEPT:
                    counts[slots[slot]]["kept"] += 1
                elif status[slot] == D.BROKEN:
                    counts[slots[slot]]["broken"] += 1
    return {k: v for k, v in counts.items() if v["offered"]}


def deal_usage(rules: Ruleset, per_game: list[dict[str, dict[str, int]]]) -> dict[str, Any]:
    """The batch's deal table: per deal, the games with each moment, and the share of the
    games where it was offered in which it was accepted; plus games with any acceptance."""
    n = len(per_game)
    games: dict[str, Counter[str]] = {d.id: Counter() for d in rules.deals}
    times: dict[str, Counter[str]] = {d.id: Counter() for d in rules.deals}
    any_accepted = 0
    for game in per_game:
        accepted_here = False
        for ident, moments in game.items():
            for moment, count in moments.items():
                if count:
                    games[ident][moment] += 1
                    times[ident][moment] += count
            accepted_here = accepted_here or moments.get("accepted", 0) > 0
        any_accepted += accepted_here
    table = {}
    for d in rules.deals:
        g, t = games[d.id], times[d.id]
        offered = g["offered"]
        table[d.id] = {
            "games": {m: g[m] for m in MOMENTS},
            "times": {m: t[m] for m in MOMENTS},
            "accepted_when_offered": round(g["accepted"] / offered, 6) if offered else 0.0,
        }
    return {"deals": table, "games_with_accepted_deal": any_accepted, "games": n}
