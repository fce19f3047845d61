"""Words for deals (window and terminal): an offer's card with its odds of acceptance, the
offer awaiting the seat's answer, the names of the answers, and the deals made so far.

Everything is read as the seat may know it: previews are filtered by what it sees, and the
odds of acceptance come from the rival's answer as its seat really answers
(`game.ai.answers`: seat presets and the level's planning are public) on states sampled
from the seat's own view (`sample_state`), never from the true state.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from game.ai.answers import AnswerModel
from game.engine import (
    Action,
    PlayerView,
    State,
    answer_moves,
    observe,
    pending_deal,
    preview,
    responder,
    sample_state,
    step,
)
from game.engine.deal_defs import (
    ACCEPT,
    BROKEN,
    COUNTER,
    IN_FORCE,
    KEPT,
    OFFERED,
    PROPOSE,
    REFUSE,
    REFUSED,
    STATUS_WORDS,
    DealDef,
    in_sentence,
)
from game.engine.deals import pending_option
from game.engine.grammar import verb
from game.engine.ruleset import Ruleset
from game.ui.cards import changes_text, cost_text, points_line

ODDS_SAMPLES = 8  # guesses of what the proposer cannot see, each answered by the rival


@dataclass(frozen=True, slots=True)
class Acceptance:
    """How the recipient answered an offer on `samples` guesses of the hidden state."""

    accepted: int
    countered: int
    samples: int

    @property
    def share(self) -> float:
        """The share of guesses on which it accepted."""
        return self.accepted / self.samples if self.samples else 0.0

    def text(self) -> str:
        """'likely accepted (6 of 8 guesses)', with counter-offers counted apart; 'likely a
        counter-offer (8 of 8 guesses; accepted on 0)' when most guesses counter."""
        n, k, c = self.samples, self.accepted, self.countered
        if c * 2 > n:
            return f"likely a counter-offer ({c} of {n} guesses; accepted on {k})"
        # a toss-up is the middle (3–4 of 8): accepted on a quarter of the guesses or
        # fewer is a likely refusal (benchmarks/answer_calibration.py: 3–5 of 8 -> 38%)
        word = "likely accepted" if k * 2 > n else "likely refused" if k * 4 <= n else "a toss-up"
        tail = f"; a counter-offer on {c}" if c else ""
        return f"{word} ({k} of {n} guesses{tail})"


_ESTIMATES: dict[object, Acceptance] = {}  # by everything the estimate reads (the view)
# How a screen gets an offer's odds: (state, offer, viewer, seats) -> the estimate, or None
# while it is still being worked out (the window's background `OfferEstimates`).
Odds = Callable[[State, Action, int, Sequence[str] | None], Acceptance | None]


def is_offer(rules: Ruleset, action: Action) -> bool:
    """Whether `action` proposes a deal."""
    return action.action >= 0 and rules.actions[action.action].deal_role == PROPOSE


def deal_of_action(rules: Ruleset, action: Action) -> DealDef | None:
    """The deal an action plays, or None for an ordinary action."""
    if action.action < 0:
        return None
    index = rules.actions[action.action].deal
    return rules.deals[index] if index >= 0 else None


def acceptance(
    state: State,
    offer: Action,
    viewer: int,
    seats: Sequence[str] | None = None,
    samples: int = ODDS_SAMPLES,
) -> Acceptance:
    """How the recipient would answer `offer`, on `samples` states drawn from `viewer`'s
    view (fixed seeds: the same position gives the same estimate), the way its seat in
    `seats` (one name per faction, as the match records them) answers; without seats, by
    the one-step greedy answer.

    A counter-offer is not an acceptance; it is counted apart."""
    return estimate(observe(state, viewer), offer, seats, samples)


def estimate_key(
    view: PlayerView, offer: Action, seats: Sequence[str] | None, samples: int = ODDS_SAMPLES
) -> tuple[object, ...]:
    """Everything `estimate` reads: the view as the seat sees it, the offer, who plays
    each seat (public: the game's setup) and the number of guesses (the key of its cache)."""
    ranges = tuple(sorted(view.ranges.items()))
    when = (view.round, view.turn, view.ap)
    table = tuple(seats) if seats is not None else None
    return (id(view.rules), view.faction, view.values, ranges, when, offer, table, samples)


def known_estimate(
    view: PlayerView, offer: Action, seats: Sequence[str] | None = None
) -> Acceptance | None:
    """The estimate already worked out for this view and offer, else None (costs nothing)."""
    if deal_of_action(view.rules, offer) is None:
        return Acceptance(0, 0, 0)
    return _ESTIMATES.get(estimate_key(view, offer, seats))


