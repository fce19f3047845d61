"""An AI's reason is written only when someone reads it, and reads the same as if it
had been written when the move was chosen."""

from __future__ import annotations

from game.ai import create_agent
from game.content import load_level
from game.engine import current_faction, legal_actions, new_game, observe, step
from game.headless import play_match, seat_rng

SEATS = ["rollout", "mcts"]  # no time caps: the same moves however busy the machine is


def test_the_reasons_kept_in_a_played_match_read_as_the_ones_given_at_each_move() -> None:
    rules = load_level("tutorial")
    match = play_match(rules, 4, SEATS)
    agents = [create_agent(seat, rules, i) for i, seat in enumerate(SEATS)]
    rngs = [seat_rng(4, i) for i in range(len(SEATS))]
    state = new_game(rules, 4)
    given = []
    while not state.is_over:
        f = current_faction(state)
        decision = agents[f].decide(observe(state, f), legal_actions(state), rngs[f])
        given.append(decision.reason)  # read at once, before the game moves on
        step(state, decision.action)
    assert [move.reason for move in match.history] == given
    assert all(given)


def test_a_decisions_reason_is_not_written_until_it_is_read() -> None:
    rules = load_level("tutorial")
    match = play_match(rules, 4, SEATS, max_decisions=6)
    pending = [move for move in match.history if callable(move.why())]
    assert pending  # a batch that never reads them never pays for them
    assert all(move.reason and move.why() == move.reason for move in pending)
