"""Dotted names a rule test may set or check, resolved to slots of `State.v`."""

from __future__ import annotations

from dataclasses import dataclass

from game.content.problems import suggest
from game.engine import Ruleset

VAR, ACTION, EVENT, SCORE = "var", "action", "event", "score"


@dataclass(frozen=True)
class NameRef:
    """A resolved name: its kind, its slot in `State.v` and the item index."""

    kind: str
    slot: int
    index: int
    lo: int
    hi: int


class Names:
    """Every name of one level a test can use: values, `actions.x`, `events.x`, `score.f`."""

    def __init__(self, rules: Ruleset) -> None:
        lay = rules.layout
        big = 1_000_000
        self.refs: dict[str, NameRef] = {}
        for var in rules.vars:
            self.refs[var.key] = NameRef(VAR, var.index, var.index, var.lo, var.hi)
        for a in rules.actions:
            self.refs[f"actions.{a.id}"] = NameRef(ACTION, lay.used + a.index, a.index, 0, big)
        for e in rules.events:
            self.refs[f"events.{e.id}"] = NameRef(EVENT, lay.fired + e.index, e.index, 0, big)
        for a in rules.actions:  # the round it was last used / fired (0: never)
            slot = lay.last + a.index
            self.refs[f"actions.{a.id}.round"] = NameRef(VAR, slot, slot, 0, rules.rounds)
        for e in rules.events:
            slot = lay.fired_last + e.index
            self.refs[f"events.{e.id}.round"] = NameRef(VAR, slot, slot, 0, rules.rounds)
        for f in rules.factions:
            self.refs[f"score.{f.id}"] = NameRef(SCORE, lay.vp + f.index, f.index, -big, big)

    def resolve(self, key: str) -> NameRef:
        """The reference of a dotted name; raises KeyError with a suggestion."""
        ref = self.refs.get(key)
        if ref is None:
            raise KeyError(f"unknown name '{key}'{suggest(key, self.refs)}")
        return ref


def index_of(ids: list[str], ident: str, what: str) -> int:
    """Position of an id in a list; raises KeyError naming the kind and a close id."""
    if ident in ids:
        return ids.index(ident)
    raise KeyError(f"unknown {what} '{ident}'{suggest(ident, ids)}")
