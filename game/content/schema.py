"""Pydantic models of the level YAML format: frozen, strict, extra fields forbidden.

A level is a folder of YAML files. Each file is a `LevelFile`: any subset of the
sections below. The loader concatenates the list sections of all files and requires
the `level` section exactly once. Expressions (`Expr`) are strings in the rule
language (see `game/content/expr.py`); they are checked and compiled after this
schema has accepted the shapes.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=48)]
Expr = Annotated[str, StringConstraints(min_length=1, max_length=600)]
Text = Annotated[str, StringConstraints(max_length=2000)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=120)]
Color = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
Int = Annotated[int, Field(ge=-1_000_000, le=1_000_000)]
Point = Annotated[list[float], Field(min_length=2, max_length=2)]
# YAML keys are always text ("0": calm); label keys are parsed from that text as integers.
LabelKey = Annotated[int, Field(strict=False, ge=-1_000_000, le=1_000_000)]


class LevelModel(BaseModel):
    """Base of every level model: immutable, strict types, unknown keys rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, populate_by_name=True)


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


class Site(LevelModel):
    """A marked place on the map (a base, a mine, a palace)."""

    id: Id
    name: ShortText
    description: Text = ""
    position: Point | None = None


class Region(LevelModel):
    """A map region: a target for actions, with per-region values."""

    id: Id
    name: ShortText
    description: Text = ""
    position: Point
    shape: list[Point] = Field(default_factory=list)
    adjacent: list[Id] = Field(default_factory=list)
    sites: list[Site] = Field(default_factory=list)
    values: dict[Id, Int | dict[Id, Int]] = Field(default_factory=dict)


class Neighbour(LevelModel):
    """An off-map state drawn around the map, with its stance as a track."""

    id: Id
    name: ShortText
    description: Text = ""
    position: Point
    shape: list[list[Point]] = Field(default_factory=list)
    stance: Id | None = None


class MapSpec(LevelModel):
    """How to draw the map: the outline polygons and which value colours regions."""

    outline: list[list[Point]] = Field(default_factory=list)
    color_by: Id | None = Field(
        None,
        description="A region value: per-faction, the leading faction colours the region; "
        "otherwise the value shades it from its min to its max.",
    )
    credit: Text = ""
    projection: Literal["geo", "schematic"] | None = Field(
        None,
        description="geo: positions and shapes are [longitude, latitude], north up; "
        "schematic: plain [x, y], y growing downwards as on a screen. Unset: geo when "
        "every region has a shape, else positions with y growing upwards.",
    )


class Requirement(LevelModel):
    """A precondition with the sentence shown when it fails."""

    when: Expr
    why: ShortText


# the keys that name an effect block's kind, and those without then/else branches
BLOCK_KINDS = ("if_", "chance", "for_each", "event", "outcome", "headline")
LEAF_KINDS = ("event", "outcome", "headline")


class EffectBlock(LevelModel):
    """A structured effect: exactly one of if/chance/for_each/event/outcome/headline.

    `headline` (with optional `text`) is the news line of the branch it stands in:
    the log and ticker print it instead of the event's headline; an empty headline
    in a branch that changes nothing prints nothing. `for_each: region` (or `faction`)
    runs `do` once for every region (faction) for which `where` holds.
    """

    if_: Expr | None = Field(None, alias="if")
    chance: Expr | float | None = None
    for_each: Literal["region", "faction"] | None = Field(
        None, description="Run 'do' once per region (or faction), where 'where' holds."
    )
    where: Expr | None = Field(None, description="for_each: which members 'do' runs for.")
    do: list[Effect] = Field(default_factory=list, description="for_each: the effects per member.")
    then: list[Effect] = Field(default_factory=list)
    else_: list[Effect] = Field(default_factory=list, alias="else")
    event: Id | None = None
    outcome: Id | None = None
    headline: Annotated[str, StringConstraints(max_length=120)] | None = None
    text: Text | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> EffectBlock:
        kinds = [k for k in BLOCK_KINDS if getattr(self, k) is not None]
        if len(kinds) != 1:
            names = ", ".join(k.rstrip("_") for k in BLOCK_KINDS)
            raise ValueError(f"an effect block needs exactly one of: {names}")
        if kinds[0] in (*LEAF_KINDS, "for_each") and (self.then or self.else_):
            raise ValueError(
                "'then'/'else' belong to 'if' or 'chance' blocks"
                + ("; a for_each block runs its 'do' list" if kinds[0] == "for_each" else "")
            )
        if kinds[0] != "for_each" and (self.where is not None or self.do):
            raise ValueError("'where'/'do' belong to 'for_each' blocks")
        if self.text is not None and kinds[0] != "headline":
            raise ValueError("'text' belongs with 'headline' (the branch's news line)")
        return self


