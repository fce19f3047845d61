"""The compiled form of a level's lesson steps (a tutorial the window and the terminal show).

The engine never reads them: they ride on the `Ruleset` so every front end gets them with
the level. Each step names what on screen it is about (`point_at`) and what the player must
do before the next step shows (`wait_for`), as a kind and a reference already resolved to
an index by the level compiler (see "Lessons" in docs/level-format.md).
"""

from __future__ import annotations

from dataclasses import dataclass

# What a step may point at; the kinds in REF_POINTS take an id (`action:fund_aid`).
PLAIN_POINTS = (
    "none",
    "objectives",
    "score",
    "action_list",
    "deals",
    "end_turn",
    "map",
    "log",
    "dashboard",
    "card",
    "confirm",
    "offer",
)
REF_POINTS = ("action", "region", "deal", "track")

# What a step may wait for; the kinds in REF_WAITS take an id (`select:fund_aid`).
PLAIN_WAITS = ("next", "end_turn")
REF_WAITS = ("select", "target", "action", "offer", "answer", "open", "close")
PANELS = ("objectives", "log")  # what `open:` and `close:` name


@dataclass(frozen=True, slots=True)
class LessonDef:
    """One step of a level's tutorial.

    `point_ref` and `wait_ref` are the index of what the kind names (an action, a region,
    a deal, a panel in PANELS) or the slot of a track; -1 when the kind takes no id.
    """

    id: str
    faction: int  # the learner's faction: the step shows on its turns only
    round: int  # the round it belongs to; dropped unfinished once a later round starts
    title: str
    text: str
    point_at: str
    point_ref: int
    wait_for: str
    wait_ref: int
