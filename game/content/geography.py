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


def map_projection(c: Compiler) -> str:
    """The map's declared projection ('' when not declared), with a warning where the
    coordinates look like the other kind (see `_coordinate_warning`)."""
    projection = c.map[0].projection if c.map is not None else None
    points, loc, shaped = _coordinates(c)
    if points:
        warning = _coordinate_warning(projection, points, shaped)
        if warning and loc is not None:
            c.error(loc, warning, *(("projection",) if projection else ()), severity="warning")
    return projection or ""


def _coordinates(c: Compiler) -> tuple[list[tuple[float, float]], Any, bool]:
    """Every region position and shape point, where to report on them (the map section,
    else the first region) and whether every region has a shape."""
    points: list[tuple[float, float]] = []
    shaped = bool(c.items["regions"])
    for r, _ in c.items["regions"]:
        points.append(point(r.position))
        points.extend(point(p) for p in r.shape)
        shaped = shaped and len(r.shape) >= 3
    loc = c.map[1] if c.map is not None else None
    if loc is None and c.items["regions"] and shaped:
        loc = c.items["regions"][0][1]
    return points, loc, shaped


def _coordinate_warning(
    projection: str | None, points: list[tuple[float, float]], shaped: bool
) -> str:
    """Why the coordinates do not fit the projection ('' when they do)."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    outside = min(xs) < -180 or max(xs) > 180 or min(ys) < -90 or max(ys) > 90
    span = f"x {min(xs):g}..{max(xs):g}, y {min(ys):g}..{max(ys):g}"
    if projection == "geo" and outside:
        return (
            f"projection is geo, but the region coordinates ({span}) are not longitude/"
            "latitude (longitude -180..180, latitude -90..90); write 'projection: schematic' "
            "for plain x/y coordinates"
        )
    if projection == "geo" and max(abs(min(ys)), abs(max(ys))) > 80:
        return (
            f"projection is geo, but the map reaches latitude {max(ys, key=abs):g}, where "
            "east-west distances shrink to almost nothing; if these are not latitudes, "
            "write 'projection: schematic'"
        )
    if projection is None and shaped and outside:
        return (
            f"every region has a shape, so the map is drawn as longitude/latitude, but the "
            f"coordinates ({span}) are not; add 'projection: schematic' to the map section "
            "for plain x/y coordinates (y grows downwards)"
        )
    if projection == "schematic" and not outside and _looks_surveyed(points):
        return (
            f"projection is schematic, but the coordinates ({span}) look like longitude/"
            "latitude (fine fractions within -180..180 and -90..90); write 'projection: geo' "
            "if they are, so the map is drawn north up with the latitude correction"
        )
    return ""


def _looks_surveyed(points: list[tuple[float, float]]) -> bool:
    """Whether coordinates look taken from a real map: many points, most of them with
    three or more decimals (hand-made schematic maps use whole numbers or simple steps)."""
    if len(points) < 24:
        return False
    fine = sum(1 for x, y in points if round(x, 2) != x or round(y, 2) != y)
    return fine >= 0.8 * len(points)
