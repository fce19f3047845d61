"""What happened and why: compact log entries and their human descriptions.

Entries hold only numbers (made in the hot loop when logging is on); text is built
by `describe` when someone reads the log.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Final, NamedTuple

from game.engine.grammar import verb
from game.engine.ruleset import FACTION_TARGET, REGION_TARGET, Ruleset, VarDef

ROUND: Final = 0
ACTION: Final = 1
EVENT: Final = 2
UPKEEP: Final = 3
OUTCOME: Final = 4
OBJECTIVE: Final = 5
PASSED: Final = 6


class LogEntry(NamedTuple):
    """One thing that happened.

    `ref` is the index of the action, event, upkeep rule, outcome or objective;
    `success` is 1 or 0 for actions with a chance roll, -1 otherwise; `changes`
    lists (slot, delta); `visible_to` is -1 for everyone or one faction index;
    `news` is the index (into `Ruleset.news`) of the branch headline that ran, or -1;
    `also_visible_to` a second faction that may see an entry meant for one (a private deal's).
    """

    round: int
    kind: int
    faction: int
    ref: int
    target: int = -1
    success: int = -1
    changes: tuple[tuple[int, int], ...] = ()
    visible_to: int = -1
    news: int = -1
    also_visible_to: int = -1


def headline_of(rules: Ruleset, entry: LogEntry) -> str:
    """The news line of an event entry: the headline of the branch that ran, if it has
    one, else the event's own headline ('' when the branch chose to print nothing)."""
    if entry.news >= 0:
        return rules.news[entry.news].headline
    return rules.events[entry.ref].headline if entry.kind == EVENT else ""


def news_text(rules: Ruleset, entry: LogEntry) -> str:
    """The longer text for an event card: the branch's log text, else the event's description."""
    if entry.news >= 0 and rules.news[entry.news].text:
        return rules.news[entry.news].text
    return rules.events[entry.ref].description if entry.kind == EVENT else ""


def visible(entry: LogEntry, viewer: int) -> bool:
    """Whether a faction (or -1, an omniscient reader) may see this entry."""
    return viewer < 0 or entry.visible_to < 0 or viewer in (entry.visible_to, entry.also_visible_to)


def hidden_from(rules: Ruleset, slot: int, viewer: int) -> bool:
    """Whether `slot` is another faction's private value for `viewer` (-1 sees all)."""
    var = rules.vars[slot]
    return viewer >= 0 and not var.seen_by(viewer)


def shown_change(rules: Ruleset, slot: int, delta: int, viewer: int) -> bool:
    """Whether a logged change is mentioned to `viewer`: real changes, and every touch
    of a value hidden from it (so the mention never depends on the hidden value)."""
    if slot >= rules.layout.n_vars or rules.vars[slot].hidden:
        return False
    return bool(delta) or hidden_from(rules, slot, viewer)


def shift_text(var: VarDef, old: int, new: int) -> str:
    """A value's move in words: 'detained → exiled' when every value has a label,
    '3 → 4 (war talk)' when it enters another labelled band, else '3 → 4'."""
    if len(var.labels) == var.hi - var.lo + 1:
        return f"{var.label(old)} → {var.label(new)}"
    if var.labels and var.label(new) != var.label(old) and var.label(new) != str(new):
        return f"{old} → {new} ({var.label(new)})"
    return f"{old} → {new}"


def change_text(
    rules: Ruleset, slot: int, delta: int, viewer: int = -1, after: int | None = None
) -> str:
    """'Escalation +1' style text for one change; hides others' private values.

    With `after` (the value once changed), labelled values read as words, from and to:
    "Bazoum's status detained → exiled" (so a move along an ordered scale says which way it
    went), 'Escalation +1 (war talk)' when the band changes.
    """
    var = rules.vars[slot]
    sign = f"+{delta}" if delta > 0 else str(delta)
    if hidden_from(rules, slot, viewer):
        sign = "changed"  # even when clamped to no change: the clamp would tell the value
    elif after is not None and var.labels:
        if len(var.labels) == var.hi - var.lo + 1:
            sign = f"{var.label(after - delta)} → {var.label(after)}"
        elif var.label(after) != var.label(after - delta) and var.label(after) != str(after):
            sign = f"{sign} ({var.label(after)})"
    owner = ""
    if var.owner >= 0:
        owner = rules.factions[var.owner].short + " "
    if var.region >= 0:
        owner = rules.regions[var.region].name + " "
        if var.per_faction >= 0:
            owner += rules.factions[var.per_faction].short + " "
    return f"{owner}{var.name} {sign}"


def describe(
    rules: Ruleset, entry: LogEntry, viewer: int = -1, values: Sequence[int] | None = None
) -> str:
    """A one-line description of an entry as `viewer` may read it.

    `values` (every slot's value just after the entry, see `replay_values`) lets
    labelled values read as words; without it changes read as numbers.
    """
    if entry.kind == ROUND:
        date = rules.round_date(entry.round)
        when = f" · {date}" if date else ""
        return f"— {rules.round_name} {entry.round}{when} —"
    who = rules.factions[entry.faction].name if entry.faction >= 0 else ""
    if entry.kind == PASSED:
        return verb(who, "ends its turn.", "end their turn.")
    changes = ", ".join(
        change_text(rules, s, d, viewer, values[s] if values is not None else None)
        for s, d in entry.changes
        if shown_change(rules, s, d, viewer)
    )
    tail = f" ({changes})" if changes else ""
    if entry.kind == ACTION:
        action = rules.actions[entry.ref]
        if not visible(entry, viewer):
            return f"{who} acts in secret."
        target = ""
        if entry.target >= 0 and action.target_kind == REGION_TARGET:
            target = f" in {rules.regions[entry.target].name}"
        elif entry.target >= 0 and action.target_kind == FACTION_TARGET:
            target = f" toward {rules.factions[entry.target].name}"
        result = (
            f" — {action.success_text}."
            if entry.success == 1
            else f" — {action.failure_text}."
            if entry.success == 0
            else "."
        )
        news = f" {rules.news[entry.news].headline}" if entry.news >= 0 else ""
        if action.deal >= 0:  # an offer or an answer: its headline says who did what
            return f"{action.headline}{news}{tail}"
        return f"{who}: {action.name}{target}{result}{news}{tail}"
    if entry.kind == EVENT:
        return f"NEWS: {headline_of(rules, entry) or rules.events[entry.ref].name}{tail}"
    if entry.kind == UPKEEP:
        news = f" {rules.news[entry.news].headline}" if entry.news >= 0 else ""
        return (
            f"{rules.upkeep[entry.ref].name}.{news}{tail}"
            if news
            else f"{rules.upkeep[entry.ref].name}{tail}"
        )
    if entry.kind == OBJECTIVE:
        objective = rules.objectives[entry.ref]
        points = entry.changes[0][1] if entry.changes else objective.points
        return f"{who} reaches '{objective.name}' ({points:+d} VP)."
    outcome = rules.outcomes[entry.ref]
    return f"GAME OVER — {outcome.headline}"


def replay_values(rules: Ruleset, log: Sequence[LogEntry]) -> Iterator[list[int]]:
    """Every slot's value just after each entry of a game's whole log, rebuilt from the
    level's initial values and the logged changes (yields one shared, updated list)."""
    values = list(rules.initial)
    for entry in log:
        for slot, delta in entry.changes:
            values[slot] += delta
        yield values
