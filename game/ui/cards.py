"""Words for actions: the cost line, the odds and the likely effects (window and terminal)."""

from __future__ import annotations

from dataclasses import replace

from game.engine import Action, State, current_faction, observe, preview
from game.engine.knowing import judge, probe_state
from game.engine.log import change_text, shown_change
from game.engine.odds import odds_words
from game.engine.preview import Preview
from game.engine.prices import ap_of, costs_of
from game.engine.ruleset import ActionDef, Ruleset
from game.engine.scoreboard import Span, after, full_view, move_effect, scoreboard
from game.engine.view import PlayerView, known_chance
from game.ui.forecast_text import forecast_change, view_forecast
from game.ui.honest_hints import reachable_flip
from game.ui.score_text import effect_text, nearest_text


def cost_text(state: State, a: ActionDef) -> str:
    """'1 AP · 2 Cash' (or 'free'): what `a` costs in `state` (a formula price worked out)."""
    rules = state.rules
    ap = ap_of(state, a)
    parts = [f"{ap} AP"] if ap else []
    parts += [f"{amount} {rules.vars[slot].name}" for slot, amount in costs_of(state, a)]
    return " · ".join(parts) or "free"


def odds_text(odds: tuple[float, float] | None) -> str:
    """'60% chance', '38–70% chance', 'certain', or a warning when it cannot work now
    (`odds`: the known range of the chance, from what the reader may see)."""
    if odds is not None and odds[1] <= 0:
        return "0% chance: it cannot work now"
    return odds_words(odds)


def points_line(
    state: State, move: Preview, viewer: int, odds: tuple[float, float] | None = None
) -> str:
    """The card's line on the move's effect on the viewer's score if the game ended now
    (from what the viewer may know; an onlooker, -1, sees the acting faction's). `odds`
    is the chance as the viewer knows it (`known_chance`): the expected change is worked
    out from it, never from the true chance, which may read a rival's hidden value."""
    if viewer >= 0:
        view = observe(state, viewer)
    else:
        acting = state.rules.actions[move.action.action].faction
        view = replace(full_view(state), faction=acting)
    if odds is None and move.chance is not None:
        odds = known_chance(state, move.action, viewer)
    effect = move_effect(view, move)
    text = effect_text(effect, odds)
    if effect.success == effect.before and not effect.gained and not effect.lost:
        short = still_short(view, move)
        if short:  # why a move on what an objective reads still gives nothing (two at most)
            more = f"; {len(short) - 2} more" if len(short) > 2 else ""
            text += f" ({'; '.join(short[:2])}{more})"
    return text


def points_change(state: State, move: Preview, viewer: int) -> tuple[Span, bool, Span | None]:
    """What the move would do to the viewer's score if the game ended now, from what the
    viewer may know, if it works; whether it might not work with another result; and what
    it would do then (None when it cannot fail, or failing is certain not to happen)."""
    effect = move_effect(observe(state, viewer), move)
    risky = effect.chance is not None and effect.failure not in (None, effect.success)
    if risky:  # a chance the viewer knows to be certain is no risk
        odds = known_chance(state, move.action, viewer)
        risky = odds is None or odds[0] < 1
    failed = effect.failure - effect.before if risky and effect.failure is not None else None
    return effect.success - effect.before, risky, failed


def tag_text(changes: list[tuple[Span, bool, Span | None]]) -> str:
    """A list's short note on one move's (or each target's) points change (`points_change`):
    ' · +6 VP', ' · +6 VP if it works', ' · -1 VP'; for targets with different changes
    ' · up to +6 VP', ' · -3 to +6 VP'; what failing would cost when every target's
    failure does the same ' · -9 VP if it fails'; or '' when none changes the score."""
    fails = {f for _, _, f in changes}
    failed = fails.pop() if len(fails) == 1 else None
    fail_matters = failed is not None and not _nothing(failed)
    on_fail = (
        f"{failed.text(signed=True)} VP if it fails" if failed is not None and fail_matters else ""
    )
    if not changes or all(_nothing(c) for c, _, _ in changes):
        return f" · {on_fail}" if on_fail else ""
    risky = any(r for c, r, _ in changes if not _nothing(c))
    tail = " if it works" if risky else ""
    tail += f", {on_fail}" if on_fail else ""
    if len({c for c, _, _ in changes}) == 1:
        return f" · {changes[0][0].text(signed=True)} VP{tail}"
    low, high = min(c.lo for c, _, _ in changes), max(c.hi for c, _, _ in changes)
    if low == 0 or high == 0:  # some targets change nothing: the largest change, signed
        return f" · {'up to' if high else 'down to'} {high or low:+d} VP{tail}"
    return f" · {low:+d} to {high:+d} VP{tail}"


