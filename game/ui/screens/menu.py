"""The title menu: new game, tutorial, load, settings, quit."""

from __future__ import annotations

import pygame
import pygame_gui

from game.engine import Ruleset
from game.seats import HUMAN
from game.ui import theme
from game.ui.launch import load_rules, new_match
from game.ui.screens.base import Screen

TUTORIAL_LEVEL = "tutorial"
TUTORIAL_RIVAL = "ai:normal"  # a rival that plays sensibly, so the lessons hold in play
_TITLE_LEVELS: dict[str, Ruleset | None] = {}  # level name -> its rules, for the title art


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
            tip="A six-week first game that shows you the screen step by step and waits "
            "for you to try each thing (T)",
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
        screens = self.app.screens
        if element is self.new:
            self.app.push(screens.setup())
        elif element is self.tutorial:
            self.start_tutorial()
        elif element is self.load:
            self.app.push(screens.load())
        elif element is self.settings:
            self.app.push(screens.settings())
        elif element is self.quit:
            self.app.running = False

    def level_rules(self) -> Ruleset | None:
        """The level a new game starts with (its factions and map credit are shown), or
        None when it cannot be loaded; loaded once per level name."""
        name = self.app.options.level
        if name not in _TITLE_LEVELS:
            _TITLE_LEVELS[name] = load_rules(name)[0]
        return _TITLE_LEVELS[name]

    def start_tutorial(self) -> None:
        """Start the tutorial level: you play the learner's faction (its lessons' faction,
        else the first) with its lessons on screen, `ai:normal` the others."""
        rules, problem = load_rules(TUTORIAL_LEVEL)
        if rules is None:
            self.app.notify(problem or "The tutorial level could not be loaded.", 6)
            return
        learner = rules.lessons[0].faction if rules.lessons else 0
        seats = [HUMAN if i == learner else TUTORIAL_RIVAL for i in range(len(rules.factions))]
        match = new_match(rules, self.app.options.seed)
        self.app.push(self.app.screens.play(match, seats, lessons=True))

    def draw(self, surface: pygame.Surface) -> None:
        f = self.app.fonts
        w, h = surface.get_size()
        title = f.text("SAHEL CRISIS", 48, theme.TEXT, bold=True)
        surface.blit(title, title.get_rect(midbottom=(w // 2, h // 2 - self.px(90))))
        sub = f.text("A crisis strategy game of diplomacy, pressure and restraint", 16, theme.MUTED)
        surface.blit(sub, sub.get_rect(midtop=(w // 2, h // 2 - self.px(84))))
        y = h // 2 - self.px(40)
        rules = self.level_rules()
        colors = [theme.hex_color(fac.color) for fac in rules.factions] if rules else []
        step = self.px(200) // max(1, len(colors))
        for i, color in enumerate(colors):  # one bar per faction of the level, its colour
            pygame.draw.rect(
                surface, color, (w // 2 - self.px(100) + i * step, y, step - self.px(4), self.px(4))
            )
        keys = f.text(
            "N new game · T tutorial · L load · S settings · Q quit · Enter starts a new game",
            12,
            theme.DIM,
        )
        about = f"Map: {rules.map_credit}" if rules and rules.map_credit else ""
        credit = f.text(about, 11, theme.DIM)
        surface.blit(credit, (self.px(10), h - self.px(22)))
        hint = keys.get_rect(midbottom=(w // 2, h - self.px(14)))
        if hint.left < self.px(18) + credit.get_width():  # narrow window: above the credit
            hint.bottom = h - self.px(26)
        surface.blit(keys, hint)