def estimate(
    view: PlayerView,
    offer: Action,
    seats: Sequence[str] | None = None,
    samples: int = ODDS_SAMPLES,
) -> Acceptance:
    """`acceptance` on `view` (whatever it shows of the position, and nothing more)."""
    rules = view.rules
    deal = deal_of_action(rules, offer)
    if deal is None:
        return Acceptance(0, 0, 0)
    seat = seats[deal.recipient] if seats is not None and deal.recipient < len(seats) else None
    key = estimate_key(view, offer, seats, samples)
    found = _ESTIMATES.get(key)
    if found is not None:
        return found
    model = AnswerModel.for_seat(rules, deal.recipient, seat, seats)  # it knows the table
    viewer = view.faction
    accepted = countered = 0
    for seed in range(samples):
        trial = sample_state(view, seed)
        step(trial, offer)
        model.answer(trial, viewer, seed)
        if trial.v[deal.status_slot] == IN_FORCE:
            accepted += 1
        elif responder(trial) == viewer:
            countered += 1
    if len(_ESTIMATES) > 512:
        _ESTIMATES.clear()
    found = _ESTIMATES[key] = Acceptance(accepted, countered, samples)
    return found


def _if_accepted(state: State, offer: Action, viewer: int) -> tuple[str, str]:
    """What accepting `offer` would change, and do to `viewer`'s points, as it may see."""
    trial = state.clone()
    step(trial, offer)
    moves = [m for m in answer_moves(trial) if trial.rules.actions[m.action].deal_role == ACCEPT]
    if not moves:
        return "no immediate change", ""
    p = preview(trial, moves[0])
    return changes_text(trial.rules, p.on_success, viewer, trial.v), points_line(trial, p, viewer)


def offer_lines(
    state: State,
    offer: Action,
    viewer: int,
    seats: Sequence[str] | None = None,
    odds: Odds | None = None,
) -> list[str]:
    """The card's lines on a deal offer: terms, option, what accepting does, the odds
    (as the recipient's seat in `seats` answers, see `acceptance`; from `odds` when
    given, which may say they are still being worked out)."""
    rules = state.rules
    deal = deal_of_action(rules, offer)
    if deal is None:
        return []
    a = rules.actions[offer.action]
    lines = [f"Terms: {deal.terms or 'none beyond the effects below'}."]
    if deal.option_name:
        labels = ", ".join(deal.option_labels)
        lines.append(f"Offered: {deal.option_labels[a.option]} (choices: {labels}).")
    changes, points = _if_accepted(state, offer, viewer)
    lines.append(f"If {rules.factions[deal.recipient].short} accepts: {changes}")
    if points:
        lines.append(f"  {points}")
    lines.append(f"{rules.factions[deal.recipient].short} answers at once, before you go on.")
    if viewer >= 0:
        guess = (odds or acceptance)(state, offer, viewer, seats)
        said = guess.text() if guess is not None else "working it out…"
        lines.append(f"Estimate: {said}.")
    return lines


def offer_card(
    state: State,
    offer: Action,
    viewer: int,
    seats: Sequence[str] | None = None,
    odds: Odds | None = None,
) -> list[str]:
    """The whole card of a deal offer: its name, description, cost and `offer_lines`."""
    rules = state.rules
    a = rules.actions[offer.action]
    head = [a.name] + ([a.description] if a.description else [])
    return [*head, f"Cost: {cost_text(state, a)}", *offer_lines(state, offer, viewer, seats, odds)]


def breach_lines(state: State, action: Action, viewer: int) -> list[str]:
    """A warning for each promise in force that `action` would break (the breach's
    effects are part of the action's own preview); empty when it breaks none."""
    rules = state.rules
    view = observe(state, viewer) if viewer >= 0 else None
    lines = []
    for deal in broken_deals(state, action.action, viewer):
        stamp = _known(state, view, deal.round_slot)
        until = ""
        if stamp is not None:
            until = f" ({_status_words(rules, IN_FORCE, stamp, deal)})"
        lines.append(
            f"Warning: this breaks the {deal.name} promise{until};"
            " what the breach does is counted in the effects above."
        )
    return lines


def broken_deals(state: State, index: int, viewer: int) -> list[DealDef]:
    """The promises in force (as `viewer` knows them) that taking action `index` breaks."""
    rules = state.rules
    if index < 0:
        return []
    a = rules.actions[index]
    view = observe(state, viewer) if viewer >= 0 else None
    out = []
    for deal in rules.deals:
        if deal.binding or _known(state, view, deal.status_slot) != IN_FORCE:
            continue
        side = deal.proposer_refrains if a.faction == deal.proposer else ()
        if a.faction == deal.recipient:
            side = side + deal.recipient_refrains
        if a.index in side:
            out.append(deal)
    return out


def breaks_tag(state: State, index: int, viewer: int) -> str:
    """A move list's note on an action that breaks a promise in force: ' · breaks your
    promise to ECOWAS' ('' when it breaks none)."""
    rules = state.rules
    faction = rules.actions[index].faction if index >= 0 else -1
    others = []
    for deal in broken_deals(state, index, viewer):
        other = deal.recipient if faction == deal.proposer else deal.proposer
        if rules.factions[other].short not in others:
            others.append(rules.factions[other].short)
    if not others:
        return ""
    return f" · breaks your promise to {' and '.join(others)}"


