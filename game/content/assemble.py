"""Second half of compiling a level: everything that refers to the declared variables,
put together into the one `Ruleset` (with the state layout and the move space)."""

from __future__ import annotations

from typing import Any, NamedTuple

from game.content import schema as S
from game.content.compiler import Compiler, Loc
from game.content.deal_slots import action_count
from game.content.deals import compile_deals
from game.content.expr_ops import slot_test
from game.content.factions import compile_factions, compile_order
from game.content.geography import (
    Outline,
    compile_map_display,
    compile_neighbours,
    compile_regions,
    map_projection,
)
from game.content.items import (
    compile_action,
    compile_event,
    compile_objectives,
    compile_outcomes,
    compile_upkeep,
    with_default_end,
)
from game.content.problems import suggest
from game.content.scope import LevelScope
from game.engine import deal_defs as D
from game.engine import ruleset as R
from game.engine.effects import quiet_upkeep
from game.engine.scoring import objectives_by_scoring

_OWN_TURN = (D.NOT_A_DEAL, D.PROPOSE)  # roles of actions taken on one's own turn


class _Parts(NamedTuple):
    """The compiled sections of a level, before they are put into one Ruleset."""

    actions: list[R.ActionDef]
    events: list[R.EventDef]
    upkeep: list[R.UpkeepDef]
    objectives: list[R.ObjectiveDef]
    outcomes: list[R.OutcomeDef]
    factions: tuple[R.FactionDef, ...]
    order: tuple[int, ...]
    regions: tuple[R.RegionDef, ...]
    neighbours: tuple[R.NeighbourDef, ...]
    outline: Outline
    credit: str
    color_by: int
    clock: int
    escalation: int
    chance: R.Fn
    deals: tuple[R.DealDef, ...]
    pending: R.PendingSlots
    own_upkeep: int  # how many of `upkeep` are the level's own (the deals' follow)


def _compile_parts(
    c: Compiler,
    meta: S.LevelMeta,
    meta_loc: Loc,
    var_defs: list[R.VarDef],
    regions: dict[str, Any],
    lay: R.Layout,
) -> _Parts:
    """Compile every section in a fixed order (so problems are reported in that order)."""
    scope = LevelScope(c.sym)
    actions = [compile_action(c, i, a, loc) for i, (a, loc) in enumerate(c.items["actions"])]
    events = [compile_event(c, i, e, loc, scope) for i, (e, loc) in enumerate(c.items["events"])]
    upkeep = compile_upkeep(c, scope)
    own_upkeep = len(upkeep)
    dealt = compile_deals(c, actions, own_upkeep, lay)
    actions = dealt.actions
    upkeep += dealt.upkeep
    objectives = compile_objectives(c)
    outcomes = compile_outcomes(c, scope)
    factions = compile_factions(c, var_defs, objectives, outcomes)
    order = compile_order(c, meta, meta_loc)
    region_defs = compile_regions(c, regions)
    neighbours = compile_neighbours(c)
    outline, credit, color_by = compile_map_display(c)
    return _Parts(
        actions,
        events,
        upkeep,
        objectives,
        outcomes,
        factions,
        order,
        region_defs,
        neighbours,
        outline,
        credit,
        color_by,
        _track_slot(c, meta.clock, meta_loc, "clock"),
        _gauge_slot(c, meta, meta_loc),
        c.chance(meta.random_event_chance, scope, meta_loc, "random_event_chance"),
        dealt.deals,
        dealt.pending,
        own_upkeep,
    )


