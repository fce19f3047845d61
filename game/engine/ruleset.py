"""The compiled, immutable rules of one level, as the engine runs them.

Built by `game.content` from validated YAML; plain frozen dataclasses, tuples and
closures, so the hot loop touches no pydantic object. Every number of the game is
a slot in one flat list (`State.v`); the layout below says which slot is which.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final, NamedTuple

from game.engine.deal_defs import DealDef as DealDef  # re-exported
from game.engine.deal_defs import PendingSlots as PendingSlots
from game.engine.faction_defs import FactionDef as FactionDef  # re-exported
from game.engine.lesson_defs import LessonDef as LessonDef  # re-exported
from game.engine.map_defs import NeighbourDef as NeighbourDef  # re-exported
from game.engine.map_defs import RegionDef as RegionDef
from game.engine.map_defs import SiteDef as SiteDef
from game.engine.score_defs import POINTS_LIMIT as POINTS_LIMIT
from game.engine.score_defs import Fn as Fn  # a compiled formula: (state, target) -> value
from game.engine.score_defs import ObjectiveDef as ObjectiveDef
from game.engine.score_defs import OutcomeDef as OutcomeDef
from game.engine.score_defs import whole_points as whole_points
from game.engine.value_defs import LearnedValue as LearnedValue  # re-exported

# Variable kinds.
TRACK: Final = "track"
RESOURCE: Final = "resource"
REGION_VALUE: Final = "region"

# Effect node kinds.
SET: Final = 0
IF: Final = 1
CHANCE: Final = 2
FIRE: Final = 3
END: Final = 4
NEWS: Final = 5
OP_SET: Final = 0
OP_ADD: Final = 1
OP_SUB: Final = 2
OP_MUL: Final = 3

# Target kinds.
NO_TARGET: Final = 0
REGION_TARGET: Final = 1
FACTION_TARGET: Final = 2

# Outcome winner codes (otherwise a faction index).
WINNER_NONE: Final = -1
WINNER_MOST_POINTS: Final = -2

# Tie-break criterion: most objectives met (otherwise a faction index: it wins the tie).
TIE_OBJECTIVES: Final = -1


class Action(NamedTuple):
    """A move: the index of an action definition and its target (-1 for none).

    `PASS` (-1, -1) ends the acting faction's turn.
    """

    action: int
    target: int


PASS = Action(-1, -1)

# One deal a faction may offer, flattened for `legal_actions` (its hottest loop): the
# offer's AP, the deal's status and stamp slots, its cooldown, once-only, the `requires`
# every option shares, then per option (its slot of uses this round, the option's own
# `requires`, the move, and its index in `Ruleset.action_space`).
OfferOption = tuple[int, tuple[Callable[[Any, int], Any], ...], Action, int]
OfferGate = tuple[
    int, int, int, int, bool, tuple[Callable[[Any, int], Any], ...], tuple[OfferOption, ...]
]


def band_label(labels: tuple[tuple[int, str], ...], value: int) -> str:
    """The label of the highest threshold at or below `value` (labels sorted by
    threshold), or the number itself when `value` is below every threshold."""
    found = str(value)
    for threshold, text in labels:
        if threshold > value:
            break
        found = text
    return found


@dataclass(frozen=True, slots=True)
class VarDef:
    """One declared number: a track, a faction resource or a region value."""

    index: int
    key: str  # dotted name used in expressions, e.g. "junta.treasury"
    id: str
    kind: str
    name: str
    description: str
    lo: int
    hi: int
    initial: int
    owner: int = -1  # faction index for resources
    private: bool = False
    region: int = -1
    per_faction: int = -1  # faction index for per-faction region values
    labels: tuple[tuple[int, str], ...] = ()
    danger: bool = False
    hidden: bool = False
    shared_with: int = -1  # a private value the owner shares with one other faction (a deal's)

    def seen_by(self, faction: int) -> bool:
        """Whether `faction` sees this value exactly (public, or its owner or sharer)."""
        return not self.private or faction in (self.owner, self.shared_with)

    def label(self, value: int) -> str:
        """The label of the band `value` is in (e.g. 'detained'), or the number itself.

        Labels are thresholds: a value shows the label of the highest threshold at or
        below it (humanitarian pressure 4 with labels at 3 'serious' and 6 'severe' is
        'serious'); below the lowest threshold it shows the number.
        """
        return band_label(self.labels, value)


@dataclass(frozen=True, slots=True)
class Effect:
    """One effect node; `kind` selects which fields matter (see the constants)."""

    kind: int
    slot: int = 0  # SET: base slot
    stride: int = 0  # SET: slot = slot + stride * target
    op: int = OP_SET
    value: Fn | None = None  # SET: new value; IF: condition; CHANCE: probability
    then: tuple[Effect, ...] = ()
    orelse: tuple[Effect, ...] = ()
    ref: int = -1  # FIRE: event index; END: outcome index; NEWS: index into Ruleset.news
    source: str = ""
    fixed: bool = False  # SET: `value` is the whole constant `amount` (used without a call)
    amount: int = 0


class NewsText(NamedTuple):
    """A branch's own headline (empty: the branch prints nothing) and optional log text."""

    headline: str
    text: str = ""


