"""The level's lessons in the terminal: numbered steps with "do: …" printed above the
prompt, each done when the player types what it asks (see `game.ui.tutorial`).

Steps that wait for Next are printed and done at once; steps about the window alone
(closing a panel) are left out; a step whose action cannot be taken now says why and is
passed over.
"""

from __future__ import annotations

from game.engine import Action
from game.engine.lesson_defs import PANELS, LessonDef
from game.engine.ruleset import NO_TARGET, ActionDef
from game.match import Match
from game.ui.text_view import action_number
from game.ui.tutorial import Tutorial, UiFacts

_LOOK = {  # where a step points, and the command that shows it in the terminal
    "objectives": "o",
    "score": "o",
    "log": "l",
    "map": "v",
    "region": "v",
    "dashboard": "v",
    "track": "v",
    "deals": "d",
    "deal": "d",
}

# One tutorial per game and learner, with the game's log (an id can be reused later).
_tutorials: dict[tuple[int, int], tuple[object, TextTutorial | None]] = {}


class TextTutorial:
    """A `Tutorial` told as numbered terminal steps."""

    def __init__(self, tutorial: Tutorial) -> None:
        self.tutorial = tutorial
        self.printed = -1  # the index of the last step printed

    def lines(self, match: Match, facts: UiFacts | None = None) -> list[str]:
        """Finish what is done and print the steps now due (each once)."""
        t = self.tutorial
        facts = facts or UiFacts()
        out: list[str] = []
        while True:
            t.update(match, facts)
            step = t.shown(match, facts)
            if step is None:
                return out
            blocked = t.blocked(match)
            if t.index != self.printed and step.wait_for != "close":
                out += self._step(match, step, blocked)
            self.printed = t.index
            if step.wait_for != "next" and not blocked:
                return out
            t.next(match)

    def toggle(self, match: Match) -> str:
        """The `t` command: stop the steps, or resume them (the current one printed again)."""
        t = self.tutorial
        if not t.skipped:
            t.skip()
            return "Tutorial stopped; 't' resumes it."
        t.resume()
        self.printed = -1
        return "\n".join(self.lines(match)) or "Tutorial resumed; its next step comes later."

    def heard(self, match: Match, word: str, rest: str) -> list[str]:
        """After a command: what it showed (a card, a panel) may finish the step."""
        rules, faction = match.rules, self.tutorial.faction
        shown: set[str] = set()
        if word in ("o", "objectives", "score"):
            shown.add("objectives")
        elif word in ("l", "log"):
            shown.add("log")
        number = rest if word in ("why", "p", "w") else word
        selected, target = _move_of(rules.by_faction[faction], number)
        out = self.lines(match, UiFacts(selected, target, frozenset(shown)))
        return out + self.lines(match)  # the terminal has no panel left open

    def _step(self, match: Match, step: LessonDef, blocked: str) -> list[str]:
        n, total = self.tutorial.number()
        out = [f"-- Tutorial {n}/{total}: {step.title} --", f"  {step.text}"]
        if blocked:
            out.append(f"  (not possible now: {blocked} Moving on.)")
            return out
        do = self._do(match, step)
        look = _LOOK.get(step.point_at)
        if do:
            out.append(f"  do: {do}")
        elif look:
            out.append(f"  (type '{look}' to see it)")
        return out

    def _do(self, match: Match, step: LessonDef) -> str:
        rules, kind, ref = match.rules, step.wait_for, step.wait_ref
        if kind in ("select", "action"):
            a = rules.actions[ref]
            n = action_number(rules, Action(ref, 0 if a.target_kind != NO_TARGET else -1))
            n = n.split(".")[0]
            pick = f"{n}.T (T: its target)" if a.target_kind != NO_TARGET else n
            if kind == "select":
                return f"type 'why {n}' to read the card of {a.name}"
            return f"play {a.name}: type {pick}"
        if kind == "target":
            return f"aim it at {rules.regions[ref].name}: 'why N.T' shows that, 'N.T' plays it"
        if kind == "offer":
            deal = rules.deals[ref]
            numbers = ", ".join(action_number(rules, Action(a, -1)) for a in deal.propose)
            return f"offer {deal.name}: type one of {numbers}"
        if kind == "answer":
            return f"wait for the answer to {rules.deals[ref].name}"
        if kind == "end_turn":
            return "type 0 to end your turn"
        if kind == "open":
            return f"type '{'l' if PANELS[ref] == 'log' else 'o'}'"
        return ""


def _move_of(own: tuple[ActionDef, ...], number: str) -> tuple[int, int]:
    """(action index, target) that 'N' or 'N.T' names among the learner's moves, or -1s."""
    head, _, tail = number.strip().rstrip(".").partition(".")
    if not head.isdigit() or not 1 <= int(head) <= len(own):
        return -1, -1
    return own[int(head) - 1].index, int(tail) - 1 if tail.isdigit() else -1


def text_tutorial(match: Match, faction: int) -> TextTutorial | None:
    """The terminal tutorial of `faction` in this game (None: the level has no lessons
    for it)."""
    key = (id(match.log), faction)
    kept = _tutorials.get(key)
    if kept is None or kept[0] is not match.log:
        found = Tutorial.for_seat(match.rules, faction)
        kept = _tutorials[key] = (match.log, TextTutorial(found) if found is not None else None)
    return kept[1]
