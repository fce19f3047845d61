"""Terminal play: numbered moves, the seat's view, robust input, clean exits."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game.content import load_level
from game.engine import PASS, Action
from game.headless import play_match
from game.match import Match
from game.ui.text_mode import ask_human, log_text, menu_lines, view_text
from tests.scripted_input import reader

MINI = Path(__file__).parent / "levels" / "mini"
ROOT = Path(__file__).resolve().parents[1]


def test_bad_numbers_reprompt_and_a_good_one_returns_that_move(
    capsys: pytest.CaptureFixture[str],
) -> None:
    rules = load_level(MINI)
    match = Match.new(rules, 3)
    _, moves = menu_lines(match, 0)
    move = ask_human(match, 0, reader(["banana", "99", "-1", "why 1.1", "2"]))
    assert move == moves["2"]
    out = capsys.readouterr().out
    assert out.count("There is no move") == 3
    assert "If it works" in out  # the card of move 1 on target 1


def test_the_menu_lists_unavailable_actions_with_their_reason() -> None:
    rules = load_level(MINI)
    match = Match.new(rules, 3)
    match.state.v[rules.slot("red.cash")] = 0
    lines, moves = menu_lines(match, 0)
    assert moves == {"0": PASS}
    assert any("not now: 1 Agitate; 2 Recruit spies" in line for line in lines)


def test_the_view_hides_rivals_private_values() -> None:
    rules = load_level(MINI)
    match = Match.new(rules, 3)
    text = "\n".join(view_text(match, 0))
    assert "Morale ?" in text  # blue's private morale, seen by red without spies
    assert "Morale 5" not in text
    own = "\n".join(view_text(match, 1))
    assert "Morale" in own and "Morale ?" not in own


def test_private_changes_are_hidden_in_a_rivals_log() -> None:
    rules = load_level(MINI)
    match = Match.new(rules, 3)
    match.play(PASS)
    match.play(Action(rules.action_by_id("calm").index, -1))  # blue: morale -1 (private)
    red = "\n".join(log_text(match, 0))
    blue = "\n".join(log_text(match, 1))
    assert "Blue Morale changed" in red and "Blue Morale -1" not in red
    assert "Blue Morale -1" in blue


def test_a_move_number_means_the_same_action_all_game() -> None:
    rules = load_level(MINI)
    match = Match.new(rules, 3)
    recruit = Action(rules.action_by_id("recruit").index, -1)
    _, before = menu_lines(match, 0)
    assert before["2"] == recruit
    match.play(before["1.1"])  # agitate the capital: the list of legal moves changes
    _, after = menu_lines(match, 0)
    assert after["2"] == recruit and "1.1" not in after  # 1 is spent, 2 is still recruit


def test_a_target_can_be_named_and_a_bare_number_asks_which(
    capsys: pytest.CaptureFixture[str],
) -> None:
    rules = load_level(MINI)
    match = Match.new(rules, 3)
    move = ask_human(match, 0, reader(["1", "1 hil"]))
    assert move == Action(rules.action_by_id("agitate").index, rules.regions[1].index)
    assert "Move 1 needs a target: 1.1 Capital 50%, 1.2 Hills 50%" in capsys.readouterr().out


def test_help_objectives_and_why_answer_without_taking_a_move(
    capsys: pytest.CaptureFixture[str],
) -> None:
    rules = load_level(MINI)
    match = Match.new(rules, 3)
    match.state.v[rules.slot("red.cash")] = 1
    move = ask_human(match, 0, reader(["help", "objectives", "why 2", "0"]))
    assert move == PASS
    out = capsys.readouterr().out
    assert "why N" in out and "objectives" in out  # help lists the commands
    # Red's influence only ever moves by 2 (Agitate) or to the top: 3 is never reached
    assert "✗ Hold the capital +3 (at the end) — needs Capital influence (Red) 0 → 4–5" in out
    assert "Blue League: 3 VP if the game ended now (earned 0 + objectives 3)" in out
    assert "Unavailable: Costs 2 Cash; you have 1." in out


def test_news_is_printed_with_its_description(write_level: Callable[[str], Path]) -> None:
    text = (
        (MINI / "level.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "    headline: Leaders meet; both sides receive funds.\n",
            "    headline: Leaders meet; both sides receive funds.\n"
            "    description: The summit ends with a joint fund for both capitals.\n",
        )
    )
    rules = load_level(write_level(text))
    match = Match.new(rules, 3)
    while match.state.round < 2:
        match.play(PASS)
    lines = log_text(match, 0)
    at = lines.index("NEWS: Leaders meet; both sides receive funds. (Red Cash +1, Blue Cash +1)")
    assert lines[at + 1] == "    The summit ends with a joint fund for both capitals."


def test_end_of_input_leaves_the_game_cleanly() -> None:
    rules = load_level(MINI)
    match = Match.new(rules, 3)
    with pytest.raises(SystemExit) as exit_info:
        ask_human(match, 0, reader(["x"]))
    assert exit_info.value.code == 0


def test_a_scripted_human_plays_a_whole_game_against_an_ai() -> None:
    rules = load_level(MINI)
    answers = iter(["1.1", "0"] * 50)

    def human(match: Match, faction: int) -> Action:
        return ask_human(match, faction, lambda prompt: next(answers))

    match = play_match(rules, 5, ["human", "random"], human=human)
    assert match.is_over
    assert any(m.faction == 0 and m.action != PASS for m in match.history)


def test_the_command_line_text_mode_quits_without_a_traceback() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "main.py",
            "play",
            "--headless",
            str(MINI),
            "--seat",
            "red=human",
            "--seat",
            "blue=random",
            "--seed",
            "4",
        ],
        input="what\n1\nq\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 0
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "Your moves:" in proc.stdout and "You left the game." in proc.stdout
    assert "Morale -" not in proc.stdout  # blue's secret never printed to red


SEATS_RED_HUMAN = ["--seat", "red=human", "--seat", "blue=random", "--seed", "4"]


def test_a_person_who_plays_to_the_end_reads_the_ending_not_a_python_dict() -> None:
    proc = subprocess.run(
        [sys.executable, "main.py", "play", "--headless", str(MINI), *SEATS_RED_HUMAN],
        input="0\n" * 400,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Turning points" in proc.stdout or " wins " in proc.stdout
    assert "scores: {" not in proc.stdout
    assert "Result: " not in proc.stdout


def test_no_display_gives_a_clear_message_and_a_nonzero_exit() -> None:
    env = {
        k: v
        for k, v in __import__("os").environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")
    }
    proc = subprocess.run(
        [sys.executable, "main.py"], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60
    )
    assert proc.returncode != 0
    assert "--headless" in proc.stderr and "Traceback" not in proc.stderr


def test_text_mode_autosaves_before_every_prompt() -> None:
    rules = load_level(MINI)
    match = Match.new(rules, 3)
    saved: list[int] = []
    match.on_round = lambda m: saved.append(len(m.history))
    ask_human(match, 0, reader(["2"]))
    match.play(Action(rules.action_by_id("recruit").index, -1))
    ask_human(match, 0, reader(["0"]))
    assert saved == [0, 1]  # the move made before the second prompt was saved


def _spent_turn(rules: Any) -> Match:
    """A mini game where Red's second action has just spent its last action point."""
    match = Match.new(rules, 3)
    recruit = rules.action_by_id("recruit").index
    agitate = rules.action_by_id("agitate").index
    match.play(Action(recruit, -1))
    match.play(Action(agitate, 0))
    assert match.active == 1
    return match


