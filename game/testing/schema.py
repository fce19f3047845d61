"""Pydantic models of the YAML rule-test format (see docs/rule-tests.md).

Frozen, strict, unknown keys rejected. `given` and `then` also accept level values
by dotted name directly as keys (`junta.treasury: 5`); a before-validator moves
every key that is not a field into `values`, so those names are checked against
the level (with suggestions) when the test runs.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=48)]
# an action id; a deal's actions are `<deal>:<role>[:<option>]` (e.g. ceasefire:accept:2)
ActionId = Annotated[
    str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(:[a-z_]+(:-?[0-9]+)?)?$", max_length=80)
]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Key = Annotated[
    str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$", max_length=160)
]
Count = Annotated[int, Field(ge=-1_000_000, le=1_000_000)]
ReasonCode = Literal[
    "game_over",
    "not_your_turn",
    "unknown_action",
    "bad_target",
    "no_action_points",
    "used_this_round",
    "used_once",
    "cooldown",
    "cost",
    "requirement",
    "answer_pending",
    "no_offer",
]
DealWord = Literal["not offered", "offered", "in force", "kept", "broken", "refused"]


class RuleTestModel(BaseModel):
    """Base of every rule-test model: immutable, strict types, unknown keys rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, populate_by_name=True)


class Range(RuleTestModel):
    """An expected value between `min` and `max` (inclusive; either may be omitted)."""

    min: Count | None = None
    max: Count | None = None

    @model_validator(mode="after")
    def _some_bound(self) -> Range:
        if self.min is None and self.max is None:
            raise ValueError("a range needs 'min', 'max' or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max}")
        return self


Expect = Count | Range


def _gather_values(data: Any, fields: set[str]) -> Any:
    """Move every key that is not a model field into `values` (dotted level names)."""
    if not isinstance(data, dict):
        return data
    extra = {k: v for k, v in data.items() if k not in fields}
    if not extra:
        return data
    out = {k: v for k, v in data.items() if k in fields}
    values = dict(out.get("values") or {}) if isinstance(out.get("values"), dict) else {}
    for key, value in extra.items():
        values[key] = value
    out["values"] = values
    return out


class Given(RuleTestModel):
    """The starting position: the level's initial state plus overrides."""

    seed: Annotated[int, Field(ge=0, le=2**63 - 1)] = 1
    round: Annotated[int, Field(ge=1, le=200)] = 1
    turn: Id | None = None
    ap: Annotated[int, Field(ge=0, le=1000)] | None = None
    news: bool = False
    values: dict[Key, Count] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _dotted(cls, data: Any) -> Any:
        return _gather_values(data, set(cls.model_fields))


class MoveStep(RuleTestModel):
    """One move in `when`: an action, a pass, a forced event, a deal offered or an answer.

    An offer names the deal (`propose`), optionally its recipient (`to`) and the option
    (`option: 12`, or the option's own name as the key: `months: 12`).
    """

    action: ActionId | None = None
    target: Id | None = None
    faction: Id | None = None
    roll: Literal["success", "failure"] | None = None
    pass_: bool | None = Field(None, alias="pass")
    event: Id | None = None
    propose: Id | None = None
    to: Id | None = None
    option: Count | None = None
    answer: Literal["accept", "refuse", "counter"] | None = None
    values: dict[Id, Count] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _named_option(cls, data: Any) -> Any:
        return _gather_values(data, set(cls.model_fields) | {"pass"})

    @model_validator(mode="after")
    def _one_kind(self) -> MoveStep:
        fields = ("action", "pass_", "event", "propose", "answer")
        kinds = [k for k in fields if getattr(self, k) not in (None, False)]
        if len(kinds) != 1:
            raise ValueError(
                "a move needs exactly one of: action, pass: true, event, propose, answer"
            )
        if kinds[0] not in ("propose", "answer") and self.values:
            raise ValueError(f"unknown field '{next(iter(self.values))}' in a move")
        if kinds[0] not in ("propose", "answer") and (self.to or self.option is not None):
            raise ValueError("'to' and 'option' belong to 'propose' (or 'answer: counter') moves")
        if len(self.values) > 1 or (self.values and self.option is not None):
            raise ValueError("give one option: 'option: N' or '<option name>: N'")
        if kinds[0] != "action" and (self.target or self.roll):
            raise ValueError("'target' and 'roll' belong to moves with an 'action'")
        if kinds[0] == "event" and self.faction:
            raise ValueError("an event move has no 'faction'")
        return self


MoveItem = Literal["pass", "end_round"] | MoveStep


class Probe(RuleTestModel):
    """A move checked for legality in `then.legal` / `then.illegal`."""

    action: ActionId
    target: Id | None = None
    faction: Id | None = None
    reason: ReasonCode | None = None
    why: Name | None = None


ProbeItem = ActionId | Probe


class ViewCheck(RuleTestModel):
    """What one faction's view must show or hide."""

    faction: Id
    hidden: list[Key] = Field(default_factory=list)
    shows: list[Key] | dict[Key, Expect] = Field(default_factory=list)
    log_hides: list[Name] = Field(default_factory=list)
    log_shows: list[Name] = Field(default_factory=list)


class Then(RuleTestModel):
    """The expectations after the moves."""

    values: dict[Key, Expect] = Field(default_factory=dict)
    round: Expect | None = None
    turn: Id | None = None
    ap: Expect | None = None
    over: bool | None = None
    outcome: Id | None = None
    winner: Id | None = None
    scores: dict[Id, Expect] = Field(default_factory=dict)
    fired: list[Id] = Field(default_factory=list)
    not_fired: list[Id] = Field(default_factory=list)
    legal: list[ProbeItem] = Field(default_factory=list)
    illegal: list[ProbeItem] = Field(default_factory=list)
    view: ViewCheck | list[ViewCheck] | None = None
    log: list[Name] = Field(default_factory=list)
    deals: dict[Id, DealWord] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _dotted(cls, data: Any) -> Any:
        return _gather_values(data, set(cls.model_fields))


class RuleTest(RuleTestModel):
    """One rule test: a position, moves, and expectations."""

    name: Name
    description: Annotated[str, StringConstraints(max_length=2000)] = ""
    given: Given = Field(default_factory=Given)
    when: list[MoveItem] = Field(default_factory=list)
    then: Then


class RuleTestFile(RuleTestModel):
    """A rule-test file: a list of tests."""

    tests: Annotated[list[RuleTest], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_names(self) -> RuleTestFile:
        seen: set[str] = set()
        for test in self.tests:
            if test.name in seen:
                raise ValueError(f"two tests are named '{test.name}'; names must be unique")
            seen.add(test.name)
        return self