@dataclass(frozen=True, slots=True)
class Requirement:
    """A precondition and the sentence shown when it fails."""

    test: Fn
    why: str


@dataclass(frozen=True, slots=True)
class ActionDef:
    """A compiled action."""

    index: int
    id: str
    faction: int
    name: str
    description: str
    category: str
    ap: int  # fixed action points; 0 when `ap_fn` gives them (read with prices.ap_of)
    costs: tuple[tuple[int, int], ...]  # (slot, amount); amount 0 for a formula's (costs_of)
    requires: tuple[Requirement, ...]
    target_kind: int
    targets: Fn | None
    chance: Fn | None
    effects: tuple[Effect, ...]
    success: tuple[Effect, ...]
    failure: tuple[Effect, ...]
    once: bool
    cooldown: int
    per_round: int
    covert: bool
    headline: str
    chance_source: str = ""
    deal: int = -1  # the deal this action plays (index into Ruleset.deals), or -1
    deal_role: int = 0  # NOT_A_DEAL, PROPOSE, ACCEPT, REFUSE or COUNTER (see deal_defs)
    option: int = -1  # the deal option it proposes, accepts or counters with
    ap_fn: Fn | None = None  # the action points formula, or None when `ap` is fixed
    cost_fns: tuple[tuple[int, Fn], ...] = ()  # every cost as (slot, formula) if one is
    priced: bool = False  # its ap or a cost is a formula (the fixed fast path is skipped)
    success_text: str = "it works"  # the log's words after the name when the roll succeeds
    failure_text: str = "it fails"  # ... and when it fails


@dataclass(frozen=True, slots=True)
class EventDef:
    """A compiled event."""

    index: int
    id: str
    kind: str
    name: str
    headline: str
    description: str
    rounds: tuple[int, ...]
    when: Fn | None
    chance: Fn | None
    weight: float
    once: bool
    cooldown: int
    effects: tuple[Effect, ...]
    historical: bool
    date: str | None