Effect = Expr | EffectBlock


class Action(LevelModel):
    """Something a faction can do on its turn for action points and resources."""

    id: Id
    faction: Id
    name: ShortText
    description: Text
    category: Literal["diplomatic", "economic", "military", "information", "other"] = "other"
    ap: Annotated[int, Field(ge=0, le=20)] = 1
    cost: dict[Id, Annotated[int, Field(ge=0, le=1000)]] = Field(default_factory=dict)
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
    points: dict[Id, Annotated[int, Field(ge=-100, le=100)]] = Field(default_factory=dict)


class DealTerms(LevelModel):
    """What one side of a deal undertakes while the deal is in force."""

    refrains: list[Id] = Field(
        default_factory=list, description="Its actions it will not take while the deal holds."
    )
    takes: list[Id] = Field(
        default_factory=list, description="Its actions it will take within `within` rounds."
    )
    within: Annotated[int, Field(ge=1, le=200)] | None = Field(
        None,
        description="Rounds after acceptance to take every `takes` action "
        "(default: the deal's rounds).",
    )
    on_breach: list[Effect] = Field(
        default_factory=list, description="Effects when this side breaks its word."
    )


class DealOption(LevelModel):
    """The parameter a proposer chooses when offering a deal (e.g. months of transition)."""

    name: Id
    values: Annotated[list[Int], Field(min_length=1, max_length=6)]
    label: ShortText = Field("{value}", description="How an option reads; {value} is replaced.")


class DealText(LevelModel):
    """Headlines of a deal's moments; `{option}` is replaced by the chosen option's label."""

    offer: ShortText | None = None
    accept: ShortText | None = None
    refuse: ShortText | None = None
    counter: ShortText | None = None
    breach: ShortText | None = None
    kept: ShortText | None = None


class Deal(LevelModel):
    """An offer one faction can make another: terms now, commitments for some rounds."""

    id: Id
    name: ShortText
    description: Text
    proposer: Id
    recipient: Id
    requires: list[Expr | Requirement] = Field(default_factory=list)
    ap: Annotated[int, Field(ge=0, le=20)] = 1
    option: DealOption | None = None
    counter: bool = Field(False, description="The recipient may answer with another option.")
    binding: bool = Field(
        False,
        description="True: the engine blocks the actions each side refrains from; false: a "
        "promise, which can be broken (firing its on_breach effects).",
    )
    public: bool = Field(
        True,
        description="False: its status, terms agreed and answers are seen only by the two "
        "parties (others see that an offer awaits an answer, not how it ends).",
    )
    rounds: Annotated[int, Field(ge=1, le=200)] = 4
    cooldown: Annotated[int, Field(ge=0, le=200)] = 2
    once: bool = Field(False, description="Once accepted, it can never be offered again.")
    proposer_terms: DealTerms = Field(default_factory=DealTerms)
    recipient_terms: DealTerms = Field(default_factory=DealTerms)
    on_accept: list[Effect] = Field(default_factory=list)
    on_refuse: list[Effect] = Field(default_factory=list)
    on_kept: list[Effect] = Field(default_factory=list)
    text: DealText = Field(default_factory=DealText)


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


SECTIONS: tuple[str, ...] = tuple(LevelFile.model_fields)
LIST_SECTIONS: tuple[str, ...] = tuple(s for s in SECTIONS if s not in ("level", "map"))

EffectBlock.model_rebuild()
DealTerms.model_rebuild()
Deal.model_rebuild()
