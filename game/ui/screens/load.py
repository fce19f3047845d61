"""Load: every save, newest first, each with its level, round, date, seats and moves,
and the chosen one's thumbnail; load or delete (with confirmation); errors are shown,
never raised."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.ui import saved_games, theme
from game.ui.save_list import SaveEntry, all_saves, delete_save
from game.ui.screens.base import Screen
from game.ui.thumbnails import read_thumbnail

if TYPE_CHECKING:
    from game.ui.app import App


class LoadScreen(Screen):
    """A list of saves, Load and Back. A loaded game goes to setup, where its saved seats
    are preselected and can be changed."""

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.message = ""
        self.entries: list[SaveEntry] = []
        self.doomed: Path | None = None  # the save a second Delete press removes
        self._thumbs: dict[Path, pygame.Surface | None] = {}
        self.message_y = 0
        self.scan()

    def scan(self) -> None:
        """Read the saves folders again."""
        self.entries = all_saves(self.app.saves_folder)
        self.paths = [e.path for e in self.entries]
        if not self.entries and not self.message:
            self.message = "No saved games yet."

    def build(self) -> None:
        w, h = self.app.size
        lw, lh = min(w - self.px(40), self.px(900)), self.px(208)
        x = (w - lw) // 2
        y = h // 2 - self.px(170)
        self.preview = pygame.Rect(x, y + lh + self.px(10), self.px(192), self.px(108))
        names: list[str | tuple[str, str]] = [e.label for e in self.entries] or ["(none)"]
        self.list = self.add(
            pygame_gui.elements.UISelectionList(
                pygame.Rect(x, y, lw, lh),
                names,
                self.manager,
                default_selection=self._chosen_label(),
            )
        )
        bw = (lw - 2 * self.px(10)) // 3
        by = self.preview.bottom + self.px(12)
        self.message_y = by + self.px(52)
        self.load = self.button(
            pygame.Rect(x, by, bw, self.px(40)), "Load (Enter)", kind="@primary"
        )
        text = "Confirm delete" if self.doomed is not None else "Delete (Del)"
        self.delete = self.button(pygame.Rect(x + bw + self.px(10), by, bw, self.px(40)), text)
        self.back = self.button(
            pygame.Rect(x + 2 * (bw + self.px(10)), by, bw, self.px(40)), "Back (Esc)"
        )

    def _chosen_label(self) -> str | None:
        """The row to select on (re)build: the save waiting for its delete confirmation,
        else the newest."""
        for e in self.entries:
            if e.path == self.doomed:
                return e.label
        return self.entries[0].label if self.entries else None

    def ask_delete(self) -> None:
        """Delete asks first; a second press (or Confirm) deletes the chosen save."""
        path = self.selected()
        if path is None:
            return
        if self.doomed != path:
            self.doomed = path
            self.message = f"Delete {path.name}? Press Delete again to confirm, Esc to keep it."
        else:
            self.message = delete_save(path) or f"Deleted {path.name}."
            self.doomed = None
            self.scan()
        self.teardown()
        self.build()

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            if self.doomed is not None:
                self.doomed, self.message = None, "Nothing was deleted."
                self.teardown()
                self.build()
            else:
                self.app.pop()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_DELETE:
            self.ask_delete()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_RETURN:
            self.load_selected()
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.back:
                self.app.pop()
            elif event.ui_element is self.load:
                self.load_selected()
            elif event.ui_element is self.delete:
                self.ask_delete()
        elif event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION:
            self.load_selected()

    def selected(self) -> Path | None:
        """The chosen save file."""
        name = self.list.get_single_selection()
        for e in self.entries:
            if e.label == name:
                return e.path
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
            surface.blit(m, m.get_rect(midtop=(w // 2, self.message_y)))
        self._draw_preview(surface)

    def thumbnail(self, path: Path) -> pygame.Surface | None:
        """The picture saved with `path` (read once), or None."""
        if path not in self._thumbs:
            self._thumbs[path] = read_thumbnail(path)
        return self._thumbs[path]

    def _draw_preview(self, surface: pygame.Surface) -> None:
        """The chosen save's thumbnail (or a blank board) and its summary, line by line."""
        f = self.app.fonts
        box = self.preview
        path = self.selected()
        if path is None:
            return
        pygame.draw.rect(surface, theme.PANEL, box)
        picture = self.thumbnail(path)
        if picture is not None:
            surface.blit(pygame.transform.smoothscale(picture, box.size), box)
        else:
            t = f.text("no picture", 12, theme.DIM)
            surface.blit(t, t.get_rect(center=box.center))
        pygame.draw.rect(surface, theme.LINE, box, 1)
        entry = next((e for e in self.entries if e.path == path), None)
        y = box.y
        for part in (entry.label.split(" · ") if entry else [])[:6]:
            line = f.text(part, 13, theme.TEXT if y == box.y else theme.MUTED, bold=y == box.y)
            surface.blit(line, (box.right + self.px(14), y))
            y += line.get_height()
