"""The end-of-game story: tracks per round rebuilt by replay, turning points, the sentence."""

from __future__ import annotations

from pathlib import Path

from game.content import load_level
from game.headless import play_match
from game.ui.cards import preview_lines
from game.ui.story import key_moments, outcome_sentence, round_snapshots, track_series

MINI = Path(__file__).parent / "levels" / "mini"


def test_round_snapshots_replay_to_the_final_state() -> None:
    rules = load_level(MINI)
    match = play_match(rules, 9, ["random", "random"])
    snaps = round_snapshots(match)
    assert snaps[-1] == match.state.v
    assert len(snaps) == match.state.round + 1
    series = track_series(match)
    assert series[0].slot == rules.escalation_slot
    assert all(len(s.values) == len(snaps) for s in series)


def test_turning_points_are_the_largest_swings_in_round_order() -> None:
    rules = load_level(MINI)
    match = play_match(rules, 21, ["random", "random"])
    moments = key_moments(match)
    assert len(moments) <= 3
    assert [m.round for m in moments] == sorted(m.round for m in moments)
    for m in moments:
        assert m.before != m.after
        assert m.slot != rules.clock_slot or all(
            s.slot == rules.clock_slot for s in track_series(match)
        )


def test_the_outcome_sentence_names_the_winner_or_nobody() -> None:
    rules = load_level(MINI)
    match = play_match(rules, 9, ["random", "random"])
    sentence = outcome_sentence(match)
    if match.state.winner >= 0:
        assert rules.factions[match.state.winner].name in sentence
    else:
        assert sentence.startswith("Nobody wins")


def test_a_preview_card_shows_cost_odds_and_both_branches() -> None:
    from game.engine import Action, new_game

    rules = load_level(MINI)
    state = new_game(rules, 1)
    agitate = rules.action_by_id("agitate").index
    lines = preview_lines(state, Action(agitate, 0), 0)
    text = "\n".join(lines)
    assert "Cost: 1 AP · 1 Cash" in text and "50% chance" in text
    assert "If it works:" in text and "Capital Red Influence +2" in text
    assert "If it fails:" in text and "Capital Blue Influence +1" in text


def test_ai_reasons_shown_to_every_seat_never_name_a_private_value() -> None:
    from game.headless import play_match

    rules = load_level(MINI)
    secrets = [v.name for v in rules.vars if v.private]
    moves = []
    for seed in range(6):
        moves += play_match(rules, seed, ["greedy", "greedy"]).history
    calm = rules.action_by_id("calm").index
    assert any(m.action.action == calm for m in moves), "blue's calm (morale -1) was played"
    for move in moves:
        assert not any(name in move.reason for name in secrets), move.reason
