"""Where the play screen's parts go: the window split into top bar, situation strip, the
side column (objectives over the move cards), map, ticker and the right column
(dashboard over the actions). Pure geometry: no widget is made here."""

from __future__ import annotations

from collections.abc import Callable

import pygame

Px = Callable[[float], int]
"""A design size (at 1280×720) → pixels at the current scale."""

PANEL_KEEPS = 150  # design px of the objectives panel the move cards never take
CARDS_LEAST = 110  # design px the move cards get however short the column
CARDS_SHARE = 0.55  # the most of the side column the move cards take from the panel


def play_rects(
    size: tuple[int, int], px: Px, strip_h: Callable[[int], int]
) -> dict[str, pygame.Rect]:
    """The screen's areas for a window of `size`; `strip_h(width)` is the situation strip's
    height at that width. The map has its own area: nothing of the side column covers it;
    an action card too tall for the map may also take the strip and the side column."""
    w, h = size
    top_h, tick_h = px(56), px(34)
    right_w = max(px(360), round(w * 0.34))
    col = w - right_w
    strip = strip_h(col)
    side_w = min(px(330), col * 2 // 5)
    body = pygame.Rect(0, top_h + strip, col, h - top_h - tick_h - strip)
    return {
        "card": pygame.Rect(0, top_h, col, h - top_h - tick_h),  # a card too tall for the map
        "top": pygame.Rect(0, 0, w, top_h),
        "strip": pygame.Rect(0, top_h, col, strip),
        "side": pygame.Rect(0, body.y, side_w, body.h),
        "map": pygame.Rect(side_w, body.y, col - side_w, body.h),
        "ticker": pygame.Rect(0, h - tick_h, col, tick_h),
        "right": pygame.Rect(col, top_h, right_w, h - top_h),
    }


def side_split(
    side: pygame.Rect, px: Px, panel: bool, cards_h: Callable[[int, int], int]
) -> tuple[pygame.Rect, pygame.Rect]:
    """The side column split into the objectives panel (height 0 without `panel`) and,
    under it, the move cards, as tall as `cards_h(width, limit)` says they need while the
    panel keeps at least its score lines and most of its objectives."""
    gap = px(8)
    inner = side.inflate(-2 * gap, -2 * gap)
    if not panel:
        return pygame.Rect(inner.topleft, (inner.w, 0)), inner
    least = min(inner.h // 2, px(CARDS_LEAST))  # a short column still shows a card
    limit = max(least, min(inner.h - px(PANEL_KEEPS), int(inner.h * CARDS_SHARE)))
    cards = cards_h(inner.w, limit)
    top = pygame.Rect(inner.topleft, (inner.w, inner.h - cards - (gap if cards else 0)))
    return top, pygame.Rect(inner.x, inner.bottom - cards, inner.w, cards)
