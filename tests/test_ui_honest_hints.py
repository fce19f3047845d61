"""An objective's hint ("needs …", "lost if …") only names a change some action, event,
deal or upkeep rule of the level can still make; otherwise it says so honestly."""

from __future__ import annotations

from game.content import load_level
from game.engine import State
from game.match import Match
from game.ui.lens import Lens
from game.ui.reach import reachable
from game.ui.score_text import OUT_OF_REACH, board_lines
from game.ui.widgets.objectives import detail_text
from tests.conftest import ROOT

NIGER = load_level(ROOT / "levels" / "niger_2023")
BAZOUM = next(v for v in NIGER.vars if v.id == "bazoum")
STATUS = {label: value for value, label in BAZOUM.labels}


def _with_bazoum(status: str) -> State:
    state = Match.new(NIGER, 3).state.clone()
    state.v[BAZOUM.index] = STATUS[status]
    return state


def _lines(state: State, faction: str) -> list[str]:
    seat = next(f.index for f in NIGER.factions if f.id == faction)
    return board_lines(NIGER, Lens(state, seat).board, seat)


def test_once_bazoum_has_resigned_no_hint_asks_for_him_to_be_freed_or_detained() -> None:
    state = _with_bazoum("resigned")
    shown = _lines(state, "ecowas") + _lines(state, "junta") + _lines(state, "us")
    assert not [t for t in shown if "resigned →" in t], "no rule changes a resigned Bazoum"
    freed = next(t for t in _lines(state, "ecowas") if "Bazoum freed" in t)
    assert OUT_OF_REACH in freed, freed
    chip = next(t for t in _lines(state, "junta") if "Keep the bargaining chip" in t)
    assert OUT_OF_REACH in chip, chip


def test_the_window_s_objectives_panel_says_the_same_as_the_text_mode() -> None:
    state = _with_bazoum("resigned")
    ecowas = next(f.index for f in NIGER.factions if f.id == "ecowas")
    board = Lens(state, ecowas).board
    freed = next(line for line in board.lines(ecowas) if line.name == "Bazoum freed")
    assert OUT_OF_REACH in detail_text(NIGER, freed)


def test_a_hint_the_rules_still_allow_is_kept_and_names_only_reachable_values() -> None:
    detained = _lines(_with_bazoum("detained"), "junta")
    chip = next(t for t in detained if "Keep the bargaining chip" in t)
    assert "lost if Bazoum's status detained → released" in chip, chip
    exiled = _lines(_with_bazoum("exiled"), "ecowas")
    freed = next(t for t in exiled if "Bazoum freed" in t)
    # from exile he can come back reinstated (ECOWAS restores him), never merely released
    assert "needs Bazoum's status exiled → reinstated" in freed, freed
    assert "released" not in freed, freed


def test_the_reachability_check_follows_the_level_s_rules() -> None:
    def after(status: str) -> set[str]:
        values = reachable(NIGER, BAZOUM.index, STATUS[status])
        return {BAZOUM.label(v) for v in values}

    assert after("detained") == set(STATUS), "a detained Bazoum can end in any status"
    assert after("resigned") == {"resigned"}
    assert after("reinstated") == {"reinstated"}
    pact = next(v for v in NIGER.vars if v.id == "pact")
    assert reachable(NIGER, pact.index, 1) == {1}, "a signed defence pact stays signed"
    assert reachable(NIGER, pact.index, 0) == {0, 1}


def test_a_hint_names_who_could_make_its_change_rivals_for_a_loss_you_for_a_need() -> None:
    state = Match.new(NIGER, 3).state
    base = next(t for t in _lines(state, "us") if "Keep Air Base 201" in t)
    closing = "U.S. base access open → closed (Junta: Restrict, then close, the U.S. bases; "
    assert f"lost if {closing}" in base, base
    assert "Russia: Sign a defence pact" in base, base
    russia = _lines(state, "russia")
    pact = next(t for t in russia if "✗ Defence pact" in t)
    assert pact.endswith("needs Russian defence pact none → signed (you: Sign a defence pact)")
    # a rival's move that would meet your objective is not 'yours' to count on
    assert all("you: Restrict, then close, the U.S. bases" not in t for t in russia)
    curbed = next(
        t for t in russia if "Foreign bases curbed" in t
    )  # the junta's, as Russia sees it
    assert "(Junta: Restrict, then close, the U.S. bases" in curbed, curbed


def test_a_change_only_the_news_or_the_week_s_end_can_make_says_so_plainly() -> None:
    junta = _lines(Match.new(NIGER, 3).state, "junta")
    chip = next(t for t in junta if "Keep the bargaining chip" in t)
    assert chip.endswith("(news or the week's end)"), chip


def test_a_rival_is_not_named_for_what_only_breaking_a_deal_not_yet_made_would_change() -> None:
    # ECOWAS's sanctions break the timetable deal while it is in force (its breach moves the
    # transition a year), but with no deal in force they cannot touch the junta's timetable
    junta = _lines(Match.new(NIGER, 3).state, "junta")
    terms = next(t for t in junta if "Transition on our terms" in t)
    assert "ECOWAS" not in terms and "Tighten sanctions" not in terms, terms


def test_an_objective_that_compares_two_values_names_a_change_of_either() -> None:
    state = Match.new(NIGER, 3).state.clone()
    state.v[NIGER.slot("agadez.influence.us")] = 4
    state.v[NIGER.slot("agadez.influence.russia")] = 2  # 'more influence than Russia': met
    held = next(t for t in _lines(state, "us") if "Hold Agadez" in t)
    assert "lost if Agadez influence (U.S.) 4 → 2" in held, held
    assert ", or Agadez influence (Russia) 2 → 4 (" in held and "Russia: Information" in held, held
    us = next(f.index for f in NIGER.factions if f.id == "us")
    line = next(x for x in Lens(state, us).board.lines(us) if x.name == "Hold Agadez")
    assert "Agadez influence (Russia) 2 → 4" in detail_text(NIGER, line)  # the window too
