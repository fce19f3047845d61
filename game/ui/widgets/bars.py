"""Value bars: the number, its place in its range, and hatching for danger or uncertainty."""

from __future__ import annotations

import pygame

from game.ui import theme
from game.ui.theme import Fonts

_HATCH: dict[tuple[int, int, tuple[int, int, int]], pygame.Surface] = {}


def hatch(size: tuple[int, int], color: tuple[int, int, int], gap: int = 6) -> pygame.Surface:
    """A transparent surface with diagonal lines (cached by size and colour)."""
    key = (size[0], size[1], color)
    surf = _HATCH.get(key)
    if surf is None:
        if len(_HATCH) > 256:
            _HATCH.clear()
        surf = pygame.Surface(size, pygame.SRCALPHA)
        w, h = size
        for x in range(-h, w, gap):
            pygame.draw.line(surf, (*color, 255), (x, h), (x + h, 0), 1)
        _HATCH[key] = surf
    return surf


def draw_bar(
    surface: pygame.Surface,
    fonts: Fonts,
    rect: pygame.Rect,
    known: tuple[int, int],
    lo: int,
    hi: int,
    color: tuple[int, int, int],
    *,
    danger: bool = False,
    label: str | None = None,
) -> None:
    """A bar from lo to hi filled up to the value; `known` is (value, value) when exact or the
    (low, high) range an observer knows, drawn hatched. The number is printed at the right."""
    low, high = known
    if label is None and high > low:
        label = "?" if (low, high) == (lo, hi) else f"{low}–{high}"
    elif label is None:
        label = str(low)
    txt = fonts.text(label, 13, theme.TEXT, bold=True)
    text_w = max(fonts.px(44), txt.get_width() + fonts.px(6))
    bar = pygame.Rect(rect.x, rect.y + rect.h // 4, max(8, rect.w - text_w - 6), rect.h // 2)
    pygame.draw.rect(surface, theme.PANEL, bar, border_radius=3)
    span = max(1, hi - lo)
    fill_w = round(bar.w * (low - lo) / span)
    if fill_w > 0:
        pygame.draw.rect(surface, color, (bar.x, bar.y, fill_w, bar.h), border_radius=3)
        if danger:
            surface.blit(hatch((fill_w, bar.h), theme.mix(color, (20, 20, 20), 0.45)), bar.topleft)
    if high > low:
        x2 = round(bar.w * (high - lo) / span)
        unk = pygame.Rect(bar.x + fill_w, bar.y, max(2, x2 - fill_w), bar.h)
        surface.blit(hatch(unk.size, theme.mix(color, theme.PANEL, 0.3), 4), unk.topleft)
    pygame.draw.rect(surface, theme.LINE, bar, 1, border_radius=3)
    surface.blit(txt, (rect.right - txt.get_width(), rect.centery - txt.get_height() // 2))
