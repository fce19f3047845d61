"""The small compiled pieces deals are made of: effects that set a deal's slots and the
conditions upkeep and requirements test. Plain closures over slot numbers (no text)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from game.engine import deal_defs as D
from game.engine import ruleset as R

# The fields of a deal's action that no deal sets otherwise: free, untargeted, no roll.
BLANK_ACTION: dict[str, Any] = {
    "category": "diplomatic",
    "ap": 0,
    "costs": (),
    "requires": (),
    "target_kind": R.NO_TARGET,
    "targets": None,
    "chance": None,
    "success": (),
    "failure": (),
    "once": False,
    "cooldown": 0,
    "per_round": 0,
    "covert": False,
}


def _const(value: int) -> R.Fn:
    def fn(s: Any, t: int) -> int:
        return value

    return fn


def _round_now(s: Any, t: int) -> int:
    return int(s.round)


def set_to(slot: int, value: int) -> R.Effect:
    """An effect: `slot = value`."""
    return R.Effect(R.SET, slot, 0, R.OP_SET, _const(value))


def stamp(slot: int) -> R.Effect:
    """An effect: `slot = round`."""
    return R.Effect(R.SET, slot, 0, R.OP_SET, _round_now)


def status_is(slot: int, *statuses: int) -> R.Fn:
    """A condition: the deal status in `slot` is one of `statuses`."""
    if len(statuses) == 1:
        only = statuses[0]
        return lambda s, t: s.v[slot] == only
    wanted = frozenset(statuses)
    return lambda s, t: s.v[slot] in wanted


def status_not(slot: int, *statuses: int) -> R.Fn:
    """A condition: the deal status in `slot` is none of `statuses`."""
    if len(statuses) == 1:
        only = statuses[0]
        return lambda s, t: s.v[slot] != only
    unwanted = frozenset(statuses)
    return lambda s, t: s.v[slot] not in unwanted


def rested(status: int, stamped: int, cooldown: int) -> R.Fn:
    """A condition: the deal was not refused or ended within the last `cooldown` rounds."""
    ended = frozenset((D.REFUSED, D.KEPT, D.BROKEN))

    def fn(s: Any, t: int) -> bool:
        return bool(s.v[status] not in ended or s.round - s.v[stamped] > cooldown)

    return fn


def due(status: int, stamped: int, rounds: int) -> R.Fn:
    """A condition: in force, and `rounds` rounds have passed since it was agreed."""

    def fn(s: Any, t: int) -> bool:
        return bool(s.v[status] == D.IN_FORCE and s.round >= s.v[stamped] + rounds)

    return fn


def missed(status: int, stamped: int, within: int, last_slots: tuple[int, ...]) -> R.Fn:
    """A condition: in force, the deadline has come, and some promised action (its
    'last used' counter in `last_slots`) was not taken since the deal was agreed."""

    def fn(s: Any, t: int) -> bool:
        if s.v[status] != D.IN_FORCE or s.round < s.v[stamped] + within:
            return False
        since = s.v[stamped]
        return any(s.v[slot] < since for slot in last_slots)

    return fn


def fill(template: str, words: dict[str, str]) -> str:
    """Replace `{name}` placeholders by plain text (never str.format: content is untrusted)."""
    for key, word in words.items():
        template = template.replace("{" + key + "}", word)
    return template


def terms_sentence(
    names: list[str],
    actions: list[str],
    *sides: tuple[int, tuple[int, ...], tuple[int, ...]],
    how: str = "",
) -> str:
    """The commitments in one sentence: 'ECOWAS will not: X; Junta will: Z (binding, ...)'.

    Each side is (faction, actions it refrains from, actions it will take)."""
    parts = []
    for who, gives, does in sides:
        if gives:
            parts.append(f"{names[who]} will not: {', '.join(actions[a] for a in gives)}")
        if does:
            parts.append(f"{names[who]} will: {', '.join(actions[a] for a in does)}")
    return "; ".join(parts) + f" ({how})" if parts else ""


def with_commitments(
    actions: list[R.ActionDef],
    requires: dict[int, list[R.Requirement]],
    effects: dict[int, list[R.Effect]],
) -> list[R.ActionDef]:
    """The actions, each amended by what deals commit about it: requirements added at the
    end (a binding deal's), effects run first (a promise's breach check)."""
    out = list(actions)
    for index in sorted(set(requires) | set(effects)):
        a = out[index]
        out[index] = replace(
            a,
            requires=a.requires + tuple(requires.get(index, ())),
            effects=tuple(effects.get(index, ())) + a.effects,
        )
    return out
