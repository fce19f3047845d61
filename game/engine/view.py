"""What one faction may know: views with others' private values hidden or blurred.

A private value of another faction is shown as a range (a bucket of the value's
bounds). The observer's intel resource narrows the buckets. The use counters of
other factions' covert actions are hidden too (shown as the range they could span). Two states whose
hidden values fall in the same buckets give identical views, so an agent that
decides from the view cannot tell them apart.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from game.engine.deals import answer_moves, responder
from game.engine.log import LogEntry, visible
from game.engine.odds import chance_range
from game.engine.rules import chance_of, current_faction, legal_actions, why_illegal
from game.engine.ruleset import Action, Ruleset
from game.engine.state import MASK64, State


@dataclass(frozen=True, slots=True)
class PlayerView:
    """A faction's view of a state.

    `values[slot]` is None where the value is hidden; `ranges[slot]` then holds the
    (low, high) the observer knows it lies in.
    """

    rules: Ruleset
    faction: int
    round: int
    active: int
    ap: int
    turn: int
    values: tuple[int | None, ...]
    ranges: dict[int, tuple[int, int]]
    outcome: int
    winner: int

    @property
    def is_over(self) -> bool:
        """True once the game has ended."""
        return self.outcome >= 0

    def value(self, key: str) -> int | None:
        """A value by dotted name ('junta.treasury'); None if hidden from this faction."""
        return self.values[self.rules.slot(key)]

    def known(self, slot: int) -> tuple[int, int]:
        """(low, high) for a slot: the exact value twice when it is visible."""
        value = self.values[slot]
        if value is None:
            return self.ranges[slot]
        return (value, value)


def intel_width(rules: Ruleset, slot: int, intel: int) -> int:
    """Width of the range in which an observer with `intel` sees a hidden value."""
    size = rules.hi[slot] - rules.lo[slot] + 1
    return max(1, -(-size // (1 + max(0, intel))))


def observe(state: State, faction: int) -> PlayerView:
    """The view of `faction`: others' private values replaced by ranges."""
    rules = state.rules
    intel_slot = rules.factions[faction].intel_slot
    intel = state.v[intel_slot] if intel_slot >= 0 else 0
    values: list[int | None] = list(state.v)
    ranges: dict[int, tuple[int, int]] = {}
    for slot in rules.private_slots:
        if rules.vars[slot].seen_by(faction):
            continue
        lo = rules.lo[slot]
        width = intel_width(rules, slot, intel)
        bucket = (state.v[slot] - lo) // width
        low = lo + bucket * width
        ranges[slot] = (low, min(rules.hi[slot], low + width - 1))
        values[slot] = None
    for slot, owner, cap in rules.covert_slots:
        if owner == faction:
            continue
        values[slot] = None
        ranges[slot] = (-1000, state.round) if cap == 0 else (0, cap * state.round)
    return PlayerView(
        rules=rules,
        faction=faction,
        round=state.round,
        active=current_faction(state),
        ap=state.ap,
        turn=state.turn,
        values=tuple(values),
        ranges=ranges,
        outcome=state.outcome,
        winner=state.winner,
    )


def sample_state(view: PlayerView, seed: int) -> State:
    """A full state consistent with `view`: hidden values drawn uniformly from their
    ranges, and a fresh random generator. Used by agents to plan without peeking.
    """
    rules = view.rules
    rng = random.Random(seed)
    state = State(rules, rng.getrandbits(64) & MASK64)
    state.v = [
        value if value is not None else rng.randint(*view.ranges[slot])
        for slot, value in enumerate(view.values)
    ]
    state.round = view.round
    state.turn = view.turn
    state.ap = view.ap
    state.outcome = view.outcome
    state.winner = view.winner
    return state


def visible_log(log: list[LogEntry], faction: int) -> list[LogEntry]:
    """The entries of a log that `faction` may see."""
    return [e for e in log if visible(e, faction)]


@dataclass(frozen=True, slots=True)
class ActionOption:
    """One of a faction's actions as the UI lists it: legal or not, and why."""

    action: Action
    legal: bool
    reason: str
    chance: float | None  # as the faction may know it: the middle of `odds` if uncertain
    odds: tuple[float, float] | None = None  # (lowest, highest) over what it cannot see


def action_options(state: State, faction: int) -> list[ActionOption]:
    """Every action of `faction` (one row per target for legal targeted actions), legal
    ones first in definition order, each with the reason it is unavailable. While
    `faction` must answer an offer, only its answers (refuse first).
    """
    rules = state.rules
    if rules.deals and responder(state) == faction:
        return [_option(state, m, faction) for m in answer_moves(state)]
    legal = set(legal_actions(state, faction))
    options: list[ActionOption] = []
    for a in rules.by_faction[faction]:
        moves = [m for m in rules.space_by_action[a.index] if m in legal]
        if moves:
            options.extend(_option(state, m, faction) for m in moves)
            continue
        probe = rules.space_by_action[a.index][0]
        problem = why_illegal(state, probe)
        if problem is None or problem[0] == "bad_target":
            reason = "No valid target right now."
        else:
            reason = problem[1]
        if current_faction(state) != faction:
            reason = "Not your turn."
        options.append(ActionOption(probe, False, reason, None))
    return options


def _option(state: State, move: Action, faction: int) -> ActionOption:
    odds = known_chance(state, move, faction)
    chance = None if odds is None else (odds[0] + odds[1]) / 2
    return ActionOption(move, True, "", chance, odds)


def known_chance(state: State, action: Action, viewer: int) -> tuple[float, float] | None:
    """The chance of `action` as `viewer` may know it (-1: exactly, as it is)."""
    if viewer < 0:
        chance = chance_of(state, action)
        return None if chance is None else (chance, chance)
    view = observe(state, viewer)
    hidden = [(slot, view.ranges[slot]) for slot, v in enumerate(view.values) if v is None]
    return chance_range(state, action, hidden)
