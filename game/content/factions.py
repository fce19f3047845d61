"""Compile the factions: action points, intel, doctrine and AI planning, and the turn order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from game.content import schema as S
from game.content.compiler import Compiler, Loc
from game.content.problems import suggest
from game.content.scope import LevelScope
from game.content.value_file import VALUE_FILE
from game.engine import ruleset as R


def compile_factions(
    c: Compiler,
    var_defs: list[R.VarDef],
    objectives: list[R.ObjectiveDef],
    outcomes: Sequence[R.OutcomeDef],
) -> tuple[R.FactionDef, ...]:
    """Every faction: action points, intel, doctrine, planning (with their checks)."""
    defs = []
    default_ap = c.meta[0].action_points if c.meta else 2
    for i, (f, loc) in enumerate(c.items["factions"][: len(c.sym.factions)]):
        scope = LevelScope(c.sym, f.id)
        ap_src: Any = default_ap if f.action_points is None else f.action_points
        ap = c.expr(ap_src, scope, loc, "action_points")
        intel = -1
        if f.intel is not None:
            intel = c.sym.vars.get(f"{f.id}.{f.intel}", -1)
            if intel < 0 and not c.follows_broken([f.intel], loc, "unknown intel", "intel"):
                c.error(loc, f"intel must name one of {f.id}'s resources, not '{f.intel}'", "intel")
            else:
                c.reads.add(intel)
        doctrine = _doctrine(c, f, loc, {o.id: o.index for o in objectives if o.faction == i})
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
                f.action_points_text,
            )
        )
        if isinstance(f.action_points, str) and not f.action_points_text:
            c.error(
                loc,
                f"{f.id}'s action points are a formula ('{f.action_points}'), but nothing tells "
                "the player what changes them: add action_points_text, e.g. '1 a week; +1 "
                "once …'",
                "action_points",
                severity="warning",
            )
    return tuple(defs)


def _doctrine(c: Compiler, f: S.Faction, loc: Loc, own: dict[str, int]) -> list[tuple[int, float]]:
    """(objective index, weight) of a faction's doctrine, reporting foreign objectives."""
    doctrine = []
    for key, weight in f.doctrine.items():
        if key not in own and c.follows_broken([key], loc, "unknown objective", "doctrine"):
            continue
        if key not in own:
            c.error(
                loc,
                f"doctrine names '{key}', which is not an objective of {f.id}{suggest(key, own)}",
                "doctrine",
                key,
            )
        else:
            doctrine.append((own[key], weight))
    return doctrine


def _check_judge(c: Compiler, f: S.Faction, loc: Loc) -> None:
    """A learned judge needs rollout planning and the level's trained value model."""
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


def compile_order(c: Compiler, meta: S.LevelMeta, loc: Loc) -> tuple[int, ...]:
    """The faction order (level order when not given), reporting missing factions."""
    if not meta.order:
        return tuple(range(len(c.sym.factions)))
    order = [c.faction_ref(f, loc, "order", j) for j, f in enumerate(meta.order)]
    if c.follows_broken(meta.order, loc, "order lists a faction that failed", "order"):
        return tuple(range(len(c.sym.factions)))
    missing = [f for f in c.sym.factions if f not in meta.order]
    if missing or len(set(order)) != len(order):
        c.error(
            loc,
            f"order must list every faction exactly once (missing: {', '.join(missing) or 'none'})",
            "order",
        )
    return tuple(order)
