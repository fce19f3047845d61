"""The log as the viewer may see it: the full log window (L) and, while others play, the
latest lines with the AI's reasons in the action panel's place."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

from game.engine import visible
from game.engine.log import replay_values
from game.ui import theme
from game.ui.session import GameSession, move_reasons
from game.ui.wording import described

if TYPE_CHECKING:
    from game.ui.screens.base import Screen


class LogPanel:
    """The log window and the recent-lines box of one play screen."""

    def __init__(self, screen: Screen, session: GameSession) -> None:
        self.screen = screen
        self.session = session
        self.rules = session.match.rules
        self.open = False
        self.window: Any = None
        self.box: Any = None
        self.recent: list[tuple[str, str]] = []
        self._shown = -1
        self._recent_img: pygame.Surface | None = None
        self._recent_key: object = None

    # --- the window -------------------------------------------------------------------
    def toggle(self, right: pygame.Rect) -> None:
        """Open the log window over the right column `right`, or close it."""
        self.open = not self.open
        if self.open:
            self.show(right)
        elif self.window is not None:
            self.window.kill()
            self.window = None

    def show(self, right: pygame.Rect) -> None:
        """Create the log window (again, e.g. after the screen rebuilt its elements),
        scrolled to the newest line."""
        screen, px = self.screen, self.screen.px
        rect = right.inflate(-px(8), -px(8))  # the right column only: map and cards stay
        title = "Log of all you saw · L closes · M: moves as cards"
        if screen.app.fonts.font(14).size(title)[0] > rect.w - px(60):
            title = "Log · L closes · M: moves"
        self.window = screen.add(
            pygame_gui.elements.UIWindow(rect, screen.manager, window_display_title=title)
        )
        inner = self.window.get_container().get_rect()
        self.box = pygame_gui.elements.UITextBox(
            self.html(),
            pygame.Rect(0, 0, inner.w, inner.h),
            screen.manager,
            container=self.window,
        )
        if self.box.scroll_bar:
            self.box.scroll_bar.set_scroll_from_start_percentage(1.0)
        self._shown = len(self.session.match.log)

    def forget(self) -> None:
        """The screen removed the window with all its elements."""
        self.window = None

    def handle(self, event: pygame.event.Event) -> bool:
        """Notice the window's close button; True when the event was ours."""
        if event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.window:
            self.open = False
            self.window = None
            return True
        return False

    def refresh(self) -> None:
        """Re-read the log: the recent lines, and the window's text when new lines came."""
        self.recent = self.recent_lines()
        log = self.session.match.log
        if self.window is not None and self._shown != len(log):
            self.box.set_text(self.html())
            self._shown = len(log)

    def html(self, limit: int = 400) -> str:
        """The visible log as pygame_gui HTML, newest last, AI reasons in italics."""
        s = self.session
        match = s.match
        fonts = self.screen.app.fonts
        reasons = move_reasons(match, s.viewer)
        lines: list[str] = []
        start = max(0, len(match.log) - limit)
        for i, values in enumerate(replay_values(self.rules, match.log)):
            entry = match.log[i]
            if i < start or not visible(entry, s.viewer):
                continue
            text = html.escape(fonts.safe(described(self.rules, entry, s.viewer, values)))
            lines.append(f"<b>{text}</b>" if entry.kind == 0 else text)
            if i in reasons and not s.is_human(entry.faction):
                why = html.escape(fonts.safe(reasons[i]))
                lines.append(f"<i><font color='#96a0ae'>   why: {why}</font></i>")
        return "<br>".join(lines) or "Nothing yet."

    # --- the recent lines -------------------------------------------------------------
    def recent_lines(self, count: int = 14) -> list[tuple[str, str]]:
        """The last log lines the viewer may see, each with the AI's reason (or '')."""
        s = self.session
        match = s.match
        reasons = move_reasons(match, s.viewer)
        found: list[tuple[str, str]] = []
        values = list(self.rules.initial)  # every slot just after the last entry, then
        for entry in match.log:  # rolled back one entry at a time, newest first
            for slot, delta in entry.changes:
                values[slot] += delta
        for i in range(len(match.log) - 1, -1, -1):
            entry = match.log[i]
            if visible(entry, s.viewer):
                why = reasons.get(i, "") if not s.is_human(entry.faction) else ""
                found.append((described(self.rules, entry, s.viewer, values), why))
                if len(found) == count:
                    break
            for slot, delta in entry.changes:
                values[slot] -= delta
        return found[::-1]

    def draw_recent(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The latest lines (newest at the bottom) in the action panel's `area`.
        Rendered once per change of the lines."""
        px = self.screen.px
        top = area.y + px(26)
        bottom = area.bottom - px(40) * 2 - px(30)
        key = (tuple(self.recent), area.size, bottom - top, self.screen.app.fonts.scale)
        if self._recent_img is None or key != self._recent_key:
            self._recent_img = self._render_recent(area.w, bottom - top, px(12))
            self._recent_key = key
        surface.blit(self._recent_img, (area.x, top))

    def _render_recent(self, width: int, height: int, pad: int) -> pygame.Surface:
        f = self.screen.app.fonts
        img = pygame.Surface((width, max(1, height)), pygame.SRCALPHA)
        img.fill((0, 0, 0, 0))
        line_h = f.font(12).get_linesize()
        rows: list[tuple[str, tuple[int, int, int]]] = []
        for text, why in reversed(self.recent):
            block = [(part, theme.TEXT) for part in f.wrap(text, 12, width - 2 * pad)]
            if why:
                block += [
                    (part, theme.MUTED) for part in f.wrap(f"why: {why}", 12, width - 3 * pad)
                ]
            if (len(rows) + len(block)) * line_h > height:
                break
            rows = block + rows
        y = height - len(rows) * line_h
        for text, color in rows:
            x = pad + (pad if color == theme.MUTED else 0)
            img.blit(f.text(text, 12, color), (x, y))
            y += line_h
        return img