@dataclass(frozen=True, slots=True)
class UpkeepDef:
    """A compiled upkeep rule."""

    index: int
    id: str
    name: str
    description: str
    when: Fn | None
    effects: tuple[Effect, ...]
    visible_to: int = -1  # -1: everyone; else the one faction (or two) its log line is for
    also_visible_to: int = -1


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the internal counters start in `State.v`."""

    n_vars: int
    used: int  # times each action was used
    last: int  # last round each action was used
    this_round: int  # uses of each action this round
    fired: int  # times each event fired
    fired_last: int  # last round each event fired
    vp: int  # victory points earned so far, per faction
    reached: int  # first_time objectives reached
    size: int


@dataclass(frozen=True, slots=True)
class Ruleset:
    """Everything the engine needs to run one level; immutable and shareable."""

    level_id: str
    name: str
    description: str
    intro: str
    fingerprint: str  # of the level files as written
    rounds: int
    start_date: str | None
    days_per_round: int
    round_name: str
    random_events_per_round: int
    random_event_chance: Fn
    factions: tuple[FactionDef, ...]
    order: tuple[int, ...]
    vars: tuple[VarDef, ...]
    actions: tuple[ActionDef, ...]
    events: tuple[EventDef, ...]
    upkeep: tuple[UpkeepDef, ...]
    objectives: tuple[ObjectiveDef, ...]
    outcomes: tuple[OutcomeDef, ...]
    regions: tuple[RegionDef, ...]
    neighbours: tuple[NeighbourDef, ...]
    outline: tuple[tuple[tuple[float, float], ...], ...]
    color_by: int  # base slot of the region value that colours the map, or -1
    map_credit: str
    clock_slot: int
    escalation_slot: int
    layout: Layout
    lo: tuple[int, ...]
    hi: tuple[int, ...]
    initial: tuple[int, ...]
    by_faction: tuple[tuple[ActionDef, ...], ...]  # each faction's actions (offers last)
    plain_by_faction: tuple[tuple[ActionDef, ...], ...]  # the same without the offers
    offers_by_faction: tuple[tuple[DealDef, ...], ...]  # the deals each faction proposes
    offer_gates: tuple[tuple[OfferGate, ...], ...]  # the same, flat, for `legal_actions`
    action_space: tuple[Action, ...]  # every move of the level, PASS first
    space_by_action: tuple[tuple[Action, ...], ...]  # each action's moves, one per target
    index_by_action: tuple[tuple[int, ...], ...]  # the same as indices into `action_space`
    action_index: dict[Action, int] = field(compare=False)  # position in `action_space`
    scheduled: tuple[EventDef, ...]  # events by kind, in level order
    conditional: tuple[EventDef, ...]
    random_events: tuple[EventDef, ...]
    instant: tuple[OutcomeDef, ...]  # outcomes checked after every move
    end: tuple[OutcomeDef, ...]  # outcomes checked when the last round ends
    private_slots: tuple[int, ...]  # slots of private resources
    covert_slots: tuple[tuple[int, int, int], ...]  # (slot, owner, cap) of covert counters
    reads: frozenset[int]  # slots some expression or cost reads
    writes: frozenset[int]  # slots some effect or cost writes
    rules_fingerprint: str = ""  # of what the files say about play (no text, no AI planning)
    learned_value: LearnedValue | None = None  # the level's trained value model, if valid
    folder: str = ""  # the level folder it was loaded from (absolute), '' if built in code
    news: tuple[NewsText, ...] = ()  # branch headlines ({headline: ...} effect items)
    tie_break: tuple[int, ...] = ()  # TIE_OBJECTIVES or faction indices, in order
    deals: tuple[DealDef, ...] = ()  # offers factions can make each other
    own_upkeep: tuple[UpkeepDef, ...] = ()  # `upkeep` without the deals' rules (they come last)
    pending: PendingSlots = field(default_factory=PendingSlots)  # the offer awaiting an answer
    projection: str = ""  # map coordinates: "geo" (lon/lat), "schematic" (x/y), "" inferred
    danger_color: str = ""  # '#rrggbb' of danger on the dashboard; '' for the theme's
    lessons: tuple[LessonDef, ...] = ()  # tutorial steps for the front ends (never read here)
    # per upkeep rule: True when its effects can neither fire an event, end the game nor
    # write a slot an instant outcome reads (`quiet_upkeep`); () when not worked out
    quiet_upkeep: tuple[bool, ...] = ()
    # per round number (index 0 unused): the scheduled events due that round, in level
    # order, so the news phase does not test every scheduled event's rounds each round
    scheduled_by_round: tuple[tuple[EventDef, ...], ...] = ()
    # per instant outcome (as `instant`): its condition as (slot, TEST_*, constant) when it
    # is `value <op> whole constant`, else (0, TEST_CALL, 0); () when not worked out
    instant_tests: tuple[tuple[int, int, int], ...] = ()
    # the same for each upkeep rule's `when` (as `upkeep`) and each event's (by index)
    upkeep_tests: tuple[tuple[int, int, int], ...] = ()
    event_tests: tuple[tuple[int, int, int], ...] = ()
    objective_tests: tuple[tuple[int, int, int], ...] = ()  # by objective index
    # the indices of the objectives scored each round, the first time and at the end,
    # each in level order, so scoring a round does not test every objective's kind
    # (indices: a ruleset rebuilt with new objective records keeps them); None: work it out
    objectives_by_scoring: tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]] | None = None

    def faction_index(self, faction_id: str) -> int:
        """Index of a faction id; raises KeyError if the level has no such faction."""
        for f in self.factions:
            if f.id == faction_id:
                return f.index
        raise KeyError(faction_id)

    def slot(self, key: str) -> int:
        """Slot of a dotted variable name ('escalation', 'junta.treasury'); raises KeyError."""
        for var in self.vars:
            if var.key == key:
                return var.index
        raise KeyError(key)

    def action_by_id(self, action_id: str) -> ActionDef:
        """The action definition with this id; raises KeyError."""
        for a in self.actions:
            if a.id == action_id:
                return a
        raise KeyError(action_id)

    def event_by_id(self, event_id: str) -> EventDef:
        """The event definition with this id; raises KeyError."""
        for e in self.events:
            if e.id == event_id:
                return e
        raise KeyError(event_id)

    def target_name(self, action: Action) -> str:
        """Human name of an action's target ('' when it has none)."""
        if action.action < 0 or action.target < 0:
            return ""
        kind = self.actions[action.action].target_kind
        if kind == REGION_TARGET:
            return self.regions[action.target].name
        if kind == FACTION_TARGET:
            return self.factions[action.target].name
        return ""

    def action_label(self, action: Action) -> str:
        """Human label of a move, e.g. 'Information campaign → Zinder' or 'End turn'."""
        if action.action < 0:
            return "End turn"
        name = self.actions[action.action].name
        target = self.target_name(action)
        return f"{name} → {target}" if target else name

    def round_date(self, round_no: int) -> str:
        """The calendar date a round starts on (ISO), or '' when the level has none."""
        if not self.start_date:
            return ""
        start = _dt.date.fromisoformat(self.start_date)
        return (start + _dt.timedelta(days=self.days_per_round * (round_no - 1))).isoformat()
