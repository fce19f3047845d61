"""A game being played in the window: the match, who sits where, and whose eyes we use.

No pygame here: the play screen asks the session what to show and hands it moves.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from game.ai import Agent, Decision, agent_names, create_agent
from game.ai.base import StopFlag
from game.ai.reasons import may_see_estimate, player_words
from game.ai.runner import BackgroundDecider
from game.engine import Action, LogEntry, PlayerView, Ruleset, legal_actions, observe
from game.engine.log import ACTION, PASSED
from game.headless import seat_rng
from game.match import Match
from game.saves import autosave
from game.seats import HUMAN
from game.ui.offer_estimates import OfferEstimates

AI_LEVELS = ("ai:easy", "ai:normal", "ai:hard")


class LazyAgent:
    """An agent built on its first decision (on the worker thread), so starting a game
    never freezes the window while an AI prepares its model of the level."""

    def __init__(
        self,
        name: str,
        rules: Ruleset,
        faction: int,
        budget_ms: int | None,
        seats: Sequence[str] | None = None,
    ) -> None:
        self.name = name
        self._args = (rules, faction, budget_ms)
        self._seats = tuple(seats) if seats is not None else None  # who answers its offers
        self._agent: Agent | None = None

    @property
    def agent(self) -> Agent:
        """The real agent (built now if needed)."""
        if self._agent is None:
            self._agent = create_agent(self.name, *self._args, seats=self._seats)
        return self._agent

    def decide(
        self,
        view: PlayerView,
        legal: list[Action],
        rng: random.Random,
        stop: StopFlag | None = None,
    ) -> Decision:
        """The real agent's decision (`stop` passed on)."""
        return self.agent.decide(view, legal, rng, stop)


def resolve_agent(name: str) -> str:
    """The agent name to use for a seat: `name` if registered, else 'random'."""
    return name if name in agent_names() else "random"


