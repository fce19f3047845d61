"""Record where the screens blit their own text (panels, dashboard, objectives, cards):
while `recording()` is on, every `pygame.Surface` made is a `Rec` that remembers the
texts `Fonts.text` rendered and blitted onto it, carried along (moved and clipped) when
it is blitted onto another `Rec`. Drawing a screen onto a `Rec` the window's size then
gives each text's full rect and the part of it that shows, in window coordinates.

A text shown through a clip or a window into a larger surface (a scrolled list, the
objectives panel, the news strip) is marked `scrolled`: the scroll decides what shows.
What an opaque filled rectangle (a card, a panel) or a full-size veil is drawn over is
hidden, as on screen, and forgotten.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pygame

from game.ui import theme

_REAL_SURFACE = pygame.Surface
_TEXTS: dict[int, tuple[str, Any]] = {}  # id(rendered surface) → text (the surface kept)


@dataclass
class Blitted:
    """One text on a surface: its full rect, the part of it that shows, and whether a
    scroll view (not a layout fault) hides the rest."""

    text: str
    full: pygame.Rect
    shown: pygame.Rect
    scrolled: bool

    def moved(self, dx: int, dy: int, view: pygame.Rect, scrolled: bool) -> Blitted:
        """The text as it shows through `view` after its surface moved by (dx, dy)."""
        full = self.full.move(dx, dy)
        return Blitted(
            self.text, full, self.shown.move(dx, dy).clip(view), self.scrolled or scrolled
        )


class Rec(_REAL_SURFACE):
    """A surface that remembers the texts blitted onto it (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.texts: list[Blitted] = []

    def fill(self, color: Any, rect: Any = None, special_flags: int = 0) -> pygame.Rect:
        if rect is None:
            self.texts = []  # a full fill wipes what was drawn
        return super().fill(color, rect, special_flags)

    def blit(  # type: ignore[override]
        self, source: Any, dest: Any, area: Any = None, special_flags: int = 0
    ) -> Any:
        x, y = (dest[0], dest[1]) if not isinstance(dest, pygame.Rect) else dest.topleft
        x, y = int(x), int(y)
        src = pygame.Rect(area) if area is not None else source.get_rect()
        src = src.clip(source.get_rect())
        clip = self.get_clip()
        view = pygame.Rect(x, y, src.w, src.h).clip(clip)
        found = _TEXTS.get(id(source))
        if found is not None and found[1] is source and found[0].strip():
            full = pygame.Rect(x - src.x, y - src.y, *source.get_size())
            cut_by_scroll = clip != self.get_rect()
            self.texts.append(Blitted(found[0], full, full.clip(view), cut_by_scroll))
        elif isinstance(source, Rec):
            if not source.texts and (x, y) == (0, 0) and source.get_size() == self.get_size():
                self.texts = []  # a veil over everything (a menu over the game)
            window = area is not None or clip != self.get_rect()
            window |= not self.get_rect().contains(pygame.Rect((x, y), src.size))
            for t in source.texts:
                moved = t.moved(x - src.x, y - src.y, view, window)
                if moved.shown.w > 0 and moved.shown.h > 0:
                    self.texts.append(moved)
        return super().blit(source, dest, area, special_flags)

    def copy(self) -> Rec:
        twin = Rec(self.get_size(), self.get_flags(), self)
        twin.blit(self, (0, 0))
        return twin


def _hide_under(surface: Any, color: Any, rect: Any, width: int = 0, *args: Any, **kw: Any) -> None:
    """An opaque filled rectangle hides the texts it is drawn over."""
    opaque = width == 0 and not (len(color) == 4 and color[3] < 255)
    if isinstance(surface, Rec) and opaque and not isinstance(color, str):
        box = pygame.Rect(rect)
        surface.texts = [t for t in surface.texts if not t.shown.colliderect(box)]


@contextmanager
def recording() -> Iterator[None]:
    """Make every new surface a `Rec` and remember what `Fonts.text` renders."""
    real_text = theme.Fonts.text

    def text(self: theme.Fonts, t: str, *args: Any, **kwargs: Any) -> pygame.Surface:
        surf = real_text(self, t, *args, **kwargs)
        _TEXTS[id(surf)] = (t, surf)
        return surf

    real_rect = pygame.draw.rect

    def rect(surface: Any, color: Any, box: Any, width: int = 0, *args: Any, **kw: Any) -> Any:
        _hide_under(surface, color, box, width)
        return real_rect(surface, color, box, width, *args, **kw)

    pygame.Surface = Rec  # type: ignore[misc]
    pygame.draw.rect = rect  # type: ignore[assignment]
    theme.Fonts.text = text  # type: ignore[method-assign, assignment]
    try:
        yield
    finally:
        pygame.Surface = _REAL_SURFACE  # type: ignore[misc]
        pygame.draw.rect = real_rect
        theme.Fonts.text = real_text  # type: ignore[method-assign]
        _TEXTS.clear()
