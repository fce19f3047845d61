"""Short, readable reasons for AI decisions, built from the level's own names."""

from __future__ import annotations

from functools import partial

from game.ai.base import Decision
from game.ai.deal_reasons import deal_words, pronoun
from game.ai.words import faction_words, value_name
from game.engine import PASS, Action, PlayerView, State, preview, sample_state
from game.engine.deal_defs import PROPOSE, REFUSE
from game.engine.grammar import verb
from game.engine.log import shift_text
from game.engine.odds import odds_words, public_chance
from game.engine.ruleset import Ruleset
from game.engine.scoreboard import after, scoreboard

MAX_CHANGES = 2


def change_summary(view: PlayerView, state: State, action: Action, odds: bool = True) -> str:
    """The largest visible effects of `action` on success, e.g. 'Tension 1 → 2; 50% odds'.

    `state` is a determinization of `view`. Reasons are read by every player, so private
    values (the agent's own included) are never shown, nor are values it cannot see.
    """
    if action == PASS:
        return ""
    rules = view.rules
    p = preview(state, action)
    costs = {slot for slot, _ in rules.actions[action.action].costs}
    shown: list[tuple[int, int]] = []
    for slot, delta in p.on_success:
        var = rules.vars[slot] if slot < rules.layout.n_vars else None
        if var is None or var.private or var.hidden or view.values[slot] is None:
            continue
        if slot in costs and len(p.on_success) > 1:
            continue
        shown.append((slot, delta))
    shown.sort(key=lambda c: -abs(c[1]))
    parts = []
    for slot, delta in shown[:MAX_CHANGES]:
        old = state.v[slot]
        new = min(rules.hi[slot], max(rules.lo[slot], old + delta))
        parts.append(
            f"{value_name(rules, slot, view.faction)} {shift_text(rules.vars[slot], old, new)}"
        )
    if odds and p.chance is not None:
        parts.append(odds_words(public_chance(state, action), "odds"))
    return "; ".join(parts)


DETAIL = " | AI detail: "  # separates the player's words from the search's numbers
# separates the search's public numbers from its own estimate, which is computed from the
# acting seat's private values (and its samples of hidden ones): shown to no other seat
OWN_ESTIMATE = " | AI estimate: "


def player_words(reason: str, details: bool = False, estimate: bool = False) -> str:
    """A reason as a player reads it: the sentence, with the search's public numbers
    (visible effects, public odds, how the move was judged) only when `details` is on,
    and its own estimate (the expected margin, read from the acting seat's private
    values) only when `estimate` is also on: for a viewer allowed to see that seat's
    values (itself, or a spectator of an all-AI game), never for another seat."""
    words, _, detail = reason.partition(DETAIL)
    if not details or not detail:
        return words
    public, _, own = detail.partition(OWN_ESTIMATE)
    shown = f"{public}, {own}" if estimate and own else public
    return f"{words} ({shown})"


def may_see_estimate(viewer: int, actor: int) -> bool:
    """Whether `viewer` (-1: a spectator shown everything) may read `actor`'s own estimate."""
    return viewer < 0 or viewer == actor


def _objective_change(
    view: PlayerView, state: State, action: Action
) -> tuple[list[str], list[str]]:
    """What the move does to objectives, as the agent sees it: (its own it expects to
    meet or keep, rivals' it expects to spoil). Public values only (a reason is public)."""
    rules = view.rules
    me = view.faction
    move = preview(state, action)
    public = tuple(
        (slot, delta)
        for slot, delta in move.on_success
        if slot >= rules.layout.n_vars or not rules.vars[slot].private
    )
    now = scoreboard(view)
    then = scoreboard(after(view, public), settled=False)
    was = {o.index: o.met for o in now.objectives}
    gains, blows = [], []
    for line in then.objectives:
        before = was[line.index]
        if line.met is None or before is None or line.met == before or line.scoring != "end":
            continue
        good = line.met == (line.points > 0)
        if line.faction == me and good:
            gains.append(f"'{line.name}'")
        elif line.faction != me and not good:
            blows.append(f"{rules.factions[line.faction].short}'s '{line.name}'")
    return gains, blows


def _public_changes(view: PlayerView, state: State, action: Action) -> list[tuple[int, int, int]]:
    """(slot, old, new) of the move's visible, public effects on success, largest first."""
    rules = view.rules
    costs = {slot for slot, _ in rules.actions[action.action].costs}
    out = []
    for slot, delta in preview(state, action).on_success:
        if slot >= rules.layout.n_vars or slot in costs or not delta:
            continue
        var = rules.vars[slot]
        if var.private or var.hidden or view.values[slot] is None:
            continue
        old = state.v[slot]
        out.append((slot, old, min(rules.hi[slot], max(rules.lo[slot], old + delta))))
    out.sort(key=lambda c: -abs(c[2] - c[1]))
    return out


