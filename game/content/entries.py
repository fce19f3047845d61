"""Name the entry a path in a level file points into, the way a designer knows it:
`action 'ultimatum': ap` rather than `actions.4.ap`."""

from __future__ import annotations

from typing import Any

_SINGULAR = {
    "factions": "faction",
    "resources": "resource",
    "tracks": "track",
    "region_values": "region value",
    "regions": "region",
    "neighbours": "neighbour",
    "actions": "action",
    "events": "event",
    "upkeep": "upkeep rule",
    "objectives": "objective",
    "outcomes": "outcome",
    "deals": "deal",
    "lessons": "lesson",
}


def entry_label(data: Any, path: tuple[Any, ...]) -> str:
    """`action 'ultimatum': ap` for ('actions', 4, 'ap'); `level: rounds` for a section
    field; the dotted path when the entry has no id; 'file' for the empty path."""
    if not path:
        return "file"
    section = path[0]
    rest = path[1:]
    if section in _SINGULAR and rest and isinstance(rest[0], int):
        items = data.get(section) if isinstance(data, dict) else None
        item = items[rest[0]] if isinstance(items, list) and 0 <= rest[0] < len(items) else None
        ident = item.get("id") if isinstance(item, dict) else None
        name = f"{_SINGULAR[section]} '{ident}'" if isinstance(ident, str) else None
        if name is None:
            name = f"{_SINGULAR[section]} #{rest[0] + 1} (no id)"
        tail = ".".join(str(p) for p in rest[1:])
        return f"{name}: {tail}" if tail else name
    tail = ".".join(str(p) for p in rest)
    return f"{section}: {tail}" if tail else str(section)
