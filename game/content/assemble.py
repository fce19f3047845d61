"""Second half of compiling a level: actions, events, rules, victory, map, layout."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from game.content import schema as S
from game.content.scope import LevelScope
from game.engine import ruleset as R

if TYPE_CHECKING:
    from game.content.compiler import Compiler, Loc

_TARGETS = {"none": R.NO_TARGET, "region": R.REGION_TARGET, "faction": R.FACTION_TARGET}


def assemble_ruleset(
    c: Compiler, meta: S.LevelMeta, meta_loc: Loc, var_defs: list[R.VarDef], regions: dict[str, Any]
) -> R.Ruleset | None:
    """Compile everything that refers to the declared variables and build the Ruleset."""
    sym = c.sym
    n_vars = len(var_defs)
    actions = c.items["actions"]
    events = c.items["events"]
    objectives = c.items["objectives"]
    n_f, n_a, n_e, n_o = len(sym.factions), len(actions), len(events), len(objectives)
    lay = R.Layout(
        n_vars=n_vars,
        used=n_vars,
        last=n_vars + n_a,
        this_round=n_vars + 2 * n_a,
        fired=n_vars + 3 * n_a,
        fired_last=n_vars + 3 * n_a + n_e,
        vp=n_vars + 3 * n_a + 2 * n_e,
        reached=n_vars + 3 * n_a + 2 * n_e + n_f,
        size=n_vars + 3 * n_a + 2 * n_e + n_f + n_o,
    )
    sym.writable_limit = n_vars
    sym.actions = {a.id: lay.used + i for i, (a, _) in enumerate(actions)}
    sym.events = {e.id: lay.fired + i for i, (e, _) in enumerate(events)}
    sym.action_rounds = {a.id: lay.last + i for i, (a, _) in enumerate(actions)}
    sym.event_rounds = {e.id: lay.fired_last + i for i, (e, _) in enumerate(events)}
    sym.vp = {f: lay.vp + i for f, i in sym.factions.items()}

    global_scope = LevelScope(sym)
    action_defs = [_action(c, i, a, loc) for i, (a, loc) in enumerate(actions)]
    event_defs = [_event(c, i, e, loc, global_scope) for i, (e, loc) in enumerate(events)]
    upkeep_defs = [
        R.UpkeepDef(
            i,
            u.id,
            u.name,
            u.description,
            c.expr(u.when, global_scope, loc, "when") if u.when else None,
            c.effects(u.effects, global_scope, loc, "effects"),
        )
        for i, (u, loc) in enumerate(c.items["upkeep"])
    ]
    objective_defs = []
    for i, (o, loc) in enumerate(objectives):
        f = c.faction_ref(o.faction, loc, "faction")
        scope = LevelScope(sym, o.faction)
        when, reads = c.condition(o.when, scope, loc, "when")
        objective_defs.append(
            R.ObjectiveDef(i, o.id, f, o.name, o.description, when, o.points, o.scoring, reads)
        )
    outcome_defs = _outcomes(c, global_scope)
    faction_defs = _factions(c, var_defs, objective_defs, outcome_defs)
    order = _order(c, meta, meta_loc)
    region_defs, neighbour_defs = _map(c, regions)
    color_by = -1
    outline: tuple[tuple[tuple[float, float], ...], ...] = ()
    credit = ""
    if c.map is not None:
        spec, loc = c.map
        outline = tuple(tuple(_pt(p) for p in poly) for poly in spec.outline)
        credit = spec.credit
        if spec.color_by is not None:
            entry = sym.region_values.get(spec.color_by)
            if entry is None or not entry[1]:
                c.error(
                    loc,
                    f"color_by must name a per-faction region value, not '{spec.color_by}'",
                    "color_by",
                )
            else:
                color_by = entry[0]
    clock = _track_slot(c, meta.clock, meta_loc, "clock")
    escalation = _track_slot(c, meta.escalation, meta_loc, "escalation")
    chance = c.expr(meta.random_event_chance, global_scope, meta_loc, "random_event_chance")
    if any(p.severity == "error" for p in c.problems):
        return None
    initial = [v.initial for v in var_defs] + [0] * n_a + [-1000] * n_a + [0] * n_a
    initial += [0] * n_e + [-1000] * n_e + [0] * n_f + [0] * n_o
    by_faction = tuple(tuple(a for a in action_defs if a.faction == f) for f in range(n_f))
    space, space_by_action = _action_space(action_defs, n_f, len(region_defs))
    outcome_defs = _with_default_end(outcome_defs, n_f)
    rules = R.Ruleset(
        level_id=meta.id,
        name=meta.name,
        description=meta.description,
        intro=meta.intro,
        fingerprint=c.source.fingerprint,
        rules_fingerprint=c.source.rules_fingerprint,
        news=tuple(c.news),
        tie_break=_tie_break(c, meta, meta_loc),
        rounds=meta.rounds,
        start_date=meta.start_date,
        days_per_round=meta.days_per_round,
        round_name=meta.round_name,
        random_events_per_round=meta.random_events_per_round,
        random_event_chance=chance,
        factions=faction_defs,
        order=order,
        vars=tuple(var_defs),
        actions=tuple(action_defs),
        events=tuple(event_defs),
        upkeep=tuple(upkeep_defs),
        objectives=tuple(objective_defs),
        outcomes=tuple(outcome_defs),
        regions=region_defs,
        neighbours=neighbour_defs,
        outline=outline,
        color_by=color_by,
        map_credit=credit,
        clock_slot=clock,
        escalation_slot=escalation,
        layout=lay,
        lo=tuple(v.lo for v in var_defs) + (-(10**9),) * (lay.size - n_vars),
        hi=tuple(v.hi for v in var_defs) + (10**9,) * (lay.size - n_vars),
        initial=tuple(initial),
        by_faction=by_faction,
        action_space=space,
    )
    rules.extra.update(
        scheduled=[e for e in event_defs if e.kind == "scheduled"],
        conditional=[e for e in event_defs if e.kind == "conditional"],
        random=[e for e in event_defs if e.kind == "random"],
        instant=[o for o in outcome_defs if o.instant],
        end=[o for o in outcome_defs if not o.instant],
        private_slots=[v.index for v in var_defs if v.private],
        covert_slots=_covert_slots(action_defs, lay),
        space_by_action=space_by_action,
        action_index={a: i for i, a in enumerate(space)},
        reads=frozenset(c.reads),
        writes=frozenset(c.writes),
    )
    return rules


def _action(c: Compiler, i: int, a: S.Action, loc: Loc) -> R.ActionDef:
    f = c.faction_ref(a.faction, loc, "faction")
    scope = LevelScope(c.sym, a.faction if a.faction in c.sym.factions else None, a.target)
    plain = LevelScope(c.sym, scope.faction)
    costs = []
    for key, amount in a.cost.items():
        if a.faction not in c.sym.factions:
            break
        full = key if "." in key else f"{a.faction}.{key}"
        slot = c.sym.vars.get(full)
        if slot is None:
            from game.content.problems import suggest

            own = [k.split(".", 1)[1] for k in c.sym.vars if k.startswith(a.faction + ".")]
            c.error(
                loc,
                f"cost names unknown resource '{key}' of {a.faction}{suggest(key, own)}",
                "cost",
                key,
            )
            continue
        costs.append((slot, amount))
        c.reads.add(slot)
        c.writes.add(slot)
    requires = []
    for j, req in enumerate(a.requires):
        text, why = (req, "") if isinstance(req, str) else (req.when, req.why)
        fields = ("requires", j) if isinstance(req, str) else ("requires", j, "when")
        test = c.expr(text, plain, loc, *fields)
        requires.append(R.Requirement(test, why or f"Requires {text}."))
    if a.target == "region" and not c.sym.regions:
        c.error(loc, "this action targets a region, but the level has no regions", "target")
    targets = None
    if a.targets is not None:
        if a.target == "none":
            c.error(loc, "'targets' only applies when 'target' is region or faction", "targets")
        else:
            targets = c.expr(a.targets, scope, loc, "targets")
    chance = c.expr(a.chance, scope, loc, "chance") if a.chance is not None else None
    if chance is None and (a.success or a.failure):
        c.error(
            loc,
            "'success'/'failure' effects need a 'chance'",
            "success" if a.success else "failure",
        )
    return R.ActionDef(
        index=i,
        id=a.id,
        faction=f,
        name=a.name,
        description=a.description,
        category=a.category,
        ap=a.ap,
        costs=tuple(costs),
        requires=tuple(requires),
        target_kind=_TARGETS[a.target],
        targets=targets,
        chance=chance,
        effects=c.effects(a.effects, scope, loc, "effects"),
        success=c.effects(a.success, scope, loc, "success"),
        failure=c.effects(a.failure, scope, loc, "failure"),
        once=a.once,
        cooldown=a.cooldown,
        per_round=a.per_round,
        covert=a.covert,
        headline=a.headline,
        chance_source=str(a.chance) if a.chance is not None else "",
    )


def _event(c: Compiler, i: int, e: S.Event, loc: Loc, scope: LevelScope) -> R.EventDef:
    rounds: tuple[int, ...] = ()
    if e.round is not None:
        rounds = tuple(e.round) if isinstance(e.round, list) else (e.round,)
        late = [r for r in rounds if c.meta is not None and r > c.meta[0].rounds]
        if late:
            c.error(
                loc,
                f"round {late[0]} is after the last round ({c.meta[0].rounds if c.meta else '?'})",
                "round",
                severity="warning",
            )
    return R.EventDef(
        index=i,
        id=e.id,
        kind=e.kind,
        name=e.name,
        headline=e.headline,
        description=e.description,
        rounds=rounds,
        when=c.expr(e.when, scope, loc, "when") if e.when else None,
        chance=c.expr(e.chance, scope, loc, "chance") if e.chance is not None else None,
        weight=e.weight,
        once=e.once,
        cooldown=e.cooldown,
        effects=c.effects(e.effects, scope, loc, "effects"),
        historical=e.historical,
        date=e.date,
    )


def _outcomes(c: Compiler, scope: LevelScope) -> list[R.OutcomeDef]:
    out = []
    n_f = len(c.sym.factions)
    for i, (o, loc) in enumerate(c.items["outcomes"]):
        if o.winner == "none":
            winner = R.WINNER_NONE
        elif o.winner == "most_points":
            winner = R.WINNER_MOST_POINTS
        else:
            winner = c.faction_ref(o.winner, loc, "winner")
        points = [0] * n_f
        for fid, p in o.points.items():
            points[c.faction_ref(fid, loc, "points", fid)] = p
        when, reads = c.condition(o.when, scope, loc, "when")
        out.append(
            R.OutcomeDef(
                i,
                o.id,
                o.name,
                o.headline,
                o.description,
                when,
                o.check == "instant",
                winner,
                tuple(points),
                reads,
            )
        )
    return out


def _with_default_end(outcomes: list[R.OutcomeDef], n_f: int) -> list[R.OutcomeDef]:
    return [
        *outcomes,
        R.OutcomeDef(
            len(outcomes),
            "end_of_rounds",
            "Time runs out",
            "The last round ends; victory points decide.",
            "",
            None,
            False,
            R.WINNER_MOST_POINTS,
            (0,) * n_f,
        ),
    ]


def _factions(
    c: Compiler,
    var_defs: list[R.VarDef],
    objectives: list[R.ObjectiveDef],
    outcomes: Sequence[R.OutcomeDef],
) -> tuple[R.FactionDef, ...]:
    defs = []
    default_ap = c.meta[0].action_points if c.meta else 2
    for i, (f, loc) in enumerate(c.items["factions"][: len(c.sym.factions)]):
        scope = LevelScope(c.sym, f.id)
        ap_src: Any = default_ap if f.action_points is None else f.action_points
        ap = c.expr(ap_src, scope, loc, "action_points")
        intel = -1
        if f.intel is not None:
            intel = c.sym.vars.get(f"{f.id}.{f.intel}", -1)
            if intel < 0:
                c.error(loc, f"intel must name one of {f.id}'s resources, not '{f.intel}'", "intel")
            else:
                c.reads.add(intel)
        own = {o.id: o.index for o in objectives if o.faction == i}
        doctrine = []
        for key, weight in f.doctrine.items():
            if key not in own:
                from game.content.problems import suggest

                c.error(
                    loc,
                    f"doctrine names '{key}', which is not an objective of {f.id}"
                    f"{suggest(key, own)}",
                    "doctrine",
                    key,
                )
            else:
                doctrine.append((own[key], weight))
        _check_judge(c, f, loc)
        _check_rollout_knobs(c, f, loc, outcomes)
        resources = tuple(v.index for v in var_defs if v.owner == i)
        defs.append(
            R.FactionDef(
                i,
                f.id,
                f.name,
                f.short,
                f.description,
                f.color,
                f.emblem,
                ap,
                intel,
                f.goal,
                tuple(doctrine),
                resources,
                f.planning.method,
                f.planning.foresight,
                f.planning.judge,
                f.planning.switch_margin,
                f.planning.brink,
            )
        )
    return tuple(defs)


def _check_judge(c: Compiler, f: S.Faction, loc: Loc) -> None:
    """A learned judge needs rollout planning and the level's trained value model."""
    from game.content.value_file import VALUE_FILE

    if f.planning.judge != "learned" or not c.source.value_model:
        return
    if f.planning.method != "rollout":
        c.error(
            loc,
            "judge: learned is used by rollout planning only; set method: rollout or remove judge",
            "planning",
            "judge",
            severity="warning",
        )
    if not (c.source.folder / VALUE_FILE).is_file():
        level = c.source.folder.name
        c.error(
            loc,
            f"judge: learned needs the level's trained value model ({VALUE_FILE}), which is "
            f"missing; make it with `python main.py train-ai {level}` or set judge: static",
            "planning",
            "judge",
        )


