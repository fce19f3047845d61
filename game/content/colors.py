"""Colour checks: faction colours (and the danger colour) that people cannot tell apart.

Each pair is compared by the CIEDE2000 colour difference (coloraide) as seen with normal
vision and as simulated for deuteranopia and protanopia (the common red-green colour
blindnesses, about 1 man in 12 has one). A difference under `CLOSE` is warned about at
the later colour of the pair.
"""

from __future__ import annotations

from typing import Any

from coloraide import Color

from game.content.compiler import Compiler, Loc

CLOSE = 8.0  # CIEDE2000: below this, two colours are easily confused on a map or a chip
DEFAULT_DANGER = "#cc79a7"  # the dashboard's danger colour when the level sets none
_VISION = (
    ("", "with normal vision"),
    ("deutan", "with deuteranopia (red-green colour blindness)"),
    ("protan", "with protanopia (red-green colour blindness)"),
)
_PALETTE = "#E69F00 #56B4E9 #009E73 #F0E442 #0072B2 #D55E00 #CC79A7 #000000"


def confusion(a: str, b: str) -> tuple[float, str] | None:
    """(difference, how it is seen) of the least distinguishable view of two colours,
    when it is under CLOSE; None when they are told apart in every view."""
    ca, cb = Color(a), Color(b)
    worst: tuple[float, str] | None = None
    for kind, seen in _VISION:
        x, y = (ca, cb) if not kind else (ca.clone().filter(kind), cb.clone().filter(kind))
        diff = float(x.delta_e(y, method="2000"))
        if diff < CLOSE and (worst is None or diff < worst[0]):
            worst = (diff, seen)
    return worst


def color_checks(c: Compiler) -> None:
    """Warn about faction colours too close to each other or to the danger colour (only
    colours the level sets: a faction left at the default grey chose none)."""
    factions: list[tuple[Any, Loc]] = [
        (fac, loc) for fac, loc in c.items["factions"] if "color" in fac.model_fields_set
    ]
    for j, (fac, loc) in enumerate(factions):
        for other, _ in factions[:j]:
            found = confusion(other.color, fac.color)
            if found is not None:
                c.error(
                    loc,
                    f"{c.label(loc, 'color')}: '{fac.color}' is hard to tell from "
                    f"{other.id}'s '{other.color}' {found[1]} (difference {found[0]:.1f}, "
                    f"under {CLOSE:g}); pick colours further apart, such as the Okabe-Ito "
                    f"palette ({_PALETTE})",
                    "color",
                    severity="warning",
                )
    if c.meta is None:
        return
    meta, meta_loc = c.meta
    danger = meta.danger_color or DEFAULT_DANGER
    for fac, loc in factions:
        found = confusion(fac.color, danger)
        if found is None:
            continue
        where = (meta_loc, ("danger_color",)) if meta.danger_color else (loc, ("color",))
        whose = "the level's danger colour" if meta.danger_color else "the default danger colour"
        c.error(
            where[0],
            f"faction '{fac.id}': its colour '{fac.color}' is hard to tell from {whose} "
            f"'{danger}' {found[1]} (difference {found[0]:.1f}, under {CLOSE:g}), so danger "
            "on the dashboard looks like that faction; set level.danger_color to a colour "
            "far from every faction's",
            *where[1],
            severity="warning",
        )
