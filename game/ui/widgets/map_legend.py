"""The map's legend and emblem markers: who colours a region (the leader's emblem, every
tied faction's emblem on a shared lead) and, on a map shaded by a plain region value, the
value's colour ramp from its lowest to its highest label."""

from __future__ import annotations

import pygame

from game.engine import Ruleset
from game.ui import theme
from game.ui.emblems import blit_emblem
from game.ui.theme import Fonts

SHADE = (230, 159, 0)  # Okabe–Ito orange: the high end of a map shaded by a region value


def marker_factions(lead: int, top: list[int]) -> tuple[int, ...]:
    """Whose emblems mark a region: the leader's, or every faction tied for the lead
    (none when nobody has any)."""
    if lead >= 0:
        return (lead,)
    return tuple(top) if len(top) >= 2 else ()


def badge_size(count: int, r: int) -> tuple[int, int]:
    """The size of a marker of `count` emblems of radius `r` (overlapping a little)."""
    if count == 0:
        return (0, 0)
    return (2 * r + (count - 1) * (2 * r - r // 3), 2 * r + 2)


def draw_marks(
    surf: pygame.Surface,
    colors: list[tuple[int, int, int]],
    marks: tuple[int, ...],
    center: tuple[int, int],
    r: int,
) -> None:
    """The leader's emblem, or the tied factions' emblems side by side on a dark pill."""
    w, _h = badge_size(len(marks), r)
    x0 = center[0] - w // 2
    if len(marks) > 1:
        pill = pygame.Rect(x0, center[1] - r, w, 2 * r).inflate(4, 4)
        pygame.draw.rect(surf, (12, 14, 18), pill, border_radius=r + 2)
    else:
        pygame.draw.circle(surf, (12, 14, 18), center, r + 2)
    for k, faction in enumerate(marks):
        cx = x0 + r + k * (2 * r - r // 3)
        blit_emblem(surf, (cx, center[1]), r, faction, colors[faction])


def draw_leader_legend(
    surf: pygame.Surface,
    fonts: Fonts,
    rules: Ruleset,
    colors: list[tuple[int, int, int]],
    left: int,
) -> pygame.Rect:
    """'Colour = most influence:' with each faction's emblem and name and the tied marker,
    drawn at the top of `surf` from `left` (kept inside it); its rect on `surf`."""
    f = fonts
    pad = f.px(6)
    name = rules.vars[rules.color_by].name
    title = f.text(f"Colour = most {name.lower()}:", 11, theme.MUTED)
    items = [(fac.index, f.text(fac.short, 11, theme.TEXT)) for fac in rules.factions]
    r = f.px(7)
    tie = f.text("tied (hatched)", 11, theme.MUTED)
    pair_w, _ = badge_size(2, r)
    width = title.get_width() + sum(2 * r + 4 + lab.get_width() + pad for _, lab in items)
    width += pair_w + 4 + tie.get_width()
    box = pygame.Rect(pad, pad, width + 2 * pad, max(title.get_height(), 2 * r) + pad)
    box.x = max(pad, min(left + pad, surf.get_width() - box.w - pad))
    pygame.draw.rect(surf, (12, 15, 20), box, border_radius=4)
    x = box.x + pad
    cy = box.centery
    surf.blit(title, (x, cy - title.get_height() // 2))
    x += title.get_width() + pad
    for faction, lab in items:
        blit_emblem(surf, (x + r, cy), r, faction, colors[faction])
        surf.blit(lab, (x + 2 * r + 4, cy - lab.get_height() // 2))
        x += 2 * r + 4 + lab.get_width() + pad
    if len(items) >= 2:
        draw_marks(surf, colors, (items[0][0], items[1][0]), (x + pair_w // 2, cy), r)
    surf.blit(tie, (x + pair_w + 4, cy - tie.get_height() // 2))
    return box


def draw_scale_legend(
    surf: pygame.Surface, fonts: Fonts, rules: Ruleset, slot: int, base: tuple[int, int, int]
) -> pygame.Rect:
    """The legend of a map shaded by the plain region value in `slot`: its name, and its
    lowest and highest values (their labels, if the level gives them) at the ends of a
    colour ramp from `base`; its rect on `surf`."""
    f = fonts
    pad = f.px(6)
    var = rules.vars[slot]
    title = f.text(f"Colour = {var.name.lower()}:", 11, theme.MUTED)
    low = f.text(var.label(var.lo), 11, theme.TEXT)
    high = f.text(var.label(var.hi), 11, theme.TEXT)
    ramp_w, ramp_h = f.px(60), f.px(8)
    width = title.get_width() + low.get_width() + ramp_w + high.get_width() + 3 * pad
    box = pygame.Rect(pad, pad, width + 2 * pad, title.get_height() + pad)
    pygame.draw.rect(surf, (12, 15, 20), box, border_radius=4)
    x, cy = box.x + pad, box.centery
    for img in (title, low):
        surf.blit(img, (x, cy - img.get_height() // 2))
        x += img.get_width() + pad
    for k in range(ramp_w):
        color = theme.mix(base, SHADE, 0.1 + 0.7 * k / max(1, ramp_w - 1))
        pygame.draw.line(surf, color, (x + k, cy - ramp_h // 2), (x + k, cy + ramp_h // 2))
    x += ramp_w + pad
    surf.blit(high, (x, cy - high.get_height() // 2))
    return box
