"""Compile a level's lesson steps against its compiled rules: every name they use must exist
(an action of the learner, a region, a deal, a track, a panel), each problem located at the
field with a did-you-mean."""

from __future__ import annotations

from dataclasses import replace

from game.content import schema as S
from game.content.compiler import Compiler, Loc
from game.content.problems import suggest
from game.engine import lesson_defs as L
from game.engine import ruleset as R
from game.engine.deal_defs import NOT_A_DEAL


def with_lessons(c: Compiler, rules: R.Ruleset) -> R.Ruleset:
    """The ruleset with its lessons compiled; problems go to the compiler (the steps with
    one are left out)."""
    lessons: list[L.LessonDef] = []
    last_round = 1
    for lesson, loc in c.items["lessons"]:
        step = _lesson(c, rules, lesson, loc, last_round)
        if step is not None:
            lessons.append(step)
            last_round = step.round
        elif lesson.round is not None:  # a bad step still sets the round of those after it
            last_round = max(last_round, min(lesson.round, rules.rounds))
    ids = [lesson.id for lesson, _ in c.items["lessons"]]
    for n, (lesson, loc) in enumerate(c.items["lessons"]):
        if lesson.id in ids[:n]:
            c.error(loc, f"duplicate lesson id '{lesson.id}'; ids must be unique", "id")
    return replace(rules, lessons=tuple(lessons)) if lessons else rules


def _lesson(
    c: Compiler, rules: R.Ruleset, lesson: S.Lesson, loc: Loc, last_round: int
) -> L.LessonDef | None:
    before = len(c.problems)
    factions = [f.id for f in rules.factions]
    faction = factions.index(lesson.faction) if lesson.faction in factions else -1
    if faction < 0:
        hint = suggest(lesson.faction, factions)
        c.error(
            loc, f"{c.label(loc, 'faction')}: unknown faction '{lesson.faction}'{hint}", "faction"
        )
    round_no = lesson.round if lesson.round is not None else min(last_round, rules.rounds)
    if round_no > rules.rounds:
        c.error(
            loc,
            f"{c.label(loc, 'round')}: round {round_no} is after the last round ({rules.rounds})",
            "round",
        )
    elif round_no < last_round:
        c.error(
            loc,
            f"{c.label(loc, 'round')}: round {round_no} comes before the previous step's round "
            f"{last_round}; list the steps in the order they are played",
            "round",
        )
    point, point_ref = _resolve(c, rules, loc, "point_at", lesson.point_at, faction)
    wait, wait_ref = _resolve(c, rules, loc, "wait_for", lesson.wait_for, faction)
    if len(c.problems) > before:
        return None
    return L.LessonDef(
        lesson.id,
        faction,
        round_no,
        lesson.title,
        lesson.text,
        point,
        point_ref,
        wait,
        wait_ref,
    )


def _resolve(
    c: Compiler, rules: R.Ruleset, loc: Loc, field: str, value: str, faction: int
) -> tuple[str, int]:
    """(kind, index) of a `kind` or `kind:id` reference; reports what is unknown."""
    kind, _, ident = value.partition(":")
    plain, with_id = (
        (L.PLAIN_POINTS, L.REF_POINTS) if field == "point_at" else (L.PLAIN_WAITS, L.REF_WAITS)
    )
    where = c.label(loc, field)
    if kind not in plain + with_id:
        known = ", ".join([*plain, *(f"{k}:<id>" for k in with_id)])
        c.error(
            loc,
            f"{where}: unknown {field} '{kind}'{suggest(kind, plain + with_id)}; "
            f"use one of: {known}",
            field,
        )
        return kind, -1
    if kind in plain:
        if ident:
            c.error(loc, f"{where}: '{kind}' takes no id; write just '{kind}'", field)
        return kind, -1
    if not ident:
        c.error(loc, f"{where}: '{kind}' needs an id, e.g. '{kind}:{_example(rules, kind)}'", field)
        return kind, -1
    names = _names(rules, kind, faction)
    if ident in names:
        return kind, names[ident]
    what = _WHAT[kind]
    if kind in ("action", "select") and faction >= 0:
        owner = _owner(rules, ident)
        if owner is not None and owner != faction:
            c.error(
                loc,
                f"{where}: action '{ident}' belongs to {rules.factions[owner].name}, not to the "
                f"learner ({rules.factions[faction].name})",
                field,
            )
            return kind, -1
    c.error(loc, f"{where}: unknown {what} '{ident}'{suggest(ident, names)}", field)
    return kind, -1


_WHAT = {
    "action": "action",
    "select": "action",
    "region": "region",
    "target": "region",
    "deal": "deal",
    "offer": "deal",
    "answer": "deal",
    "track": "track",
    "open": "panel (objectives or log)",
    "close": "panel (objectives or log)",
}


def _names(rules: R.Ruleset, kind: str, faction: int) -> dict[str, int]:
    """The ids a reference of this kind may name, with the index each stands for."""
    if kind in ("action", "select"):
        return {
            a.id: a.index
            for a in rules.actions
            if a.deal_role == NOT_A_DEAL and a.faction == faction
        }
    if kind in ("region", "target"):
        return {r.id: i for i, r in enumerate(rules.regions)}
    if kind in ("deal", "offer", "answer"):
        return {d.id: d.index for d in rules.deals}
    if kind == "track":
        return {v.key: v.index for v in rules.vars if v.kind == R.TRACK}
    return {p: i for i, p in enumerate(L.PANELS)}


def _owner(rules: R.Ruleset, action_id: str) -> int | None:
    for a in rules.actions:
        if a.id == action_id:
            return a.faction
    return None


def _example(rules: R.Ruleset, kind: str) -> str:
    names = _names(rules, kind, -1) if kind not in ("action", "select") else {}
    if kind in ("action", "select"):
        names = {a.id: a.index for a in rules.actions if a.deal_role == NOT_A_DEAL}
    return next(iter(names), "name")
