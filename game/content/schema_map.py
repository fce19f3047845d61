"""Pydantic models of a level's map: regions, their sites, neighbours, and how to draw it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from game.content.schema_types import Id, Int, LevelModel, Point, ShortText, Text


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