def assemble_ruleset(
    c: Compiler, meta: S.LevelMeta, meta_loc: Loc, var_defs: list[R.VarDef], regions: dict[str, Any]
) -> R.Ruleset | None:
    """Compile everything that refers to the declared variables and build the Ruleset;
    None if any error was reported (every problem is on the compiler)."""
    lay = _layout(c, len(var_defs))
    p = _compile_parts(c, meta, meta_loc, var_defs, regions, lay)
    tie_break = _tie_break(c, meta, meta_loc)
    if any(problem.severity == "error" for problem in c.problems):
        return None
    n_f, n_a, n_e = len(p.factions), len(p.actions), len(p.events)
    initial = [v.initial for v in var_defs] + [0] * n_a + [-1000] * n_a + [0] * n_a
    initial += [0] * n_e + [-1000] * n_e + [0] * n_f + [0] * len(p.objectives)
    space, space_by_action = _action_space(p.actions, n_f, len(p.regions))
    index_of = {a: i for i, a in enumerate(space)}
    outcome_defs = with_default_end(p.outcomes, n_f)
    n_vars = len(var_defs)
    return R.Ruleset(
        level_id=meta.id,
        name=meta.name,
        description=meta.description,
        intro=meta.intro,
        fingerprint=c.source.fingerprint,
        rules_fingerprint=c.source.rules_fingerprint,
        news=tuple(c.news),
        tie_break=tie_break,
        deals=p.deals,
        pending=p.pending,
        rounds=meta.rounds,
        start_date=meta.start_date,
        days_per_round=meta.days_per_round,
        round_name=meta.round_name,
        random_events_per_round=meta.random_events_per_round,
        random_event_chance=p.chance,
        factions=p.factions,
        order=p.order,
        vars=tuple(var_defs),
        actions=tuple(p.actions),
        events=tuple(p.events),
        upkeep=tuple(p.upkeep),
        own_upkeep=tuple(p.upkeep[: p.own_upkeep]),
        objectives=tuple(p.objectives),
        outcomes=tuple(outcome_defs),
        regions=p.regions,
        neighbours=p.neighbours,
        outline=p.outline,
        color_by=p.color_by,
        map_credit=p.credit,
        projection=map_projection(c),
        danger_color=meta.danger_color or "",
        clock_slot=p.clock,
        escalation_slot=p.escalation,
        layout=lay,
        lo=tuple(v.lo for v in var_defs) + (-(10**9),) * (lay.size - n_vars),
        hi=tuple(v.hi for v in var_defs) + (10**9,) * (lay.size - n_vars),
        initial=tuple(initial),
        by_faction=tuple(
            tuple(a for a in p.actions if a.faction == f and a.deal_role in _OWN_TURN)
            for f in range(n_f)
        ),
        plain_by_faction=tuple(
            tuple(a for a in p.actions if a.faction == f and a.deal < 0) for f in range(n_f)
        ),
        offers_by_faction=tuple(tuple(d for d in p.deals if d.proposer == f) for f in range(n_f)),
        offer_gates=tuple(
            tuple(
                _offer_gate(d, lay, space_by_action, index_of) for d in p.deals if d.proposer == f
            )
            for f in range(n_f)
        ),
        action_space=space,
        space_by_action=space_by_action,
        index_by_action=tuple(tuple(index_of[m] for m in moves) for moves in space_by_action),
        action_index=index_of,
        scheduled=tuple(e for e in p.events if e.kind == "scheduled"),
        scheduled_by_round=tuple(
            tuple(e for e in p.events if e.kind == "scheduled" and r in e.rounds)
            for r in range(meta.rounds + 1)
        ),
        conditional=tuple(e for e in p.events if e.kind == "conditional"),
        random_events=tuple(e for e in p.events if e.kind == "random"),
        instant=tuple(o for o in outcome_defs if o.instant),
        instant_tests=tuple(slot_test(o.when) for o in outcome_defs if o.instant),
        upkeep_tests=tuple(slot_test(u.when) for u in p.upkeep),
        event_tests=tuple(slot_test(e.when) for e in p.events),
        objective_tests=tuple(slot_test(o.when) for o in p.objectives),
        objectives_by_scoring=objectives_by_scoring(tuple(p.objectives)),
        quiet_upkeep=quiet_upkeep(p.upkeep, [o for o in outcome_defs if o.instant]),
        end=tuple(o for o in outcome_defs if not o.instant),
        private_slots=tuple(v.index for v in var_defs if v.private),
        covert_slots=_covert_slots(p.actions, lay),
        reads=frozenset(c.reads),
        writes=frozenset(c.writes),
    )


def _offer_gate(
    d: R.DealDef,
    lay: R.Layout,
    space: tuple[tuple[R.Action, ...], ...],
    index_of: dict[R.Action, int],
) -> R.OfferGate:
    """The deal's offer checks in the flat form `legal_actions` reads."""
    options = tuple(
        (lay.this_round + i, d.option_checks[k], space[i][0], index_of[space[i][0]])
        for k, i in enumerate(d.propose)
    )
    return (d.ap, d.status_slot, d.round_slot, d.cooldown, d.once, d.shared_checks, options)


def _layout(c: Compiler, n_vars: int) -> R.Layout:
    """Where the counters start in `State.v` (after the declared variables); also gives
    the symbols the slots of `actions.<id>`, `events.<id>` and `score.<faction>`."""
    sym = c.sym
    actions, events = c.items["actions"], c.items["events"]
    n_f, n_e, n_o = len(sym.factions), len(events), len(c.items["objectives"])
    n_a = len(actions) + action_count(c)
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
    return lay


def _track_slot(c: Compiler, track: str | None, loc: Loc, field: str) -> int:
    if track is None:
        return -1
    slot = c.sym.vars.get(track, -1)
    if slot < 0 and not c.follows_broken([track], loc, "unknown track", field):
        c.error(loc, f"'{field}' names unknown track '{track}'{suggest(track, c.sym.vars)}", field)
    return slot


def _gauge_slot(c: Compiler, meta: S.LevelMeta, loc: Loc) -> int:
    """The danger gauge's track slot: `danger_gauge`, or its old name `escalation` (read,
    with a deprecation warning; both at once is an error)."""
    if meta.escalation is None:
        return _track_slot(c, meta.danger_gauge, loc, "danger_gauge")
    if meta.danger_gauge is not None:
        c.error(
            loc,
            "level: 'escalation' and 'danger_gauge' are the same setting (escalation is its "
            "old name); keep only 'danger_gauge'",
            "escalation",
        )
        return _track_slot(c, meta.danger_gauge, loc, "danger_gauge")
    c.error(
        loc,
        f"level: 'escalation' is the old name of 'danger_gauge'; it still works, but write "
        f"'danger_gauge: {meta.escalation}' instead",
        "escalation",
        severity="warning",
    )
    return _track_slot(c, meta.escalation, loc, "escalation")


def _action_space(
    actions: list[R.ActionDef], n_f: int, n_r: int
) -> tuple[tuple[R.Action, ...], tuple[tuple[R.Action, ...], ...]]:
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
    return tuple(space), tuple(by_action)


def _covert_slots(actions: list[R.ActionDef], lay: R.Layout) -> tuple[tuple[int, int, int], ...]:
    """(slot, owner, cap) of the counters of covert actions; cap 0 marks 'last round used'."""
    slots = []
    for a in actions:
        if a.covert:
            per_round = a.per_round or 20
            slots.append((lay.used + a.index, a.faction, per_round))
            slots.append((lay.last + a.index, a.faction, 0))
            slots.append((lay.this_round + a.index, a.faction, per_round))
    return tuple(slots)


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
