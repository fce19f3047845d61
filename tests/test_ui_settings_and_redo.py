"""Settings that survive a restart, and redo in the play screen (SDL dummy video driver)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pygame
import pygame_gui
import pytest

from game.engine import PASS, legal_actions
from game.ui import prefs
from game.ui.app import App, StartOptions
from game.ui.prefs import Settings
from game.ui.screens.menu import TitleScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.settings import SettingsScreen
from tests.ui_driver import MINI, click, frames, key, new_app, open_settings, start_mini

pytestmark = pytest.mark.ui


@pytest.fixture(autouse=True)
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "userdata"
    monkeypatch.setenv("SAHEL_CRISIS_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def app() -> Iterator[App]:
    application = new_app()
    yield application
    application.close()


def choose(app: App, menu: Any, text: str) -> None:
    pygame.event.post(
        pygame.event.Event(pygame_gui.UI_DROP_DOWN_MENU_CHANGED, ui_element=menu, text=text)
    )
    frames(app, 2)


def recruit(app: App, play: PlayScreen) -> None:
    """Red recruits a spy: one action point, no roll, so it can be taken back."""
    row = next(
        i for i, r in enumerate(play.actions.rows) if play.rules.actions[r.index].id == "recruit"
    )
    key(app, pygame.K_1 + row)
    key(app, pygame.K_RETURN)


# --- settings ---------------------------------------------------------------------------


def test_settings_changed_on_the_settings_screen_are_there_after_a_restart(
    app: App, user_data: Path
) -> None:
    screen = open_settings(app)
    choose(app, screen.scale, "115%")
    choose(app, screen.pace, "Fast (0.5 s)")
    assert app.settings == Settings(ui_scale=1.15, ai_pace=0.5)
    app.close()
    saved = json.loads((user_data / "settings.json").read_text(encoding="utf-8"))
    assert saved["ui_scale"] == 1.15 and saved["ai_pace"] == 0.5
    restarted = App(options=StartOptions(level=MINI, seed=11))
    try:
        assert restarted.settings == Settings(ui_scale=1.15, ai_pace=0.5)
        restarted.reset(TitleScreen(restarted))
        frames(restarted, 1)
        again = open_settings(restarted)
        assert again.scale.selected_option[0] == "115%"
    finally:
        restarted.close()


def test_without_a_settings_file_the_game_starts_with_defaults_and_says_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    application = App()
    try:
        assert application.settings == Settings()
        assert application.toast == ""
    finally:
        application.close()
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"\x00\xff garbage {{{", "not UTF-8"),
        (b'{"ui_scale": 1.3,', "not valid JSON"),
        (b"[1.3, 0.5]", "not an object"),
        (b"null", "not an object"),
        (b"[" * 50_000 + b"]" * 10_000, "not valid JSON"),
        (b" " * (prefs.MAX_BYTES + 1), "larger than"),
        (b'{"ui_scale": 1' + b"0" * 5000 + b"}", "not usable JSON"),
    ],
)
def test_a_corrupt_settings_file_gives_the_defaults_and_one_line_naming_the_file(
    user_data: Path, capsys: pytest.CaptureFixture[str], content: bytes, why: str
) -> None:
    path = user_data / "settings.json"
    user_data.mkdir(parents=True)
    path.write_bytes(content)
    application = App()
    try:
        assert application.settings == Settings()
        assert application.toast, "the window says some settings were not usable"
    finally:
        application.close()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert str(path) in err[0] and why in err[0]


def test_an_unreadable_settings_file_does_not_stop_the_game(user_data: Path) -> None:
    (user_data / "settings.json").mkdir(parents=True)  # a folder where the file should be
    settings, note = prefs.load_settings()
    assert settings == Settings()
    assert "cannot be read" in note and "settings.json" in note


def test_out_of_range_settings_are_clamped_and_wrong_types_take_the_default(
    user_data: Path,
) -> None:
    user_data.mkdir(parents=True)
    (user_data / "settings.json").write_text(
        json.dumps({"ui_scale": 99, "ai_pace": "fast", "colour": "blue"}), encoding="utf-8"
    )
    settings, note = prefs.load_settings()
    assert settings.ui_scale == prefs.RANGES["ui_scale"][1]
    assert settings.ai_pace == Settings().ai_pace
    assert "ui_scale 99 is outside" in note and "ai_pace" in note
    assert "colour" not in note, "unknown keys are ignored"


@pytest.mark.parametrize("bad", [-5, float("nan"), float("inf"), 10**400, True, None, [1]])
def test_no_ui_scale_value_in_the_file_can_make_the_window_unusable(bad: object) -> None:
    settings, problems = prefs.parse_settings({"ui_scale": bad, "ai_pace": 0.5})
    lo, hi = prefs.RANGES["ui_scale"]
    assert lo <= settings.ui_scale <= hi
    assert settings.ai_pace == 0.5, "the good field is kept"
    assert len(problems) == 1


def test_settings_that_cannot_be_saved_are_reported_in_the_window_and_play_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("SAHEL_CRISIS_DATA_DIR", str(blocker / "inside"))
    application = App()
    try:
        application.reset(TitleScreen(application))
        screen = open_settings(application)
        choose(application, screen.pace, "Instant")
        assert application.settings.ai_pace == 0.0
        assert "Could not save the settings" in application.toast
        assert isinstance(application.top, SettingsScreen)
    finally:
        application.close()


# --- redo -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "redo_key",
    [(pygame.K_y, pygame.KMOD_CTRL), (pygame.K_z, pygame.KMOD_CTRL | pygame.KMOD_SHIFT)],
    ids=["ctrl+y", "ctrl+shift+z"],
)
def test_redo_after_undo_restores_exactly_the_same_game(
    app: App, redo_key: tuple[int, int]
) -> None:
    play = start_mini(app, ("human", "ai:easy"))
    match = play.session.match
    start = match.state.hash()
    recruit(app, play)
    after = match.state.hash()
    moves = list(match.history)
    log = list(match.log)
    assert after != start and len(moves) == 1
    assert not play.actions.redo_btn.is_enabled
    key(app, pygame.K_z, pygame.KMOD_CTRL)
    assert match.state.hash() == start and match.history == []
    assert play.actions.redo_btn.is_enabled and not play.actions.undo_btn.is_enabled
    key(app, *redo_key)
    assert match.state.hash() == after
    assert match.history == moves and match.log == log
    assert not play.actions.redo_btn.is_enabled and play.actions.undo_btn.is_enabled


def test_the_redo_button_plays_the_taken_back_action_again(app: App) -> None:
    play = start_mini(app, ("human", "ai:easy"))
    match = play.session.match
    recruit(app, play)
    after = match.state.hash()
    click(app, play.actions.undo_btn)
    assert match.history == []
    click(app, play.actions.redo_btn)
    assert match.state.hash() == after and len(match.history) == 1


def test_redo_does_nothing_when_there_is_nothing_to_redo(app: App) -> None:
    play = start_mini(app, ("human", "ai:easy"))
    match = play.session.match
    recruit(app, play)
    before = match.state.hash()
    assert not play.actions.redo_btn.is_enabled
    key(app, pygame.K_y, pygame.KMOD_CTRL)
    click(app, play.actions.redo_btn)
    assert match.state.hash() == before and len(match.history) == 1
    assert "Nothing to redo" in app.toast


def test_a_new_action_after_undo_drops_the_redo(app: App) -> None:
    play = start_mini(app, ("human", "ai:easy"))
    match = play.session.match
    recruit(app, play)
    key(app, pygame.K_z, pygame.KMOD_CTRL)
    assert play.actions.redo_btn.is_enabled
    key(app, pygame.K_e)  # end the turn instead
    assert not play.session.can_redo() and not play.actions.redo_btn.is_enabled
    history = len(match.history)
    key(app, pygame.K_y, pygame.KMOD_CTRL)
    assert len(match.history) == history


def test_in_hotseat_only_the_player_who_took_the_action_back_may_redo_it(app: App) -> None:
    play = start_mini(app, ("human", "human"))
    session = play.session
    recruit(app, play)
    key(app, pygame.K_z, pygame.KMOD_CTRL)
    assert session.can_redo()
    session.take_seat(1)  # the other person at the screen
    assert not session.can_redo() and not session.redo()
    assert session.match.history == []
    session.take_seat(0)
    assert session.redo() and len(session.match.history) == 1


# --- the end of a turn ------------------------------------------------------------------


def spend_every_action_point(app: App, play: PlayScreen) -> None:
    """The human plays legal actions until the engine says its turn is over (no frame
    runs in between, so no AI moves yet)."""
    match = play.session.match
    assert match.active == 0
    start = match.state.round
    while match.active == 0 and match.state.round == start:
        play.play(next(m for m in legal_actions(match.state) if m != PASS))
    assert match.active == 1 and not match.is_over


def test_by_default_the_turn_ends_by_itself_when_the_action_points_run_out(app: App) -> None:
    play = start_mini(app, ("human", "ai:easy"))
    match = play.session.match
    assert not app.settings.wait_end_turn
    spend_every_action_point(app, play)
    mine = len(match.history)
    frames(app, 30)
    assert len(match.history) > mine, "the AI played without an End turn"


def test_with_the_wait_setting_a_spent_turn_waits_for_end_turn(app: App, user_data: Path) -> None:
    screen = open_settings(app)
    choose(app, screen.turn_end, "Waits for End turn")
    assert app.settings.wait_end_turn
    saved = json.loads((user_data / "settings.json").read_text(encoding="utf-8"))
    assert saved["wait_end_turn"] is True
    key(app, pygame.K_ESCAPE)
    play = start_mini(app, ("human", "ai:easy"))
    match = play.session.match
    spend_every_action_point(app, play)
    mine = len(match.history)
    frames(app, 30)
    assert len(match.history) == mine, "the AI waits while the player reads the result"
    assert play.session.held == 0 and play.actions.end_btn.is_enabled
    assert play.ai_move.result is not None, "the last action's result is on screen"
    key(app, pygame.K_e)
    frames(app, 30)
    assert len(match.history) > mine, "End turn lets the others play"
    assert play.session.held == -1


def resume_latest_autosave(app: App) -> PlayScreen:
    """Title → Load → the newest autosave → Resume with its saved seats; the play screen."""
    from game.saves import load_match
    from game.saves.userdata import latest_autosave

    saved = latest_autosave()
    assert saved is not None
    app.reset(app.screens.title())
    app.push(app.screens.setup(resume=load_match(saved)))
    setup = app.top
    assert setup is not None
    click(app, setup.start)  # type: ignore[attr-defined]
    play = next(s for s in app.stack if isinstance(s, PlayScreen))  # under a hand-off, maybe
    return play


def test_a_game_resumed_in_a_held_turn_waits_for_end_turn_again(app: App) -> None:
    app.settings.wait_end_turn = True
    play = start_mini(app, ("human", "ai:easy"))
    spend_every_action_point(app, play)
    frames(app, 5)
    assert play.session.held == 0
    moves = len(play.session.match.history)
    resumed = resume_latest_autosave(app)  # saved at 0 AP, the turn held
    session = resumed.session
    frames(app, 30)
    assert len(session.match.history) == moves, "the AI waits, as it did before the save"
    assert session.held == 0 and resumed.actions.end_btn.is_enabled
    key(app, pygame.K_e)
    frames(app, 30)
    assert session.held == -1 and len(session.match.history) > moves


def test_a_game_resumed_after_end_turn_or_without_the_setting_does_not_hold(app: App) -> None:
    app.settings.wait_end_turn = True
    play = start_mini(app, ("human", "ai:easy"))
    play.play(next(m for m in legal_actions(play.session.match.state) if m != PASS))
    key(app, pygame.K_e)  # ended by End turn (a pass): nothing to hold
    resumed = resume_latest_autosave(app)
    assert resumed.session.held == -1
    app.settings.wait_end_turn = False
    app.reset(app.screens.title())
    play = start_mini(app, ("human", "ai:easy"))
    spend_every_action_point(app, play)
    assert resume_latest_autosave(app).session.held == -1


def test_a_hot_seat_game_resumed_in_a_held_turn_hands_the_screen_to_its_player_first(
    app: App,
) -> None:
    from game.ui.screens.handoff import HandoffScreen

    app.settings.wait_end_turn = True
    play = start_mini(app, ("human", "human"))
    spend_every_action_point(app, play)
    resumed = resume_latest_autosave(app)
    handoff = app.top
    assert isinstance(handoff, HandoffScreen) and handoff.faction == 0, "Red's turn is held"
    click(app, handoff.ready)
    assert app.top is resumed and resumed.session.viewer == 0
    assert resumed.actions.end_btn.is_enabled