@dataclass
class GameSession:
    """A match plus seats. `viewer` is the faction whose view is on screen (-1: everything,
    used when no human plays)."""

    match: Match
    seats: list[str]
    budget_ms: int | None = None
    agents: dict[int, Agent] = field(default_factory=dict)
    rngs: dict[int, random.Random] = field(default_factory=dict)
    deciders: dict[int, BackgroundDecider] = field(default_factory=dict)
    viewer: int = -1
    thinking: int = -1
    last_autosave_round: int = 0
    notes: list[str] = field(default_factory=list)
    seated: bool = False  # a person has claimed the viewer's seat (hot seat: via hand-off)
    held: int = -1  # a human whose turn ended at 0 AP and who has not yet ended it (setting)
    lessons: bool = False  # the level's tutorial shows from the start (else F1 shows it)
    estimates: OfferEstimates = field(default_factory=lambda: OfferEstimates(False))

    def __post_init__(self) -> None:
        rules = self.match.rules
        self.match.seats = list(self.seats)  # saves record who plays each faction
        for i, seat in enumerate(self.seats):
            if seat == HUMAN:
                continue
            name = resolve_agent(seat)
            if name != seat:
                self.notes.append(
                    f"{rules.factions[i].name}: '{seat}' is not available yet; "
                    "a random agent plays instead."
                )
            self.agents[i] = LazyAgent(name, rules, i, self.budget_ms, self.seats)
            self.rngs[i] = seat_rng(self.match.seed, i)
        humans = self.humans
        if humans:
            active = self.match.active
            self.viewer = active if active in humans else humans[0]
        self.last_autosave_round = self.match.state.round

    @property
    def humans(self) -> list[int]:
        """Faction indexes played by people."""
        return [i for i, s in enumerate(self.seats) if s == HUMAN]

    @property
    def hotseat(self) -> bool:
        """True when two or more people share the screen."""
        return len(self.humans) >= 2

    def is_human(self, faction: int) -> bool:
        """Whether a person plays this faction."""
        return 0 <= faction < len(self.seats) and self.seats[faction] == HUMAN

    def view(self) -> PlayerView | None:
        """The on-screen faction's view, or None when everything is shown (no humans)."""
        if self.viewer < 0:
            return None
        return observe(self.match.state, self.viewer)

    def needs_handoff(self) -> bool:
        """True when a different person must take the seat before the next move (see
        `handoff_to`)."""
        return self.handoff_to() >= 0

    def handoff_to(self) -> int:
        """The person who must take the seat before the game goes on, or -1: in a hot seat
        game, the acting human (or the one whose turn is held) when someone else is at the
        screen, or before the first move (a new or loaded game opens on the hand-off
        screen, never straight on the acting player's private values)."""
        faction = self.held if self.held >= 0 else self.match.active
        if self.hotseat and self.is_human(faction):
            return faction if faction != self.viewer or not self.seated else -1
        return -1

    def take_seat(self, faction: int) -> None:
        """Show the game through this (human) faction's eyes from now on."""
        self.viewer = faction
        self.seated = True

    # --- AI turns -------------------------------------------------------------------
    def start_ai(self) -> None:
        """Start the acting AI seat thinking (no-op if it already is or a human acts)."""
        active = self.match.active
        if active < 0 or self.is_human(active) or self.thinking == active:
            return
        decider = self.deciders.get(active)
        if decider is None:
            decider = self.deciders[active] = BackgroundDecider(self.agents[active])
        state = self.match.state
        decider.start(observe(state, active), legal_actions(state), self.rngs[active])
        self.thinking = active

    def poll_ai(self) -> Decision | None:
        """Apply the thinking AI's move if it is ready; returns it, else None."""
        if self.thinking < 0:
            return None
        decider = self.deciders[self.thinking]
        decision = decider.poll()
        if decision is None:
            if decider.error is not None:
                self.thinking = -1
                raise decider.error
            return None
        self.thinking = -1
        self.play(decision.action, decision.reason)
        return decision

    def cancel_ai(self) -> None:
        """Stop waiting for the thinking AI."""
        if self.thinking >= 0:
            self.deciders[self.thinking].cancel()
        self.thinking = -1

    # --- moves ----------------------------------------------------------------------
    def play(self, action: Action, reason: str = "", wait: bool = False) -> list[LogEntry]:
        """Apply a move for the acting faction (raises IllegalAction); autosaves after every
        human move, on a new round and at the end of the game. With `wait`, a human action
        that spent the last action point holds the game on that seat (`held`) until the
        player ends the turn (`release`), so its result can be read first."""
        mover = self.match.active
        human = self.is_human(mover)
        turn = (self.match.state.round, self.match.state.turn)
        entries = self.match.play(action, reason)
        state = self.match.state
        spent = (state.round, state.turn) != turn and action.action >= 0
        if wait and human and spent and not self.match.is_over:
            self.held = mover
        if human or self.match.state.round != self.last_autosave_round or self.match.is_over:
            self.last_autosave_round = self.match.state.round
            self.autosave()
        return entries

    def hold_resumed_turn(self) -> bool:
        """On resuming a game with the 'End of turn: wait' setting: when its last move was
        a human's action that spent their last action point (not End turn), hold the game
        on that seat again, as it was on screen when saved; True when it holds."""
        match = self.match
        if not match.history or match.is_over or self.held >= 0:
            return False
        last = match.history[-1]
        if last.action.action < 0 or not self.is_human(last.faction):
            return False
        if match.active == last.faction and match.state.round == last.round:
            return False  # the turn goes on: nothing to hold
        self.held = last.faction
        return True

    def release(self) -> bool:
        """End a held turn (the others may play now); False when none was held."""
        if self.held < 0:
            return False
        self.held = -1
        return True

    def save_on_leave(self) -> None:
        """Autosave a game still in progress as the player leaves it (quit to title,
        closing the window), AI moves of the round included: resuming loses nothing."""
        if self.match.history and not self.match.is_over:
            self.cancel_ai()
            self.autosave()

    def autosave(self) -> None:
        """Write the autosave now (a failure becomes a note on screen, never an error)."""
        try:
            autosave(self.match)
        except OSError as exc:
            self.notes.append(f"Autosave failed: {exc}")

    def can_undo(self) -> bool:
        """Whether the on-screen human may take back their last move now."""
        return self.viewer >= 0 and self.match.can_undo(self.viewer)

    def undo(self) -> bool:
        """Take back the on-screen human's last move."""
        if not self.can_undo():
            return False
        self.cancel_ai()
        return self.match.undo()

    def can_redo(self) -> bool:
        """Whether the on-screen human may play their taken-back move again now.

        `Match.undo` only takes back a move that kept the same faction acting (same turn,
        no roll), so every move waiting to be redone is the acting faction's own."""
        match = self.match
        return self.viewer >= 0 and match.can_redo() and match.active == self.viewer

    def redo(self) -> bool:
        """Play the on-screen human's taken-back move again (same result: nothing new is
        revealed, since only moves without a roll can be taken back)."""
        if not self.can_redo():
            return False
        self.cancel_ai()
        return self.match.redo()


def search_numbers_shown(viewer: int, setting: bool) -> bool:
    """Whether AI reasons show the search's numbers: only with the setting ('AI reasons:
    with search numbers') on and in a game no person plays (`viewer` -1: AIs watched). The
    numbers come from the acting AI's private values and its samples of hidden ones (its
    expected margin, how near a defeat it judges itself), so in a game with a human they
    reach no seat; the plain-words sentence (public values only) always shows."""
    return setting and viewer < 0


def move_reasons(match: Match, viewer: int, details: bool = False) -> dict[int, str]:
    """Index in `match.log` of each move's first entry → the reason its agent gave, in a
    player's words as `viewer` (-1: a spectator) may read them: with the search's numbers
    when `details` is on and no person plays (`search_numbers_shown`).

    The k-th action-or-pass entry of the log belongs to the k-th move of the history.
    """
    reasons: dict[int, str] = {}
    k = 0
    for i, entry in enumerate(match.log):
        if entry.kind in (ACTION, PASSED):
            if k < len(match.history) and match.history[k].reason:
                move = match.history[k]
                shown = search_numbers_shown(viewer, details)
                own = shown and may_see_estimate(viewer, move.faction)
                reasons[i] = player_words(move.reason, shown, own)
            k += 1
    return reasons
