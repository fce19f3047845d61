"""Setup: choose a level and, for each faction, a human or an AI (easy, normal, hard)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

from game.content import ContentError
from game.content.loader import LEVELS_DIR, find_level, read_level
from game.engine import Ruleset
from game.match import Match
from game.seats import HUMAN
from game.ui import theme
from game.ui.emblems import blit_emblem
from game.ui.launch import load_rules, new_match
from game.ui.screens.base import Screen

if TYPE_CHECKING:
    from game.ui.app import App

SEAT_LABELS = {"Human": HUMAN, "AI easy": "ai:easy", "AI normal": "ai:normal", "AI hard": "ai:hard"}


def available_levels(extra: str | None = None) -> list[str]:
    """Level folder names under levels/ (those with YAML files), plus `extra` if given."""
    names: list[str] = []
    if LEVELS_DIR.is_dir():
        names = sorted(p.name for p in LEVELS_DIR.iterdir() if p.is_dir() and any(p.glob("*.yaml")))
    if extra and extra not in names:
        names.insert(0, extra)
    return names


def level_title(level: str) -> str:
    """The name a level gives itself (`level: name:`), or its folder id when it names
    none or cannot be read (the setup screen then reports its problems)."""
    try:
        source = read_level(find_level(level))
    except (ContentError, OSError):
        return level
    for file in source.files:
        data = file.doc.data
        section = data.get("level") if isinstance(data, dict) else None
        name = section.get("name") if isinstance(section, dict) else None
        if isinstance(name, str) and name.strip():
            return name.strip()
    return level


class SetupScreen(Screen):
    """New game (level + seats) or, with `resume`, seats for a loaded game."""

    def __init__(self, app: App, resume: Match | None = None) -> None:
        super().__init__(app)
        self.resume = resume
        self.levels = available_levels(None if resume else app.options.level)
        self.titles = {level: level_title(level) for level in self.levels}
        self.level = (
            resume.rules.level_id
            if resume
            else (
                app.options.level
                if app.options.level in self.levels
                else (self.levels[0] if self.levels else "")
            )
        )
        self.rules: Ruleset | None = resume.rules if resume else None
        self.problem = ""
        self.seats: list[str] = []
        if self.rules is None and self.level:
            self._load(self.level)
        elif self.rules is not None:
            self._default_seats()
            saved = list(resume.seats) if resume else []
            offered = set(SEAT_LABELS.values())
            if len(saved) == len(self.seats):  # a loaded game keeps its seats (menu choices)
                self.seats = [s if s in offered else "ai:normal" for s in saved]
        self.seat_menus: list[Any] = []

    def _load(self, level: str) -> None:
        self.level = level
        self.rules, self.problem = load_rules(level)
        self._default_seats()

    def _default_seats(self) -> None:
        n = len(self.rules.factions) if self.rules else 0
        self.seats = [HUMAN] + ["ai:normal"] * (n - 1) if n else []

    def build(self) -> None:
        w, h = self.app.size
        x = self.px(60)
        y = self.px(90)
        cw = self.px(260)
        if not self.resume and self.levels:
            choices: list[str | tuple[str, str]] = [(self.titles[k], k) for k in self.levels]
            self.level_menu = self.add(
                pygame_gui.elements.UIDropDownMenu(
                    choices,
                    (self.titles.get(self.level, self.level), self.level),
                    pygame.Rect(x + self.px(130), y, self.px(320), max(30, self.px(34))),
                    self.manager,
                )
            )
        self.seat_menus = []
        self.rows_y = []
        ry = y + self.px(120)
        if self.rules is not None:
            labels = {v: k for k, v in SEAT_LABELS.items()}
            room = h - self.px(80) - ry - self.px(36)  # above the note and the buttons
            step = min(self.px(62), room // max(1, len(self.rules.factions)))
            for i, _f in enumerate(self.rules.factions):
                current = labels.get(self.seats[i], "AI normal")
                menu = self.add(
                    pygame_gui.elements.UIDropDownMenu(
                        list(SEAT_LABELS),
                        current,
                        pygame.Rect(x + cw + self.px(20), ry, self.px(170), max(30, self.px(32))),
                        self.manager,
                    )
                )
                self.seat_menus.append(menu)
                self.rows_y.append(ry)
                ry += step
        by = h - self.px(80)
        self.start = self.button(
            pygame.Rect(w - self.px(300), by, self.px(240), self.px(44)),
            "Resume game (Enter)" if self.resume else "Start game (Enter)",
            kind="@primary",
        )
        self.back = self.button(pygame.Rect(x, by, self.px(160), self.px(44)), "Back (Esc)")
        if self.rules is None:
            self.start.disable()  # type: ignore[no-untyped-call]

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_RETURN:
            self.begin()
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.start:
                self.begin()
            elif event.ui_element is self.back:
                self.app.pop()
        elif event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            if event.ui_element in self.seat_menus:
                self.seats[self.seat_menus.index(event.ui_element)] = SEAT_LABELS[event.text]
            elif not self.resume and event.ui_element is getattr(self, "level_menu", None):
                self._load(event.selected_option_id)
                self.teardown()
                self.build()

    def set_seat(self, faction: int, seat: str) -> None:
        """Choose who plays a faction (what the drop-down does)."""
        self.seats[faction] = seat

    def begin(self) -> None:
        """Start (or resume) the game with the chosen seats."""
        if self.rules is None:
            return
        match = self.resume or new_match(self.rules, self.app.options.seed)
        self.app.reset(self.app.screens.title())
        self.app.push(self.app.screens.play(match, list(self.seats)))

    def draw(self, surface: pygame.Surface) -> None:
        f = self.app.fonts
        w, _h = surface.get_size()
        x = self.px(60)
        title = "Resume a saved game" if self.resume else "New game"
        surface.blit(f.text(title, 28, theme.TEXT, bold=True), (x, self.px(30)))
        y = self.px(90)
        surface.blit(f.text("Level", 15, theme.TEXT, bold=True), (x, y + self.px(6)))
        if self.resume and self.rules:
            surface.blit(
                f.text(
                    f"{self.rules.name} — {self.rules.rounds} "
                    f"{self.rules.round_name.lower()}s, round "
                    f"{self.resume.state.round}",
                    15,
                    theme.TEXT,
                ),
                (x + self.px(130), y + self.px(6)),
            )
        if self.problem:
            for i, line in enumerate(f.wrap(self.problem, 13, w - 2 * x)[:4]):
                surface.blit(f.text(line, 13, theme.DANGER), (x, y + self.px(50 + 18 * i)))
        if self.rules is None:
            return
        desc = f.wrap(self.rules.description, 13, w - x - self.px(480))[:3]
        for i, line in enumerate(desc):
            surface.blit(f.text(line, 13, theme.MUTED), (x + self.px(470), y + self.px(2 + 18 * i)))
        surface.blit(
            f.text("Who plays each faction", 15, theme.TEXT, bold=True), (x, y + self.px(80))
        )
        for i, fac in enumerate(self.rules.factions):
            ry = self.rows_y[i] if i < len(self.rows_y) else 0
            color = theme.hex_color(fac.color)
            r = self.px(15)
            blit_emblem(surface, (x + r, ry + r), r, i, color)
            surface.blit(
                f.text(fac.name, 15, theme.TEXT, bold=True),
                (x + 2 * r + self.px(10), ry + self.px(5)),
            )
            gx = x + self.px(480)
            for k, line in enumerate(
                f.wrap(fac.goal or fac.description, 12, w - gx - self.px(40))[:2]
            ):
                surface.blit(f.text(line, 12, theme.MUTED), (gx, ry + self.px(2 + 17 * k)))
        humans = sum(1 for s in self.seats if s == HUMAN)
        note = (
            "No human seats: you will watch the AIs play."
            if humans == 0
            else "Hotseat: the screen hides each player's secrets between turns."
            if humans > 1
            else "One human against the AIs."
        )
        surface.blit(
            f.text(note, 13, theme.MUTED),
            (x, (self.rows_y[-1] if self.rows_y else y) + max(30, self.px(32)) + self.px(8)),
        )
