"""The headless rule engine: pure, deterministic, and free of pygame and YAML.

Public API (what agents and the UI use):
`new_game`, `legal_actions`, `legal_indices`, `apply`, `step`, `end_round`, `why_illegal`,
`is_legal`, `current_faction`, `is_over`, `scores`, `observe`, `sample_state`, `preview`,
`action_options`, `describe`; for deals `responder` (who must answer the pending
offer), `pending_deal`, `answer_moves`, `open_promises` (promised actions not yet
taken) and `break_at_deadline` (what missing one would do, on a copy); and the types
`State`, `Action`, `PASS`, `PlayerView`, `LogEntry`, `Ruleset`, `IllegalAction`.
"""

from __future__ import annotations

from game.engine.deals import (
    answer_moves,
    break_at_deadline,
    open_promises,
    pending_deal,
    responder,
)
from game.engine.errors import EngineError, IllegalAction, StateError
from game.engine.flow import new_game
from game.engine.log import LogEntry, describe, headline_of, news_text, visible
from game.engine.preview import Preview, preview
from game.engine.rules import (
    apply,
    chance_of,
    current_faction,
    end_round,
    is_legal,
    is_over,
    legal_actions,
    legal_indices,
    scores,
    step,
    why_illegal,
)
from game.engine.ruleset import PASS, Action, Ruleset
from game.engine.state import State, mark_trial, undo_trial
from game.engine.view import (
    ActionOption,
    PlayerView,
    action_options,
    observe,
    sample_state,
    visible_log,
)

__all__ = [
    "PASS",
    "Action",
    "ActionOption",
    "EngineError",
    "IllegalAction",
    "LogEntry",
    "PlayerView",
    "Preview",
    "Ruleset",
    "State",
    "StateError",
    "action_options",
    "answer_moves",
    "apply",
    "break_at_deadline",
    "chance_of",
    "current_faction",
    "describe",
    "end_round",
    "headline_of",
    "is_legal",
    "is_over",
    "legal_actions",
    "legal_indices",
    "mark_trial",
    "new_game",
    "news_text",
    "observe",
    "open_promises",
    "pending_deal",
    "preview",
    "responder",
    "sample_state",
    "scores",
    "step",
    "undo_trial",
    "visible",
    "visible_log",
    "why_illegal",
]