def _nothing(change: Span) -> bool:
    """Whether a points change is exactly none."""
    return change.exact and change.lo == 0


def points_tag(state: State, move: Preview, viewer: int) -> str:
    """A menu's short note on a move's effect on the viewer's score if the game ended now:
    ' · +6 VP', ' · +6 VP if it works', ' · -1 VP', or '' when it changes nothing."""
    return tag_text([points_change(state, move, viewer)])


def still_short(view: PlayerView, move: Preview) -> list[str]:
    """The seat's objectives the move changes a value of and still leaves unmet, each with
    what it would need: 'Constitutional order still needs Transition months 18 → 1–12', or
    'Bazoum freed out of reach after it' when the move leaves those values where the rules
    can no longer make them meet it (a change they could make before)."""
    rules = view.rules
    then = after(view, move.on_success)
    touched = [slot for slot, delta in move.on_success if delta and slot not in then.ranges]
    base, now = probe_state(then), probe_state(view)
    out = []
    for line in scoreboard(then, settled=False).lines(view.faction):
        if line.banked or line.met is not False or line.points <= 0:
            continue
        obj = rules.objectives[line.index]
        reads = obj.reads if obj.reads is not None else judge(obj.when, then, base).reads
        if not set(reads) & set(touched):
            continue
        near = reachable_flip(obj.when, base.clone(), touched) or reachable_flip(
            obj.when, base.clone(), [s for s in reads if s not in then.ranges]
        )
        if near is not None:
            out.append(f"{line.name} still {nearest_text(rules, near, False)}")
        elif reachable_flip(obj.when, now.clone(), touched) is not None:
            out.append(f"{line.name} out of reach after it")
    return out


def changes_text(
    rules: Ruleset,
    changes: tuple[tuple[int, int], ...],
    viewer: int,
    before: list[int] | None = None,
) -> str:
    """Readable changes ('Escalation +1, Junta Treasury -2'), internal counters left out.

    With `before` (the values before the changes) labelled values read as words.
    """
    parts = [
        change_text(rules, slot, delta, viewer, before[slot] + delta if before else None)
        for slot, delta in changes
        if shown_change(rules, slot, delta, viewer)
    ]
    return ", ".join(parts) or "no immediate change"


def preview_lines(state: State, action: Action, viewer: int) -> list[str]:
    """The card for a legal move: title, description, cost, odds, effects on success/failure."""
    rules = state.rules
    a = rules.actions[action.action]
    p = preview(state, action)
    lines = [rules.action_label(action)]
    if a.description:
        lines.append(a.description)
    known = known_chance(state, action, viewer)  # never reads what the viewer cannot see
    lines.append(f"Cost: {cost_text(state, a)}   Odds: {odds_text(known)}")
    paid = dict(costs_of(state, a))
    success, failure = _beyond_costs(paid, p.on_success), _beyond_costs(paid, p.on_failure)
    if p.chance is None:
        lines.append(f"Effects: {changes_text(rules, success, viewer, state.v)}")
    else:
        lines.append(f"If it works: {changes_text(rules, success, viewer, state.v)}")
        lines.append(f"If it fails: {changes_text(rules, failure, viewer, state.v)}")
    lines.append(points_line(state, p, viewer, known))
    if danger := ending_risk_line(state, action, viewer):
        lines.append(danger)
    notes = []
    if a.covert:
        notes.append("covert: others do not see it")
    if a.once:
        notes.append("once per game")
    if a.cooldown:
        notes.append(f"cooldown {a.cooldown}")
    if notes:
        lines.append("Note: " + ", ".join(notes) + ".")
    return lines


def ending_risk_line(state: State, action: Action, viewer: int) -> str:
    """How the move changes the odds that the news and upkeep end the game before the
    viewer's next turn (from what the viewer can see), or '' when they cannot either way
    or it is not the viewer's move."""
    if viewer < 0 or current_faction(state) != viewer:
        return ""
    view = observe(state, viewer)
    return forecast_change(state.rules, view_forecast(view), view_forecast(view, action))


def _beyond_costs(
    paid: dict[int, int], changes: tuple[tuple[int, int], ...]
) -> tuple[tuple[int, int], ...]:
    """The changes without the action's costs (`paid`: slot -> amount; the card shows
    those on its cost line)."""
    return tuple((slot, delta + paid.get(slot, 0)) for slot, delta in changes)


def unavailable_lines(state: State, a: ActionDef, reason: str) -> list[str]:
    """The card for an action that cannot be taken now, with the reason."""
    lines = [a.name]
    if a.description:
        lines.append(a.description)
    lines.append(f"Cost: {cost_text(state, a)}")
    lines.append(f"Unavailable: {reason}")
    return lines
