"""A level's lessons as a tutorial in progress: which step is due, and whether the player
has done what it waits for. Shared by the window's overlay and the terminal.

The step due is the first unfinished one whose round has come; a step still waiting when a
later round starts is dropped (its moment has passed). A step is shown, and its wait checked,
only on the learner's turns; what the window alone knows (the selection, the open panels)
comes in as `UiFacts`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine import Ruleset, action_options, responder
from game.engine.lesson_defs import PANELS, LessonDef
from game.engine.ruleset import FACTION_TARGET, NO_TARGET, REGION_TARGET
from game.match import Match

_AIM = {REGION_TARGET: " and pick a region on the map,", FACTION_TARGET: " and pick a faction,"}
_TARGET_WORD = {REGION_TARGET: "a region on the map", FACTION_TARGET: "a faction on the card"}


@dataclass(frozen=True)
class UiFacts:
    """What the screen shows that the match does not know."""

    selected: int = -1  # the action (definition index) whose card is open, or -1
    target: int = -1  # the target the selection aims at, or -1
    open: frozenset[str] = field(default_factory=frozenset)  # open panels ('objectives', 'log')
    held: int = -1  # the seat whose turn is over but waits for End turn, or -1


@dataclass
class _Mark:
    """Where the match stood when the current step was first shown."""

    history: int
    round: int


class Tutorial:
    """The learner's progress through a level's lessons."""

    def __init__(self, rules: Ruleset, faction: int) -> None:
        self.rules = rules
        self.faction = faction
        self.steps = [s for s in rules.lessons if s.faction == faction]
        self.index = 0
        self.skipped = False
        self._mark: _Mark | None = None

    @classmethod
    def for_seat(cls, rules: Ruleset, faction: int) -> Tutorial | None:
        """The tutorial for a human at `faction`, or None when the level has no lessons
        for it."""
        if faction < 0 or not any(s.faction == faction for s in rules.lessons):
            return None
        return cls(rules, faction)

    # --- where we are ------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        """Whether every step is done (or dropped)."""
        return self.index >= len(self.steps)

    def number(self) -> tuple[int, int]:
        """(the current step's number from 1, how many steps there are)."""
        return self.index + 1, len(self.steps)

    def due(self, match: Match) -> LessonDef | None:
        """The step due in this round, whoever's turn it is; None when skipped, finished
        or the next step's round has not come (steps of past rounds are dropped here)."""
        if self.skipped or match.is_over:
            return None
        now = match.state.round
        while not self.finished and self.steps[self.index].round < now:
            self._advance()
        if self.finished or self.steps[self.index].round > now:
            return None
        return self.steps[self.index]

    def learners_turn(self, match: Match, facts: UiFacts) -> bool:
        """Whether the learner may act now (or reads a turn held for End turn)."""
        return match.active == self.faction or facts.held == self.faction

    def shown(self, match: Match, facts: UiFacts) -> LessonDef | None:
        """The step to show now: the one due, on the learner's turn."""
        step = self.due(match)
        return step if step is not None and self.learners_turn(match, facts) else None

    # --- moving on ---------------------------------------------------------------------
    def update(self, match: Match, facts: UiFacts) -> bool:
        """Finish every step whose wait is met, in order; True if any was. A step's wait
        counts only what happened after it was first shown."""
        moved = False
        while (step := self.due(match)) is not None:
            if self._mark is None:
                if not self.learners_turn(match, facts):
                    break
                self._mark = _Mark(len(match.history), match.state.round)
            self._mark.history = min(self._mark.history, len(match.history))  # after undo
            if not self.met(step, match, facts):
                break
            self._advance()
            moved = True
        return moved

    def next(self, match: Match) -> bool:
        """The Next button: finishes a step that waits for it, or one whose wait cannot be
        met now (see `blocked`); False otherwise."""
        step = self.due(match)
        if step is None or (step.wait_for != "next" and not self.blocked(match)):
            return False
        self._advance()
        return True

    def skip(self) -> None:
        """Stop showing the tutorial (`resume` brings it back where it was)."""
        self.skipped = True

    def resume(self) -> None:
        """Show the tutorial again after a skip."""
        self.skipped = False

    def _advance(self) -> None:
        self.index += 1
        self._mark = None

    # --- waits -------------------------------------------------------------------------
    def met(self, step: LessonDef, match: Match, facts: UiFacts) -> bool:
        """Whether the player has done what `step` waits for."""
        kind, ref = step.wait_for, step.wait_ref
        if kind == "next":
            return False
        if kind == "select":
            return facts.selected == ref
        if kind == "target":
            return facts.selected >= 0 and facts.target == ref
        if kind in ("open", "close"):
            return (PANELS[ref] in facts.open) == (kind == "open")
        mark = self._mark
        if mark is None:
            return False
        if kind == "end_turn":
            return match.state.round > mark.round or not self.learners_turn(match, facts)
        wanted = self._moves(kind, ref)
        learner_only = kind != "answer"
        return any(
            m.action.action in wanted and (m.faction == self.faction or not learner_only)
            for m in match.history[mark.history :]
        )

    def _moves(self, kind: str, ref: int) -> frozenset[int]:
        """The action indices whose play meets an `action`, `offer` or `answer` wait."""
        if kind == "action":
            return frozenset((ref,))
        deal = self.rules.deals[ref]
        if kind == "offer":
            return frozenset(deal.propose)
        answers = (*deal.accept, deal.refuse, *deal.counter, *deal.accept_back, deal.refuse_back)
        return frozenset(a for a in answers if a >= 0)

    def blocked(self, match: Match) -> str:
        """Why the current step's action cannot be taken now ('' when it can, or when the
        step waits for no action of the learner's)."""
        step = self.due(match)
        if step is not None and step.wait_for == "answer" and responder(match.state) < 0:
            return "No offer awaits an answer now."
        if step is None or step.wait_for not in ("select", "action", "offer", "target"):
            return ""
        if match.active != self.faction:
            return "Your turn is over."
        options = action_options(match.state, self.faction)
        if step.wait_for == "target":
            if any(o.legal and o.action.target == step.wait_ref for o in options):
                return ""
            return f"{self.rules.regions[step.wait_ref].name} cannot be aimed at now."
        wanted = (
            self._moves("offer", step.wait_ref)
            if step.wait_for == "offer"
            else frozenset((step.wait_ref,))
        )
        mine = [o for o in options if o.action.action in wanted]
        if any(o.legal for o in mine):
            return ""
        return mine[0].reason if mine else "It is not available now."

    # --- words -------------------------------------------------------------------------
    def do_text(self, step: LessonDef, facts: UiFacts | None = None) -> str:
        """What the player must do, in the window's words ('' for a Next step); with the
        screen's `facts`, only what is left (e.g. just Confirm once the action is aimed)."""
        kind, ref, rules = step.wait_for, step.wait_ref, self.rules
        if kind == "action" and facts is not None and facts.selected == ref:
            if rules.actions[ref].target_kind == NO_TARGET or facts.target >= 0:
                return "Click Confirm (Enter)."
            return f"Now pick {_TARGET_WORD[rules.actions[ref].target_kind]}, then Confirm."
        if kind == "next":
            return ""
        if kind == "end_turn":
            return "End your turn (E)."
        if kind in ("select", "action"):
            a = rules.actions[ref]
            if kind == "select":
                return f"Click {a.name} in your actions."
            aim = _AIM.get(a.target_kind, ",")
            return f"Play {a.name}: click it{aim} then Confirm."
        if kind == "target":
            return f"Click {rules.regions[ref].name} on the map."
        if kind == "offer":
            return f"Offer {rules.deals[ref].name}: click one of its offers, then Confirm."
        if kind == "answer":
            return f"Wait for the answer to {rules.deals[ref].name}."
        key = "L" if PANELS[ref] == "log" else "O"
        verb = "Open" if kind == "open" else "Close"
        return f"{verb} the {PANELS[ref]} ({key})."
