"""The deals section of the objectives panel: every deal offered so far as the seat may
know it — in force (until which round), awaiting an answer, kept, broken or refused —
deals in force first, each with a coloured mark."""

from __future__ import annotations

import pygame

from game.engine import State
from game.engine.deal_defs import BROKEN, IN_FORCE, KEPT, OFFERED
from game.ui import theme
from game.ui.deal_text import deal_entries
from game.ui.theme import Fonts

KEPT_COLOR = (0, 158, 115)  # Okabe–Ito bluish green, as objectives met
_COLORS = {IN_FORCE: theme.GOOD, KEPT: KEPT_COLOR, BROKEN: theme.DANGER, OFFERED: theme.FOCUS}
_ORDER = {IN_FORCE: 0, OFFERED: 1, BROKEN: 2, KEPT: 3}


def deals_shown(state: State, viewer: int) -> list[tuple[int, str]]:
    """The section's rows (status, text): in force first, then pending, broken, kept, and
    refused; empty when no deal was offered yet."""
    entries = deal_entries(state, viewer)
    return sorted(entries, key=lambda e: _ORDER.get(e[0], 4))


def draw_deals(
    surface: pygame.Surface,
    fonts: Fonts,
    rows: list[tuple[int, str]],
    pos: tuple[int, int],
    width: int,
) -> int:
    """Draw the 'DEALS' title and `rows` from `pos` within `width`; returns the y below
    them (`pos[1]` unchanged when there are no rows)."""
    x, y = pos
    if not rows:
        return y
    title = fonts.text("DEALS", 11, theme.MUTED, bold=True)
    surface.blit(title, (x, y))
    y += title.get_height() + fonts.px(2)
    rad = fonts.px(5)
    indent = 2 * rad + fonts.px(6)
    for status, text in rows:
        color = _COLORS.get(status, theme.DIM)
        pygame.draw.circle(surface, color, (x + rad, y + fonts.px(8)), rad)
        tone = theme.TEXT if status in (IN_FORCE, OFFERED) else theme.MUTED
        for part in fonts.wrap(text, 11, width - indent):
            img = fonts.text(part, 11, tone)
            surface.blit(img, (x + indent, y))
            y += img.get_height()
        y += fonts.px(2)
    return y + fonts.px(6)