def test_text_mode_waits_for_enter_after_a_spent_turn_when_the_setting_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.ui.prefs import Settings, save_settings
    from game.ui.text_mode import after_move

    monkeypatch.setenv("SAHEL_CRISIS_DATA_DIR", str(tmp_path))
    rules = load_level(MINI)
    match = _spent_turn(rules)
    prompts: list[str] = []
    answers = iter(["o", ""])

    def read(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    after_move(match, 0, read)
    assert prompts == [], "by default the turn ends by itself"
    save_settings(Settings(wait_end_turn=True))
    after_move(match, 0, read)
    out = capsys.readouterr().out
    assert len(prompts) == 2 and "turn over" in prompts[0]
    assert "-- Result --" in out and "Agitate" in out, "the last action's result is printed"
    assert "Your score" in out, "commands such as 'o' work while the turn waits"


def test_the_ending_says_who_won_and_why_and_names_the_turning_points(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from game.ui.story import key_moments, outcome_sentence
    from game.ui.text_mode import show_ending

    rules = load_level(MINI)
    match = play_match(rules, 4, ["random", "random"])
    show_ending(match, 0)
    out = capsys.readouterr().out
    assert f"== {outcome_sentence(match)} ==" in out, "one sentence: who won and why"
    moments = key_moments(match)
    assert moments, "a played game has turning points"
    assert "Turning points:" in out
    for moment in moments:
        assert f"{rules.round_name} {moment.round}: {moment.text}" in out


def test_the_ending_reveals_every_rivals_score_and_hidden_objective(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from game.ui.text_mode import show_ending

    niger = load_level(ROOT / "levels" / "niger_2023")
    match = play_match(niger, 2, ["random"] * len(niger.factions))
    assert match.state.is_over
    junta = niger.faction_index("junta")
    show_ending(match, junta)
    out = capsys.readouterr().out
    assert "hidden from you" not in out, "after the game nothing is hidden"
    scores = [t for t in out.splitlines() if " VP final " in t]
    assert len(scores) == len(niger.factions), scores
    for line in scores:  # '31 VP final (earned 6 + objectives 25)': exact, not '3–9'
        assert "–" not in line, line


def test_the_move_list_shows_what_each_untargeted_move_does_to_your_points() -> None:
    from game.engine import preview
    from game.engine.scoreboard import move_effect
    from game.engine.view import observe
    from game.ui.text_view import menu

    niger = load_level(Path(__file__).resolve().parents[1] / "levels" / "niger_2023")
    match = Match.new(niger, 21)
    junta = match.active
    shown = menu(match, junta)
    release = niger.action_by_id("release_bazoum")
    number = next(k for k, m in shown.moves.items() if m.action == release.index)
    line = next(t for t in shown.lines if t.lstrip().startswith(f"{number} "))
    effect = move_effect(observe(match.state, junta), preview(match.state, shown.moves[number]))
    change = (effect.success - effect.before).lo
    assert change < 0, "releasing Bazoum costs the junta points"
    assert line.endswith(f" · {change:+d} VP"), line
    silent = [t for t in shown.lines if "Cut Bazoum's phone line" in t]
    assert silent and "VP" not in silent[0], "a move that changes no points carries no tag"


def test_a_move_known_to_be_certain_promises_its_points_without_if_it_works() -> None:
    from game.ui.cards import preview_lines
    from game.ui.text_view import menu

    niger = load_level(Path(__file__).resolve().parents[1] / "levels" / "niger_2023")
    match = Match.new(niger, 3)
    junta = match.active
    state = match.state
    state.v[niger.slot("french")] = 1  # leaving: expelling them now meets 'French forces gone'
    state.v[niger.slot("junta.legitimacy")] = 0
    expel = niger.action_by_id("expel_french").index

    def expel_line() -> str:
        return next(t for t in menu(match, junta).lines if "Expel the French" in t)

    state.v[niger.slot("junta.popular")] = 10  # 0.35 + 0.8, clamped: certain
    assert expel_line().endswith("100% chance · +6 VP"), expel_line()
    card = preview_lines(state, Action(expel, -1), junta)
    assert "Your points: +6 VP (meets French forces gone)" in card, card
    state.v[niger.slot("junta.popular")] = 5  # 75%: it may fail
    assert expel_line().endswith("75% chance · +6 VP if it works"), expel_line()


def test_text_mode_writes_dates_as_the_window_does() -> None:
    from game.ui.text_view import header

    rules = load_level(MINI)
    match = Match.new(rules, 3)
    assert " · 26 Jul 2023 · " in header(match, 0)
    assert log_text(match, 0)[0] == "— Round 1 · 26 Jul 2023 —"


def test_a_score_change_from_the_ending_names_both_endings_and_the_difference() -> None:
    from game.ui.lens import Lens
    from game.ui.score_text import score_change_text

    niger = load_level(Path(__file__).resolve().parents[1] / "levels" / "niger_2023")
    held = Match.new(niger, 3).state  # the junta's grip 6: 'Junta consolidated' (+6 Russia)
    slipped = held.clone()
    slipped.v[niger.slot("grip")] = 5
    russia = next(f.index for f in niger.factions if f.id == "russia")
    text = score_change_text(niger, Lens(held, russia).board, Lens(slipped, russia).board, russia)
    assert text == "Your points 6 → 0: it would end in Time runs out, not Junta consolidated (-6)"


def _us_to_move(seed: int = 41) -> tuple[Match, int]:
    """A niger_2023 game at the U.S.'s first turn, and the U.S.'s index."""
    rules = load_level(ROOT / "levels" / "niger_2023")
    us = next(f.index for f in rules.factions if f.id == "us")
    match = Match.new(rules, seed)
    while match.state.turn != us:
        match.play(PASS)
    return match, us


def test_odds_shared_by_every_target_are_printed_once_not_after_each_region() -> None:
    match, us = _us_to_move()
    line = next(t for t in menu_lines(match, us)[0] if "Counter disinformation" in t)
    head, regions = line.split(": ", 1)
    assert head.count("%") == 1 and "%" not in regions, line
    assert ".1 Niamey, " in regions and regions.endswith(" Agadez"), line


def test_a_risky_move_says_what_failing_would_cost_in_points() -> None:
    match, us = _us_to_move()
    rules = match.rules
    match.state.v[rules.slot("escalation")] = 5  # No war (+9) is lost at 6
    line = next(t for t in menu_lines(match, us)[0] if "Send an envoy" in t)
    assert line.endswith("-9 VP if it fails"), line  # a failed envoy raises escalation


def test_a_seat_whose_action_points_vary_reads_what_changes_them() -> None:
    from game.ui.widgets.dashboard import ap_tip

    niger = load_level(ROOT / "levels" / "niger_2023")
    match = Match.new(niger, 3)
    us = niger.faction_index("us")
    words = niger.factions[us].ap_text
    assert "ambassador" in words, "the U.S. starts on 1 action point until its ambassador lands"
    assert f"Action points: {words}." in view_text(match, us)
    assert words in ap_tip(niger.factions[us]), "the window's tip on 'N AP left' says it too"
    junta = niger.faction_index("junta")
    assert not any(t.startswith("Action points:") for t in view_text(match, junta))


def test_a_targeted_move_whose_targets_share_one_points_note_reads_without_a_stray_comma() -> None:
    from game.ui.text_view import menu

    tutorial = load_level(ROOT / "levels" / "tutorial")
    match = Match.new(tutorial, 4)
    mediator = match.active
    fund = menu(match, mediator)  # week 1: the Harbour is worth points, the Old Town not yet
    match.state.v[tutorial.slot("old_town.trust.mediator")] = 2  # both districts now +2 VP
    line = next(t for t in menu(match, mediator).lines if "Fund aid" in t)
    assert ", ·" not in line, line
    assert " · +2 VP: " in line, line
    assert fund.lines != menu(match, mediator).lines


def test_a_move_that_may_fail_names_the_objective_its_failure_would_cost() -> None:
    from game.ui.cards import preview_lines

    niger = load_level(Path(__file__).resolve().parents[1] / "levels" / "niger_2023")
    match = Match.new(niger, 3)
    state = match.state
    us = niger.faction_index("us")
    state.v[niger.slot("escalation")] = 5  # a failed envoy raises it to 6: no more 'No war'
    card = preview_lines(state, Action(niger.action_by_id("send_envoy").index, -1), us)
    points = next(line for line in card if line.startswith("Your points:"))
    assert points.startswith("Your points: no change if it works, -9 VP if not (loses No war)")


def test_a_hot_seat_in_the_terminal_asks_for_the_keyboard_to_pass_before_the_next_person_sees(
    capsys: pytest.CaptureFixture[str],
) -> None:
    rules = load_level(MINI)
    prompts: list[str] = []

    def read(prompt: str) -> str:
        prompts.append(prompt)
        return "" if "press Enter" in prompt else "0"  # each ends the turn at once

    def human(match: Match, faction: int) -> Action:
        return ask_human(match, faction, read)

    match = Match.new(rules, 5)
    human(match, 0)  # Red's person is at the keyboard first: no hand-off
    assert not any("press Enter" in p for p in prompts)
    match.play(PASS)
    capsys.readouterr()
    human(match, 1)  # Blue's turn: Blue's person must take the keyboard first
    out = capsys.readouterr().out
    assert "Pass the keyboard to Blue League" in out
    assert prompts[-2].startswith("Blue League, press Enter")  # then Blue's own prompt
    assert out.index("Pass the keyboard to Blue League") < out.index("Your moves:")


def test_the_hand_off_names_a_seat_as_a_sentence_does(capsys: pytest.CaptureFixture[str]) -> None:
    from game.ui.text_handoff import hand_over

    niger = load_level(Path(__file__).resolve().parents[1] / "levels" / "niger_2023")
    match = Match.new(niger, 3)
    hand_over(match, niger.faction_index("ecowas"), lambda prompt: "")
    hand_over(match, niger.faction_index("junta"), lambda prompt: "")
    assert "Pass the keyboard to the junta (CNSP):" in capsys.readouterr().out