def _check_rollout_knobs(
    c: Compiler, f: S.Faction, loc: Loc, outcomes: Sequence[R.OutcomeDef]
) -> None:
    """`switch_margin` and `brink` need rollout planning; a brink, a shared defeat."""
    plan = f.planning
    if plan.method != "rollout":
        for key in sorted({"switch_margin", "brink"} & plan.model_fields_set):
            c.error(
                loc,
                f"{key} is used by rollout planning only; set method: rollout or remove {key}",
                "planning",
                key,
                severity="warning",
            )
    elif plan.brink and not any(
        o.winner == R.WINNER_NONE and o.instant and o.when is not None for o in outcomes
    ):
        c.error(
            loc,
            "brink has no effect: no outcome with winner: none can end the game mid-play; "
            "remove brink or add such an outcome",
            "planning",
            "brink",
            severity="warning",
        )


def _order(c: Compiler, meta: S.LevelMeta, loc: Loc) -> tuple[int, ...]:
    if not meta.order:
        return tuple(range(len(c.sym.factions)))
    order = [c.faction_ref(f, loc, "order", j) for j, f in enumerate(meta.order)]
    missing = [f for f in c.sym.factions if f not in meta.order]
    if missing or len(set(order)) != len(order):
        c.error(
            loc,
            f"order must list every faction exactly once (missing: {', '.join(missing) or 'none'})",
            "order",
        )
    return tuple(order)


