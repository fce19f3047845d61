"""The names reasons use: of factions and of values, from the level's own words."""

from __future__ import annotations

from game.engine.ruleset import REGION_VALUE, RESOURCE, Ruleset


def value_name(rules: Ruleset, slot: int, viewer: int) -> str:
    """A readable name of a value: 'Tension', 'Capital influence (Red)', 'Cash (Blue)'."""
    var = rules.vars[slot]
    if var.kind == REGION_VALUE and var.region >= 0:
        name = f"{rules.regions[var.region].name} {var.name.lower()}"
        if var.per_faction >= 0:
            name += f" ({rules.factions[var.per_faction].short})"
        return name
    if var.kind == RESOURCE and var.owner >= 0 and var.owner != viewer:
        return f"{var.name} ({rules.factions[var.owner].short})"
    return var.name


def faction_words(rules: Ruleset, faction: int) -> str:
    """A faction's name for a sentence: 'The junta' from 'The junta (CNSP)'."""
    name = rules.factions[faction].name.split(" (")[0]
    return name[:1].upper() + name[1:]
