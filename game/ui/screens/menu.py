"""The title menu: new game, load, settings, quit."""

from __future__ import annotations

import pygame
import pygame_gui

from game.ui import theme
from game.ui.screens.base import Screen


class TitleScreen(Screen):
    """Title and the four choices."""

    def build(self) -> None:
        w, h = self.app.size
        bw, bh = self.px(280), self.px(44)
        x = (w - bw) // 2
        y = h // 2 - self.px(20)
        self.new = self.button(
            pygame.Rect(x, y, bw, bh),
            "New game",
            kind="@primary",
            tip="Choose a level and who plays each faction (N)",
        )
        self.load = self.button(
            pygame.Rect(x, y + bh + self.px(10), bw, bh),
            "Load game",
            tip="Continue a saved game (L)",
        )
        self.settings = self.button(
            pygame.Rect(x, y + 2 * (bh + self.px(10)), bw, bh),
            "Settings",
            tip="UI scale and AI pace (S)",
        )
        self.quit = self.button(
            pygame.Rect(x, y + 3 * (bh + self.px(10)), bw, bh), "Quit", tip="Close the game (Q)"
        )

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            self.choose(event.ui_element)
        elif event.type == pygame.KEYDOWN:
            keys = {
                pygame.K_n: self.new,
                pygame.K_l: self.load,
                pygame.K_s: self.settings,
                pygame.K_q: self.quit,
                pygame.K_ESCAPE: self.quit,
                pygame.K_RETURN: self.new,
            }
            if event.key in keys:
                self.choose(keys[event.key])

    def choose(self, element: object) -> None:
        """Act on one of the menu buttons."""
        screens = self.app.screens
        if element is self.new:
            self.app.push(screens.setup())
        elif element is self.load:
            self.app.push(screens.load())
        elif element is self.settings:
            self.app.push(screens.settings())
        elif element is self.quit:
            self.app.running = False

    def draw(self, surface: pygame.Surface) -> None:
        f = self.app.fonts
        w, h = surface.get_size()
        title = f.text("SAHEL CRISIS", 48, theme.TEXT, bold=True)
        surface.blit(title, title.get_rect(midbottom=(w // 2, h // 2 - self.px(90))))
        sub = f.text("A crisis strategy game of diplomacy, pressure and restraint", 16, theme.MUTED)
        surface.blit(sub, sub.get_rect(midtop=(w // 2, h // 2 - self.px(84))))
        y = h // 2 - self.px(40)
        for i, fac in enumerate(((0, 114, 178), (0, 158, 115), (230, 159, 0), (213, 94, 0))):
            pygame.draw.rect(
                surface, fac, (w // 2 - self.px(100) + i * self.px(50), y, self.px(46), self.px(4))
            )
        keys = f.text(
            "N new game · L load · S settings · Q quit · Enter starts a new game", 12, theme.DIM
        )
        surface.blit(keys, keys.get_rect(midbottom=(w // 2, h - self.px(14))))
        credit = f.text("Map outlines: Made with Natural Earth", 11, theme.DIM)
        surface.blit(credit, (self.px(10), h - self.px(22)))