def _track_slot(c: Compiler, track: str | None, loc: Loc, field: str) -> int:
    if track is None:
        return -1
    slot = c.sym.vars.get(track, -1)
    if slot < 0:
        from game.content.problems import suggest

        c.error(loc, f"'{field}' names unknown track '{track}'{suggest(track, c.sym.vars)}", field)
    return slot


def _map(
    c: Compiler, regions: dict[str, Any]
) -> tuple[tuple[R.RegionDef, ...], tuple[R.NeighbourDef, ...]]:
    from game.content.problems import suggest

    region_defs = []
    for i, (rid, (r, loc)) in enumerate(regions.items()):
        adjacent = []
        for j, other in enumerate(r.adjacent):
            if other not in c.sym.regions:
                c.error(
                    loc,
                    f"unknown region '{other}' in adjacent{suggest(other, c.sym.regions)}",
                    "adjacent",
                    j,
                )
            else:
                adjacent.append(c.sym.regions[other])
                back = regions[other][0].adjacent
                if rid not in back:
                    c.error(
                        loc,
                        f"'{rid}' lists '{other}' as adjacent but not the reverse; "
                        f"add '{rid}' to {other}.adjacent",
                        "adjacent",
                        j,
                        severity="warning",
                    )
        sites = tuple(
            R.SiteDef(s.id, s.name, s.description, _pt(s.position) if s.position else None)
            for s in r.sites
        )
        region_defs.append(
            R.RegionDef(
                i,
                rid,
                r.name,
                r.description,
                _pt(r.position),
                tuple(_pt(p) for p in r.shape),
                tuple(adjacent),
                sites,
            )
        )
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
                _pt(n.position),
                tuple(tuple(_pt(p) for p in poly) for poly in n.shape),
                slot,
            )
        )
    return tuple(region_defs), tuple(neighbour_defs)


