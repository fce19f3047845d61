"""The window's log reads labelled values as words, as text mode and the move cards do."""

from __future__ import annotations

import html
import os
from collections.abc import Iterator

import pytest

from game.content import load_level
from game.engine.log import EVENT, LogEntry
from game.match import Match
from game.ui.screens.play import PlayScreen
from tests.conftest import ROOT
from tests.ui_driver import play_screen

pytestmark = pytest.mark.ui


@pytest.fixture
def us_screen(tmp_path: os.PathLike[str], monkeypatch: pytest.MonkeyPatch) -> Iterator[PlayScreen]:
    """The niger_2023 play screen with the U.S. a person, after news that moved Mali's stance
    from 'backs the junta' (1) to 'leans to the junta' (2)."""
    monkeypatch.setenv("SAHEL_CRISIS_DATA_DIR", str(tmp_path))
    rules = load_level(ROOT / "levels" / "niger_2023")
    match = Match.new(rules, 3)
    mali = rules.slot("mali_stance")
    assert match.state.v[mali] == 1
    match.state.v[mali] += 1
    match.log.append(LogEntry(1, EVENT, -1, 0, changes=((mali, 1),)))
    seats = ["ai:easy"] * len(rules.factions)
    seats[rules.faction_index("us")] = "human"
    with play_screen(match, seats) as screen:
        yield screen


def test_the_log_window_and_the_latest_lines_say_where_a_stance_went_in_words(
    us_screen: PlayScreen,
) -> None:
    moved = "Mali's stance backs the junta → leans to the junta"
    assert any(moved in text for text, _ in us_screen.log.recent_lines()), "not 'stance +1'"
    fonts = us_screen.app.fonts
    assert html.escape(fonts.safe(moved)) in us_screen.log.html(), "the log window (L) too"
