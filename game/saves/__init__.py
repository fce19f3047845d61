"""Saves, autosaves and replays: versioned JSON, written atomically, verified on load.

Public API: `save_match`, `load_match`, `read_save`, `replay_save`, `autosave`,
`autosave_hook` (for `Match.on_round`),
`latest_autosave`, `data_dir`, and the errors `SaveFileError`, `LevelChangedError`.
"""

from __future__ import annotations

from game.saves.errors import LevelChangedError, SaveFileError
from game.saves.format import FORMAT_VERSION, dumps, parse
from game.saves.replay import Replay
from game.saves.store import load_match, match_from_model, read_save, replay_save, save_match
from game.saves.userdata import autosave, autosave_hook, data_dir, latest_autosave

__all__ = [
    "FORMAT_VERSION",
    "LevelChangedError",
    "Replay",
    "SaveFileError",
    "autosave",
    "autosave_hook",
    "data_dir",
    "dumps",
    "latest_autosave",
    "load_match",
    "match_from_model",
    "parse",
    "read_save",
    "replay_save",
    "save_match",
]
