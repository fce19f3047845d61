"""Drive the game window with synthesized pygame events (SDL dummy video driver).

Shared by the UI tests: import this module before pygame opens a window.
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pygame

from game.match import Match
from game.ui.app import App, StartOptions
from game.ui.prefs import Settings
from game.ui.screens.handoff import HandoffScreen
from game.ui.screens.menu import TitleScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.screens.setup import SetupScreen

MINI = str(Path(__file__).parent / "levels" / "mini")


@contextmanager
def play_screen(match: Match, seats: Sequence[str], seed: int = 3) -> Iterator[PlayScreen]:
    """A 1280×720 window on the play screen of `match` (AI moves unpaced), closed after."""
    app = App(size=(1280, 720), settings=Settings(ai_pace=0.0), options=StartOptions(seed=seed))
    app.reset(app.screens.play(match, list(seats)))
    screen = app.top
    assert isinstance(screen, PlayScreen)
    try:
        yield screen
    finally:
        app.close()


def new_app() -> App:
    """A window on the title screen, the mini level preselected, AI moves unpaced."""
    application = App(options=StartOptions(level=MINI, seed=11))
    application.settings.ai_pace = 0.0
    application.reset(TitleScreen(application))
    return application


def frames(app: App, n: int = 3) -> None:
    """Run `n` frames of 1/60 s."""
    for _ in range(n):
        app.step(1 / 60)


def click_at(app: App, pos: tuple[int, int]) -> None:
    """Move the mouse to `pos` and click the left button there."""
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    )
    frames(app, 1)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    frames(app, 3)


def click(app: App, element: Any) -> None:
    """Click the centre of a pygame_gui element."""
    click_at(app, element.get_abs_rect().center)


def key(app: App, k: int, mod: int = 0) -> None:
    """Press and release key `k` with modifiers `mod`."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode="", scancode=0))
    frames(app, 2)


def until(app: App, test: Any, limit: int = 600) -> None:
    """Run frames until `test()` holds; raises AssertionError once `limit` frames have run
    and at least `limit` / 30 seconds have passed (frames spin fast while an AI thread
    thinks, so a frame count alone would give up on a slow machine)."""
    deadline = time.monotonic() + limit / 30
    count = 0
    while count < limit or time.monotonic() < deadline:
        if test():
            return
        frames(app, 1)
        count += 1
    raise AssertionError("the window never reached the expected state")


def start_mini(app: App, seats: tuple[str, str]) -> PlayScreen:
    """From the title screen, start the mini level with these seats; the play screen."""
    title = app.top
    assert isinstance(title, TitleScreen)
    click(app, title.new)
    setup = app.top
    assert isinstance(setup, SetupScreen)
    assert setup.rules is not None and setup.rules.level_id == "mini"
    for i, seat in enumerate(seats):
        setup.set_seat(i, seat)
    click(app, setup.start)
    if isinstance(app.top, HandoffScreen):  # hot seat: the first player takes the seat
        click(app, app.top.ready)
    play = app.top
    assert isinstance(play, PlayScreen)
    return play


def open_settings(app: App) -> SettingsScreen:
    """Click Settings on the title screen and return the settings screen."""
    title = app.top
    assert isinstance(title, TitleScreen)
    click(app, title.settings)
    screen = app.top
    assert isinstance(screen, SettingsScreen)
    return screen
