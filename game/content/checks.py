"""Meaning checks: warnings about rules that cannot matter, found by interval analysis.

Every value's reachable range is over-approximated (`game.content.ranges`) and
conditions are evaluated over those ranges. A warning is given only when a condition can *never* be
true for any reachable values, so the checks raise no false alarms (they can miss
problems that depend on the order of events).

Reported (severity "warning", located at the item):
- events that can never fire (condition never true, chance 0, triggered by nothing,
  random events when the level draws none);
- actions that can never be legal (action points or costs above what is possible,
  a requirement or the target condition never true);
- objectives and outcomes that can never be met;
- events that can fire themselves again through a chain of `{event: ...}` effects;
- values nothing reads or writes.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from game.content.compiler import Compiler, Loc
from game.content.narrowing import narrowed
from game.content.ranges import INF, Box, RangeEvaluator, Ranges, at_most_zero, never
from game.content.scope import LevelScope
from game.engine import ruleset as R
from game.engine.effects import MAX_CHAIN, effect_lists, effect_nodes


def _fired_by_effects(rules: R.Ruleset) -> tuple[set[int], set[int]]:
    """(event indices, outcome indices) some effect fires or ends the game with."""
    events: set[int] = set()
    outcomes: set[int] = set()
    for nodes, _ in effect_lists(rules):
        for eff in effect_nodes(nodes):
            if eff.kind == R.FIRE:
                events.add(eff.ref)
            elif eff.kind == R.END:
                outcomes.add(eff.ref)
    return events, outcomes


def _loop_from(start: int, fires: list[list[int]]) -> tuple[int, ...] | None:
    """The shortest chain of events from `start` that fires `start` again, or None."""
    paths: dict[int, tuple[int, ...]] = {start: (start,)}
    frontier = [start]
    while frontier:
        nxt = []
        for node in frontier:
            for j in fires[node]:
                if j == start:
                    return paths[node]
                if j not in paths:
                    paths[j] = (*paths[node], j)
                    nxt.append(j)
        frontier = nxt
    return None


class MeaningChecks:
    """Runs every check for one compiled level and records warnings on the compiler."""

    def __init__(self, compiler: Compiler, rules: R.Ruleset) -> None:
        self.c = compiler
        self.rules = rules
        self.ranges = Ranges(rules)
        self.all_rounds: Box = (1.0, float(rules.rounds))

    def warn(self, loc: Loc, message: str, *fields: Any) -> None:
        self.c.error(loc, message, *fields, severity="warning")

    def evaluator(
        self, faction: str | None = None, target: str = "none", rounds: Box | None = None
    ) -> RangeEvaluator:
        n = {"none": 1, "region": len(self.rules.regions), "faction": len(self.rules.factions)}
        scope = LevelScope(self.c.sym, faction, target)
        return RangeEvaluator(self.ranges, scope, rounds or self.all_rounds, n[target])

    def run(self) -> None:
        self.events()
        self.chains()
        self.actions()
        self.victory()
        self.unused_values()
        self.chances()

    def items(self, section: str) -> Iterator[tuple[int, Any, Loc]]:
        for i, (item, loc) in enumerate(self.c.items[section]):
            yield i, item, loc

    # -- events ---------------------------------------------------------------
    def events(self) -> None:
        rules = self.rules
        triggered, _ = _fired_by_effects(rules)
        no_random = rules.random_events_per_round == 0 or at_most_zero(
            self.evaluator().of(self._meta_chance())
        )
        for i, e, loc in self.items("events"):
            name = f"event '{e.id}' can never fire"
            if i in triggered:
                continue
            rounds = self.all_rounds
            if e.kind == "scheduled":
                valid = [r for r in rules.events[i].rounds if r <= rules.rounds]
                if not valid:
                    continue  # the compiler already warns about rounds after the last one
                rounds = (float(min(valid)), float(max(valid)))
            if e.kind == "triggered":
                self.warn(
                    loc,
                    f"{name}: it is 'triggered' but no effect fires it "
                    f"(add {{event: {e.id}}} to an effect)",
                    "id",
                )
                continue
            if e.kind == "random" and no_random:
                self.warn(
                    loc,
                    f"{name}: the level draws no random events "
                    "(random_events_per_round or random_event_chance is 0)",
                    "id",
                )
                continue
            ev = self.evaluator(rounds=rounds)
            if e.when is not None and never(ev.of(e.when)):
                self.warn(
                    loc,
                    f"{name}: its condition '{e.when}' is never true given the "
                    "values' bounds and what the rules can change",
                    "when",
                )
            elif e.kind == "conditional" and e.chance is not None and at_most_zero(ev.of(e.chance)):
                self.warn(loc, f"{name}: its chance is never above 0", "chance")

    def chains(self) -> None:
        """An event that can fire itself again through `{event: ...}` effects loops until
        the chain limit; report each such loop once, at its first event."""
        fires = [
            sorted({n.ref for n in effect_nodes(e.effects) if n.kind == R.FIRE})
            for e in self.rules.events
        ]
        reported: set[int] = set()
        for i, e, loc in self.items("events"):
            loop = _loop_from(i, fires)
            if loop is None or reported & set(loop):
                continue
            reported.update(loop)
            path = " → ".join(self.rules.events[j].id for j in (*loop, i))
            self.warn(
                loc,
                f"event '{e.id}' can fire itself again through a chain ({path}); the chain "
                f"stops after {MAX_CHAIN} events — break the loop or make one link conditional",
                "id",
            )

    def _meta_chance(self) -> str | float:
        meta = self.c.meta
        return meta[0].random_event_chance if meta is not None else 1.0

    # -- actions --------------------------------------------------------------
    def actions(self) -> None:
        rules = self.rules
        max_ap = [self._max_ap(i) for i in range(len(rules.factions))]
        for i, a, loc in self.items("actions"):
            d = rules.actions[i]
            name = f"action '{a.id}' can never be legal"
            if d.ap > max_ap[d.faction]:
                self.warn(
                    loc,
                    f"{name}: it needs {d.ap} action points but "
                    f"{a.faction} never has more than {max_ap[d.faction]:g}",
                    "ap",
                )
                continue
            blocked = False
            for slot, amount in d.costs:
                top = self.ranges.box[slot][1]
                if amount > top:
                    var = rules.vars[slot]
                    self.warn(
                        loc,
                        f"{name}: it costs {amount} {var.name} but {var.key} never exceeds {top:g}",
                        "cost",
                    )
                    blocked = True
                    break
            if blocked:
                continue
            plain = self.evaluator(a.faction)
            for j, req in enumerate(a.requires):
                text = req if isinstance(req, str) else req.when
                if never(plain.of(text)):
                    fields = ("requires", j) if isinstance(req, str) else ("requires", j, "when")
                    self.warn(
                        loc,
                        f"{name}: its requirement '{text}' is never true given the "
                        "values' bounds and what the rules can change",
                        *fields,
                    )
                    blocked = True
                    break
            if blocked or a.targets is None:
                continue
            if never(self.evaluator(a.faction, a.target).of(a.targets)):
                self.warn(loc, f"{name}: no target can ever satisfy '{a.targets}'", "targets")

    def _max_ap(self, faction: int) -> float:
        f, _ = self.c.items["factions"][faction]
        meta = self.c.meta
        source = f.action_points
        if source is None:
            source = meta[0].action_points if meta is not None else 2
        top = self.evaluator(f.id).of(source)[1]
        return float(math.floor(top)) if top < INF else top

    # -- victory --------------------------------------------------------------
    def victory(self) -> None:
        _, forced = _fired_by_effects(self.rules)
        for _, o, loc in self.items("objectives"):
            if never(self.evaluator(o.faction).of(o.when)):
                self.warn(
                    loc,
                    f"objective '{o.id}' can never be met: '{o.when}' is never true "
                    "given the values' bounds and what the rules can change",
                    "when",
                )
        for i, o, loc in self.items("outcomes"):
            if i in forced:
                continue
            if o.when is None:
                self.warn(
                    loc,
                    f"outcome '{o.id}' can never happen: it has no 'when' and no effect ends "
                    f"the game with it (add {{outcome: {o.id}}} to an effect, or a 'when')",
                    "id",
                )
            elif never(self.evaluator().of(o.when)):
                self.warn(
                    loc,
                    f"outcome '{o.id}' can never happen: '{o.when}' is never true "
                    "and no effect ends the game with it",
                    "when",
                )

    # -- unused values --------------------------------------------------------
    def unused_values(self) -> None:
        rules = self.rules
        reads, writes = rules.reads, rules.writes
        shown = {rules.clock_slot, rules.escalation_slot}
        shown.update(n.stance_slot for n in rules.neighbours)
        for f in rules.factions:
            shown.add(f.intel_slot)
        used = reads | writes | shown

        def idle(slots: list[int]) -> bool:
            return bool(slots) and not any(s in used for s in slots)

        for _, t, loc in self.items("tracks"):
            if idle([rules.slot(t.id)]):
                self.warn(loc, f"track '{t.id}' is never read or changed by any rule", "id")
        for _, res, loc in self.items("resources"):
            owners = [f.id for f in rules.factions] if res.faction == "all" else [res.faction]
            for fid in owners:
                if idle([rules.slot(f"{fid}.{res.id}")]):
                    self.warn(
                        loc, f"resource '{fid}.{res.id}' is never read or changed by any rule", "id"
                    )
        for _, rv, loc in self.items("region_values"):
            slots = [v.index for v in rules.vars if v.kind == R.REGION_VALUE and v.id == rv.id]
            if rules.color_by >= 0 and rules.vars[rules.color_by].id == rv.id:
                continue
            if idle(slots):
                self.warn(loc, f"region value '{rv.id}' is never read or changed by any rule", "id")

    # -- chances ----------------------------------------------------------------
    def chances(self) -> None:
        """A chance formula whose reachable range leaves 0..1 (a constant one is an error)."""
        if self.c.meta is not None:
            meta, loc = self.c.meta
            self._chance(self.evaluator(), meta.random_event_chance, loc, ("random_event_chance",))
        for _, a, loc in self.items("actions"):
            ev = self.evaluator(a.faction, a.target)
            ev.ranges = narrowed(ev, [r if isinstance(r, str) else r.when for r in a.requires])
            if a.chance is not None:
                self._chance(ev, a.chance, loc, ("chance",))
            for key in ("effects", "success", "failure"):
                self._block_chances(ev, getattr(a, key), loc, (key,))
        for _, e, loc in self.items("events"):
            ev = self.evaluator()
            if e.chance is not None:
                self._chance(ev, e.chance, loc, ("chance",))
            self._block_chances(ev, e.effects, loc, ("effects",))
        for _, u, loc in self.items("upkeep"):
            self._block_chances(self.evaluator(), u.effects, loc, ("effects",))

    def _block_chances(
        self, ev: RangeEvaluator, effects: Any, loc: Loc, fields: tuple[Any, ...]
    ) -> None:
        for i, eff in enumerate(effects):
            if isinstance(eff, str):
                continue
            where = (*fields, i)
            if eff.chance is not None:
                self._chance(ev, eff.chance, loc, (*where, "chance"))
            self._block_chances(ev, eff.then, loc, (*where, "then"))
            self._block_chances(ev, eff.else_, loc, (*where, "else"))
            self._block_chances(ev, eff.do, loc, (*where, "do"))

    def _chance(self, ev: RangeEvaluator, source: Any, loc: Loc, fields: tuple[Any, ...]) -> None:
        if not isinstance(source, str):
            return  # a constant: the compiler already refused one outside 0..1
        lo, hi = ev.of(source)
        if not (math.isfinite(lo) and math.isfinite(hi)) or 0 <= lo <= hi <= 1:
            return
        reach = f"reach {hi:g}" if hi > 1 else f"fall to {lo:g}"
        acts = "above 1 act as 1 (always)" if hi > 1 else "below 0 act as 0 (never)"
        self.warn(
            loc,
            f"{self.c.label(loc, *fields)}: the chance '{source}' can {reach} (its range is "
            f"{lo:g}..{hi:g}), but a chance is a probability from 0 to 1 and values {acts}; "
            f"wrap it as 'clamp({source}, 0, 1)' or change its numbers",
            *fields,
            "$value",
        )


def meaning_checks(compiler: Compiler, rules: R.Ruleset) -> None:
    """Add the meaning-check warnings of a compiled level to `compiler.problems`."""
    MeaningChecks(compiler, rules).run()
