"""The game window: a pygame-ce + pygame_gui main loop over a stack of screens.

`run_app(args)` is called by `python main.py` and `python main.py play LEVEL` (window mode).
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame
import pygame_gui

from game.console import DEFAULT_LEVEL
from game.ui import prefs, theme
from game.ui.audio import Audio, Cues
from game.ui.launch import check_options
from game.ui.navigator import Screens
from game.ui.prefs import Settings
from game.ui.screens.base import Screen
from game.ui.theme import Fonts
from game.ui.thumbnails import thumbnail_on_leave

IDLE_AFTER = 1.0  # seconds without input before the window may sleep between frames
IDLE_WAIT_MS = 500  # the longest sleep: clocks (messages, hover delays) still advance


@dataclass
class StartOptions:
    """What the command line asked for: a level, a seed, seats, AI budget, screenshots."""

    level: str = "niger_2023"
    seed: int | None = None
    seats: list[str] | None = None
    seat_specs: tuple[str, ...] = ()
    ai_budget_ms: int | None = None
    screenshots: Path | None = None
    max_rounds: int | None = None
    background_estimates: bool = False  # offers' odds off the UI thread (the real window)


class App:
    """The window, the pygame_gui manager, fonts, settings and the screen stack.

    Without `settings`, the player's saved settings are loaded (a bad settings file is
    reported on stderr and in the window, and its bad fields take their defaults)."""

    def __init__(
        self,
        size: tuple[int, int] = theme.BASE_SIZE,
        settings: Settings | None = None,
        options: StartOptions | None = None,
        saves_folder: Path | None = None,
    ) -> None:
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption("Sahel Crisis")
        note = ""
        if settings is None:
            settings, note = prefs.load_settings()
            if note:
                print(f"warning: {note}", file=sys.stderr)
        self.settings = settings
        self.options = options or StartOptions()
        self.saves_folder = saves_folder
        self.window = pygame.display.set_mode(self._clamp(size), pygame.RESIZABLE)
        self.fonts = Fonts(self.scale)
        self.manager = self._make_manager()
        self.stack: list[Screen] = []
        self.screens = Screens(self)
        self.running = True
        self.clock = pygame.time.Clock()
        self.toast = ""
        self.toast_time = 0.0
        self._generation = 0  # how many times the stack was reset (a new game, the title)
        self._toast_generation = 0
        self.captured: set[str] = set()
        self.frame_times: list[float] = []
        self.last_input = time.monotonic()
        self._renders_left = 1
        self.audio = Audio(self.settings.volume, self.settings.muted)
        self.audio.start()
        self.cues = Cues()
        if note:
            self.notify("Some saved settings were not usable; see the console.", 6)

    # --- geometry and theme -----------------------------------------------------------
    @staticmethod
    def _clamp(size: tuple[int, int]) -> tuple[int, int]:
        w = min(max(size[0], theme.MIN_SIZE[0]), theme.MAX_SIZE[0])
        h = min(max(size[1], theme.MIN_SIZE[1]), theme.MAX_SIZE[1])
        return (w, h)

    @property
    def size(self) -> tuple[int, int]:
        """The window size in pixels."""
        return self.window.get_size()

    @property
    def scale(self) -> float:
        """Design pixels → screen pixels: window size relative to 1280×720, times UI scale."""
        w, h = self.window.get_size()
        return round(
            min(w / theme.BASE_SIZE[0], h / theme.BASE_SIZE[1]) * self.settings.ui_scale, 3
        )

    def _make_manager(self) -> pygame_gui.UIManager:
        manager = pygame_gui.UIManager(
            self.size, theme.gui_theme(self.scale), enable_live_theme_updates=False
        )
        sizes = {max(8, round(s * self.scale)) for s in (12, 14, 18, 36)}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            manager.preload_fonts(
                [
                    {"name": "noto_sans", "point_size": s, "style": st}
                    for s in sizes
                    for st in ("regular", "bold", "italic")
                ]
            )
        return manager

    def resize(self, size: tuple[int, int]) -> None:
        """Resize the window (clamped to 960×540…3840×2160) and rebuild the top screen."""
        top = self.stack[-1] if self.stack else None
        if top is not None:
            top.teardown()
        self.window = pygame.display.set_mode(self._clamp(size), pygame.RESIZABLE)
        self.fonts.set_scale(self.scale)
        self.manager = self._make_manager()
        if top is not None:
            top.build()

    def apply_settings(self) -> None:
        """Re-theme after the UI scale changed."""
        self.resize(self.size)

    def save_settings(self) -> bool:
        """Remember the settings for the next start; a failure is shown, never raised."""
        try:
            prefs.save_settings(self.settings)
        except OSError as exc:
            self.notify(f"Could not save the settings: {exc.strerror or exc}", 5)
            return False
        return True

    # --- the stack --------------------------------------------------------------------
    @property
    def top(self) -> Screen | None:
        """The screen on top, if any."""
        return self.stack[-1] if self.stack else None

    def push(self, screen: Screen) -> None:
        """Show a screen over the current one."""
        if self.stack:
            self.stack[-1].teardown()
        self.stack.append(screen)
        screen.build()

    def pop(self) -> None:
        """Close the top screen; the app ends when none is left."""
        if self.stack:
            self.stack.pop().teardown()
        if self.stack:
            self.stack[-1].build()
        else:
            self.running = False

    def replace(self, screen: Screen) -> None:
        """Swap the top screen for another."""
        if self.stack:
            self.stack.pop().teardown()
        self.stack.append(screen)
        screen.build()

    def reset(self, screen: Screen) -> None:
        """Clear the stack and show one screen (a message of the screens left goes too)."""
        self._generation += 1
        while self.stack:
            self.stack.pop().teardown()
        self.stack.append(screen)
        screen.build()

    def may_render(self) -> bool:
        """Whether a cached panel may re-render this frame. One re-render per frame, so a
        change that touches several panels spreads over a few frames (no long frame).
        Screenshot mode renders everything at once, so each picture is up to date."""
        if self.options.screenshots is not None:
            return True
        if self._renders_left > 0:
            self._renders_left -= 1
            return True
        return False

    def notify(self, text: str, seconds: float = 3.5) -> None:
        """Show a short message at the bottom of the window, until it times out or the
        stack is reset (leaving to the title drops 'Saved: …'). A message posted before
        the first screen is shown on it."""
        self.toast = text
        self.toast_time = seconds
        self._toast_generation = self._generation + (0 if self.stack else 1)

    @property
    def shown_toast(self) -> str:
        """The message on screen now ('' for none)."""
        live = self.toast_time > 0 and self._toast_generation == self._generation
        return self.toast if live else ""

    # --- the loop ---------------------------------------------------------------------
    def step(self, dt: float, first: pygame.event.Event | None = None) -> None:
        """One frame: events (`first`, then the queue), update, draw, flip (and a
        screenshot when one is due)."""
        start = time.perf_counter()
        self._renders_left = 1
        events = pygame.event.get()
        if first is not None:
            events.insert(0, first)
        if events:
            self.last_input = time.monotonic()
        for event in events:
            self.dispatch(event)
        if not self.running:
            return
        top = self.top
        if top is not None:
            top.update(dt)
            self._sound(top)
        self.manager.update(dt)
        self.draw()
        if self.toast_time > 0:
            self.toast_time -= dt
        self.frame_times.append(time.perf_counter() - start)
        if len(self.frame_times) > 4096:
            del self.frame_times[:2048]
        pygame.display.flip()
        self._capture()

    def dispatch(self, event: pygame.event.Event) -> None:
        """Route one event: quit, resize, pygame_gui, then the top screen."""
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type == pygame.VIDEORESIZE:
            self.resize((event.w, event.h))
            return
        top = self.top
        if top is not None and top.intercept(event):
            return
        consumed = self.manager.process_events(event)
        if top is None:
            return
        if consumed and event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            return
        top.handle(event)

    def draw(self) -> None:
        """Draw the top screen, the pygame_gui layer, overlays and the message line."""
        surface = self.window
        surface.fill(theme.BG)
        top = self.top
        if top is not None:
            top.draw(surface)
        self.manager.draw_ui(surface)
        if top is not None:
            top.draw_over(surface)
        if self.shown_toast:
            text = self.fonts.text(self.shown_toast, 14, theme.TEXT, bold=True)
            box = text.get_rect(
                midbottom=(surface.get_width() // 2, surface.get_height() - self.fonts.px(48))
            )
            pygame.draw.rect(surface, (8, 10, 14), box.inflate(24, 14), border_radius=8)
            pygame.draw.rect(surface, theme.FOCUS, box.inflate(24, 14), 1, border_radius=8)
            surface.blit(text, box)

    def _sound(self, top: Screen) -> None:
        """Play the effects for what changed in the shown game since the last frame."""
        session = top.shown_session()
        if session is not None:
            for name in self.cues.changes(session.match, session.viewer):
                self.audio.play(name)

    def apply_sound(self) -> None:
        """Apply the volume and mute settings to the sound at once."""
        self.audio.set(self.settings.volume, self.settings.muted)

    def _capture(self) -> None:
        folder = self.options.screenshots
        top = self.top
        if folder is None or top is None:
            return
        name = top.capture_name()
        if name and name not in self.captured:
            self.captured.add(name)
            folder.mkdir(parents=True, exist_ok=True)
            pygame.image.save(self.window, str(folder / f"{name}.png"))
            if name == "end":  # screenshot mode is unattended: the end screen is the last shot
                self.running = False

    def idle(self) -> bool:
        """Whether nothing moves: no input for a while and the top screen is not busy."""
        top = self.top
        quiet = time.monotonic() - self.last_input > IDLE_AFTER
        return quiet and self.toast_time <= 0 and not (top is not None and top.busy())

    def run(self) -> int:
        """Run until the window closes; returns the exit code. While idle, the loop
        sleeps until an event arrives (at most IDLE_WAIT_MS), so a waiting window uses
        almost no CPU and still answers input at once."""
        fps = 0 if self.options.screenshots else 60
        while self.running:
            first = None
            if fps and self.idle():
                got = pygame.event.wait(IDLE_WAIT_MS)
                first = got if got.type != pygame.NOEVENT else None
            dt = self.clock.tick(fps) / 1000.0
            self.step(min(dt, 0.1) if fps else 1 / 60, first)
        return 0

    def close(self) -> None:
        """Autosave any game in progress, remove every screen and shut pygame down."""
        for screen in self.stack:
            session = screen.shown_session()
            if session is not None:
                session.save_on_leave()  # closing mid-round loses nothing
                thumbnail_on_leave(screen, session)
                break
        while self.stack:
            self.stack.pop().teardown()
        self.audio.stop()
        pygame.quit()


def options_from_args(args: Any) -> StartOptions:
    """Start options from the `play` arguments (missing ones take defaults)."""
    shots = getattr(args, "screenshots", None)
    return StartOptions(
        level=str(getattr(args, "level", None) or DEFAULT_LEVEL),
        seed=getattr(args, "seed", None),
        seat_specs=tuple(getattr(args, "seat", None) or ()),
        ai_budget_ms=getattr(args, "ai_budget_ms", None),
        screenshots=Path(shots) if shots else None,
        max_rounds=getattr(args, "max_rounds", None),
        background_estimates=not shots,  # scripted screenshots show the odds at once
    )


def run_app(args: argparse.Namespace | Any) -> int:
    """Open the window and play; returns the process exit code (never raises for user errors)."""
    options = options_from_args(args)
    if options.screenshots is not None and not options.seat_specs:
        options.seat_specs = ("all=ai:easy",)
    # A level or seats named on the command line that do not work are reported before
    # any window opens (with no seats, only the level is checked).
    problem = check_options(options.level, list(options.seat_specs))
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    try:
        app = App(options=options)
    except pygame.error as exc:
        print(
            f"The game window could not open ({exc}). Try: python main.py play --headless",
            file=sys.stderr,
        )
        return 1
    try:
        app.reset(app.screens.first())
        return app.run()
    finally:
        app.close()
