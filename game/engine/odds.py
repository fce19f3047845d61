"""Odds as a seat may know them: a chance of success that reads a value the reader
cannot see is given as the range it spans over that value's possible values.

The range is computed from a state built only from what the reader knows (hidden
values replaced by the ends of their known ranges), so it never depends on the
hidden values themselves. `known_chance` is for one seat's view (its own menu);
`public_chance` is for text every seat reads (AI reasons), where every private
value and covert counter counts as hidden, over its full bounds.
"""

from __future__ import annotations

from game.engine.rules import chance_of
from game.engine.ruleset import Action
from game.engine.state import State
from game.engine.view import observe

Bounds = list[tuple[int, tuple[int, int]]]  # (slot, (lowest, highest)) of hidden values


def chance_range(state: State, action: Action, hidden: Bounds) -> tuple[float, float] | None:
    """(lowest, highest) chance of `action` as the `hidden` values range over their
    bounds (the state's own values for them are never read); None if it has no roll.

    Probes: every hidden value at its low end, at its high end, and each one alone at
    its high end with the others low.
    """
    if chance_of(state, action) is None:
        return None
    if not hidden:
        chance = chance_of(state, action)
        assert chance is not None
        return chance, chance
    low = state.clone()
    for slot, (lo, _) in hidden:
        low.v[slot] = lo
    high = low.clone()
    for slot, (_, hi) in hidden:
        high.v[slot] = hi
    probes = [low, high]
    for slot, (_, hi) in hidden:
        one = low.clone()
        one.v[slot] = hi
        probes.append(one)
    values = [c for c in (chance_of(p, action) for p in probes) if c is not None]
    return min(values), max(values)


def known_chance(state: State, action: Action, viewer: int) -> tuple[float, float] | None:
    """The chance of `action` as `viewer` may know it (-1: exactly, as it is)."""
    if viewer < 0:
        chance = chance_of(state, action)
        return None if chance is None else (chance, chance)
    view = observe(state, viewer)
    hidden = [(slot, view.ranges[slot]) for slot, v in enumerate(view.values) if v is None]
    return chance_range(state, action, hidden)


def public_chance(state: State, action: Action) -> tuple[float, float] | None:
    """The chance of `action` as every seat may know it: private values (whoever owns
    them) and covert-action counters over their full bounds."""
    rules = state.rules
    hidden: Bounds = [(slot, (rules.lo[slot], rules.hi[slot])) for slot in rules.private_slots]
    hidden += [(slot, (0, max(1, cap) * rules.rounds)) for slot, _, cap in rules.covert_slots]
    return chance_range(state, action, hidden)


def odds_words(odds: tuple[float, float] | None, noun: str = "chance") -> str:
    """'60% chance', '38–70% chance' (depends on what the reader cannot see), 'certain'."""
    if odds is None:
        return "certain"
    low, high = round(100 * odds[0]), round(100 * odds[1])
    return f"{low}% {noun}" if low == high else f"{low}–{high}% {noun}"
