"""Pydantic models of the level YAML format: frozen, strict, extra fields forbidden.

A level is a folder of YAML files. Each file is a `LevelFile`: any subset of the
sections below. The loader concatenates the list sections of all files and requires
the `level` section exactly once. Expressions (`Expr`) are strings in the rule
language (see `game/content/expr.py`); they are checked and compiled after this
schema has accepted the shapes.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from game.content.schema_deals import Deal, DealOption, DealTerms, DealText
from game.content.schema_effects import BLOCK_KINDS, LEAF_KINDS, Effect, EffectBlock, Requirement
from game.content.schema_lessons import Lesson
from game.content.schema_map import MapSpec, Neighbour, Region, Site
from game.content.schema_types import (
    Color,
    Expr,
    Id,
    Int,
    LabelKey,
    LevelModel,
    Point,
    ShortText,
    Text,
)

__all__ = [  # the format's models and types, from this module and the ones it gathers
    "BLOCK_KINDS",
    "LEAF_KINDS",
    "LIST_SECTIONS",
    "SECTIONS",
    "Action",
    "Color",
    "Deal",
    "DealOption",
    "DealTerms",
    "DealText",
    "Effect",
    "EffectBlock",
    "Event",
    "Expr",
    "Faction",
    "Id",
    "Int",
    "LabelKey",
    "Lesson",
    "LevelFile",
    "LevelMeta",
    "LevelModel",
    "MapSpec",
    "Neighbour",
    "Objective",
    "Outcome",
    "Planning",
    "Point",
    "Region",
    "RegionValue",
    "Requirement",
    "Resource",
    "ShortText",
    "Site",
    "Text",
    "Track",
    "Upkeep",
]


class LevelMeta(LevelModel):
    """The `level:` section: identity, length and round structure."""

    id: Id
    name: ShortText
    description: Text = ""
    rounds: Annotated[int, Field(ge=1, le=200)]
    start_date: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")] | None = None
    days_per_round: Annotated[int, Field(ge=1, le=366)] = 7
    round_name: ShortText = "Round"
    order: list[Id] = Field(default_factory=list, description="Faction order within a round.")
    action_points: Annotated[int, Field(ge=0, le=20)] = 2
    random_events_per_round: Annotated[int, Field(ge=0, le=10)] = 1
    random_event_chance: Expr | float = 1.0
    clock: Id | None = Field(None, description="Track shown as the closing clock.")
    danger_gauge: Id | None = Field(None, description="Track shown as the danger gauge.")
    danger_color: Color | None = Field(
        None, description="Colour of danger on the dashboard (default #cc79a7)."
    )
    escalation: Id | None = Field(
        None, description="Deprecated: the old name of danger_gauge (still read, with a warning)."
    )
    intro: Text = ""
    tie_break: list[Id] = Field(
        default_factory=list,
        description="How a tie on points is broken: 'most_objectives' and/or faction ids "
        "(the first listed tied faction wins); empty: a tie has no winner.",
    )


class Planning(LevelModel):
    """How a faction's search AI plans (`ai:normal`, `ai:hard`; `mcts` takes only foresight)."""

    method: Literal["tree", "rollout"] = Field(
        "tree",
        description=(
            "tree: Monte Carlo tree search over every seat's moves; rollout: each candidate "
            "move is played on with every seat following its one-step greedy choice for a "
            "couple of rounds, then scored."
        ),
    )
    foresight: Annotated[float, Field(ge=0, le=1)] = Field(
        0.5,
        description=(
            "Weight (0..1) of where a position drifts if every seat stops acting; "
            "0 judges positions as they stand."
        ),
    )
    judge: Literal["static", "learned"] = Field(
        "static",
        description=(
            "How rollout planning scores the position a play-out reaches: static weighs each "
            "objective by how close it is to holding; learned asks the level's trained value "
            "model (ai_value.json, made by `python main.py train-ai LEVEL`) who is likely to win."
        ),
    )
    switch_margin: Annotated[float, Field(ge=0, le=1)] = Field(
        0.03,
        description=(
            "Rollout: how much better than the one-step greedy choice a move must score in the "
            "play-outs, as a share of the level's typical stakes per faction, before the AI "
            "plays it instead. Higher trusts the few play-outs less."
        ),
    )
    brink: Annotated[int, Field(ge=0, le=4)] = Field(
        0,
        description=(
            "Rollout: once an outcome every faction loses is this many steps away or closer, "
            "only moves that step back from it are considered (if there are none, moves that "
            "come no nearer). The play-outs assume rivals who step back too; this hedges "
            "against rivals who do not. 0 (the default) turns it off."
        ),
    )