def _action_space(
    actions: list[R.ActionDef], n_f: int, n_r: int
) -> tuple[tuple[R.Action, ...], list[tuple[R.Action, ...]]]:
    space = [R.PASS]
    by_action = []
    for a in actions:
        if a.target_kind == R.NO_TARGET:
            moves: tuple[R.Action, ...] = (R.Action(a.index, -1),)
        else:
            count = n_f if a.target_kind == R.FACTION_TARGET else n_r
            moves = tuple(R.Action(a.index, t) for t in range(count))
        by_action.append(moves)
        space.extend(moves)
    return tuple(space), by_action


def _pt(p: list[float]) -> tuple[float, float]:
    return (float(p[0]), float(p[1]))


def _covert_slots(actions: list[R.ActionDef], lay: R.Layout) -> list[tuple[int, int, int]]:
    """(slot, owner, cap) of the counters of covert actions; cap 0 marks 'last round used'."""
    slots = []
    for a in actions:
        if a.covert:
            per_round = a.per_round or 20
            slots.append((lay.used + a.index, a.faction, per_round))
            slots.append((lay.last + a.index, a.faction, 0))
            slots.append((lay.this_round + a.index, a.faction, per_round))
    return slots


def _tie_break(c: Compiler, meta: S.LevelMeta, loc: Loc) -> tuple[int, ...]:
    """The level's tie-break: 'most_objectives' and faction ids, each at most once."""
    out: list[int] = []
    for j, item in enumerate(meta.tie_break):
        if item == "most_objectives":
            code = R.TIE_OBJECTIVES
        elif item in c.sym.factions:
            code = c.sym.factions[item]
        else:
            options = ", ".join(["most_objectives", *c.sym.factions])
            c.error(loc, f"unknown tie-break '{item}'; use one of: {options}", "tie_break", j)
            continue
        if code in out:
            c.error(loc, f"'{item}' is listed twice in tie_break", "tie_break", j)
            continue
        out.append(code)
    return tuple(out)
