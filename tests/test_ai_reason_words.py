"""AI reasons read as a player's sentence; the search's numbers only behind a setting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.ai.reasons import decision_reason, may_see_estimate, player_words
from game.engine import PASS, Action, Ruleset, new_game, observe, sample_state

SEARCH_WORDS = re.compile(r"sample|rollout|playout|margin|lookahead|VP", re.I)


def test_a_move_that_meets_an_objective_is_explained_by_that_objective(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    state.v[mini.slot("capital.influence.red")] = 1  # +2 puts Red ahead of Blue's 2
    view = observe(state, 0)
    agitate = Action(mini.action_by_id("agitate").index, 0)
    reason = decision_reason(
        view, sample_state(view, 0), agitate, 1.5, "2-round rollouts on 1 sample"
    )
    words = player_words(reason)
    assert words == (
        "Red Bloc — Agitate → Capital: it expects to secure 'Hold the capital', "
        "though Tension rises to 2."
    )
    assert not SEARCH_WORDS.search(words)
    detailed = player_words(reason, details=True)
    assert "2-round rollouts on 1 sample" in detailed and "VP" not in detailed
    own = player_words(reason, details=True, estimate=True)
    assert "2-round rollouts on 1 sample" in own and "+1.5 VP" in own


def test_in_a_game_a_person_plays_no_seat_reads_the_search_numbers_even_with_the_setting_on(
    mini: Ruleset,
) -> None:
    """The search's numbers come from the acting AI's private values and its samples of
    hidden ones (its margin; a rollout's "coup near" when its own loyalty is low), so they
    show only to a spectator of a game no person plays (viewer -1)."""
    from game.match import Match
    from game.ui.session import move_reasons

    match = Match.new(mini, 1)
    actor = match.active
    rival = 1 - actor
    view = observe(match.state, actor)
    agitate = Action(mini.action_by_id("agitate").index, 0)
    basis = "2-round rollouts on 4 samples; a coup near, weighing only moves away from it"
    match.play(agitate, decision_reason(view, sample_state(view, 0), agitate, 1.5, basis))
    for viewer in (rival, actor):
        seen = " ".join(move_reasons(match, viewer, details=True).values())
        assert seen.startswith("Red Bloc — Agitate → Capital") or "Agitate" in seen
        assert "coup near" not in seen and "rollouts" not in seen and "VP" not in seen, seen
    seen_by_spectator = " ".join(move_reasons(match, -1, details=True).values())
    assert "coup near" in seen_by_spectator and "expected margin +1.5 VP" in seen_by_spectator
    assert "rollouts" not in " ".join(move_reasons(match, -1, details=False).values())
    assert may_see_estimate(actor, actor) and not may_see_estimate(rival, actor)


def test_the_ai_move_card_shows_a_person_the_plain_words_only(mini: Ruleset) -> None:
    from game.ai import Decision
    from game.match import Match
    from game.ui.theme import Fonts
    from game.ui.widgets.move_feed import MoveFeed

    match = Match.new(mini, 1)
    actor = match.active
    view = observe(match.state, actor)
    agitate = Action(mini.action_by_id("agitate").index, 0)
    reason = decision_reason(view, sample_state(view, 0), agitate, 1.5, "search of 60 playouts")
    match.play(agitate, reason)
    feed = MoveFeed(mini, Fonts())
    for viewer, numbers in ((1 - actor, False), (-1, True)):
        feed.show_ai(match, actor, Decision(agitate, reason), 0, viewer, 0.0, True)
        card = " ".join(feed.cards[0].lines)
        assert ("60 playouts" in card) is numbers and ("+1.5 VP" in card) is numbers, card


def test_the_settings_say_why_the_search_numbers_do_not_show_in_a_game_a_person_plays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.ui.screens.settings import DETAILS, DETAILS_NOTE, IN_PLAY_NOTE
    from tests.ui_driver import frames, new_app, open_settings, start_mini

    monkeypatch.setenv("SAHEL_CRISIS_DATA_DIR", str(tmp_path))
    assert any("AI-only games" in label for label in DETAILS)
    app = new_app()
    try:
        assert open_settings(app).note == DETAILS_NOTE
        app.pop()
        frames(app, 2)
        play = start_mini(app, ("human", "random"))
        app.push(app.screens.settings())
        frames(app, 2)
        assert app.top is not play and getattr(app.top, "note", "") == IN_PLAY_NOTE
    finally:
        app.close()


def test_a_move_without_an_objective_at_stake_names_what_it_changes(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    view = observe(state, 0)
    agitate = Action(mini.action_by_id("agitate").index, 1)  # the hills: no objective there
    words = player_words(decision_reason(view, sample_state(view, 0), agitate, 0.2, "search"))
    assert words.startswith("Red Bloc — Agitate → Hills: it wants to raise Hills ")
    assert not SEARCH_WORDS.search(words)


def test_ending_the_turn_is_explained_in_words(mini: Ruleset) -> None:
    view = observe(new_game(mini, 1), 0)
    reason = decision_reason(view, sample_state(view, 0), PASS, 2.0, "search of 60 playouts")
    assert player_words(reason) == "Red Bloc ends its turn: no move looks better than waiting."
    assert "60 playouts" in player_words(reason, details=True)
    assert "by 2.0 VP" not in player_words(reason, details=True)
    assert "by 2.0 VP" in player_words(reason, details=True, estimate=True)


def test_the_ai_reasons_setting_is_saved_and_a_bad_value_clamped(tmp_path: Path) -> None:
    from game.ui.prefs import Settings, load_settings, parse_settings, save_settings

    settings, problems = parse_settings({"ai_details": 5})
    assert settings.ai_details == 1.0 and "ai_details 5 is outside 0–1" in problems[0]
    path = save_settings(Settings(ai_details=1.0), tmp_path / "settings.json")
    assert load_settings(path)[0].ai_details == 1.0


def test_a_risk_the_move_accepts_is_not_also_named_as_its_aim() -> None:
    from game.content import load_level
    from tests.conftest import ROOT

    niger = load_level(ROOT / "levels" / "niger_2023")
    state = new_game(niger, 3)
    russia = niger.faction_index("russia")
    view = observe(state, russia)
    wagner = Action(niger.action_by_id("offer_wagner").index, -1)
    words = player_words(decision_reason(view, sample_state(view, 0), wagner, 0.5, "rollouts"))
    assert words.count("Escalation") <= 1, words  # read '…raise Escalation …, though Escalation…'
    assert "wants to raise Escalation" not in words, "a danger accepted is not the aim"


def test_a_labelled_value_the_move_aims_at_reads_from_its_words_to_its_words() -> None:
    from game.content import load_level
    from tests.conftest import ROOT

    niger = load_level(ROOT / "levels" / "niger_2023")
    state = new_game(niger, 3)
    ecowas = niger.faction_index("ecowas")
    state.v[niger.slot("nigeria_stance")] = 3  # "neutral"; the case at home moves it one up
    view = observe(state, ecowas)
    case = Action(niger.action_by_id("domestic_case").index, -1)
    words = player_words(decision_reason(view, sample_state(view, 0), case, 0.5, "rollouts"))
    was, then = (niger.vars[niger.slot("nigeria_stance")].label(v) for v in (3, 4))
    assert f"from '{was}' to '{then}'" in words, words  # read "…stance to leans to ECOWAS"
