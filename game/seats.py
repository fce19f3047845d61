"""Who plays each faction: parse `FACTION=KIND` seat specs from the command line."""

from __future__ import annotations

from game.engine import Ruleset

HUMAN = "human"
NODEALS = "+nodeals"  # an AI name with this suffix refuses every offer and never proposes


def agent_list(known: set[str]) -> str:
    """The seat names for a message: 'ai:easy, ..., human', and the `+nodeals` variants
    said once rather than listed."""
    names = ", ".join(sorted([*(n for n in known if not n.endswith(NODEALS)), HUMAN]))
    if any(n.endswith(NODEALS) for n in known):
        names += f" (an AI name + '{NODEALS}', e.g. ai:normal{NODEALS}: it makes no deals)"
    return names


class SeatError(ValueError):
    """A seat spec is malformed or names an unknown faction or agent."""


def parse_seats(rules: Ruleset, specs: list[str], default: str, known: set[str]) -> list[str]:
    """One agent name (or 'human') per faction index, from specs like 'us=ai:hard'.

    'all=AGENT' sets every seat that no other spec names, whatever the order.
    Raises SeatError naming the bad spec and what is allowed.
    """
    ids = [f.id for f in rules.factions]
    named: dict[int, str] = {}
    for spec in specs:
        faction, sep, kind = spec.partition("=")
        if not sep or not kind:
            raise SeatError(f"seat '{spec}' should look like FACTION=AGENT, e.g. {ids[0]}=random")
        if kind != HUMAN and kind not in known:
            names = agent_list(known)
            raise SeatError(f"unknown agent '{kind}' in '{spec}'; choose one of: {names}")
        if faction == "all":
            default = kind
        elif faction in ids:
            named[ids.index(faction)] = kind
        else:
            raise SeatError(
                f"unknown faction '{faction}' in '{spec}'; factions: {', '.join(ids)}, all"
            )
    return [named.get(i, default) for i in range(len(ids))]
