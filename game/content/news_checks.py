"""The news check: a scheduled event whose one headline cannot be true in every branch.

A scheduled event fires whatever the state, so its effects often branch on it
(`if`/`chance`). When the branches make different things true, one fixed headline
reports a fact only one branch made true ("the pact is signed" when no pact was).
The check is a simple, sound-for-its-purpose heuristic on the level as written:

- a branch sets a value to a fixed number (`pact = 1`: a fact, such as "signed")
  that the other branch of the same block does not set to that number; or
- the event's whole effect is one branching block with an empty branch, so in
  some games the event changes nothing while its headline announces news.

It warns (never errors) only for events that carry no branch headline at all
(`{headline: ...}` items): once a designer words the branches, the event is trusted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from game.content import schema as S
from game.content.compiler import Compiler
from game.engine import ruleset as R
from game.engine.effects import node_writes

_FIXED = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(-?\d+)\s*$")


def _fixed_sets(effects: Sequence[Any]) -> set[tuple[str, str]]:
    """`(name, number)` pairs set to a fixed number anywhere in these effects."""
    found: set[tuple[str, str]] = set()
    for eff in effects:
        if isinstance(eff, str):
            m = _FIXED.match(eff)
            if m:
                found.add((m.group(1), m.group(2)))
        elif isinstance(eff, S.EffectBlock):
            found |= _fixed_sets(eff.then) | _fixed_sets(eff.else_) | _fixed_sets(eff.do)
    return found


def _has_headline(effects: Sequence[Any]) -> bool:
    return any(
        isinstance(e, S.EffectBlock)
        and (
            e.headline is not None
            or _has_headline(e.then)
            or _has_headline(e.else_)
            or _has_headline(e.do)
        )
        for e in effects
    )


def _one_sided(effects: Sequence[Any], path: tuple[Any, ...]) -> tuple[tuple[Any, ...], str] | None:
    """The first branching block whose branches set different fixed values, and the fact."""
    for i, eff in enumerate(effects):
        if not isinstance(eff, S.EffectBlock) or (eff.if_ is None and eff.chance is None):
            continue
        then, orelse = _fixed_sets(eff.then), _fixed_sets(eff.else_)
        only = sorted(then ^ orelse)
        if only:
            name, value = only[0]
            side = "then" if (name, value) in then else "else"
            return (*path, i), f"'{name} = {value}' happens only in its '{side}' branch"
        for side, branch in (("then", eff.then), ("else", eff.else_)):
            found = _one_sided(branch, (*path, i, side))
            if found:
                return found
    return None


def news_checks(compiler: Compiler) -> None:
    """Warn where a scheduled event's single headline states what only one branch makes true."""
    for event, loc in compiler.items["events"]:
        if not isinstance(event, S.Event) or event.kind != "scheduled":
            continue
        effects = event.effects
        if _has_headline(effects):
            continue
        found = _one_sided(effects, ("effects",))
        if found is None and len(effects) == 1 and isinstance(effects[0], S.EffectBlock):
            block = effects[0]
            if (block.if_ is not None or block.chance is not None) and not (
                block.then and block.else_
            ):
                found = ("effects", 0), "one of its branches changes nothing"
        if found is None:
            continue
        path, why = found
        compiler.error(
            loc,
            f"event '{event.id}' has one headline but its branches differ ({why}): give each "
            "branch its own news line with a '{headline: ...}' item (an empty one prints "
            "nothing), or word the headline so it is true in every branch",
            *path,
            severity="warning",
        )


def roll_word_checks(compiler: Compiler, rules: R.Ruleset) -> None:
    """Warn where a failed roll would be logged "— it fails." beside changes that happened:
    an action with a chance whose unconditional `effects` (applied either way; branches
    and a deal's breach are left out) change more than its own faction's values, and
    whose `failure_text` keeps the default words."""
    n_targets = max(len(rules.regions), len(rules.factions), 1)
    for i, (a, loc) in enumerate(compiler.items["actions"]):
        action = rules.actions[i]
        if (
            action.chance is None
            or not isinstance(a, S.Action)
            or "failure_text" in a.model_fields_set
        ):
            continue
        others = sorted(
            {
                rules.vars[slot].name
                for eff in action.effects  # what happens whatever the roll (not branches)
                for slot in node_writes(eff, n_targets)
                if slot < rules.layout.n_vars and not _owned(rules.vars[slot], action.faction)
            }
        )
        if others:
            compiler.error(
                loc,
                f"action '{a.id}' changes {', '.join(others[:3])} whatever its roll, so a failed "
                "roll would read '— it fails.' beside those changes: give it a 'failure_text' "
                "saying what a failure still did (e.g. 'sanctions bite, but the bloc splits')",
                "chance",
                severity="warning",
            )


def _owned(var: R.VarDef, faction: int) -> bool:
    """Whether a value is the acting faction's own (a resource, or its per-faction share)."""
    return var.owner == faction or var.per_faction == faction
