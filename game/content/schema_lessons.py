"""Pydantic model of a level's lesson steps: a tutorial that points at the screen and waits
for the player (see "Lessons" in docs/level-format.md)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from game.content.schema_types import Id, LevelModel, ShortText, Text

# `kind` or `kind:id`; which kinds exist is checked when the level compiles.
UiRef = Annotated[str, StringConstraints(pattern=r"^[a-z_]+(:[a-z][a-z0-9_]*)?$", max_length=60)]


class Lesson(LevelModel):
    """One step of the tutorial: text, what on screen it is about, what ends it."""

    id: Id
    faction: Id = Field(description="The learner: the step shows on this faction's turns.")
    round: Annotated[int, Field(ge=1, le=200)] | None = Field(
        None,
        description="The round the step belongs to (default: the previous step's, 1 for the "
        "first); a step still waiting when a later round starts is dropped.",
    )
    title: ShortText
    text: Text
    point_at: UiRef = Field(
        "none",
        description="What the step is about: none, objectives, score, action_list, deals, "
        "end_turn, map, log, dashboard, card, confirm, offer, action:<id>, region:<id>, "
        "deal:<id>, track:<id>.",
    )
    wait_for: UiRef = Field(
        "next",
        description="What the player must do before the next step: next (the Next button), "
        "end_turn, select:<action>, target:<region>, action:<action> (played), "
        "offer:<deal> (offered), answer:<deal> (answered by anyone), open:<panel>, "
        "close:<panel> (panel: objectives or log).",
    )
