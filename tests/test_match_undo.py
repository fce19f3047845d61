"""Engine-level undo and redo on Match: snapshots, and never after randomness showed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from game.content import load_level
from game.engine import PASS, Action, Ruleset, legal_actions
from game.match import MAX_UNDO, Match
from tests.conftest import mini_text

RED, BLUE = 0, 1


def move(rules: Ruleset, match: Match, action_id: str, target: int = -1) -> Action:
    index = rules.action_by_id(action_id).index
    action = next(
        a
        for a in legal_actions(match.state)
        if a.action == index and (target < 0 or a.target == target)
    )
    match.play(action)
    return action


def three_ap_level(write_level: Callable[[str], Path]) -> Ruleset:
    text = mini_text().replace('action_points: "1 + (blue.cash >= 3)"', "action_points: 3")
    return load_level(write_level(text))


def test_undo_restores_the_state_history_and_log(mini: Ruleset) -> None:
    match = Match.new(mini, 1)
    before_hash, before_log = match.state.hash(), list(match.log)
    move(mini, match, "recruit")
    assert match.can_undo(RED)
    assert match.undo()
    assert match.state.hash() == before_hash
    assert match.history == [] and match.log == before_log
    assert match.active == RED


def test_redo_replays_the_undone_move_to_the_same_state(mini: Ruleset) -> None:
    match = Match.new(mini, 1)
    move(mini, match, "recruit")
    after = match.state.hash()
    assert match.undo()
    assert match.can_redo()
    assert match.redo()
    assert match.state.hash() == after
    assert len(match.history) == 1
    assert not match.redo()


def test_only_the_faction_that_moved_may_undo(mini: Ruleset) -> None:
    match = Match.new(mini, 1)
    move(mini, match, "recruit")
    assert match.can_undo(RED)
    assert not match.can_undo(BLUE)


def test_a_chance_roll_cannot_be_undone(mini: Ruleset) -> None:
    match = Match.new(mini, 1)
    move(mini, match, "agitate")
    assert match.active == RED  # still red's turn: only the roll blocks undo
    assert not match.can_undo(RED)
    assert not match.undo()
    assert len(match.history) == 1


def test_a_move_that_ends_the_turn_cannot_be_undone(mini: Ruleset) -> None:
    match = Match.new(mini, 1)
    match.play(PASS)
    assert match.active == BLUE
    assert not match.can_undo(RED)
    assert not match.undo()


def test_a_move_that_starts_a_new_round_cannot_be_undone(mini: Ruleset) -> None:
    match = Match.new(mini, 1)
    match.play(PASS)
    match.play(PASS)
    assert match.state.round == 2
    assert not match.can_undo(BLUE)
    assert not match.undo()


def test_a_move_that_fires_an_event_cannot_be_undone(write_level: Callable[[str], Path]) -> None:
    text = mini_text().replace(
        "    effects: [spies += 1]\n",
        "    effects: [spies += 1, {event: summit}]\n",
    )
    rules = load_level(write_level(text))
    match = Match.new(rules, 1)
    move(rules, match, "recruit")
    assert match.active == RED
    assert not match.can_undo(RED)


def test_the_end_of_the_game_cannot_be_undone(mini: Ruleset) -> None:
    match = Match.new(mini, 1)
    while not match.is_over:
        match.play(PASS)
    assert not match.can_undo(BLUE) and not match.can_undo(RED)


def test_several_moves_in_one_turn_undo_one_by_one(write_level: Callable[[str], Path]) -> None:
    rules = three_ap_level(write_level)
    match = Match.new(rules, 4)
    match.play(PASS)
    blue_start = match.state.hash()
    move(rules, match, "calm")
    after_calm = match.state.hash()
    move(rules, match, "pressure", target=RED)
    after_both = match.state.hash()
    assert match.active == BLUE
    assert match.can_undo(BLUE) and match.undo()
    assert match.state.hash() == after_calm
    assert match.can_undo(BLUE) and match.undo()
    assert match.state.hash() == blue_start
    assert not match.undo()  # red's pass ended red's turn
    assert match.redo() and match.redo()
    assert match.state.hash() == after_both


def test_a_new_move_forgets_what_could_be_redone(mini: Ruleset) -> None:
    match = Match.new(mini, 1)
    move(mini, match, "recruit")
    match.undo()
    match.play(PASS)
    assert not match.can_redo()
    assert not match.redo()


def test_nothing_to_undo_or_redo_returns_false(mini: Ruleset) -> None:
    match = Match.new(mini, 1)
    assert not match.can_undo(RED)
    assert not match.undo()
    assert not match.redo()


def test_round_hashes_after_undo_and_redo_equal_those_of_a_straight_game(mini: Ruleset) -> None:
    straight = Match.new(mini, 6)
    moves: list[Action] = []
    while not straight.is_over:
        legal = legal_actions(straight.state)
        action = legal[len(straight.history) % len(legal)]
        moves.append(action)
        straight.play(action)
    zigzag = Match.new(mini, 6)
    for action in moves:
        zigzag.play(action)
        if zigzag.can_undo(zigzag.history[-1].faction):
            assert zigzag.undo() and zigzag.redo()
    assert zigzag.round_hashes == straight.round_hashes
    assert zigzag.state.hash() == straight.state.hash()
    assert zigzag.log == straight.log


def test_undo_snapshots_are_bounded(mini: Ruleset) -> None:
    match = Match.new(mini, 1)
    while not match.is_over:
        match.play(PASS)
    assert len(match._steps) <= MAX_UNDO


def test_on_round_is_called_at_every_checkpoint(mini: Ruleset) -> None:
    match = Match.new(mini, 1)
    seen: list[int] = []
    match.on_round = lambda m: seen.append(m.state.round)
    while not match.is_over:
        match.play(PASS)
    assert seen == match.round_numbers[1:]
