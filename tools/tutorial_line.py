"""Play the tutorial with a scripted learner against an AI militia and print the learner's results.

Usage: python tools/tutorial_line.py [--line sensible|careless] [--games N] [--seed S]
       [--militia ai:normal] [--level PATH]

The learner (the Mediator seat) follows a fixed line that reads only what its own seat
sees (the hidden resolve is never read), as a new player following the week's news would:

- sensible: win Old Town trust with aid, hold talks whenever they are off cooldown and
  tension is 2 or more, offer the street truce once for 1 fund, demand the hall once the
  Old Town trusts you 3 (or 2 from week 4 on) and tension is 3 or less, keep the Harbour
  ahead, and raise funds when broke; accept a counter-offer it can pay.
- careless: ignore tension — denounce the militia every week and demand the hall as soon
  as it is allowed.

Prints the learner's win rate, the militia's, war, the share of games in which tension
reached 4 and in which street clashes fired, each with its 95% Wilson interval.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.content import load_level
from game.engine import PASS, Action, legal_actions, observe
from game.engine.ruleset import Ruleset
from game.headless import play_match
from game.match import Match
from game.seats import HUMAN
from game.sim.report import wilson


def _ids(rules: Ruleset, legal: list[Action]) -> dict[str, Action]:
    """The legal moves by action id, with ':region' appended for targeted ones."""
    out: dict[str, Action] = {}
    for a in legal:
        if a == PASS:
            continue
        name = rules.actions[a.action].id
        if a.target >= 0:
            name += ":" + rules.regions[a.target].id
        out[name] = a
    return out


def sensible(match: Match, faction: int) -> Action:
    """The sensible learner's next move, from what the Mediator's seat sees."""
    rules, state = match.rules, match.state
    view = observe(state, faction)
    moves = _ids(rules, legal_actions(state))

    def val(key: str) -> int:
        v = view.value(key)
        assert v is not None, key
        return v

    if "truce:accept_counter:2" in moves:
        return moves["truce:accept_counter:2"]
    for key in ("truce:accept_counter:3", "truce:refuse_counter"):
        if key in moves:
            return moves[key]
    tension, rnd = val("tension"), view.round
    ot_me, ot_them = val("old_town.trust.mediator"), val("old_town.trust.hardliners")
    hb_me, hb_them = val("harbour.trust.mediator"), val("harbour.trust.hardliners")
    funds = val("mediator.funds")
    if "demand_reopening" in moves and tension <= 3 and (ot_me >= 3 or rnd >= 4):
        return moves["demand_reopening"]
    if "hold_talks" in moves and tension >= 2:
        return moves["hold_talks"]
    if "truce:offer:1" in moves and val("deals.truce") == 0 and tension >= 2:
        return moves["truce:offer:1"]
    if "fund_aid:old_town" in moves and (ot_me < 3 or ot_me <= ot_them):
        return moves["fund_aid:old_town"]
    if "fund_aid:harbour" in moves and hb_me <= hb_them:
        return moves["fund_aid:harbour"]
    if "raise_funds" in moves and funds <= 1:
        return moves["raise_funds"]
    if "fund_aid:old_town" in moves:
        return moves["fund_aid:old_town"]
    return moves.get("raise_funds", PASS)


def careless(match: Match, faction: int) -> Action:
    """The careless learner: denounce every week, demand the hall as soon as allowed."""
    rules, state = match.rules, match.state
    moves = _ids(rules, legal_actions(state))
    for key in ("truce:refuse_counter", "demand_reopening", "denounce", "fund_aid:old_town"):
        if key in moves:
            return moves[key]
    return moves.get("raise_funds", PASS)


def main() -> None:
    """Play the games and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--line", choices=["sensible", "careless"], default="sensible")
    ap.add_argument("--games", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--militia", default="ai:normal")
    ap.add_argument(
        "--level", default=str(Path(__file__).resolve().parent.parent / "levels" / "tutorial")
    )
    args = ap.parse_args()
    rules = load_level(args.level)
    me = next(i for i, f in enumerate(rules.factions) if f.id == "mediator")
    seats = [HUMAN if i == me else args.militia for i in range(len(rules.factions))]
    line = sensible if args.line == "sensible" else careless
    wins: Counter[str] = Counter()
    brink = clashes = 0
    brink_slot = rules.slot("tension")
    clash_slot = rules.layout.fired + next(
        e.index for e in rules.events if e.id == "street_clashes"
    )
    for g in range(args.games):
        peak = 0

        def human(match: Match, faction: int) -> Action:
            nonlocal peak
            peak = max(peak, match.state.v[brink_slot])
            return line(match, faction)

        match = play_match(rules, args.seed * 100_003 + g, seats, human=human)
        peak = max(peak, match.state.v[brink_slot])
        brink += peak >= 4
        clashes += match.state.v[clash_slot] > 0
        w = match.state.winner
        wins[rules.factions[w].id if w >= 0 else "none"] += 1
    n = args.games
    print(f"tutorial, learner line '{args.line}' vs militia {args.militia}, {n} games")
    for key in ("mediator", "hardliners", "none"):
        lo, hi = wilson(wins[key], n)
        print(f"  {key:10} {wins[key] / n:6.1%}  95% {lo:.1%}..{hi:.1%}")
    lo, hi = wilson(brink, n)
    print(f"  tension reached 4 in {brink / n:.1%} (95% {lo:.1%}..{hi:.1%})")
    lo, hi = wilson(clashes, n)
    print(f"  street clashes fired in {clashes / n:.1%} (95% {lo:.1%}..{hi:.1%})")


if __name__ == "__main__":
    main()
