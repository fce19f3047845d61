"""A faction's compiled, static facts (re-exported by `game.engine.ruleset`)."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.score_defs import Fn


@dataclass(frozen=True, slots=True)
class FactionDef:
    """A seat and its static facts."""

    index: int
    id: str
    name: str
    short: str
    description: str
    color: str
    emblem: str
    action_points: Fn
    intel_slot: int  # -1: no intel resource
    goal: str
    doctrine: tuple[tuple[int, float], ...]  # (objective index, weight)
    resources: tuple[int, ...]  # slots of its resources
    planner: str = "tree"  # how its search AI plans: "tree" or "rollout"
    foresight: float = 0.5  # its search AI's weight on where a position drifts
    judge: str = "static"  # how its rollout planning scores positions: "static" or "learned"
    switch_margin: float = 0.03  # rollout: share of the stakes a move must gain over greedy
    brink: int = 0  # rollout planning steps back once a shared defeat is this near (0: off)
    ap_text: str = ""  # in words: how many action points it gets and what changes them
