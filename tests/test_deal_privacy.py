"""A private deal's answer, status and terms are seen only by its two parties; a public
deal is seen by everyone."""

from __future__ import annotations

from game.content import open_level
from game.engine import (
    LogEntry,
    Ruleset,
    State,
    apply,
    describe,
    legal_actions,
    new_game,
    observe,
    visible,
)
from game.engine.log import ACTION
from game.engine.ruleset import PASS
from tests.conftest import mini_text
from tests.test_validator_traps import WriteLevel

THIRD = """  - id: green
    name: Green Union
    short: Green
    description: Watches.
    color: "#009E73"
    emblem: G
"""

DEAL = """
deals:
  - id: side_deal
    name: Side deal
    description: Red quietly pays Blue to stay calm.
    proposer: red
    recipient: blue
    public: {public}
    rounds: 2
    recipient_terms: {{refrains: [pressure]}}
    on_accept: [red.cash -= 1, blue.cash += 1]
"""


def level(write_level: WriteLevel, public: bool) -> Ruleset:
    text = mini_text().replace("order: [red, blue]", "order: [red, blue, green]")
    text = text.replace("\ntracks:", THIRD + "\ntracks:", 1)
    text += DEAL.format(public=str(public).lower())
    return open_level(write_level(text)).ruleset


def offered_and_accepted(rules: Ruleset) -> tuple[State, list[LogEntry]]:
    state = new_game(rules, 4)
    log: list[LogEntry] = []
    offer = next(m for m in legal_actions(state) if rules.actions[m.action].deal_role == 1)
    state, entries = apply(state, offer)
    log += entries
    state, entries = apply(state, legal_actions(state)[1])  # blue accepts (no terms to fail)
    log += entries
    return state, log


def test_a_private_deal_s_status_is_hidden_from_the_third_faction_only(
    write_level: WriteLevel,
) -> None:
    rules = level(write_level, public=False)
    state, _ = offered_and_accepted(rules)
    status = rules.deals[0].status_slot
    red, blue, green = 0, 1, 2
    assert observe(state, red).values[status] == 2
    assert observe(state, blue).values[status] == 2
    assert observe(state, green).values[status] is None
    assert observe(state, green).ranges[status] == (0, 5)


def test_a_private_deal_s_offer_and_answer_are_logged_for_both_parties_only(
    write_level: WriteLevel,
) -> None:
    rules = level(write_level, public=False)
    _, log = offered_and_accepted(rules)
    deal_lines = [e for e in log if e.kind == ACTION]
    assert len(deal_lines) == 2
    for entry in deal_lines:
        assert visible(entry, 0) and visible(entry, 1)
        assert not visible(entry, 2)
        assert describe(rules, entry, 2).endswith("acts in secret.")


def test_a_public_deal_is_seen_by_everyone(write_level: WriteLevel) -> None:
    rules = level(write_level, public=True)
    state, log = offered_and_accepted(rules)
    assert observe(state, 2).values[rules.deals[0].status_slot] == 2
    assert all(visible(e, 2) for e in log)


def test_the_third_faction_s_view_is_the_same_whether_the_private_deal_was_accepted_or_refused(
    write_level: WriteLevel,
) -> None:
    rules = level(write_level, public=False)
    rules_state = new_game(rules, 4)
    offer = next(m for m in legal_actions(rules_state) if rules.actions[m.action].deal_role == 1)
    pending, _ = apply(rules_state, offer)
    refused, _ = apply(pending, legal_actions(pending)[0])
    accepted, _ = apply(pending, legal_actions(pending)[1])
    # the third faction sees the public cash move, but not the deal's status or answer
    seen_refused = observe(refused, 2)
    seen_accepted = observe(accepted, 2)
    status = rules.deals[0].status_slot
    assert seen_refused.values[status] is None and seen_accepted.values[status] is None
    assert seen_refused.ranges[status] == seen_accepted.ranges[status]
    assert PASS in legal_actions(refused) and PASS in legal_actions(accepted)
