"""The news ticker: the latest headlines, newest first; a new one slides in from the right."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.engine import LogEntry, Ruleset
from game.engine.log import EVENT, OBJECTIVE, OUTCOME, headline_of, visible
from game.ui import theme
from game.ui.theme import Fonts
from game.ui.wording import described


def headlines(rules: Ruleset, log: list[LogEntry], viewer: int, count: int = 6) -> list[str]:
    """The newest `count` headlines the viewer may see (events, objectives, the outcome)."""
    found: list[str] = []
    for entry in reversed(log):
        if not visible(entry, viewer):
            continue
        if entry.kind == EVENT:
            found.append(headline_of(rules, entry))
        elif entry.kind in (OBJECTIVE, OUTCOME):
            found.append(described(rules, entry, viewer))
        if len(found) == count:
            break
    return found


class Ticker:
    """Draws the strip; the slide-in offset is the only motion."""

    SLIDE = 0.45

    def __init__(self, fonts: Fonts) -> None:
        self.fonts = fonts
        self.rect = pygame.Rect(0, 0, 1, 1)
        self.items: list[str] = []
        self.age = 10.0
        self._strip: pygame.Surface | None = None
        self._stale = False

    def set_rect(self, rect: pygame.Rect) -> None:
        """Place the ticker."""
        if pygame.Rect(rect) != self.rect:
            self.rect = pygame.Rect(rect)
            self._strip = None

    def set_items(self, items: list[str]) -> None:
        """New headline list; animates when the newest one changed."""
        if items != self.items:
            if items and (not self.items or items[0] != self.items[0]):
                self.age = 0.0
            self.items = items
            self._stale = True

    def moving(self) -> bool:
        """Whether a headline is sliding in."""
        return self.SLIDE > 0 and self.age < self.SLIDE

    def update(self, dt: float) -> None:
        """Advance the slide-in."""
        self.age += dt

    def draw(self, surface: pygame.Surface, may_render: Callable[[], bool] = lambda: True) -> None:
        """Draw the label and the headlines (re-rendered when `may_render()` allows)."""
        f = self.fonts
        pygame.draw.rect(surface, (12, 15, 20), self.rect)
        pygame.draw.line(surface, theme.LINE, self.rect.topleft, self.rect.topright)
        label = f.text("NEWS", 12, (12, 15, 20), bold=True)
        box = pygame.Rect(
            self.rect.x + f.px(8), 0, label.get_width() + f.px(12), label.get_height() + f.px(2)
        )
        box.centery = self.rect.centery
        pygame.draw.rect(surface, theme.DANGER, box, border_radius=3)
        surface.blit(label, label.get_rect(center=box.center))
        if self._strip is None or (self._stale and may_render()):
            self._strip = self._render()
            self._stale = False
        x0 = box.right + f.px(10)
        width = self.rect.right - x0 - f.px(6)
        t = min(1.0, self.age / self.SLIDE) if self.SLIDE > 0 else 1.0
        offset = round((1 - t) ** 2 * width * 0.5)
        area = pygame.Rect(0, 0, max(0, width - offset), self._strip.get_height())
        surface.blit(
            self._strip, (x0 + offset, self.rect.centery - self._strip.get_height() // 2), area
        )

    def _render(self) -> pygame.Surface:
        f = self.fonts
        parts = [
            f.text(h, 13, theme.TEXT if i == 0 else theme.MUTED, bold=i == 0)
            for i, h in enumerate(self.items or ["No news yet."])
        ]
        sep = f.text("  ·  ", 13, theme.DIM)
        w = sum(p.get_width() for p in parts) + sep.get_width() * (len(parts) - 1)
        h = max(p.get_height() for p in parts)
        strip = pygame.Surface((max(1, w), h), pygame.SRCALPHA)
        x = 0
        for i, p in enumerate(parts):
            if i:
                strip.blit(sep, (x, 0))
                x += sep.get_width()
            strip.blit(p, (x, 0))
            x += p.get_width()
        return strip
