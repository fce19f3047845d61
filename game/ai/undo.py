"""Moves that would undo the seat's own move of this turn, which no AI plays.

Two ordinary actions of one faction and of the same category are a pair of opposites when
one's plain effects (unconditional, by a fixed amount) are each reversed by the other's:
ECOWAS's "Tighten sanctions" (sanctions +1, junta treasury -1, humanitarian +1) and "Ease
sanctions" (sanctions -1, treasury +1, humanitarian -1, and more). Played in one turn,
the pair cancels itself, and what is left is the rest of the second move's effects for two
action points: the ai:normal ECOWAS tightened sanctions from 0 only to be allowed to ease
them at once and cash the easing's cohesion, calm and goodwill (niger_2023, seed 41, week
15: by its search's evaluation, averaged over 40 rolls, tightening alone was worth -0.6 VP
against ending the turn and tightening then easing +0.8 VP). A faction does not sanction
and relieve a country in the same week, so the AI leaves out the second move of such a
pair — at its root and inside its searches and play-outs, so that no move is valued by a
follow-up it will not play. What a faction used
this round is its own counter (`Layout.this_round`), seen in its view; a faction has one
turn a round, so this round is this turn.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.engine import Action, Ruleset
from game.engine.deal_defs import NOT_A_DEAL
from game.engine.ruleset import OP_ADD, OP_SUB, SET, ActionDef


def _plain(a: ActionDef) -> dict[tuple[int, int], int]:
    """The direction (+1/-1) of each unconditional fixed change an action makes, by
    (slot, stride)."""
    out = {}
    for e in a.effects:
        if e.kind == SET and e.fixed and e.op in (OP_ADD, OP_SUB) and e.amount:
            up = (e.op == OP_ADD) == (e.amount > 0)
            out[(e.slot, e.stride)] = 1 if up else -1
    return out


def _reverses(first: dict[tuple[int, int], int], second: dict[tuple[int, int], int]) -> bool:
    """Whether `second` moves back every value `first` moves."""
    return bool(first) and all(second.get(k) == -d for k, d in first.items())


def opposites(rules: Ruleset) -> dict[int, frozenset[int]]:
    """Each action that has opposites (by index), and those opposites."""
    plain = {a.index: _plain(a) for a in rules.actions if a.deal_role == NOT_A_DEAL}
    found: dict[int, set[int]] = {}
    for a in rules.actions:
        for b in rules.actions:
            if (
                a.index < b.index
                and a.index in plain
                and b.index in plain
                and a.faction == b.faction
                and a.category == b.category
                and (
                    _reverses(plain[a.index], plain[b.index])
                    or _reverses(plain[b.index], plain[a.index])
                )
            ):
                found.setdefault(a.index, set()).add(b.index)
                found.setdefault(b.index, set()).add(a.index)
    return {a: frozenset(bs) for a, bs in found.items()}


class Undoing:
    """The opposites of one ruleset, and the filter that leaves out a move whose opposite
    the seat already played this turn."""

    def __init__(self, rules: Ruleset) -> None:
        self.rules = rules
        self.pairs = opposites(rules)
        self.watch = tuple(sorted(self.pairs))
        self.counters = rules.layout.this_round

    def allowed(self, values: Sequence[int | None], moves: list[Action]) -> list[Action]:
        """`moves` without those whose opposite was used this round (by the values of a
        state or of the mover's view); `moves` itself when nothing is left out."""
        if not self.watch:
            return moves
        at = self.counters
        used = [a for a in self.watch if values[at + a]]
        if not used:
            return moves
        banned = frozenset().union(*(self.pairs[a] for a in used))
        kept = [m for m in moves if m.action not in banned]
        return kept if len(kept) < len(moves) and kept else moves


_UNDOING: dict[int, tuple[Ruleset, Undoing]] = {}


def undoing(rules: Ruleset) -> Undoing:
    """The `Undoing` of a ruleset (built once per ruleset)."""
    found = _UNDOING.get(id(rules))
    if found is None or found[0] is not rules:
        found = _UNDOING[id(rules)] = (rules, Undoing(rules))
    return found[1]
