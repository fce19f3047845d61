"""Name resolution for the rule language: which dotted names a level defines.

The symbol table is built once per level from its declarations; a `LevelScope`
resolves names for one context (the owning faction, and whether `target` is a
region or a faction).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.content.expr import ConstRef, Ref, SpecialRef, VarRef
from game.content.problems import suggest
from game.engine.ruleset import Ruleset

RESERVED = frozenset(
    {
        "round",
        "rounds",
        "target",
        "ap",
        "actions",
        "events",
        "score",
        "self",
        "true",
        "false",
        "none",
        "all",
        "most_points",
        "and",
        "or",
        "not",
        "if",
        "else",
        "deals",
    }
)


@dataclass
class Symbols:
    """Every name a level defines, mapped to slots or constants."""

    rounds: int
    vars: dict[str, int] = field(default_factory=dict)  # dotted key -> slot
    factions: dict[str, int] = field(default_factory=dict)
    regions: dict[str, int] = field(default_factory=dict)
    region_values: dict[str, tuple[int, bool]] = field(default_factory=dict)  # id -> (base, per_f)
    shared_resources: dict[str, int] = field(default_factory=dict)  # 'all' resource -> base slot
    actions: dict[str, int] = field(default_factory=dict)  # id -> slot of its use counter
    events: dict[str, int] = field(default_factory=dict)  # id -> slot of its fired counter
    action_rounds: dict[str, int] = field(default_factory=dict)  # id -> slot: round last used
    event_rounds: dict[str, int] = field(default_factory=dict)  # id -> slot: round last fired
    vp: dict[str, int] = field(default_factory=dict)  # faction id -> vp slot
    writable_limit: int = 0  # slots below this are declared values


class LevelScope:
    """Resolves names for one context of a level."""

    def __init__(self, symbols: Symbols, faction: str | None = None, target: str = "none") -> None:
        self.s = symbols
        self.faction = faction
        self.target = target

    def var(self, slot: int) -> VarRef:
        return VarRef(slot, writable=slot < self.s.writable_limit)

    def lookup(self, parts: tuple[str, ...]) -> Ref:
        """Resolve a dotted name; raises KeyError with an actionable message."""
        ref = self.try_lookup(parts)
        if ref is not None:
            return ref
        s = self.s
        head, rest = parts[0], parts[1:]
        key = ".".join(parts)
        if rest and not self._known_head(head):
            places = ", ".join(s.factions) or "none"
            regions = ", ".join(s.regions) or "none"
            hint = suggest(head, [*s.factions, *s.regions])
            raise KeyError(
                f"unknown name '{key}': the level has no faction or region '{head}'{hint} "
                f"(factions: {places}; regions: {regions})"
            )
        raise KeyError(f"unknown name '{key}'{suggest(key, self._candidates(parts))}")

    def try_lookup(self, parts: tuple[str, ...]) -> Ref | None:
        """Resolve a dotted name, None if the level has no such name (no message is
        built: loops probe names this way); raises KeyError for a misused `target`."""
        s = self.s
        head, rest = parts[0], parts[1:]
        key = ".".join(parts)
        if not rest:
            if head in ("round", "ap"):
                return SpecialRef(head)
            if head == "rounds":
                return ConstRef(s.rounds)
            if head == "target":
                if self.target == "none":
                    raise KeyError("'target' is only available in actions that take a target")
                return SpecialRef("target")
            if head in s.vars:
                return self.var(s.vars[head])
            if head in s.factions:
                return ConstRef(s.factions[head])
            if head in s.regions:
                return ConstRef(s.regions[head])
            if self.faction and f"{self.faction}.{head}" in s.vars:
                return self.var(s.vars[f"{self.faction}.{head}"])
        elif head == "target":
            return self._target(rest, key)
        elif head == "self" and self.faction:
            return self.lookup((self.faction, *rest))
        elif head == "actions" and len(rest) == 1 and rest[0] in s.actions:
            return VarRef(s.actions[rest[0]], writable=False)
        elif head == "events" and len(rest) == 1 and rest[0] in s.events:
            return VarRef(s.events[rest[0]], writable=False)
        elif head == "actions" and len(rest) == 2 and rest[1] == "round" and rest[0] in s.actions:
            return VarRef(s.action_rounds[rest[0]], writable=False)
        elif head == "events" and len(rest) == 2 and rest[1] == "round" and rest[0] in s.events:
            return VarRef(s.event_rounds[rest[0]], writable=False)
        elif head == "score" and len(rest) == 1 and rest[0] in s.vp:
            return VarRef(s.vp[rest[0]], writable=False)
        elif head == "deals" and key in s.vars:
            return VarRef(s.vars[key], writable=False)  # a deal's state: read, never written
        elif key in s.vars:
            return self.var(s.vars[key])
        return None

    def _known_head(self, head: str) -> bool:
        """Whether `head.` can start a dotted name (a faction, region, counter or `self`)."""
        s = self.s
        if head in s.factions or head in s.regions or head in RESERVED:
            return True
        return any(k.startswith(head + ".") for k in s.vars)

    def members(self, kind: str) -> tuple[str, ...]:
        """The ids a loop over 'region' or 'faction' visits, in level order."""
        return tuple(self.s.regions if kind == "region" else self.s.factions)

    def examples(self) -> tuple[str, str]:
        """(a plain name, a dotted name) this level defines, for example sentences."""
        keys = list(self.s.vars)
        plain = next((k for k in keys if "." not in k), keys[0] if keys else "value")
        dotted = next((k for k in keys if k.count(".") == 1), plain)
        return plain, dotted

    def _target(self, rest: tuple[str, ...], key: str) -> Ref:
        s = self.s
        if self.target == "region" and rest[0] in s.region_values:
            base, per_faction = s.region_values[rest[0]]
            n_regions, n_factions = len(s.regions), len(s.factions)
            if per_faction:
                if len(rest) != 2 or rest[1] not in s.factions:
                    raise KeyError(f"'{key}' needs a faction, e.g. 'target.{rest[0]}.<faction>'")
                f = s.factions[rest[1]]
                return VarRef(base + f, n_factions, n_regions, True)
            if len(rest) == 1:
                return VarRef(base, 1, n_regions, True)
        if self.target == "faction" and len(rest) == 1 and rest[0] in s.shared_resources:
            return VarRef(s.shared_resources[rest[0]], 1, len(s.factions), True)
        if self.target == "none":
            raise KeyError("'target' is only available in actions that take a target")
        options = s.region_values if self.target == "region" else s.shared_resources
        names = ", ".join(sorted(options)) or "none"
        raise KeyError(f"unknown name '{key}'; a {self.target} target has: {names}")

    def _candidates(self, parts: tuple[str, ...]) -> list[str]:
        names = list(self.s.vars) + list(self.s.factions) + list(self.s.regions)
        names += [f"actions.{a}" for a in self.s.actions] + [f"events.{e}" for e in self.s.events]
        names += [f"actions.{a}.round" for a in self.s.actions]
        names += [f"events.{e}.round" for e in self.s.events]
        if self.faction:
            prefix = self.faction + "."
            names += [k[len(prefix) :] for k in self.s.vars if k.startswith(prefix)]
        return names


class BarredScope(LevelScope):
    """A faction's names (no `target`) with some first parts refused, each with the
    sentence that says why (a price cannot read `target`, a bonus cannot read `score`)."""

    def __init__(
        self, symbols: Symbols, faction: str | None, barred: dict[str, str], hint: str = ""
    ) -> None:
        super().__init__(symbols, faction)
        self.barred = barred
        self.hint = hint  # added to an 'unknown name' message (what the field takes)

    def lookup(self, parts: tuple[str, ...]) -> Ref:
        try:
            return super().lookup(parts)
        except KeyError as exc:
            message = str(exc.args[0]) if exc.args else "unknown name"
            if self.hint and message.startswith("unknown name"):
                raise KeyError(f"{message}; {self.hint}") from None
            raise

    def try_lookup(self, parts: tuple[str, ...]) -> Ref | None:
        why = self.barred.get(parts[0])
        if why is not None:
            raise KeyError(why)
        return super().try_lookup(parts)


def symbols_of(rules: Ruleset) -> Symbols:
    """The names of a compiled level (values, counters, scores), for expressions written
    outside the level files (e.g. its expectations); `target` names are not included."""
    lay = rules.layout
    s = Symbols(rounds=rules.rounds)
    s.vars = {v.key: v.index for v in rules.vars}
    s.factions = {f.id: f.index for f in rules.factions}
    s.regions = {r.id: r.index for r in rules.regions}
    s.actions = {a.id: lay.used + a.index for a in rules.actions}
    s.events = {e.id: lay.fired + e.index for e in rules.events}
    s.action_rounds = {a.id: lay.last + a.index for a in rules.actions}
    s.event_rounds = {e.id: lay.fired_last + e.index for e in rules.events}
    s.vp = {f.id: lay.vp + f.index for f in rules.factions}
    s.writable_limit = lay.n_vars
    return s
