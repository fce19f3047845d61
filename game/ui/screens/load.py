"""Load: pick a save (the latest autosave first); errors are shown, never raised."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.ui import saved_games, theme
from game.ui.screens.base import Screen

if TYPE_CHECKING:
    from game.ui.app import App


class LoadScreen(Screen):
    """A list of saves, Load and Back. A loaded game goes to setup, where its saved seats
    are preselected and can be changed."""

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.paths: list[Path] = saved_games.list_saves(app.saves_folder)
        self.message = "" if self.paths else "No saved games yet."

    def build(self) -> None:
        w, h = self.app.size
        lw, lh = self.px(560), self.px(320)
        x = (w - lw) // 2
        y = h // 2 - self.px(170)
        names: list[str | tuple[str, str]] = [p.name for p in self.paths] or ["(none)"]
        self.list = self.add(
            pygame_gui.elements.UISelectionList(
                pygame.Rect(x, y, lw, lh),
                names,
                self.manager,
                default_selection=self.paths[0].name if self.paths else None,
            )
        )
        bw = (lw - self.px(10)) // 2
        self.load = self.button(
            pygame.Rect(x, y + lh + self.px(12), bw, self.px(40)), "Load (Enter)", kind="@primary"
        )
        self.back = self.button(
            pygame.Rect(x + bw + self.px(10), y + lh + self.px(12), bw, self.px(40)), "Back (Esc)"
        )

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_RETURN:
            self.load_selected()
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.back:
                self.app.pop()
            elif event.ui_element is self.load:
                self.load_selected()
        elif event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION:
            self.load_selected()

    def selected(self) -> Path | None:
        """The chosen save file."""
        name = self.list.get_single_selection()
        for p in self.paths:
            if p.name == name:
                return p
        return self.paths[0] if self.paths else None

    def load_selected(self) -> None:
        """Load the chosen save and continue to seat setup (or say what went wrong)."""
        path = self.selected()
        if path is None:
            self.message = "Choose a saved game first."
            return
        try:
            match, note = saved_games.load(path)
        except saved_games.LoadFailed as exc:
            self.message = str(exc)
            return
        if note:
            self.app.notify(note, 8)
        self.app.replace(self.app.screens.setup(resume=match))

    def draw(self, surface: pygame.Surface) -> None:
        f = self.app.fonts
        w, h = surface.get_size()
        t = f.text("Load a saved game", 28, theme.TEXT, bold=True)
        surface.blit(t, t.get_rect(midbottom=(w // 2, h // 2 - self.px(180))))
        if self.message:
            m = f.text(self.message, 14, theme.DANGER)
            surface.blit(m, m.get_rect(midtop=(w // 2, h // 2 + self.px(210))))
