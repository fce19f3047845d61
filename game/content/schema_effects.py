"""Pydantic models of effects and requirements in the level format (shared by actions,
events, upkeep rules and deals)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from game.content.schema_types import Expr, Id, LevelModel, ShortText, Text


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


EffectBlock.model_rebuild()
