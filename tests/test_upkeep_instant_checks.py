"""Instant outcomes are re-checked after an upkeep rule only when the rule can change one
of their conditions; skipping the other checks changes no game."""

from __future__ import annotations

import dataclasses
import random

from game.content import load_level
from game.engine import legal_actions, new_game, step
from game.engine.effects import quiet_upkeep
from game.engine.ruleset import Ruleset


def _play(rules: Ruleset, seed: int) -> list[str]:
    """A random game's state hash after every move."""
    state = new_game(rules, seed)
    rng = random.Random(seed)
    hashes = []
    while state.outcome < 0:
        moves = legal_actions(state)
        step(state, moves[0] if rng.random() < 0.6 else rng.choice(moves))
        hashes.append(state.hash())
    return hashes


def test_the_upkeep_rules_that_move_an_instant_outcomes_track_are_always_followed_by_a_check() -> (
    None
):
    rules = load_level("niger_2023")
    loud = {u.id for u, quiet in zip(rules.upkeep, rules.quiet_upkeep, strict=True) if not quiet}
    # regional war reads escalation, the junta's collapse reads its grip
    assert {"escalation_drift", "grip_drift"} <= loud
    assert len(loud) < len(rules.upkeep)


def test_no_upkeep_rule_is_quiet_when_an_instant_outcome_reads_the_clock() -> None:
    rules = load_level("niger_2023")
    clocked = [dataclasses.replace(rules.instant[0], reads=None), *rules.instant[1:]]
    assert not any(quiet_upkeep(rules.upkeep, clocked))


def test_skipping_the_checks_after_quiet_upkeep_rules_plays_every_game_the_same() -> None:
    rules = load_level("niger_2023")
    checked_always = dataclasses.replace(rules, quiet_upkeep=())
    for seed in range(12):
        assert _play(rules, seed) == _play(checked_always, seed)
