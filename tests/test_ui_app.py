"""The game window driven with synthesized pygame events (SDL dummy video driver)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pygame
import pytest

from game.engine import PASS, Action, legal_actions
from game.saves import latest_autosave, load_match
from game.ui.app import App, run_app
from game.ui.screens.end import EndScreen
from game.ui.screens.handoff import HandoffScreen
from game.ui.screens.load import LoadScreen
from game.ui.screens.menu import TitleScreen
from game.ui.screens.pause import PauseMenu
from game.ui.screens.play import PlayScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.screens.setup import SetupScreen
from tests.ui_driver import (
    MINI,
    click,
    click_at,
    frames,
    key,
    new_app,
    open_settings,
    start_mini,
    until,
)

pytestmark = pytest.mark.ui


@pytest.fixture
def app() -> Any:
    application = new_app()
    yield application
    application.close()


def test_a_game_starts_from_the_menu_and_a_targeted_action_is_chosen_on_the_map(app: App) -> None:
    play = start_mini(app, ("human", "ai:easy"))
    match = play.session.match
    rules = match.rules
    agitate = rules.action_by_id("agitate").index
    hills = [r.id for r in rules.regions].index("hills")
    cash = rules.slot("red.cash")
    before = match.state.v[cash]
    key(app, pygame.K_1)  # the first action: Agitate, which needs a region
    assert play.actions.selected == 0 and play.actions.target == -1
    assert play.card.confirm_btn is None  # no confirm before a target is chosen
    x, y = play.map.anchors[hills]
    click_at(app, (int(x), int(y)))
    assert play.actions.target == hills
    assert play.card.lines and "Hills" in play.card.lines[0]
    click(app, play.card.confirm_btn)
    assert match.history[-1].action == Action(agitate, hills)
    assert play.session.match.state.v[cash] == before - 1


def test_the_level_menu_names_levels_by_their_title_not_their_folder(app: App) -> None:
    title = app.top
    assert isinstance(title, TitleScreen)
    click(app, title.new)
    setup = app.top
    assert isinstance(setup, SetupScreen)
    assert setup.level_menu.selected_option[0] == "Mini crisis"
    click(app, setup.level_menu)
    shown = setup.level_menu.current_state.options_selection_list.item_list
    texts = [item["text"] for item in shown]
    assert "Tutorial: The Border Town" in texts and "tutorial" not in texts
    item = next(i for i in shown if i["text"] == "Tutorial: The Border Town")
    click(app, item["button_element"])
    frames(app, 3)  # the menu posts its change; the screen rebuilds for the new level
    setup = app.top
    assert isinstance(setup, SetupScreen)
    assert setup.rules is not None and setup.rules.level_id == "tutorial"
    assert setup.level_menu.selected_option[0] == "Tutorial: The Border Town"


def test_ending_the_turn_lets_the_ai_play_and_returns_to_the_human(app: App) -> None:
    play = start_mini(app, ("human", "ai:easy"))
    match = play.session.match
    key(app, pygame.K_e)
    assert match.history[0].action == PASS and match.history[0].faction == 0
    until(app, lambda: match.active == 0 or match.is_over)
    assert any(m.faction == 1 for m in match.history)
    assert all(m.reason for m in match.history if m.faction == 1)


def test_an_unavailable_action_shows_why_and_cannot_be_confirmed(app: App) -> None:
    play = start_mini(app, ("human", "ai:easy"))
    rows = play.actions.rows
    recruit = next(i for i, r in enumerate(rows) if play.rules.actions[r.index].id == "recruit")
    cash = play.rules.slot("red.cash")
    play.session.match.state.v[cash] = 0  # too poor to recruit
    play.refresh(force=True)
    click(app, play.actions.row_buttons[recruit])
    assert any(line.startswith("Unavailable") for line in play.card.lines)
    assert play.card.confirm_btn is None
    key(app, pygame.K_RETURN)
    assert play.session.match.history == []


def test_undo_takes_back_an_action_without_a_roll(app: App) -> None:
    play = start_mini(app, ("human", "ai:easy"))
    match = play.session.match
    recruit = next(
        i for i, r in enumerate(play.actions.rows) if play.rules.actions[r.index].id == "recruit"
    )
    before = match.state.hash()
    key(app, pygame.K_1 + recruit)
    key(app, pygame.K_RETURN)
    assert len(match.history) == 1
    key(app, pygame.K_z, pygame.KMOD_CTRL)
    assert match.history == [] and match.state.hash() == before


def test_quitting_to_the_title_autosaves_every_move_of_the_round(app: App) -> None:
    play = start_mini(app, ("human", "ai:easy"))
    match = play.session.match
    key(app, pygame.K_e)
    until(app, lambda: match.active == 0)
    key(app, pygame.K_ESCAPE)  # closes the new week's summary card
    move = next(m for m in legal_actions(match.state) if m != PASS)
    match.play(move)  # a move the session did not autosave (as an AI's move mid-round)
    for _ in range(3):  # Esc closes any card the move opened, then opens the menu
        if isinstance(app.top, PauseMenu):
            break
        key(app, pygame.K_ESCAPE)
    pause = app.top
    assert isinstance(pause, PauseMenu)
    click(app, pause.title)
    assert isinstance(app.top, TitleScreen)
    newest = latest_autosave()
    assert newest is not None
    assert load_match(newest).state.hash() == match.state.hash()


def test_the_saved_message_stays_with_the_game_not_the_title_screen(app: App) -> None:
    start_mini(app, ("human", "ai:easy"))
    key(app, pygame.K_s, pygame.KMOD_CTRL)
    assert app.shown_toast.startswith("Saved: ")
    for _ in range(3):  # Esc closes any card, then opens the menu
        if isinstance(app.top, PauseMenu):
            break
        key(app, pygame.K_ESCAPE)
    pause = app.top
    assert isinstance(pause, PauseMenu)
    click(app, pause.title)
    assert isinstance(app.top, TitleScreen)
    assert app.shown_toast == "", "the title screen does not repeat 'Saved: …'"
    app.notify("The tutorial level could not be loaded.")
    assert app.shown_toast, "a message posted on the title screen shows there"


def test_save_with_ctrl_s_then_load_from_the_menu_restores_the_game(
    app: App, tmp_path: Path
) -> None:
    play = start_mini(app, ("human", "ai:easy"))
    key(app, pygame.K_e)
    until(app, lambda: play.session.match.active == 0)
    saved = play.session.match.state.hash()
    moves = len(play.session.match.history)
    key(app, pygame.K_s, pygame.KMOD_CTRL)
    saves = list((tmp_path / "userdata" / "saves").glob("*.json"))
    assert len(saves) == 1
    key(app, pygame.K_ESCAPE)  # closes the new week's summary card
    key(app, pygame.K_ESCAPE)  # then opens the menu
    pause = app.top
    assert isinstance(pause, PauseMenu)
    click(app, pause.title)
    title = app.top
    assert isinstance(title, TitleScreen)
    click(app, title.load)
    load = app.top
    assert isinstance(load, LoadScreen)
    names = [p.name for p in load.paths]
    assert saves[0].name in names
    entry = next(e for e in load.entries if e.path == saves[0])
    assert entry.label.startswith("Mini crisis · round ")  # level name and round, not a file
    item = next(i for i in load.list.item_list if i["text"] == entry.label)
    click(app, item["button_element"])
    assert load.selected() == saves[0]
    click(app, load.load)
    setup = app.top
    assert isinstance(setup, SetupScreen) and setup.resume is not None
    assert setup.seats == ["human", "ai:easy"], "the saved seats are preselected"
    click(app, setup.start)
    resumed = app.top
    assert isinstance(resumed, PlayScreen)
    assert resumed.session.match.state.hash() == saved
    assert len(resumed.session.match.history) == moves


def test_two_humans_hand_off_the_screen_between_turns(app: App) -> None:
    title = app.top
    assert isinstance(title, TitleScreen)
    click(app, title.new)
    setup = app.top
    assert isinstance(setup, SetupScreen)
    for i in range(2):
        setup.set_seat(i, "human")
    click(app, setup.start)
    first = app.top  # a hot seat game opens on the hand-off, not on Red's private values
    assert isinstance(first, HandoffScreen) and first.faction == 0
    click(app, first.ready)
    play = app.top
    assert isinstance(play, PlayScreen) and play.session.viewer == 0
    key(app, pygame.K_e)
    until(app, lambda: isinstance(app.top, HandoffScreen))
    handoff = app.top
    assert isinstance(handoff, HandoffScreen) and handoff.faction == 1
    assert play.session.viewer == 0  # nothing of blue's shows before the click
    click(app, handoff.ready)
    assert app.top is play and play.session.viewer == 1
    assert play.lens.view is not None and play.lens.view.faction == 1


def test_a_loaded_hot_seat_game_opens_on_the_hand_off_screen() -> None:
    from game.content import load_level
    from game.match import Match
    from game.ui.session import GameSession

    match = Match.new(load_level(MINI), 3)
    match.play(PASS)  # Blue (a person) acts next when the save is loaded
    session = GameSession(match, ["human", "human"])
    assert session.needs_handoff()
    session.take_seat(match.active)
    assert not session.needs_handoff()


def test_an_all_ai_game_reaches_the_end_screen_with_its_story(app: App) -> None:
    play = start_mini(app, ("ai:easy", "ai:easy"))
    key(app, pygame.K_SPACE)
    until(app, lambda: isinstance(app.top, EndScreen), limit=2000)
    end = app.top
    assert isinstance(end, EndScreen)
    assert end.session.match.is_over
    assert end.sentence and end.series
    assert len(end.series[0].values) >= 2
    frames(app, 2)
    del play


def test_screenshot_mode_writes_one_png_per_round(tmp_path: Path) -> None:
    args = SimpleNamespace(
        level=MINI,
        seed=3,
        seat=[],
        ai_budget_ms=None,
        screenshots=str(tmp_path / "shots"),
        max_rounds=2,
    )
    assert run_app(args) == 0
    files = sorted(p.name for p in (tmp_path / "shots").iterdir())
    assert files == ["round_01.png", "round_02.png"]
    image = pygame.image.load(str(tmp_path / "shots" / "round_01.png"))
    assert image.get_size() == (1280, 720)


def test_screenshot_mode_without_a_round_limit_ends_after_the_end_screen(tmp_path: Path) -> None:
    args = SimpleNamespace(
        level=MINI,
        seed=3,
        seat=["all=ai:easy"],
        ai_budget_ms=None,
        screenshots=str(tmp_path / "shots"),
        max_rounds=None,
    )
    assert run_app(args) == 0
    files = sorted(p.name for p in (tmp_path / "shots").iterdir())
    assert files[-1] == "round_04.png" and "end.png" in files


def test_the_window_resizes_and_rescales(app: App) -> None:
    play = start_mini(app, ("human", "ai:easy"))
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1920, h=1080, size=(1920, 1080)))
    frames(app, 2)
    assert app.size == (1920, 1080)
    assert play.rects["map"].w > 750  # beside the side column of objectives and cards
    assert play.actions.row_buttons and play.actions.row_buttons[0].get_abs_rect().right <= 1920


def test_a_bad_level_on_the_command_line_is_reported_without_opening_the_game(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = SimpleNamespace(
        level="no_such_level",
        seed=1,
        seat=["all=ai:easy"],
        ai_budget_ms=None,
        screenshots=None,
        max_rounds=None,
    )
    assert run_app(args) == 1
    assert "no_such_level" in capsys.readouterr().err


def test_the_ui_scale_setting_enlarges_text_and_widgets(app: App) -> None:
    import pygame_gui

    settings = open_settings(app)
    before = app.fonts.px(14)
    pygame.event.post(
        pygame.event.Event(
            pygame_gui.UI_DROP_DOWN_MENU_CHANGED, ui_element=settings.scale, text="130%"
        )
    )
    frames(app, 2)
    assert app.settings.ui_scale == 1.3
    assert app.fonts.px(14) > before
    assert isinstance(app.top, SettingsScreen) and app.top.back.get_abs_rect().h > 36


def test_a_save_gets_a_thumbnail_that_the_load_screen_shows_and_delete_removes(
    app: App, tmp_path: Path
) -> None:
    from game.ui.thumbnails import SIZE, read_thumbnail, thumbnail_path

    play = start_mini(app, ("human", "ai:easy"))
    key(app, pygame.K_s, pygame.KMOD_CTRL)
    save = next((tmp_path / "userdata" / "saves").glob("*.json"))
    picture = read_thumbnail(save)
    assert picture is not None and thumbnail_path(save).is_file()
    assert picture.get_width() <= SIZE[0] and picture.get_height() <= SIZE[1]
    colours = {
        tuple(picture.get_at((x, y)))
        for x in range(0, picture.get_width(), 4)
        for y in range(0, picture.get_height(), 4)
    }
    assert len(colours) > 20, "a picture of the board, not a blank"
    play.session.match.play(next(m for m in legal_actions(play.session.match.state)))
    for _ in range(3):
        if isinstance(app.top, PauseMenu):
            break
        key(app, pygame.K_ESCAPE)
    assert isinstance(app.top, PauseMenu)
    click(app, app.top.title)  # leaving writes the autosave and its thumbnail
    newest = latest_autosave()
    assert newest is not None and read_thumbnail(newest) is not None
    click(app, app.top.load)
    load = app.top
    assert isinstance(load, LoadScreen)
    entry = next(e for e in load.entries if e.path == save)
    item = next(i for i in load.list.item_list if i["text"] == entry.label)
    click(app, item["button_element"])
    assert load.selected() == save and load.thumbnail(save) is not None
    key(app, pygame.K_DELETE)
    key(app, pygame.K_DELETE)
    assert not save.exists() and not thumbnail_path(save).exists()


def test_a_hot_seat_save_gets_no_thumbnail_of_a_players_secrets(app: App, tmp_path: Path) -> None:
    from game.ui.thumbnails import thumbnail_path

    start_mini(app, ("human", "human"))
    key(app, pygame.K_s, pygame.KMOD_CTRL)
    save = next((tmp_path / "userdata" / "saves").glob("*.json"))
    assert not thumbnail_path(save).exists()


def test_a_waiting_window_sleeps_until_input_but_never_while_an_ai_is_to_play(
    app: App,
) -> None:
    app.last_input -= 5  # five seconds without input on the title screen
    app.toast_time = 0
    assert app.idle(), "nothing moves: the loop may sleep until the next event"
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=(5, 5), rel=(1, 1), buttons=(0, 0, 0))
    )
    frames(app, 1)
    assert not app.idle(), "input wakes the window to full frame rate"
    play = start_mini(app, ("ai:easy", "human"))
    app.last_input -= 5
    app.toast_time = 0
    match = play.session.match
    if match.active == 0:
        assert play.busy() and not app.idle(), "an AI seat to play keeps the frames coming"
    until(app, lambda: match.active == 1)
    until(app, lambda: not play.busy(), 2000)  # the news headline has slid in
    app.last_input -= 5
    app.toast_time = 0
    assert app.idle(), "the human's turn with nothing moving lets the window sleep"
