"""How likely the game is to end before a faction's next turn from the rules alone (the
news, the events and the upkeep, every other seat passing), as that faction may know it.

The forecast plays the rest of the round and the next round's news on states sampled from
the faction's view (hidden values drawn from their ranges, a fresh generator each), so it
never peeks; with an action it takes that move first. Rivals' own moves are left out on
purpose: the number answers "what can happen to me even if nobody else acts".
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.rules import current_faction, end_round, is_legal, step
from game.engine.ruleset import PASS, Action
from game.engine.state import State
from game.engine.view import PlayerView, sample_state

SAMPLES = 200  # a share near 25% then carries a standard error of about 3 points


@dataclass(frozen=True, slots=True)
class Forecast:
    """Of `samples` sampled futures, how many ended in each outcome (index, count) before
    the faction's next turn; outcomes that never came up are left out. `won` counts, per
    outcome, the futures in which the faction won that ending, and `nobody` those in
    which nobody did."""

    samples: int
    endings: tuple[tuple[int, int], ...]
    won: tuple[tuple[int, int], ...] = ()
    nobody: tuple[tuple[int, int], ...] = ()

    def chance(self, outcome: int) -> float:
        """The share of sampled futures that ended in `outcome`."""
        return _count(self.endings, outcome) / max(1, self.samples)

    def win_share(self, outcome: int) -> float | None:
        """Of the futures that ended in `outcome`, the share the faction won (None when
        nobody won any of them, or it never came up)."""
        ended = _count(self.endings, outcome)
        if ended == 0 or _count(self.nobody, outcome) == ended:
            return None
        return _count(self.won, outcome) / ended


def _count(pairs: tuple[tuple[int, int], ...], outcome: int) -> int:
    return next((n for i, n in pairs if i == outcome), 0)


def _until_next_turn(state: State, faction: int) -> None:
    """Play the rest of the round and the next one's news, every seat passing, until
    `faction` acts again (or the game ends), in place."""
    start = state.round
    end_round(state)
    while state.outcome < 0 and state.round == start + 1 and current_faction(state) != faction:
        step(state, PASS)


def forecast(
    view: PlayerView, action: Action | None = None, samples: int = SAMPLES, seed: int = 0
) -> Forecast:
    """The odds that the game ends before `view.faction`'s next turn if nobody else acts,
    after `action` (taken first, when given and legal for the acting faction) or with the
    faction ending its turn now. In the last round the game's ordinary end (an outcome
    checked only when the clock runs out) is not counted: only what would end it sooner.
    Deterministic for a given view, action and seed."""
    counts: dict[int, int] = {}
    won: dict[int, int] = {}
    nobody: dict[int, int] = {}
    if view.is_over:
        return Forecast(0, ())
    rules = view.rules
    last = view.round >= rules.rounds  # the clock runs out before that turn: not a warning
    tried = 0
    for k in range(samples):
        state = sample_state(view, seed * 7919 + k)
        if action is not None and action.action >= 0:
            if not is_legal(state, action):
                continue  # a hidden value made it illegal in this sample
            step(state, action)
        tried += 1
        if state.outcome < 0:
            _until_next_turn(state, view.faction)
        if state.outcome >= 0 and not (last and not rules.outcomes[state.outcome].instant):
            ended = state.outcome
            counts[ended] = counts.get(ended, 0) + 1
            if state.winner == view.faction:
                won[ended] = won.get(ended, 0) + 1
            elif state.winner < 0:
                nobody[ended] = nobody.get(ended, 0) + 1
    return Forecast(
        tried,
        tuple(sorted(counts.items())),
        tuple(sorted(won.items())),
        tuple(sorted(nobody.items())),
    )
