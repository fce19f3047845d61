"""What an action would do, before it is taken: cost, odds and likely effects."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.effects import Context, merge_changes, resolve_action
from game.engine.rules import chance_of
from game.engine.ruleset import Action
from game.engine.state import State


@dataclass(frozen=True, slots=True)
class Preview:
    """The immediate changes of an action on success and on failure.

    `chance` is None for actions without a roll (then `on_failure` is empty).
    Changes are (slot, delta) pairs and include the action's costs.
    """

    action: Action
    chance: float | None
    on_success: tuple[tuple[int, int], ...]
    on_failure: tuple[tuple[int, int], ...]


def _branch(state: State, action: Action, success: bool) -> tuple[tuple[int, int], ...]:
    """The changes the action makes on a copy of `state`, its roll forced to `success`
    (the same sequence `step` runs; chained events and outcomes are not followed)."""
    trial = state.clone()
    ctx = Context(True)
    resolve_action(trial, state.rules.actions[action.action], action.target, ctx, success)
    assert ctx.changes is not None
    return merge_changes(ctx.changes)


def preview(state: State, action: Action) -> Preview:
    """Preview a move of the acting faction without changing `state`.

    Nested random effects inside the action are sampled once from a copy of the
    generator, so the preview never changes what will really happen.
    """
    if action.action < 0:
        return Preview(action, None, (), ())
    chance = chance_of(state, action)
    success = _branch(state, action, True)
    failure = _branch(state, action, False) if chance is not None else ()
    return Preview(action, chance, success, failure)