def _move_words(rules: Ruleset, viewer: int, slot: int, old: int, new: int) -> str:
    """'raise Niamey influence (Junta) from 5 to 7', 'move Nigeria's stance from 'backs
    ECOWAS' to 'commits troops'' (a labelled value: its words, quoted)."""
    var = rules.vars[slot]
    name = value_name(rules, slot, viewer)
    if len(var.labels) == var.hi - var.lo + 1:
        return f"move {name} from '{var.label(old)}' to '{var.label(new)}'"
    verb = "raise" if new > old else "lower"
    return f"{verb} {name} from {old} to {new}"


def _hope(view: PlayerView, state: State, action: Action) -> str:
    """'it expects to secure 'Recognition', and to cost ECOWAS's 'The bloc holds'', or
    the largest public change it aims at; plus the danger it accepts ('though Escalation
    rises to 4')."""
    rules = view.rules
    gains, blows = _objective_change(view, state, action)
    changes = _public_changes(view, state, action)
    parts = []
    if gains:
        parts.append("to secure " + " and ".join(gains))
    if blows:
        parts.append("to cost " + " and ".join(blows))
    danger = {v.index for v in rules.vars if v.danger} | {rules.escalation_slot}
    p = pronoun(rules, view.faction)
    aim = -1
    if parts:
        text = p.does("expects", "expect") + " " + ", and ".join(parts)
    elif changes:  # a danger it accepts is not its aim while the move does anything else
        first = next((c for c in changes if c[0] not in danger), changes[0])
        aim = first[0]
        text = p.does("wants", "want") + " to " + _move_words(rules, view.faction, *first)
    else:
        return f"{p.does('sees', 'see')} no better use of {p.possessive} turn"
    risks = [c for c in changes if c[0] in danger and c[2] > c[1] and c[0] != aim]
    if risks:
        slot, _, new = risks[0]
        label = rules.vars[slot].label(new)
        shown = f"{new} ({label})" if label != str(new) else str(new)
        text += f", though {value_name(rules, slot, view.faction)} rises to {shown}"
    return text


def decision_reason(view: PlayerView, state: State, action: Action, gain: float, basis: str) -> str:
    """'Red — Agitate → Capital: it expects to secure 'Hold the capital'.', then after
    `DETAIL` the search's public numbers: the visible effects with odds and `basis` (how
    the move was judged); then after `OWN_ESTIMATE` `gain`, in victory points over ending
    the turn for a move (over the best other move when the move ends the turn), which
    the acting seat computed from its private values. See `player_words`.
    """
    rules = view.rules
    who = faction_words(rules, view.faction)
    short = rules.factions[view.faction].short
    if action == PASS:
        words = (
            verb(who, "ends its turn:", "end their turn:") + " no move looks better than waiting."
        )
        if gain > 0.05:
            return (
                f"{words}{DETAIL}{short}: every other move looks worse ({basis})"
                f"{OWN_ESTIMATE}by {gain:.1f} VP"
            )
        return f"{words}{DETAIL}{short}: no move improves its prospects ({basis})"
    if rules.actions[action.action].deal >= 0:  # an offer or an answer: its own sentence
        role = rules.actions[action.action].deal_role
        over = "ending the turn" if role == PROPOSE else "refusing"
        over = "the best other answer" if role == REFUSE else over
        words = deal_words(view, state, action)
        estimate = f"expected margin {gain:+.1f} VP over {over}"
        return f"{words}{DETAIL}{short}: {basis}{OWN_ESTIMATE}{estimate}"
    label = rules.action_label(action)
    words = f"{who} — {label}: {_hope(view, state, action)}."
    summary = change_summary(view, state, action)
    numbers = f"{summary}; " if summary else ""
    return (
        f"{words}{DETAIL}{numbers}{basis}{OWN_ESTIMATE}"
        f"expected margin {gain:+.1f} VP over ending the turn"
    )


def only_move(view: PlayerView, move: Action) -> Decision:
    """The decision when `move` is the one legal move (its reason written when read)."""
    return Decision(move, explain=partial(_only_move_reason, view, move))


def _only_move_reason(view: PlayerView, move: Action) -> str:
    return decision_reason(view, sample_state(view, 0), move, 0.0, "only move")


def gain_over_alternative(moves: list[Action], values: list[float], best: int) -> float:
    """How much `moves[best]` is worth over ending the turn, or over refusing when the
    moves answer an offer (refusing comes first then); when it is that move, over the
    best other move."""
    base = moves.index(PASS) if PASS in moves else 0
    if best == base:
        rest = [x for j, x in enumerate(values) if j != base]
        return values[best] - (max(rest) if rest else values[best])
    return values[best] - values[base]
