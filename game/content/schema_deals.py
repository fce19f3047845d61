"""Pydantic models of a level's deals: offers one faction makes another (see "Deals" in
docs/level-format.md)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from game.content.schema_effects import Effect, Requirement
from game.content.schema_types import Expr, Id, Int, LevelModel, ShortText, Text


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
    """Headlines of a deal's moments; `{option}` is replaced by the chosen option's label.
    `refuse_counter` is the proposer turning down a counter-offer (default: `refuse` with
    the sides swapped)."""

    offer: ShortText | None = None
    accept: ShortText | None = None
    refuse: ShortText | None = None
    counter: ShortText | None = None
    refuse_counter: ShortText | None = None
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


DealTerms.model_rebuild()
Deal.model_rebuild()
