"""The shared value types of the level format and the base of every level model."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

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
