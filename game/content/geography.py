"""Compile the map: regions with their adjacency and sites, neighbours, outline and colouring."""

from __future__ import annotations

from typing import Any

from game.content.compiler import Compiler
from game.content.problems import suggest
from game.engine import ruleset as R

Outline = tuple[tuple[tuple[float, float], ...], ...]


def compile_regions(c: Compiler, regions: dict[str, Any]) -> tuple[R.RegionDef, ...]:
    """Every region with its shape, sites and adjacency (adjacency is checked both ways)."""
    region_defs = []
    for i, (rid, (r, _)) in enumerate(regions.items()):
        sites = tuple(
            R.SiteDef(s.id, s.name, s.description, point(s.position) if s.position else None)
            for s in r.sites
        )
        region_defs.append(
            R.RegionDef(
                i,
                rid,
                r.name,
                r.description,
                point(r.position),
                tuple(point(p) for p in r.shape),
                _adjacent(c, rid, regions),
                sites,
            )
        )
    return tuple(region_defs)


def _adjacent(c: Compiler, rid: str, regions: dict[str, Any]) -> tuple[int, ...]:
    """Indices of a region's neighbours; unknown ones are errors, one-way ones warnings."""
    r, loc = regions[rid]
    adjacent = []
    for j, other in enumerate(r.adjacent):
        if other not in c.sym.regions and c.follows_broken(
            [other], loc, "unknown region", "adjacent", j
        ):
            continue
        if other not in c.sym.regions:
            c.error(
                loc,
                f"unknown region '{other}' in adjacent{suggest(other, c.sym.regions)}",
                "adjacent",
                j,
            )
            continue
        adjacent.append(c.sym.regions[other])
        if rid not in regions[other][0].adjacent:
            c.error(
                loc,
                f"'{rid}' lists '{other}' as adjacent but not the reverse; "
                f"add '{rid}' to {other}.adjacent",
                "adjacent",
                j,
                severity="warning",
            )
    return tuple(adjacent)


def compile_neighbours(c: Compiler) -> tuple[R.NeighbourDef, ...]:
    """Every off-map neighbour with its stance track (-1 when it has none)."""
    neighbour_defs = []
    for n, loc in c.items["neighbours"]:
        slot = -1
        if n.stance is not None:
            slot = c.sym.vars.get(n.stance, -1)
            if slot < 0:
                c.error(
                    loc,
                    f"stance names unknown track '{n.stance}'{suggest(n.stance, c.sym.vars)}",
                    "stance",
                )
        neighbour_defs.append(
            R.NeighbourDef(
                n.id,
                n.name,
                n.description,
                point(n.position),
                tuple(tuple(point(p) for p in poly) for poly in n.shape),
                slot,
            )
        )
    return tuple(neighbour_defs)


def compile_map_display(c: Compiler) -> tuple[Outline, str, int]:
    """(outline, credit, color_by slot or -1) of the level's map section."""
    color_by = -1
    outline: Outline = ()
    credit = ""
    if c.map is not None:
        spec, loc = c.map
        outline = tuple(tuple(point(p) for p in poly) for poly in spec.outline)
        credit = spec.credit
        if spec.color_by is not None:
            entry = c.sym.region_values.get(spec.color_by)
            if entry is None:
                names = ", ".join(c.sym.region_values) or "none"
                hint = suggest(spec.color_by, c.sym.region_values)
                c.error(
                    loc,
                    f"color_by must name a region value, not '{spec.color_by}'{hint} "
                    f"(region values: {names})",
                    "color_by",
                )
            else:
                color_by = entry[0]
    return outline, credit, color_by


def point(p: list[float]) -> tuple[float, float]:
    """A YAML [x, y] pair as a point."""
    return (float(p[0]), float(p[1]))
