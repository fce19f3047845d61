"""Grammar for names that come from level data: possessives and dates (verb agreement is
`game.engine.grammar`, which the engine's log uses too).

A faction's name is the designer's text ('The Hardliners', 'United States', 'Russia and
Wagner'); sentences built around it must agree with it without a list of known names.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from game.engine import LogEntry, Ruleset, describe
from game.engine.grammar import ASIDE
from game.engine.log import ROUND


def possessive(name: str) -> str:
    """'The Mediator's', 'The Hardliners'', 'United States''; an aside in brackets is
    left out ('The junta (CNSP)' → 'The junta's')."""
    core = ASIDE.sub("", name).strip() or name
    return f"{core}'" if core.endswith("s") else f"{core}'s"


def inside(name: str) -> str:
    """A name as it reads inside a sentence: a leading 'The' in lower case ('to the
    Mediator's 3 points'); any other name unchanged."""
    return "the" + name[3:] if name.startswith("The ") else name


def pretty_date(iso: str) -> str:
    """'2023-08-09' → '9 Aug 2023' (anything else unchanged)."""
    try:
        d = _dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d.day} {d.strftime('%b')} {d.year}"


def described(
    rules: Ruleset, entry: LogEntry, viewer: int = -1, values: Sequence[int] | None = None
) -> str:
    """The engine's line for a log entry (`describe`), a new round's date in words as the
    top bar shows it: '— Week 3 · 9 Aug 2023 —'."""
    if entry.kind == ROUND:
        date = rules.round_date(entry.round)
        when = f" · {pretty_date(date)}" if date else ""
        return f"— {rules.round_name} {entry.round}{when} —"
    return describe(rules, entry, viewer, values)
