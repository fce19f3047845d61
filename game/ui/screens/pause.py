"""The in-game menu (Esc): resume, save, load, settings, quit."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.ui import theme
from game.ui.screens.base import Screen
from game.ui.screens.play import PlayScreen
from game.ui.thumbnails import thumbnail_on_leave

if TYPE_CHECKING:
    from game.ui.app import App


class PauseMenu(Screen):
    """Esc during play: resume, save, load, settings, quit to title. Drawn over its
    `parent`, the play screen it pauses."""

    def __init__(self, app: App, parent: PlayScreen) -> None:
        super().__init__(app)
        self.parent = parent

    def build(self) -> None:
        w, h = self.app.size
        bw, bh = self.px(260), self.px(40)
        x = (w - bw) // 2
        y = h // 2 - self.px(120)
        gap = bh + self.px(8)
        self.resume = self.button(pygame.Rect(x, y, bw, bh), "Resume (Esc)", kind="@primary")
        self.save = self.button(pygame.Rect(x, y + gap, bw, bh), "Save game (Ctrl+S)")
        self.load = self.button(pygame.Rect(x, y + 2 * gap, bw, bh), "Load game")
        self.settings = self.button(pygame.Rect(x, y + 3 * gap, bw, bh), "Settings")
        self.title = self.button(pygame.Rect(x, y + 4 * gap, bw, bh), "Quit to title")
        self.quit = self.button(pygame.Rect(x, y + 5 * gap, bw, bh), "Quit game")

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()
            return
        if (
            event.type == pygame.KEYDOWN
            and event.key == pygame.K_s
            and (event.mod & pygame.KMOD_CTRL)
        ):
            self._save()
            return
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return
        el = event.ui_element
        if el is self.resume:
            self.app.pop()
        elif el is self.save:
            self._save()
        elif el is self.load:
            self.app.push(self.app.screens.load())
        elif el is self.settings:
            self.app.push(self.app.screens.settings())
        elif el is self.title:
            self.parent.session.save_on_leave()  # the title screen offers to resume it
            thumbnail_on_leave(self.parent, self.parent.session)
            self.app.reset(self.app.screens.title())
        elif el is self.quit:
            self.app.running = False

    def _save(self) -> None:
        self.parent.save()

    def draw(self, surface: pygame.Surface) -> None:
        self.parent.draw(surface)
        veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        veil.fill((8, 10, 14, 200))
        surface.blit(veil, (0, 0))
        t = self.app.fonts.text("Paused", 28, theme.TEXT, bold=True)
        surface.blit(
            t,
            t.get_rect(
                midbottom=(surface.get_width() // 2, surface.get_height() // 2 - self.px(130))
            ),
        )
