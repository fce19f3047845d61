"""Save and load matches: atomic writes, strict reads, full replay on every load."""

from __future__ import annotations

import os
from pathlib import Path

from game.content import ContentError, load_level
from game.engine import Ruleset
from game.match import Match
from game.safeio import UnsafeFileError, read_regular
from game.saves.atomic import atomic_write_bytes
from game.saves.errors import LevelChangedError, SaveFileError
from game.saves.format import MAX_SAVE_BYTES, SaveModel, dumps, parse
from game.saves.replay import Replay, replay


def save_match(match: Match, path: str | os.PathLike[str]) -> None:
    """Write the match's save to `path` atomically (a crash mid-save keeps the old file).

    Raises OSError if the file cannot be written.
    """
    atomic_write_bytes(path, dumps(match))


def read_save(path: str | os.PathLike[str]) -> SaveModel:
    """Read and check a save file without replaying it; raises SaveFileError."""
    target = Path(path)
    try:
        raw = read_regular(target, MAX_SAVE_BYTES)
    except FileNotFoundError:
        raise SaveFileError(f"{target}: no such save file") from None
    except UnsafeFileError as exc:
        too_big = "larger than" in exc.reason
        why = (
            "the file is too large to be a save"
            if too_big
            else exc.reason.replace("not a regular file", "not a save file")
        )
        raise SaveFileError(f"{target}: {why}") from None
    except OSError as exc:
        raise SaveFileError(f"{target}: cannot read the file: {exc.strerror}") from None
    try:
        return parse(raw)
    except SaveFileError as exc:
        raise SaveFileError(f"{target}: {exc.message}") from None


def level_for(model: SaveModel) -> Ruleset:
    """Load the level a save names (by id under levels/, else the folder it was played
    from); raises SaveFileError if it is missing or broken."""
    ref = model.level
    try:
        rules = load_level(ref.id)
    except ContentError as exc:
        folder = Path(ref.folder) if ref.folder else None
        if folder is None or not folder.is_dir():
            first = exc.problems[0].message if exc.problems else "cannot be loaded"
            raise SaveFileError(
                f"the save is for level '{ref.id}', which cannot be loaded: {first}"
            ) from None
        try:
            rules = load_level(folder)
        except ContentError as exc2:
            raise SaveFileError(f"the save's level '{ref.id}' has errors now:\n{exc2}") from None
    if rules.level_id != ref.id:
        raise SaveFileError(
            f"the save is for level '{ref.id}', but the folder found holds level '{rules.level_id}'"
        )
    return rules


def replay_save(model: SaveModel, rules: Ruleset | None = None) -> Replay:
    """Replay a checked save under `rules` (default: its level as it is now)."""
    return replay(model, rules if rules is not None else level_for(model))


def load_match(path: str | os.PathLike[str], rules: Ruleset | None = None) -> Match:
    """Load a save, replaying its history to prove it; the file is never modified.

    Raises SaveFileError (unreadable, damaged, edited, unknown level, illegal move,
    snapshot not matching its moves), or LevelChangedError when the level's files
    changed since the save was made (carrying the history replayed under the new
    rules and the first round that differs).
    """
    model = read_save(path)
    return match_from_model(model, rules, str(path))


def match_from_model(model: SaveModel, rules: Ruleset | None = None, name: str = "save") -> Match:
    """The Match a checked save describes; raises like `load_match`."""
    result = replay_save(model, rules)
    if result.level_changed:
        where = (
            f"play first differs in round {result.divergence}"
            if result.divergence
            else "the saved moves play out the same"
        )
        detail = f" ({result.stopped})" if result.stopped else ""
        raise LevelChangedError(
            f"{name}: the level '{model.level.id}' changed since this game was saved; "
            f"replayed under the new rules, {where}{detail}",
            result.match,
            result.divergence,
        )
    if result.stopped is not None:
        raise SaveFileError(f"{name}: the save's history cannot be replayed: {result.stopped}")
    if result.mismatch is not None:
        raise SaveFileError(
            f"{name}: the save was edited or corrupted: the state at round "
            f"{result.mismatch.round} does not match its recorded hash"
        )
    if result.snapshot_problem is not None:
        raise SaveFileError(f"{name}: {result.snapshot_problem}")
    return result.match