class Faction(LevelModel):
    """A seat: a human or an AI plays it."""

    id: Id
    name: ShortText
    short: Annotated[str, StringConstraints(min_length=1, max_length=12)]
    description: Text
    color: Color = "#999999"
    emblem: Annotated[str, StringConstraints(min_length=1, max_length=3)] = "?"
    action_points: Annotated[int, Field(ge=0, le=20)] | Expr | None = None
    action_points_text: Text = Field(
        "",
        description=(
            "In words, for the player: how many action points the faction gets and what "
            "changes them ('1 a week; +1 once an ambassador is in place'). Wanted where "
            "action_points is a formula."
        ),
    )
    intel: Id | None = Field(
        None, description="Own resource whose value sharpens the view of others' private values."
    )
    goal: Text = ""
    doctrine: dict[Id, Annotated[float, Field(ge=-10, le=10)]] = Field(
        default_factory=dict, description="AI weights per objective id (1.0 when absent)."
    )
    planning: Planning = Field(
        default_factory=Planning,
        description="How the ai:normal and ai:hard seats of this faction plan ahead.",
    )


class Resource(LevelModel):
    """A number one faction owns (or every faction, with `faction: all`)."""

    id: Id
    faction: Id
    name: ShortText
    description: Text
    min: Int = 0
    max: Int = 10
    initial: Int | dict[Id, Int] = 0
    visibility: Literal["public", "private"] = "public"
    labels: dict[LabelKey, ShortText] = Field(default_factory=dict)


class Track(LevelModel):
    """A shared, public number of the world (escalation, grip, stances...)."""

    id: Id
    name: ShortText
    description: Text
    min: Int = 0
    max: Int = 10
    initial: Int = 0
    labels: dict[LabelKey, ShortText] = Field(default_factory=dict)
    danger: bool = False
    hidden: bool = Field(False, description="Internal flag: not shown on the dashboard.")


class RegionValue(LevelModel):
    """A number every region has, optionally one per faction (e.g. influence)."""

    id: Id
    name: ShortText
    description: Text
    min: Int = 0
    max: Int = 10
    initial: Int = 0
    per_faction: bool = False
    labels: dict[LabelKey, ShortText] = Field(default_factory=dict)


class Action(LevelModel):
    """Something a faction can do on its turn for action points and resources."""

    id: Id
    faction: Id
    name: ShortText
    description: Text
    category: Literal["diplomatic", "economic", "military", "information", "other"] = "other"
    ap: Annotated[int, Field(ge=0, le=20)] | Expr = Field(
        1,
        description="Action points: a whole number from 0 to 20, or a formula such as "
        "'1 + (tension >= 5)' (worked out before the target is chosen).",
    )
    cost: dict[Id, Annotated[int, Field(ge=0, le=1000)] | Expr] = Field(
        default_factory=dict,
        description="Own resources spent: a number from 0 to 1000 or a formula such as "
        "'2 * sanctions' (rounded, never below 0).",
    )
    requires: list[Expr | Requirement] = Field(default_factory=list)
    target: Literal["none", "region", "faction"] = "none"
    targets: Expr | None = Field(None, description="Which targets are valid (uses `target`).")
    chance: Expr | float | None = None
    effects: list[Effect] = Field(default_factory=list)
    success: list[Effect] = Field(default_factory=list)
    failure: list[Effect] = Field(default_factory=list)
    once: bool = False
    cooldown: Annotated[int, Field(ge=0, le=200)] = 0
    per_round: Annotated[int, Field(ge=0, le=20)] = 1
    covert: bool = False
    headline: Text = ""
    success_text: ShortText = Field(
        "it works",
        description="What the log says after the action's name when the chance roll "
        "succeeds: 'ECOWAS: Tighten sanctions — the bloc holds.'",
    )
    failure_text: ShortText = Field(
        "it fails",
        description="What the log says when the roll fails. Word it for what still "
        "happens when `effects` apply either way: 'sanctions bite, but the bloc splits'.",
    )


