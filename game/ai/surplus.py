"""What an offer hands its recipient beyond what the proposer's own judge credits it.

A recipient accepts an offer when its own judge finds the deal worth it. The proposer
judges the same deal by its judge, which can see the recipient gain little where the
recipient's sees it gain a lot: on niger_2023 the normal ECOWAS (static victory rules)
put the junta 0.2 points worse off after a 24-month timetable at week 3, where the
junta's learned value model put its chance of winning from 23% to 32%; in the 72 of 200
games where the junta took and kept such a timetable it won 44 and ECOWAS none (on the
same seeds: the junta 12 when it made no deals, ECOWAS 10 when it made none). The
recipient's own judge is the better witness of its own gain (it decides the answer), so
a proposer counts that excess against its offer: `surplus` is the recipient's gain by its
judge, one step ahead, less its gain by the proposer's judge, when positive (0 when it
refuses). The
same holds for accepting the other side's offer or counter-offer (`answer_surplus`: in
game 0 of that batch ECOWAS, offering 12 months, accepted the junta's 24 instead).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from game.engine import Action, PlayerView, State, legal_actions, responder, sample_state, step
from game.engine.deal_defs import ACCEPT, REFUSE

Margins = Callable[[State], list[float]]
Answer = Callable[[State, int], Action]  # the recipient's answer to the offer pending


def surplus(
    view: PlayerView,
    offer: Action,
    answer: Answer,
    theirs: Margins,
    mine: Margins,
    seeds: Sequence[int],
) -> float:
    """The mean over states sampled from `view` (with `seeds`) of how much more the
    recipient of `offer` gains by accepting, judged by `theirs`, than `mine` credits it
    with (one step: after its answer against after refusing); 0 on a sample where it
    does not accept (`answer` gives its answer) or where `mine` credits it as much."""
    if not seeds:
        return 0.0
    total = 0.0
    for seed in seeds:
        state = sample_state(view, seed)
        step(state, offer)
        who = responder(state)
        if who < 0:
            continue
        moves = legal_actions(state)
        roles = [state.rules.actions[m.action].deal_role for m in moves]
        if REFUSE not in roles:
            continue
        refuse = moves[roles.index(REFUSE)]
        move = answer(state, who)
        if move == refuse or state.rules.actions[move.action].deal_role != ACCEPT:
            continue
        total += excess(state, move, refuse, who, theirs, mine)
    return total / len(seeds)


def answer_surplus(
    view: PlayerView,
    agree: Action,
    other: int,
    theirs: Margins,
    mine: Margins,
    seeds: Sequence[int],
) -> float:
    """`surplus` for the viewing seat answering an offer of `other`'s with `agree` (say,
    accepting a counter-offer): how much more `other` gains by it than by the refusal,
    by `theirs`, than `mine` credits it with; the mean over states sampled with `seeds`."""
    if not seeds:
        return 0.0
    total = 0.0
    for seed in seeds:
        state = sample_state(view, seed)
        moves = legal_actions(state)
        refuse = next(m for m in moves if state.rules.actions[m.action].deal_role == REFUSE)
        total += excess(state, agree, refuse, other, theirs, mine)
    return total / len(seeds)


def excess(
    state: State, agree: Action, refuse: Action, who: int, theirs: Margins, mine: Margins
) -> float:
    """How much more `who` gains on `state` by `agree` over `refuse` by `theirs` than by
    `mine`, or 0 (copies: `state` is not changed)."""
    agreed = state.clone()
    step(agreed, agree)
    refused = state.clone()
    step(refused, refuse)
    gain = theirs(agreed)[who] - theirs(refused)[who]
    credited = mine(agreed)[who] - mine(refused)[who]
    return max(0.0, gain - credited)
