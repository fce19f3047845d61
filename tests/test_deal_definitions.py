"""Bad deal definitions get one clear, located error each (never a traceback), and a
deal's state can be read, never written, by the level's expressions."""

from __future__ import annotations

import pytest

from tests.conftest import mini_text
from tests.test_validator_traps import WriteLevel, at, errors_of, warnings_of

DEAL = """
deals:
  - id: truce
    name: Truce
    description: Red stops agitating.
    proposer: blue
    recipient: red
    option: {name: price, values: [1, 2]}
    recipient_terms: {refrains: [agitate]}
    on_accept: [blue.cash -= price, red.cash += price]
"""


def with_deal(old: str = "", new: str = "") -> str:
    deal = DEAL.replace(old, new, 1) if old else DEAL
    assert not old or old in DEAL, old
    return mini_text() + deal


def test_a_deal_with_itself_is_an_error_at_the_recipient(write_level: WriteLevel) -> None:
    text = with_deal("recipient: red", "recipient: blue")
    assert errors_of(write_level, text) == [
        f"{at(text, 'recipient: blue')}: deal 'truce': recipient: a faction cannot make a deal "
        "with itself; name another faction"
    ]


def test_an_unknown_recipient_suggests_the_close_faction(write_level: WriteLevel) -> None:
    text = with_deal("recipient: red", "recipient: redd")
    found = errors_of(write_level, text)
    assert len(found) == 1 and "unknown faction 'redd'" in found[0] and "'red'" in found[0]
    assert found[0].startswith(at(text, "recipient: redd"))


def test_committing_about_another_faction_s_action_names_its_owner(
    write_level: WriteLevel,
) -> None:
    text = with_deal("refrains: [agitate]", "refrains: [calm]")
    found = errors_of(write_level, text)
    assert found == [
        f"{at(text, 'calm]')}: deal 'truce': recipient_terms.refrains.0: 'calm' is an action "
        "of blue, so red cannot commit about it; list only red's actions"
    ]


def test_an_unknown_committed_action_suggests_the_side_s_own(write_level: WriteLevel) -> None:
    text = with_deal("refrains: [agitate]", "refrains: [agitat]")
    found = errors_of(write_level, text)
    assert len(found) == 1
    assert "unknown action 'agitat'" in found[0] and "did you mean 'agitate'" in found[0]


def test_repeated_option_values_are_an_error(write_level: WriteLevel) -> None:
    text = with_deal("values: [1, 2]", "values: [2, 2]")
    found = errors_of(write_level, text)
    assert len(found) == 1 and "each option value must be different" in found[0]


def test_a_bad_effect_of_acceptance_is_located_in_on_accept(write_level: WriteLevel) -> None:
    text = with_deal("red.cash += price", "red.cash += prize")
    found = errors_of(write_level, text)
    assert len(found) == 1
    assert found[0].startswith(at(text, "red.cash += prize").rsplit(":", 1)[0])
    assert "deal 'truce': on_accept.1" in found[0] and "prize" in found[0]


def test_an_unknown_deal_field_is_refused_with_its_location(write_level: WriteLevel) -> None:
    text = with_deal() + "    bindng: true\n"
    found = errors_of(write_level, text)
    assert len(found) == 1 and "bindng" in found[0]


@pytest.mark.parametrize("effect", ["deals.truce = 2", "deals.truce.option += 1"])
def test_a_deal_s_state_cannot_be_written_by_an_effect(
    write_level: WriteLevel, effect: str
) -> None:
    text = mini_text().replace("effects: [window -= 1]", f"effects: [window -= 1, {effect}]") + DEAL
    found = errors_of(write_level, text)
    assert len(found) == 1 and "deals.truce" in found[0]


def test_a_deal_s_state_can_be_read_by_an_objective(write_level: WriteLevel) -> None:
    from game.content import open_level

    text = mini_text().replace(
        "when: tension <= 2, points: 3}", "when: tension <= 2 and deals.truce != 2, points: 3}"
    )
    rules = open_level(write_level(text + DEAL)).ruleset
    assert [d.id for d in rules.deals] == ["truce"]


def test_a_deal_dearer_than_the_proposer_s_action_points_is_a_warning(
    write_level: WriteLevel,
) -> None:
    text = with_deal("    proposer: blue", "    ap: 3\n    proposer: blue")
    text = text.replace('action_points: "1 + (blue.cash >= 3)"', "action_points: 2")
    found = warnings_of(write_level, text)
    assert found == [
        f"{at(text, 'ap: 3')}: warning: deal 'truce': ap: offering it costs 3 action points "
        "but blue has 2 a turn, so it can never be offered; lower 'ap'"
    ]


def test_a_deal_with_no_terms_is_a_warning(write_level: WriteLevel) -> None:
    text = mini_text() + DEAL.replace("    recipient_terms: {refrains: [agitate]}\n", "").replace(
        "    on_accept: [blue.cash -= price, red.cash += price]\n", ""
    )
    found = warnings_of(write_level, text)
    assert len(found) == 1 and "accepting it changes nothing" in found[0]


def test_a_countered_deal_whose_refusal_names_one_side_warns_to_add_a_counter_refusal(
    write_level: WriteLevel,
) -> None:
    text = with_deal(
        "    recipient_terms:",
        "    counter: true\n    text:\n      refuse: Red turns the truce down\n"
        "    recipient_terms:",
    )
    assert warnings_of(write_level, text) == [
        f"{at(text, 'refuse: Red')}: warning: deal 'truce': text.refuse: this headline is also "
        "the news when blue refuses a counter-offer, and it does not say who refuses "
        "('{recipient}'); add text.refuse_counter so that refusal reads true"
    ]
    fixed = text.replace(
        "refuse: Red turns the truce down",
        "refuse: Red turns the truce down\n      refuse_counter: Blue will not pay more",
    )
    assert warnings_of(write_level, fixed) == []
    named = text.replace("Red turns the truce down", "'{recipient} turns the truce down'")
    assert warnings_of(write_level, named) == []