class Event(LevelModel):
    """Something that happens to the players: scheduled, conditional, random or triggered."""

    id: Id
    kind: Literal["scheduled", "conditional", "random", "triggered"]
    name: ShortText
    headline: ShortText
    description: Text = ""
    round: (
        Annotated[int, Field(ge=1, le=200)] | list[Annotated[int, Field(ge=1, le=200)]] | None
    ) = None
    when: Expr | None = None
    chance: Expr | float | None = None
    weight: Annotated[float, Field(gt=0, le=1000)] = 1.0
    once: bool = True
    cooldown: Annotated[int, Field(ge=0, le=200)] = 0
    effects: list[Effect] = Field(default_factory=list)
    historical: bool = False
    date: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")] | None = None

    @model_validator(mode="after")
    def _round_matches_kind(self) -> Event:
        if self.kind == "scheduled" and self.round is None:
            raise ValueError("a scheduled event needs 'round'")
        if self.kind != "scheduled" and self.round is not None:
            raise ValueError("'round' only belongs to scheduled events")
        if self.kind == "conditional" and self.when is None:
            raise ValueError("a conditional event needs 'when'")
        return self


class Upkeep(LevelModel):
    """A rule applied every round in the upkeep phase (drains, flows, drift)."""

    id: Id
    name: ShortText
    description: Text = ""
    when: Expr | None = None
    effects: list[Effect]


class Objective(LevelModel):
    """Victory points a faction earns when a condition holds."""

    id: Id
    faction: Id
    name: ShortText
    description: Text
    when: Expr
    points: Annotated[int, Field(ge=-100, le=100)] | Expr = Field(
        description="Victory points: a whole number from -100 to 100, or a formula such as "
        "'morale // 2' (evaluated when it scores, rounded, kept within -100..100)."
    )
    scoring: Literal["end", "each_round", "first_time"] = "end"


class Outcome(LevelModel):
    """A way the game ends: instantly when `when` holds, or checked at the end."""

    id: Id
    name: ShortText
    headline: ShortText
    description: Text = ""
    when: Expr | None = Field(
        None,
        description="When it ends the game; leave it out for an outcome only an effect "
        "({outcome: id}) reaches.",
    )
    check: Literal["instant", "end"] = "instant"
    winner: Id = Field("most_points", description="A faction id, 'none' or 'most_points'.")
    points: dict[Id, Annotated[int, Field(ge=-100, le=100)] | Expr] = Field(
        default_factory=dict,
        description="Bonus points per faction when the game ends this way: a whole number "
        "from -100 to 100, or a formula such as 'funds // 2' (in that faction's scope).",
    )


class LevelFile(LevelModel):
    """One YAML file of a level folder: any subset of the sections."""

    level: LevelMeta | None = None
    factions: list[Faction] = Field(default_factory=list)
    resources: list[Resource] = Field(default_factory=list)
    tracks: list[Track] = Field(default_factory=list)
    region_values: list[RegionValue] = Field(default_factory=list)
    regions: list[Region] = Field(default_factory=list)
    neighbours: list[Neighbour] = Field(default_factory=list)
    map: MapSpec | None = None
    actions: list[Action] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    upkeep: list[Upkeep] = Field(default_factory=list)
    objectives: list[Objective] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(default_factory=list)
    deals: list[Deal] = Field(default_factory=list)
    lessons: list[Lesson] = Field(default_factory=list)


SECTIONS: tuple[str, ...] = tuple(LevelFile.model_fields)
LIST_SECTIONS: tuple[str, ...] = tuple(s for s in SECTIONS if s not in ("level", "map"))
