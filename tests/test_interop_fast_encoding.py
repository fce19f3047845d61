"""The adapters' fast observation path (`ObservationEncoder.encode_state`, straight from
the engine state) gives exactly the bytes of the view-based path
(`encode(observe(state, faction))`), on every level, for every faction, including
positions where intel narrows the ranges and levels with covert actions."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from game.content import load_level
from game.engine import Action, PlayerView, Ruleset, State, legal_actions, new_game, observe, step
from game.interop.encoding import MoveCodec, ObservationEncoder
from tests.conftest import mini_text


def _states(rules: Ruleset, seed: int, count: int) -> list[State]:
    """States along random playouts, each also with every faction's intel resource
    set to a random value of its range (so buckets of every width occur)."""
    rng = random.Random(seed)
    intel = [f.intel_slot for f in rules.factions if f.intel_slot >= 0]
    states: list[State] = []
    while len(states) < count:
        state = new_game(rules, rng.getrandbits(32))
        while state.outcome < 0 and len(states) < count:
            if rng.random() < 0.25:
                states.append(state.clone())
                spied = state.clone()
                for slot in intel:
                    spied.v[slot] = rng.randint(rules.lo[slot], rules.hi[slot])
                states.append(spied)
            moves = legal_actions(state)
            step(state, moves[rng.randrange(len(moves))])
        states.append(state.clone())  # a finished game (outcome and winner one-hots)
    return states


def _assert_same_bytes(rules: Ruleset, states: list[State]) -> int:
    """Compare both paths on every state and faction; return how many ranges were
    narrower than their value's bounds (intel at work)."""
    encoder = ObservationEncoder(rules)
    narrowed = 0
    for state in states:
        for faction in range(len(rules.factions)):
            view = observe(state, faction)
            slow = encoder.encode(view)
            fast = encoder.encode_state(state, faction)
            assert fast.dtype == slow.dtype and fast.shape == slow.shape
            assert fast.tobytes() == slow.tobytes(), (faction, encoder.describe(fast - slow))
            for slot, (low, high) in view.ranges.items():
                if slot < rules.layout.n_vars and high - low < rules.hi[slot] - rules.lo[slot]:
                    narrowed += 1
    return narrowed


def test_the_fast_path_encodes_every_state_exactly_like_the_view(level: Ruleset) -> None:
    narrowed = _assert_same_bytes(level, _states(level, 1, 150))
    if any(f.intel_slot >= 0 for f in level.factions) and level.private_slots:
        assert narrowed > 0  # intel narrowed some ranges, so buckets were compared


def test_the_fast_path_leaves_covert_counters_out_exactly_like_the_view(
    write_level: Callable[[str], Path],
) -> None:
    recruit = "    name: Recruit spies\n"
    text = mini_text().replace(recruit, recruit + "    covert: true\n")
    rules = load_level(write_level(text))
    assert rules.covert_slots
    recruit_move = Action(rules.action_by_id("recruit").index, -1)
    states = _states(rules, 4, 80)
    used = new_game(rules, 1)
    step(used, recruit_move)  # a covert move the other faction must not see counted
    states.append(used)
    _assert_same_bytes(rules, states)


def _full_view(state: State, faction: int) -> PlayerView:
    return dataclasses.replace(observe(state, faction), values=tuple(state.v), ranges={})


def _public_view(state: State, faction: int) -> PlayerView:
    rules = state.rules
    view = observe(state, faction)
    values = list(view.values)
    ranges = dict(view.ranges)
    for slot in rules.private_slots:
        values[slot] = None
        ranges[slot] = (rules.lo[slot], rules.hi[slot])
    return dataclasses.replace(view, values=tuple(values), ranges=ranges)


@pytest.mark.parametrize(
    ("reveal", "make_view"), [("all", _full_view), ("none", _public_view)], ids=["all", "none"]
)
def test_the_other_reveal_modes_match_the_views_they_stand_for(
    level: Ruleset, reveal: str, make_view: Callable[[State, int], PlayerView]
) -> None:
    encoder = ObservationEncoder(level)
    for state in _states(level, 2, 40):
        for faction in range(len(level.factions)):
            expected = encoder.encode(make_view(state, faction)).tobytes()
            assert encoder.encode_state(state, faction, reveal=reveal).tobytes() == expected


def test_an_unknown_reveal_mode_is_refused(mini: Ruleset) -> None:
    with pytest.raises(ValueError, match="reveal"):
        ObservationEncoder(mini).encode_state(new_game(mini, 1), 0, reveal="some")


def test_legal_move_indices_are_the_engines_moves_in_the_level_enumeration(
    level: Ruleset,
) -> None:
    codec = MoveCodec(level)
    for state in _states(level, 3, 60):
        expected = sorted(codec.index(m) for m in legal_actions(state))
        assert codec.legal_indices(state) == expected
