"""First half of compiling a level: merge the files, index every section by id, and
declare the variables (tracks, resources, region values) as slots of the state."""

from __future__ import annotations

from typing import Any, NamedTuple

from game.content import schema as S
from game.content.compiler import Compiler, Loc
from game.content.deal_slots import declare_deal_slots
from game.content.problems import suggest
from game.content.scope import Symbols
from game.engine import ruleset as R

_ID_SECTIONS = (
    "resources",
    "region_values",
    "neighbours",
    "actions",
    "events",
    "upkeep",
    "objectives",
    "outcomes",
    "deals",
)


class Declared(NamedTuple):
    """What the first half found: the level section, its variables and regions."""

    meta: S.LevelMeta
    meta_loc: Loc
    var_defs: list[R.VarDef]
    regions: dict[str, Any]


def declare(c: Compiler) -> Declared | None:
    """Merge the files, index every section by id and declare the variables;
    None if the level has no 'level' section or no factions (both reported)."""
    c.merge()
    if c.meta is None:
        if not c.source.problems:
            first = c.source.files[0] if c.source.files else None
            if first is not None:
                c.error((first, ()), "no file has the 'level' section (id, name, rounds); add it")
        return None
    meta, meta_loc = c.meta
    taken: dict[str, str] = {}
    factions = c.unique("factions", taken)
    tracks = c.unique("tracks", taken)
    regions = c.unique("regions", taken)
    for section in _ID_SECTIONS:
        c.unique(section, taken)
    if not factions:
        c.error(meta_loc, "the level has no factions; add a 'factions' section")
        return None
    c.sym = Symbols(rounds=meta.rounds)
    c.sym.factions = {f: i for i, f in enumerate(factions)}
    c.sym.regions = {r: i for i, r in enumerate(regions)}
    defs: list[R.VarDef] = []
    _tracks(c, defs, tracks)
    _resources(c, defs)
    _region_values(c, defs, regions)
    declare_deal_slots(c, lambda **kw: _add(c, defs, **kw))
    return Declared(meta, meta_loc, defs, regions)


def _add(c: Compiler, defs: list[R.VarDef], **kw: Any) -> int:
    """Declare one variable as the next slot; returns the slot."""
    slot = len(defs)
    defs.append(R.VarDef(index=slot, **kw))
    c.sym.vars[kw["key"]] = slot
    return slot


def _tracks(c: Compiler, defs: list[R.VarDef], tracks: dict[str, Any]) -> None:
    for tid, (t, loc) in tracks.items():
        c.bounds(t.min, t.max, t.initial, loc)
        _labels(c, t, loc)
        _add(
            c,
            defs,
            key=tid,
            id=tid,
            kind=R.TRACK,
            name=t.name,
            description=t.description,
            lo=t.min,
            hi=t.max,
            initial=t.initial,
            labels=tuple(sorted(t.labels.items())),
            danger=t.danger,
            hidden=t.hidden,
        )


def _labels(c: Compiler, item: S.Track | S.Resource | S.RegionValue, loc: Loc) -> None:
    """A label for a value the number can never hold is an error at its key."""
    for value, text in item.labels.items():
        if not item.min <= value <= item.max:
            c.error(
                loc,
                f"{c.label(loc, 'labels', str(value))}: label {value} ('{text}') is outside "
                f"{item.id}'s range {item.min}..{item.max}, so it can never be shown; remove it "
                f"or change min/max",
                "labels",
                str(value),
            )


def _resources(c: Compiler, defs: list[R.VarDef]) -> None:
    """One slot per owning faction of each resource (`faction: all` gives every faction one)."""
    fids = list(c.sym.factions)
    for res, loc in c.items["resources"]:
        _labels(c, res, loc)
        owners = fids if res.faction == "all" else [res.faction]
        if res.faction != "all" and res.faction not in c.sym.factions:
            c.faction_ref(res.faction, loc, "faction")
            continue
        if res.faction == "all":
            c.sym.shared_resources[res.id] = len(defs)
        for fid in owners:
            initial = res.initial
            if isinstance(initial, dict):
                for k in initial:
                    if k not in c.sym.factions:
                        c.faction_ref(k, loc, "initial", k)
                initial = initial.get(fid, res.min)
            c.bounds(res.min, res.max, initial, loc)
            _add(
                c,
                defs,
                key=f"{fid}.{res.id}",
                id=res.id,
                kind=R.RESOURCE,
                name=res.name,
                description=res.description,
                lo=res.min,
                hi=res.max,
                initial=initial,
                owner=c.sym.factions[fid],
                private=res.visibility == "private",
                labels=tuple(sorted(res.labels.items())),
            )


def _region_values(c: Compiler, defs: list[R.VarDef], regions: dict[str, Any]) -> None:
    """One slot per region (and per faction, for per-faction values) of each region value;
    a region's `values` override the initial value."""
    fids = list(c.sym.factions)
    for rv, loc in c.items["region_values"]:
        c.bounds(rv.min, rv.max, rv.initial, loc)
        _labels(c, rv, loc)
        c.sym.region_values[rv.id] = (len(defs), rv.per_faction)
        for ri, rid in enumerate(regions):
            for fi, fid in enumerate(fids if rv.per_faction else [""]):
                _add(
                    c,
                    defs,
                    key=f"{rid}.{rv.id}" + (f".{fid}" if fid else ""),
                    id=rv.id,
                    kind=R.REGION_VALUE,
                    name=rv.name,
                    description=rv.description,
                    lo=rv.min,
                    hi=rv.max,
                    initial=_region_initial(c, rv, rid, regions[rid], fid, fids),
                    region=ri,
                    per_faction=fi if fid else -1,
                    labels=tuple(sorted(rv.labels.items())),
                )
    for region, rloc in regions.values():
        for key in region.values:
            if key not in c.sym.region_values and c.follows_broken(
                [key], rloc, "unknown region value", "values", key
            ):
                continue
            if key not in c.sym.region_values:
                c.error(
                    rloc,
                    f"unknown region value '{key}'{suggest(key, c.sym.region_values)}",
                    "values",
                    key,
                )


def _region_initial(
    c: Compiler, rv: S.RegionValue, rid: str, region: tuple[Any, Loc], fid: str, fids: list[str]
) -> int:
    """The start value of region value `rv` in region `rid` (for faction `fid`, or '')."""
    r, rloc = region
    override = r.values.get(rv.id, rv.initial)
    initial = override
    if isinstance(override, dict):
        if not rv.per_faction:
            c.error(rloc, f"'{rv.id}' is one number per region, not per faction", "values", rv.id)
            initial = rv.initial
        else:
            initial = override.get(fid, rv.initial)
    elif rv.per_faction and rv.id in r.values:
        c.error(
            rloc,
            f"'{rv.id}' is per faction: give a mapping like {{{fids[0]}: 2}}",
            "values",
            rv.id,
        )
    if not rv.min <= initial <= rv.max:
        c.error(
            rloc,
            f"{rid}.{rv.id} starts at {initial}, outside {rv.min}..{rv.max}",
            "values",
            rv.id,
        )
        initial = rv.min
    return int(initial)
