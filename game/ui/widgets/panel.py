"""Small drawing helpers: a text box with a border, placed to stay inside the window."""

from __future__ import annotations

import pygame

from game.ui import theme
from game.ui.theme import Fonts

_BOXES: dict[tuple[tuple[str, ...], int, int, bool, float], pygame.Surface] = {}


def text_box(
    surface: pygame.Surface,
    fonts: Fonts,
    lines: list[str],
    anchor: tuple[int, int],
    width: int,
    size: int = 12,
    title_first: bool = True,
    within: pygame.Rect | None = None,
) -> pygame.Rect:
    """Draw wrapped lines in a bordered box near `anchor`, kept inside `within` (the part
    of the screen it belongs to, if it fits there) and always inside `surface`.

    The box is rendered once per content and reused (bounded cache)."""
    key = (tuple(lines), width, size, title_first, fonts.scale)
    img = _BOXES.get(key)
    if img is None:
        img = _render_box(fonts, lines, width, size, title_first)
        if len(_BOXES) > 64:
            _BOXES.clear()
        _BOXES[key] = img
    box = img.get_rect()
    box.topleft = (anchor[0] + 16, anchor[1] + 16)
    bounds = surface.get_rect()
    if within is not None and within.w >= box.w and within.h >= box.h:
        bounds = within.clip(bounds)
    if box.right > bounds.right:
        box.right = anchor[0] - 8
    if box.bottom > bounds.bottom:
        box.bottom = bounds.bottom - 4
    box.clamp_ip(bounds)
    surface.blit(img, box)
    return box


def _render_box(
    fonts: Fonts, lines: list[str], width: int, size: int, title_first: bool
) -> pygame.Surface:
    pad = fonts.px(8)
    rows: list[tuple[str, bool]] = []
    for n, line in enumerate(lines):
        bold = title_first and n == 0
        rows.extend((part, bold) for part in fonts.wrap(line, size, width - 2 * pad, bold))
    line_h = fonts.font(size).get_linesize()
    box = pygame.Rect(0, 0, width, 2 * pad + line_h * len(rows))
    img = pygame.Surface(box.size, pygame.SRCALPHA)
    img.fill((0, 0, 0, 0))
    pygame.draw.rect(img, (12, 15, 20), box, border_radius=6)
    pygame.draw.rect(img, theme.LINE, box, 1, border_radius=6)
    y = pad
    for text, bold in rows:
        img.blit(fonts.text(text, size, theme.TEXT if bold else theme.MUTED, bold), (pad, y))
        y += line_h
    return img
