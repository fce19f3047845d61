"""The action panel lists the moves a player can make now before the unavailable ones, in
each of its two groups (ordinary actions, then deal offers)."""

from __future__ import annotations

from game.engine import action_options
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
