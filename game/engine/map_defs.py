"""The map of a compiled level: regions, their sites, and the neighbours around it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SiteDef:
    """A marked place on the map."""

    id: str
    name: str
    description: str
    position: tuple[float, float] | None


@dataclass(frozen=True, slots=True)
class RegionDef:
    """A map region."""

    index: int
    id: str
    name: str
    description: str
    position: tuple[float, float]
    shape: tuple[tuple[float, float], ...]
    adjacent: tuple[int, ...]
    sites: tuple[SiteDef, ...]


@dataclass(frozen=True, slots=True)
class NeighbourDef:
    """An off-map state with its stance track."""

    id: str
    name: str
    description: str
    position: tuple[float, float]
    shape: tuple[tuple[tuple[float, float], ...], ...]
    stance_slot: int
