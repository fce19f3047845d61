"""The title menu (new game, tutorial, load, settings, quit) and the in-game menu (Esc)."""

from __future__ import annotations

import pygame
import pygame_gui

from game.ui import theme
from game.ui.screens.base import Screen

TUTORIAL_LEVEL = "tutorial"


class TitleScreen(Screen):
    """Title and the five choices (the tutorial second, for a first game)."""

    def build(self) -> None:
        w, h = self.app.size
        bw, bh = self.px(280), self.px(44)
        x = (w - bw) // 2
        y = h // 2 - self.px(20)
        step = min(bh + self.px(10), (h - self.px(34) - y) // 5)  # five buttons always fit
        bh = min(bh, step - self.px(4))
        self.new = self.button(
            pygame.Rect(x, y, bw, bh),
            "New game",
            kind="@primary",
            tip="Choose a level and who plays each faction (N)",
        )
        self.tutorial = self.button(
            pygame.Rect(x, y + step, bw, bh),
            "Tutorial",
            tip="A short first game that teaches the rules, against an easy AI (T)",
        )
        self.load = self.button(
            pygame.Rect(x, y + 2 * step, bw, bh), "Load game", tip="Continue a saved game (L)"
        )
        self.settings = self.button(
            pygame.Rect(x, y + 3 * step, bw, bh),
            "Settings",
            tip="UI scale, AI pace and AI reasons (S)",
        )
        self.quit = self.button(
            pygame.Rect(x, y + 4 * step, bw, bh), "Quit", tip="Close the game (Q)"
        )

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            self.choose(event.ui_element)
        elif event.type == pygame.KEYDOWN:
            keys = {
                pygame.K_n: self.new,
                pygame.K_t: self.tutorial,
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
        from game.ui.screens.load import LoadScreen
        from game.ui.screens.settings import SettingsScreen
        from game.ui.screens.setup import SetupScreen

        if element is self.new:
            self.app.push(SetupScreen(self.app))
        elif element is self.tutorial:
            self.start_tutorial()
        elif element is self.load:
            self.app.push(LoadScreen(self.app))
        elif element is self.settings:
            self.app.push(SettingsScreen(self.app))
        elif element is self.quit:
            self.app.running = False

    def start_tutorial(self) -> None:
        """Start the tutorial level: you play its first faction, easy AIs the others."""
        from game.seats import HUMAN
        from game.ui.launch import load_rules, new_match, play_screen

        rules, problem = load_rules(TUTORIAL_LEVEL)
        if rules is None:
            self.app.notify(problem or "The tutorial level could not be loaded.", 6)
            return
        seats = [HUMAN] + ["ai:easy"] * (len(rules.factions) - 1)
        self.app.push(play_screen(self.app, new_match(rules, self.app.options.seed), seats))

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
            "N new game · T tutorial · L load · S settings · Q quit · Enter starts a new game",
            12,
            theme.DIM,
        )
        credit = f.text("Map outlines: Made with Natural Earth", 11, theme.DIM)
        surface.blit(credit, (self.px(10), h - self.px(22)))
        hint = keys.get_rect(midbottom=(w // 2, h - self.px(14)))
        if hint.left < self.px(18) + credit.get_width():  # narrow window: above the credit
            hint.bottom = h - self.px(26)
        surface.blit(keys, hint)


class PauseMenu(Screen):
    """Esc during play: resume, save, load, settings, quit to title."""

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
        from game.ui.screens.load import LoadScreen
        from game.ui.screens.settings import SettingsScreen

        el = event.ui_element
        if el is self.resume:
            self.app.pop()
        elif el is self.save:
            self._save()
        elif el is self.load:
            self.app.push(LoadScreen(self.app))
        elif el is self.settings:
            self.app.push(SettingsScreen(self.app))
        elif el is self.title:
            self.app.reset(TitleScreen(self.app))
        elif el is self.quit:
            self.app.running = False

    def _save(self) -> None:
        from game.ui.screens.play import PlayScreen

        for screen in reversed(self.app.stack):
            if isinstance(screen, PlayScreen):
                screen.save()
                return

    def draw(self, surface: pygame.Surface) -> None:
        from game.ui.screens.play import PlayScreen

        below = [s for s in self.app.stack if isinstance(s, PlayScreen)]
        if below:
            below[-1].draw(surface)
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