def answer_label(rules: Ruleset, move: Action) -> str:
    """'Accept (2 cash)', 'Refuse', 'Counter: 1 cash'."""
    a = rules.actions[move.action]
    deal = rules.deals[a.deal]
    option = deal.option_labels[a.option] if a.option >= 0 and deal.option_name else ""
    if a.deal_role == COUNTER:
        return f"Counter: {option}"
    if a.deal_role == ACCEPT:
        return f"Accept ({option})" if option else "Accept"
    return "Refuse"


COUNTER_HINT = "You may counter with another option; they then accept or refuse it."


def incoming_lines(state: State, viewer: int) -> list[str]:
    """The offer awaiting `viewer`'s answer: who offers what, the terms, what accepting and
    refusing would do (empty when no offer awaits `viewer`)."""
    deal = pending_deal(state)
    if deal is None or responder(state) != viewer:
        return []
    rules = state.rules
    k = pending_option(state)
    option = f" ({deal.option_labels[k]})" if deal.option_name else ""
    back = viewer == deal.proposer  # answering the recipient's counter-offer
    other = deal.recipient if back else deal.proposer
    name = rules.factions[other].name
    who = (
        verb(name, "counters with", "counter with")
        if back
        else verb(name, "offers you", "offer you")
    )
    lines = [f"{who} {in_sentence(deal.name)}{option}"]
    if deal.description:
        lines.append(deal.description)
    lines.append(f"Terms: {deal.terms or 'none beyond the effects below'}.")
    words = {ACCEPT: "If you accept", REFUSE: "If you refuse"}
    counters = []
    for move in answer_moves(state):
        a = rules.actions[move.action]
        head = words.get(a.deal_role)
        if head is not None:
            p = preview(state, move)
            lines.append(f"{head}: {changes_text(rules, p.on_success, viewer, state.v)}")
            lines.append(f"  {points_line(state, p, viewer)}")
        elif a.deal_role == COUNTER and a.option >= 0:
            _, points = _if_accepted(state, move, viewer)  # what their acceptance does
            if points:
                option = deal.option_labels[a.option]
                counters.append(f"If you counter with {option} and they accept: {points}")
    lines += counters
    if deal.counter and not back:
        lines.append(COUNTER_HINT)
    return lines


def deal_lines(state: State, viewer: int, current: bool = False) -> list[str]:
    """One line per deal offered so far, as `viewer` may know it: in force (until when),
    kept, broken, refused or awaiting an answer (`current`: only those in force or
    awaiting an answer)."""
    return [text for _, text in deal_entries(state, viewer, current)]


def deal_entries(state: State, viewer: int, current: bool = False) -> list[tuple[int, str]]:
    """`deal_lines` with each deal's status (IN_FORCE, KEPT...) before its line."""
    rules = state.rules
    view = observe(state, viewer) if viewer >= 0 else None
    lines: list[tuple[int, str]] = []
    for deal in rules.deals:
        status = _known(state, view, deal.status_slot)
        if status is None or status == 0 or (current and status not in (IN_FORCE, OFFERED)):
            continue
        option = _option_text(state, view, deal, status)
        stamp = _known(state, view, deal.round_slot)
        sides = f"{rules.factions[deal.proposer].short}–{rules.factions[deal.recipient].short}"
        words = _status_words(rules, status, stamp, deal)
        lines.append((status, f"{deal.name}{option}, {sides}: {words}"))
    return lines


def _option_text(state: State, view: PlayerView | None, deal: DealDef, status: int) -> str:
    """' (2 cash)': the option on the table (pending) or agreed, '' when none or unknown."""
    if not deal.option_name:
        return ""
    if status == OFFERED:  # the pending slots, read as the viewer may see them
        slots = state.rules.pending
        index, k = _known(state, view, slots.deal), _known(state, view, slots.option)
        if index != deal.index + 1 or k is None or not 0 <= k < len(deal.option_labels):
            return ""
        return f" ({deal.option_labels[k]})"
    value = _known(state, view, deal.option_slot)
    if value is None or value not in deal.options:
        return ""
    return f" ({deal.option_labels[deal.options.index(value)]})"


def _known(state: State, view: PlayerView | None, slot: int) -> int | None:
    """A slot's value if the viewer may see it (everything for an onlooker)."""
    if view is None:
        return state.v[slot]
    return view.values[slot]


def _status_words(rules: Ruleset, status: int, stamp: int | None, deal: DealDef) -> str:
    """'in force until the end of Round 3', 'kept', 'broken (Round 2)'..."""
    name = rules.round_name
    if status == IN_FORCE and stamp is not None:
        last = stamp + deal.rounds
        return (
            f"in force until the end of {name} {last}"
            if last < rules.rounds
            else ("in force until the end of the game")
        )
    if status == OFFERED:
        return "offered, awaiting an answer"
    if status in (KEPT, BROKEN, REFUSED) and stamp is not None:
        return f"{STATUS_WORDS[status]} ({name} {stamp})"
    return STATUS_WORDS[status] if 0 <= status < len(STATUS_WORDS) else str(status)
