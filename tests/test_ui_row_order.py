"""The action panel lists the moves a player can make now before the unavailable ones, in
each of its two groups (ordinary actions, then deal offers), and within a turn keeps each
row where it was, so the number keys do not shift under the player."""

from __future__ import annotations

from game.engine import PASS, action_options
from game.match import Match
from game.ui.launch import load_rules
from game.ui.widgets.action_rows import action_rows, is_offer_row, panel_order


def test_every_faction_sees_its_legal_moves_above_its_unavailable_ones_and_offers_last() -> None:
    rules, _ = load_rules("niger_2023")
    assert rules is not None
    match = Match.new(rules, 3)
    seen_unavailable = seen_offer = False
    for faction in range(len(rules.factions)):
        rows = panel_order(rules, action_rows(action_options(match.state, faction)))
        groups = [(is_offer_row(rules, r), not r.legal) for r in rows]
        assert groups == sorted(groups), [rules.actions[r.index].id for r in rows]
        seen_unavailable |= any(not r.legal for r in rows)
        seen_offer |= any(is_offer_row(rules, r) for r in rows)
        # within a group the level's own order is kept
        for key in set(groups):
            same = [r.index for r, g in zip(rows, groups, strict=True) if g == key]
            assert same == sorted(same)
    assert seen_unavailable and seen_offer, "week 1 has unavailable actions and offers"


def test_taking_a_move_does_not_shift_the_number_keys_of_the_rows_below_it() -> None:
    """ECOWAS issues its once-a-game ultimatum from row 1: the row stays there greyed, so
    the key that showed 'Tighten sanctions' when the turn began still takes it."""
    rules, _ = load_rules("niger_2023")
    assert rules is not None
    match = Match.new(rules, 3)
    ecowas = rules.faction_index("ecowas")
    while match.active != ecowas:
        match.play(PASS)
    before = panel_order(rules, action_rows(action_options(match.state, ecowas)))
    ultimatum = next(r for r in before if rules.actions[r.index].id == "ultimatum")
    assert ultimatum.legal
    match.play(ultimatum.options[0].action)
    after_rows = action_rows(action_options(match.state, ecowas))
    kept = panel_order(rules, after_rows, [r.index for r in before])
    assert [r.index for r in kept] == [r.index for r in before]
    assert not next(r for r in kept if r.index == ultimatum.index).legal
    fresh = panel_order(rules, after_rows)  # a new turn sorts afresh: used moves sink
    assert fresh.index(next(r for r in fresh if r.index == ultimatum.index)) > before.index(
        ultimatum
    )
