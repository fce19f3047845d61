"""The engine defaults a level relies on: settings that decide games (action points,
uses per round, the random event roll...) which the level leaves unset, and so gets
from the format. `python main.py info` shows them where a designer looks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.content.loader import LevelSource

# (section, field, what it decides) for the per-entry defaults shown
_PER_ENTRY: tuple[tuple[str, str, str], ...] = (
    ("factions", "action_points", "action points each turn (the level's action_points)"),
    ("actions", "ap", "action points an action costs"),
    ("actions", "per_round", "uses of an action per round (0 = unlimited)"),
    ("actions", "cooldown", "rounds before an action can be used again"),
    ("events", "once", "an event fires at most once"),
    ("events", "weight", "a random event's share of the draw (random events)"),
    ("objectives", "scoring", "when an objective scores"),
    ("outcomes", "check", "when an outcome is checked"),
    ("outcomes", "winner", "who wins an outcome"),
    ("deals", "ap", "action points offering a deal costs"),
    ("deals", "binding", "false: a deal is a promise that can be broken"),
    ("deals", "public", "true: everyone sees how a deal ends"),
    ("deals", "rounds", "rounds a deal's commitments hold"),
    ("deals", "cooldown", "rounds after a refusal or end before a new offer"),
)
_LEVEL: tuple[tuple[str, str], ...] = (
    ("action_points", "action points per faction and turn"),
    ("random_events_per_round", "random event draws per round"),
    ("random_event_chance", "chance of each random event draw"),
    ("days_per_round", "days a round stands for"),
    ("tie_break", "how a tie on points is broken (empty: a tie has no winner)"),
)


@dataclass(frozen=True)
class Default:
    """One default in force: `key = value`, what it decides, how many entries use it."""

    key: str
    value: Any
    meaning: str
    used_by: int = 0  # entries relying on it (0 for level settings)
    of: int = 0  # entries of that section

    @property
    def shown(self) -> str:
        """The value as a designer would write it in YAML."""
        if isinstance(self.value, bool):
            return "true" if self.value else "false"
        if isinstance(self.value, list):
            return "[" + ", ".join(str(v) for v in self.value) + "]"
        return str(self.value)

    def as_dict(self) -> dict[str, Any]:
        """The JSON form, for `info --json`."""
        out: dict[str, Any] = {"key": self.key, "value": self.value, "meaning": self.meaning}
        if self.of:
            out["used_by"], out["of"] = self.used_by, self.of
        return out


def defaults_in_force(source: LevelSource) -> list[Default]:
    """Every default the level relies on, level settings first."""
    found: list[Default] = []
    meta = next((f.model.level for f in source.files if f.model and f.model.level), None)
    if meta is not None:
        for name, meaning in _LEVEL:
            if name not in meta.model_fields_set:
                found.append(Default(f"level.{name}", getattr(meta, name), meaning))
    for section, name, meaning in _PER_ENTRY:
        items: list[Any] = [
            item for f in source.files if f.model for item in getattr(f.model, section)
        ]
        if name == "weight":
            items = [e for e in items if e.kind == "random"]
        unset = [item for item in items if name not in item.model_fields_set]
        if unset:
            value = getattr(unset[0], name)
            if section == "factions" and meta is not None:
                value = meta.action_points
            found.append(Default(f"{section}.{name}", value, meaning, len(unset), len(items)))
    return found
