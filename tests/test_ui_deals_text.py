"""Deals in text mode: offers listed by number with their odds, an incoming offer answered
by keyboard (accept, refuse, counter), and the deals made shown to the seat."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content import load_level
from game.engine import PASS, Action, Ruleset, responder
from game.engine.deal_defs import IN_FORCE, REFUSED
from game.match import Match
from game.ui import deal_text
from game.ui.deal_text import acceptance, deal_lines, incoming_lines
from game.ui.text_mode import answer_hint, ask_human, menu_lines
from game.ui.text_view import Menu, header, turn_view
from tests.scripted_input import reader

BARGAIN = Path(__file__).parent / "levels" / "bargain"
RED, BLUE = 0, 1


@pytest.fixture(scope="module")
def rules() -> Ruleset:
    return load_level(BARGAIN)


def offer(rules: Ruleset, deal: str, value: int | None = None) -> Action:
    tail = f":{value}" if value is not None else ""
    return Action(rules.action_by_id(f"{deal}:offer{tail}").index, -1)


def blue_to_move(rules: Ruleset) -> Match:
    match = Match.new(rules, 3)
    match.play(PASS)  # red ends its turn
    return match


def test_offers_are_listed_by_number_in_their_own_group_with_odds_of_acceptance(
    rules: Ruleset,
) -> None:
    match = blue_to_move(rules)
    lines, moves = menu_lines(match, BLUE)
    head = next(i for i, line in enumerate(lines) if "Offers" in line)
    offers = lines[head + 1 :]
    assert [line.split()[0] for line in offers[:3]] == ["3", "4", "5"]
    assert all("guesses" in line and "Ceasefire" in line for line in offers[:3])
    assert moves["4"] == offer(rules, "ceasefire", 2)


def test_why_on_an_offer_shows_its_terms_what_accepting_does_and_the_estimate(
    rules: Ruleset, capsys: pytest.CaptureFixture[str]
) -> None:
    match = blue_to_move(rules)
    with pytest.raises(SystemExit):
        ask_human(match, BLUE, reader(["why 4"]))
    out = capsys.readouterr().out
    assert "Terms: Red Bloc will not: Agitate" in out
    assert "If Red accepts: Blue Cash -2, Red Cash +2, Tension -1" in out
    assert "Estimate:" in out and "of 8 guesses" in out


def test_an_incoming_offer_is_answered_by_letters_and_a_counter_by_its_number(
    rules: Ruleset, capsys: pytest.CaptureFixture[str]
) -> None:
    match = blue_to_move(rules)
    match.play(offer(rules, "ceasefire", 2))
    assert responder(match.state) == RED
    move = ask_human(match, RED, reader(["0", "why 1", "why a", "c2"]))
    out = capsys.readouterr().out
    assert "-- An offer awaits your answer --" in out
    assert "Blue League offers you Ceasefire (2 cash)" in out
    hint = "An offer awaits your answer. Type a to accept or r to refuse, c1–c2"
    assert out.count(hint) == 2  # for '0' and for 'why 1': neither is an answer
    assert "If you accept: Blue Cash -2, Red Cash +2, Tension -1" in out
    assert move == Action(rules.action_by_id("ceasefire:counter:3").index, -1)
    match.play(move)
    assert responder(match.state) == BLUE  # the proposer now answers the counter-offer
    _, moves = menu_lines(match, BLUE)
    assert sorted(moves) == ["a", "r"]
    match.play(moves["a"])
    status = match.state.v[rules.deals[0].status_slot]
    assert status == IN_FORCE


def test_refusing_an_offer_by_keyboard_records_the_refusal(rules: Ruleset) -> None:
    match = blue_to_move(rules)
    match.play(offer(rules, "ceasefire", 1))
    match.play(ask_human(match, RED, reader(["r"])))
    assert match.state.v[rules.deals[0].status_slot] == REFUSED
    assert deal_lines(match.state, BLUE) == ["Ceasefire, Blue–Red: refused (Round 1)"]


def test_deals_in_force_show_in_the_turn_view_with_the_round_they_end(rules: Ruleset) -> None:
    match = blue_to_move(rules)
    match.play(offer(rules, "ceasefire", 2))
    match.play(Action(rules.action_by_id("ceasefire:accept:2").index, -1))
    text = "\n".join(turn_view(match, BLUE))
    assert "Deals: Ceasefire (2 cash), Blue–Red: in force until the end of Round 3" in text
    assert "in force until the end of Round 3" in "\n".join(turn_view(match, RED))


def test_the_deals_command_lists_kept_and_refused_deals(
    rules: Ruleset, capsys: pytest.CaptureFixture[str]
) -> None:
    match = Match.new(rules, 3)
    with pytest.raises(SystemExit):
        ask_human(match, RED, reader(["d"]))
    assert "No deal has been offered yet." in capsys.readouterr().out
    match.play(offer(rules, "spy_pact"))
    match.play(Action(rules.action_by_id("spy_pact:refuse").index, -1))
    with pytest.raises(SystemExit):
        ask_human(match, RED, reader(["deals"]))
    assert "Spy pact, Red–Blue: refused (Round 1)" in capsys.readouterr().out


def test_the_estimate_uses_only_what_the_proposer_sees(rules: Ruleset) -> None:
    match = Match.new(rules, 3)
    pact = offer(rules, "spy_pact")
    before = acceptance(match.state, pact, RED)
    match.state.v[rules.slot("blue.morale")] = 0  # Blue's private resolve, unseen by Red
    deal_text._ESTIMATES.clear()  # computed afresh, not remembered
    assert acceptance(match.state, pact, RED) == before
    assert before.samples == 8


def test_no_offer_card_shows_to_a_seat_that_is_not_answering(rules: Ruleset) -> None:
    match = blue_to_move(rules)
    match.play(offer(rules, "ceasefire", 2))
    assert incoming_lines(match.state, BLUE) == []
    assert incoming_lines(match.state, RED)[0] == "Blue League offers you Ceasefire (2 cash)"


def test_why_on_an_action_a_promise_forbids_warns_that_it_breaks_the_deal(
    rules: Ruleset, capsys: pytest.CaptureFixture[str]
) -> None:
    match = blue_to_move(rules)
    match.play(offer(rules, "ceasefire", 2))
    match.play(Action(rules.action_by_id("ceasefire:accept:2").index, -1))
    match.play(PASS)  # Blue ends its turn; round 2, Red to move
    with pytest.raises(SystemExit):
        ask_human(match, RED, reader(["why 1.1", "why 2"]))
    out = capsys.readouterr().out
    assert out.count("Warning: this breaks the Ceasefire promise") == 1  # agitate, not recruit
    assert "(in force until the end of Round 3)" in out


def test_a_move_that_breaks_a_promise_says_so_in_the_move_list_and_the_window_row(
    rules: Ruleset,
) -> None:
    from game.engine import action_options
    from game.ui.widgets.action_rows import action_rows
    from game.ui.widgets.action_text import row_text

    match = blue_to_move(rules)
    match.play(offer(rules, "ceasefire", 2))
    match.play(Action(rules.action_by_id("ceasefire:accept:2").index, -1))
    match.play(PASS)  # Blue ends its turn; round 2, Red to move
    lines = menu_lines(match, RED)[0]
    agitate = next(t for t in lines if "Agitate" in t)
    recruit = next(t for t in lines if "Recruit" in t)
    assert "breaks your promise to Blue" in agitate, agitate
    assert "breaks your promise" not in recruit, "a move the promise allows carries no note"
    rows = action_rows(action_options(match.state, RED))
    shown = {
        rules.actions[r.index].id: row_text(match.state, RED, i, r) for i, r in enumerate(rows)
    }
    text, tip = shown["agitate"]
    assert text.startswith("1  Agitate · breaks your promise to Blue — "), text
    assert "This breaks your promise to Blue." in tip
    assert "breaks" not in shown["recruit"][0]


def test_a_deal_lasting_past_the_last_round_holds_until_the_end_of_the_game(
    rules: Ruleset,
) -> None:
    match = Match.new(rules, 3)
    for _ in range(4):  # both sides pass through round 2
        match.play(PASS)
    assert match.state.round == 3
    match.play(offer(rules, "spy_pact"))
    match.play(Action(rules.action_by_id("spy_pact:accept").index, -1))
    assert deal_lines(match.state, RED) == [
        "Spy pact, Red–Blue: in force until the end of the game"
    ]


def test_the_header_of_a_seat_answering_an_offer_does_not_show_the_proposers_action_points(
    rules: Ruleset,
) -> None:
    match = blue_to_move(rules)
    match.play(offer(rules, "ceasefire", 2))
    assert responder(match.state) == RED
    head = header(match, RED)
    assert "answering an offer" in head and "AP left" not in head
    match.play(Action(rules.action_by_id("ceasefire:refuse").index, -1))
    assert f"{match.state.ap} AP left" in header(match, BLUE)


def test_the_answer_hint_names_a_lone_counter_offer_c1_not_a_range() -> None:
    one = Menu([], {"a": Action(1, -1), "r": Action(2, -1), "c1": Action(3, -1)}, {}, {})
    two = Menu([], {"a": Action(1, -1), "c1": Action(3, -1), "c2": Action(4, -1)}, {}, {})
    assert answer_hint(one) == "Type a to accept or r to refuse, c1 to counter-offer, or 'help'."
    assert "c1–c2 to counter-offer" in answer_hint(two)


NIGER = Path(__file__).resolve().parents[1] / "levels" / "niger_2023"


def niger_standdown_to_ecowas() -> tuple[Ruleset, Match, int]:
    """The junta offers ECOWAS the 18-month stand-down; A credible threat already banked."""
    niger = load_level(NIGER)
    match = Match.new(niger, 4)
    match.state.v[niger.slot("ecowas.readiness")] = 5
    force = [o.id for o in niger.objectives].index("e_force")
    match.state.v[niger.layout.reached + force] = 1
    match.play(Action(niger.action_by_id("standdown_for_timetable:offer:18").index, -1))
    return niger, match, responder(match.state)


def test_an_objective_met_only_inside_a_band_names_the_band_it_needs() -> None:
    from game.engine.scoreboard import scoreboard_for
    from game.ui.score_text import board_lines

    niger = load_level(NIGER)
    ecowas = next(f.index for f in niger.factions if f.id == "ecowas")
    lines = board_lines(niger, scoreboard_for(Match.new(niger, 4).state, ecowas), ecowas)
    order = next(line for line in lines if "Constitutional order" in line)
    assert "needs Transition months 0 → 1–12" in order, order
    us = next(f.index for f in niger.factions if f.id == "us")
    lines = board_lines(niger, scoreboard_for(Match.new(niger, 4).state, us), us)
    civilian = next(line for line in lines if "Civilian path" in line)
    assert "needs Bazoum's status detained → released or reinstated" in civilian, civilian


def test_an_offer_that_leaves_the_points_unchanged_says_so_and_which_objective_it_misses() -> None:
    _, match, ecowas = niger_standdown_to_ecowas()
    lines = incoming_lines(match.state, ecowas)
    accept = lines.index(next(line for line in lines if line.startswith("If you accept")))
    assert lines[accept + 1].strip() == "Your points: +3 VP (meets A timetable)"
    counters = [line for line in lines if line.startswith("If you counter with")]
    assert [line.split(" and ")[0] for line in counters] == [
        "If you counter with 24 months",
        "If you counter with 36 months",
    ]
    assert (
        "Your points: no change (Constitutional order still needs Transition months 36 → 1–12;"
        " A timetable still needs Transition months 36 → 1–24" in counters[1]
    ), "a counter that changes nothing says so, and which objectives it misses"


def test_a_tie_on_points_says_who_the_levels_tie_break_gives_it_to() -> None:
    from game.engine.scoreboard import scoreboard_for
    from game.ui.score_text import board_lines

    niger = load_level(NIGER)
    state = Match.new(niger, 4).state
    ecowas = next(f.index for f in niger.factions if f.id == "ecowas")
    board = scoreboard_for(state, ecowas)
    rival = next(s for s in board.factions if s.faction != ecowas and s.total.exact)
    gap = board.of(ecowas).total.lo - rival.total.lo
    state.v[niger.layout.vp + rival.faction] += gap  # the rival's banked points level it
    board = scoreboard_for(state, ecowas)
    assert board.of(rival.faction).total == board.of(ecowas).total
    name = niger.factions[rival.faction].short
    expected = (
        f"Tied with {name} at {board.of(ecowas).total.lo} VP: the tie goes to more"
        " objectives met, then in the order Junta, ECOWAS, U.S., Russia."
    )
    assert expected in board_lines(niger, board, ecowas)


def test_a_no_change_line_names_at_most_two_objectives_it_misses_and_counts_the_rest() -> None:
    niger = load_level(NIGER)
    match = Match.new(niger, 4)
    match.play(Action(niger.action_by_id("resign_for_freedom:offer").index, -1))
    lines = incoming_lines(match.state, responder(match.state))
    accept = lines.index(next(line for line in lines if line.startswith("If you accept")))
    points = lines[accept + 1]
    named = points.split("(", 1)[1].split("; ")
    assert len(named) == 3 and points.endswith("; 1 more)"), points
    # accepting resigns Bazoum: no rule frees or reinstates a resigned president, so no
    # hint asks for that; the transition path stays open and is named instead
    assert "resigned →" not in points, points
    assert "Constitutional order still needs Transition months 0 → 6–12" in points, points
    assert "Bazoum freed out of reach after it" in points, points


def test_an_incoming_offer_reads_as_a_sentence_with_a_plural_proposer() -> None:
    niger = load_level(NIGER)
    match = Match.new(niger, 4)
    russia = next(f.index for f in niger.factions if f.id == "russia")
    while match.active != russia:
        match.play(PASS)
    match.play(Action(niger.action_by_id("instructors_for_uranium:offer:1").index, -1))
    first = incoming_lines(match.state, responder(match.state))[0]
    assert first == "Russia and Wagner offer you Instructors for mining rights (100 instructors)"


def test_a_deal_named_with_an_article_reads_in_lower_case_inside_the_sentence() -> None:
    from game.engine.deal_defs import in_sentence

    assert in_sentence("A transition timetable for lifting the borders") == (
        "a transition timetable for lifting the borders"
    )
    assert in_sentence("The Algerian six-month plan") == "the Algerian six-month plan"
    assert in_sentence("Ceasefire") == "Ceasefire" and in_sentence("Air Base 201") == "Air Base 201"


def test_answering_a_deal_named_with_an_article_reads_as_a_sentence() -> None:
    # Seen on the end screen's turning points: "ECOWAS: Refuse A stand-down for a timetable".
    niger = load_level(NIGER)
    names = {a.id: a.name for a in niger.actions}
    assert names["standdown_for_timetable:refuse"] == "Refuse a stand-down for a timetable"
    assert names["standdown_for_timetable:accept:24"] == (
        "Accept a stand-down for a timetable (24 months)"
    )
    assert names["transition_timetable:refuse_counter"] == (
        "Refuse the counter-offer on a transition timetable for lifting the borders"
    )
