"""Level content: the only layer that reads YAML and level files.

`load_level(name_or_path)` returns a compiled `Ruleset` or raises `ContentError`
with every problem located as `file:line:col: message`; `open_level` returns a
`LoadedLevel` (the ruleset and the warnings loading found).
"""

from __future__ import annotations

from game.content.level import LoadedLevel, load_level, open_level
from game.content.loader import find_level, read_level
from game.content.problems import ContentError, Problem

__all__ = [
    "ContentError",
    "LoadedLevel",
    "Problem",
    "find_level",
    "load_level",
    "open_level",
    "read_level",
]
