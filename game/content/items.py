"""Compile the items that act on the declared variables: actions, events, upkeep rules,
objectives and outcomes."""

from __future__ import annotations

from game.content import schema as S
from game.content.compiler import Compiler, Loc
from game.content.nodes import constant_of
from game.content.points import bonus_points
from game.content.prices import priced_fields
from game.content.problems import suggest
from game.content.scope import LevelScope
from game.engine import ruleset as R

_TARGETS = {"none": R.NO_TARGET, "region": R.REGION_TARGET, "faction": R.FACTION_TARGET}


def compile_action(c: Compiler, i: int, a: S.Action, loc: Loc) -> R.ActionDef:
    """One action: its costs, requirements, targets, chance and effects."""
    f = c.faction_ref(a.faction, loc, "faction")
    scope = LevelScope(c.sym, a.faction if a.faction in c.sym.factions else None, a.target)
    plain = LevelScope(c.sym, scope.faction)
    costs = _costs(c, a, loc)
    requires = _requires(c, a, plain, loc)
    if a.target == "region" and not c.sym.regions:
        c.error(loc, "this action targets a region, but the level has no regions", "target")
    targets = None
    if a.targets is not None:
        if a.target == "none":
            c.error(loc, "'targets' only applies when 'target' is region or faction", "targets")
        else:
            targets = c.expr(a.targets, scope, loc, "targets")
    chance = c.chance(a.chance, scope, loc, "chance") if a.chance is not None else None
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
        success_text=a.success_text.strip().rstrip("."),
        failure_text=a.failure_text.strip().rstrip("."),
        **priced_fields(c, a, costs, loc),
    )


def _costs(c: Compiler, a: S.Action, loc: Loc) -> list[tuple[int, int | str, str]]:
    """(slot, amount or formula, key) of each cost of an action, reporting unknown
    resources."""
    costs: list[tuple[int, int | str, str]] = []
    for key, amount in a.cost.items():
        if a.faction not in c.sym.factions:
            break
        full = key if "." in key else f"{a.faction}.{key}"
        slot = c.sym.vars.get(full)
        if slot is None and c.follows_broken(full.split("."), loc, "unknown cost", "cost", key):
            continue
        if slot is None:
            own = [k.split(".", 1)[1] for k in c.sym.vars if k.startswith(a.faction + ".")]
            c.error(
                loc,
                f"cost names unknown resource '{key}' of {a.faction}{suggest(key, own)}",
                "cost",
                key,
            )
            continue
        costs.append((slot, amount, key))
        c.reads.add(slot)
        c.writes.add(slot)
    return costs


def _requires(c: Compiler, a: S.Action, plain: LevelScope, loc: Loc) -> list[R.Requirement]:
    """The compiled requirements of an action, each with the sentence shown when it fails."""
    requires = []
    for j, req in enumerate(a.requires):
        text, why = (req, "") if isinstance(req, str) else (req.when, req.why)
        fields = ("requires", j) if isinstance(req, str) else ("requires", j, "when")
        test = c.expr(text, plain, loc, *fields)
        requires.append(R.Requirement(test, why or f"Requires {text}."))
    return requires


def compile_event(c: Compiler, i: int, e: S.Event, loc: Loc, scope: LevelScope) -> R.EventDef:
    """One event (a warning for scheduled rounds after the last one)."""
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
        chance=c.chance(e.chance, scope, loc, "chance") if e.chance is not None else None,
        weight=e.weight,
        once=e.once,
        cooldown=e.cooldown,
        effects=c.effects(e.effects, scope, loc, "effects"),
        historical=e.historical,
        date=e.date,
    )


def compile_upkeep(c: Compiler, scope: LevelScope) -> list[R.UpkeepDef]:
    """Every upkeep rule, in level order."""
    return [
        R.UpkeepDef(
            i,
            u.id,
            u.name,
            u.description,
            c.expr(u.when, scope, loc, "when") if u.when else None,
            c.effects(u.effects, scope, loc, "effects"),
        )
        for i, (u, loc) in enumerate(c.items["upkeep"])
    ]


def compile_objectives(c: Compiler) -> list[R.ObjectiveDef]:
    """Every objective, its condition compiled in its faction's scope."""
    objective_defs = []
    for i, (o, loc) in enumerate(c.items["objectives"]):
        f = c.faction_ref(o.faction, loc, "faction")
        scope = LevelScope(c.sym, o.faction)
        when, reads = c.condition(o.when, scope, loc, "when")
        value, source = None, ""
        points = o.points if isinstance(o.points, int) else 0
        if isinstance(o.points, str):
            value, source = c.expr(o.points, scope, loc, "points"), o.points
            is_const, constant = constant_of(value)
            if is_const:  # a formula of constants ('2 * 3') is a fixed number
                value, source, points = None, "", R.whole_points(constant)
        objective_defs.append(
            R.ObjectiveDef(
                i,
                o.id,
                f,
                o.name,
                o.description,
                when,
                points,
                o.scoring,
                reads,
                value,
                source=source,
            )
        )
    return objective_defs


def compile_outcomes(c: Compiler, scope: LevelScope) -> list[R.OutcomeDef]:
    """Every outcome of the level, in level order."""
    out = []
    n_f = len(c.sym.factions)
    for i, (o, loc) in enumerate(c.items["outcomes"]):
        if o.winner == "none":
            winner = R.WINNER_NONE
        elif o.winner == "most_points":
            winner = R.WINNER_MOST_POINTS
        else:
            winner = c.faction_ref(o.winner, loc, "winner")
        points, values, sources = bonus_points(c, o.points, n_f, loc)
        if o.when is None:  # reached only by an effect: never by a condition
            when, reads = c.condition("false", scope, loc, "when")
        else:
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
                points,
                reads,
                values=values,
                sources=sources,
            )
        )
    return out


def with_default_end(outcomes: list[R.OutcomeDef], n_f: int) -> list[R.OutcomeDef]:
    """The outcomes followed by the one every level has: time runs out, points decide."""
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
