"""The end of the game names each faction's biggest swing in points: the move or news
that changed its score-if-it-ended-now the most, and the objectives it turned."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

from game.content import load_level
from game.engine import PASS, Action
from game.engine.scoreboard import scoreboard_for
from game.headless import play_match
from game.match import Match
from game.ui import text_mode
from game.ui.score_swings import biggest_swings

MINI = Path(__file__).parent / "levels" / "mini"


def _agitated_then_passed(seed: int) -> Match:
    """Red agitates the hills in weeks 1 and 2 (tension 1 -> 3, so Blue loses 'Keep
    calm'), then both sides pass to the end."""
    rules = load_level(MINI)
    match = Match.new(rules, seed)
    agitate = rules.action_by_id("agitate").index
    hills = next(r.index for r in rules.regions if r.id == "hills")
    match.play(Action(agitate, hills))
    while match.state.round == 1:
        match.play(PASS)
    match.play(Action(agitate, hills))
    while not match.state.is_over:
        match.play(PASS)
    return match


def test_blue_s_biggest_swing_is_the_agitation_that_cost_it_keep_calm_and_red_s_never_moved() -> (
    None
):
    match = _agitated_then_passed(3)
    red, blue = match.rules.faction_index("red"), match.rules.faction_index("blue")
    swings = biggest_swings(match)
    assert swings[red] is None  # agitating the hills meets none of Red's objectives
    swing = swings[blue]
    assert swing is not None
    assert (swing.round, swing.delta) == (2, -3)
    assert swing.cause == "Red: Agitate in Hills"
    assert swing.turned == ("Keep calm -3",)
    assert swing.text("Week") == "Week 2, -3 VP — Red: Agitate in Hills (Keep calm -3)"


def test_each_swing_is_the_largest_change_of_that_faction_s_score_in_one_step() -> None:
    rules = load_level(MINI)
    for seed in (1, 2, 5):
        match = play_match(rules, seed, ["random", "random"])
        replay = Match.new(rules, match.seed)
        totals = [[s.total.lo for s in scoreboard_for(replay.state, -1).factions]]
        for move in match.history:
            replay.play(move.action)
            totals.append([s.total.lo for s in scoreboard_for(replay.state, -1).factions])
        for f, swing in enumerate(biggest_swings(match)):
            steps = [b[f] - a[f] for a, b in pairwise(totals)]
            largest = max(steps, key=abs)
            if largest == 0:
                assert swing is None
            else:
                assert swing is not None and abs(swing.delta) == abs(largest), seed


def test_text_mode_ends_with_each_faction_s_biggest_swing(
    capsys: object,
) -> None:
    match = _agitated_then_passed(3)
    text_mode.show_ending(match, match.rules.faction_index("blue"))
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "Biggest swing in points:" in out
    assert "  Blue: Round 2, -3 VP — Red: Agitate in Hills (Keep calm -3)" in out


def test_the_end_screen_shows_each_faction_s_biggest_swing_under_its_score() -> None:
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from game.ui.app import App
    from game.ui.prefs import Settings
    from game.ui.session import GameSession
    from tests.ui_driver import frames
    from tests.ui_text_record import Rec, recording

    match = _agitated_then_passed(3)
    with recording():
        app = App(size=(1280, 720), settings=Settings(ai_pace=0.0))
        try:
            app.reset(app.screens.end(GameSession(match, ["human", "human"])))
            frames(app, 2)
            window = Rec(app.size)
            assert app.top is not None
            app.top.draw(window)
            shown = " ".join(t.text for t in window.texts)
        finally:
            app.close()
    assert "Biggest swing: Round 2, -3 VP — Red: Agitate in Hills" in shown


def test_a_swing_from_two_news_items_in_one_step_names_each_with_what_it_turned(
    write_level: Callable[[str], Path],
) -> None:
    from tests.conftest import mini_text

    text = (
        mini_text()
        .replace(
            "upkeep:\n",
            "upkeep:\n  - {id: flare, name: Tempers flare, when: round == 2,"
            " effects: [tension += 2]}\n",
        )
        .replace(
            "objectives:\n",
            "objectives:\n  - {id: blue_talks, faction: blue, name: Talks open, description: x.,"
            " when: window >= 3, points: 2}\n",
        )
    )
    match = Match.new(load_level(write_level(text)), 3)
    while not match.state.is_over:
        match.play(PASS)
    swing = biggest_swings(match)[match.rules.faction_index("blue")]
    assert swing is not None and (swing.round, swing.delta) == (2, -4)
    # the week's end flared tempers (Keep calm) and narrowed the window (Talks open);
    # Stay solvent earned +1 in the same step
    assert swing.text("Week") == (
        "Week 2, -4 VP — Tempers flare (Keep calm -3); and The window narrows (Talks open -2)"
    )


def test_the_ending_a_step_brings_on_is_credited_to_its_trigger_and_a_turn_undone_to_no_one(
    write_level: Callable[[str], Path],
) -> None:
    from tests.conftest import mini_text

    rules_text = (
        mini_text()
        .replace(
            "upkeep:\n",
            "upkeep:\n"
            "  - {id: scare, name: A scare, when: round == 2, effects: [window -= 3]}\n"
            "  - {id: relief, name: Calm returns, when: round == 2, effects: [window += 3]}\n"
            "  - {id: flare, name: Tempers flare, when: round == 2, effects: [tension += 4]}\n",
        )
        .replace(
            "objectives:\n",
            "objectives:\n  - {id: blue_talks, faction: blue, name: Talks open, description: x.,"
            " when: window >= 3, points: 2}\n",
        )
        .replace(
            "    when: tension >= 5\n    winner: none",
            "    when: tension >= 5\n    winner: none\n    points: {red: -4, blue: -4}",
        )
    )
    match = Match.new(load_level(write_level(rules_text)), 3)
    while not match.state.is_over:
        match.play(PASS)
    assert match.rules.outcomes[match.state.outcome].id == "war"
    swing = biggest_swings(match)[match.rules.faction_index("blue")]
    assert swing is not None
    # the scare and the relief cancel out within the step: neither is named
    assert swing.text("Week").endswith("Tempers flare (Keep calm -3, the ending's bonus -4)"), (
        swing.text("Week")
    )
